#!/usr/bin/env bash
# The estimator protocol (docs/results.md, "Estimators on a fixed protocol"): the same seeded sample of NAS-Bench-201
# cells (SAMPLE=500 for the headline table, 100 for quick comparisons; --seed 0, so the 100 are the first 100 of the
# 500) scored by every estimator in one run, truth = the 200-epoch CIFAR-10 test accuracy of NAS-Bench-201, Kendall τ,
# Spearman ρ, top-10 mean accuracy and median seconds per cell on 2 cores (bench/estimator_table.py prints the table).
# MOTE: the cpu preset (E 4, G 3, width 32, 16 px, RD of 50 images per label chosen with the ONNX encoder), MOTE_FLAGS
# adds settings. ENSEMBLE sets the ensemble's members (default: jnas's default, RankEstimators.DEFAULT_MEMBERS).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
SAMPLE=${SAMPLE:-500}
OUT=${OUT:-runs/estimators-$SAMPLE}
read -r -a FLAGS <<< "${MOTE_FLAGS:-}"
if [ -n "${ENSEMBLE:-}" ]; then FLAGS+=(--ensemble "$ENSEMBLE"); fi
"$JNAS" estimate --space nb201 \
  --estimators mote,tse,short_acc,az_nas,zico,naswot,jacov,synflow,grad_norm,snip,params,flops,macs,ensemble \
  --sample "$SAMPLE" --seed 0 --dataset "$DATA" --table "$TABLE" --encoder "$ENCODER" --mote-width 32 "${FLAGS[@]}" \
  --out "$OUT" --json > "$OUT.json"
python3 bench/estimator_table.py "$OUT"
