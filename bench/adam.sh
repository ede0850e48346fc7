#!/usr/bin/env bash
# Adam's step alone: DL4J's libnd4j kernel against training.DirectAdam on the MLPs' updater
# blocks, side by side in one JVM on one native thread. Prints a markdown table.
# Settings: PERF_ROUNDS (9), ADAM_CALLS (100 steps per round and side). Under a minute.
exec "$(dirname "$0")/run-java.sh" io.adamant.training.AdamKernelBenchmark "$@"
