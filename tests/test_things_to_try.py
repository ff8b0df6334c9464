"""What notebooks 00 and 03 tell the student, checked against the model they describe.

Notebook 03's "things to try" each give a setting and what the student should see, as rough
figures ("near 73%", "passes 85%"); every such figure is pinned here on the widget-free model
(``bpcore.widgets.playground.Playground``) with the notebook's own settings (seed 0, 5 steps a
frame), with the tolerance the prose allows.  The claims about Reset, save and load, the stop
control of exercise 1 and the batch mean are checked the same way; the last part checks the
prose itself: the route of notebook 00, one label for the solution boxes, the links between
the editions, and the Chinese terms.

Every test runs in well under two seconds (the whole file in about ten).
"""
import json
import re
from pathlib import Path

import numpy as np
import pytest

from bpcore import examples
from bpcore.widgets.playground import OUTPUTS, Playground
from bpcore.widgets.strings import text

ROOT = Path(__file__).resolve().parent.parent
HALF_SSE, BCE = list(OUTPUTS)[:2]        # "sigmoid + ½Σ(y−ŷ)²" and "sigmoid + cross-entropy"
STEPS_PER_FRAME = 5                      # the app's default, and the notebook's "frame"


def after(frames, **settings):
    """The notebook's helper: a playground after ``frames`` frames of 5 steps."""
    m = Playground(**settings)
    for _ in range(frames):
        m.train_steps(STEPS_PER_FRAME)
    return m


def acc(m):
    """The test accuracy of playground m."""
    return m.metrics()[3]


def largest_rise(m):
    return float(np.diff(m.history["train_loss"]).max())


def dead_units(m):
    """{layer k: [units, counted from 1, that give 0 on every training point]} of the hidden layers."""
    trace = m.net.forward(m.X_train)
    out = {}
    for k in range(1, m.net.L):
        dead = [i + 1 for i in range(trace.n[k].shape[1]) if np.all(trace.n[k][:, i] <= 0)]
        if dead:
            out[k] = dead
    return out


# ---- "What happens, without the buttons": the sigmoid learns, slowly ------------------------
def test_sigmoid_learns_xor_slowly_50_then_about_73_then_about_97_percent():
    """Cell 6ceb80fd: 50% after 300 frames, near 73% at about 1,000 frames (about 360 epochs),
    97% at about 3,000 frames (about 1,070 epochs).  Tolerance: ±5 points at 1,000 frames
    (the test set has 60 points, so one point is 1.7), at least 95% at 3,000."""
    q = Playground(dataset="xor", hidden=[3, 2], activation="sigmoid", lr=1.0, batch_size=10, seed=0)
    seen = {}
    for frames in (300, 1000, 3000):
        while q.steps < STEPS_PER_FRAME * frames:
            q.train_steps(STEPS_PER_FRAME)
        seen[frames] = (q.epoch, acc(q))
    assert seen[300][1] == 0.5
    assert seen[1000][0] == pytest.approx(360, abs=5) and seen[1000][1] == pytest.approx(0.73, abs=0.05)
    assert seen[3000][0] == pytest.approx(1070, abs=5) and seen[3000][1] >= 0.95


# ---- the things to try ------------------------------------------------------------------------
def test_1_spirals_relu_8_8_passes_85_percent_where_3_2_and_tanh_stay_near_65():
    """Item 1: after 1,000 frames (about 360 epochs), tanh 3, 2 near 65%, ReLU 8, 8 past 85%,
    tanh 8, 8 still near 65%.  'Near 65%': within 0.58 to 0.72."""
    small = after(1000, dataset="spirals", hidden=[3, 2], activation="tanh")
    relu = after(1000, dataset="spirals", hidden=[8, 8], activation="relu")
    tanh = after(1000, dataset="spirals", hidden=[8, 8], activation="tanh")
    assert relu.epoch == pytest.approx(360, abs=5)
    assert 0.58 <= acc(small) <= 0.72
    assert acc(relu) >= 0.85
    assert 0.58 <= acc(tanh) <= 0.72


#: the η slider's values are 10^(-3 + 0.05 n): 10 and 31.6 are on it, 20 is 10^1.3 (it reads 20), 30 is not
ETA_20, ETA_MAX = 10 ** 1.3, 10 ** 1.5


def test_2_a_large_learning_rate_overshoots():
    """Item 2: the loss rises between frames even at η = 1 (mini-batches), by about eight times as
    much at η = 10 (here: 5 to 12 times), which still reaches about 97% (at least 95%); at η = 20
    the rises are larger still and the accuracy ends around 80% (0.7 to 0.9)."""
    slow, fast, faster = after(300), after(300, lr=10.0), after(300, lr=ETA_20)
    assert largest_rise(slow) > 0
    assert 5 < largest_rise(fast) / largest_rise(slow) < 12
    assert acc(fast) >= 0.95
    assert largest_rise(faster) > largest_rise(fast)
    assert 0.7 <= acc(faster) <= 0.9


def test_3_relu_at_the_largest_eta_dies_at_50_percent_and_a_smaller_eta_or_sigmoid_fixes_it():
    """Item 3: ReLU at η = 31.6 freezes at 50% with a dead unit in layer 2 and no gradient left
    (every |∂L/∂w| below 1e-6); ReLU at η = 1 and sigmoid units at η = 31.6 learn (at least 90%)."""
    m = after(400, activation="relu", lr=ETA_MAX)
    assert acc(m) == 0.5
    assert dead_units(m) == {2: [2]}
    assert max(np.abs(g).max() for g in m.full_gradient().dW[1:]) < 1e-6
    assert acc(after(400, activation="relu", lr=1.0)) >= 0.9
    assert acc(after(400, activation="sigmoid", lr=ETA_MAX)) >= 0.9


def test_3_a_dead_unit_passes_back_no_delta():
    """Item 3's reason: a unit with z < 0 on every point has δ = f'(z)(Wᵀδ) = 0 on every point."""
    m = after(400, activation="relu", lr=ETA_MAX)
    trace = m.net.forward(m.X_train)
    grads = m.net.backward(trace, m.Y_train)
    assert dead_units(m)
    for k, units in dead_units(m).items():
        for unit in units:
            assert np.all(grads.delta[k][:, unit - 1] == 0)
            assert np.all(grads.dW[k][unit - 1] == 0)


def test_4_half_sse_stays_at_50_percent_where_cross_entropy_reaches_about_87():
    """Item 4: sigmoid hidden units on xor, 300 frames: 50% with ½Σ(y−ŷ)², near 87% with
    cross-entropy (at least 80%)."""
    assert acc(after(300, activation="sigmoid", output=HALF_SSE)) == 0.5
    assert acc(after(300, activation="sigmoid", output=BCE)) >= 0.8


@pytest.mark.parametrize("output, with_f_prime", [(HALF_SSE, True), (BCE, False)])
def test_4_the_output_delta_is_the_formula_the_weight_view_names(output, with_f_prime):
    """Item 4: δ = (ŷ − y) f'(z) with ½Σ(y−ŷ)², δ = ŷ − y with cross-entropy (to 1e-12)."""
    m = Playground(activation="sigmoid", output=output)
    trace = m.net.forward(m.X_train[:20])
    delta = m.net.backward(trace, m.Y_train[:20]).delta[m.net.L] * 20      # the batch mean, undone
    y_hat = trace.y_hat
    expected = (y_hat - m.Y_train[:20]) * (y_hat * (1 - y_hat) if with_f_prime else 1)
    np.testing.assert_allclose(delta, expected, rtol=1e-12, atol=1e-15)


def test_5_lambda_1_collapses_every_weight_to_0_001_or_less_and_stays_at_50_percent():
    """Item 5: λ = 1, 300 frames: every |w| ≤ 0.002 (the prose: 'to 0.001 or less'), 50%."""
    m = after(300, weight_decay=1.0)
    assert max(np.abs(w).max() for w in m.net.W[1:]) <= 0.002
    assert acc(m) == 0.5


def test_5_with_eta_1_and_lambda_1_a_step_leaves_only_minus_the_gradient():
    """Item 5's reason: w ← (1 − ηλ)w − η ∂L/∂w is −∂L/∂w when η = λ = 1 (full batch, so that
    the step's gradient is the one computed here; to 1e-12)."""
    m = Playground(weight_decay=1.0, lr=1.0, batch_size=140)
    gradient = m.full_gradient()
    m.train_steps(1)
    for k in range(1, m.net.L + 1):
        np.testing.assert_allclose(m.net.W[k], -gradient.dW[k], rtol=1e-12, atol=1e-15)


def test_6_batch_1_against_140_at_30_epochs():
    """Item 6: at 30 epochs, batch size 1 has taken 140 times as many steps and its loss is far
    lower (below 0.01); batch size 140 is still close to 0.125 (0.11 to 0.125); a frame of 5
    steps at batch size 140 is 5 epochs."""
    one, full = Playground(batch_size=1), Playground(batch_size=140)
    one.train_steps(30 * 140)
    full.train_steps(30)
    assert one.epoch == full.epoch == 30
    assert one.steps == 140 * full.steps
    assert one.metrics()[0] < 0.01
    assert 0.11 <= full.metrics()[0] <= 0.125
    frame = Playground(batch_size=140)
    frame.train_steps(STEPS_PER_FRAME)
    assert frame.epoch == 5


def test_6_a_network_that_answers_one_half_everywhere_has_loss_0_125():
    """Item 6's reference: with every output 0.5, ½(y − 0.5)² = 0.125 for y = 0 or 1."""
    m = Playground()
    for W in m.net.W[1:]:
        W[...] = 0
    for b in m.net.b[1:]:
        b[...] = 0
    assert m.metrics()[0] == pytest.approx(0.125, rel=1e-12)


@pytest.mark.parametrize("seed", [0, 1])
def test_7_over_fitting_and_weight_decay_halving_the_gap(seed):
    """Item 7: noise 0.3, 60 points, hidden 16, 16, 1,000 frames.  Without decay the test loss is
    lowest before epoch 100 and ends at least 15% above that lowest value, while the training
    loss falls below 0.03; with λ = 10^-2.75 (the slider's 1.8e-03) the test loss ends lower
    and the gap between test and training loss is at most 0.6 of the gap without."""
    settings = dict(noise=0.3, n_points=60, hidden=[16, 16], seed=seed)
    plain = after(1000, **settings)
    decayed = after(1000, weight_decay=10 ** -2.75, **settings)
    h = plain.history
    lowest = int(np.argmin(h["test_loss"]))
    assert h["epoch"][lowest] < 100
    assert h["test_loss"][-1] >= 1.15 * h["test_loss"][lowest]
    assert h["train_loss"][-1] < 0.03
    gap = lambda m: m.metrics()[1] - m.metrics()[0]      # noqa: E731
    assert decayed.metrics()[1] < plain.metrics()[1]
    assert gap(decayed) <= 0.6 * gap(plain)
    assert len(plain.X_train) == 42 and len(plain.X_test) == 18


def test_8_softmax_delta_is_y_hat_minus_y():
    """Item 8: with softmax and cross-entropy, δ of the output layer is ŷ − y (to 1e-12)."""
    m = Playground(dataset="3 classes")
    assert m.net.W[m.net.L].shape[0] == 3
    for i in range(5):
        trace = m.net.forward(m.X_train[i])
        delta = m.net.backward(trace, m.Y_train[i]).delta[m.net.L]
        np.testing.assert_allclose(delta, trace.y_hat - m.Y_train[i], rtol=1e-12, atol=1e-15)


def test_9_circles_need_no_hidden_layer_with_x1_squared_and_x2_squared():
    """Item 9: circles, no hidden layer, 100 frames: with x₁, x₂ the test accuracy stays near 50%
    (a line; below 65%), with x₁², x₂² it is 100%, and the boundary w₁x₁² + w₂x₂² + b = 0 is a
    circle of radius between the disc's 0.5 and the ring's 0.7 (w₁ and w₂ within 5% of each other);
    x₁x₂ alone solves xor with no hidden layer (at least 95%)."""
    plain = after(100, dataset="circles", hidden=[])
    squares = after(100, dataset="circles", hidden=[], features=["x1^2", "x2^2"])
    assert plain.net.sizes == [2, 1] and squares.net.sizes == [2, 1]
    assert acc(plain) < 0.65 and acc(squares) == 1.0
    (w1, w2), b = squares.net.W[1][0], squares.net.b[1][0]
    assert w1 < 0 and w2 < 0 and b > 0 and abs(w1 - w2) < 0.05 * abs(w1)
    assert 0.5 < np.sqrt(-b / w1) < 0.7 and 0.5 < np.sqrt(-b / w2) < 0.7
    assert acc(after(100, dataset="xor", hidden=[], features=["x1*x2"])) >= 0.95


def test_10_linear_hidden_layers_are_one_layer_and_stop_near_75_percent():
    """Item 10: linear hidden layers 8, 8 on xor: about 75% (70 to 80%) after 300 frames, and the
    network's output is that of one layer, A x + c, to 1e-12."""
    m = after(300, activation="linear", hidden=[8, 8])
    assert 0.7 <= acc(m) <= 0.8
    W, b = m.net.W, m.net.b
    A, c = W[3] @ W[2] @ W[1], W[3] @ (W[2] @ b[1] + b[2]) + b[3]
    np.testing.assert_allclose(1 / (1 + np.exp(-(m.X_all @ A.T + c))), m.predict(m.X_all), rtol=0, atol=1e-12)
    assert 0.7 <= acc(after(300, activation="linear")) <= 0.8          # 3, 2 no better


def test_11_l1_keeps_only_x1_squared_and_x2_squared_where_l2_and_no_penalty_keep_all():
    """Item 11: circles, no hidden layer, all seven inputs, 300 frames, λ = 10^-2.5: with L1 the five
    unneeded weights stay within 0.02 of 0 and x₁², x₂² keep theirs (below −3); without a penalty
    the largest unneeded one passes 0.5 (0.7); L2 leaves x₁x₂ near −0.4 (−0.3 to −0.5) and shrinks
    x₁², x₂² (above −3)."""
    everything = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin x1", "sin x2"]
    unneeded = [0, 1, 4, 5, 6]
    runs = {name: after(300, dataset="circles", hidden=[], features=everything, **settings).net.W[1][0]
            for name, settings in (("none", {}), ("L2", {"penalty": "L2", "weight_decay": 10 ** -2.5}),
                                   ("L1", {"penalty": "L1", "weight_decay": 10 ** -2.5}))}
    assert np.abs(runs["L1"][unneeded]).max() < 0.02 and runs["L1"][2:4].max() < -3
    assert np.abs(runs["none"][unneeded]).max() > 0.5
    assert -0.5 < runs["L2"][4] < -0.3 and runs["L2"][2:4].min() > -3


def test_12_regression_a_linear_unit_is_the_plane_and_the_bumps_fall_to_a_tenth():
    """Item 12: the plane with noise 0 and no hidden layer: weights ½ and ½ (to 1e-3), bias 0, linear
    output; the Gaussians with ReLU 8, 8 and η = 0.3: the test loss falls to about a tenth (0.05 to
    0.15 of the start) within 1,000 frames; the counter shows no accuracy."""
    plane = after(300, dataset="plane", hidden=[], noise=0.0)
    assert plane.settings["output"] == "linear + ½Σ(y−ŷ)² (regression)"
    np.testing.assert_allclose(plane.net.W[1][0], [0.5, 0.5], atol=1e-3)
    assert abs(plane.net.b[1][0]) < 1e-3
    start = Playground(dataset="gaussians", hidden=[8, 8], activation="relu", lr=0.3).metrics()[1]
    bumps = after(1000, dataset="gaussians", hidden=[8, 8], activation="relu", lr=0.3)
    assert 0.05 < bumps.metrics()[1] / start < 0.15


def test_the_defaults_are_what_the_things_to_try_say():
    """The intro of the things to try: xor, 200 points (140 for training), 3, 2, tanh, η = 1,
    batch size 10, seed 0; a frame is 50 points and 100 frames are about 36 epochs."""
    m = Playground()
    s = m.settings
    assert (s["dataset"], s["n_points"], s["hidden"], s["activation"], s["lr"], s["batch_size"], s["seed"]) \
        == ("xor", 200, [3, 2], "tanh", 1.0, 10, 0)
    assert len(m.X_train) == 140
    for _ in range(100):
        m.train_steps(STEPS_PER_FRAME)
    assert m.epoch == pytest.approx(36, abs=0.5)


# ---- the promises of "How to use it" and of the exercises --------------------------------------
def test_an_epoch_at_batch_size_10_is_14_steps():
    m = Playground()
    m.train_steps(14)
    assert m.epoch == 1


def test_reset_starts_again_from_the_same_weights():
    """'Reset starts training again from the same starting weights': the button, in the app."""
    from bpcore.widgets.playground_app import playground_app
    app = playground_app().app
    start = [w.copy() for w in app.model.net.W[1:]]
    app.run_frames(3)
    assert not all(np.array_equal(a, b) for a, b in zip(start, app.model.net.W[1:]))
    app.buttons["reset"].click()
    for a, b in zip(start, app.model.net.W[1:]):
        np.testing.assert_array_equal(a, b)
    assert app.model.steps == 0


def test_new_weights_draws_a_new_starting_point_from_a_new_seed():
    """'New weights draws a new starting point (a new seed)'; Reset then comes back to that one."""
    p = Playground()
    if not hasattr(p, "new_weights"):
        pytest.xfail("the playground has no New weights yet")
    start = [w.copy() for w in p.net.W[1:]]
    assert p.new_weights(seed=7) == 7 and p.settings["seed"] == 7 and p.steps == 0
    assert not all(np.array_equal(a, b) for a, b in zip(start, p.net.W[1:]))
    for a, b in zip(Playground(seed=7).net.W[1:], p.net.W[1:]):
        np.testing.assert_array_equal(a, b)


def test_3_the_playground_finds_the_dead_unit_it_pauses_for():
    """Item 3: 'The playground pauses and names the dead units': at η = 31.6 with ReLU the model
    reports unit 2 of layer 2 (one-based) dead and training stuck."""
    m = after(400, activation="relu", lr=ETA_MAX)
    if not hasattr(m, "trouble"):
        pytest.xfail("the playground does not detect dead units yet")
    assert m.dead_units() == {2: [1]}                      # zero-based: unit 2 of layer 2
    assert m.trouble()[0] in ("dead", "stuck")


def test_a_loaded_state_trains_on_exactly_as_the_original():
    """'Loading it brings back exactly that state: training on from it takes the same steps the
    original run would have taken' — the curves too."""
    p = Playground(dataset="moons", seed=3)
    for _ in range(7):
        p.train_steps(STEPS_PER_FRAME)
    q = Playground()
    q.load_json(p.to_json())
    if len(q.history["epoch"]) != len(p.history["epoch"]):
        pytest.xfail("the saved state does not keep the curves yet (the playground's save and load)")
    assert q.history == p.history
    for m in (p, q):
        m.train_steps(20)
    for a, b in zip(p.net.W[1:], q.net.W[1:]):
        np.testing.assert_array_equal(a, b)
    assert q.history == p.history


def test_exercise_1_stop_at_epoch_35_7_stops_after_frame_100():
    """Exercise 1's solution: *stop at epoch* 35.7 stops Play after exactly 100 frames, at the
    accuracy the check cell expects."""
    from bpcore.widgets.playground_app import PlaygroundApp
    app = PlaygroundApp(Playground(dataset="circles", hidden=[3, 2], activation="tanh", seed=0, stop_epochs=35.7))
    assert app.steps_per_frame.value == STEPS_PER_FRAME
    assert app.run_frames(200) == 100
    c = after(100, dataset="circles", hidden=[3, 2], activation="tanh", seed=0)
    assert app.model.metrics()[3] == c.metrics()[3]


def test_exercise_2_the_gradient_is_already_the_mean_over_the_batch():
    """Exercise 2 and the summary: a batch's gradient is the mean of its points' gradients (to 1e-12)."""
    m = Playground()
    X, Y = m.X_train[:10], m.Y_train[:10]
    batch = m.net.backward(m.net.forward(X), Y)
    for k in range(1, m.net.L + 1):
        mean = np.mean([m.net.backward(m.net.forward(x), y).dW[k] for x, y in zip(X, Y)], axis=0)
        np.testing.assert_allclose(batch.dW[k], mean, rtol=1e-12, atol=1e-15)


# ---- the prose --------------------------------------------------------------------------------
MINE = ["00_start_here.ipynb", "03_playground.ipynb"]
LABEL = {"en": "Hint and solution", "zh": "提示与答案"}


def markdown(lang, name):
    nb = json.loads((ROOT / "notebooks" / lang / name).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", MINE + ["01_bp_2-2-2_worked_example.ipynb"])
def test_one_label_for_every_solution_box_the_one_notebook_00_names(lang, name):
    labels = re.findall(r"<summary>(.*?)</summary>", "\n".join(markdown(lang, name)))
    assert labels and set(labels) == {LABEL[lang]}
    assert f"**{LABEL[lang]}**" in "\n".join(markdown(lang, "00_start_here.ipynb"))


@pytest.mark.parametrize("lang, other", [("en", "zh"), ("zh", "en")])
@pytest.mark.parametrize("name", MINE)
def test_each_edition_links_to_the_other_at_the_top(lang, other, name):
    first = markdown(lang, name)[0].split("\n\n")
    assert f"](../{other}/{name})" in "\n\n".join(first[:2])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_notebook_00_lays_out_the_route_with_times_and_both_posts(lang):
    first = markdown(lang, "00_start_here.ipynb")[0]
    links = re.findall(r"\]\((0\d)_[^)]*\.ipynb\)", first)
    assert links[:3] == ["01", "02", "03"]
    assert "01 → 02 → 03" in first
    for title in ("«BP神经网络算法的理解»", "«BP算法推演»") if lang == "en" else ("《BP神经网络算法的理解》", "《BP算法推演》"):
        assert title in first
    assert len(re.findall(r"60|30", first)) >= 3                            # the study times
    sources = markdown(lang, "00_start_here.ipynb")[1]
    for needle in ("83270990", "mattmazur.com", "2015", "1986", "1974", "Werbos", "Hinton", "Williams", "McClelland"):
        assert needle in sources


def test_exercise_0_solution_is_bpcores_net_h1():
    """Notebook 00's exercise 0: the solution's 0.3775 is net_h1 as bpcore computes it."""
    trace = examples.network_2_2_2().forward(examples.DOC001["x"])
    assert trace.z[1][0] == pytest.approx(0.3775, rel=1e-12)
    for lang in ("en", "zh"):
        assert any("= 0.3775$" in cell for cell in markdown(lang, "00_start_here.ipynb"))


def test_notebook_00_no_longer_calls_a_rising_loss_nonsense():
    en = "\n".join(markdown("en", "00_start_here.ipynb"))
    zh = "\n".join(markdown("zh", "00_start_here.ipynb"))
    assert "makes no sense" not in en and "没有意义" not in zh
    assert "overshoot" in en and "冲过头" in zh


def test_the_chinese_terms():
    """螺旋 only as the drop-down's 双螺旋; 标签, not 类标; notebook, not 笔记本 (but 笔记本电脑,
    and the one sentence that says why); 反向传播 as one term and 'backpropagation' as one word."""
    zh = "\n".join(markdown("zh", "00_start_here.ipynb") + markdown("zh", "03_playground.ipynb"))
    assert text("play.dataset.spirals", "zh") == "双螺旋"
    assert re.findall(r"(?<!双)螺旋", zh) == []
    assert "类标" not in zh
    assert re.findall(r"笔记本(?!电脑|”)", zh) == []
    assert "back propagation" not in zh.lower() and "反向 传播" not in zh
    for key in ("xor", "circles", "moons", "blobs", "spirals", "3 classes"):
        assert text(f"play.dataset.{key}", "zh") in zh


def test_notebook_03_claims_no_per_unit_pictures():
    """No view shows each hidden unit's own line or picture yet: the prose must not say it does."""
    en = "\n".join(markdown("en", "03_playground.ipynb"))
    assert "straight ones of its hidden units" not in en and "straight lines" not in en
