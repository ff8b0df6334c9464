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
    return float(re.search(r"<b>E?_?\w* = ([-0-9.e]+) after \d+ training steps</b>", d.numbers.value).group(1))


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
    d1.steps.value = "300"
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


# ---- what the browser sends back, and what a student types ------------------------------------
def test_training_past_the_slider_range_widens_it_before_the_value_is_sent(d1):
    """The wider range reaches the browser in a message before the value's, so the browser never
    clamps the value to the old range (in one message it did: the value -3.0641 came back as the
    old range's -3.0, after the 1 s the first fix waited, and undid part of the training)."""
    sent = []
    slider = d1.sliders["w5"]
    slider.send_state = lambda key=None: sent.append(set(key) if isinstance(key, (list, set, tuple)) else {key})
    d1.steps.value = "1000"
    d1.buttons["train"].click()
    assert d1.session.get("w5") < -3.0 and slider.min <= d1.session.get("w5")
    with_min = [n for n, keys in enumerate(sent) if "min" in keys]
    with_value = [n for n, keys in enumerate(sent) if "value" in keys]
    assert with_min and with_value and max(with_min) < min(with_value), sent
    assert not any({"min", "value"} <= keys for keys in sent), sent
    slider.value = slider.value + 0.004        # the browser's echo, rounded to the step: not a move
    assert d1.session.get("w5") < -3.0


def test_after_training_the_shown_values_are_bpcores(d1):
    import bpcore
    from bpcore import examples
    d1.steps.value = "1000"
    d1.buttons["train"].click()
    d = examples.DOC001
    net = examples.network_2_2_2()
    bpcore.train(net, d["x"], d["y"], lr=d["lr"], steps=1000)
    assert shown_loss(d1) == pytest.approx(net.loss(d["x"], d["y"]), rel=1e-7)     # 8 digits shown
    for name in [f"w{i}" for i in range(1, 9)]:
        assert float(d1.readouts[name].value) == pytest.approx(net[name], abs=0.6e-4)
    assert "Trained 1000 steps." in d1.message.value


def test_slider_moves_land_exactly_on_the_step(d1):
    d1.sliders["w5"].value = 0.30000000000000004      # what a browser's float arithmetic may send
    assert d1.session.get("w5") == 0.3 and d1.readouts["w5"].value == "0.3000"


def test_learning_rate_stops_are_the_documents_values(d1, d0):
    assert d1.readouts["lr"].value == "0.5" and d0.readouts["lr"].value == "0.1"
    assert {0.1, 0.5, 5.0} <= set(d1.sliders["lr"].options[i][1] for i in range(len(d1.sliders["lr"].options)))
    d1.sliders["lr"].value = 5.0
    assert d1.session.lr == 5.0 and d1.readouts["lr"].value == "5"


def test_typed_values_are_taken_exactly_and_bad_ones_refused(d1):
    d1.readouts["lr"].value = "0.3"                    # not a stop of the slider: still taken exactly
    assert d1.session.lr == 0.3 and d1.readouts["lr"].value == "0.3"
    d1.readouts["w5"].value = "-7.25"                  # outside the slider's range: the range grows
    assert d1.session.get("w5") == -7.25 and d1.sliders["w5"].min <= -7.25
    for bad in ("abc", "1e999", "nan", ""):
        d1.readouts["w5"].value = bad
        assert d1.session.get("w5") == -7.25 and d1.readouts["w5"].value == "-7.2500", bad
        assert "is not a number" in d1.message.value and "⚠" in d1.message.value
    d1.readouts["lr"].value = "-1"                     # a number the session refuses
    assert d1.session.lr == 0.3 and d1.readouts["lr"].value == "0.3" and "⚠" in d1.message.value


def test_steps_box_takes_whole_numbers_only(d1):
    for bad in ("2.5", "1e999", "0", "-3", "abc", "100001"):
        d1.steps.value = bad
        assert d1.steps.value == "100" and "N must be a whole number" in d1.message.value, bad
    d1.steps.value = " 250 "
    assert d1.steps.value == "250"
    d1.buttons["train"].click()
    assert d1.session.steps_done == 250


def test_weight_decay_slider_runs_from_zero(d0):
    s = d0.sliders["weight_decay"]
    assert s.min == 0.0 and s.max == 1.0 and s.value == 1.0
    s.value = s.min                                    # the Home key
    assert d0.session.weight_decay == 0.0 and "must be" not in d0.message.value


def test_one_step_draws_a_point_on_each_curve(d1):
    d1.buttons["step"].click()
    assert d1.loss_line.get_marker() == "o" and len(d1.loss_line.get_xdata()) == 1
    low, high = d1.loss_line.axes.get_ylim()
    assert low < d1.session.history["loss"][0] < high
    d1.buttons["step"].click()
    assert d1.loss_line.get_marker() in ("", "None")


def test_every_text_comes_from_the_string_table_in_both_languages():
    from bpcore.widgets.strings import EN, ZH
    en, zh = doc001_dashboard("en").dashboard, doc001_dashboard("zh").dashboard
    assert en.buttons["train"].description == EN["button.train"] and zh.buttons["train"].description == ZH["button.train"]
    assert ZH["numbers.loss"].split("{")[0] in zh.numbers.value and "training steps" not in zh.numbers.value
    zh.steps.value = "2.5"
    assert "整数" in zh.message.value
    with pytest.raises(ValueError):
        doc000_dashboard("fr")


def test_stored_output_has_a_still_picture_and_a_line_of_text(d1):
    bundle = d1.widget._repr_mimebundle_()
    assert "VBox" not in bundle["text/plain"] and "run this cell" in bundle["text/plain"]
    assert "<svg" in bundle["text/html"] and "Run All Cells" in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_an_old_position_reported_late_is_not_a_move(d1):
    d1.steps.value = "1000"
    d1.buttons["train"].click()
    w5 = d1.session.get("w5")
    d1.sliders["w5"].value = -3.0                    # clamped to the slider's old range by a browser
    assert d1.session.get("w5") == w5
    d1.sliders["w5"].value = -2.5                    # a real move
    assert d1.session.get("w5") == -2.5
