"""Binder: binder/ pins what requirements.txt pins, the badges point at real notebooks, and the
environment binder/ describes, built in a fresh virtual environment, runs every notebook."""
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pins(path):
    """{package name: version} of a requirements file; every line must pin with ==."""
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{path.name}: {line!r} is not pinned with =="
            found[name.lower().replace("_", "-")] = version
    return found


def test_binder_pins_exactly_what_requirements_pins():
    assert pins(ROOT / "binder" / "requirements.txt") == pins(ROOT / "requirements.txt")


def test_binder_python_matches_the_project():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert runtime == "python-3.11" and requires == ">=3.11"
    assert "pip install --no-deps -e ." in (ROOT / "binder" / "postBuild").read_text()


def test_badges_are_generated_and_point_at_existing_notebooks():
    check = subprocess.run([sys.executable, str(ROOT / "tools" / "badges.py"), "--check"], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stderr
    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"mybinder\.org/v2/gh/[^/]+/[^/]+/HEAD\?urlpath=(?:lab/tree|voila/render)/([^)\s]+)", readme)
    assert targets, "no notebook badges in the README"
    for target in targets:
        assert (ROOT / target).is_file(), f"a badge points at {target}, which does not exist"
    notebooks = {p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*/[0-9]*.ipynb")}
    assert notebooks <= set(targets)
    assert "urlpath=voila/render/notebooks/en/03_playground.ipynb" in readme


def test_the_binder_environment_runs_every_notebook(tmp_path):
    venv = tmp_path / "binder-env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r",
                    str(ROOT / "binder" / "requirements.txt")], check=True)
    env = dict(os.environ, PATH=f"{python.parent}{os.pathsep}{os.environ['PATH']}", VIRTUAL_ENV=str(venv),
               MPLBACKEND="Agg")
    subprocess.run(["bash", str(ROOT / "binder" / "postBuild")], cwd=ROOT, env=env, check=True)
    assert (venv / "share" / "jupyter" / "voila" / "templates" / "bpcore" / "index.html.j2").exists()
    overrides = json.loads((venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:kernels-settings"]["commsOverSubshells"] == "disabled"
    out = tmp_path / "executed"
    for notebook in sorted((ROOT / "notebooks").glob("*/[0-9]*.ipynb")):
        result = subprocess.run([str(python), "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                                 "--ExecutePreprocessor.timeout=600", "--output-dir", str(out / notebook.parent.name), str(notebook)],
                                cwd=notebook.parent, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{notebook.name} failed in the Binder environment:\n{result.stderr[-3000:]}"
    assert len(list(out.glob("*/*.ipynb"))) == len(list((ROOT / "notebooks").glob("*/[0-9]*.ipynb")))


@pytest.fixture(autouse=True)
def _no_pip_noise(monkeypatch):
    monkeypatch.setenv("PIP_DISABLE_PIP_VERSION_CHECK", "1")
