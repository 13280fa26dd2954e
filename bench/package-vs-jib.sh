#!/usr/bin/env bash
# mlops:package against jib-maven-plugin's jib:build: same sample project, same base image (pinned by
# digest), same local registry, same run. Prints the median wall time of each and their ratio, then the
# bytes a no-change rebuild and a code-change rebuild of mlops:package push (the registry's blob growth).
# Needs: mvn install done at the root, docker-registry and jlink. Usage: bench/package-vs-jib.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${1:-5}
WORK=$(mktemp -d /tmp/package-vs-jib.XXXXXX)
REPO_LOCAL=$(mvn -B -q -Dstyle.color=never help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null \
  | sed 's/\x1b\[[0-9;]*m//g')
MVN=(mvn -B -q -ntp "-Dmaven.repo.local=$REPO_LOCAL")
command -v docker-registry >/dev/null || { echo "apt-get install -y docker-registry" >&2; exit 1; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
REG=127.0.0.1:$PORT
mkdir -p "$WORK/storage"
cat > "$WORK/registry.yml" <<YML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $WORK/storage}}
http: {addr: "$REG"}
YML
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
REGISTRY_PID=$!
trap 'kill $REGISTRY_PID 2>/dev/null || true; wait $REGISTRY_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done

# the same jlink base image the tests build, pushed once, referenced by digest by both tools
"${MVN[@]}" -f mlops-maven-plugin/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
"${MVN[@]}" -f mlops-maven-plugin/pom.xml test-compile >/dev/null
BASE=$(java -cp "mlops-maven-plugin/target/test-classes:$(cat "$WORK/cp.txt")" dev.mlops.maven.image.JlinkBaseImage "$REG" base/jre "$WORK/base" 2>"$WORK/base.err" | tail -1) || { cat "$WORK/base.err" >&2; exit 1; }
echo "base image: $BASE"

SAMPLE=$WORK/sample
rsync -a --exclude target sample-model-repo/ "$SAMPLE/"
(cd "$SAMPLE" && git init -q && git add . && git -c user.name=b -c user.email=b@example.com commit -qm "feat: sample")
cd "$SAMPLE"
"${MVN[@]}" compile >/dev/null

blobs() { find "$WORK/storage" -path '*/blobs/*' -name data -printf '%s\n' | awk '{n++; s+=$1} END {print n+0, s+0}'; }
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

MLOPS=(); JIB=()
for i in $(seq 1 "$RUNS"); do
  MLOPS+=("$(seconds "${MVN[@]}" mlops:package "-Dmlops.version=1.0.$i" "-Dmlops.image=$REG/mlops/spam-classifier" \
      "-Dmlops.image.base=$BASE" -Dmlops.image.allowInsecureRegistries=true "-Dmlops.store=$WORK/store")")
  JIB+=("$(seconds "${MVN[@]}" compile com.google.cloud.tools:jib-maven-plugin:3.5.2:build "-Djib.from.image=$BASE" \
      "-Djib.to.image=$REG/jib/spam-classifier:1.0.$i" -Djib.allowInsecureRegistries=true \
      -Djib.container.mainClass=dev.mlops.runtime.Main)")
done
M=$(printf '%s\n' "${MLOPS[@]}" | median); J=$(printf '%s\n' "${JIB[@]}" | median)
echo "mlops:package runs (s): ${MLOPS[*]}"
echo "jib:build runs (s):     ${JIB[*]}"
echo "median mlops:package ${M}s, jib:build ${J}s, ratio mlops/jib $(echo "scale=2; $M / $J" | bc)"

read -r n0 b0 < <(blobs)
"${MVN[@]}" mlops:package -Dmlops.version=2.0.0 "-Dmlops.image=$REG/mlops/spam-classifier" "-Dmlops.image.base=$BASE" \
    -Dmlops.image.allowInsecureRegistries=true "-Dmlops.store=$WORK/store" >/dev/null
read -r n1 b1 < <(blobs)
echo "no-change rebuild pushed $((n1 - n0)) blobs, $((b1 - b0)) bytes"
F=src/main/java/dev/mlops/samples/spam/Emails.java
sed -i '$ s/}$/    static final String BENCH_CHANGE = "1";\n}/' "$F"
"${MVN[@]}" mlops:package -Dmlops.version=2.0.1 "-Dmlops.image=$REG/mlops/spam-classifier" "-Dmlops.image.base=$BASE" \
    -Dmlops.image.allowInsecureRegistries=true "-Dmlops.store=$WORK/store" >/dev/null
read -r n2 b2 < <(blobs)
echo "code-change rebuild pushed $((n2 - n1)) blobs, $((b2 - b1)) bytes"
