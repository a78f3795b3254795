#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds with warnings as errors and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DCHAINMAP_WERROR=ON -DCHAINMAP_SANITIZE=OFF
cd build
ctest --output-on-failure -j"$(nproc)"
