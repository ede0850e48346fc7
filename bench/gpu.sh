#!/usr/bin/env bash
# GPU against CPU on a host with an NVIDIA GPU (CUDA 11.6 driver or newer): builds the -Pcuda
# class path next to the CPU one, runs the bare DL4J benchmark (io.adamant.training.PerfBenchmark)
# of every configuration in bench/configs.json on each backend, and prints samples/s and the
# GPU / CPU ratio as a markdown table (also target/bench/gpu-latest.md).
#
#   bench/gpu.sh                       # all configurations
#   bench/gpu.sh mlp-784-512-512-10-b128 convnet-3x32x32-b64
#
# Without a GPU the CUDA run fails at ND4J's start and the table says so. Settings as for
# bench/perf.sh: PERF_WARMUP_SECONDS, PERF_ROUNDS, PERF_ROUND_SECONDS, PERF_MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
# shellcheck disable=SC2086
./mvnw -q -B ${PERF_MVN_ARGS:-} test-compile dependency:build-classpath -Dspring-javaformat.skip=true \
  -Dmdep.outputFile=target/bench/cpu.classpath -Dmdep.includeScope=test
# the same classes, with the CUDA backend instead of the CPU one on the class path
# shellcheck disable=SC2086
./mvnw -q -B ${PERF_MVN_ARGS:-} -Pcuda dependency:build-classpath \
  -Dmdep.outputFile=target/bench/cuda.classpath -Dmdep.includeScope=test
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
run() { # backend classpath-file
  "$java" -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
    -cp "target/test-classes:target/classes:$(cat "target/bench/$2.classpath")" \
    io.adamant.training.PerfBenchmark bench/configs.json "${@:3}" 2>"target/bench/gpu-$1.log" \
    | sed -n 's/^RESULT //p' > "target/bench/gpu-$1.jsonl" || true
}
run cpu cpu "$@"
run gpu cuda "$@"
"${PERF_PYTHON:-python3}" - <<'PY' | tee target/bench/gpu-latest.md
import json
def load(name):
    rows = {}
    for line in open("target/bench/gpu-%s.jsonl" % name):
        row = json.loads(line)
        rows[row["id"]] = row
    return rows
cpu, gpu = load("cpu"), load("gpu")
print("| configuration | CPU samples/s | GPU samples/s | GPU / CPU |")
print("|---|---|---|---|")
for key in cpu:
    c = cpu[key].get("samplesPerSecond")
    g = gpu.get(key, {}).get("samplesPerSecond")
    ratio = "%.2f" % (g / c) if c and g else "—"
    print("| %s | %s | %s | %s |" % (key, "%.0f" % c if c else cpu[key].get("error", "—"),
                                      "%.0f" % g if g else gpu.get(key, {}).get("error", "no GPU run (see target/bench/gpu-gpu.log)"), ratio))
PY
