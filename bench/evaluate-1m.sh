#!/usr/bin/env bash
# Wall time and peak memory of `mvn mlops:evaluate` on a generated test set of N records (default
# 1,000,000: the sample's 1,119 test e-mails repeated, ~550 MB of JSON lines) with Maven's heap capped
# at 256 MB. Usage: bench/evaluate-1m.sh [records]   (needs `mvn -B install -DskipTests` at the root first)
set -euo pipefail
records=${1:-1000000}
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sample" "$work/big"
# the copy runs outside the checkout: give Maven the checkout's own settings (e.g. its local repository)
read -r -a mvn_config <<<"$(cat "$root/.mvn/maven.config" 2>/dev/null || true)"
(cd "$root/sample-model-repo" && tar --exclude=./target -cf - .) | (cd "$work/sample" && tar -xf -)
cd "$work/sample"
mvn "${mvn_config[@]}" -B -q -o mlops:train -Dmlops.store="file:$work/store" -Dmlops.version=1.0.0 >"$work/train.log" 2>&1

# the test e-mails, repeated with fresh ids until there are $records of them
# (each line is {"id":"…",…}: keep what follows the id once, so that writing a line is a concatenation)
awk -v n="$records" '{ sub(/^\{"id":"[^"]*"/, ""); rest[NR] = $0 }
  END { for (i = 0; i < n; i++) print "{\"id\":\"r" i "\"" rest[i % NR + 1] }' data/test/emails.jsonl >"$work/big/emails.jsonl"
echo "test set: $(wc -l <"$work/big/emails.jsonl") records, $(du -m "$work/big/emails.jsonl" | cut -f1) MB"

# peak resident memory (VmHWM) of the Maven JVM and of the model server JVM, sampled while they run
# by pid, never by command line (Linux cuts it at 4096 bytes; other builds may run here): the Maven JVM is
# the process this script started (mvn execs java), the model server its child
watch_peaks() {
  local mavenpid=$1 maven=0 server=0
  while [ ! -f "$work/done" ]; do
    v=$(awk '/VmHWM/ {print $2}' /proc/"$mavenpid"/status 2>/dev/null || echo 0); [ "${v:-0}" -gt "$maven" ] && maven=$v
    for pid in $(cat /proc/"$mavenpid"/task/*/children 2>/dev/null || true); do
      v=$(awk '/VmHWM/ {print $2}' /proc/"$pid"/status 2>/dev/null || echo 0); [ "${v:-0}" -gt "$server" ] && server=$v
    done
    echo "$maven $server" >"$work/peaks"
    sleep 0.5
  done
}
start=$(date +%s.%N)
MAVEN_OPTS="-Xmx256m -Xlog:gc:file=$work/gc.log" mvn "${mvn_config[@]}" -B -o mlops:evaluate -Dmlops.store="file:$work/store" \
  -Dmlops.version=1.0.0 -Dmlops.channel.test="$work/big" >"$work/evaluate.log" 2>&1 & build=$!
watch_peaks "$build" & watcher=$!
wait "$build" || { touch "$work/done"; tail -40 "$work/evaluate.log"; exit 1; }
end=$(date +%s.%N)
touch "$work/done"; wait "$watcher"

read -r maven_kb server_kb <"$work/peaks" || true
heap_peak=$(grep -oP '\d+M(?=->)' "$work/gc.log" | tr -d M | sort -n | tail -1)
grep -E 'Predicted [0-9]+ records in|Batch prediction at' "$work/evaluate.log" | sed 's/^\[INFO\] //'
echo "mvn mlops:evaluate wall (s):            $(echo "$end - $start" | bc)"
echo "Maven JVM: -Xmx256m, peak heap used before a GC (MB): ${heap_peak:-?}, peak RSS (MB): $((maven_kb / 1024))"
echo "model server JVM peak RSS (MB):          $((server_kb / 1024))"
grep -oP '"(accuracy|f1_macro|roc_auc|log_loss)" : [0-9.E-]+' "$work/store/models/spam-classifier/1.0.0/manifest.json" | tr '\n' ' '; echo
