"""Random sequences of valid and invalid calls through Network, Session and Playground
(hypothesis stateful testing).

After every call: an invalid one raised ValueError or TypeError whose message names
the argument, and the object's full state (weights, biases, history, counters,
settings, data: ``state_snapshots``) is bit-identical to before; a valid one leaves
a consistent state (finite weights; history, counters and weights that agree).
A refusal by the model itself (``Diverged``: a step or run that would overflow) counts
as invalid: it too must change nothing.  A step or run that raises the loss is taken.

The network machine also copies, deep-copies and pickles the network and carries on with the
copy, and trains on data that share memory with its own weights.

The session's calls are also interrupted (KeyboardInterrupt) at a random line of its code,
every line except the few of the busy flag (``Session._alone``), whose release no Python code
can make interrupt-proof; each interrupted call is undone whole or was done whole.  The
dashboards are driven the way a student drives them: anything typed into any box, any
button clicked; the controls must always show the session's state.
"""
import copy
import json
import math
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from bpcore import examples
from bpcore.network import Network
from bpcore.widgets.playground import Playground
from bpcore.widgets.session import Busy, Session

from state_snapshots import network_state, playground_state, session_state

INTERRUPTS = []      # the calls the interrupted rule did interrupt (a test of the test)
SESSION_FILE = __import__("bpcore.widgets.session", fromlist=["x"]).__file__
FAST = settings(max_examples=30, stateful_step_count=15, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
NASTY = [float("nan"), float("inf"), -float("inf"), 10**400, "0.5", None, True, [0.5], 1j]


def refused(call, snapshot, obj, names):
    """Run ``call``; if it raises ValueError/TypeError, check the message names one of
    ``names`` and that ``snapshot(obj)`` did not change.  Returns True if it raised."""
    before = snapshot(obj)
    try:
        call()
    except (ValueError, TypeError) as exc:
        assert any(name in str(exc) for name in names), (str(exc), names)
        assert snapshot(obj) == before, f"a refused call changed the state ({exc})"
        return True
    return False


def must_refuse(call, snapshot, obj, names):
    assert refused(call, snapshot, obj, names), f"accepted an invalid call expected to name {names}"


def assert_history_is_the_weights(p):
    """The playground's last history point is what its current weights give (finite)."""
    train_loss, test_loss, train_acc, test_acc = p.metrics()
    assert math.isfinite(train_loss) and math.isfinite(test_loss)
    assert p.history["train_loss"][-1] == train_loss and p.history["test_acc"][-1] == test_acc


# ---- Network --------------------------------------------------------------------------------------
class NetworkMachine(RuleBasedStateMachine):
    @initialize(shared=st.booleans(), seed=st.integers(0, 5))
    def build(self, shared, seed):
        self.net = Network([2, 3, 2], shared_bias=shared, seed=seed)
        self.other = Network([2, 3, 2], shared_bias=not shared, seed=seed)
        self.twin = Network([2, 3, 2], shared_bias=shared, seed=seed)
        self.saved = self.net.state()

    @rule(x=st.lists(st.floats(-2, 2), min_size=2, max_size=2), y=st.lists(st.floats(0, 1), min_size=2, max_size=2),
          lr=st.floats(1e-3, 1.0))
    def train_one_step(self, x, y, lr):
        self.net.step(self.net.backward(self.net.forward(x), y), lr)

    @rule(value=st.floats(-3, 3), i=st.integers(0, 2), j=st.integers(0, 1))
    def set_a_weight(self, value, i, j):
        self.net[f"W1[{i},{j}]"] = value
        assert self.net[f"W1[{i},{j}]"] == value

    @rule()
    def save_or_restore(self):
        self.net.restore(self.saved)
        self.saved = self.net.state()

    @rule(bad=st.sampled_from(NASTY), which=st.sampled_from(["setitem", "set_parameters", "lr", "weight_decay",
                                                             "x", "y"]))
    def a_nasty_value(self, bad, which):
        net = self.net
        x, y = [0.5, 0.5], [0.2, 0.8]
        call, names = {
            "setitem": (lambda: net.__setitem__("W2[1,2]", bad), ["W2[1,2]"]),
            "set_parameters": (lambda: net.set_parameters({"W1[0,0]": 1.0, "b2[0]": bad}), ["b2[0]"]),
            "lr": (lambda: net.step(net.backward(net.forward(x), y), bad), ["lr"]),
            "weight_decay": (lambda: net.step(net.backward(net.forward(x), y), 0.1, bad), ["weight_decay"]),
            "x": (lambda: net.forward([bad, 0.5]), ["x"]),
            "y": (lambda: net.backward(net.forward(x), [bad, 0.5]), ["y"]),
        }[which]
        must_refuse(call, network_state, net, names)

    @rule(which=st.sampled_from(["grads of another bias sharing", "trace of a twin", "stale trace", "restore",
                                 "unknown name", "x shape", "negative lr", "huge lr"]))
    def a_mismatched_call(self, which):
        net, x, y = self.net, [0.5, 0.5], [0.2, 0.8]
        if which == "stale trace":
            trace = net.forward(x)
            net["W1[0,0]"] = net["W1[0,0]"]          # any write makes earlier traces stale
            must_refuse(lambda: net.backward(trace, y), network_state, net, ["trace"])
            return
        call, names = {
            "grads of another bias sharing": (lambda: net.step(self.other.backward(self.other.forward(x), y), 0.1),
                                              ["grads"]),
            "trace of a twin": (lambda: net.backward(self.twin.forward(x), y), ["trace"]),
            "restore": (lambda: net.restore((self.saved[0], self.saved[1][:1] + [np.full(9, 1.0)])), ["state b"]),
            "unknown name": (lambda: net.__setitem__("W3[0,0]", 1.0), ["parameter name"]),
            "x shape": (lambda: net.forward([[1.0, 2.0, 3.0]]), ["x"]),
            "negative lr": (lambda: net.step(net.backward(net.forward(x), y), -0.1), ["lr"]),
            "huge lr": (lambda: net.step(net.backward(net.forward(x), y), 1e308, 1e10), ["lr"]),
        }[which]
        must_refuse(call, network_state, net, names)

    @rule(how=st.sampled_from(["copy.copy", "copy.deepcopy", "pickle"]), lr=st.floats(1e-3, 1.0))
    def a_copy_is_a_new_network(self, how, lr):
        """A copy, a deep copy or a pickle is a whole, independent network: it refuses the
        original's trace, and stepping one moves only that one."""
        import pickle
        twin = {"copy.copy": copy.copy, "copy.deepcopy": copy.deepcopy,
                "pickle": lambda n: pickle.loads(pickle.dumps(n))}[how](self.net)
        assert network_state(twin) == network_state(self.net)
        must_refuse(lambda: twin.backward(self.net.forward([0.5, 0.5]), [0.2, 0.8]), network_state, twin, ["trace"])
        before = network_state(self.net)
        twin.step(twin.backward(twin.forward([0.5, -0.5]), [0.9, 0.1]), lr)
        assert network_state(self.net) == before
        self.net = twin                                  # carry on with the copy: it must be as good

    @rule(lr=st.floats(1e-3, 1.0), steps=st.integers(1, 5))
    def train_on_data_that_alias_the_weights(self, lr, steps):
        """X that shares memory with W1 (3 x 2) trains exactly as a copy of it would."""
        from bpcore import train
        X = self.net.W[1]
        Y = np.full((3, 2), 0.5)
        twin = copy.deepcopy(self.net)
        train(twin, X.copy(), Y, lr, steps)
        train(self.net, X, Y, lr, steps)
        assert network_state(self.net)[:2] == network_state(twin)[:2]      # every weight, bit for bit

    @invariant()
    def weights_are_finite(self):
        if hasattr(self, "net"):
            assert all(np.isfinite(w).all() for w in self.net.W[1:] + self.net.b[1:])


# ---- Session ----------------------------------------------------------------------------------------
class SessionMachine(RuleBasedStateMachine):
    @initialize()
    def build(self):
        d = examples.DOC000
        self.s = Session(examples.network_2_3_2_1, d["x"], d["y"], d["lr"], weight_decay=0.0,
                         input_names=["x1", "x2"], target_names=["y"], history_limit=20)

    @rule(name=st.sampled_from(["w_(x1,1)", "w_(5,6)", "b3", "x1", "lr", "weight_decay"]),
          value=st.floats(0.0, 2.0))
    def set_a_control(self, name, value):
        if name == "lr":
            value = max(value, 1e-3)
        self.s.set(name, value)
        assert self.s.get(name) == value

    @rule()
    def one_step(self):
        refused(self.s.step, session_state, self.s, ["η"])        # Diverged if it would overflow

    @rule(n=st.integers(1, 30), chunk=st.integers(1, 10))
    def train(self, n, chunk):
        done = self.s.steps_done
        if not refused(lambda: self.s.train(n, chunk=chunk), session_state, self.s, ["η"]):
            assert self.s.steps_done == done + n

    @rule()
    def reset(self):
        self.s.reset()
        assert self.s.steps_done == 0

    @rule(bad=st.sampled_from(NASTY), name=st.sampled_from(["w_(x1,1)", "x2", "y", "lr", "weight_decay"]))
    def a_nasty_value(self, bad, name):
        must_refuse(lambda: self.s.set(name, bad), session_state, self.s,
                    [name, "learning rate η", "weight decay λ"])

    @rule(which=st.sampled_from(["steps", "too many steps", "chunk", "progress", "interrupted", "name"]))
    def a_bad_call(self, which):
        s = self.s

        def stop(done, total):
            raise ValueError("progress: stopped by the learner")
        call, names = {
            "steps": (lambda: s.train(0), ["number of steps"]),
            "too many steps": (lambda: s.train(10**9), ["number of steps"]),
            "chunk": (lambda: s.train(5, chunk=0), ["chunk"]),
            "progress": (lambda: s.train(5, progress="yes"), ["progress"]),
            "interrupted": (lambda: s.train(5, progress=stop, chunk=2), ["progress"]),
            "name": (lambda: s.set(3, 1.0), ["name"]),
        }[which]
        must_refuse(call, session_state, s, names)

    @rule(at=st.integers(1, 120), call=st.sampled_from(["step", "train", "undo"]))
    def interrupted(self, at, call):
        """KeyboardInterrupt at the ``at``-th line the session's code runs (a random point of the
        call): the call is undone whole, or, if it landed after the commit, done whole."""
        s, before = self.s, session_state(self.s)
        done_before = s.steps_done
        seen = [0]

        def tracer(frame, event, arg):
            if frame.f_code.co_filename != SESSION_FILE or frame.f_code.co_name in ("_alone", "__init__"):
                return None                 # the busy flag's own lines are left alone: see the docstring
            if event == "line":
                seen[0] += 1
                if seen[0] == at:
                    raise KeyboardInterrupt
            return tracer
        run = {"step": s.step, "train": lambda: s.train(7, chunk=3), "undo": s.undo}[call]
        sys.settrace(tracer)
        try:
            run()
        except KeyboardInterrupt:
            INTERRUPTS.append(call)
            n = {"step": 1, "train": 7, "undo": None}[call]
            after = session_state(s)
            if n is None:
                assert after == before or s.steps_done <= done_before, f"half-applied undo (line {at})"
            else:
                assert after == before or s.steps_done == done_before + n, f"half-applied {call} (line {at})"
        except ValueError:                  # Diverged, or nothing to undo: refused, nothing changed
            assert session_state(s) == before
        finally:
            sys.settrace(None)
        s.set("lr", s.lr)                   # never left busy: Busy would be raised here

    @invariant()
    def history_counter_and_weights_agree(self):
        if not hasattr(self, "s"):
            return
        h = self.s.history
        assert len(h["step"]) == len(h["loss"]) <= self.s.history_limit
        assert all(len(v) == len(h["step"]) for v in h["grads"].values())
        assert not h["step"] or h["step"][-1] <= self.s.steps_done - 1   # halving may drop the last point
        assert all(np.isfinite(w).all() for w in self.s.net.W[1:])


# ---- the dashboards' typed boxes and buttons ------------------------------------------------------
TYPED = st.one_of(st.floats(-3, 3).map(repr), st.sampled_from(
    ["abc", "", "1e307", "-1.7e308", "1e999", "nan", "-inf", "0", "-1", "0.5", " 2 ", "1e6", "1000001", "−0.25"]))


class DashboardMachine(RuleBasedStateMachine):
    """What a student can do to a dashboard: type anything into any box, click any button.
    After each: the session's state is one the controls show (every box shows the session's
    value, every slider is within its range), and a refused entry changed nothing."""

    @initialize(which=st.sampled_from(["doc001", "doc000"]))
    def build(self, which):
        from bpcore.widgets.dashboard import doc000_dashboard, doc001_dashboard
        self.d = (doc001_dashboard if which == "doc001" else doc000_dashboard)().dashboard

    @rule(data=st.data(), typed=TYPED)
    def type_into_a_box(self, data, typed):
        d = self.d
        name = data.draw(st.sampled_from(sorted(d.readouts)))
        before = session_state(d.session)
        d.readouts[name].value = typed
        if "⚠" in d.message.value:
            assert session_state(d.session) == before, (name, typed)

    @rule(typed=st.sampled_from(["1", "3", "25", "0", "2.5", "abc", "100001"]))
    def type_steps(self, typed):
        self.d.steps.value = typed

    @rule(button=st.sampled_from(["step", "train", "undo", "reset"]))
    def click(self, button):
        d = self.d
        d._steps = min(d._steps, 30)        # keep a run short
        before = session_state(d.session)
        d.buttons[button].click()
        assert "Traceback" not in d.message.value and "Something went wrong" not in d.message.value
        if "overflow" in d.message.value:
            assert session_state(d.session) == before

    @invariant()
    def the_controls_show_the_session(self):
        if not hasattr(self, "d"):
            return
        d = self.d
        for name, box in d.readouts.items():
            assert box.value == d._format(name, d.session.get(name)), name
            slider = d.sliders[name]
            if hasattr(slider, "min"):
                assert slider.min <= slider.value <= slider.max
        assert d.buttons["undo"].disabled == (not d.session.can_undo)
        assert all(np.isfinite(w).all() for w in d.session.net.W[1:])


# ---- Playground ----------------------------------------------------------------------------------------
GOOD_CSV = "x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n0.5,0.5,1\n"


class PlaygroundMachine(RuleBasedStateMachine):
    @initialize(dataset=st.sampled_from(["xor", "moons"]))
    def build(self, dataset):
        self.p = Playground(dataset=dataset, n_points=40, hidden=[3], batch_size=8)
        self.saved = self.p.to_json()

    @rule(change=st.sampled_from([{"lr": 0.3}, {"hidden": (3,)}, {"hidden": [4, 2]}, {"activation": "relu"},
                                  {"batch_size": 1}, {"noise": 0.2}, {"seed": 3}, {"weight_decay": 0.01},
                                  {"dataset": "circles"}, {"output": "sigmoid + cross-entropy"}]))
    def configure(self, change):
        self.p.configure(**change)

    @rule(k=st.integers(1, 8))
    def train(self, k):
        steps = self.p.steps
        if not refused(lambda: self.p.train_steps(k), playground_state, self.p, ["diverged"]):
            assert self.p.steps == steps + k

    @rule()
    def save_and_load(self):
        text = self.p.to_json()
        self.p.load_json(self.saved)
        self.saved = text

    @rule()
    def load_own_data(self):
        self.p.load_csv(GOOD_CSV)
        assert self.p.settings["dataset"] == "custom"

    @rule()
    def go_wild(self):
        # the largest η the controls allow, with ReLU through six layers and batch 1: Diverged comes soon
        self.p.configure(activation="relu", output="sigmoid + cross-entropy", hidden=[16] * 6, batch_size=1,
                         lr=10 ** 1.5, dataset="xor")

    @rule(key=st.sampled_from(["lr", "batch_size", "noise", "n_points", "seed", "data_seed", "hidden",
                               "test_fraction", "weight_decay", "stop_epochs", "stop_loss"]),
          bad=st.sampled_from(NASTY + [-1, 10**13, 1e9, [99], (0,)]))
    def a_bad_setting(self, key, bad):
        names = {"lr": "learning rate", "batch_size": "batch size", "noise": "noise", "n_points": "number of points",
                 "seed": "weights seed", "data_seed": "data seed", "hidden": "hidden", "test_fraction": "test fraction",
                 "weight_decay": "weight decay", "stop_epochs": "stop after epochs", "stop_loss": "stop below loss"}
        if key == "hidden" and bad == (0,):
            names[key] = "units in a hidden layer"
        p = self.p
        before = playground_state(p)
        try:
            p.configure(**{key: bad})
        except (ValueError, TypeError) as exc:
            assert names[key] in str(exc), (key, bad, str(exc))
            assert playground_state(p) == before
            return
        pytest.fail(f"configure({key}={bad!r}) was accepted")

    @rule(which=st.sampled_from(["csv", "csv one class", "json", "json lr", "json data", "json steps", "steps",
                                 "boundary", "weight", "eps"]))
    def a_bad_call(self, which):
        p = self.p
        doc = json.loads(p.to_json())
        custom = {**doc, "settings": {**doc["settings"], "dataset": "custom"},
                  "data": {"x": [[0, 0], [1, 1], [0, 1], [1, 0]], "label": [0, 2, 0, 2]}}
        call, names = {
            "csv": (lambda: p.load_csv("x1,x2\n0,0\n"), ["missing column"]),
            "csv one class": (lambda: p.load_csv("x1,x2,label\n0,0,1\n1,1,1\n0,1,1\n1,0,1\n"), ["only one class"]),
            "json": (lambda: p.load_json("{"), ["not a JSON file"]),
            "json lr": (lambda: p.load_json(json.dumps({**doc, "settings": {**doc["settings"], "lr": 100}})),
                        ["learning rate"]),
            "json data": (lambda: p.load_json(json.dumps(custom)), ["labels must be 0, 1"]),
            "json steps": (lambda: p.load_json(json.dumps({**doc, "steps": -5})), ["'steps'"]),
            "steps": (lambda: p.train_steps(0), ["steps"]),
            "boundary": (lambda: p.boundary(0), ["resolution"]),
            "weight": (lambda: p.weight_detail("b1[0]"), ["name"]),
            "eps": (lambda: p.weight_detail("W1[0,0]", eps=0.0), ["eps"]),
        }[which]
        must_refuse(call, playground_state, p, names)

    @invariant()
    def history_is_the_weights(self):
        if hasattr(self, "p"):
            assert_history_is_the_weights(self.p)


class PlaygroundCommitMachine(RuleBasedStateMachine):
    """The playground's commits, interrupted at random points: configure, load_csv, load_json,
    Reset, New weights and train_steps each leave the whole state before the call or the whole
    state after it (computed on a deep copy), and the playground keeps working."""

    CALLS = {
        "data": lambda p, saved: p.configure(dataset="moons", noise=0.1),
        "network": lambda p, saved: p.configure(hidden=[4, 2], activation="relu"),
        "output": lambda p, saved: p.configure(dataset="xor", output="sigmoid + cross-entropy"),
        "3 classes": lambda p, saved: p.configure(dataset="3 classes"),
        "back to xor": lambda p, saved: p.configure(dataset="xor"),
        "training setting": lambda p, saved: p.configure(lr=0.3, batch_size=5),
        "csv": lambda p, saved: p.load_csv(GOOD_CSV, name="good.csv"),
        "json": lambda p, saved: p.load_json(saved),
        "reset": lambda p, saved: p.reset_training(),
        "new weights": lambda p, saved: p.new_weights(seed=4242),
        "train": lambda p, saved: p.train_steps(6),
    }

    @initialize(dataset=st.sampled_from(["xor", "moons"]))
    def build(self, dataset):
        self.p = Playground(dataset=dataset, n_points=40, hidden=[3], batch_size=8)
        self.saved = self.p.to_json()

    @rule(which=st.sampled_from(sorted(CALLS)), where=st.floats(0.0, 1.0))
    def interrupted(self, which, where):
        from interrupts import interrupt_at, lines_run
        call = self.CALLS[which]
        twin = copy.deepcopy(self.p)
        total = lines_run(lambda: call(twin, self.saved))
        after = playground_state(twin)
        before = playground_state(self.p)
        n = max(1, int(where * total))
        interrupt_at(lambda: call(self.p, self.saved), n)
        assert playground_state(self.p) in (before, after), f"{which} interrupted at line {n} of {total}: a mix"

    @rule(which=st.sampled_from(sorted(CALLS)))
    def uninterrupted(self, which):
        self.CALLS[which](self.p, self.saved)

    @rule()
    def save(self):
        self.saved = self.p.to_json()

    @invariant()
    def history_is_the_weights(self):
        if hasattr(self, "p"):
            assert_history_is_the_weights(self.p)
            p = self.p
            assert len(p.X_train) == len(p.Y_train) == p._batches.n and p.net.sizes[-1] == p.Y_train.shape[1]


TestNetworkMachine = FAST(NetworkMachine).TestCase
TestSessionMachine = FAST(SessionMachine).TestCase


def test_the_interrupts_do_land():
    """The interrupted rule's tracer does interrupt steps, runs and undos (else it tests nothing)."""
    INTERRUPTS.clear()
    run_state_machine_as_test(SessionMachine, settings=settings(FAST, max_examples=40, stateful_step_count=20))
    assert {"step", "train"} <= set(INTERRUPTS), INTERRUPTS
TestDashboardMachine = settings(FAST, max_examples=15)(DashboardMachine).TestCase
TestPlaygroundMachine = settings(FAST, max_examples=20)(PlaygroundMachine).TestCase
TestPlaygroundCommitMachine = settings(FAST, max_examples=20, stateful_step_count=10)(PlaygroundCommitMachine).TestCase
