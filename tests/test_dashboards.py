"""Both dashboards built headlessly: sliders and buttons driven from Python, numbers checked."""
import re

import pytest

from bpcore.documents import worked
from bpcore.widgets.dashboard import doc000_dashboard, doc001_dashboard


@pytest.fixture
def d1():
    return doc001_dashboard().dashboard


@pytest.fixture
def d0():
    return doc000_dashboard().dashboard


def shown_loss(d):
    """The loss the numbers panel prints (to 8 significant digits)."""
    return float(re.search(r"<b>E?_?\w* = ([-0-9.e]+)</b>", d.numbers.value).group(1))


def test_doc001_has_a_slider_for_every_control(d1):
    assert set(d1.sliders) == set(d1.session.controls()) - {"weight_decay"}
    assert d1.sliders["w5"].value == 0.4 and d1.sliders["lr"].value == pytest.approx(0.5)


def test_doc000_has_a_slider_for_every_control_including_weight_decay(d0):
    assert set(d0.sliders) == set(d0.session.controls())
    assert d0.sliders["weight_decay"].value == 1.0 and d0.sliders["w_(2,5)"].value == 2.0


def test_initial_numbers_are_the_documents(d1):
    assert shown_loss(d1) == pytest.approx(0.298371108760003, abs=5e-9)
    assert "0.7514" in d1.diagram.value and "w5 = 0.4000" in d1.diagram.value
    assert "0.0822" in d1.diagram.value                     # dE/dw5 on its edge


def test_moving_a_slider_updates_every_view(d1):
    before_diagram, before_bars = d1.diagram.value, d1.bars.value
    d1.sliders["w5"].value = 1.0
    assert d1.session.get("w5") == 1.0
    assert d1.diagram.value != before_diagram and d1.bars.value != before_bars
    assert "w5 = 1.0000" in d1.diagram.value
    net = d1.session.net
    assert shown_loss(d1) == pytest.approx(net.loss(d1.session.x, d1.session.y), abs=5e-9)


def test_one_step_shows_old_and_new_for_each_weight(d1):
    d1.buttons["step"].click()
    expected = worked.doc001().new
    assert d1.sliders["w5"].value == pytest.approx(expected["w5"], abs=1e-12)
    assert "0.400000" in d1.update_table.value and f"{expected['w5']:.6f}" in d1.update_table.value
    assert "One step taken" in d1.message.value
    assert len(d1.loss_line.get_xdata()) == 1


def test_train_n_steps_fills_the_progress_bar_and_the_curves(d1):
    d1.steps.value = 300
    d1.buttons["train"].click()
    assert d1.progress.value == 300 and d1.session.steps_done == 300
    assert len(d1.loss_line.get_xdata()) == 300
    assert all(len(line.get_xdata()) == 300 for line in d1.grad_lines.values())
    assert shown_loss(d1) < 0.298


def test_reset_returns_to_the_document(d1):
    d1.sliders["w1"].value = 2.0
    d1.buttons["train"].click()
    d1.buttons["reset"].click()
    assert d1.sliders["w1"].value == 0.15 and d1.session.steps_done == 0
    assert shown_loss(d1) == pytest.approx(0.298371108760003, abs=5e-9)


def test_a_diverging_setting_shows_a_message_and_keeps_the_last_good_state(d1):
    d1.sliders["target o1"].value = 0.5
    d1.sliders["lr"].value = 100
    before = d1.session.net.named_parameters()
    d1.buttons["step"].click()
    assert "overshoot" in d1.message.value and "Traceback" not in d1.message.value
    assert d1.session.net.named_parameters() == before
    assert d1.sliders["w5"].value == before["w5"]


def test_doc000_step_applies_the_documents_rule(d0):
    d0.buttons["step"].click()
    expected = worked.doc000().W_new
    assert d0.session.net["w_(x1,1)"] == pytest.approx(expected[1][0, 0], rel=1e-15)   # a few ulps
    assert d0.sliders["w_(5,6)"].value == pytest.approx(expected[3][0, 1], abs=1e-12)


def test_doc000_weight_decay_slider_changes_the_update(d0):
    d0.sliders["weight_decay"].value = 0.0
    d0.buttons["step"].click()
    assert d0.session.net["w_(x1,1)"] == pytest.approx(2.0 + 0.1 * 2.271305714526491e-10, rel=1e-15)  # few ulps


def test_an_unexpected_error_becomes_a_message(d1, monkeypatch):
    def boom():
        raise RuntimeError("boom")
    monkeypatch.setattr(d1.session, "step", boom)
    d1.buttons["step"].click()
    assert "RuntimeError: boom" in d1.message.value and "last good state" in d1.message.value


def test_a_rounded_echo_from_the_browser_does_not_change_a_weight(d0):
    d0.sliders["weight_decay"].value = 0.0
    d0.session.set("w_(2,5)", 2.0031)           # finer than the slider's step of 0.01
    d0._sync_sliders()
    d0.sliders["w_(2,5)"].value = 2.0           # what a browser showing 2.00 might send back
    assert d0.session.get("w_(2,5)") == 2.0031
    d0.sliders["w_(2,5)"].value = 2.5           # a real move
    assert d0.session.get("w_(2,5)") == 2.5
