#!/usr/bin/env bash
# Calibrating the MOTE cpu preset (docs/results.md, issue 4): the same 50 seeded NAS-Bench-201 cells scored with
# several reduced-architecture / reduced-dataset settings on real CIFAR-10; Kendall τ of MOTE (and of its terms)
# against the 200-epoch CIFAR-10 test accuracy, and the median seconds of one MOTE estimate.
# Summary: runs/exp-mote/calibration.tsv. Each setting resumes from its CSV (finished settings are replayed).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
SAMPLE=${SAMPLE:-50}
OUT=runs/exp-mote
mkdir -p "$OUT"
summary="$OUT/calibration.tsv"
printf 'setting\tepochs\tG\twidth\tsize\timages_per_label\ttau_mote\ttau_landscape\ttau_speed\ttau_params\tmedian_s\tmean_s\n' > "$summary"
setting() { # name epochs G width size images
  local name=$1 e=$2 g=$3 w=$4 s=$5 n=$6
  if [ -f "$OUT/cal-$name/result.json" ]; then
    :  # finished earlier: only summarised again
  elif [ -f "$OUT/cal-$name/config.yaml" ]; then
    "$JNAS" resume "$OUT/cal-$name" --json > "$OUT/cal-$name.json"
  else
    "$JNAS" estimate --space nb201 --estimators mote,params --sample "$SAMPLE" --seed 0 --dataset "$DATA" \
      --table "$TABLE" --encoder "$ENCODER" --mote-epochs "$e" --mote-g "$g" --mote-width "$w" --ra-size "$s" \
      --rd-images "$n" --out "$OUT/cal-$name.csv" --json > "$OUT/cal-$name.json"
  fi
  python3 - "$OUT/cal-$name" "$name" "$e" "$g" "$w" "$s" "$n" >> "$summary" <<'PY'
import csv, json, statistics, sys
base, *rest = sys.argv[1:]
r = json.load(open(base + "/result.json"))["estimators"]
secs = [float(row["seconds"]) for row in csv.DictReader(open(base + ".csv"))][1:]  # first includes warm-up
tau = lambda k: f'{r[k]["kendall"]:.3f}'
print("\t".join(rest + [tau("mote"), tau("mote_landscape"), tau("mote_speed"), tau("params"),
                        f"{statistics.median(secs):.2f}", f"{statistics.mean(secs):.2f}"]))
PY
}
setting e4-w16-s16-n50 4 3 16 16 50
setting e8-w16-s16-n50 8 3 16 16 50
setting e4-w32-s16-n50 4 3 32 16 50
setting e2-w16-s16-n50 2 3 16 16 50
setting e8-w32-s16-n50 8 3 32 16 50
setting e16-w32-s16-n50 16 3 32 16 50
setting e4-w32-s32-n50 4 3 32 32 50
column -t -s $'\t' "$summary"
