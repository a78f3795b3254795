#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -DCHAINMAP_FUZZ=ON) and runs each for SECONDS (default 30)
# from its seeds (fuzz/corpus/<what>/) and saved crash inputs (fuzz/crashes/<what>/), two
# targets at a time. New corpus entries stay in the build tree; a crash, leak, timeout or
# invariant failure stops that target, keeps the input and makes the script exit 1.
# Usage: scripts/fuzz.sh [SECONDS]
# Environment: FUZZ_BUILD_DIR (default build-fuzz), FUZZ_JOBS (targets at once, default 2),
#              FUZZ_SEED (libFuzzer -seed, so that a run can be repeated; CI sets it),
#              FUZZ_TARGETS (e.g. "csv number"; default all built fuzz_* targets),
#              FUZZ_FLAGS (extra compile flags, e.g. -fno-sanitize=pointer-overflow to look
#              past a known finding; default none, so every run is strict).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-30}
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || { echo "usage: $0 [SECONDS]" >&2; exit 2; }
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
jobs=${FUZZ_JOBS:-2}
command -v clang >/dev/null || { echo "fuzz.sh: clang is needed (apt-get install clang)" >&2; exit 2; }

mkdir -p "$build"
if ! { CC=clang cmake -S "$root" -B "$build" -DCHAINMAP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCHAINMAP_FUZZ_FLAGS="${FUZZ_FLAGS:-}" &&
  cmake --build "$build" --target fuzz_all -j"$(nproc)"; } >"$build/fuzz-build.log" 2>&1; then
  tail -n 30 "$build/fuzz-build.log"
  echo "fuzz.sh: the fuzz build failed; log: $build/fuzz-build.log" >&2
  exit 1
fi

if [[ -n ${FUZZ_TARGETS:-} ]]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  targets=()
  for exe in "$build"/fuzz/fuzz_*; do
    [[ -x $exe ]] && targets+=("${exe##*/fuzz_}")
  done
fi
[[ ${#targets[@]} -gt 0 ]] || { echo "fuzz.sh: no fuzz targets built in $build/fuzz" >&2; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export G_SLICE=always-malloc

# run_target WHAT: one libFuzzer run; its log is $build/fuzz-work/WHAT/log
run_target() {
  local what=$1 work=$build/fuzz-work/$1
  mkdir -p "$work/corpus" "$work/artifacts"
  local dirs=("$work/corpus" "$root/fuzz/corpus/$what")
  [[ -d $root/fuzz/crashes/$what ]] && dirs+=("$root/fuzz/crashes/$what")
  local dict=() seed=()
  [[ -f $root/fuzz/$what.dict ]] && dict=(-dict="$root/fuzz/$what.dict")
  [[ -n ${FUZZ_SEED:-} ]] && seed=(-seed="$FUZZ_SEED")
  "$build/fuzz/fuzz_$what" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "${dict[@]}" "${seed[@]}" -artifact_prefix="$work/artifacts/" "${dirs[@]}" \
    >"$work/log" 2>&1
}

report() {
  local what=$1 status=$2 log=$build/fuzz-work/$1/log
  local done_line cov
  done_line=$(grep -E '^Done [0-9]+ runs' "$log" | tail -1 || true)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 || true)
  if [[ $status -eq 0 ]]; then
    echo "fuzz_$what: ok: ${done_line:-?} (${cov:-?})"
  else
    echo "fuzz_$what: FAILED (exit $status); log: $log"
    grep -E 'ERROR:|runtime error:|fuzz invariant failed|Test unit written|SUMMARY' "$log" | head -8
    echo "  reproduce: $build/fuzz/fuzz_$what <the input named above>"
  fi
}

failed=0
declare -A pid_of=()
for what in "${targets[@]}"; do
  [[ -x $build/fuzz/fuzz_$what ]] || { echo "fuzz.sh: no target fuzz_$what" >&2; failed=1; continue; }
  while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do
    wait -n || true
  done
  echo "fuzz_$what: running for ${seconds}s"
  run_target "$what" &
  pid_of[$what]=$!
done
for what in "${targets[@]}"; do
  [[ -n ${pid_of[$what]:-} ]] || continue
  status=0
  wait "${pid_of[$what]}" || status=$?
  report "$what" "$status"
  [[ $status -eq 0 ]] || failed=1
done
exit "$failed"
