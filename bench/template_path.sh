#!/usr/bin/env bash
# Template analysis on long path templates (issue 12): `chainmap gaps` on a path s0 -> s1 -> ...
# of N segments with every STEP-th made locally, for each N given; wall time and peak memory
# (GNU time). Not a test: the numbers go to docs/performance.md.
#
#   bench/template_path.sh [--chainmap BIN] [--step STEP] [--format text|json] N...
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
chainmap="$(dirname "$here")/build/chainmap"
step=10
format=text
while [ $# -gt 0 ]; do
  case "$1" in
    --chainmap) chainmap="$2"; shift 2 ;;
    --step) step="$2"; shift 2 ;;
    --format) format="$2"; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || set -- 20000 100000
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for n in "$@"; do
  ds="$work/path-$n"
  mkdir -p "$ds"
  printf '[dataset]\nname=Path %s\nregion=R\nunit=u\n' "$n" > "$ds/dataset.ini"
  awk -v n="$n" 'BEGIN { print "id,tier,inputs"; print "s0,upstream,";
                         for (i = 1; i < n; i++) printf "s%d,upstream,s%d\n", i, i - 1 }' \
    > "$ds/segments.csv"
  awk -v n="$n" -v step="$step" 'BEGIN { print "id,region,segments";
                         for (i = 0; i < n; i += step) printf "e%d,R,s%d\n", i, i }' \
    > "$ds/enterprises.csv"
  /usr/bin/time -f "$n segments (every $step present), --format $format: %e s, %M KB peak" \
    "$chainmap" gaps "$ds" --format "$format" > /dev/null
done
