#!/usr/bin/env python3
"""The few-shot ranker's curve (issue 25): tau and rho on the unlabelled cells against the number of labelled cells.

Usage: fewshot_curve.py SCORES ESTIMATORS CELLS LABELS OUT [N ...]
  SCORES      scores.csv of a jnas estimate study of NAS-Bench-201 (seed 0) with ESTIMATORS
  ESTIMATORS  the study's --estimators, comma-separated
  CELLS       how many of its first rows to use (a seed-0 sample of CELLS is the first CELLS of a larger one)
  LABELS      table, or a CSV of arch,accuracy (csv:PATH is passed on)
  OUT         folder for the copies and runs
For each N and draw seed 1..3, jnas estimate --estimators ESTIMATORS,fewshot --labels N --label-draw random:SEED runs on
a copy of the first CELLS rows (nothing is scored again; the ranker is fitted in under a second) and the result's
fewshot tau/rho (unlabelled rows only) is collected. Prints a markdown table.
"""
import csv, json, os, subprocess, sys, statistics

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ensemble_select import kendall  # noqa: E402 (tau-b, as scipy computes it)

scores, estimators, cells, labels, out = sys.argv[1:6]
ns = [int(n) for n in sys.argv[6:]] or [25, 50, 100, 200]
cells = int(cells)
jnas = os.environ.get("JNAS", "./jnas")
table = os.environ.get("TABLE", "../shared/data/nb201")
data = os.environ.get("DATA", "imagefolder:../shared/data/cifar10-jpg.tar.gz")
os.makedirs(out, exist_ok=True)
with open(scores) as f:
    rows = list(csv.reader(f))
head, body = rows[0], rows[1:cells + 1]
if len(body) < cells:
    sys.exit(f"{scores} holds {len(body)} complete rows, fewer than {cells}")
cut = head.index("seconds")
new_head = head[:cut] + ["fewshot", "fewshot_labelled"] + head[cut:] + ["seconds_fewshot"]
results = {}
same = {}
truth = {}
with open(os.path.join(table, "nb201_test_acc_200ep.csv") if os.path.isdir(table) else table) as f:
    for r in csv.DictReader(f):
        truth[r["ArchitectureString"]] = float(r["CIFAR10TestAccuracy200Epochs"])


def free_cols(row):
    return [c for c in row if c not in ("arch", "fewshot", "fewshot_labelled") and not c.startswith("seconds")]


for n in ns:
    for seed in (1, 2, 3):
        name = f"n{n}-s{seed}"
        copy = os.path.join(out, name + ".csv")
        subprocess.run(["rm", "-rf", os.path.join(out, name)])
        with open(copy, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(new_head)
            for r in body:
                w.writerow(r[:cut] + ["", ""] + r[cut:] + [""])
        source = labels if labels == "table" else "csv:" + labels
        cmd = [jnas, "estimate", "--space", "nb201", "--estimators", estimators + ",fewshot", "--labels", str(n),
               "--label-source", source, "--label-draw", f"random:{seed}", "--sample", str(cells), "--seed", "0",
               "--dataset", data, "--table", table, "--out", copy, "--json"]
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed: {res.stderr.strip().splitlines()[-1:]}")
        est = json.loads(res.stdout.strip().splitlines()[-1])["estimators"]
        results[(n, seed)] = est["fewshot"]
        # every label-free column on the same unlabelled cells as the ranker
        with open(copy) as f:
            got = list(csv.DictReader(f))
        rest = [r for r in got if r["fewshot_labelled"] not in ("1.0", "1")]
        for col in free_cols(got[0]):
            vals = [(float(r[col]), truth[r["arch"]]) for r in rest if r[col] not in ("", "NaN")]
            same.setdefault((n, col), []).append(kendall([v for v, _ in vals], [t for _, t in vals]))
        print(f"N={n} seed={seed}: tau {est['fewshot']['kendall']:.3f} rho {est['fewshot']['spearman']:.3f} "
              f"n {est['fewshot']['n']}", file=sys.stderr)
print(f"| labelled cells N | tau (seeds 1, 2, 3) | mean tau | mean rho | unlabelled cells | best label-free column on the same cells (mean tau) |")
print("|---|---|---|---|---|---|")
def best(n):
    cols = {c: statistics.mean(v) for (m, c), v in same.items() if m == n}
    c = max(cols, key=cols.get)
    return f"{c} {cols[c]:.3f}"


for n in ns:
    t = [results[(n, s)]["kendall"] for s in (1, 2, 3)]
    r = [results[(n, s)]["spearman"] for s in (1, 2, 3)]
    print(f"| {n} | {', '.join(f'{x:.3f}' for x in t)} | {statistics.mean(t):.3f} | {statistics.mean(r):.3f} | "
          f"{results[(n, 1)]['n']} | {best(n)} |")



