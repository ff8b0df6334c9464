"""Back-propagation in three functions, written in the documents' symbols.

Layers are numbered k = 1..L and n[0] = x.  The labels in the comments are these:

    (F1)  z[k] = W[k] n[k-1] + b[k]                       the net input of layer k
    (F2)  n[k] = f_k(z[k])                                 its output; y_hat = n[L]
    (BP1) delta[L] = dL/dy_hat * f_L'(z[L])               the output layer's error term
    (BP2) delta[k] = f_k'(z[k]) * (W[k+1]^T delta[k+1])   for k < L: one layer back
    (BP3) dL/dW[k] = delta[k] n[k-1]^T                    delta of the unit fed x its input
    (BP4) dL/db[k] = delta[k]
    (U1)  W[k] <- W[k] - eta (dL/dW[k] + lambda W[k])     gradient descent; lambda = 1 is
    (U2)  b[k] <- b[k] - eta dL/db[k]                     document 000's "+W" term
    (U1') W[k] <- W[k] - eta (dL/dW[k] + lambda sign(W[k]))   with the L1 penalty instead

Document 000 derives these as 1.1-1.3 (forward), 2.3 (delta), 2.4 (gradients) and 2.5
(update); document 001 works out every one of them by hand for its 2-2-2 network.

Two conventions: f' is written in terms of n = f(z), as document 001 writes out (1 - out),
since the forward pass already kept n; and x holds one sample per row (one sample is a
batch of one row), so every z[k], n[k] and delta[k] has a row per sample, the loss is
the mean over the rows (delta[L] is divided by their number) and dL/dW, dL/db add up
the rows.  ``Network`` checks every argument and then calls these; they check nothing.
"""
import math

import numpy as np


def forward(W, b, f, x):
    """z[k] and n[k] for k = 1..L (index 0: None and x, one sample per row), with f[k] the
    activation of layer k."""
    z, n = [None], [x]
    for k in range(1, len(W)):
        z.append(n[k - 1] @ W[k].T + b[k])                              # (F1), a row per sample
        n.append(f[k](z[k]))                                            # (F2)
    return z, n


def backward(W, n, y, dL_dy_hat, f_prime, shared_bias=False):
    """delta[k], dL/dW[k] and dL/db[k] for k = 1..L (index 0: None), from the outputs n of
    ``forward``, the targets y (a row per sample), dL/dy_hat(y, y_hat) and f'[k](n)."""
    L = len(W) - 1
    delta, dW, db = [None] * (L + 1), [None] * (L + 1), [None] * (L + 1)
    delta[L] = dL_dy_hat(y, n[L]) * f_prime[L](n[L]) / len(y)          # (BP1), mean over rows
    for k in range(L, 0, -1):
        if k < L:
            delta[k] = delta[k + 1] @ W[k + 1] * f_prime[k](n[k])      # (BP2)
        dW[k] = delta[k].T @ n[k - 1]                                   # (BP3), summed over rows
        if shared_bias:
            db[k] = np.array([delta[k].sum()])                          # (BP4), one shared bias
        else:
            db[k] = delta[k].sum(axis=0)                                # (BP4), summed over rows
    return delta, dW, db


#: d/dW of each weight penalty, per unit of its rate λ: (λ/2) Σ W² gives λ W (U1), λ Σ |W| gives λ sign(W) (U1')
PENALTY_PRIME = {"L2": lambda w: w, "L1": np.sign}


def step(W, b, dW, db, eta, lam=0.0, train_bias=True, penalty="L2"):
    """The update (U1), (U2) in place; or, if it would make a weight inf or NaN, no change
    at all and an OverflowError.  lam is the penalty's rate λ (0: none); penalty "L2" adds
    (λ/2) Σ W² to the loss, so λ W to the gradient (U1); "L1" adds λ Σ |W|, so λ sign(W) (U1')."""
    # |w| has no derivative at w = 0; the subgradient L1 uses there is sign(0) = 0 (numpy's
    # np.sign), the one of the interval [-1, 1] that leaves a weight at exactly 0 in place
    if lam:
        dR = PENALTY_PRIME[penalty]                                     # the penalty's gradient / λ
        dW = [None] + [g + lam * dR(w) for w, g in zip(W[1:], dW[1:])]  # + λ W (U1), or + λ sign(W) (U1')
    params, grads = (W[1:] + b[1:], dW[1:] + db[1:]) if train_bias else (W[1:], dW[1:])
    moves = [eta * g for g in grads]                                    # eta times the gradient: (U1), (U2)
    # The overflow guard, one check before anything changes: if the sum of every move
    # squared is finite, every |move| < 2**512, and then w - move is finite for every
    # finite w (such a move is below half an ulp of any w near the largest float), so a
    # refused step has nothing to undo and the last good weights stay as they are.
    if not math.isfinite(sum(map(float, map(np.vdot, moves, moves)))):
        raise OverflowError("the step would make the weights inf or NaN")
    for w, d in zip(params, moves):
        w -= d                                                          # (U1), (U2)
