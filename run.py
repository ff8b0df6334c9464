#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+ (standard library only).

    python3 run.py lab     # create .venv if missing, install the pinned packages, open JupyterLab
                           # on the repository, at notebooks/en/00_start_here.ipynb
    python3 run.py test    # the same set-up plus the test tools, then every test

For maintainers: ``python3 run.py notebooks`` re-executes every notebook in
place, so that the stored outputs nbval compares match the current code, and
leaves in each widget cell's output what a page without a kernel can show.

Both are idempotent: a second run only checks a stamp and starts at once.
Extra arguments after ``test`` go to pytest (``python3 run.py test -k doc001``).
"""
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message):
    print(f"[run.py] {message}", flush=True)


def ensure_venv(requirement_files):
    """Create .venv if needed and install what the files pin, unless already done."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        say(f"creating a virtual environment in {VENV.name}/")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    files = [ROOT / name for name in requirement_files] + [ROOT / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{'+'.join(requirement_files)}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say("installing the pinned packages (first run only; a minute or two)")
    args = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    for name in requirement_files:
        args += ["-r", str(ROOT / name)]
    subprocess.run(args + ["-e", str(ROOT)], check=True)
    stamp.write_text(digest)


START = "notebooks/en/00_start_here.ipynb"


def lab_command(extra=()):
    """The JupyterLab command: rooted at the repository (so the notebooks' pointers to
    bpcore/ and tests/ open), starting at notebook 00."""
    cmd = [str(BIN / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT}", f"--LabApp.default_url=/lab/tree/{START}",
           *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")        # containers and CI machines often run as root
    return cmd


def lab(extra):
    ensure_venv(["requirements.txt"])
    say(f"starting JupyterLab on the repository at {START} (open the link with the token that it prints)")
    os.chdir(ROOT)
    cmd = lab_command(extra)
    if os.name == "nt":
        sys.exit(subprocess.call(cmd))
    os.execv(cmd[0], cmd)


def test(extra):
    ensure_venv(["requirements.txt", "requirements-test.txt"])
    os.chdir(ROOT)
    env = dict(os.environ, MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1")
    cmd = [str(PYTHON), "-m", "pytest", "--nbval", "--nbval-current-env", *extra]
    say(" ".join(["pytest", *cmd[3:]]))
    sys.exit(subprocess.call(cmd, env=env))


def notebooks(extra):
    ensure_venv(["requirements.txt", "requirements-test.txt"])
    for nb in sorted((ROOT / "notebooks").glob("*/[0-9]*.ipynb")):
        say(f"executing {nb.relative_to(ROOT)}")
        os.chdir(nb.parent)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--inplace",
                        "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.store_widget_state=False",
                        str(nb)], check=True)
        drop_timestamps(nb)


WIDGET = "application/vnd.jupyter.widget-view+json"


def _strings():
    """bpcore/widgets/strings.py, loaded on its own (it needs nothing else; this script runs
    outside the virtual environment)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("bpcore_strings", ROOT / "bpcore" / "widgets" / "strings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def drop_timestamps(path):
    """Tidy a notebook after a run, so that a re-run only changes what changed and what is stored
    makes sense without a kernel: remove the execution timestamps nbconvert stores in each cell
    and any saved widget state (both change on every run), and in each widget cell's output
    keep only what a page without a kernel can show (GitHub, nbviewer, JupyterLab before the
    cell runs): a line saying to run the cell, and the widget's still picture if it has one,
    instead of a reference to a widget that no longer exists."""
    strings = _strings()
    lang = path.parent.name if path.parent.name in strings.TABLES else "en"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["metadata"].pop("widgets", None)
    for cell in notebook["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET in data:
                del data[WIDGET]
                data["text/plain"] = strings.text("static.plain", lang)
                data.setdefault("text/html", f"<p><b>{strings.text('static.run_me', lang)}</b></p>")
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv):
    commands = {"lab": lab, "test": test, "notebooks": notebooks}
    if not argv or argv[0] not in commands:
        sys.exit(__doc__)
    commands[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
