"""What the browser tests share (loaded by conftest.py as a plugin): servers, Chromium, helpers.

The tests (tests/test_browser_*.py) drive the notebooks in a real browser: JupyterLab and
Voilà, driven by Playwright in headless Chromium.

JupyterLab runs on a free localhost port with a token and throwaway settings
(notebook windowing off, news checks off) on a copy of notebooks/, so nothing
in the repository changes.  For every notebook: run all cells, no error
output; for each dashboard: it renders, a slider moved with the keyboard
changes the numbers and the diagram, training grows the loss curve, and the
time from a key press to the redrawn diagram is measured (median printed).
The playground plays without blocking, and also runs under Voilà.

Chromium: /usr/bin/chromium (Debian's), or $BPCORE_CHROMIUM.  When it is
missing the test is skipped, except in CI (CI=true), where it fails.
Screenshots go to tests/artifacts/; with UPDATE_SCREENSHOTS=1 also to
docs/screenshots/, which the README shows.
"""
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BPCORE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
AS_ROOT = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []   # CI machines run as root
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

from playwright.sync_api import expect, sync_playwright  # noqa: E402

#: slider key press -> redrawn diagram, median ms per notebook, filled by the browser tests
BROWSER_LATENCIES = {}
#: the smallest text measured on each dashboard (CSS px, all tested widths), filled by the browser tests
SMALLEST_FONTS = {}
DIAGRAM = 'svg[aria-label="network diagram with current values"]'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url, process, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    """A throwaway copy of notebooks/ and throwaway Jupyter settings and config."""
    base = tmp_path_factory.mktemp("browser")
    shutil.copytree(ROOT / "notebooks", base / "notebooks")
    settings = base / "settings"
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"}))
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    for name in ("config", "runtime", "workspaces"):
        (base / name).mkdir()
    return base


def jupyter_env(workdir):
    return dict(os.environ, JUPYTER_CONFIG_DIR=str(workdir / "config"), JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
                MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1")


@pytest.fixture(scope="session")
def lab(workdir):
    port, token = free_port(), secrets.token_hex(16)
    log = open(workdir / "lab.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={workdir / 'notebooks'}", f"--LabApp.user_settings_dir={workdir / 'settings'}",
         f"--LabApp.workspaces_dir={workdir / 'workspaces'}"] + AS_ROOT,
        env=jupyter_env(workdir), stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/api/status?token={token}", process)
        yield f"http://127.0.0.1:{port}", token
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError(f"the browser test must run in CI, but there is no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); skipped outside CI")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


#: the viewport widths the layout checks run at: a laptop with the file browser open, a common
#: laptop, a desktop monitor
WIDTHS = (1000, 1366, 1920)


@pytest.fixture
def page(browser, request):
    """A fresh browser page; 1,400 px wide unless a test is parametrised indirectly with a width."""
    width = getattr(request, "param", 1400)
    context = browser.new_context(viewport={"width": width, "height": 2200})
    page = context.new_page()
    yield page
    context.close()


def set_width(page, width, height=2200):
    """Resize the viewport and give JupyterLab and the widgets time to lay out again."""
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(800)


def show_file_browser(page):
    """Open JupyterLab's file browser on the left, as a student working in it has it."""
    if not page.locator(".jp-FileBrowser").first.is_visible():
        page.locator('.jp-SideBar.jp-mod-left [data-id="filebrowser"]').first.click()
        page.wait_for_timeout(500)


#: JavaScript: everything the layout checks need to know about one output area
LAYOUT_REPORT = """(root) => {
    const visible = (el) => {
        const r = el.getBoundingClientRect();
        if (r.width < 0.5 || r.height < 0.5) return false;
        const cs = getComputedStyle(el);
        return cs.visibility !== 'hidden' && cs.display !== 'none' && !el.closest('[hidden]');
    };
    const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
    const texts = [];
    const svgs = [...root.querySelectorAll('svg')];
    for (const el of root.querySelectorAll('*')) {
        if (el.tagName === 'tspan' || el.tagName === 'title' || el.tagName === 'style' || el.closest('canvas')) continue;
        const own = el.tagName === 'text' ? el.textContent.trim()
            : el.tagName === 'INPUT' ? el.value.trim()
            : [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
        if (!own || !visible(el)) continue;
        let size = parseFloat(getComputedStyle(el).fontSize);
        if (el instanceof SVGElement && el.getScreenCTM()) { const m = el.getScreenCTM(); size *= Math.hypot(m.a, m.b); }
        texts.push({tag: el.tagName, text: own.slice(0, 60), size,
                    svg: el instanceof SVGElement ? svgs.indexOf(el.ownerSVGElement) : -1, ...box(el)});
    }
    const clipping = (el) => {
        const out = [];
        for (let a = el.parentElement; a && a !== root.parentElement; a = a.parentElement) {
            const cs = getComputedStyle(a);
            if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') out.push({cls: a.className, ...box(a)});
        }
        return out;
    };
    const sliders = [...root.querySelectorAll('.widget-slider')].filter(visible).map(s => {
        const row = s.closest('.bp-control') || s;
        const label = s.querySelector('.widget-label');
        const input = row.querySelector('.bp-readout input');
        const readout = input || s.querySelector('.widget-readout');
        const track = s.querySelector('.slider-container') || s.querySelector('.noUi-target');
        return {label: label ? label.textContent.trim() : '', track: track ? box(track).w : 0,
                readout: readout ? (input ? input.value : readout.textContent).trim() : null,
                readoutBox: readout && visible(readout) ? box(readout) : null, clips: readout ? clipping(readout) : []};
    });
    const buttons = [...root.querySelectorAll('button')].filter(visible).map(b =>
        ({text: b.textContent.trim(), cut: b.scrollWidth > b.clientWidth + 1, ...box(b)}));
    return {root: box(root), texts, sliders, buttons};
}"""


def layout_report(locator):
    """Texts (with their size in CSS px and box), sliders (track width, readout text and box, the
    boxes of the ancestors that clip it) and buttons of one output area, measured in the DOM."""
    return locator.evaluate(LAYOUT_REPORT)


def overlapping_texts(texts, slack=1.0):
    """Pairs of SVG text boxes in the same drawing that overlap by more than ``slack`` px each way."""
    pairs = []
    svg_texts = [t for t in texts if t["svg"] >= 0]
    for n, a in enumerate(svg_texts):
        for b in svg_texts[n + 1:]:
            if a["svg"] != b["svg"]:
                continue
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > slack and dy > slack:
                pairs.append((a["text"], b["text"]))
    return pairs


def inside(inner, outer, slack=1.0):
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + slack
            and inner["y"] + inner["h"] <= outer["y"] + outer["h"] + slack)


def wide_tables(page):
    """Tables in the notebook's outputs wider than their output area: [(first header, width, room)]."""
    return page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output table')].map(t => {
        const area = t.closest('.jp-OutputArea-output');
        return [t.textContent.trim().slice(0, 30), t.getBoundingClientRect().width, area.clientWidth];
    }).filter(([, w, room]) => w > room + 1)""")


def open_notebook(page, lab, name):
    url, token = lab
    page.goto(f"{url}/lab/tree/{name}?token={token}&reset")
    page.wait_for_selector(".jp-Notebook", timeout=60000)
    expect(page.locator(".jp-StatusBar-TextItem", has_text="Idle").first).to_be_visible(timeout=60000)


def run_all(page):
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
            return prompts.length > 0 && prompts.every(t => /\\[\\d+\\]/.test(t));
        }""", timeout=180000)


def assert_no_errors(page):
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.all_inner_texts()


def screenshot(locator, name, publish=True):
    """Save a screenshot in tests/artifacts/; with UPDATE_SCREENSHOTS=1 (and publish) also in
    docs/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=str(ARTIFACTS / name))
    if publish and os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTIFACTS / name, SCREENSHOTS / name)


def slider_handle(scope, label):
    box = scope.locator(".widget-slider", has=scope.page.locator(".widget-label", has_text=label)).first
    return box.locator(".noUi-handle").first


def key_to_redraw_latencies(page, handle, presses=15):
    """Press ArrowRight on a focused slider; ms from each keydown to the diagram's redraw."""
    page.evaluate("""() => {
        window.__latencies = []; window.__t0 = null;
        document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true);
        const target = document.querySelector('%s').closest('.widget-html-content');
        new MutationObserver(() => {
            if (window.__t0 !== null) { window.__latencies.push(performance.now() - window.__t0); window.__t0 = null; }
        }).observe(target, {childList: true, subtree: true, characterData: true});
    }""" % DIAGRAM)
    handle.focus()
    for n in range(1, presses + 1):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => window.__latencies.length >= {n}", timeout=10000)
    return page.evaluate("() => window.__latencies")


@pytest.fixture(scope="session")
def voila(workdir):
    port = free_port()
    log = open(workdir / "voila.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "voila", str(workdir / "notebooks" / "en" / "03_playground.ipynb"), "--no-browser",
         f"--port={port}", "--Voila.ip=127.0.0.1"],
        env=jupyter_env(workdir), stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", process, timeout=180)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(process)
        log.close()


def pytest_terminal_summary(terminalreporter):
    """Print the browser test's latencies at the end of every run (target: <= 150 ms)."""
    if BROWSER_LATENCIES:
        terminalreporter.write_sep("-", "dashboard latency in Chromium: slider key press -> diagram redrawn")
        for name, ms in BROWSER_LATENCIES.items():
            terminalreporter.write_line(f"{name}: median {ms:.0f} ms (target <= 150 ms)")
    if SMALLEST_FONTS:
        terminalreporter.write_sep("-", f"smallest dashboard text in Chromium at {', '.join(map(str, WIDTHS))} px")
        for name, size in SMALLEST_FONTS.items():
            terminalreporter.write_line(f"dashboard {name}: {size:.1f} px (target >= 11 px)")
