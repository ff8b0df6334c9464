"""The training loop: repeat forward, backward and step (engine.py), and keep a history."""
import functools
import math
from collections.abc import Mapping

import numpy as np

from . import checks, engine
from .network import Network

#: record_grads="auto" records every gradient up to this many parameters (the documents'
#: networks have 10 and 20), none above: a chart of more curves cannot be read anyway.
RECORD_ALL_LIMIT = 128


class History:
    """What ``train`` recorded: ``loss[t]`` and ``grads[name][t]`` before step t, for the
    names ``record_grads`` chose; ``diverged`` and ``message`` if training stopped early."""

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


#: the penalties ``train`` takes: L2 ((λ/2) Σ W², weight decay) and L1 (λ Σ |W|); biases never get one
PENALTIES = tuple(engine.PENALTY_PRIME)


def train(net, X, Y, lr, steps, weight_decay=0.0, batch_size=None, seed=0, record_grads=False,
          batches=None, penalty="L2"):
    """Train ``net`` in place by gradient descent and return a ``History``: the one
    training loop, of ``engine.forward``, ``backward`` and ``step``.

    X: (n_in,) or (batch, n_in); Y: the matching targets.  With ``batch_size`` None every
    step uses all samples; otherwise ``batch_size`` samples in shuffled order from ``seed``,
    or from ``batches`` (a ``Shuffled``) to carry one order on across calls.
    record_grads: which gradients ``History.grads`` keeps, step by step: none (False, the
    default: the loop then does what numpy by hand would), a list of names, True (every one) or
    "auto" (every one of a network with at most ``RECORD_ALL_LIMIT`` parameters, else none).
    weight_decay: the penalty's rate λ (0: none); penalty: "L2" (the default, so that
    ``weight_decay=`` is weight decay, (λ/2) Σ W²) or "L1" (λ Σ |W|: see ``engine.step``).
    ``History.loss`` is the data's loss, without the penalty.
    A step that would make the loss or a weight inf or NaN stops training at the last
    good weights, with ``History.diverged`` set.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a bpcore.Network, got {type(net).__name__}")
    X, Y = net.check_data(X, Y)
    lr = checks.positive_number(lr, "lr")
    steps = checks.steps(steps, "steps")
    weight_decay = checks.nonnegative_number(weight_decay, "weight_decay")
    penalty = checks.one_of(penalty, "penalty", PENALTIES)
    seed = checks.seed(seed, "seed")
    if batch_size is not None:
        batch_size = checks.positive_int(batch_size, "batch_size")
        if X.ndim == 1 or batch_size > len(X):
            raise ValueError(f"batch_size must be at most the number of samples, got {batch_size}")
        if batches is None:
            batches = Shuffled(len(X), np.random.default_rng(seed))
        elif not isinstance(batches, Shuffled) or batches.n != len(X):
            raise TypeError(f"batches must be a Shuffled over the {len(X)} samples, got {batches!r:.60}")
    plan = _recording_plan(net, record_grads)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _loop(net, X, Y, lr, steps, weight_decay, batch_size, batches, plan, penalty)


def _loop(net, X, Y, lr, steps, weight_decay, batch_size, batches, plan, penalty):
    losses, log = np.empty(steps), plan.new_log(steps)
    W, b, f, f_prime, dL_dy_hat, mean_loss = net.W, net.b, net.f, net.f_prime, net.dL_dy_hat, net.mean_loss
    shared_bias, train_bias, record = net.shared_bias, net.train_bias, plan.record if plan.groups else None
    x, y = (X, Y) if X.ndim == 2 else (X[None], Y[None])      # one sample: a batch of one row
    try:
        for t in range(steps):
            if batch_size is not None:
                idx = batches.take(batch_size)
                x, y = X[idx], Y[idx]
            z, n = engine.forward(W, b, f, x)
            loss = mean_loss(z[-1], n[-1], y)
            if not math.isfinite(loss):
                return History(losses[:t], plan.columns(log, t), True,
                               f"the loss became {loss} at step {t}; try a smaller lr")
            losses[t] = loss
            delta, dW, db = engine.backward(W, n, y, dL_dy_hat, f_prime, shared_bias)
            if record:
                record(log[t], dW, db)
            try:
                engine.step(W, b, dW, db, lr, weight_decay, train_bias, penalty)
            except OverflowError:
                return History(losses[:t + 1], plan.columns(log, t + 1), True,
                               f"lr = {lr!r} makes the weights overflow to inf or NaN; try a smaller lr")
            del z, n, delta, dW, db      # free this step's arrays: the next step reuses the warm memory
    finally:
        net.mark_changed()              # the weights changed: older traces no longer fit
    return History(losses, plan.columns(log, steps))


# ---- recording: which gradients, copied how ---------------------------------------
class _Plan:
    """Where each recorded gradient sits: the names, and for each array dW[k] or db[k]
    that holds some of them, the flat positions to copy and the columns they go to."""

    def __init__(self, all_names, names):
        self.names = tuple(names)
        (sizes, shared), where = all_names.shape, {}        # ("W" or "b", k) -> [(flat position, column)]
        for column, name in enumerate(self.names):
            kind, k, index = all_names[name]
            flat = index[0] * sizes[k - 1] + index[1] if kind == "W" else index[0]   # row-major
            where.setdefault((kind, k), []).append((flat, column))
        order, self.groups, start = [], [], 0
        for (kind, k), pairs in where.items():
            positions = np.array([p for p, _ in pairs])
            size = sizes[k] * sizes[k - 1] if kind == "W" else (1 if shared else sizes[k])
            whole = len(positions) == size and (positions == np.arange(size)).all()
            self.groups.append((kind == "W", k, None if whole else positions, start, start + len(pairs)))
            order += [c for _, c in pairs]
            start += len(pairs)
        self.column_of = dict(zip((self.names[c] for c in order), range(len(order))))

    def new_log(self, steps):
        """An empty (steps, number of names) array for ``record`` to fill, row by row."""
        return np.empty((steps, len(self.names)))

    def record(self, row, dW, db):
        """Copy this step's chosen gradients into ``row`` (one numpy call per array)."""
        for is_w, k, positions, a, b in self.groups:
            source = (dW if is_w else db)[k]
            if positions is None:
                row[a:b] = source.ravel()
            else:
                np.take(source, positions, out=row[a:b], mode="clip")

    def columns(self, log, steps):
        """The first ``steps`` rows of ``log`` as {name: gradients}."""
        return _Columns(self, log[:steps])


class _Columns(Mapping):
    """{name: the gradient at every step} over one 2-D array, without a copy per name."""

    def __init__(self, plan, log):
        self._plan, self._log = plan, log

    def __getitem__(self, name):
        return self._log[:, self._plan.column_of[name]]

    def __iter__(self):
        return iter(self._plan.names)

    def __len__(self):
        return len(self._plan.names)

    def __repr__(self):
        names = self._plan.names
        shown = ", ".join(names[:8]) + (f", ... ({len(names)} names)" if len(names) > 8 else "")
        return f"{{{shown}: {len(self._log)} steps each}}"


def _recording_plan(net, record_grads):
    """The ``_Plan`` for ``record_grads`` (checked here), reused while net.names is unchanged."""
    if record_grads is True or record_grads is False or isinstance(record_grads, str):
        if isinstance(record_grads, str) and record_grads != "auto":
            raise ValueError(f"record_grads must be 'auto', True, False or a list of parameter "
                             f"names, got {record_grads!r}")
        choice = record_grads
    else:
        try:
            choice = tuple(record_grads)
        except TypeError:
            raise TypeError(f"record_grads must be 'auto', True, False or a list of parameter names, "
                            f"got {type(record_grads).__name__} {record_grads!r}") from None
        for name in choice:
            if not isinstance(name, str):
                raise TypeError(f"record_grads must list parameter names (strings), got {name!r}")
            if name not in net.names:
                some = ", ".join(list(net.names)[:10])
                raise ValueError(f"record_grads names {name!r}, which is not a parameter of this "
                                 f"network; it has: {some}, ...")
    return _plan(net.names, choice)


@functools.lru_cache(maxsize=16)        # the same names and choice: the same plan
def _plan(names, choice):
    if choice == "auto":
        choice = len(names) <= RECORD_ALL_LIMIT
    return _Plan(names, (list(names) if choice else []) if isinstance(choice, bool) else dict.fromkeys(choice))
