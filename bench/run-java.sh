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
# shellcheck disable=SC2207
options=($(sed -n 's:.*<adamant\.jvm\.options>\([^<]*\)</adamant\.jvm\.options>.*:\1:p' pom.xml))
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "${options[@]}" \
  -cp "target/test-classes:target/classes:$(cat target/bench/test.classpath)" "$main" "$@"
