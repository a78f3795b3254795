#!/usr/bin/env bash
# Configures and builds chainmap into build/ (the binary lands at build/chainmap).
# Extra arguments go to cmake's configure step, e.g. -DCHAINMAP_WERROR=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build "$@" >/dev/null
cmake --build build -j"$(nproc)"
