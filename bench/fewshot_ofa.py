#!/usr/bin/env python3
"""The few-shot ranker on OFA/OFAv2 subnets (issue 25): the label is a subnet's accuracy on a trained super-network.

Usage: fewshot_ofa.py SCORES SPACE ESTIMATORS CELLS SUPERNET OUT [N ...]
  SCORES      scores.csv of `jnas estimate --space SPACE --supernet SUPERNET --estimators ESTIMATORS,supernet
              --sample CELLS --seed 0` (the supernet column: each subnet's validation accuracy with inherited weights)
  ESTIMATORS  the cheap estimators of that study, comma-separated (the ranker's features; never the supernet column)
For each N and draw seed 1..3, a copy of the study without its supernet column is refitted with
jnas estimate --estimators ESTIMATORS,fewshot --labels N --label-source csv:LABELS --label-draw random:SEED, where
LABELS holds every subnet's supernet accuracy (only the N drawn are read); tau is computed here against the supernet
column on the other subnets, next to each label-free column on the same subnets. Prints a markdown table.
"""
import json, os, subprocess, sys, statistics

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ensemble_select import kendall  # noqa: E402 (tau-b, as scipy computes it)

scores, space, estimators, cells, supernet, out = sys.argv[1:7]
ns = [int(n) for n in sys.argv[7:]] or [10, 25, 50, 100]
cells = int(cells)
jnas = os.environ.get("JNAS", "./jnas")
data = os.environ.get("DATA", "imagefolder:../shared/data/cifar10-jpg.tar.gz")
os.makedirs(out, exist_ok=True)


def read(path):
    """Rows of a jnas scores.csv: an architecture's text may hold commas, so the values are the last fields."""
    lines = open(path).read().split("\n")[:-1]
    head = lines[0].split(",")[1:]
    rows = []
    for line in lines[1:]:
        f = line.split(",")
        k = len(f) - len(head)
        rows.append((",".join(f[:k]), dict(zip(head, f[k:]))))
    return head, rows


head, rows = read(scores)
rows = rows[:cells]
truth = {a: float(r["supernet"]) for a, r in rows}
labels = os.path.join(out, "labels.csv")
with open(labels, "w") as f:
    f.write("arch,accuracy\n")
    for a, v in truth.items():
        f.write(f"{a},{v}\n")
kept = [c for c in head if c not in ("supernet", "seconds_supernet")]
cut = kept.index("seconds")
new_head = kept[:cut] + ["fewshot", "fewshot_labelled"] + kept[cut:] + ["seconds_fewshot"]
free = [c for c in kept if not c.startswith("seconds")]
results, same = {}, {}
for n in ns:
    for seed in (1, 2, 3):
        name = f"n{n}-s{seed}"
        copy = os.path.join(out, name + ".csv")
        subprocess.run(["rm", "-rf", os.path.join(out, name)])
        with open(copy, "w") as f:
            f.write("arch," + ",".join(new_head) + "\n")
            for a, r in rows:
                vals = [r[c] for c in kept[:cut]] + ["", ""] + [r[c] for c in kept[cut:]] + [""]
                f.write(a + "," + ",".join(vals) + "\n")
        cmd = [jnas, "estimate", "--space", space, "--supernet", supernet, "--estimators", estimators + ",fewshot",
               "--labels", str(n), "--label-source", "csv:" + labels, "--label-draw", f"random:{seed}", "--sample",
               str(cells), "--seed", "0", "--dataset", data, "--out", copy, "--json"]
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed: {res.stderr.strip().splitlines()[-1:]}")
        _, got = read(copy)
        rest = [(a, r) for a, r in got if r["fewshot_labelled"] not in ("1.0", "1")]
        t = [truth[a] for a, _ in rest]
        results[(n, seed)] = (kendall([float(r["fewshot"]) for _, r in rest], t), len(rest))
        for col in free:
            same.setdefault((n, col), []).append(kendall([float(r[col]) for _, r in rest], t))
        print(f"N={n} seed={seed}: tau {results[(n, seed)][0]:.3f} on {len(rest)}", file=sys.stderr)
print("| labelled subnets N | tau (seeds 1, 2, 3) | mean tau | unlabelled subnets | best label-free column on the same subnets |")
print("|---|---|---|---|---|")
for n in ns:
    t = [results[(n, s)][0] for s in (1, 2, 3)]
    cols = {c: statistics.mean(v) for (m, c), v in same.items() if m == n}
    c = max(cols, key=cols.get)
    print(f"| {n} | {', '.join(f'{x:.3f}' for x in t)} | {statistics.mean(t):.3f} | {results[(n, 1)][1]} | "
          f"{c} {cols[c]:.3f} |")
print(json.dumps({"label_free": {c: round(statistics.mean(v), 3) for (m, c), v in same.items() if m == ns[0]}}))
