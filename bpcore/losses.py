"""Loss functions L(y, y_hat), each next to its derivative dL/dy_hat: the loss of each
sample (y and y_hat of shape (n_out,) or (batch, n_out)), summed over the output units.

Two pairs of output and loss are "fused", sigmoid with binary cross-entropy and softmax
with cross-entropy: delta at the output is y_hat - y, and the loss is computed from z, so
it stays finite when y_hat rounds to 0 or 1.  Notebook 03 explains why.
"""
import numpy as np


def half_sse(y, y_hat):
    """1/2 sum (y - y_hat)^2, the loss of both documents (E_total in 001, L in 000)."""
    d = y - y_hat
    return 0.5 * (d * d).sum(axis=-1)


def half_sse_prime(y, y_hat):
    """dL/dy_hat = y_hat - y (document 001: dE_total/dout_o1 = out_o1 - target_o1)."""
    return y_hat - y


def weight_decay_penalty(W, lam):
    """(λ/2) Σ_k ||W[k]||², the L2 penalty whose gradient λW is the "+W" of document 000's
    update (λ = 1); W is a network's list of weight matrices (W[0] is None).  Biases are not
    decayed.  Notebook 02 checks the gradient of L plus this."""
    return 0.5 * lam * sum(float((w * w).sum()) for w in W[1:]) if lam else 0.0


def output_error(y, y_hat):
    """y_hat - y: dL/dz at the output for the fused pairs (and dL/dy_hat of half_sse)."""
    return y_hat - y


def binary_cross_entropy(y, y_hat):
    """-sum [y log y_hat + (1 - y) log(1 - y_hat)], for labels in {0, 1}."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.sum(y * np.log(y_hat) + (1 - y) * np.log1p(-y_hat), axis=-1)


def binary_cross_entropy_prime(y, y_hat):
    """dL/dy_hat = (y_hat - y) / (y_hat (1 - y_hat))."""
    return (y_hat - y) / (y_hat * (1.0 - y_hat))


def binary_cross_entropy_from_z(y, z):
    """The same loss written with z (y_hat = sigmoid(z)): sum softplus(z) - y z."""
    return np.sum(np.logaddexp(0.0, z) - y * z, axis=-1)


def half_sse_sigmoid_from_z(y, z):
    """``half_sse(y, sigmoid(z))`` with the residual y - sigmoid(z) = y sigmoid(-z) - (1 - y) sigmoid(z),
    which does not cancel when sigmoid(z) is near 1 (notebook 02's gradient check)."""
    from .activations import sigmoid, sigmoid_complement
    y = np.asarray(y, dtype=float)
    d = y * sigmoid_complement(z) - (1.0 - y) * sigmoid(z)
    return 0.5 * (d * d).sum(axis=-1)


def binary_cross_entropy_stable_from_z(y, z):
    """Binary cross-entropy from z as sum y softplus(-z) + (1 - y) softplus(z): softplus(z) - y z
    without its cancellation for y = 1 and a large z (notebook 02's finite differences)."""
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    return np.sum(y * np.logaddexp(0.0, -z) + (1.0 - y) * np.logaddexp(0.0, z), axis=-1)


def cross_entropy(y, y_hat):
    """-sum y log y_hat, for one-hot targets y and softmax outputs y_hat."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.sum(np.where(y > 0, y * np.log(y_hat), 0.0), axis=-1)


def cross_entropy_from_z(y, z):
    """The same loss written with z (y_hat = softmax(z)): logsumexp(z) - sum y z."""
    m = z.max(axis=-1, keepdims=True)
    lse = (m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True)))[..., 0]
    return lse - np.sum(y * z, axis=-1)


#: name -> (L, dL/dy_hat, the output activation it is fused with or None, L from z)
LOSSES = {
    "half_sse": (half_sse, half_sse_prime, None, None),
    "bce": (binary_cross_entropy, binary_cross_entropy_prime, "sigmoid",
            binary_cross_entropy_from_z),
    "cross_entropy": (cross_entropy, None, "softmax", cross_entropy_from_z),
}
