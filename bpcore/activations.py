"""Activation functions f, each next to its derivative f', on float arrays of any shape.

Each derivative comes twice: ``f_prime(z)`` of z, to check against finite differences, and
``f_prime_from_n(n)`` of the output n = f(z), which the backward pass uses (document 001
writes the sigmoid's as out (1 - out)).  Notebook 01 plots them side by side.
"""
import numpy as np


def sigmoid(z):
    """The logistic function 1 / (1 + e^-z); no warning and no NaN for any finite z (below
    about -709, e^-z overflows to inf and 1 / (1 + inf) = 0, right to float precision)."""
    z = np.asarray(z, dtype=float)
    # a few numbers that cannot overflow skip the cost of silencing (benchmarks/README.md)
    if z.size <= 16 and (z.size == 0 or min(z.ravel().tolist()) >= -709.0):
        return np.reciprocal(np.exp(-z) + 1.0)
    n = np.negative(z)
    with np.errstate(over="ignore"):
        np.exp(n, out=n)
    n += 1.0
    return np.reciprocal(n, out=n)


def sigmoid_prime(z):
    """f'(z) = f(z) (1 - f(z)), the form both documents use."""
    return sigmoid_prime_from_n(sigmoid(z))


def sigmoid_complement(z):
    """1 - sigmoid(z) as sigmoid(-z): the same number, to full relative precision where
    sigmoid(z) is near 1 and the subtraction would cancel (notebook 02's gradient check)."""
    return sigmoid(np.negative(np.asarray(z, dtype=float)))


def sigmoid_prime_from_n(n):
    """f' given n = f(z): n (1 - n)."""
    return n * (1.0 - n)


def tanh(z):
    """The hyperbolic tangent."""
    return np.tanh(np.asarray(z, dtype=float))


def tanh_prime(z):
    """f'(z) = 1 - tanh(z)^2."""
    return tanh_prime_from_n(np.tanh(np.asarray(z, dtype=float)))


def tanh_prime_from_n(n):
    """f' given n = tanh(z): 1 - n^2."""
    return 1.0 - n * n


def relu(z):
    """max(0, z)."""
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def relu_prime(z):
    """1 where z > 0, else 0 (we take the derivative at 0 to be 0)."""
    return relu_prime_from_n(np.asarray(z, dtype=float))


def relu_prime_from_n(n):
    """f' given n = max(0, z): 1 where n > 0 (n > 0 exactly when z > 0)."""
    return (n > 0).astype(float)


def identity(z):
    """f(z) = z, for a linear output layer."""
    return np.array(z, dtype=float)


def identity_prime(z):
    """f'(z) = 1."""
    return np.ones_like(np.asarray(z, dtype=float))


identity_prime_from_n = identity_prime


def softmax(z):
    """exp(z) / sum exp(z) along the last axis, shifted so it never overflows.  It has no
    elementwise derivative: it is only an output with ``loss="cross_entropy"`` (losses.py)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


#: name -> (f, f' of z, f' of n); the derivatives are None where not elementwise.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime, sigmoid_prime_from_n),
    "tanh": (tanh, tanh_prime, tanh_prime_from_n),
    "relu": (relu, relu_prime, relu_prime_from_n),
    "identity": (identity, identity_prime, identity_prime_from_n),
    "softmax": (softmax, None, None),
}
