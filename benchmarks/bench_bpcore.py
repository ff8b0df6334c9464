"""Benchmark bpcore's training against numpy by hand, PyTorch and plain Python.

    .venv/bin/python benchmarks/bench_bpcore.py            # the full run (a minute or two)
    .venv/bin/python benchmarks/bench_bpcore.py --quick    # a short run, to try it out
    .venv/bin/python benchmarks/bench_bpcore.py --write    # the full run, then rewrite the
                                                           # table in docs/speed.md and the
                                                           # READMEs' summary with its figures
    .venv/bin/python benchmarks/bench_bpcore.py --breakdown   # where the public path's time
                                                              # goes, per call

Workloads, each a training step (forward, backward, update) from the same starting
weights in every implementation:
  document 001's 2-2-2 network, one sample (shared biases, not trained; eta = 0.5);
  2-8-8-1, sigmoid, 200 points, full batch (eta = 0.5);
  2-64-64-1, sigmoid, 1,000 points, full batch (eta = 0.5);
  784-128-10, sigmoid then softmax with cross-entropy, one batch of 64 (eta = 0.1).

Implementations: ``bpcore.train`` (as by default, recording no gradient; recording every
gradient of a small network, ``record_grads="auto"``; recording every parameter's; and called
once per step), the public ``net.forward /
backward / step``, numpy by hand (the same formulas, no checks; like ``train`` it keeps
the loss of every step, and it records no gradients; like bpcore it computes the loss so
that it stays finite, here the cross-entropy from a shifted log-softmax, the way
hand-written classifiers usually do), PyTorch autograd (``backward`` and
``optim.SGD``), PyTorch by hand (the numpy formulas on tensors) and, for document
001's network, plain Python floats (``plain_python.py``).  PyTorch is optional: without it
its rows are left out and the run says so.

The 1.3× target compares like with like: the default ``train`` against numpy by hand (each
keeps the loss of every step, neither a gradient).  Asked to, ``train`` also copies gradients
out of each step; a table of its own shows what that costs.

How it measures: numpy's BLAS and PyTorch use one thread each; every implementation is
warmed up, then runs one block of steps per round, in an order that rotates from round to
round, so that whatever else the machine is doing falls on all of them alike.  A block's
time is the CPU time of this process (``time.process_time``, every thread counted): on an
idle machine that is the elapsed time, and on a shared one it is far steadier (``--wall``
measures elapsed time instead).  Ratios are the median over rounds of the ratio within a
round; times are medians over rounds.  Ratios come first: they carry from one machine to
another, absolute times do not.
"""
import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
              "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_name] = "1"         # before numpy loads, so its BLAS starts with one thread

import argparse  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bpcore  # noqa: E402
from bpcore import examples  # noqa: E402
from plain_python import sgd_steps  # noqa: E402

try:
    import threadpoolctl
except ImportError:
    threadpoolctl = None
try:
    import torch
    torch.set_num_threads(1)
except ImportError:
    torch = None

#: the page whose generated table --write rewrites (between BEGIN and END)
SPEED_PAGE = HERE.parent / "docs" / "speed.md"
BEGIN, END = "<!-- bench_bpcore: begin -->", "<!-- bench_bpcore: end -->"
#: the READMEs, whose short summary table --write rewrites too (between SUMMARY_BEGIN and SUMMARY_END)
READMES = {"en": HERE.parent / "README.md", "zh": HERE.parent / "README.zh-CN.md"}
SUMMARY_BEGIN, SUMMARY_END = "<!-- speed summary: begin -->", "<!-- speed summary: end -->"
HAND, AUTOGRAD, TORCH_HAND = "numpy by hand", "PyTorch autograd", "PyTorch by hand"
TRAIN, TRAIN_AUTO = "`bpcore.train`", "`bpcore.train`, `record_grads=\"auto\"`"


# ---- the workloads ------------------------------------------------------------------
class Workload:
    """A network, its data and its learning rate; ``steps`` is how many steps one block runs."""

    def __init__(self, name, make_net, X, Y, lr, steps):
        self.name, self.make_net, self.X, self.Y, self.lr, self.steps = name, make_net, X, Y, lr, steps
        net = make_net()
        self.W0 = [w.copy() for w in net.W[1:]]
        self.b0 = [b.copy() for b in net.b[1:]]
        self.train_bias, self.softmax = net.train_bias, net.activation[-1] == "softmax"
        self.sizes = net.sizes


def workloads(scale):
    rng = np.random.default_rng(0)
    out = [Workload("document 001 (2-2-2), 1 sample", examples.network_2_2_2,
                    examples.DOC001["x"], examples.DOC001["y"], 0.5, int(1000 * scale))]
    for sizes, points, steps in (([2, 8, 8, 1], 200, 200), ([2, 64, 64, 1], 1000, 20)):
        X = rng.normal(size=(points, 2))
        Y = (X[:, :1] * X[:, 1:] > 0).astype(float)          # which quadrant: an XOR of signs
        out.append(Workload(f"{'-'.join(map(str, sizes))}, {points:,} points",
                            lambda sizes=sizes: bpcore.Network(sizes, seed=0), X, Y, 0.5,
                            max(2, int(steps * scale))))
    X = rng.uniform(0.0, 1.0, size=(64, 784))                  # like 28 x 28 grey levels
    Y = np.eye(10)[rng.integers(0, 10, size=64)]
    out.append(Workload("784-128-10, batch of 64",
                        lambda: bpcore.Network([784, 128, 10], activation=["sigmoid", "softmax"],
                                               loss="cross_entropy", seed=0),
                        X, Y, 0.1, max(2, int(20 * scale))))
    return out


# ---- bpcore ----------------------------------------------------------------------
def bpcore_train(w, **kwargs):
    net = w.make_net()

    def run(steps):
        h = bpcore.train(net, w.X, w.Y, w.lr, steps, **kwargs)
        assert not h.diverged, h.message
    return run


def bpcore_train_each_step(w):
    net = w.make_net()

    def run(steps):
        for _ in range(steps):
            bpcore.train(net, w.X, w.Y, w.lr, 1)
    return run


def bpcore_public(w):
    net = w.make_net()

    def run(steps):
        for _ in range(steps):
            net.step(net.backward(net.forward(w.X), w.Y), w.lr)
    return run


# ---- numpy by hand -------------------------------------------------------------------
def numpy_grads(w, W, b):
    """Loss and gradients of the workload's network at W, b: the formulas, nothing else."""
    X, Y, L = w.X, w.Y, len(W)
    batch = 1 if X.ndim == 1 else len(X)
    n = [X]
    for k in range(L - 1):
        n.append(1.0 / (1.0 + np.exp(-(n[k] @ W[k].T + b[k]))))
    z = n[-1] @ W[-1].T + b[-1]
    if w.softmax:                          # log-softmax, shifted: finite for any z, as bpcore's
        shifted = z - z.max(axis=-1, keepdims=True)
        log_y_hat = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        y_hat = np.exp(log_y_hat)
        loss = -(Y * log_y_hat).sum() / batch
        d = (y_hat - Y) / batch
    else:
        y_hat = 1.0 / (1.0 + np.exp(-z))
        loss = 0.5 * ((Y - y_hat) ** 2).sum() / batch
        d = (y_hat - Y) * y_hat * (1.0 - y_hat) / batch
    dW, db = [None] * L, [None] * L
    for k in range(L - 1, -1, -1):
        dW[k] = np.outer(d, n[k]) if X.ndim == 1 else d.T @ n[k]
        db[k] = d.sum(axis=0)
        if k:
            d = (d @ W[k]) * n[k] * (1.0 - n[k])
    return loss, dW, db


def numpy_by_hand(w):
    W, b = [a.copy() for a in w.W0], [a.copy() for a in w.b0]

    def run(steps):
        losses = np.empty(steps)                     # the loss curve, as train's History keeps it
        for t in range(steps):
            losses[t], dW, db = numpy_grads(w, W, b)
            for k in range(len(W)):
                W[k] -= w.lr * dW[k]
                if w.train_bias:
                    b[k] -= w.lr * db[k]
    return run


# ---- PyTorch ------------------------------------------------------------------------
def torch_tensors(w, grad):
    W = [torch.tensor(a, requires_grad=grad) for a in w.W0]
    b = [torch.tensor(a, requires_grad=grad and w.train_bias) for a in w.b0]
    return W, b, torch.tensor(w.X), torch.tensor(w.Y)


def torch_loss(w, W, b, X, Y):
    n = X
    for k in range(len(W) - 1):
        n = torch.sigmoid(n @ W[k].T + b[k])
    z = n @ W[-1].T + b[-1]
    if w.softmax:
        return -(Y * torch.log_softmax(z, dim=-1)).sum(dim=-1).mean()
    return 0.5 * ((Y - torch.sigmoid(z)) ** 2).sum(dim=-1).mean()


def torch_autograd(w):
    W, b, X, Y = torch_tensors(w, grad=True)
    opt = torch.optim.SGD(W + (b if w.train_bias else []), lr=w.lr)

    def run(steps):
        for _ in range(steps):
            opt.zero_grad()
            torch_loss(w, W, b, X, Y).backward()
            opt.step()
    return run


def torch_hand_grads(w, W, b, X, Y):
    L = len(W)
    batch = 1 if X.ndim == 1 else len(X)
    n = [X]
    for k in range(L - 1):
        n.append(torch.sigmoid(n[k] @ W[k].T + b[k]))
    z = n[-1] @ W[-1].T + b[-1]
    if w.softmax:
        log_y_hat = torch.log_softmax(z, dim=-1)
        y_hat = torch.exp(log_y_hat)
        loss = -(Y * log_y_hat).sum() / batch
        d = (y_hat - Y) / batch
    else:
        y_hat = torch.sigmoid(z)
        loss = 0.5 * ((Y - y_hat) ** 2).sum() / batch
        d = (y_hat - Y) * y_hat * (1.0 - y_hat) / batch
    dW, db = [None] * L, [None] * L
    for k in range(L - 1, -1, -1):
        dW[k] = torch.outer(d, n[k]) if X.ndim == 1 else d.T @ n[k]
        db[k] = d.sum(dim=0)
        if k:
            d = (d @ W[k]) * n[k] * (1.0 - n[k])
    return loss, dW, db


def torch_by_hand(w):
    W, b, X, Y = torch_tensors(w, grad=False)

    def run(steps):
        for _ in range(steps):
            _, dW, db = torch_hand_grads(w, W, b, X, Y)
            for k in range(len(W)):
                W[k] -= w.lr * dW[k]
                if w.train_bias:
                    b[k] -= w.lr * db[k]
    return run


# ---- plain Python (document 001 only) ---------------------------------------------------
def plain_python(w):
    W = [a.tolist() for a in w.W0]
    b = [[float(a[0])] * len(wk) for a, wk in zip(w.b0, w.W0)]    # the shared bias, per unit
    x, y = w.X.tolist(), w.Y.tolist()
    return lambda steps: sgd_steps(W, b, x, y, w.lr, steps)


# ---- do the gradients agree? ----------------------------------------------------------
def agreement(w):
    """Largest |difference| between bpcore's first gradient and each other one, relative to
    the largest |gradient|: the implementations compute the same thing."""
    net = w.make_net()
    grads = net.backward(net.forward(w.X), w.Y)
    ours = np.concatenate([g.ravel() for g in grads.dW[1:]])
    scale = np.abs(ours).max()
    out = {HAND: np.concatenate([g.ravel() for g in numpy_grads(w, w.W0, w.b0)[1]])}
    if torch is not None:
        W, b, X, Y = torch_tensors(w, grad=True)
        torch_loss(w, W, b, X, Y).backward()
        out[AUTOGRAD] = np.concatenate([p.grad.numpy().ravel() for p in W])
        Wh, bh, X, Y = torch_tensors(w, grad=False)
        out[TORCH_HAND] = np.concatenate([g.numpy().ravel() for g in torch_hand_grads(w, Wh, bh, X, Y)[1]])
    return {name: float(np.abs(g - ours).max() / scale) for name, g in out.items()}


# ---- measuring -------------------------------------------------------------------------
def implementations(w):
    impls = {TRAIN: bpcore_train(w),
             TRAIN_AUTO: bpcore_train(w, record_grads="auto"),
             "`bpcore.train`, `record_grads=True`": bpcore_train(w, record_grads=True),
             "`bpcore.train`, one call per step": bpcore_train_each_step(w),
             "`net.forward / backward / step`": bpcore_public(w),
             HAND: numpy_by_hand(w)}
    if torch is not None:
        impls[AUTOGRAD] = torch_autograd(w)
        impls[TORCH_HAND] = torch_by_hand(w)
    if w.X.ndim == 1:
        impls["plain Python floats"] = plain_python(w)
    return impls


def measure(w, rounds, clock):
    """{implementation: [seconds per step in each round]}, the rounds interleaved."""
    impls = implementations(w)
    names = list(impls)
    for run in impls.values():                         # warm-up: caches, allocator, lazy imports
        run(w.steps)
    times = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            start = clock()
            impls[name](w.steps)
            times[name].append((clock() - start) / w.steps)
    return times


def ratio(times, name, ref):
    """Median over rounds of time(name) / time(ref), or None if either is missing."""
    if name not in times or ref not in times:
        return None
    return statistics.median(a / b for a, b in zip(times[name], times[ref]))


def fmt_ratio(value):
    if value is None:
        return "—"
    return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


def fmt_time(seconds):
    us = seconds * 1e6
    if us >= 1000:
        return f"{us / 1000:.2f} ms"
    return f"{us:.1f} µs" if us < 100 else f"{us:.0f} µs"


def machine():
    blas = "BLAS pinned to 1 thread by environment variables"
    if threadpoolctl is not None:
        threadpoolctl.threadpool_limits(1)
        libs = ", ".join(f"{i['internal_api']} {i['num_threads']} thread" for i in threadpoolctl.threadpool_info())
        blas = f"BLAS: {libs}"
    torch_text = f"PyTorch {torch.__version__} (1 thread)" if torch is not None else "PyTorch not installed"
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"numpy {np.__version__}, {torch_text}; {blas}")


TARGETS = []     # (text, measured value, limit), filled by report()
RECORDING = []   # (workload, gradients "auto" records a step, "auto" / hand, "auto" / default)
SUMMARY = []     # (workload, default / hand, "auto" / hand, default / autograd), for the READMEs


def report(w, times, agree):
    rows = []
    for name, series in times.items():
        rows.append((name, ratio(times, name, HAND), ratio(times, name, AUTOGRAD),
                     ratio(times, name, TORCH_HAND), statistics.median(series)))
    # like with like: the default train, recording no gradient, against the hand loop, which records
    # none; both keep the loss of every step.  What recording costs is its own table.
    TARGETS.append((f"{w.name}: `train` / numpy by hand", ratio(times, TRAIN, HAND), 1.3))
    if w.X.ndim == 1:
        TARGETS.append((f"{w.name}: `net.forward / backward / step` / numpy by hand",
                        ratio(times, "`net.forward / backward / step`", HAND), 2.0))
        TARGETS.append((f"{w.name}: `train` / PyTorch autograd (at least 5× faster)",
                        ratio(times, TRAIN, AUTOGRAD), 0.2))
    if w.sizes == [784, 128, 10]:
        TARGETS.append((f"{w.name}: `train` / PyTorch autograd (no slower)",
                        ratio(times, TRAIN, AUTOGRAD), 1.0))
    names = len(w.make_net().names)
    recorded = names if names <= bpcore.training.RECORD_ALL_LIMIT else 0
    RECORDING.append((w.name, recorded, ratio(times, TRAIN_AUTO, HAND), ratio(times, TRAIN_AUTO, TRAIN)))
    SUMMARY.append((w.name, ratio(times, TRAIN, HAND), ratio(times, TRAIN_AUTO, HAND),
                    ratio(times, TRAIN, AUTOGRAD)))
    return rows, agree


def markdown(results, rounds, clock_name):
    lines = ["| workload | implementation | vs numpy by hand | vs PyTorch autograd | vs PyTorch by hand "
             "| time per step |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for w, (rows, _) in results:
        for i, (name, r_hand, r_auto, r_th, seconds) in enumerate(rows):
            label = f"{w.name} ({w.steps:,} steps a call)" if i == 0 else ""
            lines.append(f"| {label} | {name} | {fmt_ratio(r_hand)} | {fmt_ratio(r_auto)} | {fmt_ratio(r_th)} "
                         f"| {fmt_time(seconds)} |")
    lines += ["", f"Medians over {rounds} interleaved rounds of {clock_name}, on {machine()}.", "",
              "| target | measured | limit | |", "| --- | ---: | ---: | --- |"]
    for text, value, limit in TARGETS:
        verdict = "—" if value is None else ("met" if value <= limit else "**missed**")
        lines.append(f"| {text} | {fmt_ratio(value)} | ≤ {limit}× | {verdict} |")
    lines += ["", "What recording costs: with `record_grads=\"auto\"`, `train` also copies every gradient of a "
              f"network with at most {bpcore.training.RECORD_ALL_LIMIT} parameters out of each step (none of a "
              "larger one), which the hand-written loop does not do.", "",
              "| workload | gradients recorded a step | `\"auto\"` / numpy by hand "
              "| `\"auto\"` / default `train` |", "| --- | ---: | ---: | ---: |"]
    for name, recorded, r_hand, r_own in RECORDING:
        lines.append(f"| {name} | {recorded:,} | {fmt_ratio(r_hand)} | {fmt_ratio(r_own)} |")
    worst = {}
    for w, (_, agree) in results:
        for name, value in agree.items():
            worst[name] = max(worst.get(name, 0.0), value)
    lines += ["", "Largest difference from bpcore's gradients at the starting weights, relative to the "
              "largest gradient, over the four workloads: "
              + ", ".join(f"{name} {value:.1e}" for name, value in worst.items()) + "."]
    if torch is None:
        lines += ["", "PyTorch is not installed, so its columns are empty; "
                  "`pip install torch` in the virtual environment to compare."]
    return "\n".join(lines)


#: the READMEs' summary table, in each edition's language
SUMMARY_HEAD = {
    "en": "| network | `train` / numpy by hand | `train`, `record_grads=\"auto\"` / numpy by hand "
          "| `train` / PyTorch autograd |",
    "zh": "| 网络 | `train` / 手写 numpy | `train`，`record_grads=\"auto\"` / 手写 numpy "
          "| `train` / PyTorch autograd |",
}
WORKLOAD_ZH = (("document 001 (2-2-2), 1 sample", "文档 001（2-2-2），1 个样本"),
               (", batch of 64", "，每批 64 个"), (" points", " 个点"), (", ", "，"))


def summary(lang):
    """The READMEs' short table: one row per workload, the ratios only."""
    lines = [SUMMARY_HEAD[lang], "| --- | ---: | ---: | ---: |"]
    for name, default, auto, autograd in SUMMARY:
        if lang == "zh":
            for en, zh in WORKLOAD_ZH:
                name = name.replace(en, zh)
        lines.append(f"| {name} | {fmt_ratio(default)} | {fmt_ratio(auto)} | {fmt_ratio(autograd)} |")
    return "\n".join(lines)


def rewrite_block(page, begin, end, text):
    """Replace the block between ``begin`` and ``end`` in ``page`` with ``text``."""
    old = page.read_text(encoding="utf-8")
    if begin not in old or end not in old:
        sys.exit(f"{page.name} has no {begin} ... {end} block to rewrite")
    block = f"{begin}\n{text}\n{end}"
    page.write_text(re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, old, flags=re.S),
                    encoding="utf-8")
    print(f"({page.relative_to(HERE.parent).as_posix()}: the table rewritten)")


# ---- where the public path's time goes (document 001) ------------------------------------
def breakdown(rounds, clock, calls=2000):
    """Per call, the median over interleaved rounds: each public method and the engine
    function it calls (the same work without the argument checks), on document 001."""
    from bpcore import engine
    net, full, stepper, trained = (examples.network_2_2_2() for _ in range(4))
    x, y, lr = examples.DOC001["x"], examples.DOC001["y"], examples.DOC001["lr"]
    trace = net.forward(x)
    grads = net.backward(trace, y)
    rows, xs, ys = [v[None] for v in trace.n], x[None], y[None]      # the engine's rows
    tiny = 1e-300          # step with a learning rate that leaves the weights as they are
    parts = {
        "one public step: forward, backward, step": lambda: full.step(full.backward(full.forward(x), y), tiny),
        "`bpcore.train`, per step (500 steps a call)": None,
        "`net.forward(x)`": lambda: net.forward(x),
        "  of which `engine.forward` (no checks)": lambda: engine.forward(net.W, net.b, net.f, xs),
        "`net.backward(trace, y)`": lambda: net.backward(trace, y),
        "  of which `engine.backward` (no checks)": lambda: engine.backward(net.W, rows, ys, net.dL_dy_hat,
                                                                            net.f_prime, True),
        "`net.step(grads, lr)`": lambda: stepper.step(grads, tiny),
        "  of which `engine.step` (no checks)": lambda: engine.step(stepper.W, stepper.b, grads.dW, grads.db,
                                                                    tiny, 0.0, False),
        "the checks of x (or y): `check_x`": lambda: net.check_x(x),
    }
    best = {name: [] for name in parts}
    for r in range(rounds):
        for name, fn in parts.items():
            start = clock()
            if fn is None:
                bpcore.train(trained, x, y, lr, 500)
                best[name].append((clock() - start) / 500)
                continue
            for _ in range(calls):
                fn()
            best[name].append((clock() - start) / calls)
    median = {name: statistics.median(t) for name, t in best.items()}
    step = median["one public step: forward, backward, step"]
    train = median["`bpcore.train`, per step (500 steps a call)"]
    print(f"\nWhere the public path's time goes, document 001, per call (median of {rounds} rounds):")
    for name, t in median.items():
        print(f"  {name.replace('`', ''):46} {t * 1e6:7.2f} µs")
    print(f"  public step / train: {step / train:.2f}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer and shorter rounds (noisier)")
    parser.add_argument("--rounds", type=int, help="rounds per workload (default 25, 5 with --quick)")
    parser.add_argument("--write", "--readme", dest="write", action="store_true",
                        help="rewrite the table in docs/speed.md and the READMEs' summary from this run "
                             "(--readme: the old name)")
    parser.add_argument("--only", metavar="TEXT", help="only the workloads whose name contains TEXT")
    parser.add_argument("--wall", action="store_true", help="time elapsed time, not this process's CPU time")
    parser.add_argument("--breakdown", action="store_true",
                        help="only where the public forward/backward/step's time goes, per call")
    args = parser.parse_args(argv)
    rounds = args.rounds or (5 if args.quick else 25)
    clock, clock_name = ((time.perf_counter, "elapsed time") if args.wall
                         else (time.process_time, "CPU time (this process)"))
    if args.breakdown:
        print(machine(), "|", clock_name)
        return breakdown(rounds, clock)
    print(machine(), "|", clock_name)
    if torch is None:
        print("PyTorch is not installed: its columns are left out.")
    results = []
    for w in workloads(0.25 if args.quick else 1.0):
        if args.only and args.only not in w.name:
            continue
        agree = agreement(w)
        times = measure(w, rounds, clock)
        rows, _ = report(w, times, agree)
        results.append((w, (rows, agree)))
        print(f"\n{w.name}, {w.steps:,} steps a block, gradients vs bpcore: "
              + ", ".join(f"{k} {v:.1e}" for k, v in agree.items()))
        print(f"  {'implementation':42} {'/hand':>8} {'/autograd':>10} {'/torch hand':>12} {'per step':>11}")
        for name, r_hand, r_auto, r_th, seconds in rows:
            print(f"  {name.replace('`', ''):42} {fmt_ratio(r_hand):>8} {fmt_ratio(r_auto):>10} "
                  f"{fmt_ratio(r_th):>12} {fmt_time(seconds):>11}")
    text = markdown(results, rounds, clock_name)
    print("\n---- Markdown for docs/speed.md ----\n")
    print(text)
    if args.write:
        if args.only or args.quick:
            sys.exit("--write needs a full run (no --quick, no --only)")
        rewrite_block(SPEED_PAGE, BEGIN, END, text)
        for lang, page in READMES.items():
            rewrite_block(page, SUMMARY_BEGIN, SUMMARY_END, summary(lang))


if __name__ == "__main__":
    main()
