#!/usr/bin/env bash
# Cost of the service's training step (telemetry, global-norm clipping, divergence checks)
# against a bare DL4J fit loop, measured side by side in one JVM. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test -Dspring-javaformat.skip=true
# one OpenMP thread unless told otherwise: less spinning noise on small machines (shared/notes)
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.adamant.training.TelemetryOverheadBenchmark "$@"
