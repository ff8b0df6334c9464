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


def test_every_notebook_and_data_file_is_in_the_site_unchanged(lite_site):
    for notebook in NOTEBOOKS + sorted((ROOT / "notebooks" / "data").glob("*")):
        relative = notebook.relative_to(ROOT / "notebooks")
        served = lite_site / "files" / relative
        assert served.is_file(), f"{relative} is missing from the site"
        assert served.read_bytes() == notebook.read_bytes(), f"{relative} differs from the repository's"
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
