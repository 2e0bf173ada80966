#!/usr/bin/env bash
# MOTE-NAS study (docs/results.md, issue 4) on real CIFAR-10 reduced data:
#  1. 200 seeded NAS-Bench-201 cells scored by MOTE, its two terms and every baseline; τ, ρ and top-10 against
#     the 200-epoch CIFAR-10 test accuracy (runs/exp-mote/study/result.json);
#  2. the three search variants (topk, ef, rs) x seeds 0, 1, 2 (runs/exp-mote/search.tsv).
# MOTE settings: the cpu preset unless MOTE_FLAGS is set (bench/mote_calibration.sh measures the choices).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
SAMPLE=${SAMPLE:-200}
ITER=${ITER:-3}
read -r -a FLAGS <<< "${MOTE_FLAGS:-}"
OUT=runs/exp-mote
mkdir -p "$OUT"
if [ ! -f "$OUT/study/result.json" ]; then
  "$JNAS" estimate --space nb201 --estimators mote,params,flops,synflow,naswot,grad_norm,snip,tse,short_acc \
    --sample "$SAMPLE" --seed 0 --dataset "$DATA" --table "$TABLE" --encoder "$ENCODER" "${FLAGS[@]}" \
    --out "$OUT/study.csv" --json > "$OUT/study.json"
fi
python3 - "$OUT/study" <<'PY'
import csv, json, statistics, sys
r = json.load(open(sys.argv[1] + "/result.json"))["estimators"]
secs = [float(row["seconds"]) for row in csv.DictReader(open(sys.argv[1] + ".csv"))][1:]
print(f"MOTE seconds per cell: median {statistics.median(secs):.2f}, mean {statistics.mean(secs):.2f}")
for k, v in sorted(r.items(), key=lambda kv: -kv[1]["kendall"]):
    print(f"{k:15s} tau {v['kendall']:.3f}  rho {v['spearman']:.3f}  top10 best {v['top10_best']:.2f} mean {v['top10_mean']:.2f}")
PY
summary="$OUT/search.tsv"
printf 'variant\tseed\tarch\ttable_acc\tevaluated\tseconds\n' > "$summary"
for variant in topk ef rs; do
  for seed in 0 1 2; do
    name="search-$variant-s$seed"
    if [ ! -f "$OUT/$name/result.json" ]; then
      if [ -f "$OUT/$name/config.yaml" ]; then "$JNAS" resume "$OUT/$name" --json > "$OUT/$name.json"
      else "$JNAS" search mote --space nb201 --variant "$variant" --k 10 --iterations "$ITER" --dataset "$DATA" \
        --table "$TABLE" --encoder "$ENCODER" "${FLAGS[@]}" --seed "$seed" --out "$OUT/$name" --json > "$OUT/$name.json"; fi
    fi
    python3 - "$OUT/$name/result.json" "$variant" "$seed" >> "$summary" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("\t".join(str(x) for x in [sys.argv[2], sys.argv[3], r["arch"], r.get("table_accuracy"), r["evaluated"], r["seconds"]]))
PY
  done
done
column -t -s $'\t' "$summary"
