#!/usr/bin/env python3
"""Rewrites a gen.py dataset with the keys real data has.

    bench/realkeys.py SRC DST

Enterprise ids become 18-character unified social credit codes (统一社会信用代码, GB 32100-2015
shape: '9' '1', a six-digit administrative code, a nine-character organisation code and the
check character, over 0-9 and A-Z without I, O, S, V, Z) and names become Chinese company names
of 30 bytes and more (宁德市…有限公司). The map is injective (the organisation code is a bijection
of the enterprise's row number) and applied consistently to enterprises.csv and supply.csv;
segments.csv and dataset.ini are copied as they are. Figures, statuses and regions are unchanged,
so every report gives the same numbers with other ids and names.
"""
import csv
import os
import shutil
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: GB 32100's set
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ADMIN = ["350902", "350981", "350982", "330902", "330921", "510703", "510704", "430702", "431002",
         "440305", "320583", "110108"]
CITY = ["宁德市", "福安市", "福鼎市", "舟山市", "岱山县", "绵阳市", "常德市", "郴州市", "深圳市",
        "昆山市", "北京市"]
WORD = ["华晟", "宏远", "凯捷", "锦程", "盛达", "恒通", "鑫源", "瑞丰", "博睿", "正泰", "联创",
        "天合", "中科", "新宙", "海聚", "振邦"]
TRADE = ["新材料科技", "新能源科技", "电子科技", "精密制造", "化工", "矿业", "电池材料",
         "智能装备", "循环科技", "贸易"]
N31_9 = 31 ** 9
MULT = 1_000_000_007  # odd and prime to 31: i -> i * MULT mod 31^9 is a bijection


def credit_code(i):
    org = ((i + 1) * MULT) % N31_9
    digits = []
    for _ in range(9):
        org, d = divmod(org, 31)
        digits.append(ALPHABET[d])
    body = "91" + ADMIN[i % len(ADMIN)] + "".join(digits)
    check = (31 - sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS)) % 31) % 31
    return body + ALPHABET[check]


def company_name(i):
    h = (i * 2654435761) % 2 ** 32  # Knuth's multiplicative hash: neighbours get unlike names
    return (CITY[h % len(CITY)] + WORD[(h >> 8) % len(WORD)] + WORD[(h >> 16) % len(WORD)]
            + TRADE[(h >> 24) % len(TRADE)] + "有限公司")


def rewrite(src, dst, columns, ids, first_pass):
    with open(src, encoding="utf-8-sig", newline="") as fin, \
            open(dst, "w", encoding="utf-8", newline="") as fout:
        reader = csv.reader(fin)
        writer = csv.writer(fout, lineterminator="\n")
        header = next(reader)
        names = [h.strip().lower() for h in header]
        writer.writerow(header)
        cols = [names.index(c) for c in columns if c in names]
        name_col = names.index("name") if first_pass and "name" in names else -1
        for row in reader:
            for c in cols:
                key = row[c].strip()
                if first_pass:
                    ids[key] = credit_code(len(ids))
                    if name_col >= 0:
                        row[name_col] = company_name(len(ids) - 1)
                row[c] = ids[key]
            writer.writerow(row)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    src, dst = sys.argv[1], sys.argv[2]
    os.makedirs(dst, exist_ok=True)
    for f in ("dataset.ini", "segments.csv"):
        shutil.copyfile(os.path.join(src, f), os.path.join(dst, f))
    ids = {}
    rewrite(os.path.join(src, "enterprises.csv"), os.path.join(dst, "enterprises.csv"), ["id"],
            ids, True)
    if os.path.exists(os.path.join(src, "supply.csv")):
        rewrite(os.path.join(src, "supply.csv"), os.path.join(dst, "supply.csv"),
                ["supplier", "buyer"], ids, False)


if __name__ == "__main__":
    main()
