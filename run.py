#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+ (standard library only).

    python3 run.py lab     # create .venv if missing, install the pinned packages, open JupyterLab
                           # on the repository, at notebook 00 in your system's language:
                           # notebooks/zh/00_start_here.ipynb if it is Chinese, else notebooks/en/...
    python3 run.py lab --lang zh    # (or --lang en) choose the edition yourself
    python3 run.py test    # the same set-up plus the test tools, then every test

For maintainers: ``python3 run.py notebooks [NOTEBOOK ...]`` brings the Chinese edition's code in
line with the English one (tools/editions.py), then re-executes every notebook of both
editions in place (or only the ones named), so that the stored outputs nbval compares match the current code, and
leaves in each widget cell's output what a page without a kernel can show.

``python3 run.py lite`` builds the no-server edition, a JupyterLite site of static files, into
build/lite/ (``--output DIR`` to choose), with its own environment .venv-lite/ (requirements-lite.txt).

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


#: A character that no font of a figure has is drawn as an empty box, and matplotlib warns
#: "Glyph ... missing from font(s) ...".  In the tests (the notebooks' kernels included, which
#: read this variable) and when the notebooks are re-executed, that warning is an error.
GLYPH_IS_AN_ERROR = "error:Glyph:UserWarning"


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
    install_jupyter_files()
    if stamp.exists() and stamp.read_text() == digest:
        return
    say("installing the pinned packages (first run only; a minute or two)")
    args = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    for name in requirement_files:
        args += ["-r", str(ROOT / name)]
    subprocess.run(args + ["-e", str(ROOT)], check=True)
    stamp.write_text(digest)


def install_jupyter_files():
    """Copy share/jupyter/ into the environment's share/jupyter/, where Jupyter looks; cheap, so done
    on every run.  It holds the playground's Voilà template (voila/templates/bpcore: Voilà's page
    without its CDN style sheets) and JupyterLab's default settings (lab/settings/overrides.json:
    widget messages on the kernel's main thread, not on subshells, where ipympl's canvases would be
    drawn at the same time as a cell's figures, which matplotlib does not allow)."""
    source = ROOT / "share" / "jupyter"
    for file in source.rglob("*"):
        if file.is_file():
            target = VENV / "share" / "jupyter" / file.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.read_bytes())


#: the editions (folders of notebooks/) and where each starts
EDITIONS = ("en", "zh")
START = "notebooks/{lang}/00_start_here.ipynb"


def system_language(environ=None, getlocale=None):
    """"zh" if the system's language is Chinese, else "en": the first of LC_ALL, LC_MESSAGES, LANG
    and LANGUAGE that is set (as gettext reads them), else Python's locale (Windows: e.g.
    "Chinese (Simplified)_China")."""
    import locale
    environ = os.environ if environ is None else environ
    getlocale = getlocale or locale.getlocale
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        code = getlocale()[0] or ""
    except ValueError:
        code = ""
    return "zh" if code.lower().startswith(("zh", "chinese")) else "en"


def split_lang(extra):
    """(lang, the other arguments) from ``--lang zh`` or ``--lang=zh`` among ``extra`` (None if absent)."""
    extra, lang = list(extra), None
    for i, arg in enumerate(extra):
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg.partition("=")[2] if "=" in arg else (extra[i + 1] if i + 1 < len(extra) else "")
            if value not in EDITIONS:
                sys.exit(f"--lang must be one of {', '.join(EDITIONS)}, got {value!r}")
            del extra[i:i + (1 if "=" in arg else 2)]
            return value, extra
    return lang, extra


def lab_command(extra=(), lang="en"):
    """The JupyterLab command: rooted at the repository (so the notebooks' pointers to
    bpcore/ and tests/ open), starting at notebook 00 of the ``lang`` edition."""
    start = START.format(lang=lang)
    cmd = [str(BIN / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT}", f"--LabApp.default_url=/lab/tree/{start}",
           *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")        # containers and CI machines often run as root
    return cmd


def lab(extra):
    lang, extra = split_lang(extra)
    chosen = lang is not None
    lang = lang or system_language()
    ensure_venv(["requirements.txt"])
    other = EDITIONS[1 - EDITIONS.index(lang)]
    say(f"starting JupyterLab on the repository at {START.format(lang=lang)} "
        f"({'as asked' if chosen else 'your system language'}; python3 run.py lab --lang {other} for the other edition)")
    say("open the link with the token that it prints")
    os.chdir(ROOT)
    cmd = lab_command(extra, lang)
    if os.name == "nt":
        sys.exit(subprocess.call(cmd))
    os.execv(cmd[0], cmd)


def test(extra):
    ensure_venv(["requirements.txt", "requirements-test.txt"])
    os.chdir(ROOT)
    env = dict(os.environ, MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1", PYTHONWARNINGS=GLYPH_IS_AN_ERROR)
    cmd = [str(PYTHON), "-m", "pytest", "--nbval", "--nbval-current-env", *extra]
    say(" ".join(["pytest", *cmd[3:]]))
    sys.exit(subprocess.call(cmd, env=env))


def notebooks(extra):
    ensure_venv(["requirements.txt", "requirements-test.txt"])
    env = dict(os.environ, PYTHONWARNINGS=GLYPH_IS_AN_ERROR)
    say("bringing notebooks/zh/ in line with notebooks/en/ (tools/editions.py)")
    subprocess.run([sys.executable, str(ROOT / "tools" / "editions.py")], check=True)
    chosen = [Path(a).resolve() for a in extra]
    for nb in sorted((ROOT / "notebooks").glob("*/[0-9]*.ipynb")):
        if chosen and nb not in chosen:
            continue
        say(f"executing {nb.relative_to(ROOT)}")
        os.chdir(nb.parent)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--inplace",
                        "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.store_widget_state=False",
                        str(nb)], check=True, env=env)
        drop_timestamps(nb)


WIDGET = "application/vnd.jupyter.widget-view+json"


def _strings():
    """bpcore/widgets/strings.py with the one module it imports, bpcore/texts.py, loaded on their
    own under a private package name (both use only the standard library; this script runs
    outside the virtual environment)."""
    import importlib.util
    import types
    for name, path in (("_run_bpcore", None), ("_run_bpcore.widgets", None), ("_run_bpcore.texts", "texts.py"),
                       ("_run_bpcore.widgets.strings", "widgets/strings.py")):
        if name not in sys.modules:
            if path is None:
                module = types.ModuleType(name)
                module.__path__ = []
            else:
                spec = importlib.util.spec_from_file_location(name, ROOT / "bpcore" / path)
                module = importlib.util.module_from_spec(spec)
                sys.modules[name] = module
                spec.loader.exec_module(module)
            sys.modules[name] = module
    return sys.modules["_run_bpcore.widgets.strings"]


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
        if "outputs" in cell:               # code cells only: a markdown cell has no outputs
            cell["outputs"] = [part for output in cell["outputs"] for part in _untrusted_safe(output, strings, lang)]
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _untrusted_safe(output, strings, lang):
    """A widget's stored output as a notebook that is not trusted shows it (JupyterLab, and the
    no-server site, for every notebook a student has just opened).  Such a notebook's HTML is
    sanitised, which drops SVG, so a stored picture in HTML would come out as run-on text; an
    image/png is shown as it is.  So a widget's output with a PNG becomes two: the line saying
    to run the cell (markdown, plain text survives) and the PNG, without the HTML."""
    data = output.get("data", {})
    if "image/png" not in data or strings.text("static.plain", lang) != data.get("text/plain"):
        return [output]
    caption = output.get("metadata", {}).get("bpcore", {}).get("picture", "static.picture")   # what the still shows
    line = f"**{strings.text('static.run_me', lang)}**  \n{strings.text(caption, lang)}"
    note = {"output_type": "display_data", "metadata": {},
            "data": {"text/markdown": line, "text/plain": strings.text("static.run_me", lang)}}
    picture = dict(output, data={"image/png": data["image/png"], "text/plain": data["text/plain"]}, metadata={})
    return [note, picture]


LITE_VENV = ROOT / ".venv-lite"


def lite_python():
    """The Python of .venv-lite/, created and filled from requirements-lite.txt if needed."""
    python = LITE_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        say(f"creating a virtual environment in {LITE_VENV.name}/ for the site's build tools")
        subprocess.run([sys.executable, "-m", "venv", str(LITE_VENV)], check=True)
    requirements = ROOT / "requirements-lite.txt"
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    stamp = LITE_VENV / ".installed-requirements-lite.txt"
    if not (stamp.exists() and stamp.read_text() == digest):
        say("installing the site's pinned build tools (first run only; a minute or two)")
        subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r",
                        str(requirements)], check=True)
        stamp.write_text(digest)
    return python


def lite(extra):
    """Build the JupyterLite site (tools/build_lite.py; extra arguments go to it)."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    sys.exit(subprocess.call([str(lite_python()), str(ROOT / "tools" / "build_lite.py"), *extra]))


def main(argv):
    commands = {"lab": lab, "test": test, "notebooks": notebooks, "lite": lite}
    if not argv or argv[0] not in commands:
        sys.exit(__doc__)
    commands[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
