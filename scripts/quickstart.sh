#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds chainmap and runs the main job on the bundled Ningde
# sample: validate it, print the gap report, and draw the chain map into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
sample=samples/ningde-lithium
./build/chainmap validate "$sample"
./build/chainmap gaps "$sample"
./build/chainmap procurement "$sample"
mkdir -p out
./build/chainmap render "$sample" -o out/ningde-chain.svg
./build/chainmap render "$sample" -o out/ningde-chain.png
echo
echo "Wrote out/ningde-chain.svg and out/ningde-chain.png (chain map of $sample)."
