"""The no-server edition (JupyterLite): its pins, the notebooks' guarded cell, and the site that
tools/build_lite.py builds from a clean checkout (the ``lite_site`` fixture in browser_support.py).
The browser test of the same site is tests/test_browser_lite.py."""
import hashlib
import json
import re
import shlex
import sys
import zipfile
from pathlib import Path

import pytest
from test_binder import pins

pytest_plugins = ["browser_support"]   # servers, Chromium and Playwright: tests/browser_support.py

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_lite  # noqa: E402
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/[0-9]*.ipynb"))
KERNEL = "extensions/@jupyterlite/pyodide-kernel-extension"
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"


def test_the_build_tools_are_pinned_and_the_widget_libraries_match_the_notebooks():
    lite, runtime = pins(ROOT / "requirements-lite.txt"), pins(ROOT / "requirements.txt")
    assert {"jupyterlite-core", "jupyterlite-pyodide-kernel", "jupyter-server", "jupyterlab-server"} <= set(lite)
    for name in ("ipywidgets", "ipympl"):
        assert lite[name] == runtime[name], f"{name}: the site would carry another version than JupyterLab runs"


# ---- the guarded first cell ----------------------------------------------------------------------------
def guarded_cell(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "".join(next(c for c in cells if c["cell_type"] == "code")["source"])


def test_every_notebook_starts_with_the_guarded_install_cell():
    import subprocess
    check = subprocess.run([sys.executable, str(ROOT / "tools" / "lite_cell.py"), "--check"], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stderr
    assert NOTEBOOKS and len({guarded_cell(p) for p in NOTEBOOKS}) == 1


def run_cell_as_ipython_would(source, platform, monkeypatch):
    """Transform the cell as IPython does and run it; returns the magics it called."""
    from IPython.core.inputtransformer2 import TransformerManager
    calls = []

    class Shell:
        def run_line_magic(self, name, line):
            calls.append((name, line))

    monkeypatch.setattr(sys, "platform", platform)
    exec(TransformerManager().transform_cell(source), {"get_ipython": Shell, "__name__": "__main__"})
    return calls


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_the_guarded_cell_does_nothing_outside_the_browser(platform, monkeypatch):
    assert run_cell_as_ipython_would(guarded_cell(NOTEBOOKS[0]), platform, monkeypatch) == []


def test_the_guarded_cell_installs_bpcore_with_its_widget_libraries_in_the_browser(monkeypatch):
    source = guarded_cell(NOTEBOOKS[0])
    calls = run_cell_as_ipython_would(source, "emscripten", monkeypatch)
    assert len(calls) == 1 and calls[0][0] == "pip"
    assert shlex.split(calls[0][1]) == ["install", "-q", "bpcore[notebooks]"]
    # the Pyodide kernel turns a (possibly indented) %pip line into piplite's install before IPython sees it
    [line] = [line for line in source.splitlines() if "%pip" in line]
    assert re.match(r"^(\s*)%pip\b(.*)$", line)


# ---- the built site ------------------------------------------------------------------------------------
def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_notebook_and_data_file_is_in_the_site(lite_site):
    """Data files unchanged; each notebook as site_notebook makes it (the repository's cells, their
    lines joined, and the browser note), with nothing else in the site's files."""
    for path in NOTEBOOKS + sorted((ROOT / "notebooks" / "data").glob("*")):
        relative = path.relative_to(ROOT / "notebooks")
        served = lite_site / "files" / relative
        assert served.is_file(), f"{relative} is missing from the site"
        if path.suffix != ".ipynb":
            assert served.read_bytes() == path.read_bytes(), f"{relative} differs from the repository's"
            continue
        notebook, site = read_json(path), read_json(served)
        assert site == build_lite.site_notebook(notebook, relative.parts[0]), relative
        repository_cells = [(c["cell_type"], "".join(c["source"])) for c in notebook["cells"]]
        assert [(c["cell_type"], c["source"]) for c in site["cells"] if c.get("id") != build_lite.NOTE_CELL] == repository_cells
    served = {p.relative_to(lite_site / "files").as_posix() for p in (lite_site / "files").rglob("*") if p.is_file()}
    tracked = {p.relative_to("notebooks").as_posix() for p in build_lite.tracked_files(ROOT)}
    assert served == tracked
    for edition in {p.parent.name for p in NOTEBOOKS}:
        listing = read_json(lite_site / "api" / "contents" / edition / "all.json")["content"]
        listed = {entry["name"] for entry in listing if entry["type"] == "notebook"}
        assert listed == {p.name for p in NOTEBOOKS if p.parent.name == edition}


def test_the_config_is_valid_json_and_uses_the_default_pyodide(lite_site):
    config = read_json(lite_site / "jupyter-lite.json")["jupyter-config-data"]
    settings = config["litePluginSettings"][KERNEL_SETTINGS]
    assert "pyodideUrl" not in settings and "loadPyodideOptions" not in settings, "the site overrides Pyodide"
    schema = read_json(lite_site / KERNEL / "static" / "schema" / "kernel.v0.schema.json")
    default = schema["properties"]["pyodideUrl"]["default"]
    assert re.fullmatch(r"https://cdn\.jsdelivr\.net/pyodide/v[\d.]+/full/pyodide\.mjs", default), default
    assert config["defaultKernelName"] == "python" and config["appUrl"] == "./lab"
    for path in lite_site.rglob("*.json"):
        read_json(path)                                # every JSON file of the site parses
    assert str(lite_site.parent) not in (lite_site / "jupyter-lite.json").read_text(), "a build path leaked"


def test_the_widget_extensions_are_in_the_site(lite_site):
    config = read_json(lite_site / "jupyter-lite.json")["jupyter-config-data"]
    loaded = {e["name"]: e["load"] for e in config["federated_extensions"]}
    for name in ("@jupyter-widgets/jupyterlab-manager", "jupyter-matplotlib", "@jupyterlite/pyodide-kernel-extension"):
        assert name in loaded, f"{name} is not in the site's extensions"
        assert (lite_site / "extensions" / name / loaded[name]).is_file()


def test_bpcore_and_the_widget_libraries_are_listed_for_piplite(lite_site):
    config = read_json(lite_site / "jupyter-lite.json")["jupyter-config-data"]
    urls = config["litePluginSettings"][KERNEL_SETTINGS]["pipliteUrls"]
    assert any(u.split("?")[0] == "./pypi/all.json" for u in urls), urls
    index = read_json(lite_site / "pypi" / "all.json")
    lite = pins(ROOT / "requirements-lite.txt")
    version = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    expected = {"bpcore": version, **{n: lite[n] for n in ("ipywidgets", "ipympl", "jupyterlab-widgets", "comm")}}
    for name, wanted in expected.items():
        key = next((k for k in index if k.lower().replace("_", "-") == name), None)
        assert key, f"{name} is not in the site's piplite index"
        assert list(index[key]["releases"]) == [wanted]
        [release] = index[key]["releases"][wanted]
        wheel = lite_site / "pypi" / release["url"]
        assert release["filename"].endswith("-py3-none-any.whl") and wheel.is_file()
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == release["digests"]["sha256"]


def test_the_bundled_bpcore_wheel_is_the_whole_package(lite_site):
    [wheel] = (lite_site / "pypi").glob("bpcore-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    source = {p.relative_to(ROOT).as_posix() for p in (ROOT / "bpcore").rglob("*.py")}
    assert source and source <= names, sorted(source - names)
    requires = re.findall(r"^Requires-Dist: (.+)$", metadata, re.M)
    assert any(r.startswith("numpy") for r in requires)
    assert {"matplotlib", "ipywidgets", "ipympl"} <= {re.split(r"[ ;<>=]", r)[0] for r in requires if "notebooks" in r}


# ---- what the build does to the notebooks (no build needed) ---------------------------------------------
def test_the_site_notebook_has_string_sources_for_the_table_of_contents():
    """The site hands a notebook file to JupyterLab as it is; JupyterLab's table of contents calls
    .replace on each markdown source, so a source stored as a list left it empty ("No Headings")."""
    notebook = read_json(NOTEBOOKS[1])
    assert any(isinstance(c["source"], list) for c in notebook["cells"]), "the repository's format changed"
    site = build_lite.site_notebook(notebook, "en")
    for cell in site["cells"]:
        assert isinstance(cell["source"], str)
        for output in cell.get("outputs", []):
            assert isinstance(output.get("text", ""), str)
            assert all(isinstance(v, str) for m, v in output.get("data", {}).items() if not m.endswith("json"))
    headings = [line for c in site["cells"] if c["cell_type"] == "markdown" for line in c["source"].splitlines()
                if line.startswith("#")]
    assert len(headings) >= 10, headings
    assert build_lite.site_notebook(site, "en") == site            # applying it twice changes nothing more
    assert notebook == read_json(NOTEBOOKS[1])                     # the input is left alone


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_browser_note_sits_right_above_the_install_cell_in_the_notebooks_language(lang):
    path = next(p for p in NOTEBOOKS if p.parent.name == lang)
    cells = build_lite.site_notebook(read_json(path), lang)["cells"]
    at = [c.get("id") for c in cells].index("lite-install")
    note = cells[at - 1]
    assert note["id"] == build_lite.NOTE_CELL and note["cell_type"] == "markdown" and note["source"] == build_lite.NOTE[lang]
    assert all(c["cell_type"] == "markdown" for c in cells[:at])     # shown before any code runs
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", note["source"]) and "老师" in note["source"]
    else:
        assert "teacher" in note["source"]


def git(folder, *args):
    import subprocess
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_the_site_takes_only_the_files_git_tracks(tmp_path):
    repo = tmp_path / "repo"
    (repo / "notebooks" / "en").mkdir(parents=True)
    notebook = {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Title\n", "text"]}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (repo / "notebooks" / "en" / "00_x.ipynb").write_text(json.dumps(notebook))
    (repo / "notebooks" / "data.csv").write_text("x1,x2,label\n")
    git(repo, "init", "-q")
    git(repo, "add", "notebooks")
    (repo / "notebooks" / "en" / "playground-state.json").write_text("{}")     # saved by a student or a test
    (repo / "notebooks" / "en" / "scratch.ipynb").write_text(json.dumps(notebook))
    assert sorted(p.as_posix() for p in build_lite.tracked_files(repo)) == ["notebooks/data.csv",
                                                                            "notebooks/en/00_x.ipynb"]
    site = build_lite.site_contents(repo, tmp_path / "site")
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == ["data.csv", "en/00_x.ipynb"]
    assert read_json(site / "en" / "00_x.ipynb")["cells"][0]["source"] == "# Title\ntext"


def test_the_build_command_carries_pyodide_only_when_asked(tmp_path):
    wheels = [tmp_path / "a.whl"]
    plain = build_lite.lite_command("jupyter", tmp_path, tmp_path / "out", tmp_path / "files", wheels)
    assert "--pyodide" not in plain and plain[plain.index("--contents") + 1] == str(tmp_path / "files")
    carried = build_lite.lite_command("jupyter", tmp_path, tmp_path / "out", tmp_path / "files", wheels,
                                      "pyodide-0.0.0.tar.bz2")
    assert carried[-2:] == ["--pyodide", "pyodide-0.0.0.tar.bz2"]


def test_every_page_of_the_site_loads_the_pyodide_check(lite_site):
    pages = sorted(lite_site.glob("*/index.html"))
    assert {p.parent.name for p in pages} >= {"lab", "notebooks", "tree"}
    for page in pages:
        assert f'<script src="../{build_lite.CHECK_SCRIPT}"></script>' in page.read_text(encoding="utf-8"), page
    script = (lite_site / build_lite.CHECK_SCRIPT).read_text(encoding="utf-8")
    default = read_json(lite_site / KERNEL / "static" / "schema" / "kernel.v0.schema.json")["properties"]["pyodideUrl"]
    assert json.dumps(default["default"]) in script and "pyodideUrl" in script and KERNEL_SETTINGS in script
    for lang, words in build_lite.CHECK_MESSAGES.items():
        assert json.dumps(words["failed"], ensure_ascii=False) in script, lang
