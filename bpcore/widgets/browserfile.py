"""Files to and from the learner's own computer, through the browser.

In JupyterLab on a server (a laptop, Binder) Python can write a file next to the notebook.  In
the browser edition (JupyterLite) Python runs inside the browser tab, in Pyodide: what it
writes stays in the tab's own storage, not on the learner's disk.  The one way out that works
everywhere is the browser's own: a **download link** that carries the file in its address (a
``data:`` URL), and the way in is an **upload button** (ipywidgets' ``FileUpload``), whose
value holds the file's bytes.

    >>> download_link('{"epoch": 1}', "state.json")[:29]
    "<a download='state.json' href"
    >>> in_browser()          # True only under Pyodide
    False

Nothing here imports ipywidgets or touches a file: the playground builds its widgets and calls
these; the tests call them directly.
"""
import base64
import html
import sys

from .strings import text as _text


def in_browser():
    """True when Python runs inside the browser (Pyodide, as in JupyterLite)."""
    return sys.platform == "emscripten"


def download_link(content, filename, mime="application/json", lang="en"):
    """HTML for a link that saves ``content`` (str or bytes) as ``filename`` when clicked.

    Only the file's own name is kept (a path's folders mean nothing to a download).
    """
    if isinstance(content, str):
        content = content.encode("utf-8")
    if not isinstance(content, (bytes, bytearray)):
        raise TypeError(f"content must be str or bytes, got {type(content).__name__}")
    if not isinstance(filename, str):
        raise TypeError(f"filename must be a string, got {type(filename).__name__}")
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name or name in (".", ".."):
        raise ValueError(f"filename must name a file, like state.json (got {filename!r})")
    if not isinstance(mime, str) or "/" not in mime or any(c in mime for c in "'\"<> "):
        raise ValueError(f"mime must be a media type like application/json, got {mime!r}")
    data = base64.b64encode(bytes(content)).decode("ascii")
    label = html.escape(_text("file.download", lang, name=name))
    return f"<a download='{html.escape(name, quote=True)}' href='data:{mime};base64,{data}'>{label}</a>"


def uploaded(value):
    """``[(name, bytes), ...]`` from a ``FileUpload`` widget's value.

    ipywidgets 8 gives a tuple of dicts ``{"name", "content": memoryview, ...}``; ipywidgets 7
    gave a dict from name to ``{"content": bytes, ...}``.  Both are read; an empty value is [].
    """
    if not value:
        return []
    if isinstance(value, dict):
        items = [dict(entry, name=name) for name, entry in value.items()]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise TypeError(f"value must be a FileUpload widget's value (tuple or dict), got {type(value).__name__}")
    files = []
    for item in items:
        if not isinstance(item, dict) or "content" not in item:
            raise TypeError(f"each uploaded file must be a dict with 'content', got {item!r:.80}")
        files.append((str(item.get("name", "")), bytes(item["content"])))
    return files


def saved_message(name, lang="en"):
    """What to tell a learner after a save when Python runs in the browser (see ``in_browser``)."""
    return _text("file.in_browser", lang, name=name)
