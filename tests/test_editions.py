"""The English and the Chinese edition of the notebooks, kept in sync.

notebooks/en/ and notebooks/zh/ hold the same notebooks under the same file names, and for
each pair:

- the same cells, with the same ids and kinds, in the same order;
- identical code, apart from the language line of the first code cell, ``LANG = "en"`` or
  ``LANG = "zh"``, which every call that shows text reads (``lang=LANG``);
- the same outputs: the same number of outputs per code cell, of the same types and formats;
- identical stored numeric outputs.  A cell's output is read as text: a stream as it is, a
  result or display by its text/markdown form if it has one, else text/plain (images and
  widget views have no text to compare; their titles are the captions, tested in
  test_captions.py).  Its numbers are the tokens that look like a computed value: a decimal
  with at least three digits after the point, or any number in scientific notation
  (``NUMBER``).  Integers and short decimals are left out because the prose has them too
  ("section 2.1", "7 places").  The numbers must be the same strings in the same order, cell by
  cell: both editions format a value the same way, so the same value prints the same digits,
  and anything else is a difference.  Cells tagged ``nbval-ignore-output`` (widgets, rounding
  noise) are left out, as nbval leaves them out;
- every markdown cell translated: not the English text, and with more Chinese characters than
  English words once formulas, code, HTML tags and links are set aside (a cell with no English
  words, only formulas, may stay as it is).  A notebook that tools/editions.py created and
  that is still waiting for its Chinese prose is marked ``"edition_placeholder": true``; for it
  this one check is skipped, with that reason.

tools/editions.py builds the Chinese notebooks this way; the last test runs it with --check.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EN, ZH = ROOT / "notebooks" / "en", ROOT / "notebooks" / "zh"
NAMES = sorted(p.name for p in EN.glob("[0-9]*.ipynb"))
NUMBER = re.compile(r"[-+−]?(?:\d+\.\d{3,}(?:[eE][-+]?\d+)?|\d+(?:\.\d+)?[eE][-+]?\d+)")
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
LANG_LINE = re.compile(r'^LANG = "(en|zh)"', re.M)
IGNORE_OUTPUT = "nbval-ignore-output"   # the cell tag nbval reads; code a student reads carries no marker
LITE_CELL = "lite-install"   # the id of the browser edition's install cell, before the LANG cell

sys.path.insert(0, str(ROOT / "tools"))
import editions  # noqa: E402


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def pairs():
    for name in NAMES:
        yield name, load(EN / name), load(ZH / name)


def output_text(output):
    if output["output_type"] == "stream":
        return "".join(output["text"])
    if output["output_type"] == "error":
        return "\n".join(output.get("traceback", []))
    data = output.get("data", {})
    for mime in ("text/markdown", "text/plain"):
        if mime in data:
            value = data[mime]
            return "".join(value) if isinstance(value, list) else value
    return ""


def numbers(cell):
    return [NUMBER.findall(output_text(o)) for o in cell.get("outputs", [])]


def shape(cell):
    return [(o["output_type"], o.get("name"), sorted(o.get("data", {}))) for o in cell.get("outputs", [])]


def prose(markdown):
    """The words of a markdown cell: formulas, code, HTML tags and link targets removed."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$]*\$", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def test_both_editions_have_the_same_notebooks():
    assert NAMES, "no English notebooks"
    assert sorted(p.name for p in ZH.glob("[0-9]*.ipynb")) == NAMES
    assert sorted(p.name for p in (ROOT / "notebooks").iterdir() if p.suffix == ".ipynb") == [], \
        "notebooks live in notebooks/en and notebooks/zh"


@pytest.mark.parametrize("name", NAMES)
def test_same_cells_in_the_same_order(name):
    en, zh = load(EN / name), load(ZH / name)
    assert [(c["cell_type"], c.get("id")) for c in en["cells"]] == [(c["cell_type"], c.get("id")) for c in zh["cells"]]


@pytest.mark.parametrize("name", NAMES)
def test_identical_code_apart_from_the_language_line(name):
    en, zh = load(EN / name), load(ZH / name)
    # the browser edition's install cell (tools/lite_cell.py) comes first and is the same in both
    code_en = [source(c) for c in en["cells"] if c["cell_type"] == "code" and c.get("id") != LITE_CELL]
    code_zh = [source(c) for c in zh["cells"] if c["cell_type"] == "code" and c.get("id") != LITE_CELL]
    assert LANG_LINE.findall(code_en[0]) == ["en"] and LANG_LINE.findall(code_zh[0]) == ["zh"], \
        'the first code cell sets LANG = "en" (English) or LANG = "zh" (Chinese)'
    assert not any(LANG_LINE.search(c) for c in code_en[1:] + code_zh[1:]), "only the first code cell sets LANG"
    for a, b in zip(code_en, code_zh):
        assert LANG_LINE.sub("LANG = ?", a) == LANG_LINE.sub("LANG = ?", b)


@pytest.mark.parametrize("name", NAMES)
def test_identical_stored_numeric_outputs(name):
    en, zh = load(EN / name), load(ZH / name)
    compared = 0
    for a, b in zip(en["cells"], zh["cells"]):
        if a["cell_type"] != "code" or IGNORE_OUTPUT in a.get("metadata", {}).get("tags", []):
            continue
        assert shape(a) == shape(b), f"cell {a.get('id')}: other outputs"
        assert numbers(a) == numbers(b), f"cell {a.get('id')}: other numbers"
        compared += sum(len(n) for n in numbers(a))
    if name != "00_start_here.ipynb":
        assert compared > 0, "no numbers compared: were the notebooks executed?"


@pytest.mark.parametrize("name", NAMES)
def test_nbval_markers_are_tags_not_comments(name):
    """A student reads the code cells: nbval's markers live in the cells' tags, which nbval honours
    as it does the comments, and the cells whose output varies (the widgets) carry the tag."""
    for edition in (EN, ZH):
        cells = load(edition / name)["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert not [c.get("id") for c in code if "NBVAL" in source(c)], "a # NBVAL_ comment left in a code cell"
        tagged = {c.get("id") for c in code if IGNORE_OUTPUT in c.get("metadata", {}).get("tags", [])}
        widgets = {c.get("id") for c in code if re.search(r"_(dashboard|app)\(lang=LANG\)", source(c))}
        assert widgets <= tagged, f"widget cells without the {IGNORE_OUTPUT} tag: {sorted(widgets - tagged)}"


@pytest.mark.parametrize("name", NAMES)
def test_every_markdown_cell_is_translated(name):
    en, zh = load(EN / name), load(ZH / name)
    if zh["metadata"].get("edition_placeholder"):
        pytest.skip(f"notebooks/zh/{name} is a generated placeholder waiting for its Chinese prose")
    for a, b in zip(en["cells"], zh["cells"]):
        if a["cell_type"] != "markdown" or not ENGLISH_WORD.search(prose(source(a))):
            continue
        words = prose(source(b))
        assert source(b) != source(a), f"cell {a.get('id')} is still the English text"
        assert len(CJK.findall(words)) >= len(ENGLISH_WORD.findall(words)), f"cell {a.get('id')} is mostly English"


def test_the_counting_rules_catch_what_they_should():
    """The helpers above, on made-up cells: a test of the test."""
    out = {"outputs": [{"output_type": "stream", "name": "stdout", "text": ["E = 0.298371, section 2.1, 1.5e-07\n"]}]}
    assert numbers(out) == [["0.298371", "1.5e-07"]]
    assert prose("η = $0.5$ and `code` <b>x</b> [link](http://example.org)") == "η =   and    x  [link]"
    assert len(CJK.findall("把你的答案填进上面的单元格")) == 13


def test_the_tool_keeps_prose_and_outputs_and_localises_code():
    english = {"metadata": {"k": 1}, "nbformat": 4, "nbformat_minor": 5, "cells": [
        {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Title"]},
        {"cell_type": "code", "id": "b", "metadata": {}, "source": ['LANG = "en"\nprint(1)'], "outputs": [],
         "execution_count": 1},
        {"cell_type": "code", "id": "c", "metadata": {}, "source": ["print(2)"], "outputs": [], "execution_count": 2},
        {"cell_type": "markdown", "id": "d", "metadata": {}, "source": ["More"]}]}
    kept = [{"output_type": "stream", "name": "stdout", "text": ["1\n"]}]
    chinese = {"metadata": {}, "cells": [
        {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# 标题"]},
        {"cell_type": "code", "id": "b", "metadata": {}, "source": ['LANG = "zh"\nprint(1)'], "outputs": kept,
         "execution_count": 1},
        {"cell_type": "code", "id": "c", "metadata": {}, "source": ["print(3)"], "outputs": kept, "execution_count": 2},
        {"cell_type": "markdown", "id": "x", "metadata": {}, "source": ["旧的"]}]}
    notebook, notes = editions.build(english, chinese)
    assert [source(c) for c in notebook["cells"]] == ["# 标题", 'LANG = "zh"\nprint(1)', "print(2)", "More"]
    assert notebook["cells"][1]["outputs"] == kept and notebook["cells"][2]["outputs"] == []
    assert notebook["metadata"] == {"k": 1}
    assert sorted(notes) == ["cell c: code changed, re-execute the notebook",
                             "cell d: markdown missing in Chinese, English put in its place",
                             "cell x: not in English, dropped"]
    new, _ = editions.build(english, None)
    assert new["metadata"]["edition_placeholder"] is True


def test_the_chinese_edition_is_what_the_tool_makes_of_the_english_one():
    check = subprocess.run([sys.executable, str(ROOT / "tools" / "editions.py"), "--check"], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("path", sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*/[0-9]*.ipynb")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_stored_notebook_is_valid_nbformat(path):
    """What run.py notebooks stores is a valid notebook (no outputs on a markdown cell, which
    JupyterLab and nbval refuse or mangle)."""
    import nbformat
    nbformat.validate(nbformat.read(str(path), as_version=4))
