#!/usr/bin/python3
"""The PyTorch engine of bench/perf.sh: the configurations of bench/configs.json as
PyTorch models on the CPU (Adam, float32, synthetic in-memory batches), trained by a plain
zero_grad / forward / backward / step loop. Same protocol as the bare-DL4J engine
(PerfBenchmark): a warm-up, then rounds of a fixed wall-clock length; prints one ENV line
and one RESULT JSON line per configuration.

Usage: pytorch_bench.py <configs.json> [config id ...]
Environment: PERF_TORCH_THREADS (2), PERF_WARMUP_SECONDS (2), PERF_ROUNDS (5),
PERF_ROUND_SECONDS (1).

Debian's python3-torch has no BLAS of its own: it uses whatever libblas.so.3 the system's
alternatives point at (reference BLAS, ~3 GFLOP/s, unless libopenblas0-openmp or another
optimised BLAS is installed). The ENV line names the BLAS library loaded and a measured
SGEMM rate so that a slow BLAS is visible in the results.
"""
import json
import os
import sys
import time

FEATURE_BATCHES = 8  # co-prime with LABEL_BATCHES: no pair repeats often enough to be memorised
LABEL_BATCHES = 7


def setting(name, default):
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


def activation(name):
    import torch.nn as nn
    return {
        "relu": nn.ReLU, "leaky-relu": lambda: nn.LeakyReLU(0.01), "elu": nn.ELU, "gelu": nn.GELU,
        "swish": nn.SiLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "softplus": nn.Softplus,
        "identity": nn.Identity,
    }[name or "relu"]()


class PerStep:
    """LSTM over [batch, steps, features], a linear output at every step."""

    @staticmethod
    def build(model, inputs, outputs):
        import torch.nn as nn

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                layers = model["layers"]
                self.rnn = nn.ModuleList()
                size = inputs
                for layer in layers:
                    cell = nn.LSTM if model.get("cell", "lstm") == "lstm" else nn.RNN
                    self.rnn.append(cell(size, layer["units"], batch_first=True))
                    size = layer["units"]
                self.out = nn.Linear(size, outputs)
                self.last_step = model.get("output", "last-step") == "last-step"

            def forward(self, x):
                for rnn in self.rnn:
                    x, _ = rnn(x)
                if self.last_step:
                    x = x[:, -1, :]
                return self.out(x)

        return Net()


def build(config):
    import torch.nn as nn
    model = config["model"]
    shape = config["input"]["shape"]
    outputs = config["outputs"]
    if model["type"] == "mlp":
        layers, size = [nn.Flatten()], 1
        for dim in shape:
            size *= dim
        for hidden in model["hiddenLayers"]:
            layers += [nn.Linear(size, hidden["units"]), activation(hidden.get("activation"))]
            size = hidden["units"]
        layers.append(nn.Linear(size, outputs))
        return nn.Sequential(*layers)
    if model["type"] == "cnn":
        channels, height, width = shape
        layers = []
        for block in model["convolutions"]:
            kernel, stride, padding = block.get("kernel", 3), block.get("stride", 1), block.get("padding", 0)
            layers += [nn.Conv2d(channels, block["filters"], kernel, stride, padding),
                       activation(block.get("activation"))]
            channels = block["filters"]
            height = (height + 2 * padding - kernel) // stride + 1
            width = (width + 2 * padding - kernel) // stride + 1
            pooling = block.get("pooling")
            if pooling:
                size = pooling.get("size", 2)
                pool_stride = pooling.get("stride", size)
                layers.append((nn.MaxPool2d if pooling.get("type", "max") == "max" else nn.AvgPool2d)(size, pool_stride))
                height = (height - size) // pool_stride + 1
                width = (width - size) // pool_stride + 1
        layers.append(nn.Flatten())
        size = channels * height * width
        for dense in model.get("denseLayers", []):
            layers += [nn.Linear(size, dense["units"]), activation(dense.get("activation"))]
            size = dense["units"]
        layers.append(nn.Linear(size, outputs))
        return nn.Sequential(*layers)
    if model["type"] == "rnn":
        return PerStep.build(model, shape[0], outputs)
    raise ValueError("unknown model type " + model["type"])


def data(config, batch):
    """Features in PyTorch's layouts (NCHW images, [batch, steps, features] sequences) and
    labels: class indices for classification, standard-normal targets for regression."""
    import torch
    kind, shape = config["input"]["kind"], config["input"]["shape"]
    generator = torch.Generator().manual_seed(1)
    if kind == "sequence":
        feature_shape = (batch, shape[1], shape[0])
    else:
        feature_shape = (batch, *shape)
    features = [torch.randn(feature_shape, generator=generator) for _ in range(FEATURE_BATCHES)]
    outputs = config["outputs"]
    if config["task"] == "classification":
        labels = [torch.randint(0, outputs, (batch,), generator=generator) for _ in range(LABEL_BATCHES)]
    elif config.get("perStepLabels"):
        labels = [torch.randn((batch, shape[1], outputs), generator=generator) for _ in range(LABEL_BATCHES)]
    else:
        labels = [torch.randn((batch, outputs), generator=generator) for _ in range(LABEL_BATCHES)]
    return features, labels


def run(config, optimizer, warmup, rounds, round_seconds):
    import torch
    import torch.nn as nn
    torch.manual_seed(42)
    batch = config["batchSize"]
    model = build(config)
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=optimizer.get("learningRate", 1e-3),
                           betas=(optimizer.get("beta1", 0.9), optimizer.get("beta2", 0.999)),
                           eps=optimizer.get("epsilon", 1e-8))
    loss_fn = nn.CrossEntropyLoss() if config["task"] == "classification" else nn.MSELoss()
    features, labels = data(config, batch)
    iteration = 0
    loss = None

    def step():
        nonlocal iteration, loss
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(features[iteration % FEATURE_BATCHES]), labels[iteration % LABEL_BATCHES])
        loss.backward()
        opt.step()
        iteration += 1

    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        step()
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        end = start + round_seconds
        done = 0
        while True:
            step()
            done += 1
            now = time.perf_counter()
            if now >= end:
                break
        rates.append(done * batch / (now - start))
    median = sorted(rates)[len(rates) // 2]  # as PerfBenchmark: the upper median of an even count
    return {"id": config["id"], "engine": "pytorch", "samplesPerSecond": median,
            "bestSamplesPerSecond": max(rates), "iterationMs": batch * 1000.0 / median,
            "parameters": sum(p.numel() for p in model.parameters()), "finalScore": float(loss.item()),
            "rounds": rates}


def blas_libraries():
    libraries = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                name = os.path.basename(path)
                if "blas" in name or "mkl" in name or "lapack" in name:
                    libraries.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(libraries)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: pytorch_bench.py <configs.json> [config id ...]")
    import torch
    threads = int(setting("PERF_TORCH_THREADS", 2))
    torch.set_num_threads(threads)
    warmup = setting("PERF_WARMUP_SECONDS", 2)
    rounds = int(setting("PERF_ROUNDS", 5))
    round_seconds = setting("PERF_ROUND_SECONDS", 1)
    with open(sys.argv[1]) as file:
        document = json.load(file)
    only = set(sys.argv[2:])
    # a 1024² SGEMM: ~3 GFLOP/s means reference BLAS, tens or hundreds an optimised one
    a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
    torch.mm(a, b)
    start, count = time.perf_counter(), 0
    while time.perf_counter() - start < 0.5:
        torch.mm(a, b)
        count += 1
    gflops = count * 2 * 1024 ** 3 / (time.perf_counter() - start) / 1e9
    print("ENV " + json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                               "interopThreads": torch.get_num_interop_threads(), "blas": blas_libraries(),
                               "sgemm1024Gflops": round(gflops, 1),
                               "python": sys.version.split()[0]}), flush=True)
    for config in document["configs"]:
        if only and config["id"] not in only:
            continue
        try:
            result = run(config, document.get("optimizer", {}), warmup, rounds, round_seconds)
        except Exception as error:  # noqa: BLE001 - reported, the other configs still run
            result = {"id": config["id"], "engine": "pytorch", "error": repr(error)}
        print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
