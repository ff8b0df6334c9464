"""The playground's model and its widgets, headless: training, settings, files, divergence."""
import json
import threading

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bpcore.draw import svg
from bpcore.widgets.playground import DEFAULTS, OUTPUTS, REGRESSION_OUTPUT, SOFTMAX, Diverged, Playground
from bpcore.widgets.playground_app import PlaygroundApp, parse_hidden, playground_app


FOUR_CLASSES = "x1,x2,label\n0,0,0\n1,1,1\n0,1,2\n1,0,3\n2,2,1\n"
REAL_VALUES = "x1,x2,label\n0,0,0.5\n1,1,-0.25\n0,1,1.5\n1,0,0\n2,2,0.1\n"
TWO_CLASSES = "x1,x2,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n"


def weights(p):
    return [w.copy() for w in p.net.W[1:]] + [b.copy() for b in p.net.b[1:]]


def assert_same_weights(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


def test_default_network_is_document_000s_shape():
    p = Playground()
    assert p.net.sizes == [2, 3, 2, 1] and p.settings["hidden"] == [3, 2]


@pytest.mark.parametrize("dataset", ["xor", "circles"])
def test_the_loss_falls_with_the_default_network(dataset):
    p = Playground(dataset=dataset)
    start = p.history["train_loss"][-1]
    for _ in range(200):
        p.train_steps(5)
    assert p.history["train_loss"][-1] < 0.5 * start
    assert p.history["test_acc"][-1] >= 0.85


def test_three_classes_with_softmax():
    p = Playground(dataset="3 classes", output="softmax + cross-entropy (3+ classes)")
    assert p.net.sizes[-1] == 3 and p.Y_train.shape[1] == 3
    for _ in range(100):
        p.train_steps(5)
    assert p.history["test_acc"][-1] > 0.9 and p.history["train_loss"][-1] >= 0


def test_the_output_follows_the_data_and_comes_back_to_the_learners_choice():
    p = Playground(output="sigmoid + cross-entropy")
    p.configure(dataset="3 classes")
    assert p.settings["output"] == SOFTMAX and p.net.sizes[-1] == 3 and p.Y_train.shape[1] == 3
    p.configure(dataset="xor")
    assert p.settings["output"] == "sigmoid + cross-entropy" and p.net.sizes[-1] == 1
    p.load_csv(FOUR_CLASSES)
    assert p.settings["output"] == SOFTMAX and p.net.sizes[-1] == 4
    p.load_csv(TWO_CLASSES)
    assert p.settings["output"] == "sigmoid + cross-entropy" and p.net.sizes[-1] == 1
    p.configure(output=SOFTMAX)                          # the learner's own choice, kept for two classes
    p.configure(dataset="moons")
    assert p.settings["output"] == SOFTMAX and p.net.sizes[-1] == 2


def test_a_sigmoid_output_for_three_classes_is_refused_and_nothing_changes():
    p = Playground(dataset="3 classes")
    before = (dict(p.settings), weights(p))
    with pytest.raises(ValueError, match="3 classes: choose the softmax output"):
        p.configure(output="sigmoid + cross-entropy")
    assert p.settings == before[0]
    assert_same_weights(weights(p), before[1])


def test_softmax_on_two_classes_draws_its_boundary():
    """A two-unit softmax on XOR: the boundary is (class, probability) and the class of each
    grid cell is the larger output, drawn with the two classes' colours only."""
    p = Playground(output=SOFTMAX)
    p.train_steps(50)
    cls, prob = p.boundary(resolution=8)
    assert cls.shape == prob.shape == (8, 8) and set(np.unique(cls)) <= {0, 1}
    assert np.all((prob >= 0.5) & (prob <= 1.0))
    pixels = svg.boundary_pixels((cls, prob), p.n_classes)
    assert pixels.shape == (8, 8, 3) and pixels.dtype == np.uint8


@pytest.mark.parametrize("change, error", [
    ({"lr": 0}, ValueError), ({"lr": "fast"}, TypeError), ({"batch_size": 0}, ValueError),
    ({"hidden": [0]}, ValueError), ({"hidden": "3,2"}, TypeError), ({"hidden": [20]}, ValueError),
    ({"activation": "swish"}, ValueError), ({"noise": -1}, ValueError), ({"test_fraction": 0.95}, ValueError),
    ({"n_points": 2}, ValueError), ({"seed": 1.5}, TypeError), ({"colour": "red"}, ValueError),
    ({"stop_epochs": -3}, ValueError),
])
def test_bad_settings_change_nothing(change, error):
    p = Playground()
    for _ in range(3):
        p.train_steps(2)
    before = (dict(p.settings), weights(p), p.steps)
    with pytest.raises(error):
        p.configure(**change)
    assert p.settings == before[0] and p.steps == before[2]
    assert_same_weights(weights(p), before[1])


def test_training_settings_keep_the_weights_and_network_settings_reset_them():
    p = Playground()
    p.train_steps(10)
    p.configure(lr=0.3, batch_size=20, weight_decay=0.01)
    assert p.steps == 10
    p.configure(hidden=[4])
    assert p.steps == 0 and p.net.sizes == [2, 4, 1]


def test_stop_when():
    p = Playground(stop_epochs=1.0)
    while not p.should_stop():
        p.train_steps(1)
    assert 1.0 <= p.epoch < 1.1


def test_save_and_load_restore_the_exact_state(tmp_path):
    p = Playground(dataset="moons", hidden=[4, 3], activation="relu", lr=0.3, seed=5, data_seed=2)
    for _ in range(20):
        p.train_steps(3)
    text = p.to_json()
    q = Playground()
    q.load_json(text)
    assert q.settings == p.settings and q.steps == p.steps
    assert_same_weights(weights(q), weights(p))
    np.testing.assert_array_equal(q.X_train, p.X_train)
    assert q.metrics() == p.metrics()
    assert "pickle" not in text and json.loads(text)["format"] == "bpcore-playground"


def test_save_and_load_keep_custom_data():
    p = Playground()
    p.load_csv("x1,x2,label\n0,0,0\n1,1,1\n0,1,2\n1,0,0\n2,2,1\n")
    assert p.settings["output"].startswith("softmax") and p.n_classes == 3
    q = Playground()
    q.load_json(p.to_json())
    np.testing.assert_array_equal(q.X_all, p.X_all)
    assert_same_weights(weights(q), weights(p))


@pytest.mark.parametrize("mangle, message", [
    (lambda d: "{not json", "not a JSON file"),
    (lambda d: json.dumps([1, 2]), "not a saved playground"),
    (lambda d: json.dumps({**d, "version": 99}), "another version"),
    (lambda d: json.dumps({k: v for k, v in d.items() if k != "W"}), "has no 'W'"),
    (lambda d: json.dumps({**d, "W": d["W"][:1]}), "do not fit its network"),
    (lambda d: json.dumps({**d, "W": [[[1.0]]] + d["W"][1:]}), "do not fit its network"),
    (lambda d: json.dumps({**d, "settings": {**d["settings"], "hidden": [5]}}), "do not fit its network"),
    (lambda d: json.dumps({**d, "settings": {**d["settings"], "lr": -1}}), "learning rate"),
    (lambda d: json.dumps({**d, "steps": -1}), "steps"),
    (lambda d: json.dumps({**d, "settings": {**d["settings"], "dataset": "custom"}}), "does not contain it"),
    (lambda d: json.dumps({k: v for k, v in d.items() if k != "history"}), "'history' must be an object"),
    (lambda d: json.dumps({**d, "history": {**d["history"], "train_acc": [1.5]}}),
     "'history' train_acc: every value must be a finite number from 0 to 1"),
    (lambda d: json.dumps({**d, "history": {**d["history"], "epoch": [0, 1]}}), "must be equally long"),
    (lambda d: json.dumps({**d, "history": {**d["history"], "test_loss": ["x"]}}), "'history' test_loss"),
    (lambda d: json.dumps({**d, "sampler": {**d["sampler"], "order": list(range(5))}}),
     "'sampler' order must list each of the 140 training points once"),
    (lambda d: json.dumps({**d, "sampler": {**d["sampler"], "cursor": 141}}), "'sampler' cursor must be at most 140"),
    (lambda d: json.dumps({**d, "sampler": {**d["sampler"], "rng": {"bit_generator": "MT19937"}}}),
     "'sampler' rng must be the state of numpy's PCG64 generator"),
    (lambda d: json.dumps({**d, "sampler": {**d["sampler"], "rng": {**d["sampler"]["rng"], "state": "x"}}}),
     "'sampler' rng must be the state"),
    (lambda d: json.dumps({**d, "settings": {**d["settings"], "dataset": "3 classes", "output": SOFTMAX,
                                             "n_points": 200},
                           "W": [[[0.1, 0.2]] * 3, [[0.1] * 3] * 2, [[0.1] * 2] * 3],
                           "b": [[0.0] * 3, [0.0] * 2, [0.0] * 3], "output_chosen": 3}),
     "'output_chosen' must be a string"),
])
def test_malformed_or_mismatched_files_change_nothing(mangle, message):
    p = Playground(dataset="circles")
    p.train_steps(7)
    good = json.loads(Playground(dataset="xor").to_json())
    before = (dict(p.settings), weights(p), p.steps)
    with pytest.raises((ValueError, TypeError), match=message):
        p.load_json(mangle(good))
    assert p.settings == before[0] and p.steps == before[2]
    assert_same_weights(weights(p), before[1])


def test_bad_csv_changes_nothing():
    p = Playground()
    before = (dict(p.settings), weights(p))
    with pytest.raises(ValueError, match="only one class"):
        p.load_csv("x1,x2,label\n0,0,1\n1,1,1\n0,1,1\n1,0,1\n")
    assert p.settings == before[0]
    assert_same_weights(weights(p), before[1])


@pytest.mark.parametrize("output", ["sigmoid + ½Σ(y−ŷ)² (as in the documents)", "sigmoid + cross-entropy",
                                    "softmax + cross-entropy (3+ classes)"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_divergence_is_caught_and_the_last_good_weights_stay(output, activation):
    """A blown-up network (huge weights, a huge η): with ReLU the next pass overflows and
    training stops, keeping the last good weights; sigmoid and tanh saturate instead, and
    then every weight and the loss must stay finite."""
    p = Playground(output=output, activation=activation, lr=30.0, hidden=[8, 8])
    p.train_steps(2)
    for w in p.net.W[1:]:
        w *= 1e154
    before = weights(p)
    if activation == "relu":
        with pytest.raises(Diverged, match="Try a smaller learning rate"):
            p.train_steps(5)
        assert_same_weights(weights(p), before)
    else:
        for _ in range(20):
            p.train_steps(5)
        assert all(np.isfinite(w).all() for w in weights(p)) and np.isfinite(p.history["train_loss"][-1])


def test_weight_detail_agrees_with_finite_differences():
    p = Playground(dataset="moons")
    p.train_steps(20)
    for name in ("W1[0,1]", "W2[1,2]", "W3[0,1]"):
        d = p.weight_detail(name)
        assert d["gradient"] == pytest.approx(d["numeric"], rel=1e-6, abs=1e-10)
    with pytest.raises(ValueError, match="unknown weight"):
        p.weight_detail("b1[0]")


def test_history_is_bounded():
    p = Playground(history_limit=50)
    for _ in range(400):
        p.train_steps(1)
    assert len(p.history["epoch"]) <= 50 and p.history["epoch"][-1] == pytest.approx(p.epoch)


# ---- the widgets ---------------------------------------------------------------------
@pytest.fixture
def app():
    return playground_app().app


def test_parse_hidden():
    assert parse_hidden("3, 2") == [3, 2] and parse_hidden("") == [] and parse_hidden("8;8") == [8, 8]
    with pytest.raises(ValueError, match="separated by commas"):
        parse_hidden("three")


def test_frames_train_and_redraw(app):
    before = app.boundary.value
    assert app.run_frames(20) == 20
    assert app.model.steps == 100 and app.boundary.value != before
    assert "epoch 7.1" in app.counter.value and "<svg" in app.loss_view.value and "<svg" in app.diagram.value


def test_controls_change_the_model_and_bad_ones_show_a_message(app):
    app.controls["hidden"].value = "8, 8"
    assert app.model.net.sizes == [2, 8, 8, 1] and len(app.pick.options) == 2 * 8 + 8 * 8 + 8 + (8 + 8 + 1)   # weights, then biases
    app.controls["hidden"].value = "eight"
    assert "separated by commas" in app.message.value and app.controls["hidden"].value == "8, 8"
    app.controls["dataset"].value = "3 classes"
    assert app.model.net.sizes[-1] == 3 and "softmax" in app.message.value
    assert app.controls["output"].value.startswith("softmax")


def test_stop_when_pauses_play(app):
    app.controls["stop_epochs"].value = 2
    ran = app.run_frames(1000)
    assert ran < 1000 and "Stopped" in app.message.value


def test_divergence_in_the_app_pauses_with_a_message(app):
    app.controls["activation"].value = "relu"
    app.controls["hidden"].value = "8, 8"
    app.controls["lr"].value = 30.0
    app.run_frames(1)
    for w in app.model.net.W[1:]:
        w *= 1e154
    before = weights(app.model)
    assert app.run_frames(5) == 1
    assert "diverged" in app.message.value and "Traceback" not in app.message.value
    assert_same_weights(weights(app.model), before)


def test_save_writes_json_and_a_download_link(app, tmp_path):
    app.run_frames(3)
    app.save_path.value = str(tmp_path / "state.json")
    app.buttons["save"].click()
    saved = (tmp_path / "state.json").read_text()
    assert "Saved to" in app.message.value and "data:application/json;base64," in app.download.value
    other = PlaygroundApp(Playground(dataset="moons"))
    other.load_state(saved)
    assert_same_weights(weights(other.model), weights(app.model))
    assert other.controls["dataset"].value == "xor"


def test_csv_upload_and_bad_csv(app):
    app._on_upload(app.load_csv)({"new": [{"content": memoryview(b"x1,x2,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n")}]})
    assert app.model.settings["dataset"] == "custom" and "Loaded 4 points" in app.message.value
    app._on_upload(app.load_csv)({"new": [{"content": memoryview(b"x1,x2\n0,0\n")}]})
    assert "missing column" in app.message.value and app.model.settings["dataset"] == "custom"


def test_weight_picker_and_tables(app):
    app.pick.value = "W3[0,1]"
    assert "central finite difference" in app.weight_view.value
    assert "<b>W⁽³⁾₁,₂</b>: from unit 2 of layer 2 to unit 1 of layer 3" in app.weight_view.value
    app.show_tables.click()
    # one-based names, the documents' convention, wherever a student reads one
    assert "loss and accuracy over epochs" in app.tables.value and "W⁽¹⁾₁,₁" in app.tables.value
    assert "W1[0,0]" not in app.tables.value and ("W⁽³⁾₁,₂", "W3[0,1]") in app.pick.options


def test_play_without_a_running_loop_says_so(app):
    """Pressed where no event loop runs (a new thread: in this process the browser tests'
    Playwright keeps one running on the main thread)."""
    pressed = threading.Thread(target=lambda: setattr(app.play, "value", True))
    pressed.start()
    pressed.join()
    assert app.play.value is False and "running notebook kernel" in app.message.value


def test_defaults_are_valid():
    assert Playground(**DEFAULTS).settings == DEFAULTS | {"hidden": [3, 2]}


# ---- every sequence of configuration changes leaves a consistent, working playground ----------
ACTIONS = st.one_of(
    st.tuples(st.just("dataset"), st.sampled_from(["xor", "circles", "moons", "3 classes", "plane", "gaussians",
                                                   "custom"])),
    st.tuples(st.just("output"), st.sampled_from(list(OUTPUTS))),
    st.tuples(st.just("hidden"), st.sampled_from(["", "3, 2", "4", "2, 2, 2", "eight"])),
    st.tuples(st.just("activation"), st.sampled_from(["sigmoid", "tanh", "relu"])),
    st.tuples(st.just("csv"), st.sampled_from([FOUR_CLASSES, TWO_CLASSES, REAL_VALUES])),
    st.tuples(st.just("step"), st.none()), st.tuples(st.just("reset"), st.none()),
)


def assert_consistent(app):
    """What the controls say is what the model uses; every view is drawn from the model as it is."""
    m = app.model
    for key in ("dataset", "output", "activation"):
        assert app.controls[key].value == m.settings[key], key
    assert parse_hidden(app.controls["hidden"].value) == m.settings["hidden"]
    assert m.net.sizes[-1] == (m.n_classes if m.settings["output"] == SOFTMAX else 1)
    assert (m.settings["output"] == REGRESSION_OUTPUT) == m.regression == app.controls["output"].disabled
    if m.regression:
        vmax = float(np.abs(m.labels_all).max())
        assert app.boundary.value == svg.value_image_svg(m.boundary(), vmax)
        assert app.points_view.value == svg.value_overlay_svg(m.extent(), (m.X_train, m.labels_train),
                                                              (m.X_test, m.labels_test), vmax)
        assert "squares: test" in app.legend.value and "accuracy" not in app.counter.value
    else:
        assert app.boundary.value == svg.boundary_image_svg(m.boundary(), m.n_classes)
        assert app.points_view.value == svg.boundary_overlay_svg(m.extent(), (m.X_train, m.labels_train),
                                                                 (m.X_test, m.labels_test), legend="")
        assert "hollow: test points" in app.legend.value or "空心" in app.legend.value
    assert app.pick.value in m.net.names


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(ACTIONS, min_size=1, max_size=8))
def test_every_sequence_of_changes_leaves_a_working_playground(actions):
    app = PlaygroundApp(Playground(n_points=60))
    for kind, value in actions:
        if kind == "csv":
            app.load_csv(value.encode())
        elif kind == "step":
            app.buttons["step"].click()
        elif kind == "reset":
            app.buttons["reset"].click()
        elif kind == "dataset" and value == "custom" and app.model.custom is None:
            continue                                   # not offered until a CSV is loaded
        elif app.controls[kind].value == value:
            continue                                   # no change, no event
        else:
            app.controls[kind].value = value
        refused = kind == "hidden" and value == "eight" or \
            kind == "output" and value != SOFTMAX and app.model.n_classes > 2 or \
            kind == "output" and (value == REGRESSION_OUTPUT) != app.model.regression
        assert ("⚠" in app.message.value) == refused, (kind, value, app.message.value)
        assert_consistent(app)
    steps = app.model.steps
    app.buttons["step"].click()
    assert app.model.steps == steps + 1 and "⚠" not in app.message.value
    # two frames, unless training cannot get anywhere (a ReLU layer dead on a 4-point CSV): then a pause that says so
    assert app.run_frames(2) == 2 or (app.model.trouble() and "Paused at epoch" in app.message.value)
    app.buttons["reset"].click()
    assert app.model.steps == 0 and app.counter.value.count("step 0 ") == 1


# ---- copies and pickles of a playground: whole and independent --------------------------
@pytest.mark.parametrize("how", ["copy.copy", "copy.deepcopy", "pickle"])
def test_a_copied_playground_is_whole_and_independent(how):
    import copy
    import pickle
    p = Playground(hidden=[4], n_points=60)
    p.train_steps(7)
    twin = {"copy.copy": copy.copy, "copy.deepcopy": copy.deepcopy,
            "pickle": lambda q: pickle.loads(pickle.dumps(q))}[how](p)
    assert twin.net is not p.net and twin.net.version != p.net.version
    assert twin.steps == p.steps and twin.history == p.history and twin.to_json() == p.to_json()
    trace = p.net.forward(p.X_train)
    with pytest.raises(ValueError, match="trace comes from another network"):
        twin.net.backward(trace, p.Y_train)
    twin.train_steps(5)                          # the same batches from here on, in both
    p.train_steps(5)
    assert_same_weights(weights(twin), weights(p))
    twin.train_steps(3)                          # and training one moves only that one
    assert twin.steps == p.steps + 3 and len(twin.history["epoch"]) == len(p.history["epoch"]) + 1
    assert not np.array_equal(twin.net.W[1], p.net.W[1])


# ---- round 3: what loading, Reset, New weights and the weight view promise ---------------------------
def _same_run(a, b):
    assert_same_weights(weights(a), weights(b))
    assert a.history == b.history and a.steps == b.steps


@pytest.mark.parametrize("make", [lambda: Playground(batch_size=7),
                                  lambda: Playground(dataset="3 classes", batch_size=13, activation="relu"),
                                  lambda: _custom(Playground(batch_size=3))])
def test_twenty_steps_after_a_load_match_twenty_steps_of_the_original_run(make):
    """The file keeps the histories and the batch sampler (its order, its place, its generator): loading
    brings back exactly that state, curves included, and training carries on as if it never stopped."""
    p = make()
    p.train_steps(23)                      # stopped in the middle of a pass over the data
    q = Playground()
    q.load_json(p.to_json())
    assert len(q.history["epoch"]) == len(p.history["epoch"]) == 2
    _same_run(p, q)
    for _ in range(4):
        p.train_steps(5)
        q.train_steps(5)
    _same_run(p, q)


def _custom(p):
    p.load_csv(FOUR_CLASSES + "0.5,0.5,3\n1.5,0.2,2\n0.2,1.8,0\n", name="four.csv")
    return p


def test_a_file_saved_before_the_histories_were_kept_still_loads():
    p = Playground()
    p.train_steps(12)
    doc = json.loads(p.to_json())
    old = {key: doc[key] for key in ("format", "settings", "steps", "W", "b")}
    old["version"] = 1
    q = Playground()
    q.load_json(json.dumps(old))
    assert_same_weights(weights(p), weights(q))
    assert q.steps == 12 and len(q.history["epoch"]) == 1          # its curves start afresh, at its epoch
    assert q.history["epoch"][0] == p.epoch


def test_the_output_the_learner_chose_is_saved_and_restored():
    p = Playground()
    p.configure(output="sigmoid + cross-entropy")
    p.configure(dataset="3 classes")                                # softmax, by itself
    q = Playground()
    q.load_json(p.to_json())
    p.configure(dataset="xor")
    q.configure(dataset="xor")
    assert p.settings["output"] == q.settings["output"] == "sigmoid + cross-entropy"
    assert_same_weights(weights(p), weights(q))


def test_reset_rebuilds_the_same_weights_and_new_weights_draws_a_new_start():
    p = Playground()
    start = weights(p)
    p.train_steps(30)
    p.reset_training()
    assert_same_weights(start, weights(p))
    assert p.steps == 0 and len(p.history["epoch"]) == 1
    seed = p.new_weights()
    assert seed == p.settings["seed"] != 0 and 0 <= seed < 2**32
    assert not np.array_equal(start[0], weights(p)[0])
    assert_same_weights(weights(Playground(seed=seed)), weights(p))   # the seed shown makes these weights
    assert p.new_weights(seed=7) == 7 and p.settings["seed"] == 7
    with pytest.raises(ValueError, match="weights seed must be at most 4,294,967,295"):
        p.new_weights(seed=2**32)


def test_dead_relus_and_stagnation_are_named():
    """Notebook 03's ReLU at a large η: the network freezes at 50% with dead units; the playground
    says so (and Play pauses: see the app's test)."""
    p = Playground(activation="relu", lr=30)
    for _ in range(60):
        p.train_steps(5)
        if p.trouble():
            break
    kind, g, dead = p.trouble()
    assert kind == "stuck" and g <= 1e-4 and dead == {2: [1]} and p.history["test_acc"][-1] == 0.5
    q = Playground(activation="relu", lr=10, output="sigmoid + cross-entropy")
    q.train_steps(5)
    assert q.trouble()[:2] == ("dead", 2) and q.dead_units()[2] == [0, 1]     # every unit of layer 2
    healthy = Playground(activation="relu", hidden=[8, 8])
    for _ in range(100):
        healthy.train_steps(5)
        assert healthy.trouble() is None
    assert healthy.history["test_acc"][-1] > 0.9


@pytest.mark.parametrize("output", ["sigmoid + cross-entropy", "sigmoid + ½Σ(y−ŷ)² (as in the documents)"])
def test_the_weight_view_shows_y_hat_and_y_for_the_point_whose_delta_it_shows(output):
    p = Playground(output=output)
    p.train_steps(10)
    d = p.weight_detail("W3[0,1]")
    assert d["label"] == "W⁽³⁾₁,₂"
    y_hat, y = d["y_hat_first"], d["y_first"]
    assert y == p.Y_train[0][0] and 0 < y_hat < 1
    if output == "sigmoid + cross-entropy":
        assert d["delta_first"] == pytest.approx(y_hat - y, rel=1e-12)          # δ at the output is ŷ − y
    else:
        assert d["delta_first"] == pytest.approx((y_hat - y) * y_hat * (1 - y_hat), rel=1e-12)
    assert p.weight_detail("W1[0,0]")["y_hat_first"] is None


def test_display_names_count_from_one():
    from bpcore.widgets.playground import display_name
    assert display_name(("W", 1, (0, 0))) == "W⁽¹⁾₁,₁" and display_name(("W", 2, (1, 2))) == "W⁽²⁾₂,₃"
    assert display_name(("b", 3, (0,))) == "b⁽³⁾₁" and display_name(("W", 1, (9, 11))) == "W⁽¹⁾₁₀,₁₂"


# ---- round 3: the app's own API and what a student sees ---------------------------------------
def test_the_app_checks_its_model():
    with pytest.raises(TypeError, match="model must be a Playground .*got str"):
        PlaygroundApp(model="a playground")


def test_set_weight_decay_uses_and_checks_its_value(app):
    app.set("weight_decay", 0.5)
    assert app.model.settings["weight_decay"] == 0.5 and app.regularisation.value == "L2"
    assert app.controls["weight_decay"].value == 0.5 and not app.controls["weight_decay"].disabled
    with pytest.raises(TypeError, match="weight decay λ must be a real number, got str .garbage."):
        app.set("weight_decay", "garbage")
    assert app.model.settings["weight_decay"] == 0.5
    app.regularisation.value = "none"            # off: λ = 0; the slider disabled, with no readout of a λ not in use
    assert app.model.settings["weight_decay"] == 0.0
    assert app.controls["weight_decay"].disabled and not app.controls["weight_decay"].readout
    app.regularisation.value = "L2"              # on again: the λ the slider kept
    assert app.model.settings["weight_decay"] == 0.5 and app.controls["weight_decay"].readout


def test_new_weights_and_reset_buttons(app):
    start = weights(app.model)
    app.run_frames(3)
    app.buttons["reset"].click()
    assert_same_weights(start, weights(app.model))
    assert "Back to the starting weights of weights seed 0; epoch 0." in app.message.value
    app.buttons["new_weights"].click()
    seed = app.model.settings["seed"]
    assert app.controls["seed"].value == seed != 0
    assert f"New starting weights from a new weights seed, {seed}; epoch 0." in app.message.value
    assert app.buttons["new_weights"].description == "New weights"
    zh = playground_app(lang="zh").app
    assert zh.buttons["new_weights"].description == "换一组初始权重" and zh.buttons["reset"].description == "重置"


def test_a_loaded_csv_is_named_and_the_generator_controls_wait(app):
    app._on_upload(app.load_csv, with_name=True)({"new": [{"name": "my_points.csv",
                                                          "content": memoryview(FOUR_CLASSES.encode())}]})
    assert "your data:</b> my_points.csv, 5 points, 4 classes" in app.data_info.value
    assert all(app.controls[k].disabled for k in ("n_points", "noise", "data_seed"))
    app.controls["dataset"].value = "xor"
    assert app.data_info.value == "" and not any(app.controls[k].disabled for k in ("n_points", "noise", "data_seed"))


def test_upload_buttons_show_their_caption_without_a_count(app):
    """ipywidgets 8 writes "<description> (<files>)"; the playground leaves the description empty and
    its style sheet draws the caption."""
    assert app.csv_upload.description == app.json_upload.description == ""
    css = app.widget.children[0].children[0].value
    assert '.bp-upload-csv::after { content: "Upload CSV"; }' in css
    assert '.bp-upload-state::after { content: "Load saved state"; }' in css
    zh = playground_app(lang="zh").app.widget.children[0].children[0].value
    assert '.bp-upload-csv::after { content: "上传 CSV"; }' in zh


def test_play_pauses_with_a_message_when_relus_die(app):
    app.model.configure(activation="relu", lr=10, output="sigmoid + cross-entropy")
    assert app.run_frames(50) == 1
    assert "Paused at epoch" in app.message.value and "every unit of hidden layer 2 outputs 0" in app.message.value
    assert "Try a smaller η (now 10)" in app.message.value and "another activation" in app.message.value
    app.model.configure(lr=30, output="sigmoid + ½Σ(y−ŷ)² (as in the documents)")
    ran = app.run_frames(200)
    assert ran < 200 and "training has stalled" in app.message.value
    assert "Dead units (output 0 on every training point, so they never learn again): layer 2, unit 2." \
        in app.message.value
    zh = PlaygroundApp(Playground(activation="relu", lr=10, output="sigmoid + cross-entropy", lang="zh"), lang="zh")
    zh.run_frames(5)
    assert "ReLU 死亡" in zh.message.value and "更小的 η" in zh.message.value


def test_play_shows_that_the_kernel_is_busy(app):
    import asyncio

    async def press_play():
        app.play.value = True
        shown = app.busy.value
        await asyncio.sleep(0.1)
        app.play.value = False
        await asyncio.sleep(0.05)
        return shown
    shown = asyncio.run(press_play())
    assert "bp-busy" in shown and "training… (the kernel is busy; Pause stops it)" in shown
    assert app.busy.value == "" and app.model.steps > 0


def test_the_weight_view_shows_y_hat_and_y_at_the_output(app):
    app.pick.value = "W3[0,0]"
    v = app.weight_view.value
    assert "ŷ1, first training point" in v and "y1 (its label), first training point" in v and "ŷ1 − y1" in v
    d = app.model.weight_detail("W3[0,0]")
    assert f"{d['y_hat_first']:.6g}" in v and f"{d['y_first']:.6g}" in v
    app.pick.value = "W1[0,0]"
    assert "ŷ1" not in app.weight_view.value


def test_the_controls_flag_is_one_context_manager(app):
    from bpcore.widgets.syncing import Syncing
    assert isinstance(app.syncing, Syncing) and not app.syncing
    with app.syncing:
        with app.syncing:
            app.controls["lr"].value = 0.5            # the program setting a control: not the learner's change
        assert app.syncing
    assert not app.syncing and app.model.settings["lr"] == 1.0
    import bpcore.widgets.playground_app as module
    assert not hasattr(module, "W")                  # W means weights everywhere else
