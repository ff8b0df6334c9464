"""The no-server edition as a student meets it when things go wrong, in headless Chromium.

1. Pyodide's CDN blocked (every request to it aborted, as a school's filter does): within seconds the
   page shows a message saying that Python could not load and what to tell the teacher, in the
   notebook's language; the note above the install cell says the same before any code runs.
2. The table of contents lists the notebook's headings (it said "No Headings" while the site served
   sources stored as lists; tools/build_lite.py's site_notebook joins them).
3. Pyodide's CDN never answering (requests dropped, not refused): a "still loading" message after
   build_lite.SLOW_SECONDS seconds, with what to tell the teacher.
Screenshots at 1,000 and 1,366 px: tests/artifacts/lite_blocked_{1000,1366}.png and zh/lite_blocked_*.png (the READMEs link them).
"""
import json
import re
import sys
import time
from pathlib import Path

import pytest
from browser_support import LITE_FIGURES, default_pyodide_url, screenshot
from playwright.sync_api import expect

pytest_plugins = ["browser_support"]   # servers, Chromium and Playwright: tests/browser_support.py

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_lite  # noqa: E402
#: what the message must say, per edition: that Python could not load, and to tell the teacher
SAYS = {"en": ("Python could not start", "Tell your teacher"), "zh": ("Python 无法启动", "请告诉老师")}
#: the longest a student waits for the message once the page has started loading
WITHIN_SECONDS = 10


def headings(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [line.lstrip("#").strip() for c in cells if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines() if re.match(r"#{1,3} ", line)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_blocked_cdn_gets_a_message_within_seconds_and_the_contents_list_the_headings(lang, lite_site, lite_server,
                                                                                        browser):
    cdn = default_pyodide_url(lite_site).rsplit("/", 3)[0] + "/"         # https://.../pyodide/
    notebook = ROOT / "notebooks" / lang / "01_bp_2-2-2_worked_example.ipynb"
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    blocked = []
    context.route(re.compile("^" + re.escape(cdn)), lambda route: (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(f"{lite_server}/lab/index.html?path={lang}/{notebook.name}")
        message = page.locator("#bpcore-pyodide-check")
        expect(message).to_be_visible(timeout=WITHIN_SECONDS * 1000)
        seconds = time.perf_counter() - start
        for words in SAYS[lang]:
            expect(message).to_contain_text(words)
        expect(message).to_contain_text(cdn)                              # the address the teacher must unblock
        assert message.evaluate("e => getComputedStyle(e).position") == "fixed"

        panel = page.locator(".jp-NotebookPanel:visible").first
        expect(panel.locator(".jp-Cell").first).to_be_visible(timeout=60000)
        note = panel.locator(".jp-MarkdownCell", has_text="Pyodide").first
        expect(note).to_be_visible()
        expect(note).to_contain_text("老师" if lang == "zh" else "teacher")
        for width in (1366, 1000):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(500)
            box = message.bounding_box()
            assert box and box["width"] <= width and box["y"] == 0, box
            # JupyterLab moves down below the message: its menus stay in view and usable
            menu = page.locator("#jp-top-panel").bounding_box()
            assert menu and menu["y"] >= box["height"] - 1, (menu, box)
            screenshot(page, f"lite_blocked_{width}.png" if lang == "en" else f"zh/lite_blocked_{width}.png")  # READMEs
        page.locator("#jp-MainMenu .lm-MenuBar-item").first.click()       # not covered by the message
        page.keyboard.press("Escape")

        message.locator("button").click()                                 # a student can close it
        expect(message).to_have_count(0)
        page.wait_for_timeout(300)
        assert page.locator("#jp-top-panel").bounding_box()["y"] == 0      # and JupyterLab takes the room back

        page.locator('.jp-SideBar .lm-TabBar-tab[data-id="table-of-contents"]').click()
        toc = page.locator(".jp-TableOfContents").first
        expect(toc).to_be_visible()
        expect(toc).not_to_contain_text("No Headings")
        listed = toc.locator(".jp-tocItem")
        expect(listed.first).to_be_visible(timeout=30000)
        wanted = headings(notebook)
        assert listed.count() == len(wanted), (listed.all_inner_texts(), wanted)
        for heading in wanted[:3]:
            expect(toc).to_contain_text(re.sub(r"\$[^$]*\$", "", heading).split("·")[0].strip())
        screenshot(page, f"lite_toc_{lang}.png", publish=False)
    finally:
        context.close()
    assert blocked and any(url.endswith("/pyodide.mjs") for url in blocked), blocked
    assert seconds < WITHIN_SECONDS
    LITE_FIGURES[f"browser, CDN blocked ({lang})"] = (f"message after {seconds:.1f} s; table of contents lists "
                                                     f"{len(wanted)} headings")


def test_a_cdn_that_never_answers_gets_a_still_loading_message(lite_site, lite_server, browser):
    """A network that drops the requests instead of refusing them: the fetch neither fails nor ends."""
    cdn = default_pyodide_url(lite_site).rsplit("/", 3)[0] + "/"
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    stalled = []
    context.route(re.compile("^" + re.escape(cdn)), lambda route: stalled.append(route))      # never answered
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(f"{lite_server}/lab/index.html?path=en/00_start_here.ipynb")
        message = page.locator("#bpcore-pyodide-check.bpcore-pyodide-slow")
        expect(message).to_be_visible(timeout=(build_lite.SLOW_SECONDS + 10) * 1000)
        seconds = time.perf_counter() - start
        expect(message).to_contain_text(f"after {build_lite.SLOW_SECONDS} seconds")
        expect(message).to_contain_text("tell your teacher")
        screenshot(page, "lite_slow_en_1366.png", publish=False)
    finally:
        context.close()
    assert build_lite.SLOW_SECONDS <= seconds < build_lite.SLOW_SECONDS + 10
    LITE_FIGURES["browser, CDN never answers"] = f"'still loading' message after {seconds:.1f} s"
