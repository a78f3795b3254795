#!/usr/bin/env python3
"""Every report, map, page and message of the Ningde sample in both languages (issue 15).

- English output (--lang en) has no CJK character outside the dataset's own values;
- Chinese output (--lang zh) has none of the English words chainmap translates (CHROME below),
  outside the dataset's own values and the words kept on purpose (error/warning, ids, formats);
- name_en is shown with --lang en, name with --lang zh; JSON and CSV keep name in both;
- without --lang the language follows the locale: LANG=zh_CN.UTF-8 gives Chinese, LANG=C English.

i18n_outputs.py --chainmap BIN --source SRC --work DIR
Exit 0 pass, 1 fail.
"""
import argparse
import csv
import glob
import html
import json
import os
import re
import shutil
import subprocess
import sys

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# English words of the chrome that --lang zh must translate: report prose and headers, map
# legends and tooltips, the index page, help texts. Whole words, any case.
CHROME = """
strong weak gap frontier absent strengthen supplement extend upstream midstream downstream
segment segments producer producers leader leaders local outside region counted money purchases
coverage leakage completeness complete target targets priority enterprise enterprises buyer
buyers supplier suppliers demand output share bought why total none legend chain map maps
reports report network material materials arrow width status step steps usage options help
dataset datasets failed errors warnings
""".split()
# Words a user types, which messages and help quote as they are: the Chinese input values SPEC
# accepts (in English output: its Chinese column names and words), option values and command names
# (in Chinese output).
INPUT_WORDS_ZH = """英文名称 上游环节 供应商 采购方 编号 名称 层级 分组 地区 环节 角色 产值 状态 金额 年份
上游 中游 下游 链主 投产 运营 在建 签约""".split()
LITERALS = """
chain network leaders text md csv json svg png pdf dot operating construction signed zh en auto
utf gb validate gaps procurement targets render batch help chainmap resilience plan compare
hhi land
""".split()
failures = []


def fail(msg):
    failures.append(msg)
    print(f"FAIL: {msg}", file=sys.stderr)


def dataset_values(ds):
    """Every text of the dataset (CSV fields, header names, ini values): data, not chrome."""
    values = set()
    for path in glob.glob(os.path.join(ds, "*.csv")):
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
            for row in csv.reader(f):
                for field in row:
                    values.add(field.strip())
                    values.update(p.strip() for p in re.split(r"[;；、/]", field))
    ini = os.path.join(ds, "dataset.ini")
    if not os.path.exists(ini):
        return sorted((v for v in values if v), key=len, reverse=True)
    with open(ini, encoding="utf-8", errors="replace") as f:
        for line in f:
            if "=" in line and not line.lstrip().startswith("#"):
                value = line.split("=", 1)[1].strip()
                values.add(value)
                values.update(p.strip() for p in value.split("/"))
    return sorted((v for v in values if v), key=len, reverse=True)


def svg_text(data):
    """What a reader sees in an SVG: its text and tooltips (<title>), unescaped."""
    parts = re.findall(r"<(?:text|title)[^>]*>(.*?)</(?:text|title)>", data, re.S)
    return "\n".join(html.unescape(p) for p in parts)


def html_text(data):
    data = re.sub(r"<style>.*?</style>", " ", data, flags=re.S)
    data = re.sub(r"<[^>]+>", " ", data)
    return html.unescape(data)


def without(text, values):
    for v in values:
        text = text.replace(v, " ")
    return text


def check_english(what, text, values, literal=False):
    rest = without(text, values)
    if literal:
        rest = without(rest, INPUT_WORDS_ZH)
    found = CJK.findall(rest)
    if found:
        at = CJK.search(rest).start()
        fail(f"{what} (en): CJK outside data values: {''.join(found[:20])!r} near "
             f"{rest[max(0, at - 60):at + 20]!r}")


def check_chinese(what, text, values, literal=False):
    if literal:  # paths (FILE:LINE) and key names (min_coverage) are the user's
        text = re.sub(r"[^\s'（(]*/[^\s:'）)]*|\b\w+_\w+\b", " ", text)
    rest = without(text, values)
    if literal:
        rest = re.sub(r"\[\w+\]", " ", rest)  # ini groups: [dataset]
        rest = re.sub(r"(?i)(?<![A-Za-z])(%s)(?![A-Za-z])" % "|".join(LITERALS), " ", rest)
    # kept on purpose: the severity words tools parse, option names, formats and file names
    rest = re.sub(r"\b(error|warning)\b", " ", rest)
    rest = re.sub(r"\b[A-Z][A-Z0-9_]+\b", " ", rest)  # argument names: DATASET, FILE, LIST
    rest = re.sub(r"--?[A-Za-z][\w-]*(=\w+)?|\b[\w.-]+\.(svg|png|pdf|dot|md|csv|json|ini|html)\b",
                  " ", rest)
    words = set(w.lower() for w in re.findall(r"[A-Za-z]+", rest))
    bad = sorted(words & set(CHROME))
    if bad:
        w = bad[0]
        m = re.search(rf"(?i)(?<![A-Za-z]){w}(?![A-Za-z])", rest)
        fail(f"{what} (zh): English chrome words {bad} near "
             f"{rest[max(0, m.start() - 60):m.end() + 20]!r}")
    if not CJK.search(text):
        fail(f"{what} (zh): no Chinese at all")


def run(args, env=None, ok=(0,)):
    p = subprocess.run(args, capture_output=True, env=env)
    if p.returncode not in ok:
        fail(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chainmap", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    ds = os.path.join(a.source, "samples", "ningde-lithium")
    values = dataset_values(ds) + [ds]  # the sample's path is the user's, whatever its folder
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    env = dict(os.environ, LANGUAGE="", LC_ALL="", LC_MESSAGES="", LANG="C.UTF-8",
               SOURCE_DATE_EPOCH="1767225600")
    bin = a.chainmap

    for lang, check in (("en", check_english), ("zh", check_chinese)):
        for cmd in (["gaps"], ["procurement"], ["targets"], ["resilience"], ["plan"],
                    ["plan", "--land", "ganfeng,semcorp"],
                    ["compare", "--year", "2023", "--year", "2024"],
                    ["compare", "--scenario", "operating", "--scenario", "operating,construction"],
                    ["compare", "--region", "Fujian/Ningde", "--region", "Fujian"]):
            for fmt in ("text", "md"):
                out, _ = run([bin, cmd[0], ds] + cmd[1:] + ["--lang", lang, "--format", fmt], env)
                check(f"{' '.join(cmd)} --format {fmt}", out, values)
        out, _ = run([bin, "validate", ds, "--lang", lang], env)
        check("validate", out, values)
        # every map: chain, network, a leader's, the change map, the overview, a group's and a
        # segment's detail maps, networks with merged suppliers
        for k, view in enumerate((["--view", "chain"], ["--view", "network"], ["--focus", "catl"],
                                  ["--compare", "--year", "2023", "--year", "2024"],
                                  ["--overview"], ["--group", "Key materials 关键材料"],
                                  ["--focus", "cathode-lfp", "--depth", "2"],
                                  ["--focus", "catl", "--top", "1"])):
            svg = os.path.join(a.work, f"map-{lang}-{k}.svg")
            run([bin, "render", ds, "-o", svg, "--lang", lang] + view, env)
            with open(svg, encoding="utf-8") as f:
                check(f"render {' '.join(view)}", svg_text(f.read()), values)
        outdir = os.path.join(a.work, f"batch-{lang}")
        run([bin, "batch", ds, "-d", outdir, "-T", "svg", "-j", "1", "--lang", lang], env)
        with open(os.path.join(outdir, "index.html"), encoding="utf-8") as f:
            check("batch index.html", html_text(f.read()), values)
        for md in ("gaps.md", "procurement.md"):
            with open(os.path.join(outdir, "ningde-lithium", md), encoding="utf-8") as f:
                check(f"batch {md}", f.read(), values)
        for cmd in ("validate", "gaps", "procurement", "targets", "render", "batch", "resilience",
                    "plan", "compare"):
            out, _ = run([bin, "help", cmd, "--lang", lang], env)
            check(f"help {cmd}", out, values, literal=True)
        out, _ = run([bin, "--lang", lang, "--help"], env)
        check("--help", out, values, literal=True)
        for args in (["gaps"], ["gaps", ds, "--format", "xml"], ["render", ds],
                     ["render", ds, "-o", "x.svg", "--view", "tree"], ["targets", ds, "--top", "0"],
                     ["gaps", ds, "--year", "20x4"], ["nosuch"]):
            _, err = run([bin] + args + ["--lang", lang], env, ok=(2,))
            check(f"usage error of {' '.join(args[:1] + args[2:])}",
                  re.sub(r"'[^'\n]*'", " ", err), values + [ds], literal=True)
        # every kind of bad input the loaders name (tests/data/bad): messages and hints
        for bad in sorted(glob.glob(os.path.join(a.source, "tests", "data", "bad", "*"))):
            bvalues = dataset_values(bad) + [bad, os.path.basename(bad)]
            out, err = run([bin, "validate", bad, "--lang", lang], env, ok=(0, 1))
            # the messages quote the user's values and names ('...'): those are data
            check(f"diagnostics of {os.path.basename(bad)}",
                  re.sub(r"'[^'\n]*'", " ", out + err), bvalues, literal=True)

        # the bundled chains and a new dataset from one
        out, _ = run([bin, "templates", "--lang", lang], env)
        check("templates", out, values, literal=True)
        newds = os.path.join(a.work, f"init-{lang}")
        out, err = run([bin, "init", newds, "--template", "lithium-battery", "--region",
                        "Fujian/Ningde", "--lang", lang], env)
        with open(os.path.join(newds, "dataset.ini"), encoding="utf-8") as f:
            comments = "\n".join(l for l in f if l.startswith("#"))
        check("init", re.sub(r"'[^'\n]*'", " ", out + err + comments), values + [newds],
              literal=True)

    # name_en with --lang en, name with zh; JSON keeps name in both
    en, _ = run([bin, "procurement", ds, "--lang", "en"], env)
    zh, _ = run([bin, "procurement", ds, "--lang", "zh"], env)
    if "CATL (catl)" not in en or "宁德时代" in en:
        fail("--lang en shows name_en: 'CATL (catl)' expected, no 宁德时代")
    if "宁德时代 (catl)" not in zh or "CATL (catl)" in zh:
        fail("--lang zh shows name: '宁德时代 (catl)' expected")
    js_en, _ = run([bin, "procurement", ds, "--lang", "en", "--format", "json"], env)
    js_zh, _ = run([bin, "procurement", ds, "--lang", "zh", "--format", "json"], env)
    if js_en != js_zh:
        fail("JSON differs between --lang en and --lang zh")
    names = {b["id"]: b["name"] for b in json.loads(js_en)["buyers"]}
    if names.get("catl") != "宁德时代":
        fail(f"JSON keeps name: catl is {names.get('catl')!r}")
    csv_en, _ = run([bin, "gaps", ds, "--lang", "en", "--format", "csv"], env)
    csv_zh, _ = run([bin, "gaps", ds, "--lang", "zh", "--format", "csv"], env)
    if csv_en != csv_zh:
        fail("CSV differs between --lang en and --lang zh")

    # the locale decides without --lang (SPEC section 3)
    for lang_env, want_zh in (({"LANG": "zh_CN.UTF-8"}, True), ({"LANG": "C"}, False),
                              ({"LC_ALL": "zh_TW.UTF-8"}, True),
                              ({"LANGUAGE": "en", "LANG": "zh_CN.UTF-8"}, False)):
        e = dict(env)
        e.update({"LANG": ""}, **lang_env)
        out, _ = run([bin, "gaps", ds], e)
        is_zh = "产业链环节" in out
        if is_zh != want_zh:
            fail(f"{lang_env}: gaps in {'Chinese' if is_zh else 'English'}, "
                 f"expected {'Chinese' if want_zh else 'English'}")
    # --lang beats the locale
    out, _ = run([bin, "gaps", ds, "--lang", "en"], dict(env, LANG="zh_CN.UTF-8"))
    if "产业链环节" in out:
        fail("--lang en under LANG=zh_CN.UTF-8 still Chinese")

    if failures:
        print(f"{len(failures)} failure(s)", file=sys.stderr)
        return 1
    print("every output in both languages: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
