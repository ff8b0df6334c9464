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

The no-server edition (tests/test_lite.py, tests/test_browser_lite.py) shares one site, built
once per run from a clean checkout (``lite_site``) and served by Python's own http.server on
127.0.0.1 (``lite_server``), exactly as the README tells a teacher to serve it.

Chromium: /usr/bin/chromium (Debian's), or $BPCORE_CHROMIUM.  When it is
missing the test is skipped, except in CI (CI=true), where it fails.
Screenshots go to tests/artifacts/; with UPDATE_SCREENSHOTS=1 also to
docs/screenshots/, which the README shows.
"""
import hashlib
import importlib.util
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
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
#: the no-server edition's build time and size, and what its browser test saw, for the run's summary
LITE_FIGURES = {}
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


def still_picture(page, caption, last=False):
    """The output area whose text holds ``caption`` (a notebook not run yet: its stored still picture),
    and that picture, once it is visible and scrolled into view: (area, img)."""
    areas = page.locator(".jp-OutputArea", has=page.locator(".jp-OutputArea-output", has_text=caption))
    area = areas.last if last else areas.first
    preview = area.locator("img").first
    expect(preview).to_be_visible(timeout=30000)
    preview.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    return area, preview


def screenshot(locator, name, publish=True):
    """Save a screenshot as tests/artifacts/NAME (and, with UPDATE_SCREENSHOTS=1 and publish, as
    docs/screenshots/NAME); NAME may have a folder, e.g. "zh/playground.png"."""
    (ARTIFACTS / name).parent.mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=str(ARTIFACTS / name))
    if publish and os.environ.get("UPDATE_SCREENSHOTS"):
        (SCREENSHOTS / name).parent.mkdir(parents=True, exist_ok=True)
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


def serve_with_voila(workdir, edition):
    """Voilà serving the playground notebook of ``edition`` ("en" or "zh"); yields its URL."""
    port = free_port()
    log = open(workdir / f"voila-{edition}.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "voila", str(workdir / "notebooks" / edition / "03_playground.ipynb"), "--no-browser",
         f"--port={port}", "--Voila.ip=127.0.0.1"],
        env=jupyter_env(workdir), stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", process, timeout=180)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="session")
def voila(workdir):
    """The English playground as a Voilà app."""
    yield from serve_with_voila(workdir, "en")


@pytest.fixture(scope="session")
def voila_zh(workdir):
    """The Chinese playground as a Voilà app."""
    yield from serve_with_voila(workdir, "zh")


#: In the page: every CJK character shown, drawn on a canvas in its element's own font, must
#: not come out as the missing-glyph box.  The box is what the same font draws for a code point
#: no font has (U+10FFFD, a private-use one); a character also fails if it draws nothing, or
#: draws the same bitmap as a different character (boxes all look alike, real glyphs do not).
#: ``extra`` characters are checked as if they were on the page (the tests use it as a control).
CJK_GLYPHS_JS = r"""(extra) => {
    const cjk = /[\u3400-\u9fff\uf900-\ufaff]/gu;
    const found = new Map();
    const add = (ch, font) => { const key = ch + '|' + font; if (!found.has(key)) found.set(key, [ch, font]); };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node, count = 0;
    while ((node = walker.nextNode())) {
        const chars = node.textContent.match(cjk);
        if (!chars || !node.parentElement) continue;
        const style = getComputedStyle(node.parentElement);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`;
        for (const ch of chars) { count += 1; add(ch, font); }
    }
    const bodyFont = `normal 400 32px ${getComputedStyle(document.body).fontFamily}`;
    for (const ch of extra) add(ch, bodyFont);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 48;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    const draw = (ch, font) => {
        ctx.clearRect(0, 0, 48, 48);
        ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'top';
        ctx.fillText(ch, 6, 6);
        const pixels = ctx.getImageData(0, 0, 48, 48).data;
        let ink = 0, sig = '';
        for (let i = 3; i < pixels.length; i += 4) { ink += pixels[i]; sig += pixels[i] > 127 ? '1' : '0'; }
        return {ink, sig};
    };
    const boxes = {}, bitmaps = {}, missing = [];
    for (const [ch, font] of found.values()) {
        if (!(font in boxes)) { boxes[font] = draw('\u{10FFFD}', font).sig; bitmaps[font] = new Map(); }
        const glyph = draw(ch, font);
        const twin = bitmaps[font].get(glyph.sig);
        if (glyph.ink === 0 || glyph.sig === boxes[font] || (twin !== undefined && twin !== ch)) missing.push(ch);
        bitmaps[font].set(glyph.sig, ch);
    }
    const fonts = [...new Set([...found.values()].map(([, font]) => font.replace(/^.*?32px /, '')))];
    return {count, distinct: found.size, missing: [...new Set(missing)], fonts};
}"""


def cjk_glyph_report(page, extra=""):
    """What CJK_GLYPHS_JS finds on ``page``: count, distinct (character, font) pairs, missing, fonts."""
    return page.evaluate(CJK_GLYPHS_JS, list(extra))


def clean_checkout(into):
    """A copy of the repository as a fresh clone would have it, with uncommitted edits: every file git
    tracks or would add, nothing it ignores (no virtual environments, no earlier builds)."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():                      # a tracked file deleted in the work tree is skipped
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    return into


def run_py():
    """run.py as a module (it is standard-library only and does nothing on import)."""
    spec = importlib.util.spec_from_file_location("bpcore_run_py", ROOT / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def lite_site(tmp_path_factory):
    """The JupyterLite site, built by tools/build_lite.py from a clean checkout with the pinned tools
    of .venv-lite/ (created by run.py's lite_python on first use); returns the site's folder."""
    base = tmp_path_factory.mktemp("lite")
    checkout = clean_checkout(base / "checkout")
    python = run_py().lite_python()
    start = time.perf_counter()
    result = subprocess.run([str(python), str(checkout / "tools" / "build_lite.py"), "--output", str(base / "site")],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"the site did not build:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    files = [f for f in (base / "site").rglob("*") if f.is_file()]
    LITE_FIGURES["build"] = (f"{time.perf_counter() - start:.1f} s; site {sum(f.stat().st_size for f in files) / 2**20:.1f} MiB "
                             f"in {len(files)} files")
    return base / "site"


@pytest.fixture(scope="session")
def lite_server(lite_site):
    """The built site served as a teacher would: ``python3 -m http.server`` in its folder."""
    yield from serving(lite_site)


#: where the site's kernel extension says Pyodide lives by default (its CDN)
LITE_KERNEL_SCHEMA = "extensions/@jupyterlite/pyodide-kernel-extension/static/schema/kernel.v0.schema.json"
#: what the Pyodide kernel loads from Pyodide's own packages while it starts (see its worker)
KERNEL_STARTUP_PACKAGES = ("micropip", "jedi", "ipython", "traitlets")


def default_pyodide_url(site):
    return json.loads((site / LITE_KERNEL_SCHEMA).read_text())["properties"]["pyodideUrl"]["default"]


@pytest.fixture(scope="session")
def lite_site_local_pyodide(lite_site):
    """A copy of the site whose kernel loads Pyodide from the site itself instead of the CDN, for the
    one test that starts a kernel: Pyodide's core (the interpreter and the standard library, no numpy)
    from the npm registry at the version the site expects, plus the pure-Python packages the kernel
    loads while starting, from PyPI.  PyPI's wheels are not byte-identical to Pyodide's builds, so the
    copy's lock file carries their checksums.  Skipped where npm is missing."""
    npm = shutil.which("npm")
    if not npm:
        pytest.skip("npm is needed to fetch Pyodide's core for the kernel test")
    version = re.search(r"/v([\d.]+)/", default_pyodide_url(lite_site)).group(1)
    site = lite_site.parent / "site-local-pyodide"
    shutil.copytree(lite_site, site)
    core = site / "pyodide"
    core.mkdir()
    packed = subprocess.run([npm, "pack", "--silent", f"pyodide@{version}"], cwd=lite_site.parent, capture_output=True,
                            text=True)
    if packed.returncode:
        pytest.skip(f"npm could not fetch pyodide@{version}: {packed.stderr[-500:]}")
    with tarfile.open(lite_site.parent / packed.stdout.strip().splitlines()[-1]) as archive:
        for member in archive.getmembers():
            name = member.name.split("/", 1)[-1]      # package/pyodide.mjs -> pyodide.mjs
            if member.isfile() and "/" not in name and not name.startswith("."):
                (core / name).write_bytes(archive.extractfile(member).read())
    lock = json.loads((core / "pyodide-lock.json").read_text())
    packages = {normalise(name): entry for name, entry in lock["packages"].items()}
    wanted, stack = {}, list(KERNEL_STARTUP_PACKAGES)
    while stack:
        entry = packages[normalise(stack.pop())]
        if entry["name"] not in wanted:
            wanted[entry["name"]] = entry
            stack += entry["depends"]
    subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q", "--no-deps",
                    "--only-binary=:all:", "--python-version", lock["info"]["python"].rsplit(".", 1)[0], "-d",
                    str(core), *(f"{e['name']}=={e['version']}" for e in wanted.values())], check=True)
    for entry in wanted.values():
        entry["sha256"] = hashlib.sha256((core / entry["file_name"]).read_bytes()).hexdigest()
    (core / "pyodide-lock.json").write_text(json.dumps(lock))
    config_path = site / "jupyter-lite.json"
    config = json.loads(config_path.read_text())
    config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"][
        "pyodideUrl"] = "./pyodide/pyodide.mjs"
    config_path.write_text(json.dumps(config))
    return site


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def serve_static(folder):
    """``python3 -m http.server`` on 127.0.0.1 in ``folder``: (url, process, log)."""
    port = free_port()
    log = open(folder.parent / f"http-{folder.name}.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT)
    wait_for_http(f"http://127.0.0.1:{port}/index.html", process)
    return f"http://127.0.0.1:{port}", process, log


@pytest.fixture(scope="session")
def lite_server_local_pyodide(lite_site_local_pyodide):
    yield from serving(lite_site_local_pyodide)


def serving(folder):
    """For a fixture: yield the URL of ``folder`` served by ``serve_static``, then stop the server."""
    url, process, log = serve_static(folder)
    try:
        yield url
    finally:
        stop(process)
        log.close()


def pytest_collection_modifyitems(items):
    """Run the browser tests last.  Playwright's synchronous API leaves its asyncio loop registered as
    the main thread's running loop until the session ends, so a test that runs after the first browser
    test and checks what happens without a running loop (the playground's Play) would see one."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def pytest_terminal_summary(terminalreporter):
    """Print the browser test's latencies at the end of every run (target: <= 150 ms)."""
    if BROWSER_LATENCIES:
        terminalreporter.write_sep("-", "dashboard latency in Chromium: slider key press -> diagram redrawn")
        for name, ms in BROWSER_LATENCIES.items():
            terminalreporter.write_line(f"{name}: median {ms:.0f} ms (target <= 150 ms)")
    if LITE_FIGURES:
        terminalreporter.write_sep("-", "the no-server edition (JupyterLite)")
        for name, figure in LITE_FIGURES.items():
            terminalreporter.write_line(f"{name}: {figure}")
    if PLAYGROUND_FPS:
        terminalreporter.write_sep("-", "playground frame rate in Chromium: views redrawn per second while playing")
        for where, fps in PLAYGROUND_FPS.items():
            terminalreporter.write_line(f"{where}: {fps:.1f} frames per second (target >= 30)")
    if SMALLEST_FONTS:
        terminalreporter.write_sep("-", f"smallest dashboard text in Chromium at {', '.join(map(str, WIDTHS))} px")
        for name, size in SMALLEST_FONTS.items():
            terminalreporter.write_line(f"dashboard {name}: {size:.1f} px (target >= 11 px)")


# ---- measuring a widget's layout from the DOM (playground; usable by any dashboard) ----------

MIN_FONT_PX = 11.0

_LAYOUT_JS = r"""
(root) => {
  const out = {texts: [], readouts: [], buttons: [], selects: [], widgets: [], svgs: [], labels: [], overflow: null,
               nodes: 0};
  const shown = r => r.width > 0.5 && r.height > 0.5;
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height});
  // the part of the page an element can show: its horizontal clipping by overflowing ancestors
  const clip = el => {
    let left = -1e9, right = 1e9;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') {
        const b = a.getBoundingClientRect();
        left = Math.max(left, b.left); right = Math.min(right, b.right);
      }
    }
    return {left, right};
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || el.closest('option, style, script, title, select')) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const rects = [...range.getClientRects()].filter(shown);
    if (!rects.length) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    for (const r of rects) out.texts.push({text: n.textContent.trim().slice(0, 40), size, node: out.nodes, ...box(r)});
    out.nodes += 1;
  }
  for (const r of root.querySelectorAll('.widget-readout')) {
    const b = r.getBoundingClientRect();
    if (!shown(b)) continue;
    const slider = r.closest('.widget-slider').getBoundingClientRect();
    out.readouts.push({text: r.textContent, ...box(b), slider: box(slider), clip: clip(r),
                       cut: r.scrollWidth > r.clientWidth + 1});
  }
  for (const b of root.querySelectorAll('button')) {
    const r = b.getBoundingClientRect();
    if (!shown(r)) continue;
    out.buttons.push({text: b.textContent.trim(), title: b.getAttribute('title'), ...box(r),
                      cut: b.scrollWidth > b.clientWidth + 1, clip: clip(b)});
  }
  for (const l of root.querySelectorAll('.widget-label')) {
    const r = l.getBoundingClientRect();
    if (shown(r) && l.scrollWidth > l.clientWidth + 1) out.labels.push(l.textContent);
  }
  const canvas = document.createElement('canvas').getContext('2d');
  for (const s of root.querySelectorAll('select')) {
    const r = s.getBoundingClientRect();
    if (!shown(r) || s.selectedIndex < 0) continue;
    const cs = getComputedStyle(s);
    canvas.font = `${cs.fontSize} ${cs.fontFamily}`;
    const text = s.options[s.selectedIndex].text;
    const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    out.selects.push({text, need: canvas.measureText(text).width, room, ...box(r)});
  }
  for (const w of root.querySelectorAll('.jupyter-widgets')) {
    const r = w.getBoundingClientRect();
    if (getComputedStyle(w).display === 'none' || !w.offsetParent) continue;
    if (!w.innerText.trim() && !w.querySelector('svg, img, input, select, button, textarea')) continue;  // empty
    out.widgets.push({cls: w.className.toString().slice(0, 80), ...box(r)});
  }
  for (const s of root.querySelectorAll('svg[role="img"]')) {
    const r = s.getBoundingClientRect();
    if (!shown(r)) continue;
    const natural = parseFloat(s.getAttribute('width'));
    out.svgs.push({label: s.getAttribute('aria-label'), natural, text: s.querySelector('text') !== null, ...box(r)});
  }
  const rb = root.getBoundingClientRect();
  out.root = box(rb);
  out.overflow = root.scrollWidth - root.clientWidth;
  return out;
}
"""


def measure_layout(locator):
    """What the DOM says about a widget's layout: every visible text (its box and its size in CSS
    px, SVG scaling included), slider readouts, buttons, drop-downs, widgets and SVG views."""
    return locator.evaluate(_LAYOUT_JS)


def _overlap(a, b, tolerance=1.0):
    dx = min(a["right"], b["right"]) - max(a["left"], b["left"])
    dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return dx > tolerance and dy > tolerance


def layout_problems(m, min_font=MIN_FONT_PX, min_widget_px=24):
    """Everything a learner could not read or reach, as a list of sentences (empty: fine).

    Text under ``min_font`` CSS px; two text boxes overlapping; a slider readout outside its
    slider or clipped; a button, a drop-down or a label whose text is cut; a widget narrower than
    ``min_widget_px``; an SVG view with text drawn smaller than its own size; the widget wider than its area."""
    problems = []
    for t in m["texts"]:
        if t["size"] < min_font - 0.05:
            problems.append(f"text {t['text']!r} is {t['size']:.1f} px (< {min_font})")
    texts = m["texts"]
    for n, a in enumerate(texts):
        for b in texts[n + 1:]:
            if a["node"] != b["node"] and _overlap(a, b):
                problems.append(f"texts {a['text']!r} and {b['text']!r} overlap")
    for r in m["readouts"]:
        s, c = r["slider"], r["clip"]
        if r["left"] < s["left"] - 0.5 or r["right"] > s["right"] + 0.5 or r["left"] < c["left"] - 0.5 \
                or r["right"] > c["right"] + 0.5 or r["cut"] or r["width"] < 20:
            problems.append(f"slider readout {r['text']!r} is cut or outside its slider (readout "
                            f"{r['left']:.0f}-{r['right']:.0f}, slider {s['left']:.0f}-{s['right']:.0f}, visible "
                            f"{c['left']:.0f}-{c['right']:.0f}, text cut: {r['cut']})")
    for b in m["buttons"]:
        if b["cut"] or b["width"] < 24 or b["right"] > b["clip"]["right"] + 0.5:
            problems.append(f"button {b['text']!r} is cut ({b['width']:.0f} px wide)")
        if b["title"] in ("null", "undefined"):
            problems.append(f"button {b['text']!r} has the tooltip {b['title']!r}")
    for label in m["labels"]:
        problems.append(f"label {label!r} is cut")
    for s in m["selects"]:
        if s["need"] > s["room"] + 1:
            problems.append(f"drop-down {s['text']!r} is cut ({s['room']:.0f} px for {s['need']:.0f})")
    for w in m["widgets"]:
        if w["width"] < min_widget_px:
            problems.append(f"widget {w['cls']!r} is {w['width']:.0f} px wide")
    for s in m["svgs"]:
        if s.get("text", True) and s["width"] < 0.98 * s["natural"]:   # a picture without text may scale
            problems.append(f"view {s['label']!r} is drawn {s['width']:.0f} px wide, smaller than its "
                            f"{s['natural']:.0f} px")
    if m["overflow"] > 1:
        problems.append(f"the widget is {m['overflow']:.0f} px wider than its area")
    return problems


def open_file_browser(page):
    """Make sure JupyterLab's file browser is open in the left sidebar (as a student has it)."""
    browser_panel = page.locator("#filebrowser")
    if not browser_panel.is_visible():
        page.locator('.lm-TabBar-tab[data-id="filebrowser"]').first.click()
        expect(browser_panel).to_be_visible()


def smallest_font(m):
    return min(t["size"] for t in m["texts"])


#: the playground's frame rate in Chromium (views redrawn per second while playing), by where it ran
PLAYGROUND_FPS = {}


def frames_per_second(page, view_selector, seconds=6.0):
    """Count redraws of ``view_selector``'s output while the page plays; frames per second."""
    page.evaluate("""(sel) => {
        window.__frames = [];
        const target = document.querySelector(sel).closest('.widget-html-content');
        window.__frameObserver = new MutationObserver(() => window.__frames.push(performance.now()));
        window.__frameObserver.observe(target, {childList: true});
    }""", view_selector)
    page.wait_for_timeout(int(seconds * 1000))
    stamps = page.evaluate("() => { window.__frameObserver.disconnect(); return window.__frames; }")
    if len(stamps) < 2:
        return 0.0
    return (len(stamps) - 1) / ((stamps[-1] - stamps[0]) / 1000)
