#!/usr/bin/env python3
"""A synthetic large template of the shape of the Shenwan level-3 industries: by default 346
segments in 130 groups over the three tiers, with enterprises and supply rows, so that the chain
view needs an overview and detail maps (docs/chain-maps.md, bench/maps.sh).

big_template.py OUTDIR [--segments 346] [--groups 130] [--enterprises 1500] [--edges 6000] [--seed 3]
"""
import argparse, os, random

TIERS = ["upstream", "midstream", "downstream"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--segments", type=int, default=346)
    ap.add_argument("--groups", type=int, default=130)
    ap.add_argument("--enterprises", type=int, default=1500)
    ap.add_argument("--edges", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=3)
    a = ap.parse_args()
    r = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    n, g = a.segments, min(a.groups, a.segments)
    # groups in tier order; every group has at least one segment
    group_of = sorted(list(range(g)) + [r.randrange(g) for _ in range(n - g)])
    tier_of_group = [TIERS[min(2, k * 3 // g)] for k in range(g)]
    segs = []
    for i in range(n):
        k = group_of[i]
        # inputs from earlier groups (nearby ones mostly), one to three of them
        earlier = [j for j in range(i) if group_of[j] < k and group_of[j] >= k - 12]
        ins = r.sample(earlier, min(len(earlier), r.randint(1, 3))) if earlier else []
        segs.append((f"sw{i:03d}", f"行业{i} Industry {i}", tier_of_group[k], f"G{k:03d} 板块{k}", ins))
    for i in r.sample(range(n // 2, n), 3):  # a few recycling links back upstream
        segs[r.randrange(0, n // 6)][4].append(i)
    with open(os.path.join(a.out, "segments.csv"), "w", encoding="utf-8") as f:
        f.write("id,name,tier,group,inputs\n")
        for sid, name, tier, grp, ins in segs:
            f.write(f"{sid},{name},{tier},{grp},{';'.join(f'sw{j:03d}' for j in ins)}\n")
    regions = ["Zhejiang/Zhoushan/Dinghai", "Zhejiang/Zhoushan", "Zhejiang/Ningbo",
               "Jiangsu/Suzhou", "Guangdong/Shenzhen", "Shanghai"]
    ents = []
    with open(os.path.join(a.out, "enterprises.csv"), "w", encoding="utf-8") as f:
        f.write("id,name,region,segments,role,output,status\n")
        for e in range(a.enterprises):
            s = r.sample(range(n), r.choice([1, 1, 2]))
            ents.append(s)
            role = "leader" if e < 4 else ""
            reg = regions[0] if e < 4 else r.choice(regions)
            f.write(f"c{e},公司{e} Company {e},{reg},{';'.join(f'sw{j:03d}' for j in s)},{role},"
                    f"{r.uniform(1, 300):.2f},operating\n")
    with open(os.path.join(a.out, "supply.csv"), "w", encoding="utf-8") as f:
        f.write("supplier,buyer,segment,value\n")
        seen = set()
        while len(seen) < a.edges:
            sup = r.randrange(a.enterprises)
            buy = r.randrange(8) if r.random() < 0.2 else r.randrange(a.enterprises)
            if sup == buy or (sup, buy) in seen:
                continue
            seen.add((sup, buy))
            f.write(f"c{sup},c{buy},sw{r.choice(ents[sup]):03d},{r.uniform(0.5, 80):.2f}\n")
    with open(os.path.join(a.out, "dataset.ini"), "w", encoding="utf-8") as f:
        f.write("[dataset]\nname=舟山 large template (synthetic, 346 industries)\n"
                "region=Zhejiang/Zhoushan\nunit=100 million CNY\n")


if __name__ == "__main__":
    main()
