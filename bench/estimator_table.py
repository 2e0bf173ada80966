#!/usr/bin/env python3
"""Prints the estimator table of an `estimate` run (bench/estimator_table.sh): for every column, Kendall tau,
Spearman rho and top-10 mean accuracy from result.json, and the median seconds per cell of the estimator that fills
the column (a term costs what its estimator costs; tse and short_acc reuse MOTE's training, ensemble and az_nas
reuse their members')."""
import csv, json, statistics, sys

OWNER = {"mote_raw": "mote", "mote_landscape": "mote", "mote_speed": "mote", "tse": "mote", "short_acc": "mote",
         "az_expressivity": "az_nas", "az_progressivity": "az_nas", "az_trainability": "az_nas",
         "az_complexity": "az_nas"}


def main(run):
    res = json.load(open(run + "/result.json"))
    rows = list(csv.DictReader(open(res.get("scores", run + "/scores.csv"))))
    print(f"{len(rows)} cells, truth {res['truth']}; run seconds per cell (all estimators) median "
          f"{statistics.median(float(r['seconds']) for r in rows):.2f}")
    print("| estimator | Kendall τ | Spearman ρ | top-10 mean (%) | median s/cell |")
    print("|---|---|---|---|---|")
    for name, st in sorted(res["estimators"].items(), key=lambda kv: -kv[1]["kendall"]):
        col = "seconds_" + OWNER.get(name, name)
        secs = statistics.median(float(r[col]) for r in rows) if col in rows[0] else float("nan")
        print(f"| {name} | {st['kendall']:.3f} | {st['spearman']:.3f} | {st['top10_mean']:.2f} | {secs:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1])
