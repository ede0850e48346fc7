#!/usr/bin/env bash
# What NativeDefaults' reuse of one SecureRandom per thread for commons-lang3's RandomUtils
# saves (ND4J calls RandomUtils.nextInt for every native buffer): the seed MLP at batch 64
# and 1024 and the creation of small arrays, rounds alternating the stock and the reusing
# supplier in one JVM, per second of the thread's CPU time. Prints a markdown table.
# Settings: PERF_ROUNDS (9), PERF_ROUND_SECONDS (1), PERF_MVN_ARGS. The effect is a few
# percent, inside a 2-core machine's round-to-round noise; the README quotes
# async-profiler's shares of fit() as well.
exec "$(dirname "$0")/run-java.sh" io.adamant.training.SecureRandomReuseBenchmark "$@"
