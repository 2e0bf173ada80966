#!/usr/bin/env python3
"""Markdown tables of the NATv2 experiments (docs/results.md) from the run directories under
runs/exp-nat: super-networks, searches (hypervolume per iteration, best test error, front) and
params / MACs at matched accuracy for every pair of runs with the same seed."""
import glob, json, os, sys

out = sys.argv[1] if len(sys.argv) > 1 else "runs/exp-nat"
sn, runs = {}, {}
for f in sorted(glob.glob(out + "/*/result.json")):
    name = os.path.basename(os.path.dirname(f))
    r = json.load(open(f))
    if "front" in r:
        runs[name] = r
    elif "largest" in r:  # fine-tune runs have neither
        sn[name] = r

print("| super-network | largest subnet val % | params / MACs | smallest subnet val % | params / MACs | seconds |")
print("|---|---|---|---|---|---|")
for name, r in sn.items():
    lg, sm = r["largest"], r["smallest"]
    print(f"| {name} | {lg['val_top1']:.1f} | {lg['params']/1e6:.2f} M / {lg['macs']/1e6:.1f} M | {sm['val_top1']:.1f} | "
          f"{sm['params']/1e6:.2f} M / {sm['macs']/1e6:.1f} M | {r['seconds']:.0f} |")
print()
print("| search | hypervolume per iteration | best test error % (params, MACs) | front size | evaluated | seconds |")
print("|---|---|---|---|---|---|")
for name, r in runs.items():
    best = min(r["front"], key=lambda x: x["error"])
    hv = " → ".join(f"{h:.4f}" for h in r["hypervolume"])
    print(f"| {name} | {hv} | {best['error']:.2f} ({best['params']/1e6:.2f} M, {best['macs']/1e6:.1f} M) | "
          f"{len(r['front'])} | {r['evaluated']} | {r['seconds']:.0f} |")
print()
print("| pair (same seed) | error level % | run | min params at ≤ level | min MACs at ≤ level |")
print("|---|---|---|---|---|")
names = list(runs)
for i, a in enumerate(names):
    for b in names[i + 1:]:
        if a.rsplit("-", 1)[1] != b.rsplit("-", 1)[1]:
            continue
        level = max(runs[a]["best_error"], runs[b]["best_error"])
        for n in (a, b):
            ok = [x for x in runs[n]["front"] if x["error"] <= level]
            print(f"| {a} vs {b} | {level:.2f} | {n} | {min(x['params'] for x in ok)/1e6:.2f} M | "
                  f"{min(x['macs'] for x in ok)/1e6:.2f} M |")
