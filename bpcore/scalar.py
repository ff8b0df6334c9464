"""The same training loop with Python floats, one number at a time.

This is back-propagation exactly as document 001 writes it out: each z is a sum
of weight * input, each delta a product of scalars.  ``train`` uses it for one
sample on a small network, where numpy's cost per call (about a microsecond,
whatever the array's size) outweighs the arithmetic itself; the tests check it
against the numpy path step for step.
"""
import math
from operator import mul


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


def supports(net, X, batch_size):
    """True if ``train`` may use the scalar loop for this network and data."""
    return (X.ndim == 1 and batch_size is None and net.loss_name in ("half_sse", "bce")
            and all(a in SCALAR_ACTIVATIONS for a in net.activation)
            and sum(w.size for w in net.W[1:]) <= MAX_WEIGHTS)


def _softplus(z):
    return z + math.log1p(math.exp(-z)) if z > 0 else math.log1p(math.exp(z))


def train_one_sample(net, x, y, lr, steps, weight_decay, record_grads):
    """Train ``net`` on one sample (x, y) for ``steps`` steps; the weights are written
    back at the end.  Returns (losses, {name: gradients}, message); message is ""
    unless a step would have made a weight or the loss inf or NaN."""
    L = net.L
    W = [None] + [w.tolist() for w in net.W[1:]]
    b = [None] + [bk.tolist() for bk in net.b[1:]]
    f = [None] + [SCALAR_ACTIVATIONS[a][0] for a in net.activation]
    fp = [None] + [SCALAR_ACTIVATIONS[a][1] for a in net.activation]
    x, y = x.tolist(), y.tolist()
    shared, train_bias, bce = net.shared_bias, net.train_bias, net.loss_name == "bce"
    keep = 1.0 - lr * weight_decay          # w - lr (g + wd w) = keep * w - lr g
    losses = []
    where = [(name, kind == "W", k, index) for name, (kind, k, index) in net.names.items()] if record_grads else []
    log = {name: [] for name, *_ in where}
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
        total = 0.0
        for k in range(L, 0, -1):
            prev, Wk = n[k - 1], W[k]
            deltas[k] = delta
            steps_k = [lr * d for d in delta]
            new_W[k] = [[keep * w - s * p for w, p in zip(row, prev)] for row, s in zip(Wk, steps_k)]
            if train_bias:
                new_b[k] = [b[k][0] - sum(steps_k)] if shared else [bi - s for bi, s in zip(b[k], steps_k)]
            else:
                new_b[k] = b[k]
            total += sum(map(sum, new_W[k])) + sum(new_b[k])
            if k > 1:                      # delta of layer k-1, through the old W[k]
                delta = [sum(map(mul, col, delta)) * g for col, g in zip(zip(*Wk), map(fp[k - 1], prev))]
        losses.append(loss)
        if record_grads:
            _log(log, where, deltas, n, shared)
        if not math.isfinite(total):       # keep the last good weights
            message = f"lr = {lr} makes the weights overflow to inf or NaN; try a smaller lr"
            break
        W, b = new_W, new_b
    for k in range(1, L + 1):
        net.W[k][...] = W[k]
        net.b[k][...] = b[k]
    net._version += 1
    return losses, log, message


def _log(log, where, deltas, n, shared):
    for name, is_w, k, index in where:
        if is_w:
            log[name].append(deltas[k][index[0]] * n[k - 1][index[1]])
        else:
            log[name].append(sum(deltas[k]) if shared else deltas[k][index[0]])
