#!/usr/bin/env bash
# MAE-NAS on the NAS-Bench-201 space, cpu preset, real CIFAR-10 (docs/results.md, experiment a/b):
# hierarchical vs plain decoder x mask ratio 0.2/0.5/0.8 x seeds 0/1, then supervised DARTS x seeds 0/1.
# Each run writes runs/exp-nb201/<name>/; the summary table goes to runs/exp-nb201/summary.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
OUT=runs/exp-nb201
mkdir -p "$OUT"
summary="$OUT/summary.tsv"
[ -f "$summary" ] || printf 'method\tdecoder\tmask\tseed\tarch\ttable_acc\tskips\tseconds\n' > "$summary"
run() { # name, then jnas args
  local name=$1; shift
  if grep -q "^$name	" "$summary.done" 2>/dev/null; then return; fi
  if [ -f "$OUT/$name/config.yaml" ] && [ ! -f "$OUT/$name/result.json" ]; then
    "$JNAS" resume "$OUT/$name" --json > "$OUT/$name.json"
  elif [ ! -f "$OUT/$name/result.json" ]; then
    "$JNAS" "$@" --dataset "$DATA" --table "$TABLE" --out "$OUT/$name" --json > "$OUT/$name.json"
  fi
  python3 - "$OUT/$name/result.json" "$name" >> "$summary" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); n = sys.argv[2]
print("\t".join(str(x) for x in [r["objective"], r.get("decoder", "-"), r.get("mask_ratio", "-"), r["seed"], r["arch"],
      r.get("table_accuracy"), r["skips"], r["seconds"]]))
PY
  printf '%s\t\n' "$name" >> "$summary.done"
}
for dec in hierarchical plain; do
  for mask in 0.2 0.5 0.8; do
    for seed in 0 1; do
      run "mae-$dec-m$mask-s$seed" search mae-nas --space nb201 --decoder $dec --mask-ratio $mask --seed $seed
    done
  done
done
for seed in 0 1; do
  run "darts-s$seed" search darts --space nb201 --seed $seed
done
column -t -s $'\t' "$summary"
