#!/usr/bin/env bash
# National scale: chainmap against the DuckDB peer and the pandas+networkx peer on synthetic
# datasets of 100k, 1M and 10M supply rows (gen.py; 10 supply rows per enterprise, 80
# segments, seed 11). Runs alternate (A B C A B C ...), each tool --runs times; the table shows
# median wall time and median peak RSS (/usr/bin/time -v), the ratios to the DuckDB peer, and
# how chainmap grows from 1M to 10M rows, and each chainmap report's time over `gaps` (procurement,
# targets, resilience and plan aim at 1.5x at most; compare, five study regions side by side, at
# 2x), both as the ratio of the medians and as the median of each round's own ratio. With
# --keys real (or both, the default) each size is also measured with the keys real data has:
# the same dataset rewritten by bench/realkeys.py (18-character credit codes, Chinese company
# names). Not a test: the numbers go to docs/performance.md.
#
#   bench/national.sh [--chainmap BIN] [--peers DIR] [--data DIR] [--runs N]
#                     [--sizes "100000 1000000 10000000"] [--pandas-max ROWS] [--reuse ROWS=DIR]...
#                     [--keys short|real|both]
#
# --peers holds gen.py, peer.py and peer-duckdb.mjs (default: ../shared/bench beside the repo).
# --data caches the generated datasets (default /tmp/chainmap-national); --reuse ROWS=DIR takes an
# existing dataset for a size instead (it must have been made with the same gen.py arguments).
# The pandas peer runs only up to --pandas-max rows (default 1000000: at 10M rows it takes about
# a minute and 4 GB a run). Missing peer packages are installed: @duckdb/node-api with npm into
# DATA/duckdb-peer, python3-pandas and python3-networkx with apt-get (as root).
# Without --chainmap, a Release build is made in build-national/.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
chainmap=""
peers="$root/../shared/bench"
data="${TMPDIR:-/tmp}/chainmap-national"
runs=3
sizes="100000 1000000 10000000"
pandas_max=1000000
keys="both"
declare -A reuse=()

while [ $# -gt 0 ]; do
  case "$1" in
    --chainmap) chainmap="$2"; shift 2 ;;
    --peers) peers="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --pandas-max) pandas_max="$2"; shift 2 ;;
    --reuse) reuse["${2%%=*}"]="${2#*=}"; shift 2 ;;
    --keys) keys="$2"; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "bench/national.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

die() { echo "bench/national.sh: $*" >&2; exit 2; }
for f in gen.py peer.py peer-duckdb.mjs; do
  [ -f "$peers/$f" ] || die "no $f in $peers (pass --peers DIR)"
done
peers="$(cd "$peers" && pwd)"
[ -x /usr/bin/time ] || die "needs GNU time at /usr/bin/time (apt-get install time)"
mkdir -p "$data"
data="$(cd "$data" && pwd)"

# --- chainmap ---
if [ -z "$chainmap" ]; then
  echo "building chainmap (Release) in $root/build-national ..." >&2
  cmake -S "$root" -B "$root/build-national" -DCMAKE_BUILD_TYPE=Release -DCHAINMAP_TESTS=OFF >/dev/null
  cmake --build "$root/build-national" -j"$(nproc)" >/dev/null
  chainmap="$root/build-national/chainmap"
fi
[ -x "$chainmap" ] || die "no chainmap at $chainmap"
chainmap="$(cd "$(dirname "$chainmap")" && pwd)/$(basename "$chainmap")"

# --- peers ---
duck="$data/duckdb-peer"
mkdir -p "$duck"
cp "$peers/peer-duckdb.mjs" "$duck/"
if ! (cd "$duck" && node -e "import('@duckdb/node-api')" >/dev/null 2>&1); then
  command -v npm >/dev/null || die "needs node and npm for the DuckDB peer (apt-get install nodejs npm)"
  echo "installing @duckdb/node-api into $duck ..." >&2
  (cd "$duck" && npm install --no-audit --no-fund @duckdb/node-api >/dev/null)
fi
if ! /usr/bin/python3 -c "import pandas, networkx" 2>/dev/null; then
  [ "$(id -u)" = 0 ] || die "needs python3-pandas and python3-networkx (sudo apt-get install them)"
  echo "installing python3-pandas python3-networkx ..." >&2
  apt-get install -y python3-pandas python3-networkx >/dev/null
fi

# --- datasets ---
declare -A dir=()
for rows in $sizes; do
  if [ -n "${reuse[$rows]:-}" ]; then
    dir[$rows]="$(cd "${reuse[$rows]}" && pwd)"
  else
    dir[$rows]="$data/rows-$rows"
    if [ ! -f "${dir[$rows]}/dataset.ini" ]; then
      echo "generating $rows supply rows ..." >&2
      /usr/bin/python3 "$peers/gen.py" "${dir[$rows]}" --enterprises $((rows / 10)) \
        --edges "$rows" --segments 80 --seed 11 >/dev/null
    fi
  fi
  [ -f "${dir[$rows]}/dataset.ini" ] || die "no dataset.ini in ${dir[$rows]}"
  real="$data/real-$rows"
  if [ "$keys" != short ] && [ ! -f "$real/supply.csv" ]; then
    echo "rewriting $rows supply rows with real keys ..." >&2
    /usr/bin/python3 "$here/realkeys.py" "${dir[$rows]}" "$real"
  fi
  dir["$rows/real"]="$real"
done
case "$keys" in
  short) cases="$sizes" ;;
  real) cases="$(for r in $sizes; do printf '%s/real ' "$r"; done)" ;;
  both) cases="$(for r in $sizes; do printf '%s %s/real ' "$r" "$r"; done)" ;;
  *) die "--keys takes short, real or both" ;;
esac

# --- runs: one line per run: rows tool run seconds peak_kb ---
results="$data/results.tsv"
: >"$results"
measure() { # rows tool run command...
  local rows="$1" tool="$2" run="$3"
  shift 3
  local log="$data/time.log" rc=0
  (cd "$duck" && /usr/bin/time -v "$@" >/dev/null 2>"$log") || rc=$?
  # exit 1 is chainmap's "the dataset has errors"; the synthetic ones only have warnings
  [ "$rc" = 0 ] || { tail -5 "$log" >&2; die "$tool failed on $rows rows (exit $rc)"; }
  local wall kb
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" |
    awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')"
  kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
  printf '%s\t%s\t%s\t%s\t%s\n' "$rows" "$tool" "$run" "$wall" "$kb" >>"$results"
}

for rows in $cases; do
  d="${dir[$rows]}"
  cat "$d"/*.csv >/dev/null # page cache: every tool reads warm files
  for run in $(seq 1 "$runs"); do
    echo "rows $rows, run $run/$runs ..." >&2
    measure "$rows" "chainmap gaps" "$run" "$chainmap" gaps "$d"
    measure "$rows" "duckdb gaps" "$run" node peer-duckdb.mjs gaps "$d"
    if [ "${rows%/real}" -le "$pandas_max" ]; then
      measure "$rows" "pandas gaps" "$run" /usr/bin/python3 "$peers/peer.py" gaps "$d"
    fi
    measure "$rows" "chainmap procurement" "$run" "$chainmap" procurement "$d"
    measure "$rows" "chainmap targets" "$run" "$chainmap" targets "$d"
    measure "$rows" "chainmap resilience" "$run" "$chainmap" resilience "$d"
    measure "$rows" "chainmap plan" "$run" "$chainmap" plan "$d"
    measure "$rows" "chainmap validate" "$run" "$chainmap" validate "$d"
    # five study regions side by side: the city, its three districts and the province
    measure "$rows" "chainmap compare (5 regions)" "$run" "$chainmap" compare "$d" \
      --region Fujian/Ningde --region Fujian/Ningde/Jiaocheng --region "Fujian/Ningde/Fu'an" \
      --region Fujian/Ningde/Dongqiao --region Fujian
    measure "$rows" "cat (reading the files)" "$run" cat "$d"/dataset.ini "$d"/segments.csv \
      "$d"/enterprises.csv "$d"/supply.csv
  done
done

echo
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)," \
  "$(free -g | awk '/^Mem:/ {print $2}') GB RAM; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); runs per cell: $runs (median)"
/usr/bin/python3 - "$results" <<'EOF'
import collections, statistics, sys
cells = collections.defaultdict(list)
for line in open(sys.argv[1]):
    rows, tool, run, wall, kb = line.rstrip("\n").split("\t")
    # "1000000/real": the same rows with credit-code ids and Chinese names
    n, _, real = rows.partition("/")
    cells[((int(n), real), tool)].append((float(wall), int(kb)))
med = {k: (statistics.median(w for w, _ in v), statistics.median(m for _, m in v))
       for k, v in cells.items()}
sizes = sorted({r for r, _ in med})
tools = []
for _, t in med:
    if t not in tools:
        tools.append(t)
print()
print("| rows | tool | wall s (median) | peak RSS MB | time / DuckDB | RSS / DuckDB |")
print("|---:|---|---:|---:|---:|---:|")
for r in sizes:
    duck = med.get((r, "duckdb gaps"))
    for t in tools:
        if (r, t) not in med:
            continue
        w, m = med[(r, t)]
        rt = f"{w / duck[0]:.2f}" if duck and duck[0] > 0 else "-"
        rm = f"{m / duck[1]:.2f}" if duck else "-"
        label = f"{r[0]:,}" + (" (real keys)" if r[1] else "")
        print(f"| {label} | {t} | {w:.2f} | {m / 1024:.0f} | {rt} | {rm} |")
print()
gaps = {r: med[(r, "chainmap gaps")] for r in sizes if (r, "chainmap gaps") in med}
# the same ratio run by run: each report over the gaps of its own round (minutes apart at most,
# where the medians may come from different minutes of a host whose speed drifts)
runs = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    rows, tool, run, wall, kb = line.rstrip("\n").split("\t")
    n, _, real = rows.partition("/")
    runs[((int(n), real), run)][tool] = float(wall)
def paired(r, t):
    x = [v[t] / v["chainmap gaps"] for (rr, _), v in runs.items()
         if rr == r and t in v and v.get("chainmap gaps", 0) > 0]
    return statistics.median(x) if x else None
for t in tools:
    if t.startswith("chainmap") and t != "chainmap gaps":
        cells_t = [(r, med[(r, t)][0] / gaps[r][0], paired(r, t))
                   for r in sizes if (r, t) in med and r in gaps]
        print(f"{t} / chainmap gaps (time, ratio of medians; median of each round's ratio): " +
              ", ".join(f"{r[0]:,} rows{' (real keys)' if r[1] else ''} {x:.2f}; {p:.2f}"
                        for r, x, p in cells_t))
for real in ("", "real"):
    small, big = (1000000, real), (10000000, real)
    for t in tools:
        if t.startswith("chainmap") and (small, t) in med and (big, t) in med:
            a, b = med[(small, t)], med[(big, t)]
            print(f"{t}{' (real keys)' if real else ''}: 1M -> 10M rows costs "
                  f"{b[0] / a[0]:.1f}x the time, {b[1] / a[1]:.1f}x the memory")
EOF
echo
echo "raw runs: $results"
