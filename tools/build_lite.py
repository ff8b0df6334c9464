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
3. ``jupyter lite build`` with notebooks/ as the site's files and those wheels bundled for
   piplite, so ``%pip install bpcore`` in the browser needs no index on the internet.

At run time the site loads Pyodide itself (Python, numpy, matplotlib) from Pyodide's CDN, as
every JupyterLite site does by default; nothing else comes from outside the site.
"""
import argparse
import importlib.metadata
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
#: what the notebooks import in the browser that is neither bpcore nor part of Pyodide
BROWSER_WHEELS = ("ipywidgets", "jupyterlab_widgets", "ipympl", "comm")


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


def build(source, output):
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
        cmd = [str(jupyter), "lite", "build", "--lite-dir", str(lite_dir), "--output-dir", str(output),
               "--contents", str(source / "notebooks"), "--no-sourcemaps"]
        for wheel in wheels:
            cmd += ["--piplite-wheels", str(wheel)]
        result = subprocess.run(cmd, cwd=lite_dir, capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"[lite] jupyter lite build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    # Browsers ask every site for /favicon.ico; the site has its icon under lab/ only.
    shutil.copy(output / "lab" / "favicon.ico", output / "favicon.ico")
    size = sum(f.stat().st_size for f in output.rglob("*") if f.is_file())
    say(f"built {output} in {time.perf_counter() - start:.1f} s: {size / 2**20:.1f} MiB in "
        f"{sum(1 for f in output.rglob('*') if f.is_file())} files")
    return output


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=HERE, help="the repository to build from")
    parser.add_argument("--output", type=Path, default=HERE / "build" / "lite", help="where the site goes")
    args = parser.parse_args(argv)
    build(args.source.resolve(), args.output)
    say(f"serve it with: python3 -m http.server -d {args.output} 8000, then open http://127.0.0.1:8000/")


if __name__ == "__main__":
    main(sys.argv[1:])
