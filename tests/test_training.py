"""train(): what it records by default and on request, and the in-place step that refuses
an update which would overflow, keeping the last good weights bit for bit.

Recorded gradients are compared with the public forward/backward at the same weights:
the same code computes both, so they must be equal exactly.
"""
import numpy as np
import pytest

import bpcore
from bpcore import examples, training
from bpcore.widgets.session import Session


def blobs(n=40, n_in=2, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_in))
    Y = (X[:, :1] * X[:, 1:2] > 0).astype(float)
    return X, Y


def weights(net):
    return [w.copy() for w in net.W[1:]] + [b.copy() for b in net.b[1:]]


def assert_same_weights(a, b):
    for p, q in zip(weights(a), weights(b)):
        np.testing.assert_array_equal(p, q)


# ---- what is recorded ------------------------------------------------------------------
def test_auto_records_every_parameter_of_document_001s_network():
    net = examples.network_2_2_2()
    h = bpcore.train(net, examples.DOC001["x"], examples.DOC001["y"], 0.5, 3, record_grads="auto")
    assert list(h.grads) == list(net.names)          # w1..w8, b1, b2, in the network's order
    assert h.grads["w5"].shape == (3,)
    assert h.grads["w5"][0] == pytest.approx(0.082167040564231, abs=1e-12)   # document 001's dE/dw5


def test_auto_records_every_parameter_up_to_the_limit_and_none_above():
    assert training.RECORD_ALL_LIMIT == 128
    small = bpcore.Network([127, 1], seed=0)           # 127 weights + 1 bias = 128 parameters
    large = bpcore.Network([128, 1], seed=0)           # 129 parameters
    for net, expected in ((small, 128), (large, 0)):
        X, Y = blobs(8, net.sizes[0])
        h = bpcore.train(net, X, Y, 0.1, 4, record_grads="auto")
        assert len(h.grads) == expected and len(h.loss) == 4
        assert len(bpcore.train(net, X, Y, 0.1, 4).grads) == 0          # the default: none


def test_auto_on_the_benchmark_networks():
    assert len(bpcore.train(bpcore.Network([2, 8, 8, 1]), *blobs(), 0.5, 2, record_grads="auto").grads) == 105
    assert len(bpcore.train(bpcore.Network([2, 64, 64, 1]), *blobs(), 0.5, 2, record_grads="auto").grads) == 0


def test_recorded_gradients_are_backwards_at_the_weights_before_each_step():
    X, Y = blobs()
    net, replay = bpcore.Network([2, 3, 1], seed=1), bpcore.Network([2, 3, 1], seed=1)
    names = ["W2[0,2]", "W1[1,0]", "b1[2]", "W1[0,0]"]          # not in the network's order
    h = bpcore.train(net, X, Y, 0.5, 5, record_grads=names)
    assert list(h.grads) == names
    for t in range(5):
        grads = replay.backward(replay.forward(X), Y)
        assert h.loss[t] == grads.loss
        for name in names:
            assert h.grads[name][t] == grads[name]
        replay.step(grads, 0.5)
    assert_same_weights(net, replay)


def test_a_chosen_subset_on_a_large_network_and_true_for_everything():
    X, Y = blobs()
    net = bpcore.Network([2, 16, 16, 1], seed=0)                 # 337 parameters: "auto" records none
    start = net.copy()
    first = start.backward(start.forward(X), Y)
    h = bpcore.train(net.copy(), X, Y, 0.5, 3, record_grads=["W2[15,3]", "b3[0]"])
    assert set(h.grads) == {"W2[15,3]", "b3[0]"}
    assert h.grads["W2[15,3]"][0] == first["W2[15,3]"] and h.grads["b3[0]"][0] == first["b3[0]"]
    everything = bpcore.train(net.copy(), X, Y, 0.5, 3, record_grads=True)
    assert list(everything.grads) == list(net.names)
    assert all(everything.grads[name][0] == value for name, value in first.named().items())
    assert len(bpcore.train(net.copy(), X, Y, 0.5, 3, record_grads=False).grads) == 0


def test_one_sample_path_records_the_same_subset():
    x, y = [0.05, 0.1], [0.01, 0.99]
    names = ["w6", "b2", "w1"]
    a, b = examples.network_2_2_2(), examples.network_2_2_2()
    ha = bpcore.train(a, x, y, 0.5, 30, record_grads=names)                   # Python floats
    hb = bpcore.train(b, np.array([x]), np.array([y]), 0.5, 30, record_grads=names)   # numpy
    assert list(ha.grads) == list(hb.grads) == names
    for name in names:
        np.testing.assert_allclose(ha.grads[name], hb.grads[name], rtol=1e-12, atol=1e-16)


@pytest.mark.parametrize("choice, error, message", [
    ("all", ValueError, "record_grads must be 'auto', True, False or a list"),
    (["w5", "w9"], ValueError, "record_grads names 'w9'"),
    (5, TypeError, "record_grads must be 'auto', True, False or a list"),
    ([5], TypeError, "record_grads must list parameter names"),
])
def test_bad_record_grads_is_refused_before_anything_changes(choice, error, message):
    net = examples.network_2_2_2()
    before = weights(net)
    with pytest.raises(error, match=message):
        bpcore.train(net, [0.05, 0.1], [0.01, 0.99], 0.5, 3, record_grads=choice)
    for p, q in zip(weights(net), before):
        np.testing.assert_array_equal(p, q)


def test_the_dashboard_session_keeps_exact_curves_on_a_network_above_the_limit():
    def make():
        return bpcore.Network([2, 16, 16, 1], seed=0)            # 304 weights: "auto" would record none
    s = Session(make, [0.5, -0.5], [0.8], 0.5)
    replay = make()
    s.train(3, chunk=2)
    steps, losses, grads = s.history_arrays()
    assert list(steps) == [0, 1, 2] and len(grads) == 304
    for t in range(3):
        g = replay.backward(replay.forward([0.5, -0.5]), [0.8])
        assert losses[t] == g.loss and grads["W2[7,9]"][t] == g["W2[7,9]"]
        replay.step(g, 0.5)


# ---- the in-place step refuses an overflow and keeps the last good weights ----------------
def test_refused_step_leaves_the_weights_of_the_last_good_step():
    # sigmoid output: the loss stays finite, but with lr * weight_decay = 3 every weight
    # becomes about -2 times itself each step, until a step's square overflows (~510 steps)
    def make():
        return bpcore.Network([2, 1], seed=0)
    x, y = np.array([1.0, -1.0]), np.array([0.5])
    for X, Y in ((x, y), (x[None, :], y[None, :])):               # Python floats, then numpy
        net = make()
        h = bpcore.train(net, X, Y, 3.0, 2000, weight_decay=1.0)
        assert h.diverged and "overflow" in h.message
        good = len(h.loss) - 1                                   # the refused step's loss is recorded
        assert 400 < good < 600
        assert all(np.isfinite(p).all() for p in weights(net))
        assert np.abs(net.W[1]).max() > 1e150                    # it went a long way first
        replay = make()
        bpcore.train(replay, X, Y, 3.0, good, weight_decay=1.0)
        assert_same_weights(net, replay)


def test_the_public_step_refuses_the_same_update_and_changes_nothing():
    net = bpcore.Network([1, 1], activation="identity", seed=0)
    grads = net.backward(net.forward([1e100]), [0.0])            # dW = 1e200 (finite); its square is not
    assert np.isfinite(grads.dW[1]).all()
    before = weights(net)
    with pytest.raises(ValueError, match="overflow to inf or NaN; try a smaller lr"):
        net.step(grads, 1.0)
    for p, q in zip(weights(net), before):
        np.testing.assert_array_equal(p, q)
    net.step(grads, 1e-250)                                      # a small enough step is taken
    assert net.W[1][0, 0] == pytest.approx(before[0][0, 0] - 1e-50, rel=1e-12)


def test_the_step_is_in_place_and_computes_w_minus_lr_times_g_plus_decay():
    net = examples.network_2_3_2_1()
    W1, b3 = net.W[1], net.b[3]
    old = [w.copy() for w in net.W[1:]]
    grads = net.backward(net.forward([1.0, 2.0]), [1.0])
    net.step(grads, 0.1, weight_decay=1.0)
    assert net.W[1] is W1 and net.b[3] is b3                     # the same arrays, updated in place
    for w, w0, g in zip(net.W[1:], old, grads.dW[1:]):
        np.testing.assert_array_equal(w, w0 - 0.1 * (g + 1.0 * w0))   # the same operations, so equal


def test_recording_choices_on_one_network_do_not_mix():
    net = examples.network_2_2_2()
    x, y = [0.05, 0.1], [0.01, 0.99]
    assert list(bpcore.train(net, x, y, 0.5, 2, record_grads=["w1"]).grads) == ["w1"]
    assert list(bpcore.train(net, x, y, 0.5, 2, record_grads=["w8", "b1"]).grads) == ["w8", "b1"]
    assert len(bpcore.train(net, x, y, 0.5, 2, record_grads=False).grads) == 0
    renamed = bpcore.Network([2, 2, 2], names={"only": ("W", 2, (1, 1))})   # its own names: read afresh
    assert list(bpcore.train(renamed, x, y, 0.5, 2, record_grads=True).grads) == ["only"]
    h = bpcore.train(bpcore.Network([64, 4, 2], seed=0), np.zeros(64), [0.0, 1.0], 0.1, 2, record_grads=True)
    assert repr(h.grads) == "{W1[0,0], W1[0,1], W1[0,2], W1[0,3], W1[0,4], W1[0,5], W1[0,6], W1[0,7], " \
                            "... (270 names): 2 steps each}"


# ---- seeds, checked like every other setting, on every path ------------------------------
@pytest.mark.parametrize("seed, error, message", [
    ("abc", TypeError, "seed must be a whole number, got str 'abc'"),
    (1.5, TypeError, "seed must be a whole number, got float 1.5"),
    (True, TypeError, "seed must be a whole number, got bool True"),
    (-1, ValueError, "seed must be >= 0, got -1"),
])
@pytest.mark.parametrize("path", ["batches", "full batch", "one sample"])
def test_a_bad_seed_is_refused_on_every_path_and_changes_nothing(seed, error, message, path):
    X, Y = blobs(6)
    kwargs = {"batch_size": 2} if path == "batches" else {}
    if path == "one sample":
        X, Y = X[0], Y[0]
    net = bpcore.Network([2, 3, 1], seed=0)
    before = weights(net)
    with pytest.raises(error, match=message):
        bpcore.train(net, X, Y, 0.5, 3, seed=seed, **kwargs)
    for p, q in zip(weights(net), before):
        np.testing.assert_array_equal(p, q)


def test_the_seed_chooses_the_batches_and_batches_carry_one_order_on():
    X, Y = blobs(12)
    a, b, c = (bpcore.Network([2, 3, 1], seed=0) for _ in range(3))
    bpcore.train(a, X, Y, 0.5, 6, batch_size=4, seed=7)
    shuffled = training.Shuffled(len(X), np.random.default_rng(7))
    for _ in range(3):                                    # three calls, one order: the same steps
        bpcore.train(b, X, Y, 0.5, 2, batch_size=4, batches=shuffled)
    assert_same_weights(a, b)
    bpcore.train(c, X, Y, 0.5, 6, batch_size=4, seed=8)
    assert not np.array_equal(a.W[1], c.W[1])
    with pytest.raises(TypeError, match="batches must be a Shuffled over the 12 samples"):
        bpcore.train(c, X, Y, 0.5, 1, batch_size=4, batches=training.Shuffled(5, np.random.default_rng(0)))


# ---- inputs that alias the weights ------------------------------------------------------
def test_training_on_an_input_that_is_a_weight_matrix_trains_on_a_fixed_copy():
    net = bpcore.Network([2, 2, 2], seed=0)
    twin = net.copy()
    Y = np.full((2, 2), 0.5)
    bpcore.train(net, net.W[1], Y, 0.5, 50)                 # X is W1: it must not move under train
    bpcore.train(twin, twin.W[1].copy(), Y, 0.5, 50)
    assert_same_weights(net, twin)
    net2 = bpcore.Network([2, 2], seed=0)
    bpcore.train(net2, [[1.0, 2.0], [3.0, 4.0]], net2.W[1] * 0 + 0.5, 0.5, 5)   # not aliased: fine


def test_train_leaves_the_network_at_a_new_version():
    net = examples.network_2_2_2()
    trace = net.forward(examples.DOC001["x"])
    bpcore.train(net, examples.DOC001["x"], examples.DOC001["y"], 0.5, 2)
    with pytest.raises(ValueError, match="stale"):
        net.backward(trace, examples.DOC001["y"])
