#!/usr/bin/env python3
"""Build or update the Chinese edition of the notebooks from the English one.

    python3 tools/editions.py           # write notebooks/zh/NN.ipynb from notebooks/en/NN.ipynb
    python3 tools/editions.py --check   # change nothing; exit 1 if an update would change a file

The two editions have the same cells, with the same ids, in the same order.  English is
the source of the structure and the code; Chinese keeps its own prose:

- a code cell is the English one, with the notebook's language line ``LANG = "en"``
  (first code cell) set to ``LANG = "zh"``.  Its outputs are the Chinese notebook's own
  where the code did not change, and empty where it did: re-execute the notebook then
  (``python3 run.py notebooks``, which runs this tool first);
- a markdown cell is the Chinese notebook's cell with the same id.  Where there is none,
  the English text is put in its place and reported, and so is a Chinese cell that is
  still word for word the English one;
- cell metadata and notebook metadata come from English.

A new Chinese notebook is marked ``"edition_placeholder": true`` in its metadata until every
markdown cell is translated; ``tests/test_editions.py`` enforces everything else.
Standard library only.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE, TARGET = ROOT / "notebooks" / "en", ROOT / "notebooks" / "zh"
LANG_LINE = re.compile(r'^LANG = "(en|zh)"', re.M)


def localise(source, lang):
    """The code of a cell with its language line (if it has one) set to ``lang``."""
    return LANG_LINE.sub(f'LANG = "{lang}"', source, count=1)


def text(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def dumps(notebook):
    """The notebook as run.py stores it (sorted keys, one-space indent, UTF-8)."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def build(english, chinese=None):
    """The Chinese notebook for ``english`` (a dict), keeping the prose and outputs of the
    existing ``chinese`` (a dict or None).  Returns (notebook, notes): notes lists the cells
    still in English, the code cells to re-execute and the Chinese cells dropped."""
    old = {c.get("id"): c for c in (chinese or {}).get("cells", [])}
    cells, notes, same = [], [], []
    untranslated = 0
    for cell in english["cells"]:
        cid, kind = cell.get("id"), cell["cell_type"]
        mine = old.get(cid)
        new = {k: v for k, v in cell.items() if k not in ("source", "outputs", "execution_count")}
        if kind == "code":
            new["source"] = localise(text(cell), "zh")
            if mine is not None and mine["cell_type"] == "code" and text(mine) == new["source"]:
                new["outputs"], new["execution_count"] = mine.get("outputs", []), mine.get("execution_count")
            else:
                new["outputs"], new["execution_count"] = [], None
                notes.append(f"cell {cid}: code changed, re-execute the notebook")
        else:
            if mine is not None and mine["cell_type"] == kind:
                new["source"] = text(mine)
                if text(mine) == text(cell):
                    untranslated += 1
                    same.append(cid)
            else:
                new["source"] = text(cell)
                untranslated += 1
                notes.append(f"cell {cid}: {kind} missing in Chinese, English put in its place")
        new["source"] = new["source"].splitlines(keepends=True)
        cells.append(new)
    if same:
        notes.append(f"{len(same)} markdown cells still identical to English: {', '.join(same)}")
    if chinese is None:
        notes = [f"new: {untranslated} markdown cells in English to translate; execute the notebook"]
    for cid in old.keys() - {c.get("id") for c in english["cells"]}:
        notes.append(f"cell {cid}: not in English, dropped")
    metadata = dict(english.get("metadata", {}))
    metadata.pop("edition_placeholder", None)
    if untranslated and (chinese is None or chinese.get("metadata", {}).get("edition_placeholder")):
        metadata["edition_placeholder"] = True
    notebook = {k: v for k, v in english.items() if k not in ("cells", "metadata")}
    notebook.update(cells=cells, metadata=metadata)
    return notebook, notes


def main(argv):
    check = "--check" in argv
    stale = []
    for source in sorted(SOURCE.glob("[0-9]*.ipynb")):
        target = TARGET / source.name
        chinese = read(target) if target.exists() else None
        notebook, notes = build(read(source), chinese)
        new = dumps(notebook)
        changed = not target.exists() or target.read_text(encoding="utf-8") != new
        print(f"{target.relative_to(ROOT)}: {'out of date' if check and changed else 'updated' if changed else 'in sync'}")
        for note in notes:
            print(f"  {note}")
        if changed:
            stale.append(target)
            if not check:
                TARGET.mkdir(parents=True, exist_ok=True)
                target.write_text(new, encoding="utf-8")
    extra = sorted(p.name for p in TARGET.glob("[0-9]*.ipynb") if not (SOURCE / p.name).exists())
    for name in extra:
        print(f"notebooks/zh/{name}: has no English notebook")
    if check and (stale or extra):
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
