"""Issue 24's last gap, kernel side: the playground's biases edited by hand like its weights (the model's
set_parameter with its checks and all-or-nothing undo, the picker, a bias up close, the diagram's "b"
handles and the large unit view's bias link).  The browser side is in tests/test_browser_playground.py
(``bias_checks``)."""
import html
import re

import numpy as np
import pytest

from bpcore.draw import svg
from bpcore.draw.layout import Layout
from bpcore.network import Network
from bpcore.widgets.playground import Playground
from bpcore.widgets.playground_app import PlaygroundApp
from state_snapshots import playground_state


def frames(m, n):
    for _ in range(n):
        m.train_steps(5)
    return m


# ---- the model -------------------------------------------------------------------------------------------
def test_a_bias_typed_in_is_used_saved_and_trained_on_from():
    m = frames(Playground(hidden=[3, 2]), 3)
    before_loss, before_w = m.history["train_loss"][-1], [w.copy() for w in m.net.W[1:]]
    m.set_parameter("b2[1]", -2.5)
    assert m.net.b[2][1] == -2.5 and m.steps == 15 and len(m.history["epoch"]) == 5
    assert m.history["train_loss"][-1] == m.metrics()[0] != before_loss
    assert all(np.array_equal(a, b) for a, b in zip(before_w, m.net.W[1:]))          # only the bias moved
    m.set_weight("b1[0]", 0.75)                                                       # the old name takes biases too
    assert m.net.b[1][0] == 0.75
    twin = Playground()
    twin.load_json(m.to_json())
    assert twin.net.b[2][1] == -2.5 and twin.net.b[1][0] == 0.75
    frames(m, 1)
    assert m.steps == 20 and m.net.b[2][1] != -2.5                                   # training carries on


@pytest.mark.parametrize("name, value, error, words", [
    ("b9[0]", 1.0, ValueError, "weight: unknown weight or bias 'b9\\[0\\]'"),
    ("b1[5]", 1.0, ValueError, "unknown weight or bias"),
    (None, 1.0, TypeError, "weight: the name must be a string"),
    ("b1[0]", -100.5, ValueError, "weight value must be between -100 and 100"),
    ("b1[0]", float("nan"), ValueError, "weight value"),
    ("b1[0]", "0.5", TypeError, "weight value must be a real number"),
    ("b1[0]", True, TypeError, "weight value"),
])
def test_a_bad_typed_bias_changes_nothing(name, value, error, words):
    m = frames(Playground(), 2)
    before = playground_state(m)
    with pytest.raises(error, match=words):
        m.set_parameter(name, value)
    assert playground_state(m) == before


def test_a_bias_whose_loss_is_not_finite_is_undone(monkeypatch):
    """All or nothing: when the loss after the new value is not finite, every part of the state goes back."""
    m = frames(Playground(), 2)
    before = playground_state(m)
    monkeypatch.setattr(m.net, "mean_loss", lambda *a: float("nan"))
    with pytest.raises(ValueError, match="makes the loss inf or NaN; the bias stays as it was"):
        m.set_parameter("b3[0]", 3.0)
    monkeypatch.undo()
    assert playground_state(m) == before


def test_a_shared_bias_is_one_value_for_the_whole_layer():
    """The playground's networks give each unit its own bias; a network with one bias per layer (as in
    document 001) has one name per layer, and setting it sets it for every unit of the layer."""
    m = Playground(hidden=[3])
    m.net = Network([2, 3, 1], activation=["tanh", "sigmoid"], loss="half_sse", shared_bias=True, seed=1)
    m.record()
    assert [n for n, w in m.net.names.items() if w[0] == "b"] == ["b1[0]", "b2[0]"]
    m.set_parameter("b1[0]", 0.4)
    assert m.net.b[1].tolist() == [0.4]
    d = m.bias_detail("b1[0]")
    assert d["shared"] and d["gradient"] == pytest.approx(d["numeric"], rel=1e-6, abs=1e-10)
    first = m.net.backward(m.net.forward(m.F_train[:1]), m.Y_train[:1])
    assert d["delta_first"] == pytest.approx(first.delta[1].sum(), rel=1e-12)      # the layer's δ added up
    hit = svg.network_hit_svg(m.net, Layout(m.net), 600, True, bias_titles={"b1[0]": "b1", "b2[0]": "b2"})
    assert re.findall(r'data-pick="B:([^"]+)"', hit) == ["b1[0]"] * 3 + ["b2[0]"]   # a handle on every unit


@pytest.mark.parametrize("hidden, output", [([3, 2], "sigmoid + ½Σ(y−ŷ)² (as in the documents)"),
                                            ([4], "sigmoid + cross-entropy"), ([], "sigmoid + cross-entropy")])
def test_a_bias_up_close_agrees_with_a_finite_difference(hidden, output):
    """∂L/∂b = the mean of δ over the training set (engine.backward's db) equals the central difference of
    the training loss to 1e-6 (relative), for every bias; δ for the first point is the chain rule's."""
    m = frames(Playground(hidden=hidden, output=output), 4)
    grads = m.full_gradient()
    for name, (kind, k, (i,)) in ((n, w) for n, w in m.net.names.items() if w[0] == "b"):
        d = m.bias_detail(name)
        assert d["gradient"] == pytest.approx(d["numeric"], rel=1e-6, abs=1e-10), name
        assert d["gradient"] == pytest.approx(grads.db[k][i], rel=1e-12)
        first = m.net.backward(m.net.forward(m.F_train[:1]), m.Y_train[:1])
        assert d["delta_first"] == pytest.approx(first.delta[k][0, i], rel=1e-12)
        if k < m.net.L:
            assert d["delta_first"] == pytest.approx(d["f_prime_first"] * d["back_first"], rel=1e-12)
        else:
            assert d["y_hat_first"] is not None and d["back_first"] is None


def test_bias_detail_refuses_what_is_not_a_bias():
    m = Playground()
    with pytest.raises(ValueError, match="name: unknown bias 'W1\\[0,0\\]'"):
        m.bias_detail("W1[0,0]")
    with pytest.raises(TypeError, match="name must be a bias's name"):
        m.bias_detail(1)
    with pytest.raises(ValueError, match="eps"):
        m.bias_detail("b1[0]", eps=0)


# ---- the app -----------------------------------------------------------------------------------------------
def test_the_picker_lists_the_biases_after_the_weights_one_based():
    app = PlaygroundApp(Playground(hidden=[3, 2]))
    labels = [label for label, _ in app.pick.options]
    assert labels[:2] == ["W⁽¹⁾₁,₁", "W⁽¹⁾₁,₂"] and len(labels) == 20
    assert labels[14:] == ["b⁽¹⁾₁", "b⁽¹⁾₂", "b⁽¹⁾₃", "b⁽²⁾₁", "b⁽²⁾₂", "b⁽³⁾₁"]
    app.set("hidden", "2")
    assert [label for label, _ in app.pick.options][-3:] == ["b⁽¹⁾₁", "b⁽¹⁾₂", "b⁽²⁾₁"]


def test_clicking_a_units_b_picks_its_bias_ready_to_type_and_typing_sets_it():
    app = PlaygroundApp(Playground(hidden=[3, 2]))
    frames(app.model, 2)
    app.clicks.value = "B:b2[1]|1733230000003"                                  # as the page sends it
    assert app.pick.value == "b2[1]" and "b⁽²⁾₂ picked" in app.message.value
    assert app.weight_value.value == round(app.model.net.b[2][1], 6)
    assert 'class="bp-bias bp-picked" data-pick="B:b2[1]"' in app.diagram_hit.value
    view = html.unescape(app.weight_view.value)
    d = app.model.bias_detail("b2[1]")
    assert "<b>b⁽²⁾₂</b>: the bias of unit 2 of layer 2" in view and "∂L/∂b = mean of δ over 140 training points" in view
    assert f"{d['gradient']:.8g}" in view and f"{d['numeric']:.8g}" in view and f"{d['delta_first']:.6g}" in view
    app.weight_value.value = -1.5
    assert app.model.net.b[2][1] == -1.5 and "b⁽²⁾₂ set to -1.5 by hand" in app.message.value
    assert 'b⁽²⁾₂ = -1.5 · the bias of unit 2 of layer 2 · click to edit' in app.diagram_hit.value
    app.weight_value.value = 250.0                                               # refused: the box goes back
    assert app.model.net.b[2][1] == -1.5 and app.weight_value.value == -1.5 and "⚠" in app.message.value
    assert "Traceback" not in app.message.value


def test_every_unit_but_the_inputs_has_one_b_handle_at_its_pictures_bottom_left():
    app = PlaygroundApp(Playground(hidden=[3, 2]))
    hit = app.diagram_hit.value
    handles = re.findall(r'<g class="bp-bias[^"]*" data-pick="B:(b\d\[\d\])" tabindex="0"[^>]*>.*?'
                         r'<rect x="([\d.]+)" y="([\d.]+)"', hit)
    assert [h[0] for h in handles] == ["b1[0]", "b1[1]", "b1[2]", "b2[0]", "b2[1]", "b3[0]"]
    assert hit.count('role="button"') == 6 and "onkeydown=" in hit          # Enter or Space on a handle clicks it
    units = {m[0]: (float(m[1]), float(m[2]), float(m[3]))
             for m in re.findall(r'data-pick="U:(\d:\d)" tabindex="0" x="([\d.]+)" y="([\d.]+)" width="(\d+)"', hit)}
    for name, x, y in handles:
        k, i = int(name[1]), int(name[3])
        ux, uy, side = units[f"{k}:{i}"]
        assert abs(float(x) - ux) <= 4 and abs(float(y) + 13 - (uy + side)) <= 4, (name, x, y, units[f"{k}:{i}"])
    app.play.value = True                                        # while playing the tooltips leave the value out
    app.draw_targets(playing=True)
    app.play.value = False
    assert "b⁽¹⁾₁ · the bias of unit 1 of layer 1 · click to edit" in app.diagram_hit.value


def test_the_large_unit_views_bias_is_a_link_that_picks_it():
    app = PlaygroundApp(Playground(hidden=[3, 2]))
    app.click("U:2:0")
    assert '<span data-pick="B:b2[0]">b⁽²⁾₁</span>' in app.unit_view.value
    assert "the weights and the bias into it" in app.unit_view.value
    app.click("B:b2[0]")
    assert app.pick.value == "b2[0]"
    app.click("W:W3[0,1]")                                       # and back to a weight: its own view
    assert app.pick.value == "W3[0,1]" and "<b>W⁽³⁾₁,₂</b>: from unit 2" in app.weight_view.value


def test_the_chinese_edition_names_the_bias_in_chinese():
    app = PlaygroundApp(lang="zh")
    app.click("B:b1[1]")
    assert "已选中 b⁽¹⁾₂" in app.message.value and app.pick.description == "权重或偏置"
    view = html.unescape(app.weight_view.value)
    assert "第 1 层第 2 个神经元的偏置" in view and "∂L/∂b = 140 个训练点上 δ 的平均" in view
    assert "第 1 层第 2 个神经元的偏置 · 点击修改" in app.diagram_hit.value
    app.click("U:1:1")
    assert "连入它的权重和偏置" in app.unit_view.value and 'data-pick="B:b1[1]"' in app.unit_view.value
