#!/usr/bin/env bash
# NATv2 experiments (docs/results.md, issue 5) on real CIFAR-10, cpu preset:
#  1. super-networks: OFAv2 with parallel blocks + dense skips + exits, and plain OFA;
#  2. NATv2 vs the NAT baseline on the OFAv2 super-network, same budget, seeds 0 and 1;
#  3. NATv2 on each super-network variant (effect of parallel blocks, dense skips, exits).
# Every run resumes when interrupted. Summary: runs/exp-nat/summary.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
JNAS=${JNAS:-./jnas}
DATA=${DATA:-imagefolder:../shared/data/cifar10-jpg.tar.gz}
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
python3 - "$OUT" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
rows = []
for f in sorted(glob.glob(out + "/*/result.json")):
    name = os.path.basename(os.path.dirname(f))
    r = json.load(open(f))
    if "front" not in r and "largest" not in r:
        continue  # a fine-tune run
    if "front" not in r:
        lg, sm = r["largest"], r["smallest"]
        print(f"{name:16s} supernet: largest val {lg['val_top1']:.2f}% ({lg['macs']/1e6:.1f} M MACs), smallest "
              f"{sm['val_top1']:.2f}% ({sm['macs']/1e6:.1f} M MACs), {r['seconds']:.0f} s")
        continue
    rows.append((name, r))
    print(f"{name:16s} best test error {r['best_error']:.2f}%  hv {r['hypervolume'][0]:.4f} -> {r['hypervolume'][-1]:.4f}  "
          f"front {len(r['front'])}  evaluated {r['evaluated']}  {r['seconds']:.0f} s")
# params and MACs at matched accuracy: the smallest front member no worse than the weaker method's best error
pairs = {}
for name, r in rows:
    pairs.setdefault(name.split("-", 1)[1], {})[name.split("-", 1)[0]] = r
for key, d in sorted(pairs.items()):
    if "natv2" in d and "nat" in d:
        level = max(d["natv2"]["best_error"], d["nat"]["best_error"])
        for p in ("natv2", "nat"):
            ok = [x for x in d[p]["front"] if x["error"] <= level]
            print(f"{key}: {p:5s} at error <= {level:.2f}%: min params {min(x['params'] for x in ok):,}, "
                  f"min MACs {min(x['macs'] for x in ok):,}")
PY
