"""Training loops: repeat forward, backward and step, and keep a history.

Notebook 01's dashboard and notebook 03's playground draw from ``History``.
"""
import numpy as np

from . import checks, scalar
from .network import Network


class History:
    """What ``train`` recorded: ``loss[t]`` and ``grads[name][t]`` before step t.

    ``diverged`` is True if training stopped because a step would have made the
    loss or the weights inf or NaN (the weights are then the last good ones).
    """

    def __init__(self, loss, grads, diverged=False, message=""):
        self.loss, self.grads, self.diverged, self.message = loss, grads, diverged, message

    def __len__(self):
        return len(self.loss)

    def __repr__(self):
        last = f", last loss {self.loss[-1]:.6g}" if len(self.loss) else ""
        return f"History({len(self.loss)} steps{last}{', diverged' if self.diverged else ''})"


class Shuffled:
    """Indices 0..n-1 in shuffled passes: ``take(k)`` gives the next k, and a new
    permutation (from ``rng``) starts when the current pass has fewer than k left."""

    def __init__(self, n, rng):
        self.n, self.rng, self.order, self.cursor = n, rng, None, 0

    def take(self, k):
        if self.order is None or self.cursor + k > self.n:
            self.order, self.cursor = self.rng.permutation(self.n), 0
        idx = self.order[self.cursor:self.cursor + k]
        self.cursor += k
        return idx


def train(net, X, Y, lr, steps, weight_decay=0.0, batch_size=None, seed=0, record_grads=True):
    """Train ``net`` in place by gradient descent and return a ``History``.

    X: (n_in,) or (batch, n_in); Y: the matching targets.  With ``batch_size``
    None every step uses all samples (for one sample, this is the documents'
    single-sample update); otherwise each step uses ``batch_size`` samples drawn
    in shuffled order from ``seed``.  ``record_grads=False`` keeps only the loss.
    One sample on a small network runs on Python floats (``scalar.py``): same
    numbers, a few times faster there.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a bpcore.Network, got {type(net).__name__}")
    X = net._check_x(X, "X")
    trace_shape = (net.sizes[-1],) if X.ndim == 1 else (len(X), net.sizes[-1])
    Y = net._check_y(Y, trace_shape, "Y")
    lr = checks.positive_number(lr, "lr")
    steps = checks.steps(steps, "steps")
    weight_decay = checks.nonnegative_number(weight_decay, "weight_decay")
    if batch_size is not None:
        batch_size = checks.positive_int(batch_size, "batch_size")
        if X.ndim == 1 or batch_size > len(X):
            raise ValueError(f"batch_size must be at most the number of samples, got {batch_size}")
    if scalar.supports(net, X, batch_size):
        losses, grads_log, message = scalar.train_one_sample(net, X, Y, lr, steps, weight_decay, record_grads)
        return History(np.array(losses), {k: np.array(v) for k, v in grads_log.items()}, bool(message), message)
    rng = np.random.default_rng(seed)
    with np.errstate(over="ignore", invalid="ignore"):
        return _loop(net, X, Y, lr, steps, weight_decay, batch_size, rng, record_grads)


def _loop(net, X, Y, lr, steps, weight_decay, batch_size, rng, record_grads):
    losses = np.empty(steps)
    grads_log = {name: np.empty(steps) for name in net.names} if record_grads else {}
    where = [(name, (net.names[name][0] == "W"), net.names[name][1], net.names[name][2])
             for name in grads_log]
    batches = Shuffled(len(X), rng) if batch_size is not None else None
    for t in range(steps):
        if batches is None:
            xb, yb = X, Y
        else:
            idx = batches.take(batch_size)
            xb, yb = X[idx], Y[idx]
        grads = net._backward(net._forward(xb), yb)
        if not np.isfinite(grads.loss):
            return History(losses[:t], {k: v[:t] for k, v in grads_log.items()}, True,
                           f"the loss became {grads.loss} at step {t}; try a smaller lr")
        losses[t] = grads.loss
        for name, is_w, k, index in where:
            grads_log[name][t] = (grads.dW if is_w else grads.db)[k][index]
        try:
            net._step(grads, lr, weight_decay)
        except ValueError as exc:
            return History(losses[:t + 1], {k: v[:t + 1] for k, v in grads_log.items()}, True, str(exc))
    return History(losses, grads_log)
