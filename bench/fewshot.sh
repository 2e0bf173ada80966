#!/usr/bin/env bash
# Few labels, best ranking (issue 25; docs/results.md, "Few labels"). Every step resumes or skips what is done.
#  1. one seed-0 estimate study of CELLS NAS-Bench-201 cells with every cheap estimator and the ensemble (CIFAR-10);
#  2. the few-shot ranker's curve on it: tau/rho on the unlabelled cells for N labelled cells, draws 1-3
#     (labels: the 200-epoch accuracy of the labelled cells, GRAF's protocol; and the table's 12-epoch validation);
#  3. the same curve on 2,000 cells with the free features only (params, flops, the cell's structure);
#  4. search nat with extra predictor features (graph; the study's columns as a pool; proxies on demand), seeds 1-3,
#     against the true front (jnas bench front);
#  5. search mote --estimator fewshot with 90 labels + the 10 validated by search mote itself, seeds 1-3 (12-epoch
#     validation labels from the table; and a user's 200-epoch labels as a CSV);
#  6. 2,000 cells with the cheap proxies a search computes (naswot, synflow, jacov, params, flops) and their curve;
#     then 25 of them labelled by jnas's own training (--label-source train, LABEL_EPOCHS on LABEL_IMAGES images);
#  7. OFA: the cpu super-network, 200 of its subnets with the proxies and their accuracy on it, and the ranker's curve
#     with that accuracy as the label (bench/fewshot_ofa.py);
#  8. the label-free ensemble on the same 2,000 cells (3.5 s per cell: ENS_CELLS of them per call, resumable), its tau
#     on the cells done, and the ranker's curve with the ensemble's members added to the cheap proxies on those cells
#     (bench/fewshot_merge.py joins the two studies; nothing is scored twice).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
CELLS=${CELLS:-226}   # the session's study; its cells are the first of any larger seed-0 sample
OUT=${OUT:-runs/fewshot}
EST=mote,tse,short_acc,az_nas,jacov,synflow,naswot,zico,params,flops,ensemble
mkdir -p "$OUT"
python3 - "$TABLE" "$OUT/labels200.csv" <<'PY'
import csv, os, sys
src = sys.argv[1] if sys.argv[1].endswith(".csv") else os.path.join(sys.argv[1], "nb201_test_acc_200ep.csv")
with open(src) as f, open(sys.argv[2], "w") as out:
    out.write("arch,accuracy\n")
    for r in csv.DictReader(f):
        out.write(f"{r['ArchitectureString']},{r['CIFAR10TestAccuracy200Epochs']}\n")
PY
study=$OUT/study-$CELLS
if [ ! -f "$study/result.json" ]; then
  if [ -f "$study/config.yaml" ]; then "$JNAS" resume "$study"; else
    "$JNAS" estimate --space nb201 --estimators "$EST" --sample "$CELLS" --seed 0 --dataset "$DATA" --table "$TABLE" \
      --encoder "$ENCODER" --mote-width 32 --out "$study"; fi
fi
echo "## curve, $CELLS cells, 200-epoch labels"
python3 bench/fewshot_curve.py "$study/scores.csv" "$EST" "$CELLS" "$OUT/labels200.csv" "$OUT/curve-$CELLS" 25 50 100
echo "## curve, $CELLS cells, the table's 12-epoch validation labels"
python3 bench/fewshot_curve.py "$study/scores.csv" "$EST" "$CELLS" table "$OUT/curve-$CELLS-val12" 25 50 100
free=$OUT/free-2000
[ -f "$free/result.json" ] || "$JNAS" estimate --space nb201 --estimators params,flops --sample 2000 --seed 0 \
  --dataset "$DATA" --table "$TABLE" --out "$free"
echo "## curve, 2,000 cells, free features"
python3 bench/fewshot_curve.py "$free/scores.csv" params,flops 2000 "$OUT/labels200.csv" "$OUT/curve-2000" 25 50 100 200 500 1000
for s in 1 2 3; do
  go() { local d=$OUT/$1-s$s; shift; [ -f "$d/result.json" ] || "$JNAS" search nat --space nb201 --table "$TABLE" \
    --evaluations 100 --seed "$s" --out "$d" "$@" > /dev/null; }
  go nat-plain
  go nat-graph --features graph
  go nat-pool --features graph,ensemble,mote,az_nas,jacov,synflow,naswot,zico --pool-scores "$study/scores.csv"
  go nat-ondemand --features graph,naswot,synflow --dataset "$DATA"
done
"$JNAS" bench front --table "$TABLE" --random "$CELLS" "$OUT"/nat-*-s?
for s in 1 2 3; do
  d=$OUT/mote-fewshot-s$s
  [ -f "$d/result.json" ] || "$JNAS" search mote --space nb201 --estimator fewshot --labels 90 --table "$TABLE" \
    --fewshot-features naswot,synflow,params,flops --dataset "$DATA" --seed "$s" --out "$d" --json > "$d.json"
  d=$OUT/mote-fewshot-csv-s$s   # a user's trusted labels: the 200-epoch accuracy of the 90 labelled cells
  [ -f "$d/result.json" ] || "$JNAS" search mote --space nb201 --estimator fewshot --labels 90 --table "$TABLE" \
    --label-source "csv:$OUT/labels200.csv" --fewshot-features naswot,synflow,params,flops --dataset "$DATA" \
    --seed "$s" --out "$d" --json > "$d.json"
done
cheap=$OUT/cheap-2000
CHEAP=naswot,synflow,jacov,params,flops
if [ ! -f "$cheap/result.json" ]; then
  if [ -f "$cheap/config.yaml" ]; then "$JNAS" resume "$cheap"; else
    "$JNAS" estimate --space nb201 --estimators "$CHEAP" --sample 2000 --seed 0 --dataset "$DATA" --table "$TABLE" \
      --out "$cheap"; fi
fi
echo "## curve, 2,000 cells, cheap proxies"
python3 bench/fewshot_curve.py "$cheap/scores.csv" "$CHEAP" 2000 "$OUT/labels200.csv" "$OUT/curve-2000-cheap" \
  25 50 100 200 500 1000
trained=$OUT/trained25   # a copy of the study's scores: only the 25 trainings cost anything; resumable
if [ ! -f "$trained/result.json" ]; then
  if [ -f "$trained/config.yaml" ]; then "$JNAS" resume "$trained"; else
    python3 - "$cheap/scores.csv" "$trained.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
head, cut = rows[0], rows[0].index("seconds")
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(head[:cut] + ["fewshot", "fewshot_labelled"] + head[cut:] + ["seconds_fewshot"])
    for r in rows[1:]:
        w.writerow(r[:cut] + ["", ""] + r[cut:] + [""])
PY
    "$JNAS" estimate --space nb201 --estimators "$CHEAP,fewshot" --labels 25 --label-source train \
      --label-epochs "${LABEL_EPOCHS:-4}" --label-draw random:1 --train-size "${LABEL_IMAGES:-2000}" --sample 2000 --seed 0 \
      --dataset "$DATA" --table "$TABLE" --out "$trained.csv"; fi
fi
sn=$OUT/sn-ofa
if [ ! -f "$sn/result.json" ]; then
  if [ -f "$sn/config.yaml" ]; then "$JNAS" resume "$sn"; else
    "$JNAS" supernet train --space ofa --dataset "$DATA" --seed 0 --out "$sn"; fi
fi
ofa=$OUT/ofa-200
if [ ! -f "$ofa/result.json" ]; then
  if [ -f "$ofa/config.yaml" ]; then "$JNAS" resume "$ofa"; else
    "$JNAS" estimate --space ofa --supernet "$sn" --estimators params,macs,naswot,synflow,jacov,supernet --sample 200 \
      --seed 0 --dataset "$DATA" --train-size 2000 --test-size 100 --out "$ofa"; fi
fi
echo "## OFA subnets, labels = accuracy on the super-network"
python3 bench/fewshot_ofa.py "$ofa/scores.csv" ofa params,macs,naswot,synflow,jacov 200 "$sn" "$OUT/curve-ofa" 10 25 50 100
ens=$OUT/ensemble-2000
ENS_CELLS=${ENS_CELLS:-2000}   # stop the study after this many cells (kill it; jnas resume continues it later)
if [ ! -f "$ens/result.json" ]; then
  if [ -f "$ens/config.yaml" ]; then timeout "${ENS_SECONDS:-86400}" "$JNAS" resume "$ens" || true; else
    timeout "${ENS_SECONDS:-86400}" "$JNAS" estimate --space nb201 --estimators mote,az_nas,jacov,synflow,ensemble \
      --sample 2000 --seed 0 --dataset "$DATA" --table "$TABLE" --encoder "$ENCODER" --mote-width 32 --out "$ens" || true; fi
fi
done_cells=$(( $(wc -l < "$ens/scores.csv") - 1 ))
cells=$(( done_cells < ENS_CELLS ? done_cells : ENS_CELLS ))
merged=$OUT/merged-$cells
mkdir -p "$merged"
est=$(python3 bench/fewshot_merge.py "$ens/scores.csv" "$cheap/scores.csv" "$cells" "$merged/scores.csv")
echo "## the label-free ensemble and its members on the first $cells of the 2,000 cells"
rm -rf "$merged/scores"
"$JNAS" estimate --space nb201 --estimators "$est" --sample "$cells" --seed 0 --dataset "$DATA" --table "$TABLE" \
  --encoder "$ENCODER" --mote-width 32 --out "$merged/scores.csv" --json | tail -1
echo "## curve, $cells cells, cheap proxies + the ensemble and its members"
ns="25 50 100 200 500"
[ "$cells" -ge 2000 ] && ns="$ns 1000"   # 1,000 labels leave 1,000 cells to measure on
# shellcheck disable=SC2086
python3 bench/fewshot_curve.py "$merged/scores.csv" "$est" "$cells" "$OUT/labels200.csv" "$OUT/curve-$cells-rich" $ns
echo "## curve, $cells cells, cheap proxies only (the same cells)"
# shellcheck disable=SC2086
python3 bench/fewshot_curve.py "$cheap/scores.csv" "$CHEAP" "$cells" "$OUT/labels200.csv" "$OUT/curve-$cells-cheap" $ns
