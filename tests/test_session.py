"""The dashboards' model: every control, step, train, reset, and refusal without change."""
import threading

import numpy as np
import pytest

from bpcore import examples
from bpcore.documents import worked
from bpcore.widgets.session import Busy, Diverged, NothingToUndo, Overshoot, Session

from state_snapshots import session_state


def doc001_session(**kwargs):
    d = examples.DOC001
    return Session(examples.network_2_2_2, d["x"], d["y"], d["lr"], input_names=["i1", "i2"],
                   target_names=["target o1", "target o2"], **kwargs)


def test_controls_cover_every_parameter_input_target_and_rates():
    s = doc001_session()
    assert s.controls() == ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2", "i1", "i2",
                            "target o1", "target o2", "lr", "weight_decay"]
    assert s.get("w5") == 0.4 and s.get("i2") == 0.1 and s.get("target o2") == 0.99 and s.get("lr") == 0.5


def test_step_matches_the_documents_update_and_lists_old_and_new():
    s = doc001_session()
    update = dict((name, (old, new)) for name, old, new in s.step())
    expected = worked.doc001().new
    for name in expected:
        assert update[name][1] == pytest.approx(expected[name], abs=1e-15)
    assert update["w5"][0] == 0.4 and update["b1"] == (0.35, 0.35)
    assert s.history["loss"] == [pytest.approx(0.298371108760003, abs=1e-12)]


def test_setting_a_control_changes_the_forward_pass():
    s = doc001_session()
    before = s.evaluate()[1].loss
    s.set("target o1", 0.751365069552316)       # out_o1: now o1 contributes no error
    trace, grads = s.evaluate()
    assert grads.loss < before and abs(grads["w5"]) < 1e-12
    s.set("i1", 0.0)
    assert s.evaluate()[1]["w1"] == 0.0         # dE/dw1 = delta_h1 * i1


@pytest.mark.parametrize("name, value, error", [
    ("lr", 0, ValueError), ("lr", -1, ValueError), ("lr", float("nan"), ValueError), ("lr", "x", TypeError),
    ("weight_decay", -0.1, ValueError), ("w5", float("inf"), ValueError), ("w9", 1.0, ValueError),
    ("i1", None, TypeError), ("target o1", 1.5, None),
])
def test_bad_values_are_refused_and_change_nothing(name, value, error):
    s = doc001_session()
    before = {c: s.get(c) for c in s.controls()}
    if error is None:                            # half_sse accepts any real target
        s.set(name, value)
        return
    with pytest.raises(error):
        s.set(name, value)
    assert {c: s.get(c) for c in s.controls()} == before


def test_train_records_history_and_reset_restores():
    s = doc001_session()
    seen = []
    s.train(250, progress=lambda done, total: seen.append(done), chunk=100)
    assert seen == [100, 200, 250] and s.steps_done == 250 and len(s.history["loss"]) == 250
    assert s.history["loss"][-1] < s.history["loss"][0]
    s.reset()
    assert s.steps_done == 0 and s.get("w5") == 0.4 and s.history["loss"] == []


def overshooting_session():
    """Document 001's network with targets 0.5 / 0.5 and η = 100: one step overshoots."""
    s = doc001_session()
    s.set("target o1", 0.5)
    s.set("target o2", 0.5)
    s.set("lr", 100)
    return s


def test_a_step_that_raises_the_loss_is_taken_recorded_and_undoable():
    s = overshooting_session()
    before, e0 = s.net.named_parameters(), s.objective()
    assert e0 == pytest.approx(0.0688371726868847, rel=1e-12)
    update = dict((name, (old, new)) for name, old, new in s.step())
    assert s.objective() == pytest.approx(0.158624095408180, rel=1e-12)     # E rose: the step overshot
    assert s.overshoot == Overshoot(e0, s.objective(), 1, 1)
    assert s.history["loss"] == [e0] and s.steps_done == 1 and s.can_undo
    assert update["w5"][0] == before["w5"] and update["w5"][1] != before["w5"]
    s.undo()
    assert s.net.named_parameters() == before and s.history["loss"] == [] and s.steps_done == 0
    assert s.overshoot is None and s.last_update == [] and not s.can_undo
    with pytest.raises(NothingToUndo, match="no step or run to undo"):
        s.undo()


def test_a_run_that_oscillates_is_kept_and_says_how_often_the_loss_rose():
    s = overshooting_session()
    s.train(20)
    losses = s.history["loss"]
    rises = sum(b > a for a, b in zip(losses, losses[1:] + [s.objective()]))
    assert s.overshoot.rises == rises >= 5 and s.overshoot.steps == 20 and s.steps_done == 20
    assert losses[1] > losses[0]                # the first step's rise is in the curve
    s.train(5)
    s.undo()                                    # back to after the first run only
    assert s.steps_done == 20 and s.history["loss"] == losses
    s.undo()
    assert s.steps_done == 0 and s.history["loss"] == []


def test_only_a_step_or_run_that_would_overflow_is_refused():
    s = doc001_session()
    s.train(3)
    s.set("lr", 1e300)
    before = session_state(s)
    with pytest.raises(Diverged, match="overflow") as refused:
        s.step()
    assert refused.value.steps == 1 and refused.value.lr == 1e300
    assert session_state(s) == before
    with pytest.raises(Diverged, match="overflow"):
        s.train(50, chunk=7)
    assert session_state(s) == before


@pytest.mark.parametrize("where", ["net.step", "_recorded", "named_parameters", "objective"])
def test_an_interrupted_step_changes_nothing(monkeypatch, where):
    s = doc001_session()
    s.train(2)
    before = session_state(s)
    calls = []

    def interrupt(*args, **kwargs):
        calls.append(where)
        raise KeyboardInterrupt

    def second_call_interrupts(real):          # the second call comes after the weights moved
        count = []
        return lambda *a: real(*a) if not count.append(1) and len(count) == 1 else interrupt()
    if where == "net.step":
        monkeypatch.setattr(s.net, "step", interrupt)
    elif where == "named_parameters":
        monkeypatch.setattr(s.net, "named_parameters", second_call_interrupts(s.net.named_parameters))
    elif where == "objective":
        monkeypatch.setattr(s, "objective", second_call_interrupts(s.objective))
    else:
        monkeypatch.setattr(s, where, interrupt)
    with pytest.raises(KeyboardInterrupt):
        s.step()
    monkeypatch.undo()
    assert calls and session_state(s) == before
    s.step()                                    # and the session is not left busy
    assert s.steps_done == 3


def test_step_does_not_copy_the_network(monkeypatch):
    from bpcore.network import Network

    def no_copy(self):
        raise AssertionError("Session.step copied the network")
    monkeypatch.setattr(Network, "copy", no_copy)
    monkeypatch.setattr(Network, "__copy__", no_copy, raising=False)
    monkeypatch.setattr(Network, "__deepcopy__", lambda self, memo: no_copy(self), raising=False)
    s = overshooting_session()
    s.step()
    s.train(3)
    assert s.steps_done == 4


def test_a_second_run_at_the_same_time_is_refused():
    s = doc001_session()
    started, go_on, seen = threading.Event(), threading.Event(), []

    def progress(done, total):
        started.set()
        go_on.wait(10)

    worker = threading.Thread(target=lambda: s.train(200, progress=progress, chunk=100))
    worker.start()
    assert started.wait(10)
    for call in (lambda: s.train(2000), s.step, s.undo, s.reset, lambda: s.set("w5", 1.0)):
        with pytest.raises(Busy, match="already running a step or a run"):
            call()
    go_on.set()
    worker.join(10)
    assert s.steps_done == 200 and len(s.history["loss"]) == 200

    def nested(done, total):          # a run started from inside a run: refused the same way
        try:
            s.step()
        except Busy as exc:
            seen.append(str(exc))
    s.train(5, progress=nested, chunk=5)
    assert seen and s.steps_done == 205


def test_two_threads_training_at_once_count_one_run():
    s = doc001_session()
    errors = []

    def run():
        try:
            s.train(2000)
        except Busy as exc:
            errors.append(exc)
    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert s.steps_done in (2000, 4000) and s.steps_done == 2000 * (2 - len(errors))
    assert s.history["step"] == sorted(set(s.history["step"]))     # never interleaved


def test_widget_modules_reach_into_no_network_private_member():
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "bpcore" / "widgets"
    for name in ("session.py", "dashboard.py"):
        source = (root / name).read_text(encoding="utf-8")
        reaches = [m for m in re.findall(r"(\w+)\._[a-z]\w*", source) if m not in ("self", "super", "Session", "Dashboard")]
        assert not reaches, f"{name} reaches into private members of {reaches}"


def test_weight_decay_objective_allows_the_documents_step():
    d = examples.DOC000
    s = Session(examples.network_2_3_2_1, d["x"], d["y"], d["lr"], weight_decay=1.0)
    loss_before, objective_before = s.evaluate()[1].loss, s.objective()
    s.step()                                     # raises L but lowers L + ½‖W‖²
    assert s.evaluate()[1].loss > loss_before and s.objective() < objective_before
    np.testing.assert_allclose(s.net.W[1], worked.doc000().W_new[1], rtol=1e-15, atol=0)   # a few ulps


def test_history_stays_bounded():
    s = doc001_session(history_limit=100)
    s.train(1000, chunk=250)
    assert len(s.history["step"]) <= 100 and s.steps_done == 1000
    assert s.history["step"][0] == 0 and s.history["step"][-1] > 900
