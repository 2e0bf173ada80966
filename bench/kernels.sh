#!/usr/bin/env bash
# The cost of right kernels (docs/results.md, "Right kernels on every x86 CPU"): a first-order DARTS search step
# (C=8, 5 cells, batch 32), a MOTE estimate (cpu preset, 10 NB201 cells) and the demo, run with the setting jnas chose
# for this machine, with oneDNN off (JNAS_KERNELS=onednn:off), and, when JNAS_OLD names a launcher of jnas from before
# the kernel checks, with libtorch as it comes. Variants alternate, one job at a time; REPS step measurements each.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
OUT=${OUT:-runs/kernels}
REPS=${REPS:-2}
mkdir -p "$OUT"
variants=(chosen off)
[ -n "${JNAS_OLD:-}" ] && variants+=(old)
jn() { # variant, jnas arguments...
  local v=$1; shift
  case $v in
    chosen) "$JNAS" "$@" ;;
    off) JNAS_KERNELS=onednn:off "$JNAS" "$@" ;;
    old) "$JNAS_OLD" "$@" ;;
  esac
}
for r in $(seq 1 "$REPS"); do
  for v in "${variants[@]}"; do
    f="$OUT/step-$v-$r.json"
    [ -s "$f" ] || jn "$v" bench supernet --steps 8 --json 2>/dev/null | tail -1 > "$f"
  done
done
for v in "${variants[@]}"; do
  [ -f "$OUT/mote-$v/result.json" ] || jn "$v" estimate --space nb201 --estimators mote --sample 10 --seed 0 --dataset "$DATA" \
    --encoder "$ENCODER" --mote-width 32 --out "$OUT/mote-$v" > "$OUT/mote-$v.log" 2>&1 || echo "mote $v failed"
done
for v in "${variants[@]}"; do
  if [ ! -f "$OUT/demo-$v.exit" ]; then
    s=$(date +%s.%N); set +e; jn "$v" demo --out "$OUT/demo-$v" > "$OUT/demo-$v.log" 2>&1; echo $? > "$OUT/demo-$v.exit"; set -e
    echo "$(date +%s.%N) - $s" | bc > "$OUT/demo-$v.seconds"
  fi
done
python3 - "$OUT" "${variants[@]}" <<'PY'
import csv, json, os, re, statistics, sys
out, variants = sys.argv[1], sys.argv[2:]
print('| variant | DARTS step (ms, median of runs) | MOTE s per cell | MOTE terms vs chosen (max rel. diff) | demo exit | demo s | skipped steps |')
print('|---|---|---|---|---|---|---|')
def terms(v):
    f = f'{out}/mote-{v}/scores.csv'
    return {r['arch']: (float(r['mote_landscape']), float(r['mote_speed'])) for r in csv.DictReader(open(f))} if os.path.exists(f) else {}
ref = terms('chosen')
for v in variants:
    steps = [json.load(open(f'{out}/{f}'))['ms_per_step'] for f in sorted(os.listdir(out)) if f.startswith(f'step-{v}-')
             and os.path.getsize(f'{out}/{f}')]
    res = f'{out}/mote-{v}/result.json'
    mote = json.load(open(res))['seconds_per_arch'] if os.path.exists(res) else float('nan')
    t = terms(v)
    diff = max((abs(a - b) / abs(b) for k in t if k in ref for a, b in zip(t[k], ref[k])), default=float('nan'))
    log = open(f'{out}/demo-{v}.log').read() if os.path.exists(f'{out}/demo-{v}.log') else ''
    skipped = len(re.findall(r'skipped step', log))
    print(f"| {v} | {statistics.median(steps) if steps else float('nan'):.0f} | {mote:.2f} | {diff:.1e} | "
          f"{open(f'{out}/demo-{v}.exit').read().strip()} | {float(open(f'{out}/demo-{v}.seconds').read()):.0f} | {skipped} |")
PY
