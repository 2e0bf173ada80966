#!/usr/bin/env bash
# search mote scored by the ensemble (default members) and by MOTE alone, seeds 0-2, the evaluation-free variant
# (the best estimate is returned) at the budget of docs/results.md's MOTE search table (10 random + 3 rounds of 10);
# prints the true 200-epoch CIFAR-10 accuracy of each returned cell and the search's wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
ITER=${ITER:-3}
OUT=${OUT:-runs/ensemble-search}
mkdir -p "$OUT"
for est in ${ESTIMATORS:-ensemble mote}; do
  for seed in ${SEEDS:-0 1 2}; do
    run="$OUT/$est-i$ITER-s$seed"
    [ -f "$run/result.json" ] || "$JNAS" search mote --space nb201 --estimator "$est" --variant ef --iterations "$ITER" \
      --dataset "$DATA" --table "$TABLE" --encoder "$ENCODER" --mote-width 32 --seed "$seed" --out "$run" --json \
      > "$run.log" 2>&1 || [ -f "$run/result.json" ] || { echo "failed: $run"; tail -3 "$run.log"; exit 1; }
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(sys.argv[2], sys.argv[3], r['table_accuracy'], \
r['wall_seconds'], r['evaluated'], r['arch'])" "$run/result.json" "$est" "$seed"
  done
done
