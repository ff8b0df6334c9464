"""The no-server edition in headless Chromium, served by ``python3 -m http.server`` on 127.0.0.1.

1. The site as published: JupyterLab's shell loads, every notebook opens from the file browser with
   all its cells and the Pyodide kernel chosen without a dialog, and no request fails except those
   to Pyodide's CDN (which machines without internet cannot reach; the kernel waits for it there).
2. A copy whose Pyodide comes from the site itself (the ``lite_site_local_pyodide`` fixture: Pyodide's
   core from the npm registry, without numpy): the kernel starts, cells run, bpcore's wheel installs
   from the site, and an ipywidgets widget from the site's wheels renders and calls back into Python
   with a running asyncio loop (what the playground's Play needs).  No request leaves 127.0.0.1.
"""
import json
import re
from pathlib import Path

import pytest
from browser_support import LITE_FIGURES, default_pyodide_url, screenshot
from playwright.sync_api import expect

pytest_plugins = ["browser_support"]   # servers, Chromium and Playwright: tests/browser_support.py

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/[0-9]*.ipynb"))


def record_requests(context):
    """Every request the pages and their workers make, and every one that failed or got an error status."""
    seen, failed = [], []
    context.on("request", lambda r: seen.append(r.url))
    context.on("requestfailed", lambda r: failed.append((r.url, r.failure)))
    context.on("response", lambda r: failed.append((r.url, r.status)) if r.status >= 400 else None)
    return seen, failed


def wait_for_shell(page):
    page.wait_for_selector("#jp-main-dock-panel", timeout=90000)
    page.wait_for_selector(".jp-DirListing-item", timeout=90000)


def open_from_file_browser(page, notebook):
    """Double-click the notebook's folder (from the root) and then the notebook, as a student does."""
    page.locator(".jp-BreadCrumbs-home").first.click()
    page.locator(".jp-DirListing-item", has=page.locator(".jp-DirListing-itemText", has_text=re.compile(
        rf"^{re.escape(notebook.parent.name)}$"))).first.dblclick()
    item = page.locator(".jp-DirListing-item", has=page.locator(".jp-DirListing-itemText", has_text=notebook.name))
    item.first.dblclick()
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current", has_text=notebook.name)
    expect(tab).to_be_visible(timeout=60000)
    return page.locator(".jp-NotebookPanel:visible").first


def test_the_shell_loads_and_every_notebook_opens_from_the_file_browser(lite_site, lite_server, browser):
    cdn = default_pyodide_url(lite_site).rsplit("/", 3)[0] + "/"         # https://.../pyodide/
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    seen, failed = record_requests(context)
    page = context.new_page()
    try:
        page.goto(f"{lite_server}/")                                         # the address a teacher hands out
        wait_for_shell(page)
        assert page.url.startswith(f"{lite_server}/lab"), page.url
        expect(page.locator(".jp-LauncherCard", has_text="Python (Pyodide)").first).to_be_visible(timeout=30000)
        for notebook in NOTEBOOKS:
            panel = open_from_file_browser(page, notebook)
            cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
            expect(panel.locator(".jp-Notebook .jp-Cell")).to_have_count(len(cells), timeout=60000)
            first_code = panel.locator(".jp-CodeCell").first
            expect(first_code).to_contain_text('sys.platform == "emscripten"')
            expect(panel.locator(".jp-Toolbar .jp-KernelName")).to_have_text("Python (Pyodide)", timeout=30000)
            assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").all_inner_texts()
        screenshot(page, "lite_1366.png", publish=False)
        page.set_viewport_size({"width": 1000, "height": 800})
        page.wait_for_timeout(500)
        screenshot(page, "lite_1000.png", publish=False)
    finally:
        context.close()
    outside = [(url, why) for url, why in failed if not url.startswith(cdn)]
    assert outside == [], f"requests to the site itself failed: {outside}"
    assert any(url.startswith(cdn) and url.endswith("/pyodide.mjs") for url in seen), "the kernel never asked for Pyodide"
    LITE_FIGURES["browser, as published"] = (f"shell and {len(NOTEBOOKS)} notebooks opened; {len(seen)} requests, "
                                             f"{len(failed)} failed, all to Pyodide's CDN")


def run_cell(page, code):
    """Add a cell at the end of the notebook, type ``code`` and run it; returns the cell."""
    panel = page.locator(".jp-NotebookPanel:visible").first
    panel.locator(".jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    cell = panel.locator(".jp-CodeCell").nth(-2)          # Shift+Enter on the last cell adds an empty one after it
    expect(cell.locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]"), timeout=120000)
    return cell


def test_the_kernel_starts_on_pyodides_core_and_runs_cells_without_numpy(lite_server_local_pyodide, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    seen, failed = record_requests(context)
    page = context.new_page()
    try:
        page.goto(f"{lite_server_local_pyodide}/lab/index.html?path=en/00_start_here.ipynb")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90000)
        expect(page.locator(".jp-StatusBar-TextItem", has_text="Idle").first).to_be_visible(timeout=240000)

        cell = run_cell(page, "import sys\nprint(sys.platform, sum(i * i for i in range(10)))")
        expect(cell.locator(".jp-OutputArea-output")).to_have_text("emscripten 285")

        version = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
        cell = run_cell(page, "%pip install -q --no-deps bpcore\nimport importlib.metadata\n"
                              "print('bpcore', importlib.metadata.version('bpcore'))")
        expect(cell.locator(".jp-OutputArea-output")).to_have_text(f"bpcore {version}")

        cell = run_cell(page, "%pip install -q ipywidgets\nimport asyncio, ipywidgets\nseen = []\n"
                              "button = ipywidgets.ToggleButton(description='press me')\n"
                              "button.observe(lambda change: seen.append(asyncio.get_running_loop() is not None), "
                              "names='value')\nbutton")
        cell.locator("button.widget-toggle-button", has_text="press me").click(timeout=60000)
        cell = run_cell(page, "print(seen, button.value)")
        expect(cell.locator(".jp-OutputArea-output")).to_have_text("[True] True")
        screenshot(page, "lite_kernel.png", publish=False)
    finally:
        context.close()
    assert failed == [], failed
    assert seen and all(url.startswith(lite_server_local_pyodide) for url in seen), \
        [url for url in seen if not url.startswith(lite_server_local_pyodide)]
    LITE_FIGURES["browser, Pyodide's core from npm"] = ("kernel started; plain Python, bpcore's wheel from the site, "
                                                        "an ipywidgets button with a callback: all ran")
