"""The public forward / backward / step on one sample of a small network run on Python
floats (``scalar.forward``, ``backward`` and ``step``), the arithmetic of ``train``'s own
one-sample loop, and make arrays only when someone reads them.

What must hold:
- the public path and ``train`` give the same numbers bit for bit (tolerance 0: the same
  IEEE operations in the same order), step after step, recorded gradients included;
- against the numpy formulas they agree to rounding (the order of a sum may differ);
- arrays read from a trace or from grads are what counts from then on: changing them
  changes what backward and step use, exactly as on the numpy path;
- everything the numpy path refuses, the float path refuses, changing nothing.
"""
import math
import warnings

import numpy as np
import pytest

import bpcore
from bpcore import examples, scalar
from state_snapshots import network_state


def same_bits(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


def small_networks(count, seed=0):
    """Random networks the float path takes: elementwise activations, half_sse or bce,
    at most scalar.MAX_WEIGHTS weights; shared and per-neuron biases, trained or not."""
    rng = np.random.default_rng(seed)
    acts = ["sigmoid", "tanh", "relu", "identity"]
    made = 0
    while made < count:
        L = int(rng.integers(1, 4))
        sizes = [int(s) for s in rng.integers(1, 9, size=L + 1)]
        if sum(a * b for a, b in zip(sizes, sizes[1:])) > scalar.MAX_WEIGHTS:
            continue
        loss = ("half_sse", "bce")[made % 2]
        activation = [acts[j] for j in rng.integers(0, 4, size=L)]
        if loss == "bce":
            activation[-1] = "sigmoid"
        net = bpcore.Network(sizes, activation=activation, loss=loss, seed=made,
                             shared_bias=bool(rng.integers(0, 2)), train_bias=bool(rng.integers(0, 2)))
        for k in range(1, L + 1):                       # biases away from 0, so they count
            net.b[k][...] = rng.normal(size=net.b[k].shape)
        x = rng.normal(scale=2.0, size=sizes[0])
        y = rng.uniform(0, 1, size=sizes[-1])
        made += 1
        yield net, x, y


def test_the_float_path_is_taken_for_document_001_and_not_for_a_large_network():
    net = examples.network_2_2_2()
    assert net.forward(examples.DOC001["x"])._floats is not None
    big = bpcore.Network([8, 9, 1])                      # 81 weights > scalar.MAX_WEIGHTS
    assert big.forward(np.ones(8))._floats is None
    softmax = bpcore.Network([2, 2, 3], activation=["sigmoid", "softmax"], loss="cross_entropy")
    assert softmax.forward([1.0, 2.0])._floats is None
    assert net.forward(np.ones((3, 2)))._floats is None  # a batch takes numpy


def test_public_steps_equal_train_bit_for_bit_losses_grads_and_weights():
    for net, x, y in small_networks(120):
        twin = net.copy()
        h = bpcore.train(twin, x, y, 0.3, 4, record_grads=True)
        for t in range(4):
            grads = net.backward(net.forward(x), y)
            assert same_bits(grads.loss, h.loss[t]), net
            for name in net.names:
                assert same_bits(grads[name], h.grads[name][t]), (net, name, t)
            net.step(grads, 0.3)
        assert network_state(net) == network_state(twin), net


def test_document_001_public_step_equals_train_and_the_document():
    net, twin = examples.network_2_2_2(), examples.network_2_2_2()
    d = examples.DOC001
    grads = net.backward(net.forward(d["x"]), d["y"])
    net.step(grads, d["lr"])
    bpcore.train(twin, d["x"], d["y"], d["lr"], 1)
    assert network_state(net) == network_state(twin)
    assert grads.loss == pytest.approx(0.298371109, abs=5e-10)          # document 001's E_total
    assert net["w5"] == pytest.approx(0.35891648, abs=5e-9)             # its w5+
    assert net["w1"] == pytest.approx(0.149780716, abs=5e-10)           # its w1+


def test_the_float_path_agrees_with_the_numpy_formulas_to_rounding():
    # Same formulas; a sum of k terms may be added in another order (numpy's pairwise sum,
    # its dot product), so each result may differ by a few units in the last place.
    for net, x, y in small_networks(200, seed=1):
        x = np.asarray(x, dtype=float)
        fast = net.backward(net.forward(x), y)
        slow = net._backward(net._forward(x), y)
        assert fast.loss == pytest.approx(slow.loss, rel=1e-13, abs=1e-300)
        for k in range(1, net.L + 1):
            for a, b in ((fast.dW[k], slow.dW[k]), (fast.db[k], slow.db[k]), (fast.delta[k], slow.delta[k])):
                scale = max(1.0, float(np.abs(b).max()))
                assert a.shape == b.shape and a.dtype == np.float64
                np.testing.assert_allclose(a, b, rtol=0, atol=1e-13 * scale, err_msg=repr(net))


def test_arrays_are_made_only_when_read_with_the_right_shapes():
    net = bpcore.Network([3, 4, 2], seed=2, shared_bias=True)
    trace = net.forward([0.5, -1.0, 2.0])
    grads = net.backward(trace, [0.2, 0.7])
    assert trace._floats is not None and grads._floats is not None
    g = grads["W1[3,2]"]                                  # by name: read from the floats
    assert grads._floats is not None
    assert [np.shape(n) for n in trace.n] == [(3,), (4,), (2,)] and trace.z[0] is None
    assert [a.shape for a in grads.dW[1:]] == [(4, 3), (2, 4)]
    assert [a.shape for a in grads.db[1:]] == [(1,), (1,)] and [a.shape for a in grads.delta[1:]] == [(4,), (2,)]
    assert trace._floats is None and grads._floats is None
    assert grads.dW[1][3, 2] == g and grads.named()["W1[3,2]"] == g
    assert np.array_equal(trace.y_hat, net.predict([0.5, -1.0, 2.0]))


def test_a_trace_changed_after_reading_is_used_as_changed():
    net = examples.network_2_2_2()
    trace = net.forward(examples.DOC001["x"])
    trace.n[1][0] = 0.9                                   # someone edits out_h1
    grads = net.backward(trace, examples.DOC001["y"])
    expected = net._backward(trace, examples.DOC001["y"])
    assert same_bits(grads.dW[2], expected.dW[2]) and grads.dW[2][0, 0] == expected.dW[2][0, 0]


def test_grads_changed_after_reading_are_used_as_changed():
    net = examples.network_2_2_2()
    grads = net.backward(net.forward(examples.DOC001["x"]), examples.DOC001["y"])
    grads.dW[2][0, 0] = 1.0
    before = net["w5"]
    net.step(grads, 0.5)
    assert net["w5"] == before - 1.0 * 0.5


def test_a_patched_derivative_turns_the_float_path_off():
    net = bpcore.Network([2, 2, 1], seed=0)
    net._f_prime_n[1] = lambda n: np.ones_like(n)        # as the gradient-check test does
    trace = net.forward([1.0, 2.0])
    assert trace._floats is None
    grads = net.backward(trace, [0.5])
    expected = net._backward(net._forward(np.array([1.0, 2.0])), np.array([0.5]))
    assert same_bits(grads.dW[1], expected.dW[1])


def test_a_derivative_patched_between_forward_and_backward_is_used():
    net = bpcore.Network([2, 2, 1], seed=0)
    trace = net.forward([1.0, 2.0])
    net._f_prime_n[1] = lambda n: np.ones_like(n)
    grads = net.backward(trace, [0.5])
    expected = net._backward(net._forward(np.array([1.0, 2.0])), np.array([0.5]))
    assert same_bits(grads.dW[1], expected.dW[1])


def test_weight_decay_on_the_float_path_equals_the_array_formula():
    net = examples.network_2_2_2(train_bias=True)
    grads = net.backward(net.forward(examples.DOC001["x"]), examples.DOC001["y"])
    twin = net.copy()
    twin_grads = twin.backward(twin.forward(examples.DOC001["x"]), examples.DOC001["y"])
    twin_grads.dW                                           # made into arrays: the array path
    net.step(grads, 0.5, weight_decay=0.1)
    twin.step(twin_grads, 0.5, weight_decay=0.1)
    assert network_state(net) == network_state(twin)


def test_a_large_but_finite_update_on_the_float_path_takes_the_checked_way():
    net = bpcore.Network([1, 1], activation="identity", seed=0)
    twin = net.copy()
    grads = net.backward(net.forward([1e75]), [0.0])        # dW about 1e150, floats unread
    g = grads["W1[0,0]"]
    lr = math.sqrt(1e302) / abs(g)
    assert grads._floats is not None and 1e300 < lr * lr * g * g < math.inf
    expected = twin.W[1] - twin.backward(twin.forward([1e75]), [0.0]).dW[1] * lr
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        net.step(grads, lr)
    assert same_bits(net.W[1], expected) and np.isfinite(net.W[1]).all()


@pytest.mark.parametrize("lr", [1e160, 1e300])
def test_an_overflowing_step_on_the_float_path_is_refused_and_changes_nothing(lr):
    net = bpcore.Network([1, 1], activation="identity", seed=0)
    grads = net.backward(net.forward([1e150]), [0.0])        # dW about 1e150
    before = network_state(net)
    with pytest.raises(ValueError, match="overflow to inf or NaN"):
        net.step(grads, lr)
    assert network_state(net) == before


def test_the_float_path_refuses_what_the_array_path_refuses():
    net = examples.network_2_2_2()
    x, y = examples.DOC001["x"], examples.DOC001["y"]
    before = network_state(net)
    trace = net.forward(x)
    with pytest.raises(ValueError, match="y must have shape \\(2,\\)"):
        net.backward(trace, [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="y must be finite"):
        net.backward(trace, [np.nan, 0.2])
    other = examples.network_2_2_2()
    with pytest.raises(ValueError, match="another network"):
        other.backward(trace, y)
    grads = net.backward(trace, y)
    with pytest.raises(ValueError, match="lr must be"):
        net.step(grads, -0.5)
    with pytest.raises(ValueError, match="another shape"):
        bpcore.Network([2, 3, 2]).step(grads, 0.5)
    assert network_state(net) == before
    net.step(grads, 0.5)
    with pytest.raises(ValueError, match="stale"):
        net.backward(trace, y)
    bce = bpcore.Network([2, 1], loss="bce")
    with pytest.raises(ValueError, match="\\[0, 1\\]"):
        bce.backward(bce.forward([1.0, 2.0]), [1.5])
