"""Benchmark bpcore's training against a plain-Python loop and, where installed, PyTorch.

    .venv/bin/python benchmarks/bench_bpcore.py

1. Single-sample SGD steps on document 001's 2-2-2 network (targets: <= 25 us a
   step, >= 5x faster than PyTorch).
2. Full-batch epochs of a 2-8-8-1 sigmoid network on 200 points (target: >= 3x
   faster than PyTorch).

Each figure is the median over several repeats, in one process, so the rows
are comparable.  Prints a Markdown table for the README.
"""
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bpcore  # noqa: E402
from bpcore import examples  # noqa: E402
from plain_python import sgd_steps  # noqa: E402

try:
    import torch
    torch.set_num_threads(1)
except ImportError:
    torch = None

REPEATS = 7


def per_call(fn, calls):
    """Median seconds per call of fn() over REPEATS runs of ``calls`` calls."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


# ---- 1. document 001, one sample ---------------------------------------------
def doc001_bpcore_train(steps, record):
    net = examples.network_2_2_2()
    return lambda: bpcore.train(net, examples.DOC001["x"], examples.DOC001["y"], 0.5, steps, record_grads=record)


def doc001_bpcore_api(steps):
    net = examples.network_2_2_2()
    x, y = examples.DOC001["x"], examples.DOC001["y"]

    def run():
        for _ in range(steps):
            net.step(net.backward(net.forward(x), y), 0.5)
    return run


def doc001_plain(steps):
    W = [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]]
    b = [[0.35, 0.35], [0.60, 0.60]]
    return lambda: sgd_steps(W, b, [0.05, 0.10], [0.01, 0.99], 0.5, steps)


def torch_mlp(Ws, bs, lr):
    """An SGD step function for a sigmoid MLP in PyTorch, float64, biases frozen or trained."""
    params = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in Ws]
    biases = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in bs]
    opt = torch.optim.SGD(params + biases, lr=lr)

    def step(x, y):
        opt.zero_grad()
        n = x
        for W, b in zip(params, biases):
            n = torch.sigmoid(n @ W.T + b)
        loss = 0.5 * ((y - n) ** 2).sum(dim=-1).mean()
        loss.backward()
        opt.step()
    return step


def doc001_torch(steps):
    step = torch_mlp([[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
                     [[0.35, 0.35], [0.60, 0.60]], 0.5)
    x = torch.tensor([0.05, 0.10], dtype=torch.float64)
    y = torch.tensor([0.01, 0.99], dtype=torch.float64)

    def run():
        for _ in range(steps):
            step(x, y)
    return run


# ---- 2. 2-8-8-1 on 200 points, full batch ----------------------------------------
def blobs():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    Y = (X[:, :1] * X[:, 1:] > 0).astype(float)
    return X, Y


def batch_bpcore(epochs):
    X, Y = blobs()
    net = bpcore.Network([2, 8, 8, 1], seed=0)
    return lambda: bpcore.train(net, X, Y, 0.5, epochs, record_grads=False)


def batch_torch(epochs):
    X, Y = blobs()
    net = bpcore.Network([2, 8, 8, 1], seed=0)
    step = torch_mlp([w.tolist() for w in net.W[1:]], [b.tolist() for b in net.b[1:]], 0.5)
    Xt, Yt = torch.tensor(X), torch.tensor(Y)

    def run():
        for _ in range(epochs):
            step(Xt, Yt)
    return run


def main():
    rows = []
    steps = 5000
    base = per_call(doc001_bpcore_train(steps, False), steps)
    rows.append(("document 001, 1 sample", "bpcore.train", base))
    rows.append(("document 001, 1 sample", "bpcore.train, recording every gradient",
                 per_call(doc001_bpcore_train(steps, True), steps)))
    rows.append(("document 001, 1 sample", "net.forward / backward / step (numpy)",
                 per_call(doc001_bpcore_api(steps // 5), steps // 5)))
    rows.append(("document 001, 1 sample", "plain-Python floats", per_call(doc001_plain(steps), steps)))
    if torch is not None:
        rows.append(("document 001, 1 sample", f"PyTorch {torch.__version__} (1 thread)",
                     per_call(doc001_torch(steps // 10), steps // 10)))
    epochs = 500
    batch = per_call(batch_bpcore(epochs), epochs)
    rows.append(("2-8-8-1, 200 points", "bpcore.train (numpy)", batch))
    if torch is not None:
        rows.append(("2-8-8-1, 200 points", f"PyTorch {torch.__version__} (1 thread)",
                     per_call(batch_torch(epochs // 5), epochs // 5)))

    print("| workload | implementation | time per step | steps per second | vs bpcore |")
    print("| --- | --- | ---: | ---: | ---: |")
    for workload, name, seconds in rows:
        ref = base if workload.startswith("document") else batch
        print(f"| {workload} | {name} | {seconds * 1e6:.1f} µs | {1 / seconds:,.0f} | {seconds / ref:.2f}x |")
    if torch is None:
        print("\n(PyTorch is not installed: its rows are left out.)")


if __name__ == "__main__":
    main()
