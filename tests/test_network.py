"""bpcore.network: the checked front of the engine.  Copies, pickles, the version that
ties a trace to its network, step's checks before it writes, inputs that overflow,
inputs that alias the weights, and the public methods other modules use."""
import copy
import pickle
import re

import numpy as np
import pytest

import bpcore
from bpcore import engine, examples
from bpcore.network import Grads, Trace

X, Y = examples.DOC001["x"], examples.DOC001["y"]


def values(net):
    return [a.copy() for a in net.W[1:] + net.b[1:]]


def same(a, b):
    return all(p.tobytes() == q.tobytes() for p, q in zip(a, b))


# ---- copies and pickles: whole, independent networks ---------------------------------
COPIES = {"copy()": lambda n: n.copy(), "copy.copy": copy.copy, "copy.deepcopy": copy.deepcopy,
          "pickle": lambda n: pickle.loads(pickle.dumps(n))}


@pytest.mark.parametrize("how", COPIES)
def test_a_copy_is_another_network_that_refuses_the_originals_trace(how):
    net = examples.network_2_2_2()
    trace = net.forward(X)
    twin = COPIES[how](net)
    with pytest.raises(ValueError, match="trace comes from another network: call this network's forward"):
        twin.backward(trace, Y)
    with pytest.raises(ValueError, match="trace comes from another network"):
        net.backward(twin.forward(X), Y)
    assert twin.named_parameters() == net.named_parameters() and twin.labels == net.labels
    assert twin.version != net.version


@pytest.mark.parametrize("how", COPIES)
def test_a_copy_shares_no_array_or_list_with_the_original(how):
    net = examples.network_2_2_2(train_bias=True)
    twin = COPIES[how](net)
    before = values(net)
    twin.step(twin.backward(twin.forward(X), Y), 0.5)
    twin.labels[0][0] = "changed"
    twin.activation[0] = "changed"
    assert same(values(net), before) and net.labels[0][0] == "i1" and net.activation[0] == "sigmoid"
    trace = net.forward(X)                          # the original's own trace still fits it
    net.step(net.backward(trace, Y), 0.5)
    assert not same(values(net), before)


@pytest.mark.parametrize("how", COPIES)
def test_a_copy_trains_to_the_same_numbers(how):
    net = bpcore.Network([2, 3, 1], activation=["relu", "sigmoid"], loss="bce", seed=4)
    twin = COPIES[how](net)
    a = bpcore.train(net, [[0.0, 1.0], [1.0, 0.0]], [[1.0], [0.0]], 0.3, 50)
    b = bpcore.train(twin, [[0.0, 1.0], [1.0, 0.0]], [[1.0], [0.0]], 0.3, 50)
    assert a.loss.tobytes() == b.loss.tobytes() and same(values(net), values(twin))


def test_a_copys_grads_fit_the_original():
    net = examples.network_2_2_2()
    twin = net.copy()
    grads = twin.backward(twin.forward(X), Y)
    with pytest.raises(ValueError, match="another network"):
        net.copy().backward(net.forward(X), Y)
    net.step(grads, 0.5)                            # same shape: accepted


# ---- the version --------------------------------------------------------------------
def test_every_change_of_the_weights_makes_older_traces_stale():
    net = examples.network_2_2_2()
    for change in (lambda: net.__setitem__("w1", 0.2), lambda: net.set_parameters({"w2": 0.3}),
                   lambda: net.restore(net.state()), lambda: net.step(net.backward(net.forward(X), Y), 0.5),
                   lambda: bpcore.train(net, X, Y, 0.5, 1), net.mark_changed):
        trace = net.forward(X)
        change()
        with pytest.raises(ValueError, match="trace is stale: the weights changed since forward"):
            net.backward(trace, Y)


def test_mark_changed_after_writing_the_arrays_by_hand():
    net = examples.network_2_2_2()
    trace = net.forward(X)
    net.W[1][0, 0] = 0.2                            # in place: the network cannot see it ...
    net.mark_changed()                              # ... until told
    with pytest.raises(ValueError, match="stale"):
        net.backward(trace, Y)


def test_trace_and_grads_are_plain_results():
    net = examples.network_2_2_2()
    trace = net.forward(X)
    assert type(trace) is Trace and isinstance(trace.z, list) and trace.version == net.version
    assert trace.x is trace.n[0] and trace.y_hat is trace.n[2]
    grads = net.backward(trace, Y)
    assert type(grads) is Grads and isinstance(grads.dW, list) and grads.shape == net.names.shape
    assert grads["w5"] == pytest.approx(0.082167041, abs=5e-10)
    assert "w5" in vars(grads)["names"] and set(vars(trace)) == {"z", "n", "version"}


# ---- step checks everything before it writes ---------------------------------------------
@pytest.mark.parametrize("bad, what", [
    (lambda g: g.dW.__setitem__(1, g.dW[1].astype(complex)), "complex dW"),
    (lambda g: g.dW.__setitem__(2, g.dW[2].astype(object)), "object dW"),
    (lambda g: g.db.__setitem__(2, g.db[2].astype(np.float32)), "float32 db"),
    (lambda g: g.dW.__setitem__(2, g.dW[2].tolist()), "a list"),
    (lambda g: g.dW.__setitem__(2, g.dW[2][:1]), "a wrong shape"),
    (lambda g: g.dW.pop(), "a missing layer"),
])
def test_step_refuses_grads_changed_after_backward_before_writing_anything(bad, what):
    net = examples.network_2_2_2(train_bias=True)
    grads = net.backward(net.forward(X), Y)
    bad(grads)
    before = values(net)
    with pytest.raises(ValueError, match="grads were changed after backward: dW\\[k\\] and db\\[k\\] must stay "
                                         "float64 arrays of the network's shapes"):
        net.step(grads, 0.5)
    assert same(values(net), before), what


@pytest.mark.parametrize("lr", [1e160, 1e300])
def test_an_overflowing_step_is_refused_and_changes_nothing(lr):
    net = bpcore.Network([1, 1], activation="identity", seed=0)
    grads = net.backward(net.forward([1e150]), [0.0])          # dW about 1e150
    before = values(net)
    with pytest.raises(ValueError, match=re.escape(f"lr = {lr!r} makes the weights overflow to inf or NaN; try a "
                                                   f"smaller lr")):
        net.step(grads, lr)
    assert same(values(net), before)


# ---- inputs that overflow ----------------------------------------------------------------
@pytest.mark.parametrize("activation", ["relu", "identity"])
def test_a_finite_input_whose_output_overflows_is_refused(activation):
    net = bpcore.Network([2, 3, 1], activation=[activation, "identity"], seed=0)
    net.W[1][:] = [1.0, -1.0]                                  # z1 = 1e308 + 1e308 = inf
    net.W[2][:] = [1.0, -1.0, 0.5]                              # inf - inf = NaN, silently, before
    with pytest.raises(ValueError, match="x is too large for this network's weights: the output overflows to inf or NaN"):
        net.forward([1e308, -1e308])
    with pytest.raises(ValueError, match="overflows"):
        net.loss([[1e308, -1e308]], [[0.0]])


def test_a_large_input_with_a_finite_output_is_accepted():
    net = bpcore.Network([2, 3, 1], seed=0)                    # sigmoid: saturates, stays finite
    net.W[1][:] = [1.0, -1.0]
    assert np.isfinite(net.forward([1e308, -1e308]).y_hat).all()


# ---- inputs that alias the weights -----------------------------------------------------
def test_check_data_copies_arrays_that_share_memory_with_a_parameter():
    net = bpcore.Network([2, 3, 2], seed=0)
    X_alias, Y_alias = net.W[1], net.b[2][None].repeat(3, axis=0)
    X, Y = net.check_data(X_alias, Y_alias)
    assert X is not X_alias and not np.may_share_memory(X, net.W[1]) and np.array_equal(X, X_alias)
    own = np.ones((3, 2))
    assert net.check_data(own, own)[0] is own                   # nothing shared: not copied
    with pytest.raises(ValueError, match="Y must have shape \\(3, 2\\) to match the output"):
        net.check_data(own, np.ones(2))


def test_gradcheck_on_an_input_that_is_a_weight_matrix():
    net = bpcore.Network([2, 3, 1], seed=0)
    error = bpcore.gradcheck(net, net.W[1], np.ones((3, 1)) * 0.5)
    assert error < 1e-6                                         # was 1.0 when x changed under it
    assert error == bpcore.gradcheck(net, net.W[1].copy(), np.ones((3, 1)) * 0.5)


# ---- names -------------------------------------------------------------------------------
def test_numpy_integers_are_whole_numbers_in_names():
    names = {"a": ("W", np.int64(1), (np.int64(0), np.int32(1))), "c": ("b", np.int64(1), (np.int8(0),))}
    net = bpcore.Network([2, 1], names=names)
    assert net.names["a"] == ("W", 1, (0, 1)) and type(net.names["a"][1]) is int
    net["a"] = 0.25
    assert net.W[1][0, 1] == 0.25 and net["c"] == 0.0
    with pytest.raises(ValueError, match="names\\['a'\\] must be \\('W', k, \\(i, j\\)\\)"):
        bpcore.Network([2, 1], names={"a": ("W", np.int64(2), (0, 0))})
    with pytest.raises(ValueError, match="names\\['a'\\] must be"):
        bpcore.Network([2, 1], names={"a": ("W", np.bool_(True), (0, 0))})


# ---- the public front: what the other modules use ------------------------------------
def test_the_engine_is_called_with_the_networks_public_parts():
    net = examples.network_2_3_2_1()
    z, n = engine.forward(net.W, net.b, net.f, np.array([[1.0, 2.0]]))
    delta, dW, db = engine.backward(net.W, n, np.array([[1.0]]), net.dL_dy_hat, net.f_prime, net.shared_bias)
    grads = net.backward(net.forward([1.0, 2.0]), [1.0])
    for k in range(1, 4):
        assert dW[k].tobytes() == grads.dW[k].tobytes() and db[k].tobytes() == grads.db[k].tobytes()
    assert net.mean_loss(z[-1], n[-1], np.array([[1.0]])) == grads.loss
