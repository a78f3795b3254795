#!/usr/bin/env bash
# Batch rendering speed-up: `chainmap batch` over 20 datasets with -j 1 and -j 2 (alternating runs,
# median wall time of each) and the speed-up. Not a test: the numbers go to docs/performance.md.
#
#   bench/batch.sh [--chainmap BIN] [--gen GEN.PY] [--runs N] [--work DIR] [--keep]
#                  [--size ENTERPRISES,EDGES,SEGMENTS]
#
# The datasets: 18 made by gen.py (default size 150,500,25; seeds 1-18, so that most have chain
# leaders) and copies of the two samples. Output goes to --work (default a temporary folder,
# removed at the end unless --keep). Run it on an otherwise idle machine.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
chainmap="$root/build/chainmap"
gen="$root/../shared/bench/gen.py"
runs=3
work=""
keep=0
enterprises=150
edges=500
segments=25

while [ $# -gt 0 ]; do
  case "$1" in
    --chainmap) chainmap="$2"; shift 2 ;;
    --gen) gen="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --size) IFS=, read -r enterprises edges segments <<<"$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "bench/batch.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

[ -x "$chainmap" ] || { echo "bench/batch.sh: no chainmap at $chainmap (build first or pass --chainmap)" >&2; exit 2; }
[ -f "$gen" ] || { echo "bench/batch.sh: no gen.py at $gen (pass --gen)" >&2; exit 2; }

if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/chainmap-bench-batch-XXXXXX")"
  [ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/data"

echo "== datasets in $work/data"
for seed in $(seq 1 18); do
  d="$work/data/gen-$seed"
  [ -f "$d/dataset.ini" ] || python3 "$gen" "$d" --enterprises $enterprises --edges $edges \
    --segments $segments --seed "$seed" >/dev/null
done
for s in "$root"/samples/*/; do
  name="$(basename "$s")"
  [ -d "$work/data/$name" ] || cp -r "$s" "$work/data/$name"
done
n="$(ls "$work/data" | wc -l)"
echo "$n datasets (gen.py --enterprises $enterprises --edges $edges --segments $segments, seeds 1-18, and the samples)"

# One run: "WALL CPU BUSIEST" seconds on stdout. CPU: user + system of the batch and its workers.
# BUSIEST: CPU of the worker that worked longest, sampled from /proc every 0.2 s; on an idle
# machine the wall time of -j 2 cannot be less, so CPU(-j 1) / BUSIEST(-j 2) is the speed-up the
# scheduling allows, and CPU(-j 2) / BUSIEST(-j 2) how evenly the two workers shared the work,
# whatever else runs. The batch must succeed.
run() {
  local jobs="$1" out="$work/out-j$1" tick busiest=0 cm w t
  tick="$(getconf CLK_TCK)"
  declare -A peak=()
  rm -rf "$out"
  /usr/bin/time -f '%e %U %S' -o "$work/time-j$jobs" "$chainmap" batch "$work"/data/* -d "$out" \
    -T svg,png -j "$jobs" 2>"$work/log-j$jobs" &
  local timer=$!
  while kill -0 "$timer" 2>/dev/null; do
    cm="$(pgrep -P "$timer" | head -n 1)"
    for w in $(pgrep -P "${cm:-1}" 2>/dev/null); do
      [ -n "$cm" ] || break
      t="$(awk '{print $14 + $15}' "/proc/$w/stat" 2>/dev/null)" || continue
      [ -n "$t" ] && [ "$t" -gt "${peak[$w]:-0}" ] && peak[$w]="$t"
    done
    sleep 0.2
  done
  if ! wait "$timer"; then
    echo "bench/batch.sh: the batch failed, see $work/log-j$jobs" >&2
    exit 1
  fi
  for w in "${!peak[@]}"; do [ "${peak[$w]}" -gt "$busiest" ] && busiest="${peak[$w]}"; done
  awk -v b="$busiest" -v tick="$tick" '{printf "%.2f %.2f %.2f\n", $1, $2 + $3, b / tick}' \
    "$work/time-j$jobs"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# Other work on the machine skews the numbers: with the kernel's autogroup scheduling a busy
# session elsewhere caps what a second worker can get. Shown before and after.
busy() { echo "load $(cut -d' ' -f1-3 /proc/loadavg)"; }

echo "== machine: nproc $(nproc); $(busy)"
w1=(); w2=(); c1=(); c2=(); b2=(); bal=()
for r in $(seq 1 "$runs"); do
  read -r a ca ba <<<"$(run 1)"; w1+=("$a"); c1+=("$ca")
  echo "run $r: -j 1 ${a}s wall, ${ca}s CPU; $(busy)"
  read -r b cb bb <<<"$(run 2)"; w2+=("$b"); c2+=("$cb"); b2+=("$bb")
  bal+=("$(awk "BEGIN {printf \"%.2f\", $cb / $bb}")")
  echo "run $r: -j 2 ${b}s wall, ${cb}s CPU, busiest worker ${bb}s CPU (balance ${bal[-1]}); $(busy)"
done
items="$(find "$work/out-j1" -type f | wc -l)"
m1="$(median "${w1[@]}")"; m2="$(median "${w2[@]}")"
mc1="$(median "${c1[@]}")"; mc2="$(median "${c2[@]}")"; mb2="$(median "${b2[@]}")"
echo "== $n datasets, $items files per run"
echo "median -j 1: ${m1}s wall, ${mc1}s CPU (CPU/wall $(awk "BEGIN {printf \"%.2f\", $mc1 / $m1}"))"
echo "median -j 2: ${m2}s wall, ${mc2}s CPU (CPU/wall $(awk "BEGIN {printf \"%.2f\", $mc2 / $m2}")), busiest worker ${mb2}s CPU"
awk "BEGIN {printf \"speed-up (wall): %.2fx (goal >= 1.7x on 2 cores)\\n\", $m1 / $m2}"
awk "BEGIN {printf \"speed-up the scheduling allows (CPU -j 1 / busiest worker -j 2): %.2fx\\n\", $mc1 / $mb2}"
echo "balance of -j 2 (CPU of both workers / busiest; 2.00 is perfect): median $(median "${bal[@]}")"
awk "BEGIN {printf \"CPU overhead of -j 2: %+.1f%%\\n\", ($mc2 / $mc1 - 1) * 100}"
if awk "BEGIN {exit !($mc1 / $m1 < 0.9)}"; then
  echo "note: -j 1 got $(awk "BEGIN {printf \"%.2f\", $mc1 / $m1}") of a core: the machine is busy, the wall-time speed-up means little"
fi
