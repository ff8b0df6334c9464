"""The public API: shapes, names, repr, and every kind of bad input.

Each bad input must raise ValueError or TypeError naming the argument, and
leave the network exactly as it was.
"""
import math

import numpy as np
import pytest

import bpcore
from bpcore import examples


def snapshot(net):
    return [w.copy() for w in net.W[1:]], [b.copy() for b in net.b[1:]]


def assert_unchanged(net, before):
    for a, b in zip(net.W[1:], before[0]):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(net.b[1:], before[1]):
        np.testing.assert_array_equal(a, b)


def test_shapes_and_indexing():
    net = bpcore.Network([2, 3, 2, 1], seed=0)
    assert net.L == 3 and net.W[0] is None
    assert [net.W[k].shape for k in (1, 2, 3)] == [(3, 2), (2, 3), (1, 2)]
    assert all(net.W[k].dtype == np.float64 for k in (1, 2, 3))
    t = net.forward([1.0, 2.0])
    assert t.n[0].shape == (2,) and t.z[1].shape == (3,) and t.y_hat.shape == (1,)
    tb = net.forward(np.ones((5, 2)))
    assert tb.z[2].shape == (5, 2) and tb.y_hat.shape == (5, 1)
    g = net.backward(tb, np.ones((5, 1)))
    assert g.delta[1].shape == (5, 3) and g.dW[1].shape == (3, 2) and g.db[3].shape == (1,)


def test_seed_gives_the_same_weights_and_different_seeds_differ():
    a, b, c = bpcore.Network([2, 4, 1], seed=3), bpcore.Network([2, 4, 1], seed=3), bpcore.Network([2, 4, 1], seed=4)
    np.testing.assert_array_equal(a.W[1], b.W[1])
    assert not np.array_equal(a.W[1], c.W[1])


def test_batch_loss_and_gradients_are_the_mean_over_samples():
    net = bpcore.Network([2, 3, 2], seed=1)
    X, Y = np.array([[0.1, 0.2], [0.5, -1.0], [2.0, 0.3]]), np.array([[0, 1], [1, 0], [0.5, 0.5]])
    g = net.backward(net.forward(X), Y)
    singles = [net.backward(net.forward(x), y) for x, y in zip(X, Y)]
    assert g.loss == pytest.approx(np.mean([s.loss for s in singles]), rel=1e-14)
    for k in (1, 2):
        np.testing.assert_allclose(g.dW[k], np.mean([s.dW[k] for s in singles], axis=0), rtol=1e-13)
        np.testing.assert_allclose(g.db[k], np.mean([s.db[k] for s in singles], axis=0), rtol=1e-13)
    assert net.loss(X, Y) == pytest.approx(g.loss, rel=1e-15)


def test_names_read_and_write():
    net = examples.network_2_2_2()
    net["w5"] = 0.7
    assert net.W[2][0, 0] == 0.7 and net["w5"] == 0.7
    assert list(net.named_parameters())[:3] == ["w1", "w2", "w3"]
    g = net.backward(net.forward([0.05, 0.1]), [0.01, 0.99])
    assert g["w6"] == g.dW[2][0, 1] and list(g.named()) == list(net.names)


def test_generic_names():
    net = bpcore.Network([2, 2, 1], seed=0)
    assert "W1[1,0]" in net.names and "b2[0]" in net.names
    assert net["W1[1,0]"] == net.W[1][1, 0]


def test_repr():
    assert repr(examples.network_2_2_2()) == (
        "Network(2 -> 2 -> 2; activations: sigmoid, sigmoid; loss: half_sse; biases shared per layer, frozen)")
    assert repr(bpcore.Network([2, 8, 1], activation=["relu", "sigmoid"], loss="bce")) == (
        "Network(2 -> 8 -> 1; activations: relu, sigmoid; loss: bce; biases per neuron)")


def test_step_updates_in_place_and_copy_is_independent():
    net = examples.network_2_2_2()
    W2 = net.W[2]
    twin = net.copy()
    net.step(net.backward(net.forward([0.05, 0.1]), [0.01, 0.99]), 0.5)
    assert net.W[2] is W2 and twin["w5"] == 0.4 and net["w5"] != 0.4


def test_state_and_restore():
    net = bpcore.Network([2, 3, 1], seed=0)
    saved = net.state()
    before = snapshot(net)
    net["W1[0,0]"] = 9.0
    net.restore(saved)
    assert_unchanged(net, before)


# ---- bad input -----------------------------------------------------------------
NET_X_Y = (lambda: examples.network_2_2_2(), [0.05, 0.10], [0.01, 0.99])

BAD_FORWARD = [
    ([0.05, 0.1, 0.2], ValueError, "x must have shape (2,)"),
    ([[0.05], [0.1]], ValueError, "x must have shape"),
    (np.zeros((0, 2)), ValueError, "x must have shape"),
    (np.zeros((2, 2, 2)), ValueError, "x must have shape"),
    ([0.05, math.nan], ValueError, "x must be finite"),
    ([0.05, math.inf], ValueError, "x must be finite"),
    (["a", "b"], TypeError, "x must be real numbers"),
    ("0.05", TypeError, "x must be numbers"),
    ([True, False], TypeError, "x must be real numbers"),
    ([[1, 2], [3]], ValueError, "x must be a rectangular"),
    (None, TypeError, "x must be real numbers"),
]


@pytest.mark.parametrize("x, error, message", BAD_FORWARD)
def test_bad_x(x, error, message):
    net = examples.network_2_2_2()
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        net.forward(x)


BAD_Y = [
    ([0.01], ValueError, "y must have shape"),
    ([[0.01, 0.99]], ValueError, "y must have shape"),
    ([0.01, math.nan], ValueError, "y must be finite"),
    (["x", "y"], TypeError, "y must be real numbers"),
]


@pytest.mark.parametrize("y, error, message", BAD_Y)
def test_bad_y_in_backward_and_loss(y, error, message):
    net = examples.network_2_2_2()
    t = net.forward([0.05, 0.1])
    with pytest.raises(error, match=message):
        net.backward(t, y)
    with pytest.raises(error, match=message):
        net.loss([0.05, 0.1], y)


def test_bad_trace_and_stale_trace():
    net = examples.network_2_2_2()
    with pytest.raises(TypeError, match="trace must be"):
        net.backward([0.05, 0.1], [0.01, 0.99])
    t = net.forward([0.05, 0.1])
    net["w1"] = 0.2
    with pytest.raises(ValueError, match="stale"):
        net.backward(t, [0.01, 0.99])
    other = bpcore.Network([3, 2], seed=0)
    with pytest.raises(ValueError, match="another shape"):
        net.backward(other.forward([1, 2, 3]), [0.01, 0.99])


@pytest.mark.parametrize("lr, error, message", [
    (0, ValueError, "lr must be > 0"), (-0.5, ValueError, "lr must be > 0"),
    (math.nan, ValueError, "lr must be finite"), (math.inf, ValueError, "lr must be finite"),
    ("0.5", TypeError, "lr must be a real number"), (None, TypeError, "lr must be a real number"),
    (True, TypeError, "lr must be a real number"),
])
def test_bad_lr_leaves_network_unchanged(lr, error, message):
    net = examples.network_2_2_2()
    g = net.backward(net.forward([0.05, 0.1]), [0.01, 0.99])
    before = snapshot(net)
    with pytest.raises(error, match=message):
        net.step(g, lr)
    assert_unchanged(net, before)
    with pytest.raises(error, match=message):
        bpcore.train(net, [0.05, 0.1], [0.01, 0.99], lr, 3)
    assert_unchanged(net, before)


def test_step_that_would_overflow_is_refused_and_changes_nothing():
    net = examples.network_2_2_2()
    g = net.backward(net.forward([0.05, 0.1]), [0.01, 0.99])
    before = snapshot(net)
    with pytest.raises(ValueError, match="overflow to inf or NaN; try a smaller lr"):
        net.step(g, 1e300, weight_decay=1e300)
    assert_unchanged(net, before)


@pytest.mark.parametrize("wd, error", [(-1, ValueError), (math.nan, ValueError), ("1", TypeError)])
def test_bad_weight_decay(wd, error):
    net = examples.network_2_3_2_1()
    g = net.backward(net.forward([1, 2]), [1])
    before = snapshot(net)
    with pytest.raises(error, match="weight_decay"):
        net.step(g, 0.1, weight_decay=wd)
    assert_unchanged(net, before)


def test_bad_grads():
    net = examples.network_2_2_2()
    with pytest.raises(TypeError, match="grads must be"):
        net.step({"w1": 0.1}, 0.5)
    other = bpcore.Network([2, 3, 2], seed=0)
    g = other.backward(other.forward([1, 2]), [0, 1])
    with pytest.raises(ValueError, match="another shape"):
        net.step(g, 0.5)


@pytest.mark.parametrize("name, value, error, message", [
    ("w9", 0.1, ValueError, "unknown parameter name 'w9'"),
    (5, 0.1, TypeError, "parameter name must be a string"),
    ("w1", math.nan, ValueError, "w1 must be finite"),
    ("w1", "0.1", TypeError, "w1 must be a real number"),
])
def test_bad_parameter_name_or_value(name, value, error, message):
    net = examples.network_2_2_2()
    before = snapshot(net)
    with pytest.raises(error, match=message):
        net[name] = value
    with pytest.raises(error, match=message):
        net.set_parameters({"w2": 0.3, name: value})   # all or nothing: w2 untouched too
    assert_unchanged(net, before)


def test_unknown_name_on_read():
    with pytest.raises(ValueError, match="unknown parameter name"):
        examples.network_2_2_2()["b3"]


@pytest.mark.parametrize("kwargs, error, message", [
    ({"sizes": []}, ValueError, "at least an input and an output"),
    ({"sizes": [2]}, ValueError, "at least an input and an output"),
    ({"sizes": [2, 0, 1]}, ValueError, r"sizes\[1\] must be >= 1"),
    ({"sizes": [2, 1.5]}, TypeError, r"sizes\[1\] must be a whole number"),
    ({"sizes": "2-3-1"}, TypeError, "sizes must be a list"),
    ({"sizes": 3}, TypeError, "sizes must be a list"),
    ({"sizes": [2, 1], "activation": "swish"}, ValueError, "unknown activation of layer 1 'swish'"),
    ({"sizes": [2, 1], "activation": 3}, TypeError, "activation"),
    ({"sizes": [2, 3, 1], "activation": ["relu"]}, ValueError, "one function or 2"),
    ({"sizes": [2, 1], "loss": "hinge"}, ValueError, "unknown loss 'hinge'"),
    ({"sizes": [2, 1], "activation": "relu", "loss": "bce"}, ValueError, "needs a 'sigmoid' output"),
    ({"sizes": [2, 3, 1], "activation": ["softmax", "sigmoid"]}, ValueError, "only allowed on the output"),
    ({"sizes": [2, 3], "activation": "softmax"}, ValueError, "softmax"),
    ({"sizes": [2, 1], "seed": "a"}, TypeError, "seed must be a whole number"),
    ({"sizes": [2, 3], "activation": "softmax", "loss": "cross_entropy", "shared_bias": True}, ValueError,
     "shared_bias cannot be used with a softmax output"),
])
def test_bad_network_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        bpcore.Network(**kwargs)


def test_bad_train_arguments_leave_network_unchanged():
    net = bpcore.Network([2, 3, 1], seed=0)
    before = snapshot(net)
    X, Y = np.zeros((4, 2)), np.zeros((4, 1))
    for kwargs, error in [({"steps": 0}, ValueError), ({"steps": 2.5}, TypeError),
                          ({"steps": 3, "batch_size": 5}, ValueError), ({"steps": 3, "batch_size": 0}, ValueError)]:
        with pytest.raises(error):
            bpcore.train(net, X, Y, 0.1, **kwargs)
    with pytest.raises(ValueError, match="Y must have shape"):
        bpcore.train(net, X, np.zeros((3, 1)), 0.1, 3)
    with pytest.raises(TypeError, match="net must be"):
        bpcore.train("net", X, Y, 0.1, 3)
    assert_unchanged(net, before)


def test_bce_targets_must_be_probabilities():
    net = bpcore.Network([2, 1], loss="bce", seed=0)
    with pytest.raises(ValueError, match=r"y must lie in \[0, 1\]"):
        net.loss([0, 1], [2])


def test_train_records_loss_and_every_named_gradient():
    net = examples.network_2_2_2()
    h = bpcore.train(net, [0.05, 0.1], [0.01, 0.99], 0.5, 5, record_grads="auto")
    assert len(h) == 5 and set(h.grads) == set(net.names)
    assert h.loss[0] == pytest.approx(0.298371108760003, abs=1e-12)
    assert h.grads["w5"][0] == pytest.approx(0.082167040564231, abs=1e-12)
    assert "5 steps" in repr(h)


def test_train_minibatches_cover_the_data_and_lower_the_loss():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    Y = (X[:, :1] * X[:, 1:] > 0).astype(float)
    net = bpcore.Network([2, 8, 1], activation=["tanh", "sigmoid"], loss="bce", seed=0)
    start = net.loss(X, Y)
    h = bpcore.train(net, X, Y, 0.5, 400, batch_size=8, seed=1)
    assert net.loss(X, Y) < 0.5 * start and not h.diverged


def test_train_stops_on_divergence_and_keeps_last_good_weights():
    net = bpcore.Network([2, 4, 1], activation="identity", seed=0)
    X, Y = np.array([[10.0, -10.0], [5.0, 7.0]]), np.array([[1.0], [2.0]])
    h = bpcore.train(net, X, Y, 10.0, 500)
    assert h.diverged and "lr" in h.message
    assert all(np.isfinite(w).all() for w in net.W[1:])


def test_train_records_no_gradient_unless_asked():
    net = examples.network_2_2_2()
    h = bpcore.train(net, [0.05, 0.1], [0.01, 0.99], 0.5, 5)
    assert len(h) == 5 and len(h.grads) == 0
    assert h.loss[0] == pytest.approx(0.298371108760003, abs=1e-12)
