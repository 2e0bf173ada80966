"""The latency tables of docs/results.md from bench/latency.sh's outputs: validation figures, and the fronts searched
with MACs and with latency, both in measured milliseconds (at equal or lower test error, how much faster)."""
import json
import sys

out, seed = sys.argv[1], sys.argv[2]
for name in ("ofav2", "nb201"):
    v = json.load(open(f"{out}/validate-{name}.json"))
    print(f"| {name} | {v['n']} | {v['spearman']:.3f} | {v['mape_percent']:.1f} % | {v['max_ape_percent']:.0f} % |")

lat = json.load(open(f"{out}/nat-latency-s{seed}/front.json"))
macs = json.load(open(f"{out}/nat-macs-s{seed}/front.json"))
measured = [json.loads(line) for line in open(f"{out}/nat-macs-s{seed}.latency.jsonl")]
for m, x in zip(macs, measured):
    m["latency_ms"] = x["measured_ms"]
    m["predicted_latency_ms"] = x["predicted_ms"]
print()
print("| search | front size | error range (%) | measured latency range (ms) | MACs range (M) |")
print("|---|---|---|---|---|")
for label, f in (("error,macs", macs), ("error,latency", lat)):
    e = [m["error"] for m in f]
    t = [m["latency_ms"] for m in f]
    c = [m["macs"] / 1e6 for m in f]
    print(f"| {label} | {len(f)} | {min(e):.2f}-{max(e):.2f} | {min(t):.3f}-{max(t):.3f} | {min(c):.2f}-{max(c):.2f} |")


def fastest_at(front, err):
    ok = [m["latency_ms"] for m in front if m["error"] <= err]
    return min(ok) if ok else None


print()
print("| test error at most (%) | fastest, MACs search (ms) | fastest, latency search (ms) | speed-up |")
print("|---|---|---|---|")
errors = sorted({round(m["error"], 2) for m in macs + lat})
for err in errors:
    a, b = fastest_at(macs, err), fastest_at(lat, err)
    if a is None or b is None:
        continue
    print(f"| {err:.2f} | {a:.3f} | {b:.3f} | {a / b:.2f}x |")
