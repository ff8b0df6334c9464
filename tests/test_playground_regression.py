"""Regression in the playground: the plane and Gaussians data sets, the linear output with
½Σ(y−ŷ)², the prediction as a continuous colour, the loss instead of accuracy, a CSV of real
values, save and load, and bad input."""
import base64
import json
import re
import zlib

import numpy as np
import pytest

from bpcore.data import csvfile, datasets
from bpcore.draw import svg
from bpcore.widgets.playground import DEFAULTS, REGRESSION_OUTPUT, Playground
from bpcore.widgets.playground_app import PlaygroundApp
from state_snapshots import playground_state

REAL_VALUES = "x1,x2,label\n0,0,0.5\n1,1,-0.25\n0,1,1.5\n1,0,0\n0.5,0.5,0.1\n-1,0,-2\n"


def frames(m, n):
    for _ in range(n):
        m.train_steps(5)
    return m


# ---- the data --------------------------------------------------------------------------------------
def test_the_plane_is_x1_plus_x2_over_2_and_the_gaussians_are_six_bumps():
    X, y = datasets.make("plane", 100, 0.0, 3)
    np.testing.assert_allclose(y, (X[:, 0] + X[:, 1]) / 2, rtol=1e-15)
    assert y.dtype == float and np.abs(X).max() <= 1
    X, y = datasets.make("gaussians", 2000, 0.0, 3)
    assert -1 <= y.min() < -0.5 and 0.5 < y.max() <= 1
    near = np.hypot(X[:, 0] + 0.6, X[:, 1] - 0.5) < 0.05          # at the centre of an upward bump
    assert near.any() and (y[near] > 0.9).all()
    near = np.hypot(X[:, 0], X[:, 1] - 0.5) < 0.05                  # ... of a downward one
    assert near.any() and (y[near] < -0.9).all()
    X2, y2 = datasets.make("gaussians", 2000, 0.1, 3)
    np.testing.assert_array_equal(y2, y)                            # noise moves the points, not their values
    assert not np.array_equal(X2, X)


def test_a_csv_of_real_values_is_read_as_regression_only_when_asked():
    X, y = csvfile.load_csv(REAL_VALUES, regression=True)
    assert y.dtype == float and list(y) == [0.5, -0.25, 1.5, 0.0, 0.1, -2.0] and not datasets.is_classes(y)
    X, labels = csvfile.load_csv("x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n", regression=True)
    assert labels.dtype.kind == "i" and datasets.is_classes(labels)
    with pytest.raises(ValueError, match="row 2, column label: '0.5' is not a class number"):
        csvfile.load_csv(REAL_VALUES)                              # the classifier's reader, as before


@pytest.mark.parametrize("x, y, words", [
    ([[0, 0], [1, 1], [0, 1], [1, 0]], [0.5, 0.5, 0.5, 0.5], "every value is 0.5: there is nothing to learn"),
    ([[0, 0], [1, 1], [0, 1], [1, 0]], [0.5, 1e300, 0.5, 0.1], "point 2, value 1e\\+300 is too large"),
    ([[0, 0], [1, 1], [0, 1], [1, 0]], [0.5, 0.1, 0.2], "values must be one per point"),
    ([[0, 0], [1, 1], [0, 1]], [0.5, 0.1, 0.2], "too few rows: 3"),
    ([[0, 0], [1, 1], [0, 1], [1, 0]], [0.5, "a", 0.2, 0.1], "must be"),
])
def test_regression_data_is_checked(x, y, words):
    with pytest.raises((ValueError, TypeError), match=words):
        datasets.check_values(x, y, "the data")


def test_a_csv_with_a_huge_value_is_refused_as_regression_too():
    with pytest.raises(ValueError, match="the file: point 2, value 1e\\+300 is too large"):
        csvfile.load_csv("x1,x2,label\n0,0,0\n1,1,1e300\n0,1,1\n1,0,0.5\n", regression=True)


# ---- the model ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name, drop", [("plane", 0.02), ("gaussians", 0.6)])
def test_regression_data_gets_the_linear_output_and_learns(name, drop):
    """300 frames with hidden 8, 8: the test loss falls below ``drop`` of where it started (the plane
    to 0.007 of it, the bumps, harder, to 0.56)."""
    m = Playground(dataset=name, hidden=[8, 8])
    assert m.regression and m.n_classes == 0 and m.settings["output"] == REGRESSION_OUTPUT
    assert m.net.f[m.net.L].__name__ == "identity" and m.net.sizes[-1] == 1
    np.testing.assert_array_equal(m.Y_train[:, 0], m.labels_train)
    start = m.metrics()[1]
    frames(m, 300)
    train_loss, test_loss, train_acc, test_acc = m.metrics()
    assert test_loss < drop * start and train_acc == test_acc == 0.0
    out = m.predict(m.X_test)[:, 0]
    assert test_loss == pytest.approx(0.5 * np.mean((m.labels_test - out) ** 2), rel=1e-12)   # ½Σ(y−ŷ)², a mean


def test_the_plane_needs_no_hidden_layer():
    """A plane is a linear function of x₁ and x₂: one linear unit learns it, its weights going to ½, ½."""
    m = frames(Playground(dataset="plane", hidden=[], noise=0.0), 300)
    np.testing.assert_allclose(m.net.W[1][0], [0.5, 0.5], atol=1e-3)
    assert abs(m.net.b[1][0]) < 1e-3 and m.metrics()[1] < 1e-6


def test_a_perfect_fit_is_not_stagnation():
    """The plane learnt exactly (loss 0, gradient 0) does not pause play as "stuck"; a poor fit that
    stops moving still would (its loss is not 0)."""
    m = frames(Playground(dataset="plane", hidden=[], noise=0.0), 400)
    assert m.metrics()[0] <= 1e-12 and m.trouble() is None


def test_the_output_follows_the_data_back_and_forth():
    m = Playground(output="sigmoid + cross-entropy")
    m.configure(dataset="plane")
    assert m.settings["output"] == REGRESSION_OUTPUT
    m.configure(dataset="xor")
    assert m.settings["output"] == "sigmoid + cross-entropy"          # the learner's choice comes back
    m.configure(dataset="3 classes")
    m.configure(dataset="gaussians")
    m.configure(dataset="moons")
    assert m.settings["output"] == "sigmoid + cross-entropy"


@pytest.mark.parametrize("dataset, output, words", [
    ("xor", REGRESSION_OUTPUT, "the linear output is for regression data"),
    ("plane", "sigmoid + cross-entropy", "this data is regression"),
    ("plane", "softmax + cross-entropy (3+ classes)", "this data is regression"),
])
def test_an_output_that_does_not_fit_is_refused(dataset, output, words):
    m = Playground(dataset=dataset)
    before = playground_state(m)
    with pytest.raises(ValueError, match=f"output and loss: {words}"):
        m.configure(output=output)
    assert playground_state(m) == before


def test_discretise_shows_the_sign_of_the_prediction():
    m = frames(Playground(dataset="plane"), 50)
    soft = m.boundary()
    m.configure(discretize=True)
    np.testing.assert_array_equal(m.boundary(), np.where(soft > 0, 1.0, -1.0))


def test_a_csv_of_real_values_loads_as_regression_and_saves_and_loads():
    m = Playground()
    m.load_csv(REAL_VALUES, name="values.csv")
    assert m.regression and m.settings["dataset"] == "custom" and m.settings["output"] == REGRESSION_OUTPUT
    frames(m, 3)
    doc = json.loads(m.to_json())
    assert doc["data"]["kind"] == "regression" and doc["data"]["label"][2] == 1.5
    q = Playground()
    q.load_json(json.dumps(doc))
    assert playground_state(q) == playground_state(m) and q.regression
    doc["data"]["kind"] = "classes"                                     # real values are not classes
    with pytest.raises(ValueError, match="label 0.5 is not a class number"):
        q.load_json(json.dumps(doc))
    doc["data"]["kind"] = "values"
    with pytest.raises(ValueError, match="'kind' must be \"classes\" or \"regression\""):
        q.load_json(json.dumps(doc))
    assert playground_state(q) == playground_state(m)


def test_a_generated_regression_state_saves_and_loads():
    m = frames(Playground(dataset="gaussians", hidden=[8]), 4)
    q = Playground()
    q.load_json(m.to_json())
    assert playground_state(q) == playground_state(m)
    frames(m, 2)
    frames(q, 2)
    assert playground_state(q) == playground_state(m)


# ---- the app ------------------------------------------------------------------------------------------
def png_pixels(svg_text):
    """The RGB pixels of the PNG inside ``svg_text`` (8-bit RGB, filter 0 rows, as ``svg.png_rgb`` writes)."""
    data = base64.b64decode(re.search(r"base64,([^\"]+)", svg_text).group(1))
    w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    idat = b"".join(data[i + 8:i + 8 + int.from_bytes(data[i:i + 4], "big")]
                    for i in [m.start() - 4 for m in re.finditer(b"IDAT", data)])
    raw = zlib.decompress(idat)
    return np.frombuffer(raw, np.uint8).reshape(h, 1 + 3 * w)[:, 1:].reshape(h, w, 3)


def test_the_app_draws_the_prediction_as_a_continuous_colour_and_the_loss_for_accuracy():
    app = PlaygroundApp(Playground(hidden=[]))
    app.controls["dataset"].value = "plane"
    assert "regression" in app.message.value and "⚠" not in app.message.value
    app.run_frames(100)
    pixels = png_pixels(app.boundary.value).astype(int)
    assert len({tuple(p) for p in pixels.reshape(-1, 3)}) > 100       # a continuous colour, not two
    top_right, bottom_left = pixels[2, -3], pixels[-3, 2]              # high x₁ + x₂: blue; low: orange
    assert top_right[2] > top_right[0] and bottom_left[0] > bottom_left[2]
    assert "test loss" in app.counter.value and "accuracy" not in app.counter.value
    assert app.acc_view.layout.display == "none" and app.controls["output"].disabled
    assert "blue above 0" in app.legend.value
    app.fill_tables()
    assert "value" in app.tables.value and "predicted" in app.tables.value
    n_test = len(app.model.X_test)
    assert app.points_view.value.count("<rect") == n_test + 1                     # squares, and the frame
    app.controls["show_test"].value = False
    assert app.points_view.value.count("<rect") == 1 and app.points_view.value.count("<circle") == 140
    app.controls["dataset"].value = "xor"
    assert app.acc_view.layout.display is None and not app.controls["output"].disabled
    assert "accuracy" in app.counter.value and "hollow: test points" in app.legend.value


def test_the_app_says_a_csv_of_real_values_is_regression_in_both_languages():
    for lang, words in (("en", "Their third column holds real numbers, not class labels"),
                        ("zh", "它们的第三列是实数，不是类别标签")):
        app = PlaygroundApp(lang=lang)
        app.load_csv(REAL_VALUES.encode(), "values.csv")
        assert words in app.message.value and "⚠" not in app.message.value
        assert ("regression" if lang == "en" else "回归") in app.data_info.value
    assert PlaygroundApp(lang="zh").controls["dataset"].options[-1] == ("高斯峰（回归）", "gaussians")


def test_value_pixels_are_white_at_0_and_full_at_the_scale():
    pixels = svg.value_pixels(np.array([[0.0, 2.0, -2.0, np.nan]]), 2.0)
    assert tuple(pixels[0, 0]) == (255, 255, 255) and tuple(pixels[0, 3]) == (255, 255, 255)
    assert pixels[0, 1, 2] > pixels[0, 1, 0] and pixels[0, 2, 0] > pixels[0, 2, 2]


def test_defaults_are_unchanged_by_regression():
    assert Playground().settings == DEFAULTS
