#!/usr/bin/env bash
# Latency as a search objective (docs/latency.md, docs/results.md "Latency"), real CIFAR-10, cpu preset:
#  1. the OFAv2 cpu super-network (skipped when runs/exp-latency/sn exists);
#  2. this machine's latency models of its subnets and of NAS-Bench-201, each validated on 100 fresh architectures;
#  3. NATv2 on the same super-network and seed, once with error,macs and once with error,latency; the MACs front is
#     then measured the same way (jnas latency --supernet), so both fronts are in milliseconds.
# Every run resumes when interrupted. Run nothing else meanwhile: the timings are the point.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
SEED=${SEED:-0}
OUT=runs/exp-latency
mkdir -p "$OUT"
go() { # dir, then jnas args: run, or resume an unfinished run
  local dir=$1; shift
  if [ -f "$dir/result.json" ]; then return; fi
  if [ -f "$dir/config.yaml" ]; then "$JNAS" resume "$dir" --json > "$dir.json"; else "$JNAS" "$@" --out "$dir" --json > "$dir.json"; fi
}
go "$OUT/sn" supernet train --space ofav2 --dataset "$DATA" --seed 0
"$JNAS" latency validate --supernet "$OUT/sn" --count 100 --json > "$OUT/validate-ofav2.json"
"$JNAS" latency validate --space nb201 --count 100 --json > "$OUT/validate-nb201.json"
go "$OUT/nat-latency-s$SEED" search nat --supernet "$OUT/sn" --objectives error,latency --seed "$SEED"
go "$OUT/nat-macs-s$SEED" search nat --supernet "$OUT/sn" --objectives error,macs --seed "$SEED"
# the MACs front in milliseconds, measured as the latency search measured its own
python3 - "$OUT/nat-macs-s$SEED/front.json" > "$OUT/nat-macs-s$SEED.subnets" <<'PY'
import json, sys
for m in json.load(open(sys.argv[1])):
    print(m["arch"])
PY
: > "$OUT/nat-macs-s$SEED.latency.jsonl"
while read -r s; do
  "$JNAS" latency --supernet "$OUT/sn" --subnet "$s" --json >> "$OUT/nat-macs-s$SEED.latency.jsonl"
done < "$OUT/nat-macs-s$SEED.subnets"
python3 bench/latency_tables.py "$OUT" "$SEED"
