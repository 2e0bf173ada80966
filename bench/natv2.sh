#!/usr/bin/env bash
# NATv2 experiments (docs/results.md, issue 5) on real CIFAR-10, cpu preset:
#  1. super-networks: OFAv2 with parallel blocks + dense skips + exits, and plain OFA;
#  2. NATv2 vs the NAT baseline on the OFAv2 super-network, same budget, seeds 0 and 1;
#  3. NATv2 on each super-network variant (effect of parallel blocks, dense skips, exits).
# Every run resumes when interrupted. Ends with the tables of docs/results.md (bench/natv2_tables.py).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/env.sh
SEEDS=${SEEDS:-"0 1"}
VARIANTS=${VARIANTS:-"ofav2 ofa"}
CMP=${CMP:-ofav2}   # the super-network on which NATv2 and NAT are compared
read -r -a NAT_FLAGS <<< "${NAT_FLAGS:-}"
OUT=runs/exp-nat
mkdir -p "$OUT"
go() { # dir, then jnas args: run, or resume an unfinished run
  local dir=$1; shift
  if [ -f "$dir/result.json" ]; then return; fi
  if [ -f "$dir/config.yaml" ]; then "$JNAS" resume "$dir" --json > "$dir.json"; else "$JNAS" "$@" --out "$dir" --json > "$dir.json"; fi
}
flags() {
  case $1 in
    ofav2) echo "--space ofav2" ;;
    ofa) echo "--space ofa" ;;
    parallel|dense|exits) echo "--space ofav2 --$1" ;;
  esac
}
for v in $VARIANTS; do
  read -r -a f <<< "$(flags "$v")"
  go "$OUT/sn-$v" supernet train "${f[@]}" --dataset "$DATA" --seed 0
done
for policy in natv2 nat; do
  for seed in $SEEDS; do
    go "$OUT/$policy-$CMP-s$seed" search nat --policy "$policy" --supernet "$OUT/sn-$CMP" --seed "$seed" "${NAT_FLAGS[@]}"
  done
done
for v in $VARIANTS; do
  [ "$v" = "$CMP" ] && continue
  go "$OUT/natv2-$v-s0" search nat --policy natv2 --supernet "$OUT/sn-$v" --seed 0 "${NAT_FLAGS[@]}"
done
python3 bench/natv2_tables.py "$OUT"
