#!/usr/bin/env bash
# Wall time of `mvn mlops:train` on the sample model, and how much of it is the model's own training.
# Usage: bench/train-sample.sh [runs]   (needs `mvn -B install -DskipTests` at the root first)
set -euo pipefail
runs=${1:-3}
root="$(cd "$(dirname "$0")/.." && pwd)"
store="$(mktemp -d)"
trap 'rm -rf "$store"' EXIT
cd "$root/sample-model-repo"
mvn -B -q -o compile >/dev/null   # warm: compiled classes and resolved dependencies, as on a second run

walls=(); trains=(); jvms=()
for i in $(seq "$runs"); do
  log="$store/run-$i.log"
  start=$(date +%s.%N)
  mvn -B -o mlops:train -Dmlops.store="file:$store/s" -Dmlops.version="0.0.$i" >"$log" 2>&1
  end=$(date +%s.%N)
  walls+=("$(echo "$end - $start" | bc)")
  # the runtime's own measure of Model.train, and the manifest's measure of the whole training JVM
  trains+=("$(grep -oP 'training succeeded in \K[0-9.]+' "$log")")
  jvms+=("$(grep -oP '"durationMillis" : \K[0-9]+' "$store/s/models/spam-classifier/0.0.$i/manifest.json" | awk '{print $1/1000}')")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "runs: $runs"
echo "mvn mlops:train wall (s):      ${walls[*]}  median $(median "${walls[@]}")"
echo "training JVM (s):              ${jvms[*]}  median $(median "${jvms[@]}")"
echo "Model.train inside it (s):     ${trains[*]}  median $(median "${trains[@]}")"
