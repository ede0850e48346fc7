#!/usr/bin/env bash
# Adam's step alone: DL4J's libnd4j kernel against training.DirectAdam on the MLPs' updater
# blocks, side by side in one JVM on one native thread. Prints a markdown table.
# Settings: PERF_ROUNDS (9), ADAM_CALLS (100 steps per round and side). Under a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
./mvnw -q -B ${PERF_MVN_ARGS:-} test-compile dependency:build-classpath -Dspring-javaformat.skip=true \
  -Dmdep.outputFile=target/bench/test.classpath -Dmdep.includeScope=test
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:MaxGCPauseMillis=20 \
  -cp "target/test-classes:target/classes:$(cat target/bench/test.classpath)" \
  io.adamant.training.AdamKernelBenchmark "$@"
