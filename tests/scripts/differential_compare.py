#!/usr/bin/python3
"""Differential test of `chainmap compare`: its JSON against the oracle's compare (shared/bench/
peer.py), on the samples, the graph fixture and datasets made by shared/bench/gen.py.

differential_compare.py --chainmap BIN --source SRC --shared SHARED --work DIR CASE...

Each run gives columns by region, scenario or year (the oracle computes --year natively in
compare), optionally with a setting every column shares. Numbers are compared as
differential.py compares them (1e-9 relative, 1e-12 absolute); everything else exactly.
Exit status: 0 all equal, 1 a mismatch or a failed run, 77 skipped (shared/ or pandas missing).
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import differential as d  # noqa: E402  (its comparison, generator and oracle loader)

NINGDE = "samples/ningde-lithium"
ZHOUSHAN = "samples/zhoushan-petrochemical"
FIXTURE = "tests/data/graph/fixture"
OPS, ALL = "operating", "operating,construction,signed"

# (by, column values, shared settings {"region"|"scenario"|"year": value}) per dataset
RUNS_SAMPLES = [
    (NINGDE, "scenario", [OPS, ALL], {}),
    (NINGDE, "scenario", [OPS, "operating,construction", ALL], {"year": 2024}),
    (NINGDE, "region", ["Fujian/Ningde", "Fujian/Ningde/Jiaocheng", "Fujian/Ningde/Fu'an",
                        "Fujian", "Guangdong/Shenzhen"], {}),
    (NINGDE, "region", ["Fujian/Ningde", "Nowhere/At/All"], {"scenario": ALL}),
    (NINGDE, "year", [2023, 2024], {}),
    (NINGDE, "year", [2024, 2023, 2030], {"region": "Fujian/Ningde/Jiaocheng"}),
    (ZHOUSHAN, "scenario", [OPS, ALL], {}),
    (ZHOUSHAN, "region", ["Zhejiang/Zhoushan", "Zhejiang/Zhoushan/Dinghai", "Zhejiang"], {}),
    (ZHOUSHAN, "year", [2023, 2024], {"scenario": ALL}),
]
RUNS_FIXTURE = [
    (FIXTURE, "scenario", [OPS, "operating,construction", ALL], {}),
    (FIXTURE, "region", ["Home/City", "Home", "Home/City/East", "Other"], {}),
    (FIXTURE, "region", ["Home/City", "Home"], {"year": 2024, "scenario": "operating,construction"}),
    (FIXTURE, "year", [2022, 2023, 2024], {}),
    (FIXTURE, "year", [2023, 2024], {"region": "Home"}),
]
GEN_REGIONS = ["Fujian/Ningde", "Fujian/Ningde/Jiaocheng", "Fujian/Ningde/Fu'an", "Fujian",
               "Guangdong/Shenzhen"]
GEN_SMALL = ["--enterprises", "200", "--edges", "2000", "--segments", "12", "--seed", "1"]
GEN_CJK = ["--enterprises", "200", "--edges", "2000", "--segments", "12", "--seed", "2", "--cjk",
           "--noisy", "--local-share", "0.5", "--leaders", "5"]
GEN_MEDIUM = ["--enterprises", "2000", "--edges", "20000", "--seed", "3", "--leaders", "20"]
CASES = {
    "samples": [("path",) + r for r in RUNS_SAMPLES],
    "fixture": [("path",) + r for r in RUNS_FIXTURE],
    "gen": [
        ("gen", GEN_SMALL, "region", GEN_REGIONS, {}),
        ("gen", GEN_CJK, "scenario", [OPS, "operating,signed", ALL], {}),
        ("gen", GEN_CJK, "year", [2020, 2021, 2022, 2023], {"region": "Fujian/Ningde/Dongqiao"}),
        ("gen", GEN_MEDIUM, "region", GEN_REGIONS, {"scenario": ALL}),
        ("gen", GEN_MEDIUM, "year", [2021, 2023], {}),
    ],
}
FLAG = {"region": "--region", "scenario": "--scenario", "year": "--year"}


def oracle(peer, path, by, values, shared):
    vals = [peer.scen_list(v) if by == "scenario" else v for v in values]
    fixed = {"scenario": peer.scen_list(shared["scenario"]) if "scenario" in shared else None,
             "year": shared.get("year"), "region": shared.get("region")}
    del fixed[by]
    return json.loads(json.dumps(peer.compare(path, by, vals, **fixed), ensure_ascii=False))


def chainmap(binary, path, by, values, shared):
    argv = [binary, "compare", path, "--format", "json"]
    for v in values:
        argv += [FLAG[by], str(v)]
    for k, v in shared.items():
        argv += [FLAG[k], str(v)]
    p = subprocess.run(argv, capture_output=True)
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        return None, f"exit {p.returncode}: {' '.join(argv)}\n{err}"
    if "Sanitizer" in err or "runtime error:" in err:
        return None, f"sanitizer report: {' '.join(argv)}\n{err}"
    return json.loads(p.stdout.decode("utf-8")), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chainmap", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("cases", nargs="+", choices=sorted(CASES))
    a = ap.parse_args()
    peer_py = os.path.join(a.shared, "bench", "peer.py")
    gen_py = os.path.join(a.shared, "bench", "gen.py")
    if not (os.path.isfile(peer_py) and os.path.isfile(gen_py)):
        print(f"SKIPPED: the oracle is not there ({os.path.abspath(peer_py)})")
        return d.SKIP
    try:
        peer = d.load_peer(peer_py)
    except ImportError as e:
        print(f"SKIPPED: the oracle cannot run ({e}); install python3-pandas python3-networkx")
        return d.SKIP
    if not hasattr(peer, "compare"):
        print("SKIPPED: this oracle has no compare")
        return d.SKIP
    os.makedirs(a.work, exist_ok=True)
    failures = checks = 0
    for case in a.cases:
        for kind, what, by, values, shared in CASES[case]:
            path = os.path.join(a.source, what) if kind == "path" else d.generate(gen_py, a.work,
                                                                                 what)
            label = what if kind == "path" else os.path.basename(path)
            title = f"compare {label} by {by} {values}" + (f" with {shared}" if shared else "")
            checks += 1
            ours, err = chainmap(a.chainmap, path, by, values, shared)
            if err:
                failures += 1
                print(f"FAIL {title}: chainmap {err}")
                continue
            theirs = oracle(peer, path, by, values, shared)
            diff = d.Diff()
            d.compare(ours, theirs, "$", diff)
            if theirs["changes"] == [] and len(values) > 1:
                print(f"note {title}: no status changes between columns")
            if diff.items:
                failures += 1
                print(f"FAIL {title}: {len(diff.items)} difference(s) (chainmap | oracle)")
                for p, x, y, note in diff.items[:d.MAX_REPORTS]:
                    print(f"  {p}{' [' + note + ']' if note else ''}: {d.show(x)} | {d.show(y)}")
            else:
                print(f"ok   {title}: {len(theirs['changes'])} change(s)")
    print(f"{checks - failures} of {checks} comparisons equal")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
