#!/usr/bin/env bash
# Runs the built chainmap under valgrind memcheck on every dataset folder under samples/:
# `validate` (text and --format json) and, once those commands are built, `gaps`, `procurement`
# and `targets` with --format json; then `validate` on each folder of tests/data/bad/ (error
# paths). Fails (exit 1) on any valgrind error, definite or possible leak included, or on an
# unexpected exit code. Logs go to $BUILD/valgrind/.
# Usage: scripts/valgrind.sh [BUILD_DIR]   (default build/, built with scripts/build.sh if needed;
#        it must be a build without -DCHAINMAP_SANITIZE: ASan and valgrind do not mix)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-$root/build}
bin=$build/chainmap
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
if [[ ! -x $bin ]]; then
  if [[ $build == "$root/build" ]]; then
    bash scripts/build.sh
  else
    cmake -S "$root" -B "$build" >/dev/null && cmake --build "$build" -j"$(nproc)" >/dev/null
  fi
fi
if ldd "$bin" | grep -qE 'libasan|libubsan'; then
  echo "valgrind.sh: $bin is built with sanitizers; give a normal build dir" >&2
  exit 2
fi

logs=$build/valgrind
rm -rf "$logs"
mkdir -p "$logs"
supp=()
[[ -f /usr/share/glib-2.0/valgrind/glib.supp ]] && supp=(--suppressions=/usr/share/glib-2.0/valgrind/glib.supp)
export G_SLICE=always-malloc G_DEBUG=gc-friendly NO_COLOR=1

runs=0
failed=0
# check EXPECTED_EXITS NAME ARGS...: runs chainmap ARGS under valgrind; EXPECTED_EXITS like "0" or "0|1"
check() {
  local expected=$1 name=$2
  shift 2
  local log=$logs/$name.log status=0
  runs=$((runs + 1))
  valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,possible \
    --errors-for-leak-kinds=definite,possible --track-origins=yes "${supp[@]}" \
    --log-file="$log" "$bin" "$@" >"$logs/$name.out" 2>"$logs/$name.err" || status=$?
  if [[ $status -eq 99 ]]; then
    echo "FAIL $name: valgrind found errors (chainmap $*)"
    grep -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|Source and|Argument|[0-9,]+ bytes in)|ERROR SUMMARY' "$log" | head -12
    echo "  log: $log"
    failed=1
  elif [[ ! $status =~ ^($expected)$ ]]; then
    echo "FAIL $name: exit $status, expected $expected (chainmap $*); stderr: $logs/$name.err"
    head -5 "$logs/$name.err"
    failed=1
  else
    echo "ok   $name (exit $status)"
  fi
}

# A report command counts once `chainmap help CMD` works and is not the placeholder.
built() {
  local out
  out=$("$bin" help "$1" 2>&1) || return 1
  ! grep -q 'not built yet' <<<"$out"
}
commands=()
for cmd in gaps procurement targets; do
  if built "$cmd"; then
    commands+=("$cmd")
  else
    echo "skip $cmd: not built yet"
  fi
done

for dir in samples/*/; do
  [[ -f $dir/dataset.ini ]] || continue
  name=$(basename "$dir")
  check 0 "validate-$name" validate "$dir"
  check 0 "validate-json-$name" validate "$dir" --format json
  for cmd in "${commands[@]}"; do
    check 0 "$cmd-json-$name" "$cmd" "$dir" --format json
  done
done
if [[ -d tests/data/bad ]]; then
  for dir in tests/data/bad/*/; do
    [[ -f $dir/dataset.ini ]] || continue
    check '0|1' "validate-bad-$(basename "$dir")" validate "$dir" --format json
  done
fi

echo "valgrind.sh: $runs run(s), $([[ $failed -eq 0 ]] && echo 'no valgrind errors' || echo 'FAILURES')"
exit "$failed"
