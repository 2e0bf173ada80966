#!/usr/bin/env bash
# 40 MOTE estimates (cpu preset, the first 40 cells of --seed 0) on each engine, one configuration at a time:
# this process (2 threads), 1 worker process x 2 threads, 2 x 1, and a Spark local-cluster of 2 executors x 1 core.
# Prints candidates per minute from the run's seconds (engine start included, data loading before the run not),
# the median task seconds, the driver overhead per task (run seconds minus the busiest slot's task seconds, over the
# tasks), and whether the scores equal those of the reference engine at the same thread count.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
OUT=${OUT:-runs/engines}
mkdir -p "$OUT"
common=(estimate --space nb201 --estimators mote --sample 40 --seed 0 --dataset "$DATA" --encoder "$ENCODER"
  --mote-width 32 --json)
run() { # name, threads of the driver, engine options...
  local name=$1 threads=$2; shift 2
  [ -f "$OUT/$name/result.json" ] || JNAS_THREADS=$threads "$JNAS" "${common[@]}" --out "$OUT/$name" "$@" \
    > "$OUT/$name.log" 2>&1 || { echo "failed: $name"; tail -3 "$OUT/$name.log"; exit 1; }
}
run inprocess 2
run local-1x2 2 --workers 1 --threads 2
run local-2x1 2 --workers 2 --threads 1
run spark-2x1 2 --engine 'spark:local-cluster[2,1,1024]' --threads 1
python3 - "$OUT" <<'PY'
import csv, json, statistics, sys
out = sys.argv[1]
def rows(n):
    return {r['arch']: r for r in csv.DictReader(open(f'{out}/{n}/scores.csv'))}
ref = {'inprocess': None, 'local-1x2': 'inprocess', 'local-2x1': None, 'spark-2x1': 'local-2x1'}
slots = {'inprocess': 1, 'local-1x2': 1, 'local-2x1': 2, 'spark-2x1': 2}
print('| engine | run (s) | candidates per minute | median s per candidate | driver overhead per task (s) | scores |')
print('|---|---|---|---|---|---|')
for n in ref:
    res = json.load(open(f'{out}/{n}/result.json'))
    r = rows(n)
    secs = [float(x['seconds']) for x in r.values()]
    busy = sum(secs) / slots[n]
    same = '' if ref[n] is None else ('bit-identical to ' + ref[n] if all(
        r[a][t] == v[t] for a, v in rows(ref[n]).items() for t in ('mote_landscape', 'mote_speed')) else 'differ from ' + ref[n])
    print(f"| {n} | {res['seconds']:.1f} | {40 / res['seconds'] * 60:.1f} | {statistics.median(secs):.2f} | "
          f"{(res['seconds'] - busy) / 40:.3f} | {same} |")
PY
