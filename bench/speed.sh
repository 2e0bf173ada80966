#!/usr/bin/env bash
# Speed against the original code, before and after (docs/results.md, "Speed against the original code"): the DARTS
# search step (C=8, 5 cells, batch 32), OFA super-network training at 32 px and batch 64 (largest and random subnets),
# the NB201 supernet step (C=16, 5 cells, batch 64), NAT's subnet evaluation (ONNX Runtime against libtorch) and the
# MOTE estimate (10 NB201 cells). Every measurement is repeated REPS times, the variants alternating, one job at a time:
# JNAS (now), JNAS_OLD (a launcher of jnas from before the speed work; optional), and the original code when
# DARTS_REF / OFA_REF name commands that print its JSON (a harness that times the fetched code's own step, described in
# docs/results.md; the fetched code and its harness stay outside the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
OUT=${OUT:-runs/speed}
REPS=${REPS:-2}
mkdir -p "$OUT"
tools=(new)
[ -n "${JNAS_OLD:-}" ] && tools+=(old)
jn() { # tool, jnas arguments...
  local t=$1; shift
  if [ "$t" = new ]; then "$JNAS" "$@"; else "$JNAS_OLD" "$@"; fi
}
once() { # file, command...: runs the command into the file unless it holds a result already
  local f=$1; shift
  [ -s "$f" ] || "$@" 2>/dev/null | tail -1 > "$f"
}
for r in $(seq 1 "$REPS"); do
  for t in "${tools[@]}"; do
    once "$OUT/darts-$t-$r.json" jn "$t" bench supernet --space darts --channels 8 --layers 5 --batch 32 --steps 8 --json
    once "$OUT/nb201-$t-$r.json" jn "$t" bench supernet --space nb201 --channels 16 --layers 5 --batch 64 --steps 6 --json
    for mode in largest random; do
      steps=$([ $mode = largest ] && echo 8 || echo 30)
      once "$OUT/ofa-$mode-$t-$r.json" jn "$t" bench supernet --space ofa --mode $mode --resolution 32 --batch 64 \
        --steps "$steps" --json
    done
  done
  [ -n "${DARTS_REF:-}" ] && once "$OUT/darts-ref-$r.json" $DARTS_REF --channels 8 --layers 5 --batch 32 --steps 8
  if [ -n "${OFA_REF:-}" ]; then
    once "$OUT/ofa-largest-ref-$r.json" $OFA_REF --mode largest --resolution 32 --batch 64 --steps 8
    once "$OUT/ofa-random-ref-$r.json" $OFA_REF --mode random --resolution 32 --batch 64 --steps 30
  fi
  for rt in ort jnas; do
    once "$OUT/eval-$rt-$r.json" "$JNAS" bench supernet --space ofa --mode evaluate --runtime $rt --batch 128 --steps 5 --json
  done
done
for t in "${tools[@]}"; do
  [ -f "$OUT/mote-$t/result.json" ] || jn "$t" estimate --space nb201 --estimators mote --sample 10 --seed 0 --dataset "$DATA" \
    --encoder "$ENCODER" --mote-width 32 --out "$OUT/mote-$t" > "$OUT/mote-$t.log" 2>&1 || echo "mote $t failed"
done
python3 bench/speed_table.py "$OUT"
