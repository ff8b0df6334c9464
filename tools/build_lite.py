#!/usr/bin/env python3
"""Build the no-server edition: the notebooks as a JupyterLite site, static files only.

    python3 run.py lite                              # the usual way: sets up .venv-lite/, then runs this
    .venv-lite/bin/python tools/build_lite.py [--output DIR]

Run it with the Python of the environment that requirements-lite.txt describes.  It builds the
site from the repository this file is in (or --source) into build/lite/ (or --output):

1. bpcore's wheel, built from the source without the network;
2. the pure-Python wheels the notebooks need besides it and that Pyodide does not ship
   (ipywidgets, jupyterlab_widgets, ipympl, comm), at exactly the versions installed here, so
   the Python side of each widget library matches the browser extension the site carries;
3. the site's copy of notebooks/: only the files git tracks there (not a ``playground-state.json``
   a student or a test saved), each notebook as the site needs it (``site_notebook``): its
   multi-line strings joined, as a Jupyter server hands them to JupyterLab (the site passes the
   file through as it is, and JupyterLab's table of contents fails on a source stored as a list),
   and a note above the install cell telling a student what the first cell loads and what to do
   when it cannot;
4. ``jupyter lite build`` with that copy as the site's files and those wheels bundled for
   piplite, so ``%pip install bpcore`` in the browser needs no index on the internet;
5. ``pyodide_check.js`` added to every page of the site: it asks for Pyodide as the kernel will,
   and if the browser cannot reach it, shows within seconds a message saying what happened and
   what to tell the teacher (instead of cells waiting at [*] forever).

At run time the site loads Pyodide itself (Python, numpy, matplotlib) from Pyodide's CDN, as
every JupyterLite site does by default; nothing else comes from outside the site.  With
``--pyodide FILE_OR_URL`` (a Pyodide release's ``pyodide-VERSION.tar.bz2``) the site carries
its own Pyodide instead (docs/teaching.md, "When Pyodide's CDN is blocked").
"""
import argparse
import importlib.metadata
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
#: what the notebooks import in the browser that is neither bpcore nor part of Pyodide
BROWSER_WHEELS = ("ipywidgets", "jupyterlab_widgets", "ipympl", "comm")
#: the id of the notebooks' install cell (tools/lite_cell.py) and of the note the site puts above it
INSTALL_CELL, NOTE_CELL = "lite-install", "lite-pyodide-note"
#: the note above the install cell, per edition (the folder's name)
NOTE = {
    "en": ("**In the browser (the no-server edition).** The first code cell below loads Python into this tab "
           "(Pyodide: about 13 MB on the first visit, quicker afterwards), then bpcore. If a red message at the top "
           "of the page says that Python could not load, the network does not let the browser reach Pyodide: tell "
           "your teacher what the message says. Until then you can still read on: every output below was stored "
           "when the notebook last ran."),
    "zh": ("**在浏览器里运行（无服务器版）。** 下面第一个代码单元格会把 Python 加载到这个标签页里（Pyodide：第一次约 13 MB，"
           "以后会快一些），然后安装 bpcore。如果页面顶部出现红色提示，说 Python 无法加载，那就是网络不让浏览器访问 Pyodide："
           "请把提示里的内容告诉老师。在那之前你仍然可以往下读：下面的每个输出都是 notebook 上次运行时保存下来的。"),
}
#: the script every page of the site loads (written by pyodide_check_script)
CHECK_SCRIPT = "pyodide_check.js"


def say(message):
    print(f"[lite] {message}", flush=True)


def bpcore_wheel(source, into):
    """Build bpcore's wheel from a copy of the package (the source tree is left untouched)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bpcore-src"
        copy.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy(source / name, copy / name)
        shutil.copytree(source / "bpcore", copy / "bpcore", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "-q", "--no-deps",
                        "--no-build-isolation", "-w", str(into), str(copy)], check=True)
    [wheel] = into.glob("bpcore-*.whl")
    return wheel


def browser_wheels(into):
    """The widget libraries' wheels at the versions installed in this environment."""
    pins = [f"{name}=={importlib.metadata.version(name)}" for name in BROWSER_WHEELS]
    subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q", "--no-deps",
                    "--only-binary=:all:", "-d", str(into), *pins], check=True)
    wheels = sorted(into.glob("*.whl"))
    if any("none-any" not in w.name for w in wheels):
        sys.exit(f"[lite] only pure-Python wheels run in the browser: {[w.name for w in wheels]}")
    return wheels


def tracked_files(source, folder="notebooks"):
    """The files under ``folder`` that git tracks, relative to ``source``.  Outside a git checkout
    (a copy made from one, as the tests build from) every file there is taken, and the log says so."""
    listed = subprocess.run(["git", "-C", str(source), "ls-files", "-z", "--", folder], capture_output=True)
    if listed.returncode == 0 and (source / ".git").exists():
        return [Path(name) for name in listed.stdout.decode().split("\0") if name and (source / name).is_file()]
    say(f"{source} is not a git checkout: the site takes every file in {folder}/")
    return sorted(p.relative_to(source) for p in (source / folder).rglob("*") if p.is_file())


def joined(value):
    """A multi-line string of a notebook (a list of lines, or a string) as one string."""
    return "".join(value) if isinstance(value, list) else value


def site_notebook(notebook, lang):
    """The notebook as the site serves it: every source, stream text and text output joined into
    one string (what a Jupyter server does when it reads a notebook, and what JupyterLab's table of
    contents expects), and the note for the browser above the install cell."""
    notebook = json.loads(json.dumps(notebook))
    for cell in notebook["cells"]:
        cell["source"] = joined(cell["source"])
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = joined(output["text"])
            for mime, value in output.get("data", {}).items():
                if isinstance(value, list) and not mime.endswith("json"):
                    output["data"][mime] = joined(value)
    cells = notebook["cells"]
    at = next((i for i, cell in enumerate(cells) if cell.get("id") == INSTALL_CELL), None)
    if at is not None and NOTE_CELL not in {cell.get("id") for cell in cells}:
        cells.insert(at, {"cell_type": "markdown", "id": NOTE_CELL, "metadata": {}, "source": NOTE.get(lang, NOTE["en"])})
    return notebook


def site_contents(source, into):
    """Copy the tracked files of notebooks/ into ``into``, the notebooks as ``site_notebook`` makes them."""
    for relative in tracked_files(source):
        inside = relative.relative_to("notebooks")
        target = into / inside
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative.suffix == ".ipynb":
            notebook = json.loads((source / relative).read_text(encoding="utf-8"))
            lang = inside.parts[0] if len(inside.parts) > 1 else "en"
            target.write_text(json.dumps(site_notebook(notebook, lang), indent=1, ensure_ascii=False) + "\n",
                              encoding="utf-8")
        else:
            shutil.copy(source / relative, target)
    return into


#: the messages of the check, per language; {url} is where the site looks for Pyodide
CHECK_MESSAGES = {
    "en": {"failed": "Python could not start: this page could not load Pyodide (Python for the browser). "
                     "The network probably blocks its address, so code cells will wait at [*] and never run. "
                     "Tell your teacher: “the no-server site cannot reach Pyodide at {url}”. "
                     "You can still read every notebook and its stored outputs.",
           "slow": "Python (Pyodide) is still loading from {url} after {seconds} seconds. On a slow network wait a "
                   "little longer; if this stays, tell your teacher: “the no-server site cannot reach Pyodide at {url}”.",
           "close": "close"},
    "zh": {"failed": "Python 无法启动：这个页面没能加载 Pyodide（浏览器里的 Python）。"
                     "很可能是网络屏蔽了它的地址，所以代码单元格会一直停在 [*]，不会运行。"
                     "请告诉老师：“无服务器版网站访问不到 {url} 上的 Pyodide”。"
                     "你仍然可以阅读每个 notebook 和其中保存的输出。",
           "slow": "Python（Pyodide）从 {url} 加载了 {seconds} 秒还没有完成。网络慢时请再等一会儿；"
                   "如果一直这样，请告诉老师：“无服务器版网站访问不到 {url} 上的 Pyodide”。",
           "close": "关闭"},
}
#: seconds without an answer from Pyodide's address before the "still loading" message
SLOW_SECONDS = 15


def default_pyodide_url(output):
    """Where the site's kernel looks for Pyodide unless jupyter-lite.json says otherwise."""
    schema = output / "extensions/@jupyterlite/pyodide-kernel-extension/static/schema/kernel.v0.schema.json"
    return json.loads(schema.read_text(encoding="utf-8"))["properties"]["pyodideUrl"]["default"]


def pyodide_check_script(default_url):
    """The JavaScript every page loads: it reads pyodideUrl from the site's jupyter-lite.json as the
    kernel does (falling back to ``default_url``), fetches that file, and shows a message when the
    fetch fails or gives no answer within SLOW_SECONDS."""
    return f"""// Added by tools/build_lite.py: tell the student, within seconds, when Python (Pyodide) cannot load.
(function () {{
  "use strict";
  var MESSAGES = {json.dumps(CHECK_MESSAGES, ensure_ascii=False)};
  var DEFAULT_URL = {json.dumps(default_url)};
  var SLOW_SECONDS = {SLOW_SECONDS};
  var KERNEL = "@jupyterlite/pyodide-kernel-extension:kernel";
  var script = document.currentScript;
  var root = new URL(".", script ? script.src : new URL("..", window.location.href).href);  // it lives at the site's root
  function language() {{
    var wanted = (new URLSearchParams(window.location.search).get("path") || "") + " " + window.location.pathname;
    if (/(^|[/ ])zh\\//.test(wanted)) return "zh";
    if (/(^|[/ ])en\\//.test(wanted)) return "en";
    return (navigator.language || "en").toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
  }}
  function show(kind, url, seconds) {{
    var old = document.getElementById("bpcore-pyodide-check");
    if (old) old.remove();
    var words = MESSAGES[language()];
    var box = document.createElement("div");
    box.id = "bpcore-pyodide-check";
    box.className = "bpcore-pyodide-" + kind;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:100000;padding:10px 48px 10px 16px;" +
      "font:15px/1.45 system-ui,sans-serif;color:#fff;background:" + (kind === "failed" ? "#b3261e" : "#8a5a00") +
      ";box-shadow:0 2px 6px rgba(0,0,0,.3)";
    box.textContent = words[kind].split("{{url}}").join(url).split("{{seconds}}").join(String(seconds));
    var close = document.createElement("button");
    close.textContent = "×";
    close.title = words.close;
    close.setAttribute("aria-label", words.close);
    close.style.cssText = "position:absolute;top:6px;right:10px;font:22px/1 sans-serif;color:#fff;" +
      "background:none;border:0;cursor:pointer";
    close.onclick = function () {{ hide(); }};
    box.appendChild(close);
    (document.body || document.documentElement).appendChild(box);
    makeRoom();
  }}
  // JupyterLab's shell (#main) fills the window: move its top below the message, so that the menus
  // and the file browser stay in view and usable, and give it room again when the message goes.
  function makeRoom() {{
    var box = document.getElementById("bpcore-pyodide-check");
    var style = document.getElementById("bpcore-pyodide-check-room");
    if (!style) {{
      style = document.createElement("style");
      style.id = "bpcore-pyodide-check-room";
      document.head.appendChild(style);
    }}
    style.textContent = box ? "#main{{top:" + box.offsetHeight + "px !important}}" : "";
    window.dispatchEvent(new Event("resize"));
  }}
  function hide() {{
    var box = document.getElementById("bpcore-pyodide-check");
    if (box) box.remove();
    makeRoom();
  }}
  window.addEventListener("resize", function () {{
    var box = document.getElementById("bpcore-pyodide-check");
    var style = document.getElementById("bpcore-pyodide-check-room");
    if (box && style && style.textContent.indexOf(box.offsetHeight + "px") < 0) makeRoom();
  }});
  function configured(name) {{
    return fetch(new URL(name, root)).then(function (r) {{ return r.ok ? r.json() : {{}}; }})
      .then(function (config) {{
        var plugins = ((config || {{}})["jupyter-config-data"] || {{}}).litePluginSettings || {{}};
        return (plugins[KERNEL] || {{}}).pyodideUrl;
      }}, function () {{ return undefined; }});
  }}
  function check() {{
    Promise.all([configured("jupyter-lite.json"), configured("lab/jupyter-lite.json")]).then(function (urls) {{
      var url = new URL(urls[1] || urls[0] || DEFAULT_URL, root).href;
      var answered = false;
      var timer = setTimeout(function () {{ if (!answered) show("slow", url, SLOW_SECONDS); }}, SLOW_SECONDS * 1000);
      fetch(url, {{cache: "no-store"}}).then(function (response) {{
        answered = true;
        clearTimeout(timer);
        if (!response.ok) throw new Error("HTTP " + response.status);
        if (document.getElementById("bpcore-pyodide-check")) hide();
      }}).catch(function () {{ answered = true; clearTimeout(timer); show("failed", url); }});
    }});
  }}
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check); else check();
}})();
"""


def add_pyodide_check(output):
    """Write the check script at the site's root and load it from every page (each app's index.html)."""
    (output / CHECK_SCRIPT).write_text(pyodide_check_script(default_pyodide_url(output)), encoding="utf-8")
    pages = []
    for page in sorted(output.glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if "data-jupyter-lite-root" not in html or CHECK_SCRIPT in html:
            continue
        tag = f'<script src="../{CHECK_SCRIPT}"></script>'
        page.write_text(html.replace("</head>", f"    {tag}\n</head>", 1), encoding="utf-8")
        pages.append(page.parent.name)
    return pages


def lite_command(jupyter, lite_dir, output, contents, wheels, pyodide=None):
    """The ``jupyter lite build`` command: ``contents`` as the site's files, ``wheels`` for piplite,
    and with ``pyodide`` (a pyodide-VERSION.tar.bz2, a path or a URL) Pyodide copied into the site,
    which then sets pyodideUrl to that copy."""
    cmd = [str(jupyter), "lite", "build", "--lite-dir", str(lite_dir), "--output-dir", str(output),
           "--contents", str(contents), "--no-sourcemaps"]
    for wheel in wheels:
        cmd += ["--piplite-wheels", str(wheel)]
    if pyodide:
        cmd += ["--pyodide", str(pyodide)]
    return cmd


def build(source, output, pyodide=None):
    start = time.perf_counter()
    output = output.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        wheels = [bpcore_wheel(source, tmp / "bpcore")] + browser_wheels(tmp / "browser")
        say("bundling " + ", ".join(w.name for w in wheels))
        if output.exists():
            shutil.rmtree(output)
        # The lite folder holds only the build's own bookkeeping; it is thrown away afterwards.
        lite_dir = tmp / "site-src"
        lite_dir.mkdir()
        jupyter = Path(sys.executable).with_name("jupyter")
        cmd = lite_command(jupyter, lite_dir, output, site_contents(source, tmp / "notebooks"), wheels, pyodide)
        result = subprocess.run(cmd, cwd=lite_dir, capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"[lite] jupyter lite build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    # Browsers ask every site for /favicon.ico; the site has its icon under lab/ only.
    shutil.copy(output / "lab" / "favicon.ico", output / "favicon.ico")
    say("the Pyodide check is on the pages " + ", ".join(add_pyodide_check(output)))
    size = sum(f.stat().st_size for f in output.rglob("*") if f.is_file())
    say(f"built {output} in {time.perf_counter() - start:.1f} s: {size / 2**20:.1f} MiB in "
        f"{sum(1 for f in output.rglob('*') if f.is_file())} files")
    return output


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=HERE, help="the repository to build from")
    parser.add_argument("--output", type=Path, default=HERE / "build" / "lite", help="where the site goes")
    parser.add_argument("--pyodide", metavar="FILE_OR_URL",
                        help="carry Pyodide in the site: a Pyodide release's pyodide-VERSION.tar.bz2 (docs/teaching.md)")
    args = parser.parse_args(argv)
    build(args.source.resolve(), args.output, args.pyodide)
    say(f"serve it with: python3 -m http.server -d {args.output} 8000, then open http://127.0.0.1:8000/")


if __name__ == "__main__":
    main(sys.argv[1:])
