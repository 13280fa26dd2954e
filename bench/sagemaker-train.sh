#!/usr/bin/env bash
# The plugin's own time for `mvn mlops:train -Dmlops.backend=sagemaker` against the fake SageMaker and s3proxy on
# 127.0.0.1 (zero network latency; the fake's job completes in 5 DescribeTrainingJob calls), beside a local
# `mlops:train` baseline measured in the same session. The image hand-off is written by this script (the fake
# pulls no image): this measures training, not packaging.
# Usage: bench/sagemaker-train.sh [runs] [maven.repo.local]   (needs `mvn install -DskipTests` first, incl. test-jars)
set -euo pipefail
runs=${1:-3}
repo=${2:-$HOME/.m2/repository}
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
mvnq() { mvn -B -o -Dmaven.repo.local="$repo" -Dstyle.color=never "$@"; }

cd "$root/mlops-aws"
mvnq -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
cp="$root/mlops-aws/target/test-classes:$root/mlops-aws/target/classes:$(cat "$work/cp")"
sample="$work/sample"
cp -r "$root/sample-model-repo" "$sample"; rm -rf "$sample/target"
cd "$sample"
mvnq -q compile >/dev/null

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
locals=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  mvnq mlops:train -Dmlops.store="file:$work/local" -Dmlops.version="0.9.$i" >"$work/local-$i.log" 2>&1
  locals+=("$(echo "$(date +%s.%N) - $start" | bc)")
done

java -Ds3proxy.jar="$root/mlops-aws/target/s3proxy/s3proxy.jar" -cp "$cp" dev.mlops.aws.testing.FakeSageMakerMain \
  "$work/fake" "$work/local/models/spam-classifier/0.9.1/model.tar.gz" bench-sm >"$work/fake.log" 2>&1 &
pid=$!
for _ in $(seq 600); do [ -f "$work/fake/endpoints" ] && break; sleep 0.1; done
s3=$(grep -oP '^s3=\K.*' "$work/fake/endpoints"); sm=$(grep -oP '^sagemaker=\K.*' "$work/fake/endpoints")
export AWS_ACCESS_KEY_ID=mlops-test-access AWS_SECRET_ACCESS_KEY=mlops-test-secret-9f3a AWS_EC2_METADATA_DISABLED=true

remotes=()
for i in $(seq "$runs"); do
  mkdir -p target/mlops
  printf 'MLOPS_MODEL=spam-classifier\nMLOPS_VERSION=1.0.%s\nMLOPS_IMAGE_DIGEST=sha256:%064d\nMLOPS_IMAGE=127.0.0.1:5000/spam:1.0.%s\n' "$i" 0 "$i" > target/mlops/mlops.env
  start=$(date +%s.%N)
  mvnq mlops:train -Dmlops.backend=sagemaker -Dmlops.version="1.0.$i" -Dmlops.store=s3://bench-sm/registry \
    -Dmlops.s3.endpoint="$s3" -Dmlops.aws.region=us-east-1 -Dmlops.aws.endpoint.sagemaker="$sm" -Dmlops.aws.endpoint.logs="$sm" \
    -Dmlops.sagemaker.role=arn:aws:iam::123456789012:role/mlops-training -Dmlops.sagemaker.pollInterval=PT0.05S \
    >"$work/sagemaker-$i.log" 2>&1 || { cat "$work/sagemaker-$i.log"; exit 1; }
  remotes+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
echo "runs: $runs"
echo "mlops:train local (s):                ${locals[*]}  median $(median "${locals[@]}")"
echo "mlops:train sagemaker vs fake (s):    ${remotes[*]}  median $(median "${remotes[@]}")"
echo "of which polling sleeps (s):          ~0.41 (50, 75, 113, 169 ms between the 5 DescribeTrainingJob calls)"
echo "AWS calls of one training (fake's journal, run 1):"
python3 -c "
import json
ops=[json.loads(l)['headers'].get('X-Amz-Target','') for l in open('$work/fake/fake-sagemaker.jsonl')]
first=ops[:ops.index('SageMaker.CreateTrainingJob', 1)] if ops.count('SageMaker.CreateTrainingJob') > 1 else ops
print('   ' + ', '.join(first))
"
