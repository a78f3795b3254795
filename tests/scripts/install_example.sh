#!/usr/bin/env bash
# Installs the build into a scratch prefix, builds examples/gap_summary.c against the installed
# libchainmap with pkg-config (shared, then static) and with find_package(chainmap), runs each on
# samples/ningde-lithium and checks the output. Usage: install_example.sh SOURCE_DIR BUILD_DIR WORK
set -euo pipefail
src=$(cd "$1" && pwd) build=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
for f in bin/chainmap include/chainmap/chainmap.h share/man/man1/chainmap.1 \
  lib/cmake/chainmap/chainmapConfig.cmake; do
  [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
libdir=$(ls -d "$prefix"/lib*/pkgconfig | head -1 | xargs dirname)
# the shared library exports the public API only (cmake/libchainmap.cmake's version script)
exports=$(nm -D --defined-only "$libdir/libchainmap.so" | awk '{print $3}')
if echo "$exports" | grep -q '__\|^[^c]\|^c[^m]'; then
  echo "FAIL: libchainmap.so exports more than the public API:"
  echo "$exports" | grep '__\|^[^c]\|^c[^m]' | head
  exit 1
fi
echo "$exports" | grep -qx cm_gaps_compute || { echo "FAIL: cm_gaps_compute not exported"; exit 1; }
export PKG_CONFIG_PATH=$libdir/pkgconfig
cc=${CC:-cc}
# Hand-checked on samples/ningde-lithium (docs/example-gaps-ningde.md): 29 segments, 15 made
# locally (15/29 = 51.7%); 7 strong, 8 weak, 9 gaps, 4 frontier, 1 absent; the action lists in
# SPEC order (weak by leakage, gaps by demand, frontier by distance).
expected='宁德锂电池产业链 (Fujian/Ningde)
segments: 29, made locally: 15 (51.7%)
strong 7, weak 8, gap 9, frontier 4, absent 1
strengthen (8): equipment anode separator ni-co copper consumer-battery ev recycling
supplement (9): li-salt copper-foil cathode-lfp cathode-lco lipf6 graphite al-foil base-film solvent
extend (4): e-ship swap li-ore iron-phosphate'
check() {
  local what=$1 exe=$2 got
  got=$("$exe" "$src/samples/ningde-lithium")
  if [ "$got" != "$expected" ]; then
    echo "FAIL ($what): got"
    echo "$got"
    exit 1
  fi
  echo "ok: $what"
}
# shared: found at run time through the rpath the link line gets from pkg-config's libdir
$cc -std=c17 -Wall -Werror "$src/examples/gap_summary.c" -o "$work/gap_summary" \
  $(pkg-config --cflags --libs chainmap) -Wl,-rpath,"$(pkg-config --variable=libdir chainmap)"
readelf -d "$work/gap_summary" | grep -q 'libchainmap.so.0' || { echo "FAIL: not linked to libchainmap.so.0"; exit 1; }
check "pkg-config, shared" "$work/gap_summary"
# static libchainmap, shared dependencies (Debian's igraph.pc asks for static libraries it does not
# ship, so `pkg-config --static` cannot link)
$cc -std=c17 -Wall -Werror "$src/examples/gap_summary.c" -o "$work/gap_summary_static" \
  $(pkg-config --cflags chainmap) "$libdir/libchainmap.a" \
  $(pkg-config --libs glib-2.0 igraph libcgraph libgvc xlsxwriter) -lcsv -lm -pthread
readelf -d "$work/gap_summary_static" | grep -q 'libchainmap.so' && { echo "FAIL: static build linked the shared library"; exit 1; }
check "pkg-config, static" "$work/gap_summary_static"
# CMake consumers
mkdir -p "$work/cmake-consumer"
cat >"$work/cmake-consumer/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(gap_summary C)
find_package(chainmap 0.1 REQUIRED)
add_executable(gap_summary "$src/examples/gap_summary.c")
target_link_libraries(gap_summary PRIVATE chainmap::chainmap)
set_target_properties(gap_summary PROPERTIES BUILD_RPATH "$libdir")
CMAKE
cmake -S "$work/cmake-consumer" -B "$work/cmake-consumer/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake-consumer/build" >/dev/null
check "find_package(chainmap)" "$work/cmake-consumer/build/gap_summary"
