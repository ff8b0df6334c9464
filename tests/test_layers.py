"""The package's layers, enforced: imports only go downwards.

    bpcore (math: numpy only)  <-  bpcore.data, bpcore.documents, bpcore.draw  <-  bpcore.widgets

The math layer imports none of the others and neither matplotlib nor ipywidgets;
data (the playground's data sets and CSV files), documents and drawing import only the
math layer (drawing may use matplotlib); only the widget layer imports ipywidgets (or ipympl).  Checked two ways: by reading
every module's import statements, and by importing in a fresh interpreter and
looking at what got loaded.
"""
import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bpcore"
GUI = {"ipywidgets", "ipympl", "IPython", "traitlets"}
PLOTTING = {"matplotlib"}


def layer_of(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ("data", "documents", "draw", "widgets")) \
        else "math"


ALLOWED = {  # layer -> (bpcore layers it may import, third-party tops it must not import)
    "math": ({"math"}, GUI | PLOTTING),
    "data": ({"math", "data"}, GUI | PLOTTING),
    "documents": ({"math", "documents"}, GUI | PLOTTING),
    "draw": ({"math", "draw"}, GUI),
    "widgets": ({"math", "data", "documents", "draw", "widgets"}, set()),
}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def imports(module, path):
    """Every absolute module name that ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:
                    for alias in node.names:
                        yield f"{target}.{alias.name}"
                else:
                    yield target
            else:
                yield node.module


@pytest.mark.parametrize("module, path", list(modules()), ids=[m for m, _ in modules()])
def test_imports_only_go_downwards(module, path):
    layer = layer_of(module)
    may, must_not = ALLOWED[layer]
    for name in imports(module, path):
        top = name.split(".")[0]
        if top == "bpcore":
            target = layer_of(name) if name != "bpcore" else "math"
            assert target in may, f"{module} ({layer} layer) imports {name} ({target} layer)"
        else:
            assert top not in must_not, f"{module} ({layer} layer) imports {name}"


def test_there_are_five_layers_and_every_module_is_in_one():
    seen = {layer_of(m) for m, _ in modules()}
    assert seen == set(ALLOWED)


def loaded_after(statement):
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in json.loads(out)}


def test_import_bpcore_loads_numpy_only():
    loaded = loaded_after("import bpcore")
    assert "numpy" in loaded
    assert not loaded & (GUI | PLOTTING | {"scipy", "pandas"})


def test_the_widget_free_models_load_no_widgets():
    loaded = loaded_after("import bpcore.widgets.session, bpcore.widgets.playground, bpcore.widgets.strings")
    assert not loaded & (GUI | PLOTTING)
