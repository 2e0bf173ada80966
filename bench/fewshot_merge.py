#!/usr/bin/env python3
"""Joins the scores of two estimate studies of one seed-0 NAS-Bench-201 sample into one scores.csv (issue 25).

Usage: fewshot_merge.py A B CELLS OUT
  A, B   scores.csv of two jnas estimate studies with the same --sample order (seed 0: a sample's first cells are
         those of any larger one), e.g. the ensemble study and the cheap-proxy study of bench/fewshot.sh
  CELLS  how many of A's first complete rows to keep (every one of them must be in B)
  OUT    the joined scores.csv: A's estimators then B's others, columns in the order jnas estimate writes them for
         --estimators A's,B's others (values, then seconds, then seconds_<estimator>)
Prints the --estimators list the joined file belongs to. The per-architecture seconds are A's plus B's.
"""
import csv
import sys


def read(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    head = rows[0]
    cut = head.index("seconds")
    values = head[1:cut]
    estimators = [c[len("seconds_"):] for c in head[cut + 1:]]
    body = {}
    order = []
    for r in rows[1:]:
        first = len(r) - (len(head) - 1)  # the values are the last fields; an arch's text may hold commas
        if first < 1:
            continue  # a line cut by a kill
        arch = ",".join(r[:first])
        body[arch] = dict(zip(head[1:], r[first:]))
        order.append(arch)
    return values, estimators, body, order


a_values, a_est, a_body, a_order = read(sys.argv[1])
b_values, b_est, b_body, _ = read(sys.argv[2])
cells, out = int(sys.argv[3]), sys.argv[4]
if len(a_order) < cells:
    sys.exit(f"{sys.argv[1]} holds {len(a_order)} complete rows, fewer than {cells}")
extra = [e for e in b_est if e not in a_est]
# a value column of B belongs to the estimator whose name starts it (naswot; params; az_nas_... would be az_nas's)
extra_values = [v for v in b_values if v not in a_values and any(v == e or v.startswith(e + "_") for e in extra)]
head = ["arch"] + a_values + extra_values + ["seconds"] + ["seconds_" + e for e in a_est + extra]
with open(out, "w", newline="") as f:
    f.write(",".join(head) + "\n")
    for arch in a_order[:cells]:
        if arch not in b_body:
            sys.exit(f"{arch} of {sys.argv[1]} is not in {sys.argv[2]}: not one sample")
        ra, rb = a_body[arch], b_body[arch]
        row = [ra[c] for c in a_values] + [rb[c] for c in extra_values]
        row += [repr(float(ra["seconds"]) + float(rb["seconds"]))]
        row += [ra["seconds_" + e] for e in a_est] + [rb["seconds_" + e] for e in extra]
        f.write(arch + "," + ",".join(row) + "\n")
print(",".join(a_est + extra))
