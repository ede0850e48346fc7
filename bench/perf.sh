#!/usr/bin/env bash
# The performance harness of issue #8, in one command: builds what it needs, then measures the
# five configurations of bench/configs.json through the service (a job, telemetry on), a bare
# DL4J fit loop and PyTorch on the CPU; submit->RUNNING dispatch latency; and HTTP load with wrk
# while a job trains. Prints a markdown table; writes target/bench/perf-<time>.{md,csv,json}.
#
#   bench/perf.sh                      # everything, ~15 minutes on 2 cores
#   PERF_CONFIGS=mlp-20-50-10-b64 PERF_SKIP=pytorch,load bench/perf.sh
#   OMP_NUM_THREADS=1 bench/perf.sh    # thread settings apply to the service and bare DL4J alike
#
# Settings (environment): PERF_WARMUP_SECONDS (2), PERF_ROUNDS (9), PERF_ROUND_SECONDS (1) for
# the bare engines; PERF_EPOCHS (10), PERF_EPOCH_SECONDS (1.5), PERF_JOB_TIMEOUT (180),
# PERF_SERVICE_WARMUP_EPOCHS (30, an untimed first job; 0 for none), PERF_SERVICE_CYCLES (3 jobs
# a configuration, each followed by a bare DL4J run; the ratio is the median of the jobs') for the
# service; PERF_DISPATCH_JOBS (30); PERF_WRK_SECONDS (10), PERF_WRK_THREADS (2),
# PERF_WRK_CONNECTIONS (8); PERF_TORCH_THREADS (2); PERF_CONFIGS (ids, comma-separated);
# PERF_SKIP (any of dl4j,pytorch,service,train,dispatch,load); PERF_PG_HOST/PORT/USER
# (127.0.0.1/5432/postgres, trust auth: a database adamant_bench_<random> is created and
# dropped; the embedded PostgreSQL when none answers); PERF_PYTHON (/usr/bin/python3, with
# Debian's python3-torch); PERF_SERVICE_ARGS (extra arguments for the service, e.g.
# --adamant.metrics.json-cache-size=0); PERF_MVN_ARGS (extra Maven arguments, e.g. -o); JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
mkdir -p target/bench
PERF_PYTHON="${PERF_PYTHON:-/usr/bin/python3}"
if ! command -v "$PERF_PYTHON" >/dev/null; then
  echo "perf.sh: $PERF_PYTHON not found (set PERF_PYTHON to a Python 3 with PyTorch)" >&2
  exit 2
fi
echo "[perf] building (test classes and class paths)" >&2
# shellcheck disable=SC2086
./mvnw -q -B ${PERF_MVN_ARGS:-} test-compile dependency:build-classpath -Dspring-javaformat.skip=true \
  -Dmdep.outputFile=target/bench/test.classpath -Dmdep.includeScope=test
# shellcheck disable=SC2086
./mvnw -q -B ${PERF_MVN_ARGS:-} dependency:build-classpath \
  -Dmdep.outputFile=target/bench/runtime.classpath -Dmdep.includeScope=runtime
export PERF_JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export PERF_PYTHON
export PERF_BUILD_SECONDS=$(($(date +%s) - started))
exec "$PERF_PYTHON" bench/perf.py
