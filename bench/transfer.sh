#!/usr/bin/env bash
# Neural Architecture Transfer at cpu scale (docs/results.md, issue 17): a plain OFA super-network pretrained by
# jnas on Tiny ImageNet (val archive: 8,000 train images, 200 classes) and transferred to CIFAR-10 by
# `supernet import` + `search nat`, against a super-network trained from scratch on CIFAR-10 with the same CPU
# time (pretraining + import), 2 seeds, the same NATv2 search on both; and a control that gives the transfer the
# scratch run's schedule on the target (pretraining counted as free). Every run resumes when interrupted.
# Ends with bench/transfer_tables.py (fronts on the test split; hypervolume with one reference for all runs).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
PRE_DATA=${PRE_DATA:-tiny-imagenet:../shared/data/tiny-imagenet-200-val.tar.gz}
SEEDS=${SEEDS:-"0 1"}
TRAIN=${TRAIN:-2000}       # CIFAR-10 training images of the target (a validation split is held out of them)
EVALS=${EVALS:-30}         # NATv2 evaluations per search: an archive of 12, then 3 iterations of 6 (each after an adaptation)
OUT=runs/exp-transfer
mkdir -p "$OUT"
go() { # dir, then jnas args: run, or resume an unfinished run
  local dir=$1; shift
  if [ -f "$dir/result.json" ]; then return; fi
  if [ -f "$dir/config.yaml" ]; then "$JNAS" resume "$dir" --json > "$dir.json"; else "$JNAS" "$@" --out "$dir" --json > "$dir.json"; fi
}
seconds() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['seconds'])" "$1/result.json"; }
go "$OUT/pre-tiny" supernet train --space ofa --dataset "$PRE_DATA" --train-size 8000 --full-epochs 3 --phase-epochs 0 --seed 0
for seed in $SEEDS; do
  go "$OUT/import-s$seed" supernet import --from "$OUT/pre-tiny" --dataset "$DATA" --train-size "$TRAIN" --seed "$seed"
  # from scratch with the CPU time of pretraining + import, in epochs of the import's one epoch (which includes its
  # two subnet evaluations, so the scratch run gets slightly more epochs than the time alone would give)
  read -r full phase < <(python3 - "$(seconds "$OUT/pre-tiny")" "$(seconds "$OUT/import-s$seed")" <<'PY'
import sys
budget, epoch = float(sys.argv[1]) + float(sys.argv[2]), float(sys.argv[2])
e = max(1, round(budget / epoch))
print(e - 5, 1) if e >= 6 else print(e, 0)
PY
)
  go "$OUT/scratch-s$seed" supernet train --space ofa --dataset "$DATA" --train-size "$TRAIN" --full-epochs "$full" \
    --phase-epochs "$phase" --seed "$seed"
  # control: the transfer given the scratch run's target-side schedule (epochs and lr), i.e. pretraining for free as with
  # a published super-network; isolates what the pretrained weights are worth on the target
  go "$OUT/import-long-s$seed" supernet import --from "$OUT/pre-tiny" --dataset "$DATA" --train-size "$TRAIN" \
    --full-epochs "$full" --phase-epochs "$phase" --lr 0.05 --seed "$seed"
  for sn in import scratch import-long; do
    go "$OUT/nat-$sn-s$seed" search nat --space ofa --supernet "$OUT/$sn-s$seed" --evaluations "$EVALS" --archive 12 --candidates 6 --seed "$seed"
  done
done
python3 bench/transfer_tables.py "$OUT"
