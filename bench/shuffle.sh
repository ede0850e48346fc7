#!/usr/bin/env bash
# The trainer's per-epoch shuffle: epochs of the seed MLP at batch 1024 over a million rows with
# the next epoch's gather on the worker's thread against prefetched on a thread of its own
# (training.EpochShuffle), alternating in one JVM. Prints a markdown table.
# Settings: PERF_ROUNDS (9 epochs each), SHUFFLE_ROWS (1000000). About a minute.
exec "$(dirname "$0")/run-java.sh" io.adamant.training.ShufflePrefetchBenchmark "$@"
