#!/usr/bin/env bash
# Bare DL4J under each native thread setting (one thread, OpenBLAS on two, both on two, and
# the same with an OpenMP OpenBLAS sharing ND4J's OpenMP runtime) against PyTorch, on the MLP
# configurations by default. One JVM per setting and repeat; prints a table of ratios.
# Settings: see bench/threads.py. About 5 minutes with the defaults on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
echo "[threads] building (test classes and class path)" >&2
# shellcheck disable=SC2086
./mvnw -q -B ${PERF_MVN_ARGS:-} test-compile dependency:build-classpath -Dspring-javaformat.skip=true \
  -Dmdep.outputFile=target/bench/test.classpath -Dmdep.includeScope=test
export PERF_JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "${PERF_PYTHON:-/usr/bin/python3}" bench/threads.py
