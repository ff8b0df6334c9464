"""Why each step of document 001's example holds, in numbers: the tables notebook 01 shows
beside its explanations.

- ``nudge_table``: change one weight (or one neuron's net input) by ±h, recompute E, and
  set the slope (E(+h) − E(−h)) / 2h beside what the backward pass gave: the derivative
  made visible before the chain rule;
- ``paths``: the two paths from out_h to E, each as a number, and how much they cancel;
- ``first_order_table``: the change of E that the first-order picture predicts for one
  step, −η Σ (∂E/∂w)², beside the real change, for several η;
- ``size_factors``: why w1's gradient is so much smaller than w5's, as four factors (the
  small input, one more sigmoid slope, the weight, the two paths' cancellation);
- ``bias_gradients``, ``biases_trained``: what the document leaves out;
- ``update_order``: the document's simultaneous update against updating w5…w8 first;
- ``against_bpcore``, ``hidden_delta_mistakes``: the notebook's numpy backward pass and
  the student's own, checked against bpcore (``exercises.check_quantities``);
- ``overshoot``: one step at a large η that makes E rise.

Every number comes from bpcore's network (``examples.network_2_2_2``) and its passes,
apart from ``nudge_table``'s net inputs, which a plain forward pass here perturbs.
Headings in both languages come from ``captions``.
"""
import numpy as np

from .. import checks, examples
from ..activations import sigmoid
from ..training import train
from . import captions, worked
from .report import markdown_table, num

UNITS = ("h1", "h2", "o1", "o2")
#: the steps of ``nudge_table``: each ten times smaller
STEPS = (1e-1, 1e-2, 1e-3, 1e-4)


def _texts(lang):
    checks.language(lang)
    return lambda key, **values: captions.text(key, lang, **values)


def _loss_with(w, name, h):
    """E_total with ``name`` (a parameter, or a unit's net input "net_o1") moved by ``h``."""
    if name.startswith("net_"):
        unit = name[4:]
        net = w.net
        add_h = np.array([h if unit == "h1" else 0.0, h if unit == "h2" else 0.0])
        add_o = np.array([h if unit == "o1" else 0.0, h if unit == "o2" else 0.0])
        out_h = sigmoid(net.W[1] @ w.x + net.b[1] + add_h)
        out_o = sigmoid(net.W[2] @ out_h + net.b[2] + add_o)
        return 0.5 * float(np.sum((w.y - out_o) ** 2))
    moved = w.net.copy()
    moved[name] = w.net[name] + h
    return float(moved.loss(w.x, w.y))


def _backward_value(w, name):
    if name.startswith("net_"):
        return float(getattr(w, f"delta_{name[4:]}"))
    return float(w.grads[name])


def nudge(w, name, h):
    """(E(+h), E(−h), (E(+h) − E(−h)) / 2h) for ``name``, a parameter ("w5", "b2") or a net input ("net_o1")."""
    if not (isinstance(name, str) and (name in w.net.names or name[4:] in UNITS and name.startswith("net_"))):
        raise ValueError(f"name must be a parameter (w1..w8, b1, b2) or a net input (net_h1..net_o2), got {name!r}")
    h = checks.positive_number(h, "h")
    plus, minus = _loss_with(w, name, h), _loss_with(w, name, -h)
    return plus, minus, (plus - minus) / (2 * h)


def _symbol(name):
    if name.startswith("net_"):
        return rf"net_{{{name[4:]}}}"
    return rf"{name[0]}_{name[1:]}"


def nudge_table(w, name, steps=STEPS, lang="en"):
    """For each h in ``steps``: E with ``name`` moved by +h and by −h, the slope between them,
    and its difference from what the backward pass gave (∂E/∂w, or δ for a net input)."""
    t = _texts(lang)
    exact = _backward_value(w, name)
    s = _symbol(name)
    rows = []
    for h in steps:
        plus, minus, slope = nudge(w, name, h)
        gap = slope - exact
        # below 1e-12 the gap is rounding noise of E's last digits (about 1e-17 / h), not the nudge's error
        rows.append([f"{h:g}", num(plus, 10), num(minus, 10), num(slope, 10), f"{gap:.1e}" if abs(gap) >= 1e-12 else "< 1e-12"])
    back = (rf"\delta_{{{name[4:]}}}" if name.startswith("net_") else rf"\partial E_{{total}}/\partial {s}")
    header = ["h", f"$E({s}+h)$", f"$E({s}-h)$", t("reasons.slope"), t("reasons.minus_backward")]
    table = markdown_table(header, rows, ["---:"] * 5)
    return type(table)(str(table) + "\n\n" + t("reasons.backward_value", symbol=back, value=num(exact, 10)))


def paths(w, unit="h1", lang="en"):
    """The two paths from ``out_<unit>`` to E (through o1 and through o2): each one's
    ∂E_o/∂out = δ_o · w, their sum, and how much of the larger the smaller cancels."""
    t = _texts(lang)
    if unit not in ("h1", "h2"):
        raise ValueError(f"unit must be 'h1' or 'h2', got {unit!r}")
    via = {"h1": ("w5", "w7"), "h2": ("w6", "w8")}[unit]
    one, two = (float(getattr(w, f"dE{o}_dout{unit}")) for o in ("o1", "o2"))
    total = float(getattr(w, f"dE_dout{unit}"))
    rows = [[rf"$o_1$ ({via[0]})", rf"$\delta_{{o1}} \cdot {_symbol(via[0])}$",
             f"{float(w.delta_o1):.6f} × {w.net[via[0]]:g}", f"{one:+.6f}"],
            [rf"$o_2$ ({via[1]})", rf"$\delta_{{o2}} \cdot {_symbol(via[1])}$",
             f"{float(w.delta_o2):.6f} × {w.net[via[1]]:g}", f"{two:+.6f}"],
            [t("report.sum"), rf"$\partial E_{{total}}/\partial out_{{{unit}}}$", "", f"{total:+.6f}"]]
    table = markdown_table([t("reasons.path"), t("reasons.formula"), t("reasons.numbers"), t("reasons.value")], rows,
                           ["---", "---", "---:", "---:"])
    small, large = sorted((one, two), key=abs)
    note = t("reasons.cancels", share=abs(small) / abs(large)) if small * large < 0 else t("reasons.reinforce")
    return type(table)(str(table) + "\n\n" + note)


def first_order(w, lr):
    """(predicted ΔE = −η Σ (∂E/∂w)², actual ΔE, E after) for one step of all eight weights at ``lr``."""
    lr = checks.positive_number(lr, "lr")
    after = worked.doc001(w.net, w.x, w.y, lr)
    g = np.array([float(v) for v in after.dE_dw.values()])
    return -lr * float(np.sum(g ** 2)), float(after.E_total_after - after.E_total), float(after.E_total_after)


def first_order_table(w, lrs=(0.5, 5.0, 50.0), lang="en"):
    """For each η: the first-order prediction of ΔE, the real ΔE after the step, and E after it."""
    t = _texts(lang)
    rows = []
    for lr in lrs:
        predicted, actual, after = first_order(w, lr)
        rows.append([f"{lr:g}", f"{predicted:.6f}", f"{actual:.6f}", f"{after:.6f}", f"{actual / predicted:.3f}"])
    header = [r"$\eta$", t("reasons.predicted"), t("reasons.actual"), t("reasons.E_after", E=f"{w.E_total:.6f}"),
              t("reasons.ratio")]
    return markdown_table(header, rows, ["---:"] * 5)


def size_factors(w, lang="en"):
    """Why ∂E/∂w1 is so much smaller than ∂E/∂w5: their ratio as the product of four factors,

        ∂E/∂w1 / ∂E/∂w5 = (i1 / out_h1) · f′(net_h1) · w5 · (1 + δ_o2 w7 / (δ_o1 w5)),

    the small input, one more sigmoid slope (at most 0.25), the weight the error comes back
    through, and what is left after the path through o2 cancels part of the one through o1.
    Returns a table, the last rows the product and bpcore's ratio."""
    t = _texts(lang)
    i1, out_h1, slope = float(w.i1), float(w.out_h1), float(w.douth1_dneth1)
    w5 = w.net["w5"]
    left = 1 + float(w.dEo2_douth1) / float(w.dEo1_douth1)
    factors = [(r"$i_1 / out_{h1}$", t("reasons.factor_input"), i1 / out_h1),
               (r"$f'(net_{h1}) \le 0.25$", t("reasons.factor_slope"), slope),
               (r"$w_5$", t("reasons.factor_weight"), w5),
               (r"$1 + \dfrac{\delta_{o2} w_7}{\delta_{o1} w_5}$", t("reasons.factor_cancel"), left)]
    product = float(np.prod([v for _, _, v in factors]))
    ratio = float(w.dE_dw["w1"]) / float(w.dE_dw["w5"])
    rows = [[symbol, words, f"{value:.6f}"] for symbol, words, value in factors]
    rows.append([t("reasons.product"), "", f"{product:.6f}"])
    rows.append([r"$\dfrac{\partial E/\partial w_1}{\partial E/\partial w_5}$", t("reasons.bpcore_ratio"),
                 f"{ratio:.6f} = 1/{1 / ratio:.0f}"])
    return markdown_table([t("reasons.factor"), t("reasons.meaning"), t("reasons.value")], rows, ["---", "---", "---:"])


def bias_gradients(w, lang="en"):
    """∂E/∂b for the two shared biases, from the δs (a shared bias feeds every neuron of its
    layer with input 1, so its gradient is the sum of their δs), beside bpcore's."""
    t = _texts(lang)
    rows = [[r"$b_2$", r"$\delta_{o1} + \delta_{o2}$", f"{float(w.delta_o1):.6f} + ({float(w.delta_o2):.6f})",
             num(float(w.delta_o1 + w.delta_o2), 10), num(w.grads["b2"], 10)],
            [r"$b_1$", r"$\delta_{h1} + \delta_{h2}$", f"{float(w.delta_h1):.6f} + {float(w.delta_h2):.6f}",
             num(float(w.delta_h1 + w.delta_h2), 10), num(w.grads["b1"], 10)]]
    header = [t("reasons.bias"), t("reasons.formula"), t("reasons.numbers"), t("reasons.from_deltas"),
              t("reasons.bpcore_grad")]
    return markdown_table(header, rows, ["---", "---", "---:", "---:", "---:"])


def biases_trained(steps=10000, lr=None, lang="en"):
    """E_total after ``steps`` steps with the biases fixed (as the document) and trained too."""
    t = _texts(lang)
    d = examples.DOC001
    lr = d["lr"] if lr is None else lr
    rows = []
    for train_bias in (False, True):
        net = examples.network_2_2_2(train_bias=train_bias)
        train(net, d["x"], d["y"], lr, steps)
        rows.append([t("reasons.biases_trained" if train_bias else "reasons.biases_fixed"), f"{net.loss(d['x'], d['y']):.3e}",
                     f"{net['b1']:.4f}", f"{net['b2']:.4f}"])
    return markdown_table([t("reasons.setting"), t("reasons.E_after_steps", steps=steps), r"$b_1$", r"$b_2$"], rows,
                          ["---", "---:", "---:", "---:"])


def update_order(w, lrs=None, lang="en"):
    """∂E/∂w1 and E after one step, done as the document does (every gradient at the old
    weights, then all updated together) and with w5…w8 updated first and w1…w4's gradients
    then computed with the new w5…w8 (the rest of the backward pass unchanged).

    lrs: the learning rates to compare, one pair of rows each, with an η column (default: the
    one step of ``w`` at its own η, without that column)."""
    t = _texts(lang)
    rows = []
    for lr in ((w.lr,) if lrs is None else lrs):
        at = w if lrs is None else worked.doc001(w.net, w.x, w.y, checks.positive_number(lr, "lr"))
        new = at.new
        # the hidden deltas again, with the new w5..w8 where the old ones were used
        W2_new = np.array([[new["w5"], new["w6"]], [new["w7"], new["w8"]]])
        delta_o = np.array([float(at.delta_o1), float(at.delta_o2)])
        out_h = np.array([float(at.out_h1), float(at.out_h2)])
        delta_h = (W2_new.T @ delta_o) * out_h * (1 - out_h)
        grads_in = {"w1": delta_h[0] * at.i1, "w2": delta_h[0] * at.i2, "w3": delta_h[1] * at.i1, "w4": delta_h[1] * at.i2}
        sequential = at.net.copy()
        sequential.set_parameters({**{k: new[k] for k in ("w5", "w6", "w7", "w8")},
                                   **{k: at.net[k] - at.lr * float(g) for k, g in grads_in.items()}})
        eta = [] if lrs is None else [f"{at.lr:g}"]
        rows += [eta + [t("reasons.simultaneous"), f"{float(at.dE_dw['w1']):.9f}", f"{new['w1']:.9f}",
                        f"{float(at.E_total_after):.9f}"],
                 eta + [t("reasons.sequential"), f"{float(grads_in['w1']):.9f}", f"{sequential['w1']:.9f}",
                        f"{float(sequential.loss(at.x, at.y)):.9f}"]]
    header = [t("reasons.order"), r"$\partial E/\partial w_1$", r"$w_1^{new}$", t("reasons.E_after_one")]
    align = ["---", "---:", "---:", "---:"]
    if lrs is not None:
        header, align = [r"$\eta$"] + header, ["---:"] + align
    return markdown_table(header, rows, align)


def against_bpcore(mine, w, lang="en"):
    """A table: each quantity of a hand-written forward and backward pass (a dict with some of
    out_h, out_o, E, delta_o, delta_h, dE_dW2, dE_dW1) beside bpcore's, ✓ where they agree to 1e-12 relative."""
    t = _texts(lang)
    rows = []
    for name, theirs in expected_quantities(w).items():
        if name not in mine:
            continue
        value = np.asarray(mine[name], float)
        same = value.shape == np.shape(theirs) and np.allclose(value, theirs, rtol=1e-12, atol=0.0)
        show = lambda a: ", ".join(f"{v:.9f}" for v in np.ravel(a))  # noqa: E731
        rows.append([f"`{name}`", show(value), show(theirs), "✓" if same else "✗"])
    return markdown_table([t("reasons.quantity"), t("reasons.numpy"), "bpcore", t("reasons.agree")], rows,
                          ["---", "---:", "---:", "---:"])


def expected_quantities(w):
    """bpcore's values of the quantities the notebook's numpy backward pass computes, by the same names."""
    return {"out_h": w.trace.n[1], "out_o": w.trace.n[2], "E": w.E_total, "delta_o": w.grads.delta[2],
            "delta_h": w.grads.delta[1], "dE_dW2": w.grads.dW[2], "dE_dW1": w.grads.dW[1]}


def hidden_delta_mistakes(w):
    """The likely slips in writing the hidden layer's δ and ∂E/∂W1, each with its hint key."""
    W2, delta_o = w.net.W[2], w.grads.delta[2]
    out_h, out_o, x = w.trace.n[1], w.trace.n[2], w.x
    slope_h = out_h * (1 - out_h)
    wrong = {
        "no_transpose": (W2 @ delta_o) * slope_h,
        "no_slope": W2.T @ delta_o,
        "output_slope": (W2.T @ delta_o) * out_o * (1 - out_o),
        "one_path": np.array([delta_o[0] * W2[0, 0], delta_o[0] * W2[0, 1]]) * slope_h,
    }
    mistakes = {"delta_h": [(value, f"exercise.hint_{key}") for key, value in wrong.items()]}
    mistakes["dE_dW1"] = [(np.outer(x, w.grads.delta[1]), "exercise.hint_outer_order"),
                          (np.outer(w.grads.delta[1], out_h), "exercise.hint_hidden_input")]
    return mistakes


def overshoot(targets=(0.5, 0.5), lr=100.0):
    """One step of all eight weights on document 001's network with ``targets`` at ``lr``:
    (E before, E after, the first-order prediction of the change)."""
    w = worked.doc001(y=np.asarray(targets, float), lr=lr)
    predicted, actual, after = first_order(w, lr)
    return float(w.E_total), after, predicted
