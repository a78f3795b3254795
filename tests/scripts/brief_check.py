#!/usr/bin/env python3
"""chainmap brief, checked against the JSON reports of the same dataset.

The page: opened in headless Chromium over the DevTools protocol (--remote-debugging-pipe, no
extra Python package), it must load with no console error and no request but its own file, hold
the chain map as inline SVG, and show in its tables the figures of `gaps`, `procurement`, `plan`,
`resilience` and `targets --format json`, formatted as the reports format them (one decimal with
thousands separators, percentages with one decimal). A hostile dataset (names with <script>,
<img onerror>, quotes, &, control characters) must inject no element and no handler.

The workbook: read back with openpyxl, it must have the six sheets in SPEC order, one frozen
header row with an autofilter, ids in the first column, and the same numbers as the JSON reports
stored as numbers (ratios with a percent format); a name starting with '=' stays a string.

brief_check.py --chainmap BIN --source SRC --work DIR [--chromium PATH]
Exit 0 pass, 1 fail, 77 skipped (no Chromium or no openpyxl).
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

SKIP = 77
SHEETS = {"en": ["summary", "segments", "procurement", "targets", "plan", "resilience"],
          "zh": ["概要", "环节", "采购", "招商目标", "落地路径", "供应韧性"]}
SHOWN_TARGETS = 30  # rows of the targets table on the page (render/brief_html.c)


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


# --- numbers as the reports write them (render/report_numbers.c) ---------------------------

def money(v):
    if not math.isfinite(v):
        return "n/a"
    if v != 0 and abs(v) < 0.05:
        s = "%.2g" % v
        if "e" not in s:
            return s
    if abs(v) >= 1e15:
        return "%.4g" % v
    s = f"{v:,.1f}"
    return "0.0" if s == "-0.0" else s


def _pct(ratio, decimals):
    s = f"{ratio * 100:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s + "%"


def percent(ratio):
    return _pct(ratio, 1)


def percent_vs(ratio, threshold):
    limit = _pct(threshold, 6)
    for d in range(1, 6):
        s = _pct(ratio, d)
        if ratio == threshold or s != limit:
            return s
    return _pct(ratio, 6)


# --- the DevTools protocol over a pipe -----------------------------------------------------

class Browser:
    """Chromium with --remote-debugging-pipe: JSON messages, NUL-terminated, on fds 3 and 4."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="chainmap-brief-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():  # in the child; moved out of the way first, in case one of them is 3 or 4
            r, w = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-extensions", f"--user-data-dir={self.profile}",
             "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=fds,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_child, 65536)
            if not chunk:
                fail("Chromium closed the DevTools pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_child, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read()
            if m.get("id") == self.next_id:
                if "error" in m:
                    fail(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session):
        for i, m in enumerate(self.events):
            if m.get("method") == method and m.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            m = self._read()
            if m.get("method") == method and m.get("sessionId") == session:
                return m
            self.events.append(m)

    def close(self):
        try:
            self.call("Browser.close")
        except SystemExit:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


# Everything the checks need from the page, read in the browser after the load.
PAGE_PROBE = r"""
(() => {
  const tables = {};
  for (const t of document.querySelectorAll('table')) {
    let h = t.previousElementSibling;
    while (h && !(/^H[23]$/.test(h.tagName) && h.id)) h = h.previousElementSibling;
    const key = h ? h.id : '?';
    if (tables[key]) continue;            // the first table after a heading
    tables[key] = [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.innerText.trim()));
  }
  const handlers = [...document.querySelectorAll('*')].filter(
      e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length;
  return JSON.stringify({
    text: document.body.innerText,
    title: document.title,
    svgs: document.querySelectorAll('svg').length,
    svgNodes: document.querySelectorAll('svg g.node').length,
    scripts: document.querySelectorAll('script').length,
    foreign: document.querySelectorAll('img, iframe, object, embed, link, body b, body td td').length,
    handlers: handlers,
    pwned: typeof window.__pwned,
    tables: tables,
    mapSections: document.querySelectorAll('section.map').length,
  });
})()
"""


def load_page(browser, path):
    """Opens path in a new tab; returns (probe, requests, console errors)."""
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget",
                           {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(f"{domain}.enable", session=session)
    browser.events.clear()
    url = "file://" + urllib.parse.quote(os.path.abspath(path))
    browser.call("Page.navigate", {"url": url}, session=session)
    browser.wait_event("Page.loadEventFired", session)
    r = browser.call("Runtime.evaluate", {"expression": PAGE_PROBE, "returnByValue": True},
                     session=session)
    probe = json.loads(r["result"]["value"])
    requests, errors = [], []
    for m in browser.events:
        if m.get("sessionId") != session:
            continue
        p = m.get("params", {})
        if m.get("method") == "Network.requestWillBeSent":
            requests.append(p["request"]["url"])
        elif m.get("method") == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            errors.append(str(p.get("args")))
        elif m.get("method") == "Runtime.exceptionThrown":
            errors.append(str(p.get("exceptionDetails")))
        elif m.get("method") == "Log.entryAdded" and p["entry"]["level"] == "error":
            errors.append(p["entry"].get("text", ""))
    browser.call("Target.closeTarget", {"targetId": target})
    others = [u for u in requests if u != url]
    return probe, others, errors


# --- running chainmap ----------------------------------------------------------------------

def run(chainmap, *args, env=None):
    r = subprocess.run([chainmap, *args], capture_output=True, text=True, timeout=300, env=env)
    sys.stdout.write(r.stderr)  # any sanitizer report, for ctest to see
    if r.returncode != 0:
        fail(f"chainmap {' '.join(args)} exited {r.returncode}")
    return r.stdout


def reports(chainmap, dataset):
    out = {}
    for cmd in ("gaps", "procurement", "targets", "plan", "resilience"):
        out[cmd] = json.loads(run(chainmap, cmd, dataset, "--format", "json"))
    return out


# --- the page ------------------------------------------------------------------------------

def check_page(probe, requests, errors, rep, label):
    if requests:
        fail(f"{label}: the page asked for {requests} (it must need nothing but itself)")
    if errors:
        fail(f"{label}: console errors {errors}")
    if probe["scripts"] != 0:
        fail(f"{label}: {probe['scripts']} <script> elements")
    if probe["svgs"] < 1 or probe["svgNodes"] < 1:
        fail(f"{label}: no chain map SVG with nodes on the page")
    if probe["mapSections"] < 1:
        fail(f"{label}: the map is not in a section of its own (print: a page of its own)")
    g, p, pl, rs, t = (rep[k] for k in ("gaps", "procurement", "plan", "resilience", "targets"))
    text = probe["text"]
    tables = probe["tables"]
    # headline figures
    wanted = [percent(g["summary"]["completeness"])]
    if p["leaders"]["ratio"] is not None:
        wanted += [percent_vs(p["leaders"]["ratio"], p["target"]), money(p["leaders"]["local"]),
                   money(p["leaders"]["total"])]
    for w in wanted:
        if w not in text:
            fail(f"{label}: headline figure {w!r} not on the page")
    # the three action lists, in rank order, each row with its segment and leakage
    segs = {s["id"]: s for s in g["segments"]}
    for key in ("strengthen", "supplement", "extend"):
        rows = tables.get(key, [])
        if len(rows) != len(g[key]):
            fail(f"{label}: {key} table has {len(rows)} rows, JSON lists {len(g[key])}")
        for row, sid in zip(rows, g[key]):
            if sid not in row[1].split("\n") and row[1] != segs[sid]["name"]:
                fail(f"{label}: {key} row {row} is not segment {sid}")
            if row[4] != money(segs[sid]["leakage"]):
                fail(f"{label}: {key} {sid}: leakage {row[4]}, JSON {money(segs[sid]['leakage'])}")
            if row[3] != str(segs[sid]["local_producers"]):
                fail(f"{label}: {key} {sid}: producers {row[3]}")
    # each leader's procurement
    leaders = [b for b in p["buyers"] if b["leader"]]
    rows = tables.get("procurement", [])
    if len(rows) != len(leaders):
        fail(f"{label}: procurement table has {len(rows)} rows, {len(leaders)} leaders")
    for row, b in zip(rows, leaders):
        if row[1:4] != [money(b["local"]), money(b["total"]), percent(b["ratio"])]:
            fail(f"{label}: leader {b['id']}: {row[1:4]}")
    # path to target
    rows = tables.get("plan", [])
    if len(rows) != len(pl["steps"]):
        fail(f"{label}: plan table has {len(rows)} rows, JSON {len(pl['steps'])} steps")
    for row, st in zip(rows, pl["steps"]):
        if row[3] != money(st["gain"]) or row[4] != percent(st["ratio_after"]):
            fail(f"{label}: plan step {st['id']}: {row}")
    if pl["ratio_after"] is not None and percent_vs(pl["ratio_after"], pl["target"]) not in text:
        fail(f"{label}: the plan's share after, {percent_vs(pl['ratio_after'], pl['target'])}")
    # resilience: every pair, single sources first
    rows = tables.get("resilience", [])
    if len(rows) != len(rs["pairs"]):
        fail(f"{label}: resilience table has {len(rows)} rows, JSON {len(rs['pairs'])} pairs")
    singles = [r["single_source"] for r in rs["pairs"]]
    n_single = sum(singles)
    if n_single != rs["summary"]["single_source"]:
        fail("resilience JSON disagrees with itself")
    got = sorted((row[2], row[5], row[6]) for row in rows)
    want = sorted((money(r["value"]), percent(r["top_share"]), percent(r["outside_share"]))
                  for r in rs["pairs"])
    if got != want:
        fail(f"{label}: resilience figures differ from JSON:\n{got}\n{want}")
    counts = [row[3] for row in rows]
    if any(c.isdigit() for c in counts[:n_single]) or not all(
            c.isdigit() for c in counts[n_single:]):
        fail(f"{label}: single sources are not listed first: {counts}")
    for w in (money(rs["summary"]["value"]), money(rs["summary"]["single_source_value"])):
        if w not in text:
            fail(f"{label}: resilience summary figure {w!r} not on the page")
    # targets, in rank order
    rows = tables.get("targets", [])
    if len(rows) != min(len(t["targets"]), SHOWN_TARGETS):
        fail(f"{label}: targets table has {len(rows)} rows")
    for row, tg in zip(rows, t["targets"]):
        if tg["id"] not in row[1].split("\n") and row[1] != tg["name"]:
            fail(f"{label}: target row {row} is not {tg['id']}")
        if row[3] != str(tg["priority"]) or row[5] != money(tg["value_to_local"]):
            fail(f"{label}: target {tg['id']}: {row}")
    print(f"{label}: page OK ({len(text)} characters, {probe['svgNodes']} map nodes, "
          f"{sum(len(v) for v in tables.values())} table rows checked)")


def check_hostile_page(probe, requests, errors, label, names):
    if requests:
        fail(f"{label}: the hostile page asked for {requests}")
    if errors:
        fail(f"{label}: console errors {errors}")
    if probe["scripts"] or probe["handlers"] or probe["foreign"] or probe["pwned"] != "undefined":
        fail(f"{label}: dataset text became markup: scripts {probe['scripts']}, handlers "
             f"{probe['handlers']}, foreign elements {probe['foreign']}, pwned {probe['pwned']}")
    text = probe["text"]
    for n in names:
        if n not in text:
            fail(f"{label}: the name {n!r} is not shown as text")
    if "\x1b" in text or "\x07" in text:
        fail(f"{label}: control characters reached the page")
    print(f"{label}: hostile names shown as text, nothing injected")


# --- the workbook --------------------------------------------------------------------------

def close(a, b):
    return a == b or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12,
                                                                        abs_tol=1e-12))


def number(cell, where, percent_format=False):
    if cell.data_type != "n" or isinstance(cell.value, bool) or cell.value is None:
        fail(f"{where}: {cell.coordinate} holds {cell.value!r} ({cell.data_type}), not a number")
    if percent_format and "%" not in cell.number_format:
        fail(f"{where}: {cell.coordinate} is a ratio without a percent format "
             f"({cell.number_format})")
    if not percent_format and cell.number_format == "General":
        fail(f"{where}: {cell.coordinate} has no number format")
    return cell.value


def maybe(cell, where, percent_format=False):
    return None if cell.value is None else number(cell, where, percent_format)


def check_workbook(path, rep, label, lang):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    if names != SHEETS[lang]:
        fail(f"{label}: sheets {names}, SPEC's order in {lang} is {SHEETS[lang]}")
    for ws in wb.worksheets:
        if ws.freeze_panes != "A2":
            fail(f"{label}: sheet {ws.title}: header row not frozen ({ws.freeze_panes})")
        if not ws.auto_filter.ref or not ws.auto_filter.ref.startswith("A1:"):
            fail(f"{label}: sheet {ws.title}: no autofilter ({ws.auto_filter.ref})")
        for c in ws[1]:
            if c.data_type != "s" or not c.value:
                fail(f"{label}: sheet {ws.title}: header {c.coordinate} is {c.value!r}")
    summary, segments, procurement, targets, plan, resilience = wb.worksheets
    g, p, pl, rs, t = (rep[k] for k in ("gaps", "procurement", "plan", "resilience", "targets"))

    where = f"{label} summary"
    fig = {r[0].value: r[2] for r in summary.iter_rows(min_row=2)}
    checks = [("completeness", g["summary"]["completeness"], True),
              ("leaders_local", p["leaders"]["local"], False),
              ("leaders_total", p["leaders"]["total"], False),
              ("leaders_ratio", p["leaders"]["ratio"], True),
              ("target", p["target"], True),
              ("needed", pl["needed"], False),
              ("region_ratio", p["region_total"]["ratio"], True),
              ("single_source", rs["summary"]["single_source"], False),
              ("single_source_value", rs["summary"]["single_source_value"], False)]
    checks += [(s, g["summary"][s], False) for s in ("segments", "present", "strong", "weak", "gap",
                                                      "frontier", "absent")]
    for key, want, pct in checks:
        if key not in fig:
            fail(f"{where}: no row {key}")
        got = maybe(fig[key], where, pct)
        if not close(got, want):
            fail(f"{where}: {key} = {got}, JSON {want}")

    where = f"{label} segments"
    rows = list(segments.iter_rows(min_row=2))
    if [r[0].value for r in rows] != [s["id"] for s in g["segments"]]:
        fail(f"{where}: ids {[r[0].value for r in rows]}")
    for r, s in zip(rows, g["segments"]):
        got = [number(r[6], where), number(r[7], where), number(r[8], where),
               number(r[9], where), number(r[10], where), maybe(r[11], where, True),
               number(r[12], where)]
        want = [s["local_producers"], s["leaders"], s["local_output"], s["local_demand"],
                s["local_supplied"], s["coverage"], s["leakage"]]
        if not all(close(a, b) for a, b in zip(got, want)):
            fail(f"{where}: {s['id']}: {got}, JSON {want}")

    where = f"{label} procurement"
    sums = {}
    for r in procurement.iter_rows(min_row=2):
        loc, out, tot = number(r[4], where), number(r[5], where), number(r[6], where)
        if not close(loc + out, tot):
            fail(f"{where}: {r[0].value}/{r[2].value}: {loc} + {out} != {tot}")
        a = sums.setdefault(r[0].value, [0.0, 0.0])
        a[0] += loc
        a[1] += tot
    for b in p["buyers"]:
        if b["leader"]:
            got = sums.get(b["id"], [0.0, 0.0])
            if not (math.isclose(got[0], b["local"], rel_tol=1e-9, abs_tol=1e-9)
                    and math.isclose(got[1], b["total"], rel_tol=1e-9, abs_tol=1e-9)):
                fail(f"{where}: leader {b['id']} sums to {got}, JSON {b['local']}, {b['total']}")
    if set(sums) != {b["id"] for b in p["buyers"] if b["leader"]} - {
            b["id"] for b in p["buyers"] if b["leader"] and b["total"] == 0}:
        fail(f"{where}: leaders {sorted(sums)}")

    where = f"{label} targets"
    rows = list(targets.iter_rows(min_row=2))
    if [r[0].value for r in rows] != [x["id"] for x in t["targets"]]:
        fail(f"{where}: ids not in rank order")
    for r, x in zip(rows, t["targets"]):
        got = [number(r[4], where), number(r[6], where), number(r[7], where)]
        want = [x["priority"], x["value_to_local"], x["local_buyers"]]
        if not all(close(a, b) for a, b in zip(got, want)):
            fail(f"{where}: {x['id']}: {got}, JSON {want}")
        if (r[5].value or "") != "; ".join(x["fills"]):
            fail(f"{where}: {x['id']} fills {r[5].value!r}, JSON {x['fills']}")

    where = f"{label} plan"
    rows = list(plan.iter_rows(min_row=2))
    if [r[0].value for r in rows] != [s["id"] for s in pl["steps"]]:
        fail(f"{where}: ids {[r[0].value for r in rows]}")
    for r, s in zip(rows, pl["steps"]):
        got = [number(r[4], where), maybe(r[5], where, True)]
        if not (close(got[0], s["gain"]) and close(got[1], s["ratio_after"])):
            fail(f"{where}: {s['id']}: {got}")

    where = f"{label} resilience"
    rows = list(resilience.iter_rows(min_row=2))
    if len(rows) != len(rs["pairs"]):
        fail(f"{where}: {len(rows)} rows, JSON {len(rs['pairs'])} pairs")
    for r, x in zip(rows, rs["pairs"]):
        if (r[0].value, r[2].value, r[10].value) != (x["leader"], x["segment"], x["top_supplier"]):
            fail(f"{where}: row {[c.value for c in r]} is not {x}")
        got = [number(r[4], where), number(r[5], where), number(r[7], where), number(r[8], where),
               number(r[9], where, True), number(r[12], where, True)]
        want = [x["value"], x["suppliers"], x["hhi"], x["region_hhi"], x["outside_share"],
                x["top_share"]]
        if not all(close(a, b) for a, b in zip(got, want)):
            fail(f"{where}: {x['leader']}/{x['segment']}: {got}, JSON {want}")
    print(f"{label}: workbook OK (sheets {names})")
    return wb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chainmap", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    a = ap.parse_args()
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        print("SKIPPED: no openpyxl (apt-get install python3-openpyxl)")
        return SKIP
    if not (os.path.isfile(a.chromium) and os.access(a.chromium, os.X_OK)):
        print(f"SKIPPED: no Chromium at {a.chromium} (apt-get install chromium, or set CHROMIUM)")
        return SKIP
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")

    datasets = [os.path.join(a.source, "samples", s)
                for s in ("ningde-lithium", "zhoushan-petrochemical")]
    hostile = os.path.join(a.source, "tests", "data", "render", "brief-hostile")
    browser = Browser(a.chromium)
    try:
        for ds in datasets + [hostile]:
            name = os.path.basename(ds)
            rep = reports(a.chainmap, ds)
            for lang in ("en", "zh"):
                label = f"{name} --lang {lang}"
                page = os.path.join(a.work, f"{name}-{lang}.html")
                book = os.path.join(a.work, f"{name}-{lang}.xlsx")
                run(a.chainmap, "brief", ds, "-o", page, "--lang", lang, env=env)
                run(a.chainmap, "brief", ds, "-o", book, "--lang", lang, env=env)
                probe, requests, errors = load_page(browser, page)
                if lang == "en":
                    check_page(probe, requests, errors, rep, label)
                elif not (requests or errors) and probe["svgs"] >= 1:
                    # the same page in Chinese: its headings translated, the English ones gone
                    for zh, en in (("核心指标", "Headline figures"), ("招商目标", "Whom to invite")):
                        if zh not in probe["text"] or en in probe["text"]:
                            fail(f"{label}: heading {en!r} is not in Chinese")
                else:
                    fail(f"{label}: requests {requests}, errors {errors}, {probe['svgs']} SVGs")
                wb = check_workbook(book, rep, label, lang)
                if ds == hostile:
                    check_hostile_page(probe, requests, errors, label, [
                        "<script>window.__pwned=3</script> Leader", "=1+1",
                        '<img src=x onerror="window.__pwned=2">矿', '@local "two"'])
                    if "<script>" not in probe["title"]:
                        fail(f"{label}: the title is not the dataset's name as text")
                    # formula-looking names stay strings
                    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
                             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
                    want = {"=1+1", '=HYPERLINK("http://example.invalid","click")',
                            "+SUM(1,2) 'quoted'", '@local "two"'}
                    if not want <= {c.value for c in cells}:
                        fail(f"{label}: formula-like names missing: {want - {c.value for c in cells}}")
                    if any(c.data_type != "s" for c in cells):
                        fail(f"{label}: a name starting with = + - @ is not a string cell")
                    print(f"{label}: {len(cells)} formula-like names stay strings")
    finally:
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
