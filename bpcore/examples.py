"""The two documents' networks and data, exactly as each document sets them up.

Document 001 (notebook 01): 2 inputs i1, i2 -> hidden h1, h2 -> outputs o1, o2,
sigmoid everywhere, weights w1..w8, one bias per layer (b1, b2) that is never
trained, x = (0.05, 0.10), target (0.01, 0.99), eta = 0.5.

Document 000 (notebook 02): 2 inputs -> 3 -> 2 -> 1, sigmoid everywhere,
weights named w_(from,to) and biases b1..b6, x = (1, 2), label 1, eta = 0.1,
and an update rule with an extra "+W" term (weight decay with coefficient 1).
"""
import numpy as np

from .network import Network

# ---- document 001 -----------------------------------------------------------
#: Document 001's sample, target and learning rate.
DOC001 = {"x": np.array([0.05, 0.10]), "y": np.array([0.01, 0.99]), "lr": 0.5}

#: w1..w8 as document 001 numbers them: w1, w2 feed h1 from i1, i2; w3, w4 feed h2;
#: w5, w6 feed o1 from h1, h2; w7, w8 feed o2.
DOC001_WEIGHTS = {"w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30,
                  "w5": 0.40, "w6": 0.45, "w7": 0.50, "w8": 0.55}
DOC001_BIASES = {"b1": 0.35, "b2": 0.60}
DOC001_LABELS = [["i1", "i2"], ["h1", "h2"], ["o1", "o2"]]


def _names_001(shared_bias):
    names = {}
    for number in range(1, 9):
        k = 1 if number <= 4 else 2
        flat = (number - 1) % 4
        names[f"w{number}"] = ("W", k, (flat // 2, flat % 2))
    if shared_bias:
        names.update({"b1": ("b", 1, (0,)), "b2": ("b", 2, (0,))})
    else:
        for k, layer in ((1, "h"), (2, "o")):
            for i in range(2):
                names[f"b{k}_{layer}{i + 1}"] = ("b", k, (i,))
    return names


def network_2_2_2(train_bias=False, shared_bias=True):
    """Document 001's network with its initial values (a ``Network``).

    As in the document, each layer has one bias shared by its neurons and the
    biases are not trained.  ``train_bias=True`` lets ``step`` update them;
    ``shared_bias=False`` gives each neuron its own bias (named b1_h1, b1_h2,
    b2_o1, b2_o2), each starting at its layer's value.
    """
    net = Network([2, 2, 2], activation="sigmoid", loss="half_sse", shared_bias=shared_bias,
                  train_bias=train_bias, names=_names_001(shared_bias), labels=DOC001_LABELS)
    net.set_parameters(DOC001_WEIGHTS)
    net.b[1][...] = DOC001_BIASES["b1"]
    net.b[2][...] = DOC001_BIASES["b2"]
    return net


# ---- document 000 -----------------------------------------------------------
#: Document 000's sample, label, learning rate and the coefficient of its "+W" term.
DOC000 = {"x": np.array([1.0, 2.0]), "y": np.array([1.0]), "lr": 0.1, "weight_decay": 1.0}

DOC000_W = {1: [[2, 1], [1, 3], [3, 2]], 2: [[1, 1, 2], [3, 2, 2]], 3: [[1, 3]]}
DOC000_B = {1: [1, 2, 3], 2: [2, 1], 3: [2]}
#: neuron k is the document's neu_k (layer 1: 1-3, layer 2: 4, 5, layer 3: 6); the
#: parameter names and the diagrams write just k
DOC000_LABELS = DOC000_UNITS = [["x1", "x2"], ["1", "2", "3"], ["4", "5"], ["6"]]


def _names_000():
    names = {}
    for k in (1, 2, 3):
        for i, to in enumerate(DOC000_UNITS[k]):
            for j, frm in enumerate(DOC000_UNITS[k - 1]):
                names[f"w_({frm},{to})"] = ("W", k, (i, j))
    for k in (1, 2, 3):
        for i, unit in enumerate(DOC000_UNITS[k]):
            names[f"b{unit}"] = ("b", k, (i,))
    return names


def network_2_3_2_1(loss="half_sse"):
    """Document 000's network with the weights and biases it prints (a ``Network``).

    loss: the document's "half_sse" (1/2 sum (y - y_hat)^2), or "bce" (binary cross-entropy,
    which notebook 02 compares with it on the same weights).

    Parameters are named as the document names them: ``w_(x1,1)`` is the weight
    from input x1 to neuron 1, ``w_(5,6)`` from neuron 5 to neuron 6, biases b1..b6.
    """
    net = Network([2, 3, 2, 1], activation="sigmoid", loss=loss,
                  names=_names_000(), labels=DOC000_LABELS)
    for k in (1, 2, 3):
        net.W[k][...] = DOC000_W[k]
        net.b[k][...] = DOC000_B[k]
    return net
