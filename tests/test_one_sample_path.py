"""The public forward/backward/step on one sample take cheaper ways than the general
code (fewer numpy calls, no silenced warnings where none can arise).  Each must give
the general formulas' numbers bit for bit (tolerance 0: same IEEE operations in the
same order), warn nothing, and refuse what the checked way refuses.

(On a small network the public calls take Python floats instead, ``train``'s own
arithmetic: tests/test_float_path.py checks that way.)"""
import math
import warnings

import numpy as np
import pytest

import bpcore
from bpcore import activations as A
from bpcore import examples
from bpcore.network import _sum


def same_bits(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


# ---- the sigmoid: warnings silenced only where exp(-z) could overflow ---------------
@pytest.mark.parametrize("z", [
    [0.0, 1.0], [-708.9, 3.0], [-709.0], [-709.5, 0.5], [-710.0, -745.0, 1.0], [-1e308] * 3,
    [np.nan, -800.0], [-800.0, np.nan], [1.0, np.nan], list(np.linspace(-30, 30, 16)),
    list(np.linspace(-800, 30, 17)), [],
])
def test_sigmoid_equals_the_silenced_formula_and_warns_nothing(z):
    z = np.array(z, dtype=float)
    with np.errstate(over="ignore"):
        expected = 1.0 / (1.0 + np.exp(-z))          # the textbook formula, warnings silenced
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = A.sigmoid(z)
    np.testing.assert_array_equal(got, expected)                   # NaN where NaN, else equal


def test_sigmoid_of_a_python_float_and_a_2d_array():
    assert float(A.sigmoid(0.0)) == 0.5
    z = np.array([[-1000.0, 0.0], [2.0, -3.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        n = A.sigmoid(z)
    assert n.shape == (2, 2) and n[0, 0] == 0.0 and n[0, 1] == 0.5


# ---- a few numbers summed without numpy, in numpy's order --------------------------
def test_sum_adds_in_numpys_order_bit_for_bit():
    rng = np.random.default_rng(0)
    for size in range(1, 20):
        for _ in range(200):
            a = rng.normal(size=size) * 10.0 ** rng.integers(-8, 8, size=size)
            got, expected = _sum(a), float(np.add.reduce(a))
            assert got == expected, (size, a)
    for a in ([-0.0], [-0.0, -0.0], [0.0, -0.0], [-0.0] * 9):       # the sign of zero too
        got, expected = _sum(np.array(a)), float(np.add.reduce(np.array(a)))
        assert math.copysign(1.0, got) == math.copysign(1.0, expected)


# ---- one-sample backward: the documents' formulas, written out -------------------------
def formulas(net, trace, y):
    """delta, dW, db and the loss for one sample, one numpy call per formula."""
    L, z, n = net.L, trace.z, trace.n
    loss = float(net._loss_value(trace, y))
    if net._fused:
        d = n[L] - y
    else:
        d = net._loss_prime(y, n[L]) * net._f_prime_n[L](n[L])
    delta, dW, db = {}, {}, {}
    for k in range(L, 0, -1):
        delta[k] = d
        dW[k] = np.multiply.outer(d, n[k - 1])
        db[k] = d.sum(keepdims=True) if net.shared_bias else d
        if k > 1:
            d = np.dot(net.W[k].T, d) * net._f_prime_n[k - 1](n[k - 1])
    return delta, dW, db, loss


def random_networks(count, seed=0):
    rng = np.random.default_rng(seed)
    acts = ["sigmoid", "tanh", "relu", "identity"]
    for i in range(count):
        L = int(rng.integers(1, 4))
        sizes = [int(s) for s in rng.integers(1, 12, size=L + 1)]
        loss = ("half_sse", "bce", "cross_entropy")[i % 3]
        activation = [acts[j] for j in rng.integers(0, 4, size=L)]
        if loss == "bce":
            activation[-1] = "sigmoid"
        if loss == "cross_entropy":
            activation[-1], sizes[-1] = "softmax", max(sizes[-1], 2)
        shared = bool(rng.integers(0, 2)) and loss != "cross_entropy"
        net = bpcore.Network(sizes, activation=activation, loss=loss, seed=i, shared_bias=shared)
        x = rng.normal(scale=3.0, size=sizes[0])
        y = (np.eye(sizes[-1])[rng.integers(0, sizes[-1])] if loss == "cross_entropy"
             else rng.uniform(0, 1, size=sizes[-1]))
        yield net, x, y


def test_one_sample_backward_equals_the_formulas_bit_for_bit():
    # the numpy path for one sample (small networks' public calls take floats instead:
    # tests/test_float_path.py)
    for net, x, y in random_networks(150):
        trace = net._forward(np.asarray(x, dtype=float))
        grads = net._backward(trace, y)
        delta, dW, db, loss = formulas(net, trace, y)
        assert grads.loss == loss, net
        for k in range(1, net.L + 1):
            assert same_bits(grads.delta[k], delta[k]) and same_bits(grads.dW[k], dW[k]), net
            assert same_bits(grads.db[k], db[k]), net


def test_doc001_one_sample_equals_a_batch_of_one():
    # two ways through numpy (np.dot for one sample, @ for a batch): equal to 1e-15 relative
    net = examples.network_2_2_2()
    x, y = examples.DOC001["x"], examples.DOC001["y"]
    one, batch = net.backward(net.forward(x), y), net.backward(net.forward(x[None]), y[None])
    assert one.loss == pytest.approx(batch.loss, rel=1e-15)
    for k in (1, 2):
        np.testing.assert_allclose(one.dW[k], batch.dW[k], rtol=1e-15, atol=0)


# ---- step: the unchecked way only when nothing can overflow --------------------------
def weights(net):
    return [w.copy() for w in net.W[1:]] + [b.copy() for b in net.b[1:]]


def test_step_without_decay_equals_w_minus_lr_g_bit_for_bit_and_warns_nothing():
    for net, x, y in random_networks(60, seed=1):
        grads = net.backward(net.forward(x), y)
        expected = [w - g * 0.3 for w, g in zip(net.W[1:], grads.dW[1:])]
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            net.step(grads, 0.3)
        for w, e in zip(net.W[1:], expected):
            assert same_bits(w, e)


def test_a_large_but_finite_update_takes_the_checked_way_with_the_same_numbers():
    net = bpcore.Network([1, 1], activation="identity", seed=0)
    grads = net.backward(net.forward([1e75]), [0.0])               # dW about 1e150
    lr = math.sqrt(1e302 / float(np.vdot(grads.dW[1], grads.dW[1])))
    assert 1e300 < lr * lr * float(np.vdot(grads.dW[1], grads.dW[1])) < math.inf   # past the cheap way
    expected = net.W[1] - grads.dW[1] * lr
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        net.step(grads, lr)
    assert same_bits(net.W[1], expected) and np.isfinite(net.W[1]).all()


@pytest.mark.parametrize("bad", [np.nan, np.inf, 1e300])
def test_a_step_that_would_overflow_is_refused_and_changes_nothing(bad):
    net = examples.network_2_2_2(train_bias=True)
    grads = net.backward(net.forward([0.05, 0.1]), [0.01, 0.99])
    grads.dW[2][0, 1] = bad                                          # changed after backward
    before = weights(net)
    with pytest.raises(ValueError, match="overflow to inf or NaN"):
        net.step(grads, 1e10)
    for p, q in zip(weights(net), before):
        assert same_bits(p, q)


def test_grads_of_another_dtype_take_the_checked_way():
    net = examples.network_2_2_2()
    grads = net.backward(net.forward([0.05, 0.1]), [0.01, 0.99])
    grads.dW[1] = np.ones((2, 2), dtype=np.float32)                 # same shape, another dtype
    expected = net.W[1] - grads.dW[1] * 0.5
    net.step(grads, 0.5)
    assert same_bits(net.W[1], expected)
