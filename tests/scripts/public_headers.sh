#!/usr/bin/env bash
# Every public header compiles on its own as C17 and as C++17 with only include/ and the
# dependencies' flags (so it needs no private header and is C++-clean), and none names an
# internal (a cm_<module>__ helper, the id index, the dataset's fields).
# Usage: public_headers.sh SOURCE_DIR WORK_DIR CC CXX
set -euo pipefail
src=$1 work=$2 cc=$3 cxx=$4
mkdir -p "$work"
flags="-I$src/include $(pkg-config --cflags glib-2.0 igraph) -Wall -Wextra -Werror"
status=0
for h in "$src"/include/chainmap/*.h; do
  name=chainmap/$(basename "$h")
  printf '#include <%s>\n#include <%s>\n' "$name" "$name" >"$work/one.c" # twice: pragma once
  cp "$work/one.c" "$work/one.cpp"
  if ! "$cc" -std=c17 -fsyntax-only $flags "$work/one.c"; then
    echo "FAIL: $name does not compile as C"
    status=1
  fi
  if ! "$cxx" -std=c++17 -fsyntax-only $flags "$work/one.cpp"; then
    echo "FAIL: $name does not compile as C++"
    status=1
  fi
  if grep -nE 'cm_[a-z_]+__|CmIdSlot|CmIdIndex|CmIdKey|struct _CmDataset *\{|adopt_strings|\bds->|#include "' "$h"; then
    echo "FAIL: $name exposes an internal (above)"
    status=1
  fi
  if ! grep -q 'G_BEGIN_DECLS' "$h" && [ "$(basename "$h")" != chainmap.h ]; then
    echo "FAIL: $name has no G_BEGIN_DECLS"
    status=1
  fi
done
# the umbrella includes every public header
for h in "$src"/include/chainmap/*.h; do
  b=$(basename "$h")
  [ "$b" = chainmap.h ] && continue
  grep -q "#include <chainmap/$b>" "$src/include/chainmap/chainmap.h" ||
    { echo "FAIL: chainmap.h does not include chainmap/$b"; status=1; }
done
[ $status -eq 0 ] && echo "public headers: ok"
exit $status
