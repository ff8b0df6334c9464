#!/usr/bin/env python3
"""Give every notebook the one cell the browser edition (JupyterLite) needs, as its first code cell.

    python3 tools/lite_cell.py           # insert the cell where it is missing (outputs untouched)
    python3 tools/lite_cell.py --check   # exit 1 if a notebook lacks it

In the browser, Python runs in Pyodide, which starts without bpcore: the cell installs it (with the
widget libraries) from the copy bundled with the site.  Everywhere else ``sys.platform`` is not
"emscripten", so the cell does nothing and prints nothing: nbval and JupyterLab see no difference.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CELL_ID = "lite-install"
SOURCE = [
    "# In the browser edition (JupyterLite) this installs bpcore from the site; elsewhere it does nothing.\n",
    "import sys\n",
    "if sys.platform == \"emscripten\":\n",
    "    %pip install -q \"bpcore[notebooks]\"",
]


def notebooks():
    return sorted((ROOT / "notebooks").glob("*/[0-9]*.ipynb"))


def has_cell(notebook):
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    return bool(code) and "".join(code[0]["source"]) == "".join(SOURCE)


def insert(notebook):
    """Put the cell before the first code cell (after the title's markdown)."""
    notebook["cells"] = [cell for cell in notebook["cells"] if cell.get("id") != CELL_ID]
    first = next((i for i, cell in enumerate(notebook["cells"]) if cell["cell_type"] == "code"),
                 len(notebook["cells"]))
    notebook["cells"].insert(first, {"cell_type": "code", "execution_count": None, "id": CELL_ID,
                                     "metadata": {}, "outputs": [], "source": list(SOURCE)})


def main(argv):
    missing = []
    for path in notebooks():
        notebook = json.loads(path.read_text(encoding="utf-8"))
        if has_cell(notebook):
            continue
        missing.append(path.relative_to(ROOT).as_posix())
        if "--check" not in argv:
            insert(notebook)
            path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                            encoding="utf-8")
    if "--check" in argv and missing:
        sys.exit("no browser-edition cell first in " + ", ".join(missing) + ": run python3 tools/lite_cell.py")
    for name in missing:
        print(f"added the browser-edition cell to {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
