"""The Chinese edition in a real browser: every Chinese character renders with a real glyph.

Each Chinese notebook is opened in JupyterLab and run, and the Chinese playground is opened
as a Voilà app; then, in the page, every CJK character on it is drawn in its element's own
font and compared with the missing-glyph box (``browser_support.CJK_GLYPHS_JS``).  Without a
CJK font (a stock Linux image, Chromium in CI before .ci/run installs fonts-noto-cjk) every
character is that box and the test fails.  A code point no font has is checked alongside, as
a control that the comparison does catch a box; and a Chromium that sees no CJK font at all
must find every Chinese character missing (the test of the test).  The figures' side is matplotlib's:
run.py makes its "Glyph ... missing from font" warning an error in every kernel.

Screenshots of the Chinese dashboards and playground go to tests/artifacts/zh/ (and, with
UPDATE_SCREENSHOTS=1, to docs/screenshots/zh/, which README.zh-CN.md shows).
Fixtures and helpers: tests/browser_support.py.
"""
from pathlib import Path

import matplotlib
import pytest
from browser_support import (CHROMIUM, CHROMIUM_ARGS, DIAGRAM, assert_no_errors, cjk_glyph_report,  # noqa: F401
                             open_notebook, run_all, screenshot)
from playwright.sync_api import expect

pytest_plugins = ["browser_support"]   # servers, Chromium and Playwright: tests/browser_support.py

pytestmark = pytest.mark.browser

NO_GLYPH = "\U0010fffd"          # a private-use code point: no font draws it, every browser shows the box
BOUNDARY = 'svg[aria-label="decision boundary with training and test points"]'


def assert_every_cjk_glyph_renders(page, at_least):
    report = cjk_glyph_report(page, extra=NO_GLYPH)
    assert NO_GLYPH in report["missing"], "the control was not caught: the box comparison does not work"
    missing = [c for c in report["missing"] if c != NO_GLYPH]
    assert not missing, f"rendered as missing-glyph boxes: {''.join(missing)} (fonts asked for: {report['fonts']})"
    assert report["count"] >= at_least, f"only {report['count']} CJK characters on the page"
    return report


@pytest.mark.parametrize("name, shot", [("zh/00_start_here.ipynb", None),
                                        ("zh/01_bp_2-2-2_worked_example.ipynb", "zh/dashboard_01.png"),
                                        ("zh/02_bp_2-3-2-1_derivation.ipynb", "zh/dashboard_02.png")])
def test_chinese_notebook_runs_and_every_cjk_glyph_renders(page, lab, name, shot):
    open_notebook(page, lab, name)
    run_all(page)
    assert_no_errors(page)
    assert_every_cjk_glyph_renders(page, at_least=10)
    if shot:
        diagram = page.locator(DIAGRAM)
        expect(diagram).to_be_visible(timeout=30000)
        dashboard = page.locator(".jp-OutputArea-output", has=diagram).first
        dashboard.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        screenshot(dashboard, shot)


def test_chinese_playground_in_jupyterlab(page, lab):
    open_notebook(page, lab, "zh/03_playground.ipynb")
    run_all(page)
    assert_no_errors(page)
    boundary = page.locator(BOUNDARY)
    expect(boundary).to_be_visible(timeout=30000)
    assert_every_cjk_glyph_renders(page, at_least=10)
    app = page.locator(".jp-OutputArea-output", has=boundary).first
    app.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    screenshot(app, "zh/playground.png")


def test_chinese_playground_as_a_voila_app(page, voila_zh):
    page.goto(voila_zh)
    expect(page.locator(BOUNDARY)).to_be_visible(timeout=120000)
    report = assert_every_cjk_glyph_renders(page, at_least=10)
    assert report["distinct"] >= 10


def test_without_a_cjk_font_every_chinese_character_is_caught(browser, tmp_path):
    """A second Chromium whose fontconfig knows only matplotlib's DejaVu fonts: the check must fail."""
    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{dejavu}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n")
    bare = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                                       env={"FONTCONFIG_FILE": str(tmp_path / "fonts.conf"), "HOME": str(tmp_path)})
    try:
        page = bare.new_page()
        page.set_content("<p>反向传播 链式法则</p><b>学习率 η</b>")
        report = cjk_glyph_report(page)
    finally:
        bare.close()
    assert report["count"] == 11
    assert sorted(report["missing"]) == sorted("反向传播链式法则学习率")
