"""What the argument checks cost: the public forward/backward/step against the same
steps without checks (``bpcore.engine``'s three functions, which the public methods and
``train`` call) and against ``train``, on document 001's network, one sample.

    .venv/bin/python benchmarks/bench_checks.py

Each figure is the best of many short rounds, interleaved, so that a busy machine
slows every row alike.  Prints microseconds per step.
"""
import timeit

import numpy as np

import bpcore
from bpcore import engine, examples

ROUNDS, N = 40, 500


def main():
    net, trained = examples.network_2_2_2(), examples.network_2_2_2()
    x, y = np.array([0.05, 0.10]), np.array([0.01, 0.99])
    xs, ys = x[None], y[None]                      # the engine's rows: one sample, one row
    X = np.random.default_rng(0).normal(size=(200, 2))

    def internal():
        _, n = engine.forward(net.W, net.b, net.f, xs)
        _, dW, db = engine.backward(net.W, n, ys, net.dL_dy_hat, net.f_prime, net.shared_bias)
        engine.step(net.W, net.b, dW, db, 0.5, 0.0, net.train_bias)

    rows = {
        "public forward/backward/step, ndarrays": lambda: net.step(net.backward(net.forward(x), y), 0.5),
        "public forward/backward/step, lists": lambda: net.step(net.backward(net.forward([0.05, 0.10]),
                                                                             [0.01, 0.99]), 0.5),
        "no checks (bpcore.engine)": internal,
        "train, per step": lambda: bpcore.train(trained, x, y, 0.5, N),
        "check_x, x of shape (2,)": lambda: net.check_x(x),
        "check_x, X of shape (200, 2)": lambda: net.check_x(X, "X"),
    }
    best = {}
    for _ in range(ROUNDS):
        for name, f in rows.items():
            once = name.startswith("train")
            t = timeit.timeit(f, number=1 if once else N) / N
            best[name] = min(best.get(name, float("inf")), t)
    for name, t in best.items():
        print(f"| {name} | {t * 1e6:.2f} µs |")
    checks = best["public forward/backward/step, ndarrays"] - best["no checks (bpcore.engine)"]
    ratio = best["public forward/backward/step, ndarrays"] / best["train, per step"]
    print(f"\nthe checks add {checks * 1e6:.1f} µs a step; public path / train = {ratio:.2f}")


if __name__ == "__main__":
    main()
