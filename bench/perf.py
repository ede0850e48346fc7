#!/usr/bin/python3
"""Driver of bench/perf.sh (run that, not this: it builds first). Standard library only.

1. PyTorch (bench/pytorch_bench.py) on every configuration of bench/configs.json, one
   process, nothing else of ours running.
2. The service, started from the build on a free port against a fresh database
   (adamant_bench_<random> on the PostgreSQL at PERF_PG_HOST:PERF_PG_PORT, dropped at the
   end; the embedded PostgreSQL when none answers): PERF_SERVICE_CYCLES jobs per
   configuration, telemetry on, samples/s as the service reports it in /metrics (median of
   the second half of the epochs), each job between two timings of bare DL4J
   (io.adamant.training.PerfBenchmark) in one JVM kept warm for the configuration;
   submit->RUNNING dispatch latency with an idle worker; wrk against
   GET /jobs/{id}/metrics and POST /jobs while one job trains. Without the service's
   jobs, bare DL4J runs once over all configurations.
3. A markdown table on stdout (also target/bench/perf-<time>.md), a CSV
   (target/bench/perf-<time>.csv, one measurement a row, with the machine's core count,
   CPU model and flags, date, JVM, ND4J classifier, thread settings on every row) and
   every raw figure as JSON (target/bench/perf-<time>.json); perf-latest.* are copies.

Progress goes to stderr. Settings (environment): see README "Benchmark harness".
"""
import csv
import datetime
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "bench")
STARTED = time.time()


def env(name, default):
    value = os.environ.get(name, "").strip()
    return value if value else default


def env_float(name, default):
    return float(env(name, str(default)))


def env_int(name, default):
    return int(float(env(name, str(default))))


SETTINGS = {
    "PERF_WARMUP_SECONDS": env_float("PERF_WARMUP_SECONDS", 2),
    "PERF_ROUNDS": env_int("PERF_ROUNDS", 9),
    "PERF_ROUND_SECONDS": env_float("PERF_ROUND_SECONDS", 1),
    "PERF_EPOCHS": env_int("PERF_EPOCHS", 10),
    "PERF_EPOCH_SECONDS": env_float("PERF_EPOCH_SECONDS", 1.5),
    "PERF_SERVICE_WARMUP_EPOCHS": env_int("PERF_SERVICE_WARMUP_EPOCHS", 30),
    "PERF_SERVICE_CYCLES": env_int("PERF_SERVICE_CYCLES", 3),
    "PERF_JOB_TIMEOUT": env_float("PERF_JOB_TIMEOUT", 180),
    "PERF_DISPATCH_JOBS": env_int("PERF_DISPATCH_JOBS", 30),
    "PERF_WRK_SECONDS": env_int("PERF_WRK_SECONDS", 10),
    "PERF_WRK_WARMUP_SECONDS": env_int("PERF_WRK_WARMUP_SECONDS", 120),
    "PERF_WRK_POST_WARMUP_SECONDS": env_int("PERF_WRK_POST_WARMUP_SECONDS", 15),
    "PERF_WRK_THREADS": env_int("PERF_WRK_THREADS", 2),
    "PERF_WRK_CONNECTIONS": env_int("PERF_WRK_CONNECTIONS", 8),
    "PERF_TORCH_THREADS": env_int("PERF_TORCH_THREADS", 2),
    "PERF_CONFIGS": env("PERF_CONFIGS", ""),
    "PERF_SKIP": env("PERF_SKIP", ""),
    "PERF_SERVICE_ARGS": env("PERF_SERVICE_ARGS", ""),
    "PERF_PG_HOST": env("PERF_PG_HOST", "127.0.0.1"),
    "PERF_PG_PORT": env_int("PERF_PG_PORT", 5432),
    "PERF_PG_USER": env("PERF_PG_USER", "postgres"),
    "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "(unset)"),
    "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "(unset)"),
}
SKIP = {part.strip() for part in SETTINGS["PERF_SKIP"].split(",") if part.strip()}
JAVA = env("PERF_JAVA", "java")


def pom_jvm_options():
    """The service's JVM options as pom.xml gives them to spring-boot:run (adamant.jvm.options)."""
    with open(os.path.join(ROOT, "pom.xml")) as pom:
        found = re.search(r"<adamant\.jvm\.options>([^<]*)</adamant\.jvm\.options>", pom.read())
    return found.group(1).split() if found else []


# the service and bare DL4J run with the same options, so that GC settings weigh on both alike
JVM_OPTIONS = env("PERF_JVM_OPTIONS", " ".join(pom_jvm_options())).split()
PYTHON = env("PERF_PYTHON", "/usr/bin/python3")
# extra arguments for the service, e.g. --adamant.metrics.json-cache-size=0
SERVICE_ARGUMENTS = env("PERF_SERVICE_ARGS", "").split()
UPLOAD_MAX_ROWS = 6000  # ~33 MB of CSV at 784 features: under the 50 MB upload limit
TERMINAL = {"SUCCEEDED", "FAILED", "CANCELLED", "DIVERGED"}


def log(message):
    print("[perf %5.0fs] %s" % (time.time() - STARTED, message), file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- machine


def machine():
    info = {"cores": os.cpu_count(), "cpuModel": "", "cpuFlags": "", "processors": 0}
    try:
        info["usableCores"] = len(os.sched_getaffinity(0))
    except AttributeError:
        info["usableCores"] = os.cpu_count()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                key, _, value = line.partition(":")
                key = key.strip()
                if key == "processor":
                    info["processors"] += 1
                elif key == "model name" and not info["cpuModel"]:
                    info["cpuModel"] = value.strip()
                elif key == "flags" and not info["cpuFlags"]:
                    info["cpuFlags"] = value.strip()
    except OSError:
        pass
    flags = set(info["cpuFlags"].split())
    info["simd"] = " ".join(f for f in ("avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni") if f in flags)
    try:
        version = subprocess.run([JAVA, "-version"], capture_output=True, text=True, timeout=60).stderr
        lines = [line.strip() for line in version.splitlines() if line.strip()]
        info["java"] = "%s; %s" % (lines[0], lines[-1]) if lines else "unknown"
    except (OSError, subprocess.TimeoutExpired):
        info["java"] = "unknown"
    try:
        info["loadAverage"] = " ".join("%.2f" % load for load in os.getloadavg())
    except OSError:
        info["loadAverage"] = ""
    return info


def nd4j_classifiers(classpath_file):
    try:
        with open(classpath_file) as file:
            entries = file.read().split(os.pathsep)
    except OSError:
        return "unknown"
    found = []
    for entry in entries:
        match = re.search(r"/(nd4j-[a-z0-9.-]+?)-1\.0\.0-M2\.1-([a-z0-9_-]+)\.jar$", entry)
        if match:
            found.append("%s:%s" % (match.group(1), match.group(2)))
    return " + ".join(sorted(set(found))) or "unknown"


# --------------------------------------------------------------------------- engines


def test_classpath():
    """The bare-DL4J engine's class path: the build's classes and what perf.sh resolved."""
    return os.pathsep.join([os.path.join(ROOT, "target", "test-classes"), os.path.join(ROOT, "target", "classes"),
                            open(os.path.join(OUT, "test.classpath")).read().strip()])


def torch_importable():
    return shutil.which(PYTHON) is not None and subprocess.run(
        [PYTHON, "-c", "import torch"], capture_output=True).returncode == 0


def read_result(name, stream, logfile, environment_line):
    """Reads an engine's output up to its next RESULT line (None at its end); an ENV line
    goes into environment_line, anything else to the log."""
    for line in stream:
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
            if "error" in result:
                log("%s %s: ERROR %s" % (name, result["id"], result["error"]))
            else:
                log("%s %s: %.0f samples/s" % (name, result["id"], result["samplesPerSecond"]))
            return result
        if line.startswith("ENV "):
            environment_line.update(json.loads(line[4:]))
        else:
            logfile.write(line)
    return None


def engine_environment(extra_env):
    environment = dict(os.environ)
    environment.update(extra_env)
    return environment


def run_engine(name, command, extra_env, log_file):
    """Runs a bare engine, returning (ENV dict, {config id: RESULT dict})."""
    log("%s: %s" % (name, " ".join(os.path.basename(part) for part in command if not os.pathsep in part)))
    results, environment_line = {}, {}
    with open(log_file, "w") as logfile:
        process = subprocess.Popen(command, cwd=ROOT, env=engine_environment(extra_env), stdout=subprocess.PIPE,
                                   stderr=logfile, text=True)
        for result in iter(lambda: read_result(name, process.stdout, logfile, environment_line), None):
            results[result["id"]] = result
        code = process.wait()
    if code != 0:
        log("%s exited with %d; see %s" % (name, code, log_file))
    return environment_line, results


class BareSession:
    """Bare DL4J on one configuration, kept running: its first RESULT (with the in-process
    comparisons), then, on request, its bare loop timed again in the same warm JVM
    (PerfBenchmark's PERF_AGAIN_ON_STDIN)."""

    def __init__(self, command, extra_env, log_file, config_id):
        log("bare DL4J: %s (kept for its runs after the service's jobs)" % " ".join(
            os.path.basename(part) for part in command if not os.pathsep in part))
        self.config_id = config_id
        self.environment = {}
        self.logfile = open(log_file, "w")
        self.process = subprocess.Popen(command, cwd=ROOT, env=engine_environment(dict(extra_env, PERF_AGAIN_ON_STDIN="1")),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.logfile, text=True)
        self.first = self.next_result()

    def next_result(self):
        result = read_result("bare DL4J", self.process.stdout, self.logfile, self.environment)
        return result or {"id": self.config_id, "error": "bare DL4J ended (exit status %s)" % self.process.poll()}

    def again(self):
        """The bare loop's rate now, or None."""
        try:
            self.process.stdin.write(self.config_id + "\n")
            self.process.stdin.flush()
        except OSError as error:
            log("bare DL4J %s: %r" % (self.config_id, error))
            return None
        return self.next_result().get("samplesPerSecond")

    def close(self):
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.logfile.close()


# --------------------------------------------------------------------------- HTTP


class Api:
    def __init__(self, port, key):
        self.port = port
        self.key = key

    def request(self, method, path, body=None, headers=None, timeout=60):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        all_headers = {"Authorization": "Bearer " + self.key}
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            data = response.read()
            payload = json.loads(data) if data and response.getheader("Content-Type", "").find("json") >= 0 else data
            return response.status, payload
        finally:
            connection.close()

    def ok(self, method, path, body=None, headers=None, timeout=60):
        status, payload = self.request(method, path, body, headers, timeout)
        if status >= 300:
            raise RuntimeError("%s %s -> %d %s" % (method, path, status, payload))
        return payload


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def parse_instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


# --------------------------------------------------------------------------- database and service


class Database:
    def __init__(self):
        self.name = "adamant_bench_" + secrets.token_hex(4)
        self.external = False
        self.data_directory = None

    def psql(self, sql):
        return subprocess.run(["psql", "-h", SETTINGS["PERF_PG_HOST"], "-p", str(SETTINGS["PERF_PG_PORT"]),
                               "-U", SETTINGS["PERF_PG_USER"], "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                               "-qAtc", sql], capture_output=True, text=True, timeout=60)

    def create(self):
        if shutil.which("psql"):
            try:
                created = self.psql("CREATE DATABASE %s" % self.name)
                if created.returncode == 0:
                    self.external = True
                    log("database %s on %s:%d" % (self.name, SETTINGS["PERF_PG_HOST"], SETTINGS["PERF_PG_PORT"]))
                    return
                log("no PostgreSQL at %s:%d (%s); using the embedded one" % (
                    SETTINGS["PERF_PG_HOST"], SETTINGS["PERF_PG_PORT"], (created.stderr.strip().splitlines() or [""])[0]))
            except subprocess.TimeoutExpired:
                log("psql timed out; using the embedded PostgreSQL")
        self.data_directory = tempfile.mkdtemp(prefix="pg-", dir=OUT)
        os.chmod(self.data_directory, 0o777)  # embedded PostgreSQL may run as another user under root

    def arguments(self):
        if self.external:
            return ["--spring.datasource.url=jdbc:postgresql://%s:%d/%s" % (
                SETTINGS["PERF_PG_HOST"], SETTINGS["PERF_PG_PORT"], self.name),
                "--spring.datasource.username=" + SETTINGS["PERF_PG_USER"]]
        return ["--adamant.embedded-database.data-directory=" + os.path.join(self.data_directory, "data")]

    def drop(self):
        if self.external:
            dropped = self.psql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % self.name)
            log("dropped database %s" % self.name if dropped.returncode == 0
                else "could not drop %s: %s" % (self.name, dropped.stderr.strip()))
        elif self.data_directory:
            shutil.rmtree(self.data_directory, ignore_errors=True)


class Service:
    def __init__(self, database):
        self.database = database
        self.port = free_port()
        self.admin_key = "adk_bench_" + secrets.token_urlsafe(24)
        self.process = None
        self.log_path = os.path.join(OUT, "service.log")

    def start(self):
        classpath = os.path.join(ROOT, "target", "classes") + os.pathsep + open(
            os.path.join(OUT, "runtime.classpath")).read().strip()
        command = [JAVA] + JVM_OPTIONS + ["-cp", classpath, "io.adamant.AdamantApplication", "--server.port=%d" % self.port,
                   "--adamant.security.bootstrap-admin-key=" + self.admin_key,
                   "--adamant.worker.instance-name=perf"] + self.database.arguments() + SERVICE_ARGUMENTS
        log("starting the service on port %d (log: %s)" % (self.port, os.path.relpath(self.log_path, ROOT)))
        self.logfile = open(self.log_path, "w")
        self.process = subprocess.Popen(command, cwd=OUT, stdout=self.logfile, stderr=subprocess.STDOUT)
        deadline = time.time() + 240
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the service exited with %d; see %s" % (self.process.returncode, self.log_path))
            try:
                status, payload = Api(self.port, self.admin_key).request("GET", "/actuator/health", timeout=5)
                if status == 200 and isinstance(payload, dict) and payload.get("status") == "UP":
                    log("service up")
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("the service did not come up in 240 s; see %s" % self.log_path)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            log("service stopped")
        if self.process:
            self.logfile.close()


# --------------------------------------------------------------------------- service measurements


def rows_for(config, rate):
    batch = config["batchSize"]
    rows = config["defaultRows"] if not rate else int(rate * SETTINGS["PERF_EPOCH_SECONDS"])
    rows = max(rows, 4 * batch)
    rows = -(-rows // batch) * batch  # whole batches
    return min(rows, 1_000_000 // batch * batch)


def upload_dataset(api, name, config, rows):
    """A synthetic classification CSV (standard-normal features, classes 0-9) through the API."""
    features = config["input"]["shape"][0]
    classes = config["outputs"]
    rng = random.Random(7)
    pool = ["%.4f" % rng.gauss(0, 1) for _ in range(4096)]
    lines = [",".join(["f%d" % i for i in range(features)] + ["label"])]
    for row in range(rows):
        lines.append(",".join(rng.choices(pool, k=features)) + ",%d" % (row % classes))
    content = ("\n".join(lines) + "\n").encode()
    boundary = "perf" + uuid.uuid4().hex
    parts = []
    for field, value in (("name", name), ("labelColumn", "label"), ("task", "classification")):
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (
            boundary, field, value)).encode())
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s.csv\"\r\n"
                  "Content-Type: text/csv\r\n\r\n" % (boundary, name)).encode() + content + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    started = time.time()
    api.ok("POST", "/api/v1/datasets", b"".join(parts),
           {"Content-Type": "multipart/form-data; boundary=" + boundary}, timeout=300)
    log("uploaded %s: %d rows × %d features, %.1f MB in %.1f s" % (
        name, rows, features, len(content) / 1e6, time.time() - started))


def job_spec(config, dataset, epochs, name):
    return {"name": name, "dataset": dataset, "model": config["model"], "optimizer": OPTIMIZER,
            "training": {"epochs": epochs, "batchSize": config["batchSize"], "seed": 42,
                         "validationFraction": 0.0, "checkpoints": {"everyEpochs": 0, "keepBest": False}}}


def await_job(api, job_id, timeout, until=lambda job: job["status"] in TERMINAL):
    deadline = time.time() + timeout
    while True:
        job = api.ok("GET", "/api/v1/jobs/" + job_id)
        if until(job) or time.time() > deadline:
            return job
        time.sleep(0.5)


def warm_up_service(api, config):
    """An untimed job before the measured ones, as bare DL4J gets its warm-up: a fresh
    service's first job ran 25% under bare DL4J in its last epochs while the JIT was still
    busy (94.6k bare against 70.5k in one run)."""
    epochs = SETTINGS["PERF_SERVICE_WARMUP_EPOCHS"]
    if epochs <= 0 or "upload" in config["dataset"]:
        return
    dataset = dict(config["dataset"], samples=rows_for(config, None))
    job = api.ok("POST", "/api/v1/jobs", job_spec(config, dataset, epochs, "perf warm-up " + config["id"]))
    job = await_job(api, job["id"], SETTINGS["PERF_JOB_TIMEOUT"])
    log("service warm-up: %d epochs of %s, %s" % (epochs, config["id"], job["status"]))


def service_dataset(api, config, rate):
    """The dataset a configuration's service jobs train on (uploaded once where the
    configuration names an upload), and its rows."""
    rows = rows_for(config, rate)
    dataset = dict(config["dataset"])
    if "upload" in dataset:
        rows = min(rows, UPLOAD_MAX_ROWS // config["batchSize"] * config["batchSize"])
        name = dataset.pop("upload")
        upload_dataset(api, name, config, rows)
        return {"name": name}, rows
    dataset["samples"] = rows
    return dataset, rows


def service_job(api, config, dataset, rows, name):
    epochs = SETTINGS["PERF_EPOCHS"]
    job = api.ok("POST", "/api/v1/jobs", job_spec(config, dataset, epochs, name))
    log("service %s: job %s, %d epochs of %d rows" % (config["id"], job["id"], epochs, rows))
    job = await_job(api, job["id"], SETTINGS["PERF_JOB_TIMEOUT"])
    if job["status"] not in TERMINAL:
        api.request("POST", "/api/v1/jobs/%s/cancel" % job["id"])
        log("service %s: still %s after %.0f s, cancelled; using its finished epochs" % (
            config["id"], job["status"], SETTINGS["PERF_JOB_TIMEOUT"]))
    metrics = api.ok("GET", "/api/v1/jobs/%s/metrics" % job["id"])["items"]
    rates = [row["samplesPerSecond"] for row in metrics]
    # the second half of the epochs: the service's JIT is still compiling in the first ones
    # (its first job's epochs ran 14.7k, 25.9k, 26.3k, 28.7k, 30.8k samples/s in one run)
    measured = rates[len(rates) // 2:]
    result = {"id": config["id"], "engine": "service", "jobId": job["id"], "status": job["status"],
              "rows": rows, "epochRates": rates, "parameters": job.get("parameters"),
              "failureReason": job.get("failureReason")}
    if measured:
        result["samplesPerSecond"] = statistics.median(measured)
        result["bestSamplesPerSecond"] = max(measured)
        log("service %s: %.0f samples/s (%s, epochs %s)" % (
            config["id"], result["samplesPerSecond"], job["status"], ", ".join("%.0f" % r for r in rates)))
    else:
        result["error"] = "no epoch finished (%s: %s)" % (job["status"], job.get("failureReason"))
        log("service %s: %s" % (config["id"], result["error"]))
    return result


def service_config(api, config, rate, bare_after=None):
    """The configuration's service jobs. With bare_after (a function running bare DL4J and
    returning its rate), PERF_SERVICE_CYCLES jobs, each followed by a bare run: a cycle's
    ratio is its job's rate over the mean of the bare runs right before and after it (the
    first before is `rate`), and the configuration's ratio is the median of the cycles'."""
    dataset, rows = service_dataset(api, config, rate)
    cycles = SETTINGS["PERF_SERVICE_CYCLES"] if bare_after else 1
    jobs, bare = [], [rate]
    for cycle in range(cycles):
        job = service_job(api, config, dataset, rows, "perf %s (%d of %d)" % (config["id"], cycle + 1, cycles))
        jobs.append(job)
        if "error" in job:
            return job
        if bare_after:
            bare.append(bare_after())
    result = dict(jobs[0], jobs=jobs, samplesPerSecond=statistics.median(j["samplesPerSecond"] for j in jobs),
                  bestSamplesPerSecond=max(j["bestSamplesPerSecond"] for j in jobs))
    if bare_after and all(bare):
        result["cycleRatios"] = [job["samplesPerSecond"] / statistics.mean(bare[i:i + 2])
                                 for i, job in enumerate(jobs)]
        result["ratio"] = statistics.median(result["cycleRatios"])
        result["bareRuns"] = bare
        log("service %s / bare DL4J by cycle: %s; median %.2f" % (
            config["id"], ", ".join("%.2f" % r for r in result["cycleRatios"]), result["ratio"]))
    return result


TINY_JOB = {"name": "perf tiny", "dataset": {"name": "iris"}, "model": {"type": "mlp", "hiddenLayers": []},
            "training": {"epochs": 1, "batchSize": 150, "seed": 1, "validationFraction": 0.0,
                         "checkpoints": {"everyEpochs": 0, "keepBest": False}}}


def dispatch_latency(api, count):
    """Tiny jobs one after another, each submitted to an idle worker: server-side
    createdAt -> startedAt, and client-side from sending the POST to receiving the RUNNING
    status event on the job's SSE stream (which also tells when the job has ended)."""
    server, client = [], []
    for index in range(count + 3):  # the first three warm up the path and are not counted
        time.sleep(0.3)  # the worker is back to waiting for a notification
        started = time.perf_counter()
        job = api.ok("POST", "/api/v1/jobs", TINY_JOB)
        running_at = None
        connection = http.client.HTTPConnection("127.0.0.1", api.port, timeout=60)
        try:
            connection.request("GET", "/api/v1/jobs/%s/events" % job["id"], headers={
                "Authorization": "Bearer " + api.key, "Accept": "text/event-stream"})
            response = connection.getresponse()
            event = None
            while True:
                line = response.readline()
                if not line:
                    break
                line = line.decode().rstrip("\r\n")
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:") and event == "status":
                    status = json.loads(line[5:])["status"]
                    if status == "RUNNING" and running_at is None:
                        running_at = time.perf_counter()
                    if status in TERMINAL:
                        break
        finally:
            connection.close()
        job = await_job(api, job["id"], 60)
        if job.get("startedAt") is None:
            log("dispatch: job %s never started (%s)" % (job["id"], job["status"]))
            continue
        if index >= 3:
            server.append((parse_instant(job["startedAt"]) - parse_instant(job["createdAt"])).total_seconds() * 1000)
            if running_at is not None:
                client.append((running_at - started) * 1000)

    def summary(values):
        if not values:
            return None
        return {"n": len(values), "p50": percentile(values, 0.5), "p90": percentile(values, 0.9),
                "p99": percentile(values, 0.99), "max": max(values), "values": values}

    result = {"server": summary(server), "client": summary(client)}
    log("dispatch: server p50 %.1f ms p99 %.1f ms; client p50 %.1f ms p99 %.1f ms" % (
        result["server"]["p50"], result["server"]["p99"], result["client"]["p50"], result["client"]["p99"])
        if server and client else "dispatch: no measurements")
    return result


def parse_wrk(text):
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}

    def millis(value):
        match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
        return float(match.group(1)) * units[match.group(2)] if match else None

    result = {}
    match = re.search(r"Requests/sec:\s+([\d.]+)", text)
    result["requestsPerSecond"] = float(match.group(1)) if match else None
    match = re.search(r"(\d+) requests in ([\d.]+\w+)", text)
    result["requests"] = int(match.group(1)) if match else None
    for percent in ("50", "75", "90", "99"):
        match = re.search(r"^\s+%s%%\s+(\S+)" % percent, text, re.MULTILINE)
        result["p%s" % percent] = millis(match.group(1)) if match else None
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    result["non2xx"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: (.*)", text)
    result["socketErrors"] = match.group(1).strip() if match else ""
    return result


def http_load(api, config, rate):
    """wrk on GET /jobs/{id}/metrics and POST /jobs while one job (the first configuration)
    trains; the training job's samples/s before and during each load."""
    if not shutil.which("wrk"):
        log("wrk is not installed (Debian package wrk): HTTP load skipped")
        return {"error": "wrk not installed"}
    rows = rows_for(config, rate)
    dataset = dict(config["dataset"], samples=rows)
    job = api.ok("POST", "/api/v1/jobs", job_spec(config, dataset, 1000, "perf training under load"))
    log("load: training job %s (%s, %d rows an epoch); waiting for 3 epochs" % (job["id"], config["id"], rows))
    await_job(api, job["id"], 120, lambda j: j["status"] in TERMINAL
              or (j.get("progress") or {}).get("epochsCompleted", 0) >= 3)
    base = "http://127.0.0.1:%d" % api.port
    threads, connections, seconds = (SETTINGS["PERF_WRK_THREADS"], SETTINGS["PERF_WRK_CONNECTIONS"],
                                     SETTINGS["PERF_WRK_SECONDS"])
    script = os.path.join(OUT, "post-job.lua")
    with open(script, "w") as lua:
        lua.write('wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n'
                  'wrk.headers["Authorization"] = "Bearer %s"\n' % (json.dumps(json.dumps(TINY_JOB)), api.key))
    runs = {
        "GET /api/v1/jobs/{id}/metrics": ["-H", "Authorization: Bearer " + api.key,
                                          "%s/api/v1/jobs/%s/metrics" % (base, job["id"])],
        "POST /api/v1/jobs": ["-s", script, base + "/api/v1/jobs"],
    }
    results = {}
    windows = {}
    load_started = None
    for name, arguments in runs.items():
        warmup = SETTINGS["PERF_WRK_WARMUP_SECONDS"] if name.startswith("GET") else SETTINGS["PERF_WRK_POST_WARMUP_SECONDS"]
        load_started = load_started or datetime.datetime.now(datetime.timezone.utc)
        if warmup > 0:  # the JIT compiles the request path first; not counted
            subprocess.run(["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % warmup, "--timeout", "10s"]
                           + arguments, capture_output=True, text=True)
        log("load: wrk -t%d -c%d -d%ds %s" % (threads, connections, seconds, name))
        begin = datetime.datetime.now(datetime.timezone.utc)
        completed = subprocess.run(["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency",
                                    "--timeout", "10s"] + arguments, capture_output=True, text=True)
        end = datetime.datetime.now(datetime.timezone.utc)
        windows[name] = (begin, end)
        with open(os.path.join(OUT, "wrk-%s.txt" % ("get" if name.startswith("GET") else "post")), "w") as out:
            out.write(completed.stdout + completed.stderr)
        results[name] = parse_wrk(completed.stdout)
        log("load: %s: %s req/s, p99 %s ms, non-2xx %s" % (name, results[name]["requestsPerSecond"],
                                                          results[name]["p99"], results[name]["non2xx"]))
        time.sleep(2 * SETTINGS["PERF_EPOCH_SECONDS"])  # the epochs during the load are recorded
    os.remove(script)
    metrics = api.ok("GET", "/api/v1/jobs/%s/metrics" % job["id"])["items"]
    first_load = load_started  # the training job's "before" ends where the first warm-up begins

    def epochs_within(start, end):
        """Epochs (after the first) whose middle falls in the window."""
        rates = []
        for row in metrics[1:]:
            finished = parse_instant(row["recordedAt"])
            middle = finished - datetime.timedelta(milliseconds=row["durationMs"] / 2)
            if start <= middle <= end:
                rates.append(row["samplesPerSecond"])
        return rates

    before = epochs_within(datetime.datetime.min.replace(tzinfo=datetime.timezone.utc), first_load)
    for name, (begin, end) in windows.items():
        during = epochs_within(begin, end)
        results[name]["trainingSamplesPerSecond"] = statistics.median(during) if during else None
    results["trainingSamplesPerSecondBefore"] = statistics.median(before) if before else None
    queued = api.ok("GET", "/api/v1/jobs?status=QUEUED&size=1")["totalItems"]
    api.request("POST", "/api/v1/jobs/%s/cancel" % job["id"])
    results["queuedByLoad"] = queued
    results["trainingJob"] = job["id"]
    log("load: cancelled the training job; %d jobs the POST load queued go with the database" % queued)
    return results


# --------------------------------------------------------------------------- output


def fmt_rate(value):
    if value is None:
        return "n/a"
    if value >= 100_000:
        return "%.0fk" % (value / 1000)
    if value >= 10_000:
        return "%.1fk" % (value / 1000)
    return "%.0f" % value


def fmt_ratio(numerator, denominator):
    if not numerator or not denominator:
        return "n/a"
    ratio = numerator / denominator
    return "%.2f" % ratio if ratio >= 0.1 else "%.3f" % ratio


def fmt_ms(value):
    return "n/a" if value is None else ("%.1f ms" % value if value < 100 else "%.0f ms" % value)


def bracket(result, runs):
    """Bare DL4J's rate as the median of its runs around the service's jobs."""
    if result and "samplesPerSecond" in result and runs and all(runs):
        result["samplesPerSecondRuns"] = runs
        result["samplesPerSecond"] = statistics.median(runs)
        log("bare DL4J %s: %s around the service's jobs: %.0f samples/s" % (
            result["id"], " / ".join("%.0f" % run for run in runs), result["samplesPerSecond"]))


def service_ratio(report, config_id):
    """Service / bare DL4J: the median of the per-job ratios where the jobs were cycled with
    bare runs, else the ratio of the two rates; None without both."""
    ratio = (report["service"].get(config_id) or {}).get("ratio")
    service, dl4j = rate_of(report["service"], config_id), rate_of(report["dl4j"], config_id)
    return ratio if ratio is not None or not service or not dl4j else service / dl4j


def rate_of(results, config_id):
    result = results.get(config_id) or {}
    return result.get("samplesPerSecond")


def markdown(report):
    lines = []
    info = report["machine"]
    dl4j_env, torch_env = report["dl4jEnvironment"], report["torchEnvironment"]
    lines.append("## Adamant benchmark harness, %s" % report["date"])
    lines.append("")
    lines.append("%d cores (%s; %s), load before the run %s; JVM %s (%s); ND4J %s; OMP_NUM_THREADS=%s, "
                 "OMP_WAIT_POLICY=%s; PyTorch %s, %s threads, SGEMM 1024² %s GFLOP/s (%s)" % (
                     info["usableCores"], info["cpuModel"], info["simd"] or "no AVX2", info["loadAverage"],
                     dl4j_env.get("javaVersion", info["java"]), " ".join(JVM_OPTIONS) or "no options",
                     report["nd4jClassifier"], SETTINGS["OMP_NUM_THREADS"],
                     SETTINGS["OMP_WAIT_POLICY"], torch_env.get("torch", "n/a"), torch_env.get("threads", "n/a"),
                     torch_env.get("sgemm1024Gflops", "n/a"),
                     ", ".join(os.path.basename(os.path.dirname(p)) + "/" + os.path.basename(p)
                               for p in torch_env.get("blas", [])[:1]) or "BLAS unknown"))
    if SERVICE_ARGUMENTS:
        lines.append("")
        lines.append("Service started with " + " ".join("`%s`" % a for a in SERVICE_ARGUMENTS) + ".")
    lines.append("")
    lines.append("| configuration | service samples/s | bare DL4J samples/s | PyTorch samples/s | "
                 "service / bare DL4J | service step / bare, in-process | DL4J / PyTorch | "
                 "parameters (service · DL4J · PyTorch) |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for config in report["configs"]:
        cid = config["id"]
        service, dl4j, torch = (rate_of(report["service"], cid), rate_of(report["dl4j"], cid),
                                rate_of(report["pytorch"], cid))
        parameters = " · ".join(str((report[engine].get(cid) or {}).get("parameters", "n/a"))
                                for engine in ("service", "dl4j", "pytorch"))
        step_ratio = (report["dl4j"].get(config["id"]) or {}).get("serviceStepRatio")
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            config["label"], fmt_rate(service), fmt_rate(dl4j), fmt_rate(torch), fmt_ratio(service_ratio(report, cid), 1),
            "n/a" if step_ratio is None else "%.2f" % step_ratio, fmt_ratio(dl4j, torch), parameters))
    lines.append("")
    cycled = [c for c in report["configs"] if "cycleRatios" in (report["service"].get(c["id"]) or {})]
    lines.append("Samples/s: service = median over epochs %d..%d of `samplesPerSecond` in `/metrics` "
                 "(telemetry on)%s; bare engines = median of %d rounds of %.1f s after %.1f s of warm-up%s. "
                 "Service step / bare, in-process: the bare-DL4J engine's network beside the same network with "
                 "the service's listener (telemetry, clipping, divergence checks), rounds interleaved, median of "
                 "the round-by-round ratios. "
                 "PyTorch's LSTM has a second bias vector (256 parameters more)." % (
                     SETTINGS["PERF_EPOCHS"] // 2 + 1, SETTINGS["PERF_EPOCHS"],
                     ", median of %d jobs" % SETTINGS["PERF_SERVICE_CYCLES"] if cycled else "",
                     SETTINGS["PERF_ROUNDS"], SETTINGS["PERF_ROUND_SECONDS"], SETTINGS["PERF_WARMUP_SECONDS"],
                     "; bare DL4J = median of a run before the service's first job and one right after each job. "
                     "Service / bare DL4J: each job over the mean of the bare runs right before and after it, "
                     "median of the jobs' ratios (jobs' ratios; bare runs: %s)" % "; ".join(
                         "%s %s; %s" % (c["id"], ", ".join("%.2f" % r for r in report["service"][c["id"]]["cycleRatios"]),
                                        " / ".join(fmt_rate(r) for r in report["service"][c["id"]]["bareRuns"]))
                         for c in cycled) if cycled else ""))
    stock = [(c, report["dl4j"][c["id"]]) for c in report["configs"]
             if "stockSamplesPerSecond" in (report["dl4j"].get(c["id"]) or {})]
    if stock:
        lines.append("")
        lines.append("| configuration | stock DL4J samples/s | bare DL4J as the service runs it samples/s | "
                     "as the service runs it / stock, in-process |")
        lines.append("|---|---|---|---|")
        for config, result in stock:
            lines.append("| %s | %s | %s | %.2f |" % (config["label"], fmt_rate(result["stockSamplesPerSecond"]),
                                                  fmt_rate(result.get("samplesPerSecondRuns", [result["samplesPerSecond"]])[0]),
                                                  result["stockRatio"]))
        lines.append("")
        lines.append("Stock DL4J: the same configuration without Adamant's layer helpers "
                     "(`training.LayerHelpers`: convolutions, LSTMs), reusing dense and output layers "
                     "(`training.ReusingLayers`), lean updater blocks (`training.LeanUpdaterBlock`) and Adam "
                     "(`training.DirectAdam`), and with DL4J's default cache mode, in rounds interleaved "
                     "with the bare loop's (first bare run); median of the round-by-round ratios.")
    dispatch = report.get("dispatch") or {}
    if dispatch.get("server"):
        lines.append("")
        lines.append("| dispatch, idle worker (%d tiny jobs one after another) | p50 | p90 | p99 | max |" %
                     dispatch["server"]["n"])
        lines.append("|---|---|---|---|---|")
        for key, label in (("server", "server: `createdAt` → `startedAt`"),
                           ("client", "client: POST sent → `RUNNING` event on the job's SSE stream")):
            values = dispatch.get(key)
            if values:
                lines.append("| %s | %s | %s | %s | %s |" % (label, fmt_ms(values["p50"]), fmt_ms(values["p90"]),
                                                             fmt_ms(values["p99"]), fmt_ms(values["max"])))
    load = report.get("load") or {}
    if load and "error" not in load:
        lines.append("")
        lines.append("| HTTP while a job trains (wrk -t%d -c%d, %d s, after %d s / %d s of warm-up) | req/s | p50 | p99 | "
                     "non-2xx | training samples/s during (before: %s) |" % (
                         SETTINGS["PERF_WRK_THREADS"], SETTINGS["PERF_WRK_CONNECTIONS"], SETTINGS["PERF_WRK_SECONDS"],
                         SETTINGS["PERF_WRK_WARMUP_SECONDS"], SETTINGS["PERF_WRK_POST_WARMUP_SECONDS"],
                         fmt_rate(load.get("trainingSamplesPerSecondBefore"))))
        lines.append("|---|---|---|---|---|---|")
        for name in ("GET /api/v1/jobs/{id}/metrics", "POST /api/v1/jobs"):
            values = load.get(name) or {}
            lines.append("| `%s` | %s | %s | %s | %s | %s |" % (
                name, "n/a" if values.get("requestsPerSecond") is None else "%.0f" % values["requestsPerSecond"],
                fmt_ms(values.get("p50")), fmt_ms(values.get("p99")), values.get("non2xx", "n/a"),
                fmt_rate(values.get("trainingSamplesPerSecond"))))
    elif load:
        lines.append("")
        lines.append("HTTP load: %s" % load["error"])
    if report.get("errors"):
        lines.append("")
        lines.append("Errors: " + "; ".join(report["errors"]))
    lines.append("")
    lines.append("Run took %.0f s." % report["seconds"])
    return "\n".join(lines) + "\n"


def write_csv(path, report):
    info = report["machine"]
    common = {"date": report["date"], "cores": info["usableCores"], "cpu_model": info["cpuModel"],
              "cpu_flags": info["cpuFlags"], "jvm": report["machine"]["java"], "jvm_options": " ".join(JVM_OPTIONS),
              "nd4j_classifier": report["nd4jClassifier"], "omp_num_threads": SETTINGS["OMP_NUM_THREADS"],
              "omp_wait_policy": SETTINGS["OMP_WAIT_POLICY"], "torch": report["torchEnvironment"].get("torch", ""),
              "torch_threads": report["torchEnvironment"].get("threads", ""),
              "torch_blas": " ".join(report["torchEnvironment"].get("blas", []))}
    rows = []

    def add(section, config, engine, metric, value, unit):
        if value is not None:
            rows.append(dict(common, section=section, config=config, engine=engine, metric=metric,
                             value=("%.6g" % value) if isinstance(value, float) else value, unit=unit))

    for config in report["configs"]:
        cid = config["id"]
        for engine in ("service", "dl4j", "pytorch"):
            result = report[engine].get(cid) or {}
            add("training", cid, engine, "samples_per_second", result.get("samplesPerSecond"), "samples/s")
            add("training", cid, engine, "best_samples_per_second", result.get("bestSamplesPerSecond"), "samples/s")
            add("training", cid, engine, "parameters", result.get("parameters"), "count")
        service, dl4j, torch = (rate_of(report["service"], cid), rate_of(report["dl4j"], cid),
                                rate_of(report["pytorch"], cid))
        add("training", cid, "service/dl4j", "ratio", service_ratio(report, cid), "ratio")
        for job, ratio in enumerate((report["service"].get(cid) or {}).get("cycleRatios", []), 1):
            add("training", cid, "service/dl4j (job %d)" % job, "ratio", ratio, "ratio")
        if dl4j and torch:
            add("training", cid, "dl4j/pytorch", "ratio", dl4j / torch, "ratio")
        add("training", cid, "service-step/dl4j (in-process)", "ratio",
            (report["dl4j"].get(cid) or {}).get("serviceStepRatio"), "ratio")
        add("training", cid, "stock-dl4j", "samples_per_second",
            (report["dl4j"].get(cid) or {}).get("stockSamplesPerSecond"), "samples/s")
        add("training", cid, "dl4j/stock-dl4j (in-process)", "ratio",
            (report["dl4j"].get(cid) or {}).get("stockRatio"), "ratio")
    dispatch = report.get("dispatch") or {}
    for key in ("server", "client"):
        for stat in ("p50", "p90", "p99", "max"):
            add("dispatch", "tiny-job", key, stat, (dispatch.get(key) or {}).get(stat), "ms")
    load = report.get("load") or {}
    for name in ("GET /api/v1/jobs/{id}/metrics", "POST /api/v1/jobs"):
        values = load.get(name) or {}
        add("http", name, "wrk", "requests_per_second", values.get("requestsPerSecond"), "req/s")
        for stat in ("p50", "p90", "p99"):
            add("http", name, "wrk", stat, values.get(stat), "ms")
        add("http", name, "wrk", "non_2xx", values.get("non2xx"), "count")
        add("http", name, "service", "training_samples_per_second", values.get("trainingSamplesPerSecond"),
            "samples/s")
    add("http", "before load", "service", "training_samples_per_second", load.get("trainingSamplesPerSecondBefore"),
        "samples/s")
    add("run", "all", "harness", "seconds", report["seconds"], "s")
    fields = list(common) + ["section", "config", "engine", "metric", "value", "unit"]
    with open(path, "w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


# --------------------------------------------------------------------------- main


OPTIMIZER = {}


def main():
    global OPTIMIZER
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(ROOT, "bench", "configs.json")) as file:
        document = json.load(file)
    OPTIMIZER = document["optimizer"]
    wanted = [part.strip() for part in SETTINGS["PERF_CONFIGS"].split(",") if part.strip()]
    configs = [c for c in document["configs"] if not wanted or c["id"] in wanted]
    if not configs:
        sys.exit("PERF_CONFIGS matches none of " + ", ".join(c["id"] for c in document["configs"]))
    ids = [c["id"] for c in configs]
    stamp = datetime.datetime.now(datetime.timezone.utc)
    report = {"date": stamp.isoformat(timespec="seconds").replace("+00:00", "Z"), "machine": machine(),
              "settings": SETTINGS, "nd4jClassifier": nd4j_classifiers(os.path.join(OUT, "runtime.classpath")),
              "configs": configs, "dl4j": {}, "pytorch": {}, "service": {}, "dl4jEnvironment": {},
              "torchEnvironment": {}, "errors": []}
    log("machine: %d cores, %s, load %s" % (report["machine"]["usableCores"], report["machine"]["cpuModel"],
                                           report["machine"]["loadAverage"]))
    timing = {"PERF_WARMUP_SECONDS": str(SETTINGS["PERF_WARMUP_SECONDS"]),
              "PERF_ROUNDS": str(SETTINGS["PERF_ROUNDS"]), "PERF_ROUND_SECONDS": str(SETTINGS["PERF_ROUND_SECONDS"])}
    configs_file = os.path.join(ROOT, "bench", "configs.json")
    bare_command = [JAVA] + JVM_OPTIONS + ["-cp", test_classpath(), "io.adamant.training.PerfBenchmark", configs_file]

    def bare_dl4j(log_name):
        return run_engine("bare DL4J", bare_command + ids, timing, os.path.join(OUT, log_name))

    # with the service's jobs measured too, bare DL4J runs right before and right after each
    # of them (below): the machine's speed drifts by tens of percent over minutes here, and a
    # ratio's two sides should share it
    bracketed = "dl4j" not in SKIP and "service" not in SKIP and "train" not in SKIP
    if "dl4j" not in SKIP and not bracketed:
        report["dl4jEnvironment"], report["dl4j"] = bare_dl4j("dl4j.log")
    if "pytorch" not in SKIP:
        if not torch_importable():
            message = "PyTorch not importable by %s (Debian: apt-get install python3-torch libopenblas0-openmp)" % PYTHON
            log(message)
            report["errors"].append(message)
        else:
            report["torchEnvironment"], report["pytorch"] = run_engine(
                "PyTorch", [PYTHON, os.path.join(ROOT, "bench", "pytorch_bench.py"), configs_file] + ids,
                dict(timing, PERF_TORCH_THREADS=str(SETTINGS["PERF_TORCH_THREADS"])),
                os.path.join(OUT, "pytorch.log"))
            if report["torchEnvironment"].get("sgemm1024Gflops", 100) < 10:
                report["errors"].append("PyTorch's BLAS is slow (%s GFLOP/s): reference BLAS? install "
                                        "libopenblas0-openmp" % report["torchEnvironment"]["sgemm1024Gflops"])
    if "service" not in SKIP:
        database = Database()
        service = Service(database)
        try:
            database.create()
            service.start()
            admin = Api(service.port, service.admin_key)
            created = admin.ok("POST", "/api/v1/admin/keys", {
                "name": "perf harness", "owner": "perf", "role": "user",
                "quotas": {"maxActiveJobs": 1000000, "maxEpochs": 10000, "maxStorageBytes": 1 << 40,
                           "maxDatasetBytes": 1 << 30}})
            api = Api(service.port, created["key"])
            if "train" not in SKIP:
                warm_up_service(api, configs[0])
            for config in (configs if "train" not in SKIP else []):
                bare = None
                if bracketed:
                    # bare DL4J again right after each job, in the same warm JVM (the
                    # service idles meanwhile): each job's ratio has a bare run on either side
                    bare = BareSession(bare_command + [config["id"]], timing,
                                       os.path.join(OUT, "dl4j-%s.log" % config["id"]), config["id"])
                    report["dl4jEnvironment"] = bare.environment
                    report["dl4j"][config["id"]] = bare.first
                try:
                    report["service"][config["id"]] = service_config(
                        api, config, rate_of(report["dl4j"], config["id"]), bare.again if bare else None)
                except Exception as error:  # noqa: BLE001 - reported, the rest still runs
                    if service.process.poll() is not None:
                        raise RuntimeError("the service process ended (exit status %d; see %s)" % (
                            service.process.returncode, os.path.relpath(service.log_path, ROOT))) from error
                    log("service %s: %r" % (config["id"], error))
                    report["service"][config["id"]] = {"id": config["id"], "error": repr(error)}
                    report["errors"].append("service %s: %r" % (config["id"], error))
                finally:
                    if bare:
                        bare.close()
                if bracketed:
                    bracket(report["dl4j"].get(config["id"]), report["service"][config["id"]].get("bareRuns"))
            if "dispatch" not in SKIP:
                report["dispatch"] = dispatch_latency(api, SETTINGS["PERF_DISPATCH_JOBS"])
            if "load" not in SKIP:
                report["load"] = http_load(api, configs[0], rate_of(report["dl4j"], configs[0]["id"]))
        except Exception as error:  # noqa: BLE001
            if service.process is not None and service.process.poll() is not None:
                error = RuntimeError("the service process ended (exit status %d; see %s)" % (
                    service.process.returncode, os.path.relpath(service.log_path, ROOT)))
            log("service phase failed: %r" % error)
            report["errors"].append("service phase: %r" % error)
        finally:
            service.stop()
            database.drop()
        if bracketed and not report["dl4j"]:  # the service failed before its first job
            report["dl4jEnvironment"], report["dl4j"] = bare_dl4j("dl4j.log")
    report["seconds"] = time.time() - STARTED + float(env("PERF_BUILD_SECONDS", "0"))
    name = "perf-" + stamp.strftime("%Y%m%d-%H%M%S")
    table = markdown(report)
    for suffix, writer in ((".md", lambda p: open(p, "w").write(table)),
                           (".csv", lambda p: write_csv(p, report)),
                           (".json", lambda p: open(p, "w").write(json.dumps(report, indent=2, default=str)))):
        path = os.path.join(OUT, name + suffix)
        writer(path)
        shutil.copyfile(path, os.path.join(OUT, "perf-latest" + suffix))
    print(table)
    log("wrote target/bench/%s.{md,csv,json} (and perf-latest.*)" % name)
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
