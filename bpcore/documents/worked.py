"""The two documents' worked examples, every intermediate quantity computed by bpcore.

``doc001()`` and ``doc000()`` each return a ``Worked`` namespace whose fields
are named after the documents' symbols (``out_o1``, ``dE_dw5``, ``delta3``...).
Every field is read off one forward pass, one backward pass and one update of
the ``Network``; the chain-rule factors are the pieces those passes multiply.

Notebooks 01 and 02 show these numbers section by section; ``errata`` compares
them with what the documents print.
"""
from types import SimpleNamespace

import numpy as np

from .. import engine, examples
from ..network import Grads
from ..activations import sigmoid_prime
from ..losses import half_sse, half_sse_prime


class Worked(SimpleNamespace):
    """A namespace of named quantities; ``repr`` lists them one per line."""

    def __repr__(self):
        rows = [f"  {k} = {v!r}" for k, v in vars(self).items() if not k.startswith("_")]
        return "Worked(\n" + "\n".join(rows) + "\n)"


def doc001(net=None, x=None, y=None, lr=None):
    """Document 001's forward pass, total error, chain rule for every weight, and update.

    With no arguments this is exactly the document's set-up; the dashboard passes
    its current network, input, target and learning rate.
    """
    net = examples.network_2_2_2() if net is None else net
    x = examples.DOC001["x"] if x is None else np.asarray(x, float)
    y = examples.DOC001["y"] if y is None else np.asarray(y, float)
    lr = examples.DOC001["lr"] if lr is None else lr
    trace = net.forward(x)
    grads = net.backward(trace, y)
    w = SimpleNamespace(**net.named_parameters())
    (i1, i2), (net_h1, net_h2), (out_h1, out_h2) = x, trace.z[1], trace.n[1]
    (net_o1, net_o2), (out_o1, out_o2) = trace.z[2], trace.n[2]
    E_o = 0.5 * (y - trace.n[2]) ** 2           # each output's share of E_total
    dE_dout_o = half_sse_prime(y, trace.n[2])   # out_o - target_o
    dout_dnet_o = sigmoid_prime(trace.z[2])     # out_o (1 - out_o)
    delta_o = grads.delta[2]                    # dE/dnet_o = product of the two
    # w1's chain: h1 hears from o1 through w5 and from o2 through w7.
    dEo1_douth1, dEo2_douth1 = delta_o[0] * w.w5, delta_o[1] * w.w7
    dEo1_douth2, dEo2_douth2 = delta_o[0] * w.w6, delta_o[1] * w.w8
    dE_douth = net.W[2].T @ delta_o
    douth_dneth = sigmoid_prime(trace.z[1])
    after = net.copy()
    after.step(grads, lr)
    new = after.named_parameters()
    return Worked(
        net=net, trace=trace, grads=grads, x=x, y=y, lr=lr,
        i1=i1, i2=i2, net_h1=net_h1, net_h2=net_h2, out_h1=out_h1, out_h2=out_h2,
        net_o1=net_o1, net_o2=net_o2, out_o1=out_o1, out_o2=out_o2,
        E_o1=E_o[0], E_o2=E_o[1], E_total=float(half_sse(y, trace.n[2])),
        dE_dout_o1=dE_dout_o[0], dE_dout_o2=dE_dout_o[1],
        dout_o1_dnet_o1=dout_dnet_o[0], dout_o2_dnet_o2=dout_dnet_o[1],
        delta_o1=delta_o[0], delta_o2=delta_o[1],
        dEo1_douth1=dEo1_douth1, dEo2_douth1=dEo2_douth1,
        dEo1_douth2=dEo1_douth2, dEo2_douth2=dEo2_douth2,
        dE_douth1=dE_douth[0], dE_douth2=dE_douth[1],
        douth1_dneth1=douth_dneth[0], douth2_dneth2=douth_dneth[1],
        delta_h1=grads.delta[1][0], delta_h2=grads.delta[1][1],
        dE_dw={name: grads[name] for name in examples.DOC001_WEIGHTS},
        new={name: new[name] for name in examples.DOC001_WEIGHTS},
        E_total_after=after.loss(x, y),
    )


def doc000(net=None, x=None, y=None, lr=None, weight_decay=None):
    """Document 000's worked example: forward pass, delta of all three layers, and
    the update of all three layers with its rule W <- W - eta (delta n^T + W).

    ``W_new[k]`` and ``b_new[k]`` hold the updated parameters for k = 1, 2, 3
    (the document itself stops after k = 1).
    """
    net = examples.network_2_3_2_1() if net is None else net
    x = examples.DOC000["x"] if x is None else np.asarray(x, float)
    y = examples.DOC000["y"] if y is None else np.asarray(y, float)
    lr = examples.DOC000["lr"] if lr is None else lr
    weight_decay = examples.DOC000["weight_decay"] if weight_decay is None else weight_decay
    trace = net.forward(x)
    return _doc000_from(net, trace, net.backward(trace, y), x, y, lr, weight_decay)


def _doc000_from(net, trace, grads, x, y, lr, weight_decay):
    after = net.copy()
    after.step(grads, lr, weight_decay)
    f_prime = [None] + [sigmoid_prime(z) for z in trace.z[1:]]
    back = [None] + [net.W[k + 1].T @ grads.delta[k + 1] for k in range(1, net.L)] + [None]
    return Worked(
        net=net, trace=trace, grads=grads, x=x, y=y, lr=lr, weight_decay=weight_decay,
        z=trace.z, n=trace.n, y_hat=trace.y_hat, y_minus_y_hat=y - trace.y_hat,
        L=grads.loss, dL_dy_hat=half_sse_prime(y, trace.y_hat),
        f_prime=f_prime, W_T_delta=back, delta=grads.delta, dW=grads.dW, db=grads.db,
        W_new=after.W, b_new=after.b, after=after,
    )


#: The value document 000 evidently used for w_(2,5) when it computed z5 (it prints 2).
SLIPPED_W25 = 3.0


def doc000_as_printed():
    """Document 000's example computed the way the document evidently did.

    Its printed output y_hat and everything after it follow from computing z5
    with w_(2,5) = 3 (the printed W2 says 2); the backward pass then uses the
    printed W2 again.  Same fields as ``doc000()``.
    """
    d = examples.DOC000
    slipped = examples.network_2_3_2_1()
    slipped["w_(2,5)"] = SLIPPED_W25
    trace = slipped.forward(d["x"])
    net = examples.network_2_3_2_1()
    rows = [v[None] for v in trace.n]                 # one sample: the engine's one row
    delta, dW, db = engine.backward(net.W, rows, d["y"][None], net.dL_dy_hat, net.f_prime)   # the printed W2
    grads = Grads([None] + [v[0] for v in delta[1:]], dW, db, slipped.loss(d["x"], d["y"]), net.names)
    return _doc000_from(net, trace, grads, d["x"], d["y"], d["lr"], d["weight_decay"])


# ---- document 001's chain rule, factor by factor ----------------------------------
#: for each weight: (the unit it feeds, the unit it comes from), as document 001 wires them
DOC001_WIRING = {"w1": ("h1", "i1"), "w2": ("h1", "i2"), "w3": ("h2", "i1"), "w4": ("h2", "i2"),
                 "w5": ("o1", "h1"), "w6": ("o1", "h2"), "w7": ("o2", "h1"), "w8": ("o2", "h2")}


def chain001(w, weight):
    """dE_total/d(weight) of document 001 as the factors the chain rule multiplies.

    Returns a Worked with ``factors`` [(LaTeX, value), ...], their ``product``,
    ``backward`` (what the backward pass gave) and, for w1..w4, the two
    ``paths`` by which the error reaches the hidden unit: [(LaTeX, value, (delta, w)), ...].
    """
    if weight not in DOC001_WIRING:
        raise ValueError(f"weight must be one of w1..w8, got {weight!r}")
    to, frm = DOC001_WIRING[weight]
    d = lambda a, b: rf"\frac{{\partial {a}}}{{\partial {b}}}"  # noqa: E731
    if to.startswith("o"):
        factors = [(d("E_{total}", f"out_{{{to}}}"), getattr(w, f"dE_dout_{to}")),
                   (d(f"out_{{{to}}}", f"net_{{{to}}}"), getattr(w, f"dout_{to}_dnet_{to}")),
                   (d(f"net_{{{to}}}", rf"w_{weight[1]}"), getattr(w, f"out_{frm}"))]
        paths = []
    else:
        via = {"h1": ("w5", "w7"), "h2": ("w6", "w8")}[to]
        # each path: dE_o/dout_h = dE_o/dnet_o * dnet_o/dout_h = delta_o * (the weight from h to o)
        paths = [(d(f"E_{{{o}}}", f"out_{{{to}}}") + rf" = \delta_{{{o}}} \cdot w_{v[1]}",
                  getattr(w, f"dE{o}_dout{to}"), (getattr(w, f"delta_{o}"), w.net[v]))
                 for o, v in (("o1", via[0]), ("o2", via[1]))]
        factors = [(d("E_{total}", f"out_{{{to}}}"), getattr(w, f"dE_dout{to}")),
                   (d(f"out_{{{to}}}", f"net_{{{to}}}"), getattr(w, f"dout{to}_dnet{to}")),
                   (d(f"net_{{{to}}}", rf"w_{weight[1]}"), getattr(w, frm))]
    product = 1.0
    for _, value in factors:
        product *= float(value)
    return Worked(weight=weight, factors=factors, paths=paths, product=product,
                  backward=w.dE_dw[weight], result=d("E_{total}", rf"w_{weight[1]}"))
