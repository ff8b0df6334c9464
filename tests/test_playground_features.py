"""The playground's input features, linear activation, L1 penalty, and its two view toggles
("show test data", "discretise output"): the math layer (bpcore.features, engine.step, train),
the widget-free model, the app, save and load, and bad input for each new setting."""
import json
import re

import numpy as np
import pytest

from bpcore import Network, engine, features, train
from bpcore.widgets.playground import DEFAULTS, Playground
from bpcore.widgets.playground_app import PlaygroundApp
from state_snapshots import playground_state

X = np.array([[0.5, -2.0], [0.0, 1.0], [-1.5, 0.25]])


def frames(m, n):
    for _ in range(n):
        m.train_steps(5)
    return m


# ---- the math layer: features ------------------------------------------------------------------
def test_each_feature_is_its_function_of_the_point():
    x1, x2 = X[:, 0], X[:, 1]
    want = {"x1": x1, "x2": x2, "x1^2": x1 ** 2, "x2^2": x2 ** 2, "x1*x2": x1 * x2, "sin x1": np.sin(x1),
            "sin x2": np.sin(x2)}
    assert list(features.FEATURES) == list(want)
    for name, column in want.items():
        np.testing.assert_array_equal(features.transform(X, [name])[:, 0], column)
    both = features.transform(X, ["x1^2", "sin x2"])
    assert both.shape == (3, 2) and both[0, 0] == 0.25 and both[1, 1] == np.sin(1.0)
    assert features.transform(X, ["x1", "x2"]) is X                # the plain inputs: no copy
    assert features.labels(["x1*x2", "sin x1"]) == ["x₁x₂", "sin x₁"]


def test_check_puts_the_features_in_order_and_refuses_bad_lists():
    assert features.check(("sin x2", "x1")) == ["x1", "sin x2"]
    for bad, error, words in (("x1", TypeError, "a list of feature names"), (None, TypeError, "a list"),
                              ([], ValueError, "at least one feature must be on"),
                              (["x3"], ValueError, "unknown feature 'x3'"), ([1], ValueError, "unknown feature 1"),
                              (["x1", "x1"], ValueError, "each feature at most once")):
        with pytest.raises(error, match=f"^input features.*{words}"):
            features.check(bad, "input features")


# ---- the math layer: the L1 penalty in the one loop ---------------------------------------------
def test_step_with_l1_moves_each_weight_by_eta_lambda_sign_and_leaves_a_zero_in_place():
    W = [None, np.array([[0.5, -0.25, 0.0]])]
    b = [None, np.array([0.1])]
    dW = [None, np.array([[0.0, 0.0, 0.0]])]
    db = [None, np.array([0.0])]
    engine.step(W, b, dW, db, 0.5, 0.1, True, "L1")
    np.testing.assert_array_equal(W[1], [[0.5 - 0.05, -0.25 + 0.05, 0.0]])   # sign(0) = 0: the zero stays
    engine.step(W, b, dW, db, 0.5, 0.1, True, "L2")
    np.testing.assert_allclose(W[1], [[0.45 * 0.95, -0.2 * 0.95, 0.0]], rtol=1e-15)
    assert b[1][0] == 0.1                                                # biases get no penalty


def reference_loop(net, x, y, lr, steps, lam, penalty):
    """Full-batch gradient descent written out, with the penalty's gradient added by hand."""
    for _ in range(steps):
        g = net.backward(net.forward(x), y)
        for k in range(1, net.L + 1):
            pull = np.sign(net.W[k]) if penalty == "L1" else net.W[k]
            net.W[k] -= lr * (g.dW[k] + lam * pull)
            net.b[k] -= lr * g.db[k]
    return net


@pytest.mark.parametrize("penalty", ["L1", "L2"])
def test_train_with_a_penalty_is_the_loop_written_out(penalty):
    x, y = np.array([[0.3, -0.7], [1.0, 0.2], [-0.5, 0.5]]), np.array([[1.0], [0.0], [1.0]])
    a, b = Network([2, 3, 1], seed=4), Network([2, 3, 1], seed=4)
    h = train(a, x, y, lr=0.5, steps=40, weight_decay=0.05, penalty=penalty)
    reference_loop(b, x, y, 0.5, 40, 0.05, penalty)
    for k in range(1, 3):
        np.testing.assert_allclose(a.W[k], b.W[k], rtol=1e-12, atol=1e-14)
    assert len(h) == 40 and not h.diverged


def test_weight_decay_alone_is_still_l2_and_zero_is_no_penalty():
    x, y = np.array([[0.3, -0.7], [1.0, 0.2]]), np.array([[1.0], [0.0]])
    a, b, c, d = (Network([2, 2, 1], seed=1) for _ in range(4))
    train(a, x, y, 0.3, 25, weight_decay=0.02)
    train(b, x, y, 0.3, 25, weight_decay=0.02, penalty="L2")
    train(c, x, y, 0.3, 25)
    train(d, x, y, 0.3, 25, weight_decay=0.0, penalty="L1")
    for k in (1, 2):
        np.testing.assert_array_equal(a.W[k], b.W[k])
        np.testing.assert_array_equal(c.W[k], d.W[k])
    assert not np.array_equal(a.W[1], c.W[1])


@pytest.mark.parametrize("bad, error", [("L3", ValueError), ("l1", ValueError), (1, TypeError), (None, TypeError)])
def test_train_refuses_an_unknown_penalty(bad, error):
    net = Network([2, 1])
    before = net.W[1].copy()
    with pytest.raises(error, match="penalty"):
        train(net, [[0.0, 1.0]], [[1.0]], 0.1, 3, weight_decay=0.1, penalty=bad)
    np.testing.assert_array_equal(net.W[1], before)


# ---- the model ------------------------------------------------------------------------------------
def test_the_input_layer_follows_the_features():
    m = Playground()
    assert m.net.sizes == [2, 3, 2, 1] and m.F_train is m.X_train
    m.configure(features=["sin x2", "x1^2", "x1"])
    assert m.settings["features"] == ["x1", "x1^2", "sin x2"]          # in the toggles' order
    assert m.net.sizes == [3, 3, 2, 1] and m.net.labels[0] == ["x₁", "x₁²", "sin x₂"]
    np.testing.assert_array_equal(m.F_train, np.column_stack([m.X_train[:, 0], m.X_train[:, 0] ** 2,
                                                               np.sin(m.X_train[:, 1])]))
    assert m.X_train.shape[1] == 2                                     # the points stay points
    trace = m.net.forward(m.F_test)
    np.testing.assert_array_equal(m.predict(m.X_test), trace.n[-1])
    frames(m, 3)
    assert m.steps == 15 and m.boundary().shape == (48, 48)


def test_the_weight_view_and_the_gradient_see_the_features():
    m = frames(Playground(dataset="circles", hidden=[3], features=["x1^2", "x2^2", "x1*x2"]), 4)
    d = m.weight_detail("W1[1,2]")
    assert d["gradient"] == pytest.approx(d["numeric"], rel=1e-6, abs=1e-10)
    assert d["n_prev_first"] == pytest.approx(m.X_train[0, 0] * m.X_train[0, 1], rel=1e-15)   # x₁x₂ of point 1
    assert m.full_gradient().dW[1].shape == (3, 3) and m.dead_units() == {}


def test_linear_hidden_layers_use_the_identity():
    m = Playground(activation="linear")
    x = m.F_train[:5]
    trace = m.net.forward(x)
    np.testing.assert_array_equal(trace.n[1], trace.z[1])
    np.testing.assert_array_equal(trace.n[2], trace.z[2])
    assert not np.array_equal(trace.n[3], trace.z[3])                   # the output keeps its sigmoid


def test_the_l1_setting_reaches_the_training_loop():
    plain = frames(Playground(weight_decay=0.01), 20)
    l1 = frames(Playground(weight_decay=0.01, penalty="L1"), 20)
    assert l1.settings["penalty"] == "L1" and l1.net is not plain.net
    assert not np.array_equal(l1.net.W[1], plain.net.W[1])
    before = playground_state(l1)
    l1.configure(penalty="L1")                                          # no change, no restart
    assert playground_state(l1) == before
    l1.configure(penalty="L2")                                          # on the fly, as η: no restart
    assert l1.steps == 100


def test_discretise_rounds_the_prediction_to_the_class_it_picks():
    m = frames(Playground(), 30)
    soft = m.boundary()
    m.configure(discretize=True)
    sharp = m.boundary()
    np.testing.assert_array_equal(sharp, (soft > 0.5).astype(float))
    assert set(np.unique(sharp)) == {0.0, 1.0} and m.steps == 150      # a view setting: training goes on
    s = Playground(dataset="3 classes", discretize=True)
    cls, sure = s.boundary()
    assert (sure == 1.0).all() and set(np.unique(cls)) <= {0, 1, 2}


def test_show_test_data_hides_the_hollow_markers_only():
    app = PlaygroundApp()
    hollow = app.points_view.value.count('fill="white"')
    assert hollow == len(app.model.X_test) == 60
    app.controls["show_test"].value = False
    assert app.model.settings["show_test"] is False and 'fill="white"' not in app.points_view.value
    assert app.points_view.value.count('stroke="#222222"') == len(app.model.X_train) == 140   # the filled ones stay
    app.controls["show_test"].value = True
    assert app.points_view.value.count('fill="white"') == 60


# ---- the app -------------------------------------------------------------------------------------
def test_the_feature_toggles_rebuild_the_network_and_the_last_one_stays_on():
    app = PlaygroundApp()
    app.feature_buttons["x1^2"].value = True
    assert app.model.net.sizes[0] == 3 and "x₁²" in app.diagram.value
    assert app.feature_buttons["x1^2"].button_style == "info" and app.feature_buttons["sin x1"].button_style == ""
    for name in ("x1", "x2"):
        app.feature_buttons[name].value = False
    assert app.model.settings["features"] == ["x1^2"]
    app.feature_buttons["x1^2"].value = False                            # the last one: refused
    assert app.model.settings["features"] == ["x1^2"] and app.feature_buttons["x1^2"].value
    assert "at least one feature must be on" in app.message.value and "Traceback" not in app.message.value


def test_one_regularisation_choice_none_l1_l2_sets_the_training_settings():
    """One drop-down, none / L1 / L2 (issue 24): none is λ = 0 with the λ slider disabled and no readout;
    L1 and L2 set the penalty with the slider's λ; the model's ``regularisation`` reads the choice back."""
    app = PlaygroundApp()
    rate = app.controls["weight_decay"]
    assert app.regularisation.value == "none" and rate.disabled and not rate.readout
    assert [o[0] for o in app.regularisation.options] == ["none", "L1: λ·Σ|W|", "L2: λ/2·ΣW²"]
    app.regularisation.value = "L1"
    assert (app.model.settings["penalty"], app.model.settings["weight_decay"]) == ("L1", 1e-3)
    assert not rate.disabled and rate.readout and app.model.regularisation == "L1"
    rate.value = 1e-2
    assert app.model.settings["weight_decay"] == pytest.approx(1e-2, rel=1e-9)
    app.regularisation.value = "L2"
    assert (app.model.settings["penalty"], app.model.settings["weight_decay"]) == ("L2", pytest.approx(1e-2, rel=1e-9))
    app.regularisation.value = "none"
    assert app.model.settings["weight_decay"] == 0.0 and app.model.regularisation == "none" and rate.disabled
    rate.value = 0.1                              # a disabled slider moved by code: no penalty comes back
    assert app.model.settings["weight_decay"] == 0.0
    app.controls["activation"].value = "linear"
    assert app.model.net.f[1].__name__ == "identity"


def test_regularise_is_one_setting_of_the_model_all_or_nothing():
    m = Playground()
    m.regularise("L1", 0.02)
    assert (m.settings["penalty"], m.settings["weight_decay"], m.regularisation) == ("L1", 0.02, "L1")
    with pytest.raises(ValueError, match="weight decay λ"):
        m.regularise("L2", 5.0)                   # past the slider's range: nothing changes
    assert (m.settings["penalty"], m.settings["weight_decay"]) == ("L1", 0.02)
    with pytest.raises(ValueError, match="regularisation"):
        m.regularise("L3")
    m.regularise("none")
    assert m.settings["weight_decay"] == 0.0 and m.regularisation == "none"
    m.regularise("L2")                            # no rate given, none in use: 1e-3
    assert m.settings["weight_decay"] == 1e-3


def test_the_new_controls_speak_chinese():
    app = PlaygroundApp(lang="zh")
    assert app.controls["show_test"].description == "显示测试数据"
    assert app.controls["discretize"].description == "输出离散化"
    assert ("线性", "linear") in app.controls["activation"].options
    assert app.feature_buttons["sin x1"].description == "sin x₁"
    assert [o[0] for o in app.regularisation.options] == ["无", "L1：λ·Σ|W|", "L2：λ/2·ΣW²"]
    assert app.regularisation.description == "正则化"


# ---- save and load --------------------------------------------------------------------------------
def test_save_and_load_keep_every_new_setting():
    m = frames(Playground(dataset="circles", features=["x1", "x2^2", "sin x1"], activation="linear",
                          penalty="L1", weight_decay=0.003, show_test=False, discretize=True), 4)
    text = m.to_json()
    assert json.loads(text)["version"] == 3
    q = Playground()
    q.load_json(text)
    assert playground_state(q) == playground_state(m)
    for key in ("features", "activation", "penalty", "weight_decay", "show_test", "discretize"):
        assert q.settings[key] == m.settings[key]
    frames(m, 2)
    frames(q, 2)
    assert playground_state(q) == playground_state(m)                     # and trains on the same


@pytest.mark.parametrize("version", [1, 2])
def test_files_of_earlier_versions_load_with_the_defaults_of_the_new_settings(version):
    m = frames(Playground(weight_decay=0.01), 3)
    doc = json.loads(m.to_json())
    for key in ("features", "penalty", "show_test", "discretize"):
        del doc["settings"][key]
    doc["version"] = version
    if version == 1:
        for key in ("history", "sampler", "output_chosen"):
            del doc[key]
    q = Playground(dataset="circles", features=["x1^2"], penalty="L1", discretize=True)
    q.load_json(json.dumps(doc))
    assert q.settings["features"] == ["x1", "x2"] and q.settings["penalty"] == "L2"
    assert q.settings["show_test"] is True and q.settings["discretize"] is False
    assert q.net.sizes == [2, 3, 2, 1] and q.steps == 15
    for k in (1, 2, 3):
        np.testing.assert_array_equal(q.net.W[k], m.net.W[k])


def test_a_saved_file_whose_weights_do_not_fit_its_features_is_refused():
    m = Playground(features=["x1", "x2", "x1*x2"])
    doc = json.loads(m.to_json())
    doc["settings"]["features"] = ["x1", "x2"]
    before = playground_state(m)
    with pytest.raises(ValueError, match="the weights in the file do not fit its network"):
        m.load_json(json.dumps(doc))
    assert playground_state(m) == before


# ---- bad input, for each new setting --------------------------------------------------------------
@pytest.mark.parametrize("key, value, error, words", [
    ("features", [], ValueError, "input features: at least one feature must be on"),
    ("features", "x1", TypeError, "input features must be a list"),
    ("features", ["x1", "cos x1"], ValueError, "input features: unknown feature 'cos x1'"),
    ("features", ["x2", "x2"], ValueError, "input features: each feature at most once"),
    ("penalty", "L3", ValueError, "unknown penalty \\(regularisation\\) 'L3'"),
    ("penalty", None, TypeError, "penalty \\(regularisation\\) must be a string"),
    ("activation", "Linear", ValueError, "unknown activation 'Linear'"),
    ("show_test", "yes", TypeError, "show test data must be True or False"),
    ("show_test", 1, TypeError, "show test data must be True or False"),
    ("discretize", None, TypeError, "discretise output must be True or False"),
])
def test_each_new_setting_refuses_bad_values_and_changes_nothing(key, value, error, words):
    m = Playground()
    before = playground_state(m)
    with pytest.raises(error, match=words):
        m.configure(**{key: value})
    assert playground_state(m) == before
    with pytest.raises(error, match=words):
        Playground(**{key: value})


def test_a_saved_file_with_a_bad_new_setting_is_refused():
    m = Playground()
    for key, value, words in (("features", ["x9"], "unknown feature"), ("penalty", "L0", "unknown penalty"),
                              ("discretize", "no", "discretise output must be True or False")):
        doc = json.loads(m.to_json())
        doc["settings"][key] = value
        with pytest.raises((ValueError, TypeError), match=words):
            m.load_json(json.dumps(doc))
    assert m.settings == {**DEFAULTS}


def test_the_diagram_note_no_longer_says_the_inputs_are_x1_and_x2():
    app = PlaygroundApp()
    assert not re.search("inputs x₁, x₂", app.diagram_note.value)


def test_the_diagram_names_every_input_that_is_on_at_a_readable_size():
    """Inputs too long for their circle (x₁², sin x₁) are named beside it at 11 px, inside the picture."""
    app = PlaygroundApp(Playground(features=list(features.FEATURES)))
    svg_text = app.diagram.value
    for label in features.labels(list(features.FEATURES)):
        found = re.search(r'<text x="([0-9.]+)"[^>]*font-size="([0-9.]+)"[^>]*><tspan[^>]*></tspan><tspan[^>]*>'
                          + re.escape(label) + "<", svg_text)
        assert found, label
        assert float(found.group(2)) >= 11 and float(found.group(1)) > 30, (label, found.groups())
    plain = PlaygroundApp().diagram.value        # two inputs: drawn as their pictures, named beside them too
    assert re.search(r'text-anchor="end"[^>]*><tspan[^>]*></tspan><tspan[^>]*>x₁<', plain)


# ---- a weight typed in by hand -----------------------------------------------------------------------
def test_a_weight_typed_in_is_used_and_training_carries_on_from_it():
    m = frames(Playground(), 3)
    before_loss = m.history["train_loss"][-1]
    m.set_weight("W2[1,0]", -3.25)
    assert m.net.W[2][1, 0] == -3.25 and m.steps == 15 and len(m.history["epoch"]) == 5
    assert m.history["train_loss"][-1] == m.metrics()[0] != before_loss
    twin = Playground()
    twin.load_json(m.to_json())                                          # saved and loaded with the rest
    assert twin.net.W[2][1, 0] == -3.25
    frames(m, 1)
    assert m.steps == 20 and m.net.W[2][1, 0] != -3.25                   # and trained on from there


@pytest.mark.parametrize("name, value, error, words", [
    ("W9[0,0]", 1.0, ValueError, "weight: unknown weight or bias 'W9\\[0,0\\]'"),
    ("b9[0]", 1.0, ValueError, "weight: unknown weight or bias 'b9\\[0\\]'"),
    ("b1[0]", 101.0, ValueError, "weight value must be between -100 and 100"),
    ("b1[0]", float("inf"), ValueError, "weight value"),
    (3, 1.0, TypeError, "weight: the name must be a string"),
    ("W1[0,0]", 101.0, ValueError, "weight value must be between -100 and 100"),
    ("W1[0,0]", float("nan"), ValueError, "weight value"),
    ("W1[0,0]", "2", TypeError, "weight value must be a real number"),
])
def test_a_bad_typed_weight_changes_nothing(name, value, error, words):
    m = frames(Playground(), 2)
    before = playground_state(m)
    with pytest.raises(error, match=words):
        m.set_weight(name, value)
    assert playground_state(m) == before


def test_the_box_under_the_weight_picker_types_the_picked_weight():
    app = PlaygroundApp()
    app.pick.value = "W3[0,1]"
    assert app.weight_value.value == round(app.model.net.W[3][0, 1], 6)
    app.weight_value.value = 1.5
    assert app.model.net.W[3][0, 1] == 1.5 and "W⁽³⁾₁,₂ set to 1.5 by hand" in app.message.value
    app.weight_value.value = 500.0                                       # refused: the box goes back
    assert app.model.net.W[3][0, 1] == 1.5 and app.weight_value.value == 1.5 and "⚠" in app.message.value
    zh = PlaygroundApp(lang="zh")
    zh.weight_value.value = 0.25
    assert zh.weight_value.description == "把它设为" and "已手动设为 0.25" in zh.message.value
