"""The same training loop with Python floats, one number at a time.

This is back-propagation exactly as document 001 writes it out: each z is a sum
of weight * input, each delta a product of scalars.  ``train`` uses it for one
sample on a small network, where numpy's cost per call (about a microsecond,
whatever the array's size) outweighs the arithmetic itself; the tests check it
against the numpy path step for step.
"""
import math
from operator import mul, sub

import numpy as np


def _sigmoid(z, exp=math.exp):
    if z >= 0:
        return 1.0 / (1.0 + exp(-z))
    e = exp(z)
    return e / (1.0 + e)


def _relu(z):
    return z if z > 0 else 0.0


def _identity(z):
    return z


#: name -> (f, f' given n = f(z)); only elementwise activations.
SCALAR_ACTIVATIONS = {
    "sigmoid": (_sigmoid, lambda n: n * (1.0 - n)),
    "tanh": (math.tanh, lambda n: 1.0 - n * n),
    "relu": (_relu, lambda n: 1.0 if n > 0 else 0.0),
    "identity": (_identity, lambda n: 1.0),
}

#: the most weights for which ``train`` takes this path
MAX_WEIGHTS = 64


def fits(net):
    """True if floats can run ``net``: elementwise activations, loss "half_sse" or "bce",
    at most MAX_WEIGHTS weights."""
    return (net.loss_name in ("half_sse", "bce") and all(a in SCALAR_ACTIVATIONS for a in net.activation)
            and sum(w.size for w in net.W[1:]) <= MAX_WEIGHTS)


def supports(net, X, batch_size):
    """True if ``train`` may use the scalar loop for this network and data."""
    return X.ndim == 1 and batch_size is None and fits(net)


def functions(net):
    """(f per layer, f' per layer) as scalar functions, index k = 1..L as in the
    network (None at 0), if ``fits(net)``; else None."""
    if not fits(net):
        return None
    return ([None] + [SCALAR_ACTIVATIONS[a][0] for a in net.activation],
            [None] + [SCALAR_ACTIVATIONS[a][1] for a in net.activation])


def _softplus(z):
    return z + math.log1p(math.exp(-z)) if z > 0 else math.log1p(math.exp(z))


def train_one_sample(net, x, y, lr, steps, weight_decay, plan):
    """Train ``net`` on one sample (x, y) for ``steps`` steps; the weights are written
    back at the end.  ``plan`` says which gradients to record (``training._Plan``).
    Returns (losses, {name: gradients}, message); message is "" unless a step would
    have made a weight or the loss inf or NaN.

    Each weight moves by d = lr (g + weight_decay w), w <- w - d, in the same order of
    operations as ``Network._step``, and a step is refused by the same test: the sum
    of every d squared must be finite.
    """
    L = net.L
    W = [None] + [w.tolist() for w in net.W[1:]]
    b = [None] + [bk.tolist() for bk in net.b[1:]]
    f, fp = functions(net)
    x, y = x.tolist(), y.tolist()
    shared, train_bias, bce = net.shared_bias, net.train_bias, net.loss_name == "bce"
    losses = []
    # What recording needs, kept as flat lists of floats (lists of lists would make
    # Python's garbage collector walk them all, again and again, as they grow):
    kept_delta = {k: [] for _, k, _, _, _ in plan.groups}                  # delta[k] of every step
    kept_n = {k - 1: [] for is_w, k, _, _, _ in plan.groups if is_w}        # n[k-1] of every step
    message = ""
    for t in range(steps):
        n, z = [x], [None]
        for k in range(1, L + 1):
            prev, bk, fk = n[-1], b[k], f[k]
            if shared:
                zk = [sum(map(mul, row, prev)) + bk[0] for row in W[k]]
            else:
                zk = [sum(map(mul, row, prev)) + bi for row, bi in zip(W[k], bk)]
            z.append(zk)
            n.append(list(map(fk, zk)))
        out = n[L]
        if bce:
            loss = sum(_softplus(v) - t_ * v for v, t_ in zip(z[L], y))
            delta = [o - t_ for o, t_ in zip(out, y)]
        else:
            loss = 0.5 * sum((t_ - o) * (t_ - o) for o, t_ in zip(out, y))
            delta = [(o - t_) * g for o, t_, g in zip(out, y, map(fp[L], out))]
        if not math.isfinite(loss):
            message = f"the loss became {loss} at step {t}; try a smaller lr"
            break
        new_W, new_b, deltas = [None] * (L + 1), [None] * (L + 1), [None] * (L + 1)
        total = 0.0                        # the sum of every update squared
        for k in range(L, 0, -1):
            prev, Wk = n[k - 1], W[k]
            deltas[k] = delta
            if weight_decay:
                d = [[(dl * p + weight_decay * w) * lr for w, p in zip(row, prev)] for row, dl in zip(Wk, delta)]
            else:
                d = [[dl * p * lr for p in prev] for dl in delta]
            new_W[k] = [list(map(sub, row, dk)) for row, dk in zip(Wk, d)]
            total += sum(sum(map(mul, dk, dk)) for dk in d)
            if train_bias:
                db = [sum(delta) * lr] if shared else [dl * lr for dl in delta]
                new_b[k] = list(map(sub, b[k], db))
                total += sum(map(mul, db, db))
            else:
                new_b[k] = b[k]
            if k > 1:                      # delta of layer k-1, through the old W[k]
                delta = [sum(map(mul, col, delta)) * g for col, g in zip(zip(*Wk), map(fp[k - 1], prev))]
        losses.append(loss)
        for k, flat in kept_delta.items():
            flat.extend(deltas[k])
        for k, flat in kept_n.items():
            flat.extend(n[k])
        if not math.isfinite(total):       # keep the last good weights
            message = f"lr = {lr} makes the weights overflow to inf or NaN; try a smaller lr"
            break
        W, b = new_W, new_b
    for k in range(1, L + 1):
        net.W[k][...] = W[k]
        net.b[k][...] = b[k]
    net._version += 1
    return losses, _recorded(plan, kept_delta, kept_n, len(losses), shared), message


def _recorded(plan, kept_delta, kept_n, steps, shared):
    """The chosen gradients of every step, from the deltas and outputs kept:
    dW[k] = delta[k] n[k-1]^T and db[k] = delta[k] (summed for a shared bias)."""
    log = plan.new_log(steps)
    if steps == 0:
        return plan.columns(log, 0)
    delta = {k: np.array(flat).reshape(steps, -1) for k, flat in kept_delta.items()}
    n = {k: np.array(flat).reshape(steps, -1) for k, flat in kept_n.items()}
    for is_w, k, positions, a, b in plan.groups:
        if is_w:
            g = (delta[k][:, :, None] * n[k - 1][:, None, :]).reshape(steps, -1)
        else:
            # a shared bias's gradient is sum(delta), added left to right as the loop
            # adds it (numpy's own sum pairs terms another way from 8 on); + 0.0 as
            # Python's sum, which starts from 0, never gives -0.0
            g = np.cumsum(delta[k], axis=1)[:, -1:] + 0.0 if shared else delta[k]
        log[:, a:b] = g if positions is None else g[:, positions]
    return plan.columns(log, steps)


# ---- the public forward / backward / step on one sample, in floats -----------------------
# ``Network.forward``, ``backward`` and ``step`` take these for one sample on a network
# that ``fits`` (and whose activation functions are still the ones it was built with):
# the same operations, in the same order, as one step of ``train_one_sample`` above, so
# the public path and ``train`` give the same numbers bit for bit.  Arrays are made from
# the floats only when someone reads them (``Trace.z``, ``Grads.dW``, ...).

def forward(net, x, f):
    """z[k] and n[k] for k = 1..L as lists of floats (n[0] is x as floats)."""
    prev = x.tolist()
    z, n = [None], [prev]
    W, b = net.W, net.b
    for k in range(1, len(W)):
        bk = b[k].tolist()
        if net.shared_bias:
            bias = bk[0]
            zk = [sum(map(mul, row, prev)) + bias for row in W[k].tolist()]
        else:
            zk = [sum(map(mul, row, prev)) + bi for row, bi in zip(W[k].tolist(), bk)]
        prev = list(map(f[k], zk))
        z.append(zk)
        n.append(prev)
    return z, n


def backward(net, z, n, y, fp):
    """(loss, delta, dW, db) from a float forward pass and the target y (floats):
    delta[k] and db[k] lists, dW[k] a flat row-major list, for k = 1..L."""
    L, out = net.L, n[net.L]
    if net.loss_name == "bce":
        loss = sum(_softplus(v) - t * v for v, t in zip(z[L], y))
        d = [o - t for o, t in zip(out, y)]
    else:
        loss = 0.5 * sum((t - o) * (t - o) for o, t in zip(out, y))
        d = [(o - t) * g for o, t, g in zip(out, y, map(fp[L], out))]
    delta, dW, db = [None] * (L + 1), [None] * (L + 1), [None] * (L + 1)
    for k in range(L, 0, -1):
        prev = n[k - 1]
        delta[k] = d
        dW[k] = [dl * p for dl in d for p in prev]
        db[k] = [sum(d)] if net.shared_bias else d
        if k > 1:                          # W^T delta, times f'
            d = [sum(map(mul, col, d)) * g for col, g in zip(zip(*net.W[k].tolist()), map(fp[k - 1], prev))]
    return loss, delta, dW, db


def step(net, dW, db, lr):
    """w <- w - g lr for every weight (and bias, if trained), in place, when lr^2 times
    the sum of every g squared is far below overflow (``Network._plain_step``'s test);
    False, changing nothing, otherwise."""
    total = 0.0
    for k in range(1, len(dW)):
        for v in dW[k]:
            total += v * v
    if net.train_bias:
        for k in range(1, len(db)):
            for v in db[k]:
                total += v * v
    if not lr * lr * total < 1e300:        # also False for NaN
        return False
    W, b = net.W, net.b
    for k in range(1, len(dW)):
        W[k].flat = [w - g * lr for w, g in zip(W[k].ravel().tolist(), dW[k])]
        if net.train_bias:
            b[k].flat = [v - g * lr for v, g in zip(b[k].tolist(), db[k])]
    return True
