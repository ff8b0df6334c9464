"""The playground in JupyterLab and as a Voilà app, in headless Chromium.

What a student would meet: every sequence of data set / output / CSV changes leaves the drop-downs
and the plot in agreement with One step, Reset and Play working; at 1,000, 1,366 and 1,920 px
(JupyterLab with its file browser open, and Voilà) no text is under 11 CSS px, no two labels
overlap, every slider shows its value inside its box, no button or drop-down is cut; the Voilà page
loads nothing from outside the server; and the frame rate while playing (views redrawn per second)
is measured and printed at the end of the run.

Fixtures and helpers: tests/browser_support.py.  Chromium: /usr/bin/chromium (Debian's), or
$BPCORE_CHROMIUM; skipped when missing, except in CI (CI=true), where it fails.
"""
import json
import os
import re
import shutil
from urllib.parse import urlparse

import pytest
from browser_support import (ARTIFACTS, PLAYGROUND_FPS, SCREENSHOTS, WIDTHS, assert_no_errors, frames_per_second, layout_problems,
                             measure_layout, open_file_browser, open_notebook, run_all, screenshot,
                             slider_handle, smallest_font, still_picture)
from playwright.sync_api import expect

pytest_plugins = ["browser_support"]   # servers, Chromium and Playwright: tests/browser_support.py

pytestmark = pytest.mark.browser

BOUNDARY = 'svg[aria-label="decision boundary with training and test points"]'
PREDICTION = 'svg[aria-label="the network\'s prediction over the plane"]'   # redrawn every frame
FOUR_CLASSES = "x1,x2,label\n0,0,0\n1,1,1\n0,1,2\n1,0,3\n2,2,1\n0.5,0.2,0\n1.5,1.8,1\n0.1,1.4,2\n1.8,0.3,3\n"
TWO_CLASSES = "x1,x2,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n2,2,1\n0.2,0.3,0\n1.7,1.9,1\n0.4,0.1,0\n"


# ---- driving the playground -----------------------------------------------------------------
def the_app(page):
    boundary = page.locator(BOUNDARY)
    expect(boundary).to_be_visible(timeout=120000)
    return page.locator(".jupyter-widgets.widget-hbox, .jupyter-widgets.widget-box", has=boundary).first


def counter(app):
    return app.locator(".widget-html-content", has_text="epoch").first


def dropdown(app, label):
    return app.locator(".widget-dropdown", has=app.page.locator(".widget-label", has_text=label)).first \
        .locator("select")


def shown_option(select):
    """The text of a drop-down's chosen option, as the student reads it."""
    return select.evaluate("s => s.options[s.selectedIndex].text")


def set_it_to_box(app, z):
    """The "set it to" box under the weight picker (its input), in English or Chinese (z)."""
    return app.locator(".widget-text", has=app.page.locator(".widget-label", has_text="把它设为" if z else "set it to")) \
        .locator("input")


def type_into_focused(box, value):
    """As a student after a click: the cursor is already in ``box``; type ``value`` and press Enter."""
    expect(box).to_be_focused(timeout=20000)
    box.fill(value)
    box.press("Enter")


def open_section(app, title):
    header = app.locator(".jupyter-widget-Collapse-header", has_text=title).first
    if "jupyter-widget-Collapse-open" not in (header.locator("xpath=..").get_attribute("class") or ""):
        header.click()
        app.page.wait_for_timeout(300)


def classes_drawn(app):
    """How many classes the boundary view shows: distinct colours of the filled (training) markers."""
    return app.locator(BOUNDARY).evaluate(
        "s => new Set([...s.querySelectorAll('[stroke=\"#222222\"]')].map(e => e.getAttribute('fill'))).size")


def assert_working(app, classes, dataset_label):
    """No refusal on screen, the drop-down and the plot agree, and One step, Reset and Play work."""
    page = app.page
    page.wait_for_timeout(500)
    assert "⚠" not in app.inner_text(), app.inner_text()[:600]
    open_section(app, "data")
    shown = shown_option(dropdown(app, "data set"))
    assert shown.replace("\xa0", " ") == dataset_label
    assert classes_drawn(app) == classes
    app.get_by_role("button", name="One step").click()
    expect(counter(app)).to_contain_text("step 1 ", timeout=20000)
    app.get_by_role("button", name="Reset").click()
    expect(counter(app)).to_contain_text("step 0 ", timeout=20000)
    app.get_by_role("button", name="Play").click()
    expect(counter(app)).not_to_contain_text("step 0 ", timeout=20000)
    app.get_by_role("button", name="Pause").click()
    expect(app.get_by_role("button", name="Play")).to_be_visible(timeout=20000)
    assert "⚠" not in app.inner_text(), app.inner_text()[:600]


def upload(app, path):
    open_section(app, "data")
    with app.page.expect_file_chooser() as chooser:
        app.locator(".bp-upload-csv").click()
    chooser.value.set_files(str(path))


def change_sequences(app, tmp_path):
    """The sequences that left the playground stuck on a raw error (each is checked as it goes)."""
    open_section(app, "data")
    dropdown(app, "data set").select_option(label="3\xa0classes")
    assert_working(app, 3, "3 classes")
    dropdown(app, "data set").select_option(label="xor")
    assert_working(app, 2, "xor")
    (tmp_path / "four.csv").write_text(FOUR_CLASSES)
    (tmp_path / "two.csv").write_text(TWO_CLASSES)
    upload(app, tmp_path / "four.csv")
    expect(app).to_contain_text("9 points in 4 classes", timeout=20000)
    assert_working(app, 4, "custom (your CSV)")
    upload(app, tmp_path / "two.csv")
    expect(app).to_contain_text("8 points in 2 classes", timeout=20000)
    assert_working(app, 2, "custom (your CSV)")
    dropdown(app, "data set").select_option(label="xor")
    open_section(app, "network")
    dropdown(app, "output, loss").select_option(label="softmax\xa0+\xa0cross-entropy")
    assert_working(app, 2, "xor")


def check_layout_at(app, width, name, open_browser=False):
    """The layout checks at one window width, with each settings section open in turn."""
    page = app.page
    page.set_viewport_size({"width": width, "height": 1600})
    if open_browser:
        open_file_browser(page)
    page.wait_for_timeout(800)
    smallest, problems = 99.0, []
    for section in ("data", "network", "training", "save and load"):
        open_section(app, section)
        m = measure_layout(app)
        smallest = min(smallest, smallest_font(m))
        problems += [f"[{section}] {p}" for p in layout_problems(m)]
    # a window taller than the whole app for its picture (JupyterLab draws nothing below its window)
    page.set_viewport_size({"width": width, "height": max(1600, int(app.bounding_box()["height"]) + 300)})
    page.wait_for_timeout(500)
    app.scroll_into_view_if_needed()
    screenshot(app, f"{name}_{width}.png")
    page.set_viewport_size({"width": width, "height": 1600})
    assert not problems, f"at {width} px:\n" + "\n".join(sorted(set(problems)))
    return smallest


def box(locator):
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); "
                            "return {x: r.left, y: r.top, right: r.right, bottom: r.bottom}; }")


UPLOAD_CAPTIONS_JS = """app => [...app.querySelectorAll('.bp-upload')].map(b => ({
    text_px: parseFloat(getComputedStyle(b).fontSize), text: b.textContent,
    caption: getComputedStyle(b, '::after').content,
    caption_px: parseFloat(getComputedStyle(b, '::after').fontSize)}))"""

LABELS_IN_CIRCLES_JS = """svg => {
    const circles = [...svg.querySelectorAll('circle[stroke="black"]')].map(c => c.getBBox());
    const bad = [];
    // a unit drawn as its picture: its number in the picture's corner, inside the picture's frame
    const pictures = [...svg.querySelectorAll('rect.bp-node')].map(r => r.getBBox());
    for (const t of svg.querySelectorAll('text[font-weight="bold"]')) {
        const b = t.getBBox(), cx = b.x + b.width / 2, cy = b.y + b.height / 2;
        const p = pictures.find(p => b.x >= p.x - 0.5 && b.x + b.width <= p.x + p.width + 0.5 &&
                                     b.y >= p.y - 1 && b.y + b.height <= p.y + p.height + 1);
        if (p) continue;
        const c = circles.find(c => Math.abs(c.x + c.width / 2 - cx) < 2 && Math.abs(c.y + c.height / 2 - cy) < 4);
        if (!c || b.width > c.width + 0.5) bad.push(`${t.textContent}: ${b.width.toFixed(1)} px wide, circle ` +
                                                     (c ? c.width.toFixed(1) : 'none'));
    }
    return bad;
}"""


def student_view_checks(app, tmp_path, width=1000, captions=("Upload CSV", "Load saved state")):
    """Issue items a student meets, at ``width`` px with the file browser open: the decision boundary
    stays in view beside the data and network controls; the upload buttons carry no "(0)"; the λ slider
    has no readout while there is no regularisation; a loaded CSV is named with its point count and the generator's
    controls are disabled; New weights shows its new seed; Play shows that the kernel is busy; node
    labels fit their circles; the weight picker counts from 1."""
    page = app.page
    page.set_viewport_size({"width": width, "height": 1600})
    page.wait_for_timeout(800)
    boundary = app.locator(BOUNDARY)
    for section in ("data", "network"):
        open_section(app, section)
        header = app.locator(".jupyter-widget-Collapse-header", has_text=section).first
        header.scroll_into_view_if_needed()
        b, h = box(boundary), box(header)
        assert b["x"] > h["right"] - 1 and b["right"] <= width + 1, \
            f"the boundary is not beside the {section} controls: {b} {h}"
        assert b["y"] < 1600 and b["bottom"] > 0 and b["y"] < h["bottom"], f"the boundary is out of view: {b} {h}"
    screenshot(app, f"playground_student_{width}.png", publish=False)
    # upload buttons: the caption, drawn without the count ipywidgets appends
    for shown, caption in zip(app.evaluate(UPLOAD_CAPTIONS_JS), captions):
        assert shown["text_px"] == 0 and shown["caption"] == f'"{caption}"' and shown["caption_px"] >= 11, shown
    # λ: no slider while weight decay is off
    open_section(app, "training")
    decay = app.locator(".widget-slider", has=page.locator(".widget-label", has_text="λ")).first
    expect(decay.locator(".widget-readout")).to_be_hidden()     # regularisation none: no λ shown
    # the learner's CSV: named, counted, and the generator's controls disabled
    (tmp_path / "my_points.csv").write_text(TWO_CLASSES)
    upload(app, tmp_path / "my_points.csv")
    expect(app).to_contain_text("your data: my_points.csv, 8 points, 2 classes", timeout=20000)
    app.locator(".jupyter-widget-Collapse-header", has_text="data").first.scroll_into_view_if_needed()
    screenshot(app, f"playground_csv_{width}.png", publish=False)
    points = app.locator(".widget-slider", has=page.locator(".widget-label", has_text="points")).first
    assert "disabled" in (points.locator(".noUi-target, .slider-container").first.get_attribute("disabled") or "") \
        or points.locator("[disabled]").count() > 0
    dropdown(app, "data set").select_option(label="xor")
    expect(app).not_to_contain_text("your data:", timeout=20000)
    # New weights: a new seed, shown in its box
    open_section(app, "training")
    seed_box = app.locator(".widget-text", has=page.locator(".widget-label", has_text="weights seed")).first.locator("input")
    before = seed_box.input_value()
    app.get_by_role("button", name="New weights").click()
    expect(app).to_contain_text("New starting weights from a new weights seed", timeout=20000)
    assert seed_box.input_value() != before
    # the diagram: node labels inside their circles; one-based weight names
    assert app.locator('svg[aria-label="network diagram with current values"]').evaluate(LABELS_IN_CIRCLES_JS) == []
    options = app.locator(".widget-dropdown", has=page.locator(".widget-label", has_text="weight")).last \
        .locator("option").all_inner_texts()
    assert options[0] == "W⁽¹⁾₁,₁" and not any("[" in o for o in options), options[:4]
    # Play: a visible busy sign while the kernel trains
    app.get_by_role("button", name="Play").click()
    expect(app.locator(".bp-busy")).to_be_visible(timeout=20000)
    screenshot(app, f"playground_busy_{width}.png", publish=False)
    app.get_by_role("button", name="Pause").click()
    expect(app.locator(".bp-busy")).to_have_count(0, timeout=20000)


# ---- JupyterLab ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lab_app(browser, lab):
    context = browser.new_context(viewport={"width": 1366, "height": 1600})
    page = context.new_page()
    open_notebook(page, lab, "en/03_playground.ipynb")
    run_all(page)
    assert_no_errors(page)
    app = the_app(page)
    app.scroll_into_view_if_needed()
    yield app
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_lab_playground_is_readable_at(lab_app, width):
    check_layout_at(lab_app, width, "playground_lab", open_browser=True)


def test_lab_playground_what_a_student_sees(lab_app, tmp_path):
    open_file_browser(lab_app.page)
    student_view_checks(lab_app, tmp_path, 1000)
    student_view_checks(lab_app, tmp_path, 1366)


def test_lab_playground_survives_every_change_sequence(lab_app, tmp_path):
    lab_app.page.set_viewport_size({"width": 1366, "height": 1600})
    change_sequences(lab_app, tmp_path)


def test_lab_playground_plays_without_blocking(lab_app):
    page, app = lab_app.page, lab_app
    page.set_viewport_size({"width": 1366, "height": 1600})
    open_section(app, "data")
    dropdown(app, "data set").select_option(label="xor")
    open_section(app, "network")
    dropdown(app, "output, loss").select_option(index=0)
    app.get_by_role("button", name="Reset").click()
    expect(counter(app)).to_contain_text("step 0 ", timeout=20000)
    app.get_by_role("button", name="Play").click()
    page.wait_for_timeout(1500)
    first = counter(app).inner_text()
    handle = slider_handle(app, "steps per frame")
    handle.focus()
    page.keyboard.press("ArrowRight")                       # a control answers while it plays
    expect(app.locator(".widget-slider", has=page.locator(".widget-label", has_text="steps per frame"))
           .locator(".widget-readout")).to_have_text("6", timeout=10000)
    page.keyboard.press("ArrowLeft")
    PLAYGROUND_FPS["JupyterLab"] = frames_per_second(page, PREDICTION)   # printed at the end; not a timed test
    assert counter(app).inner_text() != first, "training did not go on while a slider moved"
    app.get_by_role("button", name="Pause").click()
    expect(app.get_by_role("button", name="Play")).to_be_visible(timeout=20000)
    open_section(app, "data")
    app.scroll_into_view_if_needed()
    screenshot(app, "playground.png")                       # the README's picture, at 1,366 px


def test_lab_playground_new_controls(lab_app):
    """The input features, the linear activation, the L1 penalty and the two view toggles, turned on
    in JupyterLab with the file browser open, at 1,000 and 1,366 px: the diagram's input layer shows
    the inputs that are on, the boundary stays beside the network controls and in view, nothing is
    cut or overlapping, and play runs (frames per second printed with the others)."""
    page, app = lab_app.page, lab_app
    open_file_browser(page)
    open_section(app, "network")
    for label in ("x₁²", "x₂²"):
        app.get_by_role("button", name=label, exact=True).click()
    diagram = app.locator('svg[aria-label="network diagram with current values"]')
    expect(diagram).to_contain_text("x₁²", timeout=20000)
    expect(diagram).to_contain_text("x₂²", timeout=20000)
    dropdown(app, "activation").select_option(label="linear")
    app.get_by_text("discretise output").click()
    app.get_by_text("show test data").click()
    expect(app.locator(BOUNDARY).locator('[fill="white"]')).to_have_count(0, timeout=20000)
    open_section(app, "training")
    dropdown(app, "regularisation").select_option(index=1)          # L1
    page.wait_for_timeout(800)
    assert "⚠" not in app.inner_text(), app.inner_text()[:600]
    boundary = app.locator(BOUNDARY)
    for width in (1000, 1366):
        page.set_viewport_size({"width": width, "height": 1600})
        page.wait_for_timeout(800)
        for section in ("network", "training"):
            open_section(app, section)
            header = app.locator(".jupyter-widget-Collapse-header", has_text=section).first
            header.scroll_into_view_if_needed()
            b, h = box(boundary), box(header)
            assert b["x"] > h["right"] - 1 and b["right"] <= width + 1, f"the boundary is not beside the controls: {b}"
            assert b["y"] < 1600 and b["bottom"] > 0 and b["y"] < h["bottom"], f"the boundary is out of view: {b} {h}"
            problems = layout_problems(measure_layout(app))
            assert not problems, f"[{section}] at {width} px:\n" + "\n".join(sorted(set(problems)))
            screenshot(app, f"playground_new_controls_{section}_{width}.png", publish=False)
    app.get_by_role("button", name="Play").click()
    page.wait_for_timeout(1000)
    PLAYGROUND_FPS["JupyterLab, inputs x₁² x₂², linear, L1"] = frames_per_second(page, PREDICTION)
    app.get_by_role("button", name="Pause").click()
    expect(app.get_by_role("button", name="Play")).to_be_visible(timeout=20000)
    assert "⚠" not in app.inner_text(), app.inner_text()[:600]
    # back to the defaults, for the tests after this one
    page.set_viewport_size({"width": 1366, "height": 1600})
    open_section(app, "training")
    dropdown(app, "regularisation").select_option(index=0)          # none
    app.get_by_text("discretise output").click()
    app.get_by_text("show test data").click()
    open_section(app, "network")
    dropdown(app, "activation").select_option(label="tanh")
    for label in ("x₁²", "x₂²"):
        app.get_by_role("button", name=label, exact=True).click()
    expect(diagram).not_to_contain_text("x₁²", timeout=20000)
    assert "⚠" not in app.inner_text(), app.inner_text()[:600]
    # regression: the prediction as a colour, the test loss and no accuracy, the boundary still in view
    open_section(app, "data")
    dropdown(app, "data set").select_option(label="plane\xa0(regression)")
    expect(app).to_contain_text("real value per point (regression)", timeout=20000)
    expect(counter(app)).not_to_contain_text("accuracy", timeout=20000)
    app.get_by_role("button", name="One step").click()
    expect(counter(app)).to_contain_text("step 1 ", timeout=20000)
    for width in (1000, 1366):
        page.set_viewport_size({"width": width, "height": 1600})
        page.wait_for_timeout(800)
        header = app.locator(".jupyter-widget-Collapse-header", has_text="data").first
        header.scroll_into_view_if_needed()
        b, h = box(boundary), box(header)
        assert b["x"] > h["right"] - 1 and b["y"] < h["bottom"], f"the boundary is out of view: {b} {h}"
        problems = layout_problems(measure_layout(app))
        assert not problems, f"[regression] at {width} px:\n" + "\n".join(sorted(set(problems)))
        screenshot(app, f"playground_regression_{width}.png", publish=False)
    dropdown(app, "data set").select_option(label="xor")
    expect(counter(app)).to_contain_text("accuracy", timeout=20000)
    assert "⚠" not in app.inner_text(), app.inner_text()[:600]


def curve_points(app, title="loss"):
    """How many points the training curve of the ``title`` chart draws."""
    return app.locator(f'svg[aria-label="{title}"] polyline').first.evaluate(
        "p => p.getAttribute('points').trim().split(/\\s+/).length")


def test_lab_playground_load_keeps_the_curves_and_dead_relus_pause(lab_app, workdir):
    """Loading a saved state brings back its curves and its step; ReLU at the largest η pauses Play
    with a message that names the dead units and what to try."""
    page, app = lab_app.page, lab_app
    page.set_viewport_size({"width": 1366, "height": 1600})
    app.get_by_role("button", name="Reset").click()
    expect(counter(app)).to_contain_text("step 0 ", timeout=20000)
    app.get_by_role("button", name="Play").click()
    page.wait_for_timeout(1500)
    app.get_by_role("button", name="Pause").click()
    expect(app.get_by_role("button", name="Play")).to_be_visible(timeout=20000)
    page.wait_for_timeout(500)
    shown, points = counter(app).inner_text(), curve_points(app)
    assert points > 5
    open_section(app, "save and load")
    app.locator("button.widget-button", has_text="Save").first.click()
    expect(app).to_contain_text("Saved to playground-state.json", timeout=20000)
    app.get_by_role("button", name="Reset").click()
    expect(counter(app)).to_contain_text("step 0 ", timeout=20000)
    assert curve_points(app) <= 2                  # a fresh start: one recorded point
    with page.expect_file_chooser() as chooser:
        app.locator(".bp-upload-state").click()
    chooser.value.set_files(str(workdir / "notebooks" / "en" / "playground-state.json"))
    expect(app).to_contain_text("The curves and the order of the batches carry on from there", timeout=20000)
    assert counter(app).inner_text() == shown and curve_points(app) == points
    # ReLU at the largest η: every unit of layer 2 dies at once, and Play pauses and says so
    open_section(app, "network")
    dropdown(app, "activation").select_option(label="ReLU")
    dropdown(app, "output, loss").select_option(label="sigmoid\xa0+\xa0cross-entropy")
    open_section(app, "training")
    handle = slider_handle(app, "η (learning rate)")
    handle.focus()
    page.keyboard.press("End")
    readout = app.locator(".widget-slider", has=page.locator(".widget-label", has_text="η (learning rate)")) \
        .locator(".widget-readout")
    expect(readout).to_have_text("31.6", timeout=10000)
    app.get_by_role("button", name="Play").click()
    # which layer dies first depends on the weights Play had reached before (how many frames ran)
    expect(app).to_contain_text(re.compile(r"every unit of hidden layer \d outputs 0 on every training point "
                                           r"\(dead ReLUs\)"), timeout=20000)
    expect(app).to_contain_text("Try a smaller η (now 31.6), another activation than ReLU (tanh), or New weights")
    expect(app.get_by_role("button", name="Play")).to_be_visible(timeout=20000)
    screenshot(app, "playground_dead_relu_1366.png", publish=False)
    # back to the defaults for the tests that follow
    open_section(app, "network")
    dropdown(app, "activation").select_option(label="tanh")
    dropdown(app, "output, loss").select_option(index=0)
    open_section(app, "training")
    handle.focus()
    for _ in range(30):
        page.keyboard.press("ArrowLeft")
    expect(readout).to_have_text("1.00", timeout=10000)


def test_lab_playground_in_chinese_is_readable(browser, lab, workdir):
    """The Chinese edition of the app (lang="zh") at 1,000 and 1,366 px, file browser open."""
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": ["from bpcore.widgets.playground_app import playground_app\n", "playground_app(lang='zh')"]}
    scratch = {"cells": [cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                            "language": "python"}},
               "nbformat": 4, "nbformat_minor": 5}
    (workdir / "notebooks" / "playground_zh_check.ipynb").write_text(json.dumps(scratch))
    context = browser.new_context(viewport={"width": 1366, "height": 1600})
    page = context.new_page()
    try:
        open_notebook(page, lab, "playground_zh_check.ipynb")
        run_all(page)
        assert_no_errors(page)
        app = the_app(page)
        app.scroll_into_view_if_needed()
        expect(app.get_by_role("button", name="走一步")).to_be_visible()
        expect(app.get_by_role("button", name="换一组初始权重")).to_be_visible()
        captions = [b["caption"] for b in app.evaluate(UPLOAD_CAPTIONS_JS)]
        assert captions == ['"上传 CSV"', '"加载已保存的状态"'], captions
        for width in (1000, 1366):
            problems = []
            page.set_viewport_size({"width": width, "height": 1600})
            open_file_browser(page)
            page.wait_for_timeout(800)
            for section in ("数据", "网络", "训练", "保存与加载"):
                open_section(app, section)
                problems += layout_problems(measure_layout(app))
            page.set_viewport_size({"width": width, "height": max(1600, int(app.bounding_box()["height"]) + 300)})
            page.wait_for_timeout(500)
            screenshot(app, f"zh/playground_lab_{width}.png")     # in a window taller than the app
            page.set_viewport_size({"width": width, "height": 1600})
            assert not problems, f"zh at {width} px:\n" + "\n".join(sorted(set(problems)))
        page.set_viewport_size({"width": 1366, "height": 1600})
        units_and_weights_checks(app, where="JupyterLab", lang="zh")
        diagram_screenshot(app, "zh/playground_units.png", lang="zh")
    finally:
        context.close()


# ---- Voilà --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def voila_app(browser, voila):
    context = browser.new_context(viewport={"width": 1366, "height": 1600})
    page = context.new_page()
    page.outside_requests = []
    page.on("request", lambda r: urlparse(r.url).hostname not in ("127.0.0.1", "localhost", None)
            and not r.url.startswith("data:") and page.outside_requests.append(r.url))
    page.goto(voila)
    app = the_app(page)
    expect(counter(app)).to_contain_text("step 0 ")
    yield app
    context.close()


def test_voila_page_loads_nothing_from_outside(voila_app):
    """The Voilà template fetched an icon font from a CDN, which fails offline."""
    voila_app.page.wait_for_timeout(1000)
    assert voila_app.page.outside_requests == []


@pytest.mark.parametrize("width", WIDTHS)
def test_voila_playground_is_readable_at(voila_app, width):
    check_layout_at(voila_app, width, "playground_voila")


def test_voila_playground_what_a_student_sees(voila_app, tmp_path):
    student_view_checks(voila_app, tmp_path, 1000)


def test_voila_playground_survives_every_change_sequence(voila_app, tmp_path):
    voila_app.page.set_viewport_size({"width": 1366, "height": 1600})
    change_sequences(voila_app, tmp_path)


def test_voila_playground_frame_rate(voila_app):
    page, app = voila_app.page, voila_app
    page.set_viewport_size({"width": 1366, "height": 1600})
    app.get_by_role("button", name="Reset").click()
    expect(counter(app)).to_contain_text("step 0 ", timeout=20000)
    app.get_by_role("button", name="Play").click()
    page.wait_for_timeout(1000)
    PLAYGROUND_FPS["Voilà"] = frames_per_second(page, PREDICTION)   # printed at the end; not a timed test
    app.get_by_role("button", name="Pause").click()
    expect(app.get_by_role("button", name="Play")).to_be_visible(timeout=20000)
    assert PLAYGROUND_FPS["Voilà"] > 0, "playing redrew nothing"


# ---- issue 24: what each unit computes, a weight clicked on the diagram, one regularisation choice -----
DIAGRAM = 'svg[aria-label="network diagram with current values"]'
TARGETS = 'svg.bp-hit'


def hidden_layers(app, text):
    """Type the hidden layers' sizes (as a student does: the box, then Enter)."""
    open_section(app, "network")
    box_ = app.locator(".widget-text", has=app.page.locator(".widget-label", has_text="hidden layers")).first
    box_.locator("input").fill(text)
    box_.locator("input").press("Enter")


def click_along(app, name, at=0.3):
    """Click the diagram's edge of weight ``name`` at ``at`` of the way from its source to its target
    (not at its middle, where two edges of a symmetric layout may cross)."""
    line = app.locator(f'{TARGETS} line[data-pick="W:{name}"]')
    x1, y1, x2, y2 = (float(line.get_attribute(a)) for a in ("x1", "y1", "x2", "y2"))
    b = box(app.locator(TARGETS))
    app.page.mouse.click(b["x"] + x1 + at * (x2 - x1), b["y"] + y1 + at * (y2 - y1))


def back_to_the_default_network(app):
    """xor with the first output (sigmoid + ½Σ(y−ŷ)²): 8 units (earlier tests may leave softmax on)."""
    open_section(app, "data")
    dropdown(app, "data set").select_option(label="xor")
    open_section(app, "network")
    dropdown(app, "output, loss").select_option(index=0)
    expect(app.locator(DIAGRAM).locator("use")).to_have_count(8, timeout=20000)


def units_and_weights_checks(app, units=8, where="JupyterLab", lang="en"):
    """Every unit drawn as its picture; pointing at a unit shows it large beside or under the diagram with the
    weights into it (one-based names); clicking an edge picks its weight, ready to type, and typing sets
    it; none / L1 / L2 is one drop-down, the λ slider disabled and without a readout at none; the
    upload buttons have a name without "(0)"."""
    page = app.page
    z = lang == "zh"
    diagram = app.locator(DIAGRAM)
    expect(diagram.locator("use")).to_have_count(units, timeout=20000)
    app.locator(TARGETS).scroll_into_view_if_needed()
    app.locator(f'{TARGETS} rect[data-pick="U:1:1"]').hover()
    view = app.locator(".bp-unit-view")
    expect(view).to_contain_text("第 1 层的第 2 个神经元" if z else "unit 2 of layer 1", timeout=20000)
    expect(view.locator("image")).to_have_count(1)
    expect(view).to_contain_text("W⁽¹⁾₂,₁")
    d, v = box(app.locator(".bp-diagram").first), box(view)
    assert (v["x"] >= d["right"] - 1 and v["y"] < d["bottom"]) or v["y"] >= d["bottom"] - 1, \
        f"the unit's view is neither beside nor under the diagram: {d} {v}"
    app.locator(f'{TARGETS} rect[data-pick="U:2:0"]').focus()       # the keyboard: Tab to a unit
    expect(view).to_contain_text("第 2 层的第 1 个神经元" if z else "unit 1 of layer 2", timeout=20000)
    assert app.locator(f"{TARGETS} .bp-focused").evaluate_all("es => es.map(e => e.dataset.pick)") == ["U:2:0"]
    app.locator(f'{TARGETS} rect[data-pick="U:1:1"]').hover()
    screenshot(app, f"playground_units_{where}_{lang}.png", publish=False)
    # a weight: clicked on its edge, picked, typed in
    click_along(app, "W2[0,1]")
    expect(app).to_contain_text("已选中 W⁽²⁾₁,₂" if z else "W⁽²⁾₁,₂ picked", timeout=20000)
    picker = app.locator(".widget-dropdown", has=page.locator(".widget-label", has_text="权重" if z else "weight")).last
    assert shown_option(picker.locator("select")) == "W⁽²⁾₁,₂"
    value_box = set_it_to_box(app, z)
    type_into_focused(value_box, "0.75")
    expect(app).to_contain_text("W⁽²⁾₁,₂ 已手动设为 0.75" if z else "W⁽²⁾₁,₂ set to 0.75 by hand", timeout=20000)
    expect(app.locator(f'{TARGETS} line[data-pick="W:W2[0,1]"] title')).to_contain_text("W⁽²⁾₁,₂ = 0.75 · ",
                                                                                        timeout=20000)
    # one choice: none / L1 / L2
    open_section(app, "训练" if z else "training")
    choice = dropdown(app, "正则化" if z else "regularisation")
    rate = app.locator(".widget-slider", has=page.locator(".widget-label", has_text="λ")).first
    assert shown_option(choice) == ("无" if z else "none")
    assert rate.locator(".widget-readout").count() == 0 or not rate.locator(".widget-readout").is_visible()
    assert rate.locator(".noUi-target[disabled], .slider-container [disabled], [disabled]").count() > 0
    choice.select_option(index=1)                  # L1
    expect(rate.locator(".widget-readout")).to_be_visible(timeout=20000)
    expect(rate.locator(".widget-readout")).to_have_text("1.0e-3")
    choice.select_option(index=0)                  # none
    expect(rate.locator(".widget-readout")).to_be_hidden(timeout=20000)
    assert "⚠" not in app.inner_text(), app.inner_text()[:600]
    # the upload buttons' accessible names
    open_section(app, "数据" if z else "data")
    csv_name = "上传 CSV：包含 x1、x2、label 三列的文件" if z else "Upload CSV: a file with the columns x1, x2, label"
    expect(app.get_by_role("button", name=csv_name, exact=True)).to_have_count(1, timeout=20000)
    open_section(app, "保存与加载" if z else "save and load")
    state_name = "加载已保存的状态：本游乐场保存的 JSON 文件" if z else "Load saved state: a JSON file saved here before"
    expect(app.get_by_role("button", name=state_name, exact=True)).to_have_count(1)


def in_view_checks(app, where="JupyterLab", lang="en", height=900):
    """As a student sees it in a window ``height`` px tall (JupyterLab's file browser open), at 1,366 and
    1,000 px: with the diagram scrolled into view, pointing at a unit shows its large view inside the
    window, without moving the diagram; clicking an edge or a unit's b puts the "set it to" box, focused,
    inside the window."""
    page = app.page
    z = lang == "zh"
    value_box = set_it_to_box(app, z)
    view = app.locator(".bp-unit-view")
    found = {}
    for width in (1366, 1000):
        page.set_viewport_size({"width": width, "height": height})
        if where == "JupyterLab":
            open_file_browser(page)
        page.wait_for_timeout(800)
        for unit, words in (("U:1:2", "第 1 层的第 3 个神经元" if z else "unit 3 of layer 1"),
                            ("U:2:1", "第 2 层的第 2 个神经元" if z else "unit 2 of layer 2")):
            page.mouse.move(1, 1)
            # the diagram scrolled into view as a student working on it has it: its top at 40 % of the window
            # (a diagram at the window's very bottom has its view, under it when the column is narrow, below)
            app.locator(TARGETS).evaluate(f"e => {{ let p = e.parentElement; while (p && p.scrollHeight <= p.clientHeight) "
                                          f"p = p.parentElement; (p || document.scrollingElement).scrollBy(0, "
                                          f"e.getBoundingClientRect().top - {0.4 * height}); }}")
            page.wait_for_timeout(300)
            target = app.locator(f'{TARGETS} rect[data-pick="{unit}"]')
            before = box(app.locator(TARGETS))
            target.hover()
            expect(view).to_contain_text(words, timeout=20000)
            page.wait_for_timeout(400)
            v, after, u = box(view), box(app.locator(TARGETS)), box(target)
            found[(width, unit)] = (round(v["y"]), round(v["bottom"]))
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"playground_unit_in_view_{where}_{lang}_{width}.png"))
            assert 0 <= u["y"] and u["bottom"] <= height, f"at {width} px the unit itself is out of view: {u}"
            assert v["y"] >= 0 and v["bottom"] <= height and v["x"] >= 0 and v["right"] <= width, \
                f"at {width} px, {height} px tall, the large view of {unit} is out of the window: {v}"
            assert abs(after["y"] - before["y"]) < 1, f"the diagram moved when {unit} was shown: {before} {after}"
        for what, click in (("W2[0,1]", lambda: click_along(app, "W2[0,1]")),
                            ("b2[1]", lambda: app.locator(f'{TARGETS} g[data-pick="B:b2[1]"]').click())):
            page.mouse.move(1, 1)
            app.locator(TARGETS).scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            click()
            expect(value_box).to_be_focused(timeout=20000)
            page.wait_for_timeout(600)
            b = box(value_box)
            found[(width, what)] = (round(b["y"]), round(b["bottom"]))
            assert b["y"] >= 0 and b["bottom"] <= height + 1, \
                f"at {width} px, {height} px tall, the box for {what} is focused but out of the window: {b}"
        page.screenshot(path=str(ARTIFACTS / f"playground_box_in_view_{where}_{lang}_{width}.png"))
    print(f"in a window {height} px tall ({where}, {lang}): top and bottom in px", found)
    page.set_viewport_size({"width": 1366, "height": 1600})


def frame_rate_with_pictures(app, label, hidden=None):
    """Frames per second while playing, with every unit's picture on (hidden: the layers' sizes)."""
    page = app.page
    page.set_viewport_size({"width": 1366, "height": 1600})
    if hidden is not None:
        hidden_layers(app, hidden)
        expect(app.locator(DIAGRAM).locator("use")).to_have_count(2 + sum(map(int, hidden.split(","))) + 1,
                                                                  timeout=20000)
    app.get_by_role("button", name="Reset").click()
    expect(counter(app)).to_contain_text("step 0 ", timeout=20000)
    app.get_by_role("button", name="Play").click()
    expect(app.get_by_role("button", name="Pause")).to_be_visible(timeout=30000)      # playing
    page.wait_for_timeout(1000)
    PLAYGROUND_FPS[label] = frames_per_second(page, PREDICTION)
    pictures = app.locator(DIAGRAM).locator("use").count()
    pause = app.get_by_role("button", name="Pause")
    assert pause.count() == 1, f"play stopped by itself: {app.inner_text()[:600]}"
    pause.click()
    expect(app.get_by_role("button", name="Play")).to_be_visible(timeout=20000)
    assert PLAYGROUND_FPS[label] > 0 and pictures > 0
    if hidden is not None:
        hidden_layers(app, "3, 2")
        expect(app.locator(DIAGRAM).locator("use")).to_have_count(8, timeout=20000)


def scroll_cue_checks(app):
    """The diagram of 6 layers of 8 is wider than the views at 1,000 px with the file browser open: a
    visible line says it scrolls; the default diagram at 1,366 px fits, and the line is hidden."""
    page = app.page
    hidden_layers(app, "8, 8, 8, 8, 8, 8")
    expect(app.locator(DIAGRAM).locator("use")).to_have_count(51, timeout=20000)
    page.set_viewport_size({"width": 1000, "height": 1600})
    open_file_browser(page)
    page.wait_for_timeout(800)
    hint = app.locator(".bp-scroll-hint")
    expect(hint).to_be_visible(timeout=20000)
    app.locator(DIAGRAM).scroll_into_view_if_needed()
    screenshot(app, "playground_units_6x8_1000.png", publish=False)
    hidden_layers(app, "3, 2")
    page.set_viewport_size({"width": 1366, "height": 1600})
    page.wait_for_timeout(800)
    expect(app.locator(DIAGRAM).locator("use")).to_have_count(8, timeout=20000)


def diagram_screenshot(app, name, lang="en", dataset=None):
    """The README's picture of the diagram at 1,366 px: after a few seconds of play, a unit of layer 2
    pointed at (large beside the diagram); from the top of the app to the bottom of the diagram and that view."""
    page = app.page
    page.set_viewport_size({"width": 1366, "height": 1600})
    if dataset:
        open_section(app, "数据" if lang == "zh" else "data")
        dropdown(app, "数据集" if lang == "zh" else "data set").select_option(label=dataset)
        page.wait_for_timeout(800)
    app.get_by_role("button", name="连续训练" if lang == "zh" else "Play").click()
    page.wait_for_timeout(6000)
    app.get_by_role("button", name="暂停" if lang == "zh" else "Pause").click()
    page.wait_for_timeout(800)
    app.locator(TARGETS).scroll_into_view_if_needed()
    app.locator(f'{TARGETS} rect[data-pick="U:2:0"]').hover()
    expect(app.locator(".bp-unit-view")).to_contain_text("第 2 层的第 1 个神经元" if lang == "zh" else "unit 1 of layer 2",
                                                         timeout=20000)
    page.wait_for_timeout(500)
    top = box(app)
    page.evaluate(f"window.scrollBy(0, {top['y'] - 4})")
    top, bottom = box(app), box(app.locator(".bp-diagram-row").first)       # the diagram and the unit's view
    (ARTIFACTS / name).parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), clip={"x": top["x"], "y": top["y"], "width": top["right"] - top["x"],
                                                      "height": bottom["bottom"] - top["y"] + 6})
    if os.environ.get("UPDATE_SCREENSHOTS"):
        (SCREENSHOTS / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTIFACTS / name, SCREENSHOTS / name)


def bias_checks(app, lang="en", where="JupyterLab"):
    """A bias edited by hand like a weight: each unit of layers 1..L has a small "b" at the bottom-left of
    its picture, with a tooltip naming its bias and value; clicking it picks the bias in the picker and puts
    the cursor in the box, typing sets it (the message, the tooltip and the up-close view follow); in the
    unit's large view the bias's name is a link that picks it.  Screenshots at 1,366 and 1,000 px."""
    page = app.page
    z = lang == "zh"
    app.locator(TARGETS).scroll_into_view_if_needed()
    handles = app.locator(f"{TARGETS} g.bp-bias")
    expect(handles).to_have_count(6, timeout=20000)                     # hidden 3, 2 and one output unit
    handle = app.locator(f'{TARGETS} g[data-pick="B:b2[0]"]')
    expect(handle.locator("title")).to_contain_text("b⁽²⁾₁ = ", timeout=20000)
    expect(handle.locator("title")).to_contain_text("第 2 层第 1 个神经元的偏置" if z else "the bias of unit 1 of layer 2")
    h, u = box(handle), box(app.locator(f'{TARGETS} rect[data-pick="U:2:0"]'))
    assert h["right"] - h["x"] >= 10 and abs(h["x"] - u["x"]) <= 4 and abs(h["bottom"] - u["bottom"]) <= 4, (h, u)
    handle.click()
    expect(app).to_contain_text("已选中 b⁽²⁾₁" if z else "b⁽²⁾₁ picked", timeout=20000)
    picker = app.locator(".widget-dropdown", has=page.locator(".widget-label", has_text="权重或偏置" if z else
                                                              "weight or bias")).last
    assert shown_option(picker.locator("select")) == "b⁽²⁾₁"
    expect(app.locator(".bp-scroll").filter(has_text="∂L/∂b")).to_contain_text(
        "δ 的平均" if z else "mean of δ over", timeout=20000)
    value_box = set_it_to_box(app, z)
    type_into_focused(value_box, "-0.5")
    expect(app).to_contain_text("b⁽²⁾₁ 已手动设为 -0.5" if z else "b⁽²⁾₁ set to -0.5 by hand", timeout=20000)
    expect(handle.locator("title")).to_contain_text("b⁽²⁾₁ = -0.5 · ", timeout=20000)
    expect(app.locator(f'{TARGETS} g.bp-bias.bp-picked')).to_have_count(1)
    # the large unit view: the bias's name is a link too
    app.locator(f'{TARGETS} rect[data-pick="U:2:1"]').hover()
    view = app.locator(".bp-unit-view")
    link = view.locator('[data-pick="B:b2[1]"]')
    expect(link).to_have_text("b⁽²⁾₂", timeout=20000)
    link.click()
    expect(app).to_contain_text("已选中 b⁽²⁾₂" if z else "b⁽²⁾₂ picked", timeout=20000)
    assert shown_option(picker.locator("select")) == "b⁽²⁾₂"
    # the keyboard: Tab to a handle, Enter picks its bias
    app.locator(f'{TARGETS} g[data-pick="B:b3[0]"]').focus()
    page.keyboard.press("Enter")
    expect(app).to_contain_text("已选中 b⁽³⁾₁" if z else "b⁽³⁾₁ picked", timeout=20000)
    expect(value_box).to_be_focused(timeout=20000)
    assert "⚠" not in app.inner_text(), app.inner_text()[:600]
    for width in (1366, 1000):
        page.set_viewport_size({"width": width, "height": 1600})
        if width == 1000 and where == "JupyterLab":
            open_file_browser(page)
        page.wait_for_timeout(600)
        app.locator(TARGETS).scroll_into_view_if_needed()
        app.locator(f'{TARGETS} g[data-pick="B:b2[0]"]').hover()
        page.wait_for_timeout(300)
        assert smallest_font(measure_layout(app.locator(TARGETS))) >= 11          # the "b" on each handle
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"playground_bias_{where}_{lang}_{width}.png"))
    page.set_viewport_size({"width": 1366, "height": 1600})


def test_lab_playground_bias_clicked_and_typed(lab_app):
    lab_app.page.set_viewport_size({"width": 1366, "height": 1600})
    back_to_the_default_network(lab_app)
    bias_checks(lab_app)


def test_lab_playground_units_and_weights_on_the_diagram(lab_app):
    page, app = lab_app.page, lab_app
    page.set_viewport_size({"width": 1366, "height": 1600})
    back_to_the_default_network(app)
    units_and_weights_checks(app)
    scroll_cue_checks(app)
    frame_rate_with_pictures(app, "JupyterLab, pictures on, default network")
    frame_rate_with_pictures(app, "JupyterLab, pictures on, hidden 8,8,8,8,8,8", "8,8,8,8,8,8")
    diagram_screenshot(app, "playground_units.png")


def test_lab_playground_unit_view_and_weight_box_in_a_900_px_window(lab_app):
    lab_app.page.set_viewport_size({"width": 1366, "height": 1600})
    back_to_the_default_network(lab_app)
    in_view_checks(lab_app)


def test_voila_playground_unit_view_and_weight_box_in_a_900_px_window(voila_app):
    voila_app.page.set_viewport_size({"width": 1366, "height": 1600})
    back_to_the_default_network(voila_app)
    in_view_checks(voila_app, where="Voila")


def test_voila_playground_units_and_weights_on_the_diagram(voila_app):
    page, app = voila_app.page, voila_app
    page.set_viewport_size({"width": 1366, "height": 1600})
    back_to_the_default_network(app)
    units_and_weights_checks(app, where="Voila")
    frame_rate_with_pictures(app, "Voilà, pictures on, default network")
    frame_rate_with_pictures(app, "Voilà, pictures on, hidden 8,8,8,8,8,8", "8,8,8,8,8,8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_notebook_03_opened_fresh_shows_a_still_picture_of_the_playground(browser, lab, workdir, lang):
    """A notebook a student has just opened is not trusted and has not run: its stored HTML is sanitised,
    so the playground's cell must show its PNG (the boundary and every unit's picture), with the caption.
    (A copy of the notebook as the repository stores it: the other tests of this session run the server's
    copy, which JupyterLab then saves with their outputs.)"""
    from pathlib import Path

    from bpcore.widgets.strings import text
    fresh = f"{lang}/03_playground_as_stored.ipynb"
    stored = Path(__file__).resolve().parents[1] / "notebooks" / lang / "03_playground.ipynb"
    shutil.copy(stored, workdir / "notebooks" / fresh)
    context = browser.new_context(viewport={"width": 1366, "height": 1600})
    page = context.new_page()
    try:
        open_notebook(page, lab, fresh)
        area, preview = still_picture(page, text("static.picture.playground", lang))
        assert preview.evaluate("img => img.naturalWidth") == 768, "the still picture did not load"
        for width in (1000, 1366):
            page.set_viewport_size({"width": width, "height": 1600})
            area.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            screenshot(area, f"playground_still_{lang}_{width}.png", publish=False)
    finally:
        context.close()
        (workdir / "notebooks" / fresh).unlink()


def test_voila_chinese_playground_units_and_weights(browser, voila_zh):
    """The same checks in the Chinese Voilà app: the unit's view, the picked weight, the regularisation
    choice and the upload buttons' names, and a bias clicked and typed in, in Chinese."""
    context = browser.new_context(viewport={"width": 1366, "height": 1600})
    page = context.new_page()
    try:
        page.goto(voila_zh)
        app = the_app(page)
        expect(app.locator(DIAGRAM).locator("use")).to_have_count(8, timeout=120000)
        units_and_weights_checks(app, where="Voila", lang="zh")
        bias_checks(app, where="Voila", lang="zh")
    finally:
        context.close()
