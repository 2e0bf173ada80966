"""The latency tables of docs/results.md from bench/latency.sh's outputs: validation figures, and the fronts searched
with MACs (OFA) or params (NAS-Bench-201) and with latency, both in milliseconds measured by the search itself
(at equal or lower error, how much faster)."""
import json
import os
import sys

out, seed = sys.argv[1], sys.argv[2]
for name in ("ofav2", "nb201", "darts"):
    path = f"{out}/validate-{name}.json"
    if os.path.exists(path):
        v = json.loads(open(path).read().splitlines()[-1])
        print(f"| {name} | {v['n']} | {v['spearman']:.3f} | {v['mape_percent']:.1f} % | {v['max_ape_percent']:.0f} % |")


def fastest_at(front, err):
    ok = [m["latency_ms"] for m in front if m["error"] <= err]
    return min(ok) if ok else None


def compare(label, cost, other, lat):
    print()
    print(f"{label}")
    print(f"| search | front size | error range (%) | measured latency range (ms) | {cost} range |")
    print("|---|---|---|---|---|")
    for name, f in ((f"error,{cost}", other), ("error,latency", lat)):
        e = [m["error"] for m in f]
        t = [m["latency_ms"] for m in f]
        c = [m[cost] / 1e6 for m in f]
        print(f"| {name} | {len(f)} | {min(e):.2f}-{max(e):.2f} | {min(t):.3f}-{max(t):.3f} | {min(c):.3f}-{max(c):.3f} M |")
    print()
    print(f"| error at most (%) | fastest, {cost} search (ms) | fastest, latency search (ms) | speed-up |")
    print("|---|---|---|---|")
    # the error range both fronts cover: a front may end in degenerate networks (a NAS-Bench-201 cell of skips and
    # zeros at 90 % error is the fastest of all) that the other search never needed; both are cut there
    cover = min(max(m["error"] for m in other), max(m["error"] for m in lat))
    other = [m for m in other if m["error"] <= cover]
    lat = [m for m in lat if m["error"] <= cover]
    ratios = []
    for err in sorted({round(m["error"], 2) for m in other + lat}):
        a, b = fastest_at(other, err), fastest_at(lat, err)
        if a is None or b is None:
            continue
        ratios.append(a / b)
        print(f"| {err:.2f} | {a:.3f} | {b:.3f} | {a / b:.2f}x |")
    # hypervolume of each front in (error, measured latency) up to the error both cover, both axes scaled to [0, 1]
    # between the two fronts' smallest value and their largest (the reference point): the share of that box each
    # front dominates
    both = other + lat
    e0, e1 = min(m["error"] for m in both), max(m["error"] for m in both)
    t0, t1 = min(m["latency_ms"] for m in both), max(m["latency_ms"] for m in both)
    for name, f in ((cost, other), ("latency", lat)):
        pts = sorted(((m["error"] - e0) / (e1 - e0), (m["latency_ms"] - t0) / (t1 - t0)) for m in f)
        # sweep over error: the area dominated is the union of the boxes [e, 1] x [t, 1]
        hv, best_t, prev_e = 0.0, 1.0, None
        for e, t in pts:
            if prev_e is not None:
                hv += (e - prev_e) * (1 - best_t)
            best_t = min(best_t, t)
            prev_e = e
        if prev_e is not None:
            hv += (1 - prev_e) * (1 - best_t)
        print(f"hypervolume in (error, measured ms), {name} front: {hv:.3f}")
    if ratios:
        ratios.sort()
        print(f"(both fronts cut at {cover:.2f} % error, the range both cover)")
        print(f"median speed-up over those error levels: {ratios[len(ratios) // 2]:.2f}x (min {ratios[0]:.2f}x, "
              f"max {ratios[-1]:.2f}x)")


def front(path):
    return json.load(open(path)) if os.path.exists(path) else None


lat, macs = front(f"{out}/nat-latency-s{seed}/front.json"), front(f"{out}/nat-macs-s{seed}/front.json")
if lat and macs:
    compare(f"OFAv2 super-network, seed {seed}", "macs", macs, lat)
for s in (1, 2, 3):
    lat, params = front(f"{out}/nb201-latency-s{s}/front.json"), front(f"{out}/nb201-params-s{s}/front.json")
    if lat and params:
        compare(f"NAS-Bench-201, seed {s}", "params", params, lat)
