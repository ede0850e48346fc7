#!/usr/bin/env bash
# Builds the test classes and runs one of them, a benchmark's main class, with the service's
# JVM options: bench/run-java.sh io.adamant.training.SomeBenchmark [arguments].
# Settings: PERF_MVN_ARGS (extra Maven arguments, e.g. -o), JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
# shellcheck disable=SC2086
./mvnw -q -B ${PERF_MVN_ARGS:-} test-compile dependency:build-classpath -Dspring-javaformat.skip=true \
  -Dmdep.outputFile=target/bench/test.classpath -Dmdep.includeScope=test
main="$1"
shift
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:MaxGCPauseMillis=20 \
  -cp "target/test-classes:target/classes:$(cat target/bench/test.classpath)" "$main" "$@"
