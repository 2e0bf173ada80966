"""Tables of bench/speed.sh's measurements: medians over the repeats, ratios against the original code and before."""
import glob
import json
import os
import statistics
import sys

out = sys.argv[1]


def runs(pattern):
    found = []
    for f in sorted(glob.glob(os.path.join(out, pattern))):
        try:
            with open(f) as fh:
                found.append(json.loads(fh.read()))
        except (ValueError, OSError):
            pass
    return found


def med(rows, key):
    vals = [r[key] for r in rows if key in r]
    return statistics.median(vals) if vals else None


def fmt(v, digits=1):
    return "—" if v is None else f"{v:,.{digits}f}"


print("| measurement | jnas now | jnas before | original code | now / original | now / before | GFLOP/s now (share of peak) |")
print("|---|---|---|---|---|---|---|")
rows = [("DARTS step, C=8, 5 cells, batch 32 (ms)", "darts", "ms_per_step", True),
        ("NB201 supernet step, C=16, 5 cells, batch 64 (ms)", "nb201", "ms_per_step", True),
        ("OFA training, largest subnet, 32 px, batch 64 (images/s)", "ofa-largest", "images_per_s", False),
        ("OFA training, random subnets, 32 px, batch 64 (images/s)", "ofa-random", "images_per_s", False)]
for label, name, key, lower in rows:
    new, old, ref = runs(f"{name}-new-*.json"), runs(f"{name}-old-*.json"), runs(f"{name}-ref-*.json")
    n, o, r = med(new, key), med(old, key), med(ref, key)
    ratio = (lambda a, b: None if a is None or b is None else (a / b))
    g, p = med(new, "gflops"), med(new, "fraction_of_peak")
    share = "—" if g is None else f"{g:.1f} ({100 * p:.1f} % of {med(new, 'peak_gflops'):.0f})"
    print(f"| {label} | {fmt(n)} | {fmt(o)} | {fmt(r)} | {fmt(ratio(n, r), 2)} | {fmt(ratio(n, o), 2)} | {share} |")
ort, tor = runs("eval-ort-*.json"), runs("eval-jnas-*.json")
if ort and tor:
    a, b = med(ort, "subnets_per_minute"), med(tor, "subnets_per_minute")
    print(f"| NAT subnet evaluation, OFA, 500 + 5,000 images (subnets/min) | {fmt(a, 2)} | {fmt(b, 2)} (libtorch) | — | — | "
          f"{fmt(a / b, 2)} | {med(ort, 'gflops'):.1f} ({100 * med(ort, 'fraction_of_peak'):.1f} %) |")
mote = {}
for t in ("new", "old"):
    f = os.path.join(out, f"mote-{t}", "result.json")
    if os.path.exists(f):
        with open(f) as fh:
            mote[t] = json.load(fh).get("seconds_per_arch")
if mote:
    n, o = mote.get("new"), mote.get("old")
    per_min = (lambda s: None if s is None else 60 / s)
    print(f"| MOTE estimate, 10 NB201 cells (candidates/min) | {fmt(per_min(n), 2)} | {fmt(per_min(o), 2)} | — | — | "
          f"{fmt(None if n is None or o is None else o / n, 2)} | — |")
