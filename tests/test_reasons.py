"""The numbers behind notebook 01's explanations (bpcore.documents.reasons), each computed a
second, independent way here in plain Python, with the tolerance stated."""
import math

import numpy as np
import pytest

from bpcore import examples
from bpcore.documents import reasons, worked
from bpcore.draw import figures

W = worked.doc001()
X, Y = [0.05, 0.10], [0.01, 0.99]
P = dict(w1=0.15, w2=0.20, w3=0.25, w4=0.30, w5=0.40, w6=0.45, w7=0.50, w8=0.55, b1=0.35, b2=0.60)


def f(z):
    return 1 / (1 + math.exp(-z))


def loss(p, y=Y, add=None):
    """E_total of document 001's network, by hand; ``add`` moves a net input."""
    add = add or {}
    h1 = f(p["w1"] * X[0] + p["w2"] * X[1] + p["b1"] + add.get("net_h1", 0))
    h2 = f(p["w3"] * X[0] + p["w4"] * X[1] + p["b1"] + add.get("net_h2", 0))
    o1 = f(p["w5"] * h1 + p["w6"] * h2 + p["b2"] + add.get("net_o1", 0))
    o2 = f(p["w7"] * h1 + p["w8"] * h2 + p["b2"] + add.get("net_o2", 0))
    return 0.5 * ((y[0] - o1) ** 2 + (y[1] - o2) ** 2)


@pytest.mark.parametrize("name", ["w5", "w1", "b2", "net_o1", "net_h1"])
def test_doc001_nudge_is_the_central_difference_and_meets_the_backward_value(name):
    h = 1e-3
    plus, minus, slope = reasons.nudge(W, name, h)
    moved = lambda d: loss({**P, name: P[name] + d}) if name in P else loss(P, add={name: d})  # noqa: E731
    assert plus == pytest.approx(moved(h), rel=1e-13) and minus == pytest.approx(moved(-h), rel=1e-13)
    exact = reasons._backward_value(W, name)
    # central differences are off by O(h^2): within 1e-5 relative at h = 1e-3 on this network
    assert slope == pytest.approx(exact, rel=1e-5)
    assert reasons.nudge(W, name, 1e-1)[2] != pytest.approx(exact, rel=1e-6)     # a coarse nudge is further off


def test_doc001_nudge_table_shows_the_error_shrinking_a_hundredfold_per_step():
    table = str(reasons.nudge_table(W, "w5"))
    assert "0.08216704056" in table        # the backward pass's dE/dw5, to 10 digits
    errors = [abs(reasons.nudge(W, "w5", h)[2] - W.dE_dw["w5"]) for h in reasons.STEPS[:3]]
    assert errors[0] / errors[1] == pytest.approx(100, rel=0.01) and errors[1] / errors[2] == pytest.approx(100, rel=0.01)


def test_bad_nudges_are_refused_naming_the_argument():
    with pytest.raises(ValueError, match="name"):
        reasons.nudge(W, "w9", 0.1)
    with pytest.raises(ValueError, match="h"):
        reasons.nudge(W, "w5", -0.1)


def test_doc001_paths_to_out_h1_add_and_partly_cancel():
    one, two = 0.13849856162855698 * 0.4, -0.038098236516556236 * 0.5
    table = str(reasons.paths(W, "h1"))
    assert f"{one:+.6f}" in table and f"{two:+.6f}" in table and f"{one + two:+.6f}" in table
    assert f"{abs(two) / one:.0%}" == "34%" and "cancels 34%" in table


def test_doc001_first_order_prediction_is_close_for_small_eta_and_fails_for_large():
    g = np.array([W.dE_dw[k] for k in examples.DOC001_WEIGHTS])
    for lr, close in ((0.5, True), (50.0, False)):
        predicted, actual, after = reasons.first_order(W, lr)
        assert predicted == pytest.approx(-lr * float(g @ g), rel=1e-12)
        stepped = {k: P[k] - lr * W.dE_dw[k] for k in examples.DOC001_WEIGHTS}
        assert after == pytest.approx(loss({**P, **stepped}), rel=1e-12)
        assert actual == pytest.approx(after - loss(P), rel=1e-12)
        assert (abs(actual / predicted - 1) < 0.01) is close
    assert reasons.first_order(W, 0.5)[1] < 0


def test_doc001_overshoot_at_eta_100_with_targets_one_half():
    before, after, predicted = reasons.overshoot()
    assert before == pytest.approx(loss(P, y=[0.5, 0.5]), rel=1e-12)
    assert round(before, 4) == 0.0688 and round(after, 4) == 0.1586       # the numbers
    assert predicted < 0 < after - before


def test_doc001_gradient_sizes_factor_into_input_slope_weight_and_cancellation():
    text = str(reasons.size_factors(W))
    ratio = W.dE_dw["w1"] / W.dE_dw["w5"]
    assert f"{ratio:.6f}" in text and "= 1/187" in text
    left = 1 + (W.delta_o2 * 0.5) / (W.delta_o1 * 0.4)
    assert 0.05 / W.out_h1 * W.douth1_dneth1 * 0.4 * left == pytest.approx(ratio, rel=1e-12)
    assert W.douth1_dneth1 <= 0.25


def test_doc001_shared_bias_gradients_are_sums_of_deltas():
    assert W.grads["b2"] == pytest.approx(W.delta_o1 + W.delta_o2, rel=1e-12)
    assert W.grads["b1"] == pytest.approx(W.delta_h1 + W.delta_h2, rel=1e-12)
    h = 1e-6
    assert W.grads["b2"] == pytest.approx((loss({**P, "b2": 0.6 + h}) - loss({**P, "b2": 0.6 - h})) / (2 * h), rel=1e-6)
    assert "0.1004003251" in str(reasons.bias_gradients(W))


def test_doc001_training_the_biases_too_ends_lower():
    text = str(reasons.biases_trained(steps=10000))
    fixed, trained = (float(line.split("|")[2]) for line in text.splitlines()[2:4])
    assert fixed == pytest.approx(3.510e-05, rel=1e-3) and trained == pytest.approx(4.355e-06, rel=1e-3)


def test_doc001_updating_w5_to_w8_first_changes_w1s_gradient():
    new = W.new
    d_h1 = (W.delta_o1 * new["w5"] + W.delta_o2 * new["w7"]) * W.out_h1 * (1 - W.out_h1)
    text = str(reasons.update_order(W))
    assert f"{d_h1 * 0.05:.9f}" in text and f"{W.dE_dw['w1']:.9f}" in text
    assert abs(d_h1 * 0.05 / W.dE_dw["w1"] - 1) > 0.1          # 17% off: not the gradient


def test_doc001_numpy_quantities_and_the_likely_slips():
    expected = reasons.expected_quantities(W)
    assert set(expected) == {"out_h", "out_o", "E", "delta_o", "delta_h", "dE_dW2", "dE_dW1"}
    mistakes = reasons.hidden_delta_mistakes(W)
    for wrong, _ in mistakes["delta_h"]:
        assert not np.allclose(wrong, W.grads.delta[1], rtol=1e-3)
    from bpcore.documents import exercises
    verdict = exercises.check_quantities({"delta_h": mistakes["delta_h"][0][0]}, {"delta_h": expected["delta_h"]},
                                         mistakes=mistakes)
    assert "Did you multiply by W2 instead of its transpose" in verdict
    table = str(reasons.against_bpcore(expected, W))
    assert table.count("✓") == 7
    assert "✗" in str(reasons.against_bpcore({"E": 0.3}, W)) and str(reasons.against_bpcore({"E": 0.3}, W)).count("|\n") == 2


def test_gradient_bars_on_a_log_scale_show_sizes_with_the_sign_in_colour():
    import matplotlib.pyplot as plt
    values = list(W.dE_dw.values())
    bars = figures.gradient_bars(list(W.dE_dw), values, log=True, lang="zh")
    ax = bars[0].axes
    assert ax.get_yscale() == "log"
    assert [b.get_height() for b in bars] == pytest.approx([abs(v) for v in values], rel=1e-15)
    assert ax.get_ylim()[0] < min(abs(v) for v in values)      # the smallest bar is on the chart
    assert "对数坐标" in ax.get_ylabel() and "$" not in ax.get_ylabel()     # no mathtext: its font has no Chinese
    plt.close(ax.figure)
    bars = figures.gradient_bars(list(W.dE_dw), values)
    assert bars[0].axes.get_yscale() == "linear"
    plt.close(bars[0].axes.figure)


def test_notebook01_engine_map_quotes_lines_that_are_in_bpcores_backward():
    """The table of notebook 01 that maps bpcore.engine.backward's lines to the equations
    quotes each line as it is in the source, in both editions."""
    import inspect
    import json
    import re
    from pathlib import Path

    from bpcore import engine
    source = " ".join(inspect.getsource(engine.backward).split())
    root = Path(__file__).resolve().parent.parent / "notebooks"
    for lang in ("en", "zh"):
        cells = json.loads((root / lang / "01_bp_2-2-2_worked_example.ipynb").read_text(encoding="utf-8"))["cells"]
        table = "".join(next(c for c in cells if c.get("id") == "engine-map")["source"])
        lines = [(line, label) for label, line in re.findall(r"^\| \((BP\d)\) `([^`]+)` \|", table, re.M)]
        assert len(lines) == 5
        for line, label in lines:
            assert line in source, line
            assert re.search(re.escape(line) + r"\s*#\s*\(" + label + r"\)", inspect.getsource(engine.backward)), line


def test_doc001_update_order_at_eta_5_flips_the_sign_of_w1s_sequential_gradient():
    # the notebook's claim: at η = 0.5 the schemes barely differ; at η = 5 the gradient of w1
    # computed with the new w5..w8 has the opposite sign of the true one (0.000438568)
    rows = [r.split(" | ") for r in str(reasons.update_order(W, lrs=(0.5, 5.0))).split("\n")[2:]]
    assert [r[0].strip("| ") for r in rows] == ["0.5", "0.5", "5", "5"]
    grads = [float(r[2]) for r in rows]
    assert grads[0] == grads[2] == pytest.approx(float(W.dE_dw["w1"]), abs=5e-10)     # printed to 9 places
    assert grads[1] > 0 > grads[3]                                   # sequential: + at 0.5, − at 5
    after = [float(r[4].strip(" |")) for r in rows]
    assert abs(after[0] - after[1]) < 1e-6 and abs(after[2] - after[3]) < 1e-4
    assert str(reasons.update_order(W)).startswith("| update |")     # no η column by default
