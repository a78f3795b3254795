#!/usr/bin/env bash
# Maps at real size (issue 11, SPEC section 5): wall time and peak memory of
#   - batch -j 2 -T svg,png of the city dataset (gen.py 300 enterprises, 1500 rows, 30 segments)
#   - each single map of it (chain, chain --slide, the leaders' network maps)
#   - the overview of a 346-segment template in 130 groups (bench/big_template.py)
# and the largest PNG side of each. Not a test: the numbers go to docs/performance.md.
#
#   bench/maps.sh [--chainmap BIN] [--gen GEN.PY] [--work DIR] [--keep]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
chainmap="$root/build/chainmap"
gen="$root/../shared/bench/gen.py"
work=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --chainmap) chainmap="$2"; shift 2 ;;
    --gen) gen="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "bench/maps.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$chainmap" ] || { echo "bench/maps.sh: no chainmap at $chainmap" >&2; exit 2; }
[ -f "$gen" ] || { echo "bench/maps.sh: no gen.py at $gen (pass --gen)" >&2; exit 2; }
if [ -z "$work" ]; then work="$(mktemp -d)"; fi
cleanup() { if [ "$keep" = 0 ]; then rm -rf "$work"; fi; }
trap cleanup EXIT
export SOURCE_DATE_EPOCH=1714521600

/usr/bin/python3 "$gen" "$work/city" --enterprises 300 --edges 1500 --segments 30 --seed 8 >/dev/null
/usr/bin/python3 "$here/big_template.py" "$work/big" >/dev/null

# png_side FILE: the larger of a PNG's width and height
png_side() {
  /usr/bin/python3 -c 'import struct,sys
d=open(sys.argv[1],"rb").read(24); w,h=struct.unpack(">II",d[16:24]); print(max(w,h))' "$1"
}

# measure LABEL CMD...: one line "LABEL  seconds  peak-MB"
measure() {
  local label="$1"; shift
  /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null 2>&1 || true
  read -r seconds kb <"$work/time"
  printf '%-44s %6s s %6d MB\n' "$label" "$seconds" "$((kb / 1024))"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work/out"
# batch: the parent's peak and each worker's are measured apart by time; report the largest
measure "city batch -j 2 -T svg,png" "$chainmap" batch "$work/city" -d "$work/out" -j 2 -T svg,png
for f in "$work"/out/city/*.png; do echo "  $(basename "$f"): $(png_side "$f") px"; done
measure "city chain.png" "$chainmap" render "$work/city" -o "$work/chain.png"
measure "city chain.png --slide" "$chainmap" render "$work/city" -o "$work/chain-slide.png" --slide
for id in $(awk -F, 'NR > 1 && $5 == "leader" {print $1}' "$work/city/enterprises.csv"); do
  measure "city leader $id (depth 2) png" "$chainmap" render "$work/city" --focus "$id" -o "$work/l.png"
  measure "city leader $id (depth 2) png --slide" "$chainmap" render "$work/city" --focus "$id" \
    -o "$work/ls.png" --slide
done
measure "city whole network png" "$chainmap" render "$work/city" --view network -o "$work/n.png"
measure "346-segment overview png" "$chainmap" render "$work/big" -o "$work/big.png"
echo "  big.png: $(png_side "$work/big.png") px"
measure "346-segment overview svg" "$chainmap" render "$work/big" -o "$work/big.svg"
measure "346-segment detail map (--group) png" "$chainmap" render "$work/big" --group "G040 板块40" \
  -o "$work/g.png"
