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
from urllib.parse import urlparse

import pytest
from browser_support import (PLAYGROUND_FPS, WIDTHS, assert_no_errors, frames_per_second, layout_problems,
                             measure_layout, open_file_browser, open_notebook, run_all, screenshot,
                             slider_handle, smallest_font)
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
    shown = dropdown(app, "data set").evaluate("s => s.options[s.selectedIndex].text")
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
        app.locator(".widget-upload", has_text="Upload CSV").click()
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
    app.scroll_into_view_if_needed()
    screenshot(app, f"{name}_{width}.png")
    assert not problems, f"at {width} px:\n" + "\n".join(sorted(set(problems)))
    return smallest


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
        for width in (1000, 1366):
            problems = []
            page.set_viewport_size({"width": width, "height": 1600})
            open_file_browser(page)
            page.wait_for_timeout(800)
            for section in ("数据", "网络", "训练", "保存与加载"):
                open_section(app, section)
                problems += layout_problems(measure_layout(app))
            screenshot(app, f"playground_zh_{width}.png")
            assert not problems, f"zh at {width} px:\n" + "\n".join(sorted(set(problems)))
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
