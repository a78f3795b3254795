#!/usr/bin/env bash
# A CSV report through a real spreadsheet application (LibreOffice Calc, headless): the file
# chainmap writes starts with a UTF-8 BOM, and after LibreOffice imports it as UTF-8 and writes it
# back, the Chinese names are intact, the BOM is not part of the first cell, and a name that is a
# formula (=1+1) is still its text, not 2. Usage: csv_spreadsheet.sh CHAINMAP SOURCE WORK
# Exit 77 (skipped) without soffice.
set -euo pipefail
chainmap=$1 source=$2 work=$3
soffice=${SOFFICE:-$(command -v soffice || true)}
if [ -z "$soffice" ]; then
  echo "SKIPPED: no soffice (Debian package libreoffice-calc-nogui)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
cp -r "$source/tests/data/loaders/sheet-en" "$work/ds"
# two outside suppliers of the leader: a Chinese name, and a name that is a formula
printf 'kangning,康宁重庆,Chongqing,anode,,5,\nevil,=1+1,Jiangsu/Suzhou,anode,,5,\n' >>"$work/ds/enterprises.csv"
printf 'kangning,catl,anode,4,2024\nevil,catl,anode,3,2024\n' >>"$work/ds/supply.csv"
"$chainmap" targets "$work/ds" --format csv -o "$work/targets.csv"
fail() { echo "FAIL: $*"; exit 1; }
[ "$(head -c 3 "$work/targets.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] ||
  fail "targets.csv does not start with a UTF-8 BOM"
# standard output has none: it goes to programs
[ "$("$chainmap" targets "$work/ds" --format csv | head -c 2)" = id ] || fail "BOM on stdout"
# a private profile: other LibreOffice runs on the machine do not share it
"$soffice" -env:UserInstallation="file://$work/profile" --headless \
  --infilter='CSV:44,34,76,1' --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' \
  --outdir "$work/out" "$work/targets.csv" >"$work/soffice.log" 2>&1 ||
  fail "soffice failed: $(cat "$work/soffice.log")"
out="$work/out/targets.csv"
[ -f "$out" ] || fail "soffice wrote nothing: $(cat "$work/soffice.log")"
head -1 "$out" | grep -q '^id,name,region,' || fail "first row: $(head -1 "$out" | od -c | head -2)"
grep -q '^kangning,康宁重庆,Chongqing,' "$out" || fail "Chinese name garbled: $(cat "$out")"
grep -q '^ganfeng,赣锋锂业,' "$out" || fail "Chinese name garbled: $(cat "$out")"
grep -q "^evil,'=1+1," "$out" || fail "the formula cell did not stay text: $(grep '^evil' "$out")"
echo "ok: BOM, Chinese text and formula neutralising survive LibreOffice"
