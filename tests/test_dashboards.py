"""Both dashboards built headlessly: sliders and buttons driven from Python, numbers checked."""
import re
from pathlib import Path

import numpy as np
import pytest

from bpcore.documents import worked
from bpcore.widgets.dashboard import doc000_dashboard, doc001_dashboard
from bpcore.widgets.strings import text


@pytest.fixture
def d1():
    return doc001_dashboard().dashboard


@pytest.fixture
def d0():
    return doc000_dashboard().dashboard


def shown_loss(d):
    """The loss the numbers panel prints (to 8 significant digits)."""
    return float(re.search(r"<b>E?_?\w* = ([-0-9.e]+) after \d+ training steps?</b>", d.numbers.value).group(1))


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
    assert list(d1.loss_line.get_xdata()) == [0, 1]      # the loss before the step, and after it


def test_train_n_steps_fills_the_progress_bar_and_the_curves(d1):
    d1.steps.value = "300"
    d1.buttons["train"].click()
    assert d1.progress.value == 300 and d1.session.steps_done == 300
    assert len(d1.loss_line.get_xdata()) == 301          # before each of the 300 steps, and after the last
    assert d1.loss_line.get_xdata()[-1] == 300
    assert all(len(line.get_xdata()) == 301 for line in d1.grad_lines.values())
    assert shown_loss(d1) < 0.298


def test_reset_returns_to_the_document(d1):
    d1.sliders["w1"].value = 2.0
    d1.buttons["train"].click()
    d1.buttons["reset"].click()
    assert d1.sliders["w1"].value == 0.15 and d1.session.steps_done == 0
    assert shown_loss(d1) == pytest.approx(0.298371108760003, abs=5e-9)


def overshoot_setting(d):
    """Document 001's network, targets 0.5 / 0.5, η = 100 (set as a student would)."""
    d.readouts["target o1"].value = "0.5"
    d.readouts["target o2"].value = "0.5"
    d.readouts["lr"].value = "100"


def test_an_overshooting_step_is_taken_drawn_with_a_warning_and_undone(d1):
    overshoot_setting(d1)
    assert shown_loss(d1) == pytest.approx(0.0688371727, rel=1e-7)
    before = d1.session.net.named_parameters()
    d1.buttons["step"].click()
    assert shown_loss(d1) == pytest.approx(0.1586240954, rel=1e-7)           # taken: E rose (8 digits shown)
    message = d1.message.value
    assert "The loss rose: η is too large for this point, and the step overshot" in message
    assert "0.0688372" in message and "0.158624" in message and "warning" in message
    assert list(d1.loss_line.get_ydata()) == [pytest.approx(0.0688371727, rel=1e-8),      # drawn: the rise,
                                              pytest.approx(0.1586240954, rel=1e-8)]      # at once
    assert d1.sliders["w5"].value != before["w5"] and not d1.buttons["undo"].disabled
    d1.buttons["step"].click()                                  # and on
    assert len(d1.loss_line.get_ydata()) == 3
    d1.buttons["undo"].click()
    d1.buttons["undo"].click()
    assert d1.session.net.named_parameters() == before and d1.session.steps_done == 0
    assert d1.sliders["w5"].value == before["w5"] and d1.readouts["w5"].value == "0.4000"
    assert len(d1.loss_line.get_xdata()) == 0 and shown_loss(d1) == pytest.approx(0.0688371727, rel=1e-8)
    assert "Undone" in d1.message.value and d1.buttons["undo"].disabled
    assert d1.progress.value == 0 and d1.progress.description == "undone"


def test_an_overshooting_run_is_kept_and_the_chinese_warning_says_so():
    d = doc001_dashboard("zh").dashboard
    overshoot_setting(d)
    d.steps.value = "20"
    d.buttons["train"].click()
    assert d.session.steps_done == 20 and d.session.overshoot.rises >= 5
    assert "损失上升了" in d.message.value and "冲过了头" in d.message.value and "η" in d.message.value
    assert d.progress.value == 20 and d.progress.bar_style == "warning" and d.progress.description == "完成"
    d.buttons["reset"].click()
    overshoot_setting(d)
    d.buttons["step"].click()
    assert "对这一点来说 η 太大，这一步冲过了头" in d.message.value


def test_an_overflowing_run_is_refused_in_the_students_language_and_the_bar_says_undone():
    for lang, words in (("en", "overflow to infinity"), ("zh", "溢出为无穷大")):
        d = doc001_dashboard(lang).dashboard
        d.buttons["train"].click()
        before = d.session.net.named_parameters()
        d.session.set("lr", 1e300)                # beyond what the box takes: only the API gets there
        d.buttons["train"].click()
        assert words in d.message.value and "η = 1 × 10³⁰⁰" in d.message.value and "lr" not in d.message.value
        assert d.session.net.named_parameters() == before and d.session.steps_done == 100
        assert d.progress.value == 0 and d.progress.bar_style == "danger"
        assert d.progress.description == text("label.progress_undone", lang)
        d.buttons["step"].click()
        assert words in d.message.value and d.session.steps_done == 100


@pytest.mark.parametrize("name, typed", [("w1", "1e307"), ("w1", "-1.7e308"), ("w5", "1000001"),
                                         ("target o1", "1e307"), ("i1", "-1e307")])
def test_a_huge_typed_number_is_refused_with_a_message_never_half_applied(d1, name, typed):
    before = (d1.session.get(name), d1.sliders[name].value, d1.readouts[name].value)
    d1.readouts[name].value = typed
    assert (d1.session.get(name), d1.sliders[name].value, d1.readouts[name].value) == before
    assert "too large" in d1.message.value and "⚠" in d1.message.value and "error" in d1.message.value


def test_huge_numbers_on_doc000_are_refused_and_one_the_api_set_is_shown(d0):
    for name, typed in (("weight_decay", "1e307"), ("x1", "-1e307"), ("w_(2,5)", "-1.7e308")):
        before = d0.session.get(name)
        d0.readouts[name].value = typed
        assert d0.session.get(name) == before and "too large" in d0.message.value, name
    d0.session.set("w_(2,5)", 1e307)             # set from Python: the slider widens to show it
    d0._sync_sliders()
    assert d0.sliders["w_(2,5)"].max >= 1e307 and d0.sliders["w_(2,5)"].value == 1e307


def test_refusals_of_typed_rates_are_in_the_students_language():
    d = doc000_dashboard("zh").dashboard
    d.readouts["lr"].value = "-1"
    assert "η 必须大于 0" in d.message.value and d.session.lr == 0.1
    d.readouts["weight_decay"].value = "-0.5"
    assert "λ 必须大于或等于 0" in d.message.value and d.session.weight_decay == 1.0


def test_the_step_table_leaves_out_unchanged_rows_and_prints_no_minus_zero(d0, d1):
    d1.buttons["step"].click()
    table = d1.update_table.value
    assert "b1" not in table.split("unchanged")[0] and "unchanged at these digits: b1, b2" in table
    d0.buttons["step"].click()
    rows = re.findall(r"<td[^>]*>([^<]*)</td><td[^>]*>([-0-9.]+)</td><td[^>]*>→</td><td[^>]*>([-0-9.]+)</td>",
                      d0.update_table.value)
    assert rows and all(old != new for _, old, new in rows)
    d1.readouts["i1"].value = "0"                  # dE/dw1 = δ_h1 · i1 = −0.0
    assert d1.session.evaluate()[1]["w1"] == 0.0
    for view in (d1.numbers.value, d1.update_table.value):
        assert not re.search(r">-0(\.0*)?<|>-0(\.0+)?e", view), view


def test_before_any_training_the_axes_fit_the_current_values(d1):
    low, high = d1.loss_line.axes.get_ylim()
    assert low < 0.298371 < high and high / low <= 10 and high < 1.0
    glow, ghigh = next(iter(d1.grad_lines.values())).axes.get_ylim()
    grads = d1.session.evaluate()[1]
    top = max(abs(grads[n]) for n in d1.session.weight_names)
    assert glow == -ghigh and ghigh == pytest.approx(1.2 * top, rel=1e-12) and top > 0.08


def test_every_described_widget_has_a_tooltip_so_no_label_says_null(d0, d1):
    import ipywidgets
    for d in (d0, d1):
        seen = [d.widget]
        for w in seen:
            seen.extend(getattr(w, "children", ()))
        described = [w for w in seen if getattr(w, "description", None) and isinstance(w, ipywidgets.DOMWidget)]
        assert len(described) > 12
        assert all(w.tooltip for w in described), [w.description for w in described if not w.tooltip]


def test_the_gradient_legend_is_below_the_curves(d0):
    ax = next(iter(d0.grad_lines.values())).axes
    fig = ax.figure
    fig.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    assert legend.y1 <= ax.get_window_extent().y0 + 1


def test_the_stored_preview_is_a_png_with_the_diagram(d1):
    import base64
    import io

    from PIL import Image
    bundle = d1.widget._repr_mimebundle_()
    image = Image.open(io.BytesIO(base64.b64decode(bundle["image/png"])))
    assert image.size[0] > 400 and image.size[1] > 200
    colours = np.asarray(image.convert("RGB")).reshape(-1, 3)
    assert (np.abs(colours - [0, 114, 178]).sum(axis=1) < 60).sum() > 200       # the blue edges are drawn


def test_the_stored_notebook_keeps_a_picture_an_untrusted_notebook_shows(tmp_path):
    """run.py's drop_timestamps: the widget cell's stored output is a line of text (markdown) and
    the PNG, and no HTML (JupyterLab sanitises a stored HTML of an untrusted notebook, SVG and all)."""
    import importlib.util
    import json
    spec = importlib.util.spec_from_file_location("run_py", Path(__file__).resolve().parent.parent / "run.py")
    run_py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_py)
    for lang, make in (("en", doc001_dashboard), ("zh", doc000_dashboard)):
        bundle = make(lang).dashboard.widget._repr_mimebundle_()
        bundle["application/vnd.jupyter.widget-view+json"] = {"model_id": "x", "version_major": 2}
        cell = {"cell_type": "code", "metadata": {}, "source": "d", "execution_count": 1,
                "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": bundle}]}
        path = tmp_path / lang / "nb.ipynb"
        path.parent.mkdir()
        path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
        run_py.drop_timestamps(path)
        outputs = json.loads(path.read_text())["cells"][0]["outputs"]
        assert [sorted(o["data"]) for o in outputs] == [["text/markdown", "text/plain"], ["image/png", "text/plain"]]
        assert text("static.run_me", lang) in outputs[0]["data"]["text/markdown"]
        assert outputs[1]["data"]["image/png"] == bundle["image/png"]


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


def test_one_step_draws_a_line_from_the_loss_before_to_the_loss_after(d1):
    d1.buttons["step"].click()
    assert d1.loss_line.get_marker() in ("", "None") and len(d1.loss_line.get_xdata()) == 2
    low, high = d1.loss_line.axes.get_ylim()
    assert low < d1.session.history["loss"][0] < high and low < shown_loss(d1) < high
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


# ---- what a student reads: numbers, singular and plural, a stalled run, the plots' tooltips -------------

def test_messages_write_large_and_small_numbers_as_a_student_reads_them():
    from bpcore.widgets.dashboard import plain, readable
    assert readable(1e6) == "1,000,000" and readable(-82166.64, 3) == "-82,167" and readable(0.5) == "0.5"
    assert readable(3.04999e13) == "3.04999 × 10¹³" and readable(4.8e-45, 2) == "4.8 × 10⁻⁴⁵" and readable(-0.0) == "0"
    assert plain(1e6) == "1000000" and float(plain(1e6)) == 1e6     # the η box: a number float() reads back
    for lang in ("en", "zh"):
        d = doc001_dashboard(lang).dashboard
        d.readouts["lr"].value = "1e7"
        assert "1,000,000" in d.message.value and "e+06" not in d.message.value
        d.readouts["lr"].value = "1,000,000"                          # what the message wrote, typed back
        assert d.session.lr == 1e6 and d.readouts["lr"].value == "1000000"


def test_one_step_is_said_in_the_singular():
    d = doc001_dashboard("en").dashboard
    d.buttons["step"].click()
    assert "after 1 training step</b>" in d.numbers.value
    d.buttons["undo"].click()
    assert "Undone: back to before the last step, at step 0." in d.message.value and "(s)" not in d.message.value
    d.steps.value = "1"
    d.buttons["train"].click()
    assert "Trained 1 step." in d.message.value
    d.steps.value = "3"
    d.buttons["train"].click()
    d.buttons["undo"].click()
    assert "the last 3 steps, at step 1." in d.message.value
    zh = doc001_dashboard("zh").dashboard
    zh.buttons["step"].click()
    zh.buttons["undo"].click()
    assert "回到最近 1 步之前" in zh.message.value


@pytest.mark.parametrize("lang, words", [("en", "The loss has almost stopped moving"), ("zh", "损失几乎不再变化")])
def test_a_huge_eta_that_stalls_training_says_so_and_what_to_try(lang, words):
    """η = 10⁶ on document 001: the first step throws the weights to about ±80,000, every sigmoid saturates,
    the gradients fall to about 10⁻⁴⁵ and the loss stays at 0.2613; the dashboard says why and suggests
    the document's η (0.5), after the step and after a run."""
    d = doc001_dashboard(lang).dashboard
    d.readouts["lr"].value = "1000000"
    d.buttons["step"].click()
    assert words in d.message.value and "1,000,000" in d.message.value and "0.5" in d.message.value
    assert "data-kind='warning'" in d.message.value
    loss = d.session.evaluate()[1].loss
    d.buttons["train"].click()
    assert words in d.message.value and d.progress.bar_style == "warning"
    assert d.session.evaluate()[1].loss == pytest.approx(loss, rel=1e-12)        # it has indeed stalled
    d.buttons["reset"].click()
    d.buttons["train"].click()                                                     # the document's η: no warning
    assert words not in d.message.value


def test_the_plots_toolbar_tooltips_are_in_the_dashboards_language():
    for lang in ("en", "zh"):
        d = doc001_dashboard(lang).dashboard
        for fig in d.figs:
            tips = {name: tip for name, tip, _, _ in fig.canvas.toolbar.toolitems}
            assert tips["Home"] == text("plot.tip.home", lang) and tips["Download"] == text("plot.tip.download", lang)
            assert set(tips) == {"Home", "Back", "Forward", "Pan", "Zoom", "Download"}
    assert "Reset original view" not in str(doc001_dashboard("zh").dashboard.figs[0].canvas.toolbar.toolitems)


def test_gradient_curves_differ_by_more_than_colour_and_are_named_at_their_ends():
    """Document 001's eight gradient curves: each a distinct (colour, dash, marker), every colour from the
    colour-blind-safe set, and each named at its right end, in its colour, after a run too."""
    from bpcore.draw import figures
    d = doc001_dashboard("en").dashboard
    lines = d.grad_lines
    looks = {(l.get_color(), l.get_linestyle(), l.get_marker()) for l in lines.values()}
    assert len(looks) == len(lines) == 8
    assert len({l.get_linestyle() for l in lines.values()}) == 4 and len({l.get_marker() for l in lines.values()}) == 8
    assert {l.get_color() for l in lines.values()} <= set(figures.CURVE_COLOURS)
    d.buttons["train"].click()
    ax = next(iter(lines.values())).axes
    labels = figures.end_labels(ax)
    assert sorted(labels) == sorted(lines)
    for name, t in labels.items():
        assert t.get_text() == name and t.get_color() == lines[name].get_color()
        assert t.xy == (lines[name].get_xdata()[-1], lines[name].get_ydata()[-1])   # its line leads to its end
    ys = sorted(t.xyann[1] for t in labels.values())          # the labels column, in axes fractions
    assert min(b - a for a, b in zip(ys, ys[1:])) >= 0.075 - 1e-9                  # never on top of each other
