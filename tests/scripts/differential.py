#!/usr/bin/python3
"""Differential test: chainmap's JSON outputs against the independent oracle peer.py.

differential.py --chainmap BIN --source SRC --shared SHARED --work DIR CASE...

For every dataset of a case, every scenario and every command (gaps, procurement, targets,
resilience, plan; plan also with a --land shortlist) it runs
`chainmap CMD DATASET --format json [--scenario S]` and the oracle's function of the same name
(shared/bench/peer.py, imported once: its command line only json-dumps these functions), then
compares the two JSON documents: same structure, same strings, booleans and nulls, numbers within
1e-9 relative or 1e-12 absolute (leakage, a difference, relative to its local_demand). Ranked
lists must match in order, except inside runs whose sort keys are equal within that tolerance:
sums that are equal in decimal can differ in the last bit when added in another order (pandas
sums with compensation), so such ties may break either way. Synthetic datasets come from
shared/bench/gen.py into DIR.
The oracle has no --year: `chainmap --year Y` is compared with the oracle on a copy of the dataset
(in DIR) whose supply table keeps only the rows of year Y, which is what SPEC says --year means.

Exit status: 0 all equal, 1 a mismatch or a failed run, 77 skipped (shared/ or pandas missing).
"""
import argparse
import configparser
import csv
import importlib.util
import json
import math
import os
import subprocess
import sys

SKIP = 77
REL, ABS = 1e-9, 1e-12
MAX_REPORTS = 20  # per comparison

ALL_SCENARIOS = [None, "operating,construction", "operating,construction,signed"]

# Each case (one ctest test) has datasets, ("path", relative to the source dir) or ("gen", gen.py
# arguments), scenarios to run them with (None: the ini's), (year, scenario) pairs for --year, and
# N for `targets --top N` (the oracle's first N targets).
# Sizes are enterprises/supply rows; runtime is dominated by the oracle (pandas).
CASES = {
    "samples": {
        "datasets": [("path", "samples/ningde-lithium"),
                     ("path", "samples/zhoushan-petrochemical")],
        "scenarios": ALL_SCENARIOS,
        "years": [(2024, None), (2023, None), (2024, "operating,construction,signed")],
        "top": [5],
    },
    "fixture": {
        "datasets": [("path", "tests/data/graph/fixture"), ("path", "tests/data/graph/nosupply"),
                     ("path", "tests/data/graph/leaders")],
        "scenarios": ALL_SCENARIOS,
        "years": [(2024, None), (2022, None), (2024, "operating,construction")],
    },
    "gen-small": {
        "datasets": [
            ("gen", ["--enterprises", "200", "--edges", "2000", "--segments", "12", "--seed", "1"]),
            ("gen", ["--enterprises", "200", "--edges", "2000", "--segments", "12", "--seed", "2",
                     "--cjk", "--noisy", "--local-share", "0.5", "--leaders", "5"]),
            ("gen", ["--enterprises", "60", "--edges", "300", "--segments", "6", "--seed", "7",
                     "--gaps", "0.5"]),
        ],
        "scenarios": ALL_SCENARIOS,
        "years": [(2021, None), (2023, "operating,construction")],
        "top": [1, 10],
    },
    "gen-medium": {
        "datasets": [
            ("gen", ["--enterprises", "2000", "--edges", "20000", "--seed", "3"]),
            ("gen", ["--enterprises", "2000", "--edges", "20000", "--seed", "4",
                     "--cjk", "--noisy"]),
        ],
        "scenarios": ALL_SCENARIOS,
        "years": [(2022, None)],
    },
    "gen-large": {
        "datasets": [
            ("gen", ["--enterprises", "20000", "--edges", "200000", "--segments", "80",
                     "--seed", "5", "--cjk", "--noisy"]),
        ],
        "scenarios": [None, "operating,construction,signed"],
        "years": [],
    },
}

COMMANDS = ["gaps", "procurement", "targets"]


def load_peer(path):
    sys.dont_write_bytecode = True  # leave shared/ untouched
    spec = importlib.util.spec_from_file_location("cm_peer", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def close(a, b, scale=0.0):
    if math.isnan(a) or math.isnan(b):
        return False
    tol = max(ABS, REL * max(abs(a), abs(b), scale))
    return abs(a - b) <= tol


class Diff:
    """Collects mismatches as (JSON path, chainmap value, oracle value)."""

    def __init__(self):
        self.items = []

    def add(self, path, ours, theirs, note=""):
        self.items.append((path, ours, theirs, note))


def show(v):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 200 else s[:197] + "..."


def compare(ours, theirs, path, diff, scale=0.0):
    if isinstance(theirs, dict):
        if not isinstance(ours, dict):
            return diff.add(path, ours, theirs, "type")
        for k in theirs:
            if k not in ours:
                diff.add(f"{path}.{k}", "<missing>", theirs[k])
        for k in ours:
            if k not in theirs:
                diff.add(f"{path}.{k}", ours[k], "<missing>")
        for k in theirs:
            if k in ours:
                # leakage = demand - supplied: its rounding error follows the demand's size
                s = abs(theirs.get("local_demand", 0.0)) if k == "leakage" else 0.0
                compare(ours[k], theirs[k], f"{path}.{k}", diff, s)
        return
    if isinstance(theirs, list):
        if not isinstance(ours, list):
            return diff.add(path, ours, theirs, "type")
        if len(ours) != len(theirs):
            diff.add(f"{path} (length {len(ours)} vs {len(theirs)})", ours, theirs)
        for i, (a, b) in enumerate(zip(ours, theirs)):
            tag = f" id={b['id']}" if isinstance(b, dict) and "id" in b else ""
            compare(a, b, f"{path}[{i}{tag}]", diff)
        return
    if is_number(theirs):
        if not is_number(ours) or not close(float(ours), float(theirs), scale):
            diff.add(path, ours, theirs)
        return
    if type(ours) is not type(theirs) or ours != theirs:
        diff.add(path, ours, theirs)


def key_close(ka, kb):
    for a, b in zip(ka, kb):
        if is_number(a) and is_number(b):
            if not close(float(a), float(b)):
                return False
        elif a != b:
            return False
    return True


def same_up_to_near_ties(ours_ids, theirs_ids, key):
    """TRUE when two rankings differ only inside runs of the oracle's ranking whose sort keys are
    equal within the tolerance (sums computed in another order may break such ties otherwise)."""
    if sorted(ours_ids) != sorted(theirs_ids):
        return False
    i = 0
    while i < len(theirs_ids):
        j = i + 1
        while j < len(theirs_ids) and key_close(key(theirs_ids[i]), key(theirs_ids[j])):
            j += 1
        if set(ours_ids[i:j]) != set(theirs_ids[i:j]):
            return False
        i = j
    return True


def align_ranking(ours, theirs, path, key, diff, notes):
    """Checks the order of a ranked list (of ids, or of objects with an id) against the oracle's:
    orders that differ only by near ties pass with a note. Returns both lists restricted to their
    common ids in the oracle's order, so that each entry is then compared with its counterpart."""
    sample = theirs or ours
    objects = bool(sample) and isinstance(sample[0], dict)
    ident = (lambda x: x.get("id") if isinstance(x, dict) else x) if objects else (lambda x: x)
    a, b = [ident(x) for x in ours], [ident(x) for x in theirs]
    if a == b:
        return ours, theirs
    if len(set(a)) != len(a):
        diff.add(f"{path} (an id repeats in chainmap's list)", a, b)
        return ours, theirs
    extra, missing = [i for i in a if i not in set(b)], [i for i in b if i not in set(a)]
    if extra:
        diff.add(f"{path} (only in chainmap)", extra, None)
    if missing:
        diff.add(f"{path} (only in the oracle)", None, missing)
    common = set(a) & set(b)
    ca, cb = [i for i in a if i in common], [i for i in b if i in common]
    if ca != cb:
        if same_up_to_near_ties(ca, cb, key):
            notes.append(f"{path}: order differs only inside near ties")
        else:
            first = next((k for k, (x, y) in enumerate(zip(ca, cb)) if x != y), len(cb))
            diff.add(f"{path} (ranking differs from position {first})", ca[first:first + 8],
                     cb[first:first + 8])
    by_id_a = {ident(x): x for x in ours}
    by_id_b = {ident(x): x for x in theirs}
    return [by_id_a[i] for i in cb], [by_id_b[i] for i in cb]


def compare_gaps(ours, theirs, diff, notes):
    rows = {r["id"]: r for r in theirs.get("segments", [])}

    def key(sid):
        r = rows.get(sid, {})
        return (r.get("leakage", 0.0), r.get("distance") or 0)

    for name in ("strengthen", "supplement", "extend"):
        if isinstance(ours.get(name), list) and isinstance(theirs.get(name), list):
            ours[name], theirs[name] = align_ranking(ours[name], theirs[name], f"$.{name}", key,
                                                     diff, notes)
    compare(ours, theirs, "$", diff)


def compare_procurement(ours, theirs, diff, notes):
    rows = {r["id"]: r for r in theirs.get("buyers", [])}

    def key(bid):
        r = rows.get(bid, {})
        return (r.get("leader"), r.get("total", 0.0))

    if isinstance(ours.get("buyers"), list):
        ours["buyers"], theirs["buyers"] = align_ranking(ours["buyers"], theirs["buyers"],
                                                         "$.buyers", key, diff, notes)
    compare(ours, theirs, "$", diff)


def compare_targets(ours, theirs, diff, notes):
    rows = {r["id"]: r for r in theirs.get("targets", [])}

    def key(tid):
        r = rows.get(tid, {})
        return (r.get("priority"), r.get("value_to_local", 0.0))

    if isinstance(ours.get("targets"), list):
        ours["targets"], theirs["targets"] = align_ranking(ours["targets"], theirs["targets"],
                                                           "$.targets", key, diff, notes)
    compare(ours, theirs, "$", diff)


COMPARE = {"gaps": compare_gaps, "procurement": compare_procurement, "targets": compare_targets}
ORACLE = {
    "gaps": lambda peer, path, scen: peer.analyse(path, scen)[3],
    "procurement": lambda peer, path, scen: peer.procurement(path, scen),
    "targets": lambda peer, path, scen: peer.targets(path, scen),
}


# --- resilience and plan (SPEC section 2, "Leaders' supply: resilience", "Path to target") ---
# Run on every dataset, scenario and year as the commands above, plus `plan --land` with a
# shortlist taken from the oracle's own path (its first three steps in reverse order, then an
# outside enterprise that is no step).
LEADER_COMMANDS = ["resilience", "plan"]


def compare_resilience(ours, theirs, diff, notes):
    rows = {r["id"]: r for r in theirs.get("suppliers", [])}

    def key(sid):
        r = rows.get(sid, {})
        return (r.get("sole_value", 0.0), r.get("leaders_value", 0.0))

    if isinstance(ours.get("suppliers"), list):
        ours["suppliers"], theirs["suppliers"] = align_ranking(
            ours["suppliers"], theirs["suppliers"], "$.suppliers", key, diff, notes)
    compare(ours, theirs, "$", diff)


def compare_plan(ours, theirs, diff, notes):
    rows = {r["id"]: r for r in theirs.get("steps", [])}

    def key(sid):
        return (rows.get(sid, {}).get("gain", 0.0),)

    steps_a, steps_b = ours.get("steps"), theirs.get("steps")
    if isinstance(steps_a, list) and isinstance(steps_b, list):
        # ratio_after accumulates the gains in path order: compare it where the paths agree
        ids_a, ids_b = [x.get("id") for x in steps_a], [x.get("id") for x in steps_b]
        aligned_a, aligned_b = align_ranking(steps_a, steps_b, "$.steps", key, diff, notes)
        if ids_a != ids_b:
            for x in aligned_a + aligned_b:
                x.pop("ratio_after", None)
        ours["steps"], theirs["steps"] = aligned_a, aligned_b
    compare(ours, theirs, "$", diff)


COMMANDS += LEADER_COMMANDS
COMPARE.update({"resilience": compare_resilience, "plan": compare_plan})
ORACLE.update({
    "resilience": lambda peer, path, scen: peer.resilience_of(*peer.analyse(path, scen)),
    "plan": lambda peer, path, scen: peer.plan_of(*peer.analyse(path, scen)),
})


def land_shortlist(peer, path, scen):
    """A --land list for path: the oracle's first three steps reversed, then an outside
    enterprise that is no step (it may sell the leaders nothing). None when there is none."""
    cfg, ent, sup, gaps = peer.analyse(path, scen)
    steps = [x["id"] for x in peer.plan_of(cfg, ent, sup, gaps)["steps"]]
    land = list(reversed(steps[:3]))
    other = [e for e, lo in zip(ent["id"], ent["local"]) if not lo and e not in steps]
    land += other[:1]
    return land or None


def land_runs(peer, label, path, scenarios):
    """(title, commands, chainmap dataset, scenario, year, top, oracle dataset, land) runs."""
    runs = []
    for s in scenarios:
        land = land_shortlist(peer, path, s)
        if land:
            title = f"{label} --land {','.join(land)}" + (f" --scenario {s}" if s else "")
            runs.append((title, ["plan"], path, s, None, None, path, land))
    return runs


def generate(gen, work, args):
    name = "gen-" + "-".join(a.lstrip("-") for a in args)
    out = os.path.join(work, name)
    stamp = os.path.join(out, ".complete")
    if not os.path.exists(stamp):
        subprocess.run([sys.executable, gen, out] + args, check=True, stdout=subprocess.DEVNULL)
        with open(stamp, "w") as f:
            f.write(" ".join(args) + "\n")
    return out


def year_copy(path, year, work):
    """A copy of dataset path whose supply table holds only the rows of year (tables named by
    absolute path, the ini otherwise unchanged); None when the dataset has no supply table."""
    ini = os.path.join(path, "dataset.ini") if os.path.isdir(path) else path
    folder = os.path.dirname(os.path.abspath(ini))
    cp = configparser.ConfigParser(interpolation=None)
    cp.read(ini, encoding="utf-8")
    ds = cp["dataset"]
    tables = {k: os.path.join(folder, ds.get(k, f"{k}.csv"))
              for k in ("segments", "enterprises", "supply")}
    if not os.path.exists(tables["supply"]):
        return None
    out = os.path.join(work, f"year{year}-" + os.path.basename(folder.rstrip("/")))
    os.makedirs(out, exist_ok=True)
    with open(tables["supply"], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    col = [c.strip().lower() for c in rows[0]].index("year")
    kept = [rows[0]] + [r for r in rows[1:] if len(r) > col and r[col].strip() == str(year)]
    with open(os.path.join(out, "supply.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(kept)
    lines, section = [], None
    with open(ini, encoding="utf-8") as f:
        for line in f:
            t = line.strip()
            if t.startswith("["):
                section = t
            key = t.split("=", 1)[0].strip()
            if section == "[dataset]" and "=" in t and key in tables:
                continue
            lines.append(line if line.endswith("\n") else line + "\n")
            if t == "[dataset]":
                lines += [f"segments={tables['segments']}\n",
                          f"enterprises={tables['enterprises']}\n", "supply=supply.csv\n"]
    with open(os.path.join(out, "dataset.ini"), "w", encoding="utf-8") as f:
        f.writelines(lines)
    return out


def run_chainmap(binary, cmd, path, scen, year=None, top=None, land=None):
    argv = [binary, cmd, path, "--format", "json"] + (["--scenario", scen] if scen else [])
    argv += ["--land", ",".join(land)] if land else []
    argv += ["--year", str(year)] if year is not None else []
    argv += ["--top", str(top)] if top is not None else []
    p = subprocess.run(argv, capture_output=True)
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        return None, f"exit {p.returncode}: {' '.join(argv)}\n{err}"
    if "Sanitizer" in err or "runtime error:" in err:
        return None, f"sanitizer report: {' '.join(argv)}\n{err}"
    try:
        return json.loads(p.stdout.decode("utf-8")), None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return None, f"not JSON ({e}): {' '.join(argv)}"


def oracle_json(peer, cmd, path, scen, land=None):
    # what `peer.py CMD DATASET [--scenario S] [--land L]` prints
    if land:
        out = peer.plan_of(*peer.analyse(path, scen), land=land)
    else:
        out = ORACLE[cmd](peer, path, scen)
    return json.loads(json.dumps(out, ensure_ascii=False))


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
        print(f"SKIPPED: the oracle is not there ({os.path.abspath(peer_py)}); the differential "
              "test needs shared/ beside the repository")
        return SKIP
    try:
        peer = load_peer(peer_py)
    except ImportError as e:
        print(f"SKIPPED: the oracle cannot run ({e}); install python3-pandas python3-networkx")
        return SKIP
    os.makedirs(a.work, exist_ok=True)

    failures = checks = 0
    for case in a.cases:
        spec = CASES[case]
        for kind, what in spec["datasets"]:
            if kind == "path":
                path = os.path.join(a.source, what)
            else:
                path = generate(gen_py, a.work, what)
            label = what if kind == "path" else os.path.basename(path)
            # (title, commands, chainmap dataset, scenario, year, top, oracle dataset)
            runs = [(label + (f" --scenario {s}" if s else ""), COMMANDS, path, s, None, None, path)
                    for s in spec["scenarios"]]
            for year, scen in spec["years"]:
                copy = year_copy(path, year, a.work)
                if copy:
                    title = f"{label} --year {year}" + (f" --scenario {scen}" if scen else "")
                    runs.append((title, COMMANDS, path, scen, year, None, copy))
            for top in spec.get("top", []):
                runs.append((f"{label} --top {top}", ["targets"], path, None, None, top, path))
            runs = [r + (None,) for r in runs] + land_runs(peer, label, path, spec["scenarios"])
            for title, cmds, ours_path, scen, year, top, oracle_path, land in runs:
                for cmd in cmds:
                    checks += 1
                    title_cmd = f"{cmd} {title}"
                    ours, err = run_chainmap(a.chainmap, cmd, ours_path, scen, year, top, land)
                    if err:
                        failures += 1
                        print(f"FAIL {title_cmd}: chainmap {err}")
                        continue
                    theirs = oracle_json(peer, cmd, oracle_path, scen, land)
                    if top is not None:
                        theirs["targets"] = theirs["targets"][:top]
                    diff, notes = Diff(), []
                    COMPARE[cmd](ours, theirs, diff, notes)
                    for n in notes:
                        print(f"note {title_cmd}: {n}")
                    if diff.items:
                        failures += 1
                        n = len(diff.items)
                        print(f"FAIL {title_cmd}: {n} difference(s) (chainmap | oracle)")
                        for p, x, y, note in diff.items[:MAX_REPORTS]:
                            tag = f" [{note}]" if note else ""
                            print(f"  {p}{tag}: {show(x)} | {show(y)}")
                        if len(diff.items) > MAX_REPORTS:
                            print(f"  ... {len(diff.items) - MAX_REPORTS} more")
                    else:
                        print(f"ok   {title_cmd}")
    print(f"{checks - failures} of {checks} comparisons equal")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
