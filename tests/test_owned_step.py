"""The training loops' step (``Network._owned_step``) and the loss kept from the softmax.

``_owned_step`` scales gradients in place and, where that reads fewer numbers, checks a
bound |delta[k]|^2 |n[k-1]|^2 instead of the sum of every dW[k] squared.  It must give
``_step``'s weights bit for bit, and refuse exactly the steps ``_step`` refuses, leaving
the weights as they were.  The cross-entropy computed from the logsumexp that the forward
pass keeps must equal the one computed from z alone, bit for bit.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bpcore
from bpcore import losses


def same_bits(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


def weights(net):
    return [w.copy() for w in net.W[1:]] + [b.copy() for b in net.b[1:]]


def outcome(net, step):
    """The weights after ``step()``, or the message it was refused with (weights unchanged)."""
    before = weights(net)
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            step()
    except ValueError as exc:
        assert all(same_bits(p, q) for p, q in zip(weights(net), before)), "a refused step changed a weight"
        return str(exc)
    return weights(net)


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 10**6), batch=st.integers(1, 11), scale=st.sampled_from([1.0, 1e60, 1e100, 1e140, 1e160]),
       lr=st.sampled_from([0.1, 1.0, 1e10, 1e100, 1e140]), decay=st.sampled_from([0.0, 0.0, 0.5]),
       train_bias=st.booleans(), softmax=st.booleans())
def test_owned_step_equals_step_bit_for_bit_and_refuses_the_same(seed, batch, scale, lr, decay, train_bias, softmax):
    # [30, 20, 3]: W1 has 600 numbers, more than delta1 and n0 together for a batch up to 11,
    # so the bound is what is checked there; W2 (60) is summed as it is.
    rng = np.random.default_rng(seed)
    kwargs = dict(activation=["identity", "softmax"], loss="cross_entropy") if softmax else dict(activation="identity")
    a = bpcore.Network([30, 20, 3], seed=seed % 97, train_bias=train_bias, **kwargs)
    b = a.copy()
    X = rng.normal(size=(batch, 30)) * scale
    Y = np.eye(3)[rng.integers(0, 3, size=batch)] if softmax else rng.uniform(size=(batch, 3))
    with np.errstate(over="ignore", invalid="ignore"):
        trace = a._forward(X)
        grads = a._backward(trace, Y)
        kept = b._backward(b._forward(X), Y)
    if not np.isfinite(grads.loss):
        return
    assert grads.dW[1].size > grads.delta[1].size + trace.n[0].size      # the bound is used for W1
    x_sq = float(np.vdot(X, X)) if rng.integers(0, 2) else None
    got = outcome(a, lambda: a._owned_step(trace, grads, lr, decay, x_sq))
    expected = outcome(b, lambda: b._step(kept, lr, decay))
    if isinstance(expected, str):
        assert got == expected
    else:
        assert not isinstance(got, str), got
        assert all(same_bits(p, q) for p, q in zip(got, expected))


def test_a_bound_past_overflow_with_a_finite_step_takes_the_exact_check():
    # Two samples with the same x and opposite errors: their outer products cancel, so dW
    # is small while |delta| |n| overflows.  The bound says "maybe", the exact sum decides,
    # and the step is taken, as _step takes it.
    net = bpcore.Network([4, 4], activation="identity", seed=0)
    twin = net.copy()
    X = np.array([[1e150, 0.0, 0.0, 0.0]] * 2)
    y_hat = net._forward(X).n[1][0]
    Y = np.array([y_hat + 1e140, y_hat - 1e140])
    with np.errstate(over="ignore", invalid="ignore"):
        trace = net._forward(X)
        grads = net._backward(trace, Y)
        kept = twin._backward(twin._forward(X), Y)
        bound = float(np.vdot(grads.delta[1], grads.delta[1])) * float(np.vdot(X, X))
        assert not bound < 1e300 and np.isfinite(grads.dW[1]).all()
        net._owned_step(trace, grads, 1e-150, 0.0)
        twin._step(kept, 1e-150, 0.0)
    assert all(same_bits(p, q) for p, q in zip(weights(net), weights(twin)))


@pytest.mark.parametrize("shape", [(5,), (7, 5)])
def test_the_cross_entropy_from_the_kept_logsumexp_equals_the_one_from_z(shape):
    rng = np.random.default_rng(1)
    net = bpcore.Network([3, 4, 5], activation=["tanh", "softmax"], loss="cross_entropy", seed=3)
    x = rng.normal(size=shape[:-1] + (3,)) * 4.0
    y = np.eye(5)[rng.integers(0, 5, size=shape[:-1])]
    trace = net._forward(x)
    assert trace._lse is not None
    from_z = losses.cross_entropy_from_z(y, trace.z[2])
    kept = losses.cross_entropy_from_lse(y, trace.z[2], trace._lse)
    assert same_bits(from_z, kept)
    assert same_bits(trace.n[2], bpcore.activations.softmax(trace.z[2]))
    grads = net._backward(trace, y)
    assert grads.loss == float(from_z.sum()) / (len(y) if y.ndim == 2 else 1)


def test_train_at_784_128_10_equals_the_public_steps_bit_for_bit():
    # train's loop (owned step, in-place scaling, the bound) against the public
    # forward/backward/step, which take none of those shortcuts
    rng = np.random.default_rng(0)
    X, Y = rng.uniform(size=(16, 784)), np.eye(10)[rng.integers(0, 10, size=16)]
    a = bpcore.Network([784, 128, 10], activation=["sigmoid", "softmax"], loss="cross_entropy", seed=0)
    b = a.copy()
    h = bpcore.train(a, X, Y, 0.1, 3)
    for t in range(3):
        grads = b.backward(b.forward(X), Y)
        assert grads.loss == h.loss[t]
        b.step(grads, 0.1)
    assert all(same_bits(p, q) for p, q in zip(weights(a), weights(b)))
