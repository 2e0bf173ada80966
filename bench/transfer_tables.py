#!/usr/bin/env python3
"""Markdown tables of the transfer experiment (docs/results.md, issue 17) from runs/exp-transfer: the super-networks
(with their CPU seconds) and the NATv2 searches on each, with the hypervolume of each search's front on the TEST split.
All fronts share one reference: error 100 %, and the params and MACs of the largest subnet (the same network shape in
every run), each objective scaled to [0, 1]; so the hypervolumes compare across runs (not with the searches' own,
validation-based ones)."""
import glob, json, os, sys

out = sys.argv[1] if len(sys.argv) > 1 else "runs/exp-transfer"
load = lambda n: json.load(open(os.path.join(out, n, "result.json")))


def hv3(points):
    """Exact hypervolume of minimisation points in [0, 1]^3 against (1, 1, 1): slices along the first objective."""
    pts = sorted(points)
    total = 0.0
    for i, p in enumerate(pts):
        nxt = pts[i + 1][0] if i + 1 < len(pts) else 1.0
        if nxt <= p[0]:
            continue
        layer = sorted((q[1], q[2]) for q in pts[: i + 1])
        area, best_z = 0.0, 1.0
        for j, (y, z) in enumerate(layer):
            best_z = min(best_z, z)
            y_next = layer[j + 1][0] if j + 1 < len(layer) else 1.0
            area += (y_next - y) * (1.0 - best_z)
        total += (nxt - p[0]) * area
    return total


sns = sorted(os.path.basename(os.path.dirname(f)) for f in glob.glob(out + "/*/result.json"))
print("| super-network | data | largest subnet val % | smallest subnet val % | epochs | seconds |")
print("|---|---|---|---|---|---|")
ref = None
for n in sns:
    r = load(n)
    if "largest" not in r:
        continue
    if not n.startswith("pre"):  # the target's super-networks share one shape (10 classes)
        ref = ref or (r["largest"]["params"], r["largest"]["macs"])
    print(f"| {n} | {r['dataset'].split(':')[0]} | {r['largest']['val_top1']:.1f} | {r['smallest']['val_top1']:.1f} | "
          f"{r['epochs']} | {r['seconds']:.0f} |")
print()
print("| search | test-front hypervolume | best test error % (params, MACs) | smallest front member: error % (params, MACs) | front | seconds |")
print("|---|---|---|---|---|---|")
for n in sns:
    r = load(n)
    if "front" not in r:
        continue
    front = r["front"]
    pts = [(f["error"] / 100, f["params"] / ref[0], f["macs"] / ref[1]) for f in front]
    best = min(front, key=lambda f: f["error"])
    small = min(front, key=lambda f: f["macs"])
    print(f"| {n} | {hv3(pts):.4f} | {best['error']:.2f} ({best['params']/1e6:.2f} M, {best['macs']/1e6:.1f} M) | "
          f"{small['error']:.2f} ({small['params']/1e6:.2f} M, {small['macs']/1e6:.1f} M) | {len(front)} | {r['seconds']:.0f} |")
