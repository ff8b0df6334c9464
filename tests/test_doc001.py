"""Document 001 (the 2-2-2 network): every quantity two ways.

bpcore's vectorised passes are compared with the document's chain rule written
out scalar by scalar in plain Python (math.exp, no numpy), to 1e-12.
"""
import math

import pytest

from bpcore import examples, gradcheck, train
from bpcore.documents import worked

TOL = 1e-12


def f(z):
    return 1.0 / (1.0 + math.exp(-z))


@pytest.fixture(scope="module")
def hand():
    """The document's procedure by hand, one scalar at a time."""
    i1, i2, t1, t2, eta = 0.05, 0.10, 0.01, 0.99, 0.5
    w1, w2, w3, w4, w5, w6, w7, w8 = 0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55
    b1, b2 = 0.35, 0.60
    h = {}
    h["net_h1"] = w1 * i1 + w2 * i2 + b1
    h["net_h2"] = w3 * i1 + w4 * i2 + b1
    h["out_h1"], h["out_h2"] = f(h["net_h1"]), f(h["net_h2"])
    h["net_o1"] = w5 * h["out_h1"] + w6 * h["out_h2"] + b2
    h["net_o2"] = w7 * h["out_h1"] + w8 * h["out_h2"] + b2
    o1, o2 = f(h["net_o1"]), f(h["net_o2"])
    h["out_o1"], h["out_o2"] = o1, o2
    h["E_total"] = 0.5 * (t1 - o1) ** 2 + 0.5 * (t2 - o2) ** 2
    d_o1 = (o1 - t1) * o1 * (1 - o1)
    d_o2 = (o2 - t2) * o2 * (1 - o2)
    h["delta_o1"], h["delta_o2"] = d_o1, d_o2
    dE = {"w5": d_o1 * h["out_h1"], "w6": d_o1 * h["out_h2"],
          "w7": d_o2 * h["out_h1"], "w8": d_o2 * h["out_h2"]}
    dE_douth1 = d_o1 * w5 + d_o2 * w7
    dE_douth2 = d_o1 * w6 + d_o2 * w8
    d_h1 = dE_douth1 * h["out_h1"] * (1 - h["out_h1"])
    d_h2 = dE_douth2 * h["out_h2"] * (1 - h["out_h2"])
    h["dE_douth1"], h["dE_douth2"] = dE_douth1, dE_douth2
    dE.update({"w1": d_h1 * i1, "w2": d_h1 * i2, "w3": d_h2 * i1, "w4": d_h2 * i2})
    h["dE_dw"] = dE
    old = dict(zip(["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"], [w1, w2, w3, w4, w5, w6, w7, w8]))
    h["new"] = {k: old[k] - eta * dE[k] for k in old}
    return h


@pytest.fixture(scope="module")
def w():
    return worked.doc001()


@pytest.mark.parametrize("name", ["net_h1", "net_h2", "out_h1", "out_h2", "net_o1", "net_o2",
                                  "out_o1", "out_o2", "E_total", "delta_o1", "delta_o2",
                                  "dE_douth1", "dE_douth2"])
def test_doc001_intermediate_matches_hand_chain_rule(w, hand, name):
    assert getattr(w, name) == pytest.approx(hand[name], abs=TOL)


@pytest.mark.parametrize("weight", ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"])
def test_doc001_dE_dw_matches_hand_chain_rule(w, hand, weight):
    assert w.dE_dw[weight] == pytest.approx(hand["dE_dw"][weight], abs=TOL)


@pytest.mark.parametrize("weight", ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"])
def test_doc001_updated_weight_matches_hand(w, hand, weight):
    assert w.new[weight] == pytest.approx(hand["new"][weight], abs=TOL)


def test_doc001_all_gradients_pinned(w):
    # Computed once by the hand chain rule above; pinned to 1e-12.
    expected = {"w1": 0.000438567734474, "w2": 0.000877135468949, "w3": 0.000497712735261,
                "w4": 0.000995425470522, "w5": 0.082167040564231, "w6": 0.082667627847533,
                "w7": -0.022602540477475, "w8": -0.022740242215978}
    for name, value in expected.items():
        assert w.dE_dw[name] == pytest.approx(value, abs=1e-12), name


def test_doc001_biases_are_shared_and_not_trained():
    net = examples.network_2_2_2()
    assert net.b[1].shape == (1,) and net.b[2].shape == (1,)
    grads = net.backward(net.forward(examples.DOC001["x"]), examples.DOC001["y"])
    net.step(grads, 0.5)
    assert net["b1"] == 0.35 and net["b2"] == 0.60
    assert net["w5"] == pytest.approx(0.358916479717885, abs=1e-12)


def test_doc001_shared_bias_gradient_is_sum_of_its_neurons_deltas():
    net = examples.network_2_2_2(train_bias=True)
    grads = net.backward(net.forward(examples.DOC001["x"]), examples.DOC001["y"])
    assert grads["b2"] == pytest.approx(grads.delta[2].sum(), abs=1e-15)
    assert grads["b2"] == pytest.approx(0.100400325112001, abs=1e-12)
    net.step(grads, 0.5)
    assert net["b2"] == pytest.approx(0.60 - 0.5 * 0.100400325112001, abs=1e-12)


def test_doc001_per_neuron_biases_start_at_layer_value_and_agree_with_shared():
    shared = examples.network_2_2_2(train_bias=True)
    own = examples.network_2_2_2(train_bias=True, shared_bias=False)
    assert own.named_parameters()["b1_h2"] == 0.35 and own["b2_o1"] == 0.60
    x, y = examples.DOC001["x"], examples.DOC001["y"]
    g_own = own.backward(own.forward(x), y)
    g_shared = shared.backward(shared.forward(x), y)
    assert g_own["b2_o1"] + g_own["b2_o2"] == pytest.approx(g_shared["b2"], abs=1e-15)
    assert gradcheck(own, x, y) < 1e-6


def test_doc001_training_converges_towards_targets():
    # The document says repeating the update makes the output approach the target.
    net = examples.network_2_2_2()
    history = train(net, examples.DOC001["x"], examples.DOC001["y"], 0.5, 10000)
    assert history.loss[0] == pytest.approx(0.298371108760003, abs=1e-12)
    assert history.loss[-1] < 1e-4
    assert all(history.loss[1:] <= history.loss[:-1])
