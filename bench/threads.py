#!/usr/bin/python3
"""Thread settings of bare DL4J against one another and against PyTorch: the evidence
behind the service's one native thread per job on small machines, and behind issue #8's
MLP figures (README, "The MLPs against PyTorch").

Each repeat runs, in turn and in a rotated order, one JVM of the bare-DL4J engine
(io.adamant.training.PerfBenchmark, the bare loop alone) per thread setting, then PyTorch
(bench/pytorch_bench.py, PERF_TORCH_THREADS threads) once. Each setting needs its own
process: OpenMP reads its settings at start, and LD_PRELOAD only works at start.

Settings:
- one thread: ND4J's ops and OpenBLAS on one thread (the service's choice on 2 cores);
- OpenBLAS on two: ND4J's ops on one, its bundled OpenBLAS (pthreads) on two;
- two threads: both on two (DL4J's default on 2 cores);
- with THREADS_OPENMP_BLAS (Debian's libopenblas0-openmp by default) put first by
  LD_PRELOAD, so that ND4J's ops and OpenBLAS share one OpenMP runtime: OpenBLAS on two,
  and both on two. Left out when that file is missing.

Prints a markdown table: medians over the repeats, and the medians of the per-repeat ratios
to the service's setting and to PyTorch. Also target/bench/threads-<time>.{md,json} and
threads-latest.*. Environment: PERF_CONFIGS (the two MLPs at batch >= 128),
THREADS_REPEATS (3), THREADS_OPENMP_BLAS, and PERF_WARMUP_SECONDS, PERF_ROUNDS (5),
PERF_ROUND_SECONDS, PERF_TORCH_THREADS, PERF_JVM_OPTIONS as for bench/perf.sh.
"""
import datetime
import json
import os
import shutil
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import perf  # noqa: E402  (the harness's engine runner, machine description and settings)

CONFIGS = perf.env("PERF_CONFIGS", "mlp-20-50-10-b1024,mlp-784-512-512-10-b128").split(",")
REPEATS = perf.env_int("THREADS_REPEATS", 3)
ROUNDS = perf.env_int("PERF_ROUNDS", 5)
OPENMP_BLAS = perf.env("THREADS_OPENMP_BLAS", "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0")
SERVICE_SETTING = "one thread (the service's)"


def settings():
    """(name, environment) of each thread setting; the service's first."""
    chosen = [
        (SERVICE_SETTING, {"OMP_NUM_THREADS": "1"}),
        ("OpenBLAS on two", {"OMP_NUM_THREADS": "1", "PERF_BLAS_THREADS": "2"}),
        ("two threads", {"OMP_NUM_THREADS": "2"}),
    ]
    if os.path.exists(OPENMP_BLAS):
        chosen += [
            ("OpenMP OpenBLAS on two", {"OMP_NUM_THREADS": "1", "PERF_BLAS_THREADS": "2", "LD_PRELOAD": OPENMP_BLAS}),
            ("two threads, OpenMP OpenBLAS", {"OMP_NUM_THREADS": "2", "LD_PRELOAD": OPENMP_BLAS}),
        ]
    else:
        perf.log("%s not found (Debian: libopenblas0-openmp): its settings are left out" % OPENMP_BLAS)
    return chosen


def bare_dl4j(name, environment, log_name):
    command = [perf.JAVA] + perf.JVM_OPTIONS + ["-cp", perf.test_classpath(), "io.adamant.training.PerfBenchmark",
                                                os.path.join(perf.ROOT, "bench", "configs.json")] + CONFIGS
    extra = dict(environment, PERF_SERVICE_STEP="0", PERF_STOCK="0", PERF_ROUNDS=str(ROUNDS))
    return perf.run_engine("DL4J, " + name, command, extra, os.path.join(perf.OUT, log_name))


def pytorch(log_name):
    if not perf.torch_importable():
        return {}, {}
    command = [perf.PYTHON, os.path.join(perf.ROOT, "bench", "pytorch_bench.py"),
               os.path.join(perf.ROOT, "bench", "configs.json")] + CONFIGS
    extra = {"PERF_TORCH_THREADS": str(perf.SETTINGS["PERF_TORCH_THREADS"]), "PERF_ROUNDS": str(ROUNDS)}
    return perf.run_engine("PyTorch", command, extra, os.path.join(perf.OUT, log_name))


def rate(results, config):
    result = results.get(config) or {}
    return result.get("samplesPerSecond")


def median_ratio(numerators, denominators):
    ratios = [n / d for n, d in zip(numerators, denominators) if n and d]
    return statistics.median(ratios) if ratios else None


def table(runs, chosen, machine):
    names = [name for name, _ in chosen]
    lines = ["## DL4J thread settings, %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "",
             "%d cores (%s; %s), load before the run %s; JVM options %s; %d repeats, each setting in its own JVM, "
             "%d rounds of %.1f s after %.1f s of warm-up; PyTorch %s threads" % (
                 machine["cores"], machine["cpuModel"], machine["simd"], machine.get("loadAverage", ""),
                 " ".join(perf.JVM_OPTIONS) or "(none)", REPEATS, ROUNDS, perf.SETTINGS["PERF_ROUND_SECONDS"],
                 perf.SETTINGS["PERF_WARMUP_SECONDS"], perf.SETTINGS["PERF_TORCH_THREADS"]),
             "",
             "| configuration | setting | OpenBLAS | DL4J samples/s | / the service's setting | DL4J / PyTorch |",
             "|---|---|---|---|---|---|"]
    for config in CONFIGS:
        service = [rate(run["dl4j"][SERVICE_SETTING][1], config) for run in runs]
        torch = [rate(run["pytorch"][1], config) for run in runs]
        for name in names:
            rates = [rate(run["dl4j"][name][1], config) for run in runs]
            measured = [r for r in rates if r]
            library = runs[0]["dl4j"][name][0].get("blasLibrary", "unknown")
            cells = [config, name, "%s, %s thread(s)" % (os.path.basename(library),
                                                          runs[0]["dl4j"][name][0].get("blasThreads", "?")),
                     "%.0f" % statistics.median(measured) if measured else "n/a"]
            for ratio in (median_ratio(rates, service), median_ratio(rates, torch)):
                cells.append("%.2f" % ratio if ratio is not None else "n/a")
            lines.append("| " + " | ".join(cells) + " |")
        measured_torch = [r for r in torch if r]
        if measured_torch:
            lines.append("| %s | PyTorch | (its own) | %.0f | | |" % (config, statistics.median(measured_torch)))
    lines += ["", "Ratios are medians of the per-repeat ratios; samples/s are medians over the repeats."]
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(perf.OUT, exist_ok=True)
    machine = perf.machine()
    chosen = settings()
    runs = []
    for repeat in range(REPEATS):
        # rotate the order so that no setting always runs first or last in a repeat
        order = chosen[repeat % len(chosen):] + chosen[:repeat % len(chosen)]
        run = {"dl4j": {}}
        for index, (name, environment) in enumerate(order):
            run["dl4j"][name] = bare_dl4j(name, environment, "threads-dl4j-%d-%d.log" % (repeat, index))
        run["pytorch"] = pytorch("threads-pytorch-%d.log" % repeat)
        runs.append(run)
    markdown = table(runs, chosen, machine)
    print(markdown)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
    for suffix, content in (("md", markdown), ("json", json.dumps({"machine": machine, "runs": runs}, indent=1))):
        path = os.path.join(perf.OUT, "threads-%s.%s" % (stamp, suffix))
        with open(path, "w") as out:
            out.write(content)
        shutil.copyfile(path, os.path.join(perf.OUT, "threads-latest.%s" % suffix))
    perf.log("wrote target/bench/threads-%s.{md,json} (and threads-latest.*)" % stamp)


if __name__ == "__main__":
    main()
