#!/usr/bin/env bash
# Stores a generated 1 GiB model archive in the S3 store (S3ModelStore, against s3proxy 4.1.0 as its own
# process) from a JVM whose heap is capped at 256 MB, and reads it back: wall time of each, peak heap (the
# JVM's pool peaks and the GC log), peak RSS (/usr/bin/time -v). Usage: bench/s3-store-1g.sh [MiB]
# Needs `mvn -B install -DskipTests` at the root first (it reads mlops-aws's test classes and s3proxy jar).
set -euo pipefail
mib=${1:-1024}
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
read -r -a mvn_config <<<"$(cat "$root/.mvn/maven.config" 2>/dev/null || true)"
aws="$root/mlops-aws"
if [ ! -f "$aws/target/s3proxy/s3proxy.jar" ] || [ ! -d "$aws/target/test-classes" ]; then
  (cd "$root" && mvn "${mvn_config[@]}" -B -q -o -pl mlops-aws -am test-compile process-test-resources -Dstyle.color=never)
fi
(cd "$aws" && mvn "${mvn_config[@]}" -B -q -o dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" -Dstyle.color=never)
cp="$aws/target/test-classes:$aws/target/classes:$(cat "$work/cp.txt")"

head -c "$((mib * 1024 * 1024))" /dev/urandom >"$work/model.tar.gz"
echo "archive: $mib MiB of random bytes"
/usr/bin/time -v -o "$work/time.txt" java -Xmx256m -Xlog:gc:file="$work/gc.log" \
  -Ds3proxy.jar="$aws/target/s3proxy/s3proxy.jar" -cp "$cp" dev.mlops.aws.store.StoreBench "$work/model.tar.gz" "$work" \
  | tee "$work/bench.out"
heap_peak=$(grep -oP '\d+M(?=->)' "$work/gc.log" | tr -d M | sort -n | tail -1)
live_peak=$(grep -oP '(?<=->)\d+(?=M)' "$work/gc.log" | sort -n | tail -1)
echo "peak heap before a GC (GC log):     ${heap_peak:-no GC} MB, largest heap left after a GC: ${live_peak:-no GC} MB"
echo "bench JVM wall (time -v):           $(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')"
echo "bench JVM peak RSS (time -v):       $(( $(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}') / 1024 )) MB"
