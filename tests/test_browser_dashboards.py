"""The document notebooks and their dashboards in JupyterLab, in headless Chromium.

What a student sees, measured in the page: the numbers after training past the sliders' ranges
are bpcore's; every slider shows its value inside its box; typed numbers are checked; the λ
slider cannot go below 0; one step draws a point; and at 1,000, 1,366 and 1,920 px no text is
under 11 CSS px, no two diagram labels overlap, no button is cut and no table is wider than its
output area.

Before running, each dashboard notebook, opened as a student opens it (not trusted), must show
its still picture (a PNG), not run-on text; after running, an overshooting step (document 001,
targets 0.5 / 0.5, η = 100) is taken, warned about, drawn and undone, in both languages, and at
1,000 px a diagram wider than its box scrolls with a shadow and a line saying so.

Fixtures and helpers: tests/browser_support.py.  Chromium: /usr/bin/chromium (Debian's), or
$BPCORE_CHROMIUM; skipped when missing, except in CI (CI=true), where it fails.
"""
import io
import re
import statistics
from pathlib import Path

import numpy as np
import pytest
from browser_support import (BROWSER_LATENCIES, DIAGRAM, SMALLEST_FONTS, WIDTHS, assert_no_errors, inside,  # noqa: F401
                             key_to_redraw_latencies, layout_report, open_notebook, overlapping_texts, run_all,
                             screenshot, set_width, show_file_browser, slider_handle, still_picture, wide_tables)
from playwright.sync_api import expect

import bpcore
from bpcore import examples
from bpcore.draw import layout
from bpcore.widgets.strings import text

pytest_plugins = ["browser_support"]   # servers, Chromium and Playwright: tests/browser_support.py

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
NB01, NB02 = "en/01_bp_2-2-2_worked_example.ipynb", "en/02_bp_2-3-2-1_derivation.ipynb"


def open_dashboard(page, lab, name):
    """Open a notebook, check what it shows before running, run every cell; the dashboard's output."""
    open_notebook(page, lab, name)
    stored = page.locator(".jp-OutputArea-output", has_text="VBox(children")
    assert stored.count() == 0, "a widget cell's stored output is raw widget text"
    assert page.locator(".jp-OutputArea-output", has_text=text("static.run_me")).count() >= 1
    return run_and_find_dashboard(page)


def run_and_find_dashboard(page):
    """Run every cell, check no error shows, and return the dashboard's output, in view."""
    run_all(page)
    assert_no_errors(page)
    diagram = page.locator(DIAGRAM)
    expect(diagram).to_be_visible(timeout=30000)
    dashboard = page.locator(".jp-OutputArea-output", has=diagram).first
    dashboard.scroll_into_view_if_needed()
    return dashboard


def numbers_panel(dashboard):
    return dashboard.locator(".bp-numbers").first


def shown_loss(dashboard):
    """(loss, steps) as the numbers panel prints them."""
    match = re.search(r"=\s*([-+0-9.eE]+)\s+after (\d+) training steps?", numbers_panel(dashboard).inner_text())
    return float(match.group(1)), int(match.group(2))


def _slider(page, label):
    return page.locator(".widget-slider", has=page.locator(".widget-label", has_text=re.compile("^" + re.escape(label))))


def slider(dashboard, label):
    return dashboard.locator(".widget-slider", has=dashboard.page.locator(
        ".widget-label", has_text=re.compile("^" + re.escape(label)))).first


def readout(dashboard, label):
    """The box that shows (and takes) a slider's value: the input beside it."""
    return dashboard.locator(".bp-control", has=_slider(dashboard.page, label)).locator(".bp-readout input").first


def steps_box(dashboard):
    return dashboard.locator(".widget-text", has=dashboard.page.locator(".widget-label", has_text="N =")).locator(
        "input").first


def type_into(box, value):
    box.fill(value)
    box.press("Enter")
    box.page.wait_for_timeout(400)


def message(dashboard):
    return dashboard.locator(".bp-message").first


def blue_pixels(canvas):
    """How many pixels of the curves' blue (#0072B2) a canvas shows."""
    from PIL import Image
    pixels = np.asarray(Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")).astype(int)
    return int((np.abs(pixels - [0, 114, 178]).sum(axis=2) < 60).sum())


def check_layout(page, dashboard, name):
    """At each width: fonts, overlaps, slider readouts, buttons, tables (all measured in the DOM)."""
    headers = dashboard.locator(".jupyter-widget-Collapse-header")
    for width in WIDTHS:
        set_width(page, width)
        show_file_browser(page)
        dashboard.scroll_into_view_if_needed()
        for group in range(headers.count()):
            if "jupyter-widget-Collapse-open" not in (headers.nth(group).locator("..").get_attribute("class") or ""):
                headers.nth(group).click()
                page.wait_for_timeout(300)
            report = layout_report(dashboard)
            where = f"{name} at {width} px, group {group + 1}"
            small = [(t["text"], round(t["size"], 1)) for t in report["texts"] if t["size"] < 11 - 1e-6]
            assert not small, f"{where}: text under 11 px: {small[:8]}"
            SMALLEST_FONTS[name] = min([SMALLEST_FONTS.get(name, 99)] + [t["size"] for t in report["texts"]])
            assert not overlapping_texts(report["texts"]), f"{where}: labels overlap: {overlapping_texts(report['texts'])}"
            assert report["sliders"], f"{where}: no slider visible"
            for s in report["sliders"]:
                assert s["track"] >= 100, f"{where}: slider {s['label']} is {s['track']:.0f} px wide"
                assert s["readoutBox"] is not None and s["readout"], f"{where}: slider {s['label']} shows no value"
                for clip in s["clips"] + [{"cls": "dashboard", **report["root"]}]:
                    assert inside(s["readoutBox"], clip), (
                        f"{where}: the value of {s['label']} ({s['readout']}) lies outside its box {clip['cls']}")
            cut = [b["text"] for b in report["buttons"] if b["cut"]]
            assert not cut, f"{where}: buttons cut: {cut}"
        headers.first.click()
        page.wait_for_timeout(300)
        screenshot(dashboard, f"dashboard_{name}_{width}px.png", publish=False)
        assert not wide_tables(page), f"{name} at {width} px: tables wider than their output: {wide_tables(page)}"


def check_one_step_draws_a_point(dashboard):
    dashboard.get_by_role("button", name=text("button.reset")).click()
    expect(numbers_panel(dashboard)).to_contain_text("after 0 training steps", timeout=30000)
    canvas = dashboard.locator("canvas").first
    dashboard.page.wait_for_timeout(1000)
    before = blue_pixels(canvas)
    dashboard.get_by_role("button", name=text("button.step")).click()
    expect(numbers_panel(dashboard)).to_contain_text("after 1 training step", timeout=30000)
    dashboard.page.wait_for_timeout(1500)
    assert blue_pixels(canvas) > before + 10, "one step left the loss curve blank"


def test_doc001_dashboard_trains_past_the_slider_range_and_shows_bpcore_numbers(page, lab):
    dashboard = open_dashboard(page, lab, NB01)
    # η shows the document's value, exactly
    assert readout(dashboard, "η").input_value() == "0.5"
    # train past the sliders' range (w5 ends near -3.06, the slider's range is [-3, 3])
    type_into(steps_box(dashboard), "1000")
    dashboard.get_by_role("button", name=text("button.train")).click()
    expect(numbers_panel(dashboard)).to_contain_text("after 1000 training steps", timeout=120000)
    page.wait_for_timeout(2000)                       # time for any late echo from the browser
    d = examples.DOC001
    net = examples.network_2_2_2()
    bpcore.train(net, d["x"], d["y"], lr=d["lr"], steps=1000)
    loss, steps = shown_loss(dashboard)
    assert steps == 1000
    assert loss == pytest.approx(net.loss(d["x"], d["y"]), rel=1e-6)
    assert net["w5"] < -3.0                           # the run does leave the slider's range
    for name in [f"w{i}" for i in range(1, 9)]:
        assert float(readout(dashboard, name).input_value()) == pytest.approx(net[name], abs=0.6e-4), name
    expect(message(dashboard)).to_contain_text(text("msg.trained", n=1000))
    # typed numbers: a good one lands exactly, bad ones are refused with a message
    headers = dashboard.locator(".jupyter-widget-Collapse-header")
    headers.last.click()
    page.wait_for_timeout(300)
    type_into(readout(dashboard, "η"), "5")
    assert readout(dashboard, "η").input_value() == "5"
    headers.first.click()
    page.wait_for_timeout(300)
    w5 = readout(dashboard, "w5").input_value()
    type_into(readout(dashboard, "w5"), "abc")
    expect(message(dashboard)).to_contain_text("w5")
    assert readout(dashboard, "w5").input_value() == w5
    for bad in ("2.5", "1e999", "0"):
        type_into(steps_box(dashboard), bad)
        expect(message(dashboard)).to_contain_text("N")
        assert "⚠" in message(dashboard).inner_text(), bad
        assert steps_box(dashboard).input_value() == "1000", bad
    check_one_step_draws_a_point(dashboard)
    check_layout(page, dashboard, "01")
    set_width(page, 1366)
    dashboard.get_by_role("button", name=text("button.reset")).click()
    expect(numbers_panel(dashboard)).to_contain_text("after 0 training steps", timeout=30000)
    latencies = key_to_redraw_latencies(page, slider_handle(dashboard, "w5"))
    BROWSER_LATENCIES[NB01] = statistics.median(latencies)   # printed at the end of the run; not a timed test
    dashboard.get_by_role("button", name=text("button.train")).click()
    expect(numbers_panel(dashboard)).to_contain_text("after 1000 training steps", timeout=120000)
    set_width(page, 1366, height=3200)                # tall enough for the whole dashboard
    dashboard.locator(".jupyter-widget-Collapse-header").first.scroll_into_view_if_needed()
    screenshot(dashboard, "dashboard_01_trained.png", publish=False)    # the README's: test_what_a_student_sees


def test_doc000_dashboard_lambda_stays_nonnegative_and_the_page_is_readable(page, lab):
    dashboard = open_dashboard(page, lab, NB02)
    headers = dashboard.locator(".jupyter-widget-Collapse-header")
    headers.last.click()
    page.wait_for_timeout(300)
    handle = slider(dashboard, "λ").locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("Home")
    page.wait_for_timeout(800)
    assert float(readout(dashboard, "λ").input_value()) == 0.0
    assert "must be" not in message(dashboard).inner_text()
    page.keyboard.press("End")
    page.wait_for_timeout(800)
    assert float(readout(dashboard, "λ").input_value()) == 1.0
    check_one_step_draws_a_point(dashboard)
    check_layout(page, dashboard, "02")
    set_width(page, 1366)
    latencies = key_to_redraw_latencies(page, slider_handle(dashboard, "w_(2,5)"))
    BROWSER_LATENCIES[NB02] = statistics.median(latencies)
    dashboard.get_by_role("button", name=text("button.reset")).click()
    expect(numbers_panel(dashboard)).to_contain_text("after 0 training steps", timeout=30000)
    dashboard.get_by_role("button", name=text("button.train")).click()
    expect(numbers_panel(dashboard)).to_contain_text("after 100 training steps", timeout=60000)
    page.wait_for_timeout(1500)
    d = examples.DOC000
    net = examples.network_2_3_2_1()
    bpcore.train(net, d["x"], d["y"], lr=d["lr"], steps=100, weight_decay=d["weight_decay"])
    assert shown_loss(dashboard) == (pytest.approx(net.loss(d["x"], d["y"]), rel=1e-6), 100)
    for name in ("w_(x1,1)", "w_(2,5)", "w_(5,6)"):
        assert float(readout(dashboard, name).input_value()) == pytest.approx(net[name], abs=0.6e-3), name
    set_width(page, 1366, height=3200)
    screenshot(dashboard, f"dashboard_{Path(NB02).name[:2]}_trained.png", publish=False)


def test_jupyterlab_sends_widget_messages_on_the_kernels_main_thread(lab):
    """share/jupyter/lab/settings/overrides.json, installed by run.py (and binder/postBuild), turns
    JupyterLab's "comms over subshells" off: on a subshell ipympl draws a dashboard's canvas on another
    thread while a cell draws its figures, and matplotlib is not thread-safe (an intermittent mathtext
    ParseException in notebook 01 was the sign)."""
    import json
    import urllib.request
    url, token = lab
    with urllib.request.urlopen(f"{url}/lab/api/settings/@jupyterlab/apputils-extension:kernels-settings"
                                f"?token={token}") as response:
        setting = json.load(response)
    assert setting["schema"]["properties"]["commsOverSubshells"]["default"] == "disabled", setting["schema"]


def test_start_here_notebook_runs(page, lab):
    open_notebook(page, lab, "en/00_start_here.ipynb")
    run_all(page)
    assert_no_errors(page)


def test_dashboards_in_chinese_are_readable(page, lab, workdir):
    """The Chinese edition calls the dashboards with lang="zh": same checks of layout, Chinese text."""
    import nbformat
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from bpcore.widgets.dashboard import doc000_dashboard, doc001_dashboard"),
                nbformat.v4.new_code_cell('doc001_dashboard(lang="zh")')]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, str(workdir / "notebooks" / "en" / "zz_zh_dashboards.ipynb"))
    open_notebook(page, lab, "en/zz_zh_dashboards.ipynb")
    run_all(page)
    assert_no_errors(page)
    dashboard = page.locator(".jp-OutputArea-output", has=page.locator(DIAGRAM)).first
    expect(dashboard).to_contain_text(text("button.train", "zh"), timeout=30000)
    expect(dashboard.locator(".bp-numbers")).to_contain_text("训练 0 步后")
    steps = dashboard.locator(".bp-steps input").first
    type_into(steps, "2.5")
    expect(message(dashboard)).to_contain_text("整数")
    check_layout(page, dashboard, "zh_01")


# ---- what a student sees: before running (an untrusted notebook), overshoot and undo, both languages ----
DIAGRAM_SCROLLS = {}     # "en 01 1000px" -> whether the diagram scrolls there (with the hint)
NOTEBOOKS = {"01": "01_bp_2-2-2_worked_example.ipynb", "02": "02_bp_2-3-2-1_derivation.ipynb"}


def restore_preview(workdir, lang, number):
    """The dashboard cell's stored output in the test's copy of the notebook, as ``run.py notebooks``
    now stores it.  A notebook already re-executed with this code is left as it is; one stored by
    older code gets the output the current code makes (the cell's bundle, through run.py's
    drop_timestamps), so the check is of what a student will get, whichever is in the repository."""
    import json

    from browser_support import run_py

    from bpcore.widgets.dashboard import doc000_dashboard, doc001_dashboard
    path = workdir / "notebooks" / lang / NOTEBOOKS[number]
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if c["cell_type"] == "code" and "_dashboard(lang=LANG)" in "".join(c["source"]))
    if any("image/png" in o.get("data", {}) for o in cell["outputs"]):
        return "as stored"
    bundle = (doc001_dashboard if number == "01" else doc000_dashboard)(lang).dashboard.widget._repr_mimebundle_()
    bundle["application/vnd.jupyter.widget-view+json"] = {"model_id": "0", "version_major": 2, "version_minor": 0}
    cell["outputs"] = [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": bundle}]
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")
    run_py().drop_timestamps(path)
    return "re-stored"


@pytest.mark.parametrize("lang, number", [("en", "01"), ("zh", "01"), ("en", "02"), ("zh", "02")])
def test_what_a_student_sees_before_and_after_running(page, lab, workdir, lang, number):
    restore_preview(workdir, lang, number)
    name = f"{lang}/{NOTEBOOKS[number]}"
    open_notebook(page, lab, name)
    # a notebook just opened is not trusted: its stored HTML is sanitised, its PNG shown as it is
    area, preview = still_picture(page, text("static.run_me", lang), last=True)
    assert preview.evaluate("img => img.naturalWidth") > 400, "the preview picture did not load"
    outputs = page.locator(".jp-OutputArea-output")
    assert outputs.filter(has_text=text("static.run_me", lang)).count() >= 1
    assert outputs.filter(has_text=re.compile(r"b1b1|b1 = 0\.35b2")).count() == 0, "run-on text where a picture should be"
    for width in (1000, 1366):
        set_width(page, width)
        area.scroll_into_view_if_needed()
        screenshot(area, f"preview_{lang}_{number}_{width}px.png", publish=False)
    dashboard = run_and_find_dashboard(page)          # run it
    assert dashboard.locator('.widget-label[title="null"]').count() == 0, "a label says null on hover"
    fits = dashboard.evaluate("""d => [...d.querySelectorAll('.bp-controls')].every(c => {
        const a = c.querySelector('.jupyter-widget-Accordion, .widget-accordion, .jupyter-widgets.lm-Widget');
        return !a || a.getBoundingClientRect().right <= c.getBoundingClientRect().right + 0.5; })""")
    assert fits, "the accordion is wider than its column"
    if number == "01":
        # the overshoot: targets 0.5 / 0.5, η = 100, one step: E from 0.0688 to 0.1586, taken, drawn, undone
        headers = dashboard.locator(".jupyter-widget-Collapse-header")
        headers.nth(2).click()
        page.wait_for_timeout(300)
        target = {"en": "target", "zh": "目标值"}[lang]              # the label in the dashboard's language
        type_into(readout(dashboard, f"{target} o1"), "0.5")
        type_into(readout(dashboard, f"{target} o2"), "0.5")
        headers.nth(3).click()
        page.wait_for_timeout(300)
        type_into(readout(dashboard, "η"), "100")
        canvas = dashboard.locator("canvas").first
        page.wait_for_timeout(800)
        blank = blue_pixels(canvas)
        dashboard.get_by_role("button", name=text("button.step", lang)).click()
        warning = "The loss rose: η is too large for this point, and the step overshot" if lang == "en" else \
            "损失上升了：对这一点来说 η 太大，这一步冲过了头"
        expect(message(dashboard)).to_contain_text(warning, timeout=30000)
        expect(message(dashboard)).to_contain_text("0.158624")
        numbers = numbers_panel(dashboard).inner_text()
        assert "0.1586241" in numbers, numbers
        dashboard.get_by_role("button", name=text("button.step", lang)).click()
        page.wait_for_timeout(1500)
        assert blue_pixels(canvas) > blank + 10, "the overshooting steps are not drawn"
        for width in (1000, 1366):
            set_width(page, width, height=3000)
            dashboard.scroll_into_view_if_needed()
            screenshot(dashboard, f"overshoot_{lang}_{width}px.png", publish=False)
            # the controls column holds the message box whole: no sideways scroll bar under it
            wide, culprits = dashboard.locator(".bp-controls").evaluate("""e => {
                const right = e.getBoundingClientRect().right;
                const out = [...e.querySelectorAll('*')].filter(c => c.getBoundingClientRect().right > right + 0.5)
                    .slice(0, 4).map(c => c.className + ' ' + Math.round(c.getBoundingClientRect().right - right));
                return [e.scrollWidth - e.clientWidth, out]; }""")
            assert wide <= 0, f"the controls scroll {wide} px sideways at {width} px: {culprits}"
        undo = dashboard.get_by_role("button", name=text("button.undo", lang))
        undo.click()
        page.wait_for_timeout(600)
        undo.click()
        expect(message(dashboard)).to_contain_text(text("msg.undone", lang, n=1, steps=0)[:4], timeout=30000)
        expect(numbers_panel(dashboard)).to_contain_text("0.06883717")
        expect(undo).to_be_disabled()
        assert readout(dashboard, "w5").input_value() == "0.4000"
        expect(dashboard.locator(".widget-label", has_text=re.compile(
            "^" + re.escape(text("label.progress_undone", lang)) + "$")).first).to_be_visible()
        dashboard.get_by_role("button", name=text("button.reset", lang)).click()
        page.wait_for_timeout(800)
    groups = dashboard.locator(".jupyter-widget-Collapse-header")
    if "jupyter-widget-Collapse-open" not in (groups.first.locator("..").get_attribute("class") or ""):
        groups.first.click()                          # the weights, as the README's screenshots show them
        page.wait_for_timeout(300)
    for width in (1000, 1366):
        set_width(page, width, height=3600)       # taller than the whole dashboard: no status bar over it
        show_file_browser(page) if width == 1000 else None
        dashboard.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        shot = f"dashboard_{number}.png" if lang == "en" else f"zh/dashboard_{number}.png"
        # a diagram wider than its box scrolls, and then (only then) a line under it says so
        scrolls, hinted = dashboard.locator(".bp-scroll").first.evaluate(
            "b => [b.scrollWidth > b.clientWidth + 1, getComputedStyle(b.querySelector('.bp-scroll-hint')).display !== 'none']")
        assert scrolls == hinted, f"at {width} px the diagram {'scrolls' if scrolls else 'fits'}, the hint is {'shown' if hinted else 'hidden'}"
        DIAGRAM_SCROLLS[f"{lang} {number} {width}px"] = scrolls
        screenshot(dashboard, f"run_{lang}_{number}_{width}px.png", publish=False)
        if width == 1000:              # trained, as the README's screenshots at 1,000 px show it
            dashboard.get_by_role("button", name=text("button.train", lang)).click()
            page.wait_for_timeout(4000)
            screenshot(dashboard, shot.replace(".png", "_1000px.png"))
            dashboard.get_by_role("button", name=text("button.reset", lang)).click()
            page.wait_for_timeout(1500)
        if width == 1366:
            dashboard.get_by_role("button", name=text("button.train", lang)).click()
            page.wait_for_timeout(4000)
            screenshot(dashboard, shot)


def test_a_slider_tells_a_screen_reader_its_exact_value(page, lab):
    """w5 = 0.45 typed: the slider's handle should say 0.45 to a screen reader.  It does not, and
    nothing the kernel sends can change that; only a patched front end could.  Where it comes from
    (ipywidgets 8.1.9's jupyterlab-manager bundle, which carries noUiSlider 15.4.0):

    - noUiSlider's "update" handler writes, for each handle, ``aria-valuenow`` as
      ``fromStepping(position).toFixed(1)``: one decimal, hard-coded, so 0.45 is "0.5" (also
      ``aria-valuemin``/``-valuemax``); and ``aria-valuetext`` as ``String(ariaFormat.to(value))``;
    - ipywidgets' FloatSliderView creates the slider with ``format: {from: Number, to: v =>
      this._validate_slide_value(v)}``, which returns the value unchanged for a FloatSlider, and
      noUiSlider uses ``format`` as ``ariaFormat`` when none is given: so aria-valuetext is the raw
      float of noUiSlider's stepping, "0.4500000000000002";
    - no widget trait reaches either: ``readout_format`` formats only the readout (hidden here; the
      box beside each slider shows the exact value), and ipywidgets passes no ``ariaFormat``.  The
      other sliders are no better (SelectionSlider's noUiSlider runs on option indices, so it would say
      "45"), and an HTML widget's inline script does not run.
    The box beside each slider (an input whose tooltip names the slider) holds the exact value for
    a screen reader.  An expected failure, with the values it reads, that turns into a pass if an
    ipywidgets release fixes it; the assertions before the xfail fail on any other regression."""
    dashboard = open_dashboard(page, lab, NB01)
    type_into(readout(dashboard, "w5"), "0.45")
    assert readout(dashboard, "w5").input_value() == "0.4500"
    handle = slider(dashboard, "w5").locator(".noUi-handle").first
    page.wait_for_timeout(500)
    now, said = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuetext")
    assert float(now) == pytest.approx(0.45, abs=0.051) and float(said) == pytest.approx(0.45, abs=1e-12)
    if (now, said) != ("0.45", "0.45"):
        pytest.xfail(f"aria-valuenow {now!r}, aria-valuetext {said!r} for w5 = 0.45 (written by noUiSlider)")


# ---- display formulas and figures at 1,000 px, both editions --------------------------------------
ALL_NOTEBOOKS = ["00_start_here.ipynb", NOTEBOOKS["01"], NOTEBOOKS["02"], "03_playground.ipynb"]

#: JavaScript: every display formula (MathJax's mjx-container with display="true") of the page that is
#: wider than its box (it would be cut, or scroll) or that reaches past its markdown cell's right edge
WIDE_FORMULAS = """() => [...document.querySelectorAll('.jp-Cell mjx-container')].map(m => {
    const area = m.closest('.jp-RenderedMarkdown, .jp-RenderedLatex, .jp-OutputArea-output, .jp-RenderedHTMLCommon');
    const cell = area.getBoundingClientRect();
    const r = m.getBoundingClientRect();
    const inner = m.firstElementChild ? m.firstElementChild.getBoundingClientRect() : r;
    const id = [...document.querySelectorAll('.jp-Cell')].indexOf(m.closest('.jp-Cell'));
    const tex = (m.querySelector('mjx-assistive-mml') || m).textContent.slice(0, 50);
    return {id, tex, display: m.getAttribute('display') === 'true', scroll: m.scrollWidth, client: m.clientWidth,
            right: Math.max(r.right, inner.right), room: cell.right};
}).filter(f => f.scroll > f.client + 1 || f.right > f.room + 1)"""


def typeset(page):
    """Wait until MathJax has typeset every formula of the opened notebook (the count stops growing)."""
    last = -1
    for _ in range(40):
        page.wait_for_timeout(500)
        count = page.locator("mjx-container").count()
        pending = page.locator(".jp-RenderedMarkdown:not(:has(mjx-container))", has_text="$$").count()
        if count == last and not pending:
            return count
        last = count
    return last


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_display_formula_fits_its_cell_at_1000px(page, lab, lang):
    """At 1,000 px with the file browser open (and closed), no display formula of notebooks 00-03 is
    wider than its cell: a long one is broken over lines (aligned), in both editions."""
    wide = {}
    for name in ALL_NOTEBOOKS:
        open_notebook(page, lab, f"{lang}/{name}")
        for browser_open in (True, False):
            set_width(page, 1000)
            if browser_open:
                show_file_browser(page)
            elif page.locator(".jp-FileBrowser").first.is_visible():
                page.locator('.jp-SideBar.jp-mod-left [data-id="filebrowser"]').first.click()
                page.wait_for_timeout(500)
            formulas = typeset(page)
            assert formulas > 0 or name == "00_start_here.ipynb", f"{name}: no formula typeset"
            for f in page.evaluate(WIDE_FORMULAS):
                wide.setdefault(f"{name} cell {f['id']}: {f['tex']!r}", []).append(
                    f"{f['scroll']}/{f['client']} px, right edge {f['right']:.0f} > {f['room']:.0f}"
                    f" (file browser {'open' if browser_open else 'closed'})")
            if name == NOTEBOOKS["01"]:
                for width in (1366, 1000):        # and no output (the errata table) scrolls sideways
                    set_width(page, width)
                    for area in page.evaluate(SIDEWAYS):
                        wide.setdefault(f"{name} cell {area['id']} at {width} px: {area['text']!r}", []).append(
                            f"scrolls {area['scroll'] - area['client']} px sideways")
    assert not wide, "formulas or outputs wider than their cell:\n" + "\n".join(f"{k}: {v}" for k, v in wide.items())


#: JavaScript: stored outputs and markdown cells whose content is wider than they are (they scroll
#: sideways); MathJax's hidden copy of a long inline formula for screen readers does that too
SIDEWAYS = """() => [...document.querySelectorAll('.jp-OutputArea-output, .jp-RenderedMarkdown')]
    .filter(a => a.scrollWidth > a.clientWidth + 3 && !a.querySelector('.jupyter-widgets, img'))
    .map(a => ({id: [...document.querySelectorAll('.jp-Cell')].indexOf(a.closest('.jp-Cell')),
                text: a.textContent.trim().slice(0, 40), scroll: a.scrollWidth, client: a.clientWidth}))"""


#: the size of the network figures' labels in the stored PNG, in pixels (layout.FONT_POINTS at the
#: inline backend's 100 dpi); on screen it is that times the picture's shown width over its own
FIGURE_LABEL_PX = layout.FONT_POINTS * 100 / 72


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_network_figures_labels_are_readable_at_1000px(page, lab, lang):
    """The network diagrams of notebooks 01 (figures 1-4) and 02 (figure 1), shown in a notebook's column
    at 1,000 px with the file browser open: their labels come out at 11 px or more on screen (they
    were 7.4 px: the figures were drawn 1,152 px wide and shown at 49%)."""
    import json
    sizes = {}
    for number in ("01", "02"):
        cells = json.loads((ROOT / "notebooks" / lang / NOTEBOOKS[number]).read_text(encoding="utf-8"))["cells"]
        at = [n for n, c in enumerate(cells) if c["cell_type"] == "code" and "draw_network(" in "".join(c["source"])]
        assert len(at) == {"01": 4, "02": 1}[number]
        open_notebook(page, lab, f"{lang}/{NOTEBOOKS[number]}")
        set_width(page, 1000)
        show_file_browser(page)
        for n in at:
            img = page.locator(".jp-Cell").nth(n).locator(".jp-OutputArea-output img").first
            img.scroll_into_view_if_needed()
            expect(img).to_be_visible()
            shown, natural = img.evaluate("i => [i.getBoundingClientRect().width, i.naturalWidth]")
            sizes[f"{number} cell {n}"] = round(FIGURE_LABEL_PX * shown / natural, 1)
            screenshot(img, f"figure_{lang}_{number}_{n}_1000px.png", publish=False)
    assert min(sizes.values()) >= 11.0, f"network figure labels on screen at 1,000 px: {sizes} px"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_huge_eta_one_step_and_plot_tooltips_in_the_students_language(page, lab, lang):
    """Document 001's dashboard, as a student drives it: η = 1,000,000 typed, one step: a warning that
    training has stalled (saturated sigmoids, tiny gradients) and what to try, with η written
    1,000,000 (not 1e+06); the numbers say "1 training step"; Undo says "the last step"; a refused η
    (10⁷) names the limit as 1,000,000; the plots' toolbar tooltips are in the notebook's language."""
    open_notebook(page, lab, f"{lang}/{NOTEBOOKS['01']}")
    dashboard = run_and_find_dashboard(page)
    headers = dashboard.locator(".jupyter-widget-Collapse-header")
    headers.nth(3).click()
    page.wait_for_timeout(300)
    type_into(readout(dashboard, "η"), "1e7")
    expect(message(dashboard)).to_contain_text("1,000,000")
    assert "e+0" not in message(dashboard).inner_text()
    type_into(readout(dashboard, "η"), "1000000")
    assert readout(dashboard, "η").input_value() == "1000000"
    dashboard.get_by_role("button", name=text("button.step", lang)).click()
    stalled = {"en": "The loss has almost stopped moving", "zh": "损失几乎不再变化"}[lang]
    expect(message(dashboard)).to_contain_text(stalled, timeout=30000)
    said = message(dashboard).inner_text()
    assert "η = 1,000,000" in said and "0.5" in said and "e+0" not in said, said
    one = {"en": "after 1 training step", "zh": "训练 1 步后"}[lang]
    expect(numbers_panel(dashboard)).to_contain_text(one)
    assert "1 training steps" not in numbers_panel(dashboard).inner_text()
    dashboard.get_by_role("button", name=text("button.undo", lang)).click()
    expect(message(dashboard)).to_contain_text(text("msg.undone_one", lang, steps=0), timeout=30000)
    assert "(s)" not in message(dashboard).inner_text()
    tips = dashboard.locator(".jupyter-matplotlib-toolbar button").evaluate_all("bs => bs.map(b => b.title)")
    assert text("plot.tip.home", lang) in tips and text("plot.tip.download", lang) in tips, tips
    if lang == "zh":
        assert not [t for t in tips if re.search(r"[A-Za-z]{4,}", t) and t != "PNG"], tips
    set_width(page, 1366, height=3000)
    dashboard.scroll_into_view_if_needed()
    screenshot(dashboard, f"stalled_{lang}_1366px.png", publish=False)
