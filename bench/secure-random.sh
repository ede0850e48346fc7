#!/usr/bin/env bash
# What NativeDefaults' reuse of one SecureRandom per thread for commons-lang3's RandomUtils
# saves (ND4J calls RandomUtils.nextInt for every native buffer): the seed MLP at batch 64
# and 1024, rounds alternating the stock and the reusing supplier in one JVM. Prints a
# markdown table. Settings: PERF_ROUNDS (9), PERF_ROUND_SECONDS (1), PERF_MVN_ARGS.
# The effect is a few percent, inside this 2-core machine's round-to-round noise; the
# README quotes async-profiler's shares of fit() as well.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
# shellcheck disable=SC2086
./mvnw -q -B ${PERF_MVN_ARGS:-} test-compile dependency:build-classpath -Dspring-javaformat.skip=true \
  -Dmdep.outputFile=target/bench/test.classpath -Dmdep.includeScope=test
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:MaxGCPauseMillis=20 \
  -cp "target/test-classes:target/classes:$(cat target/bench/test.classpath)" \
  io.adamant.training.SecureRandomReuseBenchmark
