#!/usr/bin/env python3
"""Every JSON report (validate, gaps, procurement, targets, resilience, plan, compare) of a dataset whose names hold every
control character U+0001-U+001F, DEL, U+2028 and U+2029 must parse with a strict parser
(Python's json: raw control characters, NaN and Infinity refused, duplicate keys refused here)
and give the names back exactly as the tables and dataset.ini hold them."""
import argparse, csv, json, os, shutil, subprocess, sys

CONTROLS = "".join(chr(c) for c in range(1, 0x20)) + "\x7f\u2028\u2029"


def strict_loads(text, what):
    def no_constant(name):
        raise ValueError(f"{what}: {name} is not JSON")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError(f"{what}: duplicate key in {keys}")
        return dict(pairs)

    return json.loads(text, parse_constant=no_constant, object_pairs_hook=no_duplicates)


def hostile(k, name):
    """A name with every control character inside it (rotated so that each one also comes
    first and last among them); kept away from the ends, which the loader trims."""
    r = k % len(CONTROLS)
    return f"{name} <{CONTROLS[r:] + CONTROLS[:r]}> end"


def make_dataset(source, out):
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(source, out)
    names = {}
    for table in ("segments.csv", "enterprises.csv"):
        path = os.path.join(out, table)
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        col = rows[0].index("name")
        for k, row in enumerate(rows[1:]):
            row[col] = hostile(k, row[col])
            names[(table, row[0])] = row[col]
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
    # dataset.ini is read line by line: every control character but LF and CR in the name
    title = "Hostile " + "".join(c for c in CONTROLS if c not in "\n\r") + " chain"
    ini = os.path.join(out, "dataset.ini")
    lines = open(ini, encoding="utf-8").read().splitlines()
    lines = [f"name={title}" if l.startswith("name=") else l for l in lines]
    open(ini, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    return title, names


def run(chainmap, *args):
    p = subprocess.run([chainmap, *args], capture_output=True)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chainmap", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    ds = os.path.join(a.work, "hostile")
    title, names = make_dataset(os.path.join(a.source, "samples", "ningde-lithium"), ds)
    failures = 0

    def check(cond, msg):
        nonlocal failures
        if not cond:
            failures += 1
            print("FAIL:", msg)

    for cmd in ("gaps", "procurement", "targets"):
        code, out, err = run(a.chainmap, cmd, "-f", "json", ds)
        check(code == 0, f"{cmd}: exit {code}: {err}")
        doc = strict_loads(out, cmd)
        check(doc["dataset"] == title, f"{cmd}: dataset name {doc['dataset']!r}")
        seen = 0
        if cmd == "gaps":
            for s in doc["segments"]:
                check(s["name"] == names[("segments.csv", s["id"])], f"gaps: {s['id']} name")
                seen += 1
        else:
            entries = doc["targets"] if cmd == "targets" else doc["buyers"]
            for e in entries:
                check(e["name"] == names[("enterprises.csv", e["id"])], f"{cmd}: {e['id']} name")
                seen += 1
        check(seen > 0, f"{cmd}: no names to compare")

    # the leaders' supply reports and compare carry the names too
    for args in (["resilience"], ["plan"], ["compare", "--region", "Fujian", "--region", "Fujian/Ningde"]):
        code, out, err = run(a.chainmap, *args, "-f", "json", ds)
        check(code == 0, f"{args[0]}: exit {code}: {err}")
        doc = strict_loads(out, args[0])
        check(doc["dataset"] == title, f"{args[0]}: dataset name {doc['dataset']!r}")
    code, out, err = run(a.chainmap, "resilience", "-f", "json", ds)
    for s in strict_loads(out, "resilience")["suppliers"]:
        check(s["name"] == names[("enterprises.csv", s["id"])], f"resilience: {s['id']} name")

    # validate: an unknown segment id with control characters comes back in a message
    bad = os.path.join(a.work, "hostile-invalid")
    shutil.rmtree(bad, ignore_errors=True)
    shutil.copytree(ds, bad)
    bad_id = "bad\x01\x1f\x7f\u2028id"
    path = os.path.join(bad, "enterprises.csv")
    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    # by column name: the sample's columns (name_en, note, ...) may change
    fields = {"id": "zz-hostile", "name": hostile(3, "X"), "region": "Fujian/Ningde",
              "segments": bad_id, "output": "1", "status": "operating"}
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow([fields.get(col, "") for col in header])
    code, out, err = run(a.chainmap, "validate", "-f", "json", bad)
    check(code == 1, f"validate: exit {code}")
    doc = strict_loads(out, "validate")
    check(doc["errors"] >= 1, "validate: no error counted")
    check(any(bad_id in d["message"] for d in doc["diagnostics"]),
          f"validate: the bad id is in no message: {doc['diagnostics']}")
    print("strict JSON: %s" % ("ok" if failures == 0 else f"{failures} failure(s)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
