"""The dashboards' model: every control, step, train, reset, and refusal without change."""
import numpy as np
import pytest

from bpcore import examples
from bpcore.documents import worked
from bpcore.widgets.session import Diverged, Session


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


def test_a_step_that_raises_the_loss_is_refused_and_keeps_the_last_good_state():
    s = doc001_session()
    s.set("target o1", 0.5)
    s.set("lr", 100)
    before = s.net.named_parameters()
    with pytest.raises(Diverged, match="raise the loss from 0.0551522 to 0.0808562"):
        s.step()
    assert s.net.named_parameters() == before and s.history["loss"] == []


def test_a_run_that_ends_worse_is_undone():
    s = doc001_session()
    s.train(10)
    s.set("target o1", 0.5)
    s.set("lr", 100)
    before, history = s.net.named_parameters(), list(s.history["loss"])
    with pytest.raises(Diverged):
        s.train(1)
    assert s.net.named_parameters() == before and s.history["loss"] == history and s.steps_done == 10


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
