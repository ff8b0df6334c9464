"""Activation functions f, each next to its derivative f'.

Every function takes a float array ``z`` of any shape and returns an array of
the same shape.  The derivatives are written in terms of ``z`` (not of
``n = f(z)``) so that each pair can be checked against finite differences.

Notebook 01, section "The activation function", plots them side by side.
"""
import numpy as np


def sigmoid(z):
    """The logistic function 1 / (1 + e^-z); never overflows, never NaN for finite z."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # always in (0, 1]: no overflow for any finite z
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """f'(z) = f(z) (1 - f(z)), the form both documents use."""
    n = sigmoid(z)
    return n * (1.0 - n)


def tanh(z):
    """The hyperbolic tangent."""
    return np.tanh(np.asarray(z, dtype=float))


def tanh_prime(z):
    """f'(z) = 1 - tanh(z)^2."""
    return 1.0 - np.tanh(np.asarray(z, dtype=float)) ** 2


def relu(z):
    """max(0, z)."""
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def relu_prime(z):
    """1 where z > 0, else 0 (we take the derivative at 0 to be 0)."""
    return (np.asarray(z, dtype=float) > 0).astype(float)


def identity(z):
    """f(z) = z, for a linear output layer."""
    return np.array(z, dtype=float)


def identity_prime(z):
    """f'(z) = 1."""
    return np.ones_like(np.asarray(z, dtype=float))


def softmax(z):
    """exp(z) / sum exp(z) along the last axis, shifted so it never overflows.

    Softmax couples a layer's units, so it has no elementwise derivative; it is
    only used as the output of a network trained with ``loss="cross_entropy"``,
    where delta = y_hat - y (see ``losses.py``).
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


#: name -> (f, f'); f' is None where the derivative is not elementwise.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "identity": (identity, identity_prime),
    "softmax": (softmax, None),
}
