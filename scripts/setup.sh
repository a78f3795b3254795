#!/usr/bin/env bash
# Installs every Debian 12 package chainmap needs to build, test and run. Idempotent; run as root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libglib2.0-dev libjson-glib-dev libigraph-dev libcsv-dev
  libgraphviz-dev graphviz
  libcriterion-dev
  fonts-noto-cjk fontconfig
  python3 python3-pandas python3-networkx
  clang libclang-rt-14-dev valgrind
  libxml2-utils
  gettext
  libxlsxwriter-dev python3-openpyxl
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Graphviz finds its plugins through config6a; rebuild it in case a package left it stale.
if command -v dot >/dev/null 2>&1; then
  ${SUDO:-} dot -c 2>/dev/null || true
fi
