#!/usr/bin/env bash
# Packs a dataset folder into one fuzz_dataset input (the format fuzz_dataset.c reads):
#   dataset.ini NUL segments.csv NUL enterprises.csv [NUL supply.csv]
# Usage: fuzz/make_dataset_seed.sh DATASET_DIR > fuzz/corpus/dataset/NAME
# (table file names in the ini are ignored; supply.csv is packed when the folder has one)
set -euo pipefail
dir=${1:?usage: make_dataset_seed.sh DATASET_DIR}
cat "$dir/dataset.ini"
printf '\0'
cat "$dir/segments.csv"
printf '\0'
cat "$dir/enterprises.csv"
if [ -f "$dir/supply.csv" ]; then
  printf '\0'
  cat "$dir/supply.csv"
fi
