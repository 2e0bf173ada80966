#!/usr/bin/env bash
# The edges of a DARTS or NAS-Bench-201 search cell that read one state share its ReLU and pools (docs/results.md,
# "Speed against the original code"): search steps with that sharing on and off, alternated step by step in one
# process. Usage: bench/shared_edges.sh [PAIRS]; JNAS_HOME names a frozen copy of the repository (default: this one),
# OBJECTIVES the search objectives to time (default supervised; e.g. "supervised mae").
set -euo pipefail
cd "$(dirname "$0")/.."
home=${JNAS_HOME:-.}
pairs=${1:-12}
[ -f "$home/target/jnas.jar" ] || (cd "$home" && mvn -q -B package -DskipTests)
out=$(mktemp -d)
cp="$home/target/jnas.jar:$home/target/lib/*"
javac -cp "$cp" -d "$out" bench/SharedEdgesBench.java
run() { java -Xmx8g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$out:$cp" SharedEdgesBench "$@" 2> >(grep -v -e WARN -e AutoDispatch >&2) | tail -1; }
for objective in ${OBJECTIVES:-supervised}; do
  run darts 8 5 32 "$pairs" "$objective"
  run nb201 16 5 64 "$pairs" "$objective"
done
rm -rf "$out"
