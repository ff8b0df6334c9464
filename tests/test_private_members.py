"""No module reaches into another's private members: ``obj._name`` appears only as
``self._name`` or ``cls._name`` (inside the class's own module), so what a module needs
from a network (or from anything else) is public and documented.  Beside
tests/test_layers.py, which checks which modules import which."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = sorted([*ROOT.glob("bpcore/**/*.py"), *ROOT.glob("benchmarks/*.py"), *ROOT.glob("tools/*.py"),
                  ROOT / "run.py"])
OWN = {"self", "cls", "twin"}        # twin: a new object of the same class, made inside that class


def reaches(path):
    """(line, text) of every attribute ``x._name`` with x not one of OWN (dunders are public)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in OWN:
                continue
            if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
                continue
            yield node.lineno, ast.unparse(node)


@pytest.mark.parametrize("path", CHECKED, ids=[str(p.relative_to(ROOT)) for p in CHECKED])
def test_no_private_member_is_reached_from_outside(path):
    found = [f"{path.relative_to(ROOT)}:{line}: {text}" for line, text in reaches(path)]
    assert not found, "private members reached from outside their object:\n" + "\n".join(found)


def test_the_check_finds_a_reach():
    sample = ROOT / "tests" / "artifacts" / "_reach_sample.py"
    sample.parent.mkdir(exist_ok=True)
    sample.write_text("def f(net):\n    return net._version, self._ok, super()._repr_html_()\n", encoding="utf-8")
    try:
        assert [text for _, text in reaches(sample)] == ["net._version"]
    finally:
        sample.unlink()
