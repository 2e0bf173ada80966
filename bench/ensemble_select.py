#!/usr/bin/env python3
"""Chooses the ensemble's members by measurement: every subset (2 to 5 members) of the candidate columns of an
`estimate` run's scores.csv, aggregated as jnas does (rank 1 = worst, ties averaged, undefined scores lowest; log rule
= sum of log(rank/n), mean rule = mean rank), ranked by Kendall tau against the NAS-Bench-201 column on the first K
cells only; the best few are then judged on the remaining cells, which played no part in the choice.
Usage: ensemble_select.py RUN_DIR TABLE_CSV [K=100]"""
import csv, itertools, math, sys

CANDIDATES = ["mote_landscape", "mote_raw", "mote_speed", "tse", "naswot", "zico", "jacov", "synflow", "snip",
              "grad_norm", "params", "flops", "az_expressivity", "az_progressivity", "az_trainability", "az_nas"]


def ranks(v):
    key = [(-math.inf if (x != x) else x) for x in v]
    order = sorted(range(len(v)), key=lambda i: key[i])
    r = [0.0] * len(v)
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and key[order[j + 1]] == key[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def kendall(x, y):
    n = len(x)
    c = d = tx = ty = 0
    for i in range(n):
        for j in range(i + 1, n):
            a = (x[i] > x[j]) - (x[i] < x[j])
            b = (y[i] > y[j]) - (y[i] < y[j])
            if a == 0 and b == 0:
                continue
            if a == 0:
                tx += 1
            elif b == 0:
                ty += 1
            elif a == b:
                c += 1
            else:
                d += 1
    return (c - d) / math.sqrt((c + d + tx) * (c + d + ty))


def aggregate(cols, rule):
    n = len(cols[0])
    out = [0.0] * n
    for c in cols:
        r = ranks(c)
        for i in range(n):
            out[i] += math.log(r[i] / n) if rule == "log" else r[i] / len(cols)
    return out


def main(run, table, k):
    truth = {r["ArchitectureString"]: float(r["CIFAR10TestAccuracy200Epochs"]) for r in csv.DictReader(open(table))}
    rows = list(csv.DictReader(open(run + "/scores.csv")))
    cand = [c for c in CANDIDATES if c in rows[0]]

    def col(name, part):
        return [float(r[name]) for r in part]

    def tau(members, rule, part):
        # az_nas as a member is its own aggregate, recomputed over this part, as jnas does
        cols = [aggregate([col(t, part) for t in ("az_expressivity", "az_progressivity", "az_trainability",
                                                   "az_complexity")], "log") if m == "az_nas" else col(m, part)
                for m in members]
        return kendall(aggregate(cols, rule), [truth[r["arch"]] for r in part])

    first, rest = rows[:k], rows[k:]
    scored = []
    for size in range(2, 6):
        for members in itertools.combinations(cand, size):
            for rule in ("log", "mean"):
                scored.append((tau(members, rule, first), members, rule))
    scored.sort(reverse=True)
    print(f"chosen on the first {k} cells, judged on the other {len(rest)} and on all {len(rows)}:")
    for t, members, rule in scored[:10]:
        print(f"  {','.join(members):60s} {rule:4s} tau first {t:.3f}  rest {tau(members, rule, rest):.3f}"
              f"  all {tau(members, rule, rows):.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 100)
