"""The two editions say the same things: cell by cell, the English and the Chinese markdown carry
the same formulas and the same numbers.

test_editions.py checks that the code, the outputs and their numbers agree and that every
markdown cell is translated; it cannot see that one edition explains something the other
leaves out.  This test reads the prose itself.  For each markdown cell (paired by position and
id), it extracts:

- the **formulas**: every ``$$…$$`` and ``$…$`` span, normalised so that spacing and typography
  do not count (whitespace and the spacing commands ``\\,`` ``\\;`` ``\\quad`` ``\\qquad`` ``\\ `` removed,
  ``\\dfrac``/``\\tfrac`` read as ``\\frac``, a trailing ``.`` or ``,`` dropped, ``−`` read as ``-``);
- the **numbers in the prose**, outside formulas, code spans, HTML tags and link targets:
  every numeric literal not glued to a word (``w5``, ``h1`` and ``E_total`` are names, not
  numbers), read as a float so that ``1,000`` and ``1000`` are one number, and ``−0.5`` and
  ``-0.5`` too.

Both must be the same multisets in the two editions (the order may differ: the languages order
a sentence differently).  A number a language writes as a word ("two", "两") is not compared.

NOTEBOOKS lists the notebooks held to this; add one once its two editions agree.
"""
import json
import re
from collections import Counter
from pathlib import Path

import pytest

NOTEBOOKS = [
    "00_start_here.ipynb",
    "01_bp_2-2-2_worked_example.ipynb",
    "02_bp_2-3-2-1_derivation.ipynb",
    "03_playground.ipynb",
]

ROOT = Path(__file__).resolve().parent.parent
EN, ZH = ROOT / "notebooks" / "en", ROOT / "notebooks" / "zh"

DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$", re.S)
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
TAG = re.compile(r"<[^>]+>")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
SPACING = re.compile(r"\\[,;:!]|\\q?quad\b|\\ |\s+")
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w])")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def normalise_formula(tex):
    tex = tex.replace("−", "-").replace(r"\dfrac", r"\frac").replace(r"\tfrac", r"\frac")
    tex = SPACING.sub("", tex)
    return tex.rstrip(".,")


def formulas(markdown):
    """The cell's formulas, normalised (display ones first, then inline ones)."""
    text = CODE.sub(" ", markdown)
    found = [normalise_formula(f) for f in DISPLAY.findall(text)]
    text = DISPLAY.sub(" ", text)
    found += [normalise_formula(f) for f in INLINE.findall(text)]
    return Counter(f for f in found if f)


def prose_numbers(markdown):
    """The numeric literals of the cell's prose, as floats."""
    text = CODE.sub(" ", markdown)
    text = DISPLAY.sub(" ", text)
    text = INLINE.sub(" ", text)
    text = LINK_TARGET.sub("]", text)
    text = TAG.sub(" ", text).replace("−", "-")
    return Counter(float(n.replace(",", "")) for n in NUMBER.findall(text))


def markdown_pairs(name):
    en, zh = load(EN / name), load(ZH / name)
    assert len(en["cells"]) == len(zh["cells"]), f"{name}: {len(en['cells'])} cells in en, {len(zh['cells'])} in zh"
    for i, (a, b) in enumerate(zip(en["cells"], zh["cells"])):
        assert a.get("id") == b.get("id"), f"{name} cell {i}: ids {a.get('id')} and {b.get('id')}"
        if a["cell_type"] == "markdown":
            yield i, a.get("id"), "".join(a["source"]), "".join(b["source"])


def differences(extract, name):
    out = []
    for i, cell_id, en, zh in markdown_pairs(name):
        a, b = extract(en), extract(zh)
        if a != b:
            out.append(f"cell {i} ({cell_id}): only in en {sorted((a - b).elements(), key=str)}, "
                       f"only in zh {sorted((b - a).elements(), key=str)}")
    return out


# ---- the extraction itself ------------------------------------------------------------------
def test_formulas_are_normalised_for_spacing_and_typography():
    a = formulas(r"so $$w^{new} = w - \eta\, \dfrac{\partial E}{\partial w}.$$ with $\eta = 0.5$, and `$x$`")
    b = formulas(r"于是 $$w^{new}=w-\eta\frac{\partial E}{\partial w}$$，其中 $\eta=0.5$。")
    assert a == b == Counter({r"w^{new}=w-\eta\frac{\partialE}{\partialw}": 1, r"\eta=0.5": 1})
    assert formulas("$a$ and $b$") != formulas("$a$ 和 $c$")


def test_prose_numbers_skip_names_formulas_code_and_links():
    text = ("The outputs 0.7514 and 1,000 steps of w5 on h1 ($\\eta = 5$), `answer_3`, "
            "see [notebook 02](../zh/02_x.ipynb) <br> and −0.5.")
    assert prose_numbers(text) == Counter({0.7514: 1, 1000.0: 1, 2.0: 1, -0.5: 1})
    assert prose_numbers("输出 0.7514，1000 步，w5 与 h1（$\\eta = 5$），见 [notebook 02](x)、−0.5。") \
        == prose_numbers(text)


# ---- the notebooks --------------------------------------------------------------------------
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_both_editions_carry_the_same_formulas(name):
    diff = differences(formulas, name)
    assert not diff, f"{name}: the editions' formulas differ\n" + "\n".join(diff)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_both_editions_carry_the_same_numbers_in_their_prose(name):
    diff = differences(prose_numbers, name)
    assert not diff, f"{name}: the editions' numbers differ\n" + "\n".join(diff)
