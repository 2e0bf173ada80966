#!/usr/bin/env bash
# MAE-NAS on the DARTS space, cpu preset, real CIFAR-10 (docs/results.md, experiment c), then a short
# training (cpu preset: C=16, 8 cells, same budget) of the derived genotype, DARTS_V2 and a random genotype.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
OUT=runs/exp-darts
EPOCHS=${EPOCHS:-3}
TRAIN=${TRAIN:-10000}
mkdir -p "$OUT"
if [ ! -f "$OUT/search/result.json" ]; then
  if [ -f "$OUT/search/config.yaml" ]; then "$JNAS" resume "$OUT/search" --json > "$OUT/search.json"
  else "$JNAS" search mae-nas --space darts --dataset "$DATA" --seed 0 --out "$OUT/search" --json > "$OUT/search.json"; fi
fi
found=$(python3 -c "import json;print(json.load(open('$OUT/search/result.json'))['arch'])")
train() { # name genotype
  local name=$1 g=$2
  if [ -f "$OUT/$name/result.json" ]; then return; fi
  if [ -f "$OUT/$name/config.yaml" ]; then "$JNAS" resume "$OUT/$name" --json > "$OUT/$name.json"; return; fi
  "$JNAS" train darts --genotype "$g" --dataset "$DATA" --train-size "$TRAIN" --epochs "$EPOCHS" --seed 0 \
    --out "$OUT/$name" --json > "$OUT/$name.json"
}
train found "$found"
train darts_v2 DARTS_V2
train random random:7
for n in found darts_v2 random; do
  python3 - "$OUT/$n/result.json" "$n" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:9s} top1 {r['test_top1']:6.2f}  params {r['params']:>9,}  macs {r['macs']:>12,}  train {r['train_seconds']:8.1f}s  {r['arch']}")
PY
done
