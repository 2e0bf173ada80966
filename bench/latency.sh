#!/usr/bin/env bash
# Latency as a search objective (docs/latency.md, docs/results.md "Latency"), real CIFAR-10, cpu preset:
#  1. the OFAv2 cpu super-network (skipped when runs/exp-latency/sn exists; SKIP_OFA=1 skips every OFA step);
#  2. this machine's latency models of its subnets, of NAS-Bench-201 and of the DARTS space, each validated on 100 fresh
#     architectures;
#  3. NATv2 on the same super-network and seed, once with error,macs and once with error,latency;
#  4. NATv2 on NAS-Bench-201 (table accuracies, 100 evaluations), seeds 1-3, once with error,params and once with
#     error,latency.
# The MACs and params searches carry a --max-latency no subnet reaches, which changes nothing in the search but has
# their final front measured exactly as the latency search measures its own (spread passes), so that both fronts are
# in milliseconds measured the same way. Every run resumes when interrupted. Run nothing else meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
SEED=${SEED:-0}
OUT=runs/exp-latency
TABLE=${TABLE:-../shared/data/nb201}
NEVER=1000000 # ms: a bound no network reaches
mkdir -p "$OUT"
go() { # dir, then jnas args: run, or resume an unfinished run
  local dir=$1; shift
  if [ -f "$dir/result.json" ]; then return; fi
  if [ -f "$dir/config.yaml" ]; then "$JNAS" resume "$dir" --json > "$dir.json"; else "$JNAS" "$@" --out "$dir" --json > "$dir.json"; fi
}
if [ "${SKIP_OFA:-0}" != 1 ]; then
  go "$OUT/sn" supernet train --space ofav2 --dataset "$DATA" --seed 0
  "$JNAS" latency validate --supernet "$OUT/sn" --count 100 --json --pairs "$OUT/validate-ofav2.csv" > "$OUT/validate-ofav2.json"
  go "$OUT/nat-latency-s$SEED" search nat --supernet "$OUT/sn" --objectives error,latency --seed "$SEED"
  go "$OUT/nat-macs-s$SEED" search nat --supernet "$OUT/sn" --objectives error,macs --max-latency "$NEVER" --seed "$SEED"
fi
"$JNAS" latency validate --space nb201 --count 100 --json --pairs "$OUT/validate-nb201.csv" > "$OUT/validate-nb201.json"
"$JNAS" latency validate --space darts --count 100 --json --pairs "$OUT/validate-darts.csv" > "$OUT/validate-darts.json"
for s in 1 2 3; do
  go "$OUT/nb201-latency-s$s" search nat --space nb201 --table "$TABLE" --evaluations 100 --objectives error,latency --seed "$s"
  go "$OUT/nb201-params-s$s" search nat --space nb201 --table "$TABLE" --evaluations 100 --objectives error,params \
    --max-latency "$NEVER" --seed "$s"
done
python3 bench/latency_tables.py "$OUT" "$SEED"
