"""Document 001's network trained with plain Python floats: the floor for a tiny network.

No numpy: every z, n, delta and weight is a float in a list, the way document
001 writes the chain rule out by hand.  Used by bench_bpcore.py for comparison.
"""
import math


def sgd_steps(W, b, x, y, lr, steps):
    """``steps`` single-sample SGD steps on a sigmoid MLP with loss 1/2 sum (y - y_hat)^2.

    W: list of layers, each a list of rows (lists of floats); b: list of bias lists
    (biases are not updated, as in document 001).  Returns the last loss.
    """
    L = len(W)
    loss = 0.0
    for _ in range(steps):
        n = [x]
        for Wk, bk in zip(W, b):
            prev = n[-1]
            n.append([1.0 / (1.0 + math.exp(-(sum(w * a for w, a in zip(row, prev)) + bi)))
                      for row, bi in zip(Wk, bk)])
        out = n[-1]
        loss = 0.5 * sum((t - o) ** 2 for t, o in zip(y, out))
        delta = [(o - t) * o * (1.0 - o) for o, t in zip(out, y)]
        for k in range(L - 1, -1, -1):
            Wk, prev = W[k], n[k]
            if k > 0:
                back = [sum(Wk[i][j] * delta[i] for i in range(len(Wk))) for j in range(len(prev))]
                next_delta = [back[j] * prev[j] * (1.0 - prev[j]) for j in range(len(prev))]
            for i, row in enumerate(Wk):
                for j in range(len(row)):
                    row[j] -= lr * delta[i] * prev[j]
            if k > 0:
                delta = next_delta
    return loss
