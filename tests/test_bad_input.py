"""Every kind of bad input gets a ValueError or TypeError that names what was wrong,
and a refused call changes nothing: the cases of the five kinds a hostile user found
(partial writes, loaded state skipping the rules, errors of other types, silent wrong
results, no limits), plus the limits themselves with their messages."""
import json
from pathlib import Path

import numpy as np
import pytest

import bpcore
from bpcore import checks, examples, gradcheck
from bpcore.data import csvfile, datasets
from bpcore.gradcheck import sweep
from bpcore.network import MAX_PARAMETERS, MAX_UNITS, Network
from bpcore.widgets.playground import LIMITS, MAX_STEPS_PER_CALL, Diverged, Playground
from bpcore.widgets.session import MAX_STEPS_PER_CALL as SESSION_MAX_STEPS
from bpcore.widgets.session import Session

from state_snapshots import network_state, playground_state, session_state

GOOD_CSV = "x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n"


def doc001_session():
    d = examples.DOC001
    return Session(examples.network_2_2_2, d["x"], d["y"], d["lr"])


def saved_playground():
    return json.loads(Playground().to_json())


# ---- 1. partial writes ------------------------------------------------------------------------
def test_grads_of_a_per_neuron_net_are_refused_by_a_shared_bias_net_before_any_write():
    a, b = Network([2, 2, 2], shared_bias=True), Network([2, 2, 2], seed=5)
    before = network_state(a)
    with pytest.raises(ValueError, match="grads come from a network of another shape.*biases per neuron"):
        a.step(b.backward(b.forward([.5, .5]), [.2, .8]), .5)
    assert network_state(a) == before


def test_grads_of_a_shared_bias_net_are_refused_by_a_per_neuron_net():
    a, b = Network([2, 2, 2], shared_bias=True), Network([2, 2, 2], seed=5)
    before = network_state(b)
    with pytest.raises(ValueError, match="another shape.*biases shared"):
        b.step(a.backward(a.forward([.5, .5]), [.2, .8]), .5)
    assert network_state(b) == before


def test_grads_of_a_twin_of_the_same_shape_are_accepted():
    a = examples.network_2_2_2()
    twin = a.copy()
    twin.step(a.backward(a.forward([0.05, 0.1]), [0.01, 0.99]), 0.5)    # what Session.step does
    assert twin["w5"] == pytest.approx(0.358916479717885, abs=1e-12)  # document 001's w5+


def test_grads_changed_after_backward_are_refused():
    net = Network([2, 3, 1])
    grads = net.backward(net.forward([1.0, 2.0]), [0.5])
    grads.dW[2] = np.zeros((3, 3))
    before = network_state(net)
    with pytest.raises(ValueError, match="grads were changed after backward"):
        net.step(grads, 0.1)
    assert network_state(net) == before


@pytest.mark.parametrize("bad, message", [
    (lambda s: ([s[0][0], np.zeros((2, 2))], s[1]), "state W2 must have shape \\(1, 3\\), got \\(2, 2\\)"),
    (lambda s: ([s[0][0] * np.nan, s[0][1]], s[1]), "state W1 must be finite"),
    (lambda s: (s[0], s[1][:1]), "state must hold 2 b arrays"),
    (lambda s: s[0], "state must hold 2 W arrays"),
    (lambda s: "state", "state must be what Network.state"),
    (lambda s: ([s[0][0], [["a", "b", "c"]]], s[1]), "state W2 must be real numbers"),
])
def test_restore_checks_every_array_before_writing_any(bad, message):
    net = Network([2, 3, 1])
    saved = net.state()
    net["W1[0,0]"] = 5.0
    before = network_state(net)
    with pytest.raises((ValueError, TypeError), match=message):
        net.restore(bad(saved))
    assert network_state(net) == before


def test_set_parameters_is_all_or_nothing():
    net = examples.network_2_2_2()
    before = network_state(net)
    with pytest.raises(TypeError, match="w6 must be a real number"):
        net.set_parameters({"w5": 1.0, "w6": "x"})
    with pytest.raises(ValueError, match="unknown parameter name 'w9'"):
        net.set_parameters({"w5": 1.0, "w9": 2.0})
    with pytest.raises(TypeError, match="values must be a dict"):
        net.set_parameters([("w5", 1.0)])
    assert network_state(net) == before


@pytest.mark.parametrize("stop", [KeyboardInterrupt, ValueError])
def test_an_interrupted_session_run_is_undone_whole(stop):
    s = doc001_session()
    s.step()
    before = session_state(s)
    calls = []

    def progress(done, total):
        calls.append(done)
        if len(calls) == 2:                  # the kernel's stop button raises KeyboardInterrupt here
            raise stop("interrupted")
    with pytest.raises(stop):
        s.train(100, progress=progress, chunk=10)
    assert calls == [10, 20]
    assert session_state(s) == before        # weights, history and step counter agree: as before the run
    assert s.steps_done == 1 and len(s.history["loss"]) == 1


def diverging_playground():
    # ReLU through six layers of 16 with batch 1 and the largest η the controls allow
    return Playground(activation="relu", output="sigmoid + cross-entropy", hidden=[16] * 6, batch_size=1,
                      lr=LIMITS["lr"][1], n_points=20)


def test_playground_divergence_undoes_the_call_and_keeps_a_consistent_state():
    p = diverging_playground()
    before = playground_state(p)
    with pytest.raises(Diverged, match="Training diverged at epoch .*These steps were undone"):
        p.train_steps(50)
    assert playground_state(p) == before
    assert p.steps == 0 and p.history["train_loss"][-1] == p.metrics()[0]   # the history is the weights'
    assert np.isfinite(p.metrics()[0]) and "撤销" not in p.message
    p.lang = "zh"
    with pytest.raises(Diverged):
        p.train_steps(50)
    assert "撤销" in p.message


def test_an_interrupted_playground_call_is_undone():
    p = Playground()
    p.train_steps(3)
    before = playground_state(p)
    calls = []
    real_take = p._batches.take

    def take(k):
        calls.append(k)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real_take(k)
    p._batches.take = take
    with pytest.raises(KeyboardInterrupt):
        p.train_steps(10)
    del p._batches.take
    assert playground_state(p) == before


def test_hidden_sizes_as_a_tuple_do_not_reset_training():
    p = Playground()
    p.train_steps(5)
    net = p.net
    p.configure(hidden=(3, 2))
    assert p.net is net and p.steps == 5 and p.settings["hidden"] == [3, 2]


# ---- 2. loaded state obeys the rules typed-in data and settings obey -------------------------------
SQUARE = [[0, 0], [1, 1], [0, 1], [1, 0]]


@pytest.mark.parametrize("data, message", [
    ({"x": SQUARE, "label": [-1, 0, 1, 0]}, "point 1, label -1.0 is not a class number"),
    ({"x": SQUARE, "label": [0, 5, 0, 5]}, "labels must be 0, 1, ... without gaps, got 0, 5"),
    ({"x": SQUARE, "label": [0, 0, 0, 0]}, "only one class"),
    ({"x": [[0, 0]], "label": [0]}, "too few rows: 1"),
    ({"x": [[0, 0]] * 5001, "label": [0, 1] * 2500 + [0]}, "too many rows: 5001"),
    ({"x": SQUARE, "label": [0, 1, 0.5, 1]}, "label 0.5 is not a class number"),
    ({"x": SQUARE, "label": [0, 1, 1e300, 1]}, "label 1e\\+300 is not a class number"),
    ({"x": SQUARE, "label": [0, 1, True, 1]}, "must be real numbers, but it contains True or False"),
    ({"x": [[0, 0], [1, 1], [0, 1], [1, 1e308]], "label": [0, 1, 0, 1]}, "too large; coordinates must lie"),
    ({"x": [[0, 0], [1, 1], [0, 1]], "label": [0, 1, 0, 1]}, "too few rows: 3"),
    ({"x": SQUARE, "label": [0, 1, 0]}, "labels must be one per point"),
    ({"x": [0, 1, 2, 3], "label": [0, 1, 0, 1]}, "must be points \\(x1, x2\\)"),
    ({"x": "abc", "label": [0, 1, 0, 1]}, "must be numbers, got a string"),
])
def test_saved_custom_data_passes_the_same_validator_as_a_csv(data, message):
    doc = saved_playground()
    doc = {**doc, "settings": {**doc["settings"], "dataset": "custom"}, "data": data}
    p = Playground(dataset="circles")
    before = playground_state(p)
    with pytest.raises((ValueError, TypeError), match=message):
        p.load_json(json.dumps(doc))
    assert playground_state(p) == before


@pytest.mark.parametrize("key, value, message", [
    ("lr", 100, "learning rate η must be between 0.001 and 31.6228, got 100"),
    ("lr", 1e-9, "learning rate η must be between"),
    ("batch_size", 1000, "batch size must be at most 500, got 1000"),
    ("n_points", 100000, "number of points must be at most 1,000"),
    ("noise", 1e308, "noise must be between 0 and 0.5"),
    ("test_fraction", 0.99, "test fraction must be between 0.1 and 0.5"),
    ("weight_decay", 5.0, "weight decay λ \\(0 = off\\) must be between"),
    ("seed", -1, "weights seed must be >= 0, got -1"),
    ("data_seed", 2**40, "data seed must be at most"),
    ("hidden", [3] * 9, "number of hidden layers must be at most 6"),
    ("hidden", [17], "units in a hidden layer must be at most 16"),
    ("stop_epochs", 1e9, "stop after epochs"),
    ("colour", "red", "unknown setting\\(s\\): colour"),
])
def test_settings_out_of_the_controls_range_are_refused_typed_or_loaded(key, value, message):
    p = Playground()
    before = playground_state(p)
    with pytest.raises(ValueError, match=message):
        p.configure(**{key: value})
    doc = saved_playground()
    with pytest.raises(ValueError, match=message):
        p.load_json(json.dumps({**doc, "settings": {**doc["settings"], key: value}}))
    assert playground_state(p) == before


def test_every_limit_of_a_setting_fits_its_control():
    from bpcore.widgets.playground_app import PlaygroundApp
    app = PlaygroundApp(Playground())
    for key in ("n_points", "noise", "test_fraction", "batch_size", "stop_epochs", "stop_loss"):
        low, high = LIMITS[key]
        assert (app.controls[key].min, app.controls[key].max) == (low, high), key
    lr = app.controls["lr"]
    assert 10 ** lr.min == pytest.approx(LIMITS["lr"][0], rel=1e-12)
    assert 10 ** lr.max == pytest.approx(LIMITS["lr"][1], rel=1e-12)


# ---- 3. no other exception type escapes ----------------------------------------------------------------
def test_cr_only_line_endings_and_a_byte_order_mark_load():
    for text in (GOOD_CSV.replace("\n", "\r"), "\ufeff" + GOOD_CSV, GOOD_CSV.replace("\n", "\r\n")):
        X, labels = csvfile.load_csv(text)
        np.testing.assert_array_equal(labels, [0, 1, 1, 0])
        np.testing.assert_array_equal(X, SQUARE)


@pytest.mark.parametrize("call, error, message", [
    (lambda: csvfile.load_csv("x1,x2,label\n" + "1" * 500 + ",1,1\n"), ValueError,
     "row 2: a value longer than 100 characters"),
    (lambda: csvfile.load_csv("x1,x2,label\n" + "1" * 200_000 + ",1,1\n"), ValueError, "row 2: not readable"),
    (lambda: csvfile.load_csv('x1,x2,label\n"' + "1" * 200_000 + '",1,1\n'), ValueError, "row 2"),
    (lambda: csvfile.load_csv("x1,x2,label\n0,0,0\n1,1\0,1\n0,1,1\n1,0,0\n"), ValueError, "row 3"),
    (lambda: csvfile.load_csv("x" * 300), ValueError, "pass a pathlib.Path"),
    (lambda: csvfile.load_csv("points.csv"), ValueError, "pass a pathlib.Path"),
    (lambda: csvfile.load_csv("x1,x2,label\n0,0,0\n1,1,1e300\n0,1,1\n1,0,0\n"), ValueError,
     "row 3, column label: '1e300' is not a class number"),
    (lambda: csvfile.load_csv(12), TypeError, "source must be the file's contents"),
    (lambda: csvfile.read_csv(Path("no/such/file.csv")), ValueError, "no file at"),
    (lambda: csvfile.read_csv("x1,x2,label\n1,2,3"), ValueError, "looks like a file's contents"),
    (lambda: examples.network_2_2_2().__setitem__("w5", 10**400), ValueError,
     "w5 must be finite, got a number too large"),
    (lambda: bpcore.train(examples.network_2_2_2(), [0.05, 0.1], [0.01, 0.99], 10**400, 5), ValueError,
     "lr must be finite"),
    (lambda: examples.network_2_2_2().forward([10**400, 1]), ValueError, "x must be finite"),
    (lambda: Playground().load_json(json.dumps({**saved_playground(), "steps": 10**400})), ValueError,
     "'steps' must be at most"),
    (lambda: Playground().load_json("[" * 100_000 + "]" * 100_000), ValueError, "nested far too deeply"),
    (lambda: Playground().load_json('{"a": ' + "9" * 5000 + "}"), ValueError, "not a JSON file"),
    (lambda: Playground().load_json(12), TypeError, "text must be the saved file's contents"),
    (lambda: Playground().weight_detail("W1[0,0]", eps=0), ValueError, "eps must be between"),
    (lambda: Playground().weight_detail(3), TypeError, "name must be a weight's name"),
    (lambda: Playground().weight_detail("W9[0,0]"), ValueError, "name: unknown weight"),
    (lambda: Playground().boundary(-1), ValueError, "resolution must be >= 2"),
    (lambda: Playground().boundary("a"), TypeError, "resolution must be a whole number"),
    (lambda: Network([2, 1], seed=-1), ValueError, "seed must be >= 0, got -1"),
    (lambda: datasets.make("xor", seed=-1), ValueError, "seed must be >= 0"),
    (lambda: Playground(seed=-1), ValueError, "weights seed must be >= 0"),
    (lambda: Playground(data_seed=-3), ValueError, "data seed must be >= 0"),
    (lambda: gradcheck("net", [1.0, 2.0], [1.0]), TypeError, "net must be a bpcore.Network"),
    (lambda: bpcore.numeric_grads(Network([2, 1]), [1.0, 2.0], [1.0], eps=1.0), ValueError, "eps must be at most"),
    (lambda: bpcore.numeric_grads(Network([2, 1]), [1.0, 2.0], [1.0], loss="bce"), TypeError, "loss must be a function"),
    (lambda: bpcore.numeric_grads(Network([2, 1]), [1.0, 2.0], [1.0], weight_decay=-1), ValueError,
     "weight_decay must be > 0"),
    (lambda: bpcore.numeric_grads(Network([2, 1]), [1.0, 2.0], [1.0], names=["W9"]), ValueError,
     "names: no parameter called 'W9'"),
    (lambda: bpcore.numeric_grads(Network([2, 1]), [1.0, 2.0], [1.0], names="W1"), TypeError,
     "names must be a list of parameter names"),
    (lambda: sweep(Network([2, 1]), [1.0, 2.0], [1.0], []), ValueError, "epsilons must be a non-empty list"),
    (lambda: sweep(Network([2, 1]), [1.0, 2.0], [1.0], ["a"]), TypeError, "epsilons"),
])
def test_errors_of_other_types_are_now_value_or_type_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_path_object_is_read_and_a_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text(GOOD_CSV)
    np.testing.assert_array_equal(csvfile.load_csv(path)[1], [0, 1, 1, 0])
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:                      # sparse: no time spent writing it
        f.seek(csvfile.MAX_FILE_BYTES)
        f.write(b"\n")
    with pytest.raises(ValueError, match=f"the file is too large: {csvfile.MAX_FILE_BYTES + 1:,} bytes"):
        csvfile.read_csv(big)
    with pytest.raises(ValueError, match="the text is too long"):
        csvfile.load_csv("x" * (csvfile.MAX_FILE_BYTES + 1))


# ---- 4. no silent wrong results -------------------------------------------------------------------------
def test_a_trace_of_another_network_of_the_same_shape_is_refused():
    x, y = Network([2, 2, 1]), Network([2, 2, 1])
    with pytest.raises(ValueError, match="trace comes from another network: call this network's forward"):
        y.backward(x.forward([1.0, 2.0]), [1.0])
    with pytest.raises(ValueError, match="trace comes from another network"):
        x.copy().backward(x.forward([1.0, 2.0]), [1.0])


@pytest.mark.parametrize("kwargs, error, message", [
    ({"train_bias": "no"}, TypeError, "train_bias must be True or False"),
    ({"shared_bias": 1}, TypeError, "shared_bias must be True or False"),
    ({"names": {"w": ("W", 5, (0, 0))}}, ValueError, "names\\['w'\\] must be"),
    ({"names": {"a": ("W", 1, (0, 0)), "b": ("W", 1, (0, 0))}}, ValueError, "name the same parameter"),
    ({"names": [1]}, TypeError, "names must be a dict"),
    ({"labels": "abc"}, TypeError, "labels must be a list of lists"),
])
def test_network_flags_and_names_are_checked(kwargs, error, message):
    with pytest.raises(error, match=message):
        Network([2, 1], **kwargs)


def test_true_inside_weights_or_inputs_is_refused():
    doc = saved_playground()
    W1 = [[True, 0.1]] + doc["W"][0][1:]
    with pytest.raises(TypeError, match="W1 must be real numbers, but it contains True or False"):
        Playground().load_json(json.dumps({**doc, "W": [W1] + doc["W"][1:]}))
    with pytest.raises(TypeError, match="x must be real numbers"):
        Network([2, 1]).forward([True, 0.5])


def test_extreme_data_is_refused_and_the_largest_allowed_still_plots():
    with pytest.raises(ValueError, match="row 3, column x2: 1e\\+308 is too large"):
        csvfile.load_csv("x1,x2,label\n0,0,0\n1,1e308,1\n0,1,1\n1,-1e308,0\n")
    with pytest.raises(ValueError, match="noise must be between 0 and 10"):
        datasets.make("xor", noise=1e308)
    m = datasets.MAX_COORDINATE
    p = Playground()
    p.load_csv(f"x1,x2,label\n{-m},{-m},0\n{m},{m},1\n{-m},{m},1\n{m},{-m},0\n0,0,0\n")
    assert np.all(np.isfinite(p.extent())) and np.all(np.isfinite(p.boundary(8)))


def test_a_saved_state_whose_weights_give_an_infinite_loss_is_refused():
    doc = saved_playground()
    W = [np.full_like(np.array(w), 1e300).tolist() for w in doc["W"]]
    p = Playground()
    before = playground_state(p)
    with pytest.raises(ValueError, match="give an infinite or NaN loss"):
        p.load_json(json.dumps({**doc, "W": W, "settings": {**doc["settings"], "activation": "relu",
                                                             "output": "sigmoid + cross-entropy"}}))
    assert playground_state(p) == before


# ---- 5. limits ------------------------------------------------------------------------------------------
def test_network_size_limits():
    with pytest.raises(ValueError, match=f"sizes\\[1\\] must be at most {MAX_UNITS:,}, got 3000"):
        Network([2, 3000, 3000])
    with pytest.raises(ValueError, match=f"make 1,004,000 parameters; at most {MAX_PARAMETERS:,}"):
        Network([2, 1000, 1000])
    with pytest.raises(ValueError, match="at most 20 layers"):
        Network([2] * 30)


def test_a_large_network_builds_no_name_dictionary():
    net = Network([2, 1000, 900, 1])               # 903,900 parameters
    assert net.names.custom is None                # nothing built yet
    net["W2[899,999]"] = 0.5
    assert net["W2[899,999]"] == 0.5 and net.names["b3[0]"] == ("b", 3, (0,))
    assert len(net.names) == 2 * 1000 + 1000 + 1000 * 900 + 900 + 900 + 1
    assert net.names.custom is None
    with pytest.raises(ValueError, match="unknown parameter name 'W2\\[900,0\\]'"):
        net["W2[900,0]"]


def test_steps_per_call_limits():
    net = examples.network_2_2_2()
    with pytest.raises(ValueError, match=f"steps must be at most {checks.MAX_STEPS:,}, got 1000000000000"):
        bpcore.train(net, [0.05, 0.1], [0.01, 0.99], 0.5, 10**12)
    with pytest.raises(ValueError, match=f"number of steps must be at most {SESSION_MAX_STEPS:,}"):
        doc001_session().train(10**9)
    with pytest.raises(ValueError, match=f"steps must be at most {MAX_STEPS_PER_CALL:,}"):
        Playground().train_steps(10**9)


def test_csv_row_limit_is_met_while_reading():
    rows = "x1,x2,label\n" + "0,0,0\n1,1,1\n" * 10_000
    with pytest.raises(ValueError, match=f"too many rows: the playground takes at most {datasets.MAX_ROWS} points"):
        csvfile.load_csv(rows)


@pytest.mark.parametrize("a", [np.array([1.0, np.nan]), np.array([1e300] * 20), np.array([1e300] * 19 + [np.inf]),
                               np.full((30, 30), 1e200), np.full((30, 30), -1e200), np.array([0.5] * 40 + [np.nan]),
                               np.zeros((3, 0)), np.array(1e308), np.array([-np.inf] + [0.0] * 30)])
def test_the_cheap_finiteness_check_agrees_with_numpy_and_warns_nothing(a, recwarn):
    assert checks.all_finite(a) == bool(np.isfinite(a).all())
    assert not recwarn.list


# ---- the playground, round 3: commits, threads, files (issue 19, items 3, 10, 11, 13) ---------------------
def _commit_calls():
    """(name, make the playground, the call) for every call that changes a playground's setup."""
    text = Playground(n_points=40, hidden=[3]).to_json()

    def trained():
        p = Playground(n_points=40, hidden=[3], batch_size=7)
        p.train_steps(3)
        return p
    return [
        ("configure data", trained, lambda p: p.configure(dataset="moons", noise=0.1)),
        ("configure network", trained, lambda p: p.configure(hidden=[4, 2], activation="relu")),
        ("configure output", trained, lambda p: p.configure(output="sigmoid + cross-entropy")),
        ("configure 3 classes", trained, lambda p: p.configure(dataset="3 classes")),
        ("load_csv", trained, lambda p: p.load_csv(GOOD_CSV + "2,2,1\n0.5,0.5,0\n", name="mine.csv")),
        ("load_json", trained, lambda p: p.load_json(text)),
        ("reset_training", trained, lambda p: p.reset_training()),
        ("new_weights", trained, lambda p: p.new_weights(seed=12345)),
    ]


@pytest.mark.parametrize("name, make, call", _commit_calls(), ids=[c[0] for c in _commit_calls()])
def test_a_playground_commit_interrupted_anywhere_leaves_the_old_state_or_the_new(name, make, call):
    """configure, load_csv, load_json, Reset and New weights commit once: an interruption at any
    of (a spread of) their lines leaves the whole state before or the whole state after, never a
    mix (which used to fail later with "IndexError: index 99 is out of bounds"), and the
    playground still trains."""
    from interrupts import interrupt_at, lines_run
    call(make())                                 # warm caches and lazy imports: count a steady run
    done = make()
    total = lines_run(lambda: call(done))
    after = playground_state(done)
    points = sorted(set(range(1, total + 1, max(1, total // 40))) | set(range(max(1, total - 40), total + 1)))
    outcomes = set()
    for n in points:
        p = make()
        before = playground_state(p)
        assert interrupt_at(lambda: call(p), n), (name, n, total)
        now = playground_state(p)
        assert now in (before, after), f"{name}: interrupted at line {n} of {total}, the state is a mix"
        outcomes.add("before" if now == before else "after")
        p.train_steps(2)                         # and it still works (no index out of bounds)
    assert "before" in outcomes, name


def test_a_second_concurrent_train_on_the_same_playground_is_refused():
    import threading
    from bpcore.widgets.playground import Busy
    p = Playground()
    inside, release = threading.Event(), threading.Event()
    real_take = p._batches.take

    def slow_take(k):
        inside.set()
        release.wait(10)
        return real_take(k)
    p._batches.take = slow_take
    first = threading.Thread(target=lambda: p.train_steps(3))
    first.start()
    assert inside.wait(10)
    for call in (lambda: p.train_steps(5), lambda: p.configure(lr=0.5), lambda: p.reset_training(),
                 lambda: p.load_json(p.to_json())):
        with pytest.raises(Busy, match="this playground is busy with another call .* two at once are refused"):
            other = threading.Thread(target=call)
            errors = []
            other.run = lambda call=call: errors.append(_raises(call))
            other.start()
            other.join()
            raise errors[0]
    release.set()
    first.join()
    del p._batches.take
    assert p.steps == 3 and len(p.history["epoch"]) == 2        # one run's steps, counted once
    p.train_steps(1)                                              # free again afterwards
    assert p.steps == 4


def _raises(call):
    try:
        call()
    except Exception as exc:           # noqa: BLE001 -- handed back to the test's thread
        return exc
    return AssertionError("the second call was accepted")


def test_saved_json_is_read_as_bytes_of_utf8():
    p = Playground()
    p.train_steps(4)
    text = p.to_json()
    q = Playground()
    q.load_json(b"\xef\xbb\xbf" + text.encode())                 # a byte-order mark, as an editor may add
    assert playground_state(q) == playground_state(p)
    q.load_json("\ufeff" + text)
    assert playground_state(q) == playground_state(p)
    before = playground_state(q)
    broken = text.encode().replace(b'"format"', b'"form\xffat"', 1)
    with pytest.raises(ValueError, match="the file is not UTF-8 text \\(byte [0-9,]+ is not UTF-8\\)"):
        q.load_json(broken)                                       # refused, not replaced by U+FFFD
    big = "中" * 1_400_000                                         # 1.4 million characters, 4.2 MB of UTF-8
    with pytest.raises(ValueError, match="the file is too large: 4,200,000 bytes; a saved playground is at "
                                         "most 4,000,000 bytes"):
        q.load_json(big)
    wide = memoryview(np.zeros(600_000)).cast("B").cast("d")     # 600,000 items of 8 bytes: 4.8 MB
    with pytest.raises(ValueError, match="the file is too large: 4,800,000 bytes"):
        q.load_json(wide)
    with pytest.raises(ValueError, match="saved by another version of the playground \\(True\\)"):
        q.load_json(json.dumps({**json.loads(text), "version": True}))
    with pytest.raises(ValueError, match="saved by another version of the playground \\(4\\)"):
        q.load_json(json.dumps({**json.loads(text), "version": 4}))
    assert playground_state(q) == before


def test_a_file_the_playground_wrote_always_loads_back():
    from bpcore.widgets.playground import MAX_STEPS
    p = Playground()
    p.steps = 10**12
    p.train_steps(1)
    q = Playground()
    q.load_json(p.to_json())
    assert q.steps == 10**12 + 1
    p.steps = MAX_STEPS - 1
    p.train_steps(1)
    q.load_json(p.to_json())
    assert q.steps == MAX_STEPS
    before = playground_state(p)
    with pytest.raises(ValueError, match="steps: this playground has counted 9,007,199,254,740,992 steps and "
                                         "counts at most 9,007,199,254,740,992; press Reset"):
        p.train_steps(1)
    assert playground_state(p) == before


def test_csv_columns_beyond_x1_x2_label_are_ignored():
    X, labels = csvfile.load_csv("x1,x2,label,\n0,0,0\n1,1,1\n0,1,1,\n1,0,0\n")        # a trailing comma
    assert labels.tolist() == [0, 1, 1, 0]
    X, labels = csvfile.load_csv("x1,x2,label,note\n0,0,0,a\n1,1,1\n0,1,1,c\n1,0,0\n")  # a 4th column, sometimes
    assert X.tolist() == [[0, 0], [1, 1], [0, 1], [1, 0]]
    X, labels = csvfile.load_csv("id,label,x2,x1\n1,0,5,0\n2,1,6,1\n3,1,7,0\n4,0,8,1\n")  # any order
    assert X[:, 0].tolist() == [0, 1, 0, 1] and X[:, 1].tolist() == [5, 6, 7, 8]
    with pytest.raises(ValueError, match="row 3 has 2 values; its x1, x2 and label need at least 3 "
                                         "\\(the header names x1, x2, label, note\\)"):
        csvfile.load_csv("x1,x2,label,note\n0,0,0\n1,1\n0,1,1\n1,0,0\n")


def test_csv_size_limits_are_on_bytes():
    wide = memoryview(np.zeros(300_000)).cast("B").cast("d")     # 300,000 items of 8 bytes: 2.4 MB
    with pytest.raises(ValueError, match="the file is too large: 2,400,000 bytes; the playground takes at most "
                                         "2,000,000"):
        csvfile.load_csv(wide)
    with pytest.raises(ValueError, match="the text is too long: 2,100,012 bytes of UTF-8; the playground takes "
                                         "at most 2,000,000"):
        csvfile.load_csv("x1,x2,label\n" + "中" * 700_000)
