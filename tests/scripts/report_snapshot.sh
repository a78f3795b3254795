#!/usr/bin/env bash
# Writes every report in every format of each DATASET into OUTDIR (one file per report, format
# and dataset, stderr and exit code included), so that two builds can be compared with diff -r.
# Usage: report_snapshot.sh CHAINMAP OUTDIR DATASET...
set -uo pipefail
bin=$1 out=$2
shift 2
mkdir -p "$out"
for ds in "$@"; do
  name=$(basename "$ds")
  for cmd in validate gaps procurement targets resilience plan; do
    for fmt in text md csv json; do
      f="$out/$name.$cmd.$fmt"
      "$bin" "$cmd" -f "$fmt" "$ds" >"$f" 2>"$f.err"
      echo "exit $?" >>"$f.err"
    done
  done
  for view in chain network; do
    f="$out/$name.render-$view.dot"
    "$bin" render --view "$view" -T dot -o - "$ds" >"$f" 2>"$f.err"
    echo "exit $?" >>"$f.err"
  done
done
