"""Files through the browser (bpcore.widgets.browserfile): the download link carries the exact bytes,
uploads of either ipywidgets format are read, bad input is refused by name, and the playground's
save tells the truth when Python runs in the browser."""
import base64
import html
import json
import re
import sys

import pytest

from bpcore.widgets import browserfile
from bpcore.widgets.playground import Playground
from bpcore.widgets.playground_app import PlaygroundApp


def link_parts(link):
    match = re.fullmatch(r"<a download='([^']*)' href='data:([^;]+);base64,([A-Za-z0-9+/=]*)'>([^<]*)</a>", link)
    assert match, link
    name, mime, data, label = match.groups()
    return html.unescape(name), mime, base64.b64decode(data, validate=True), html.unescape(label)


def test_the_download_link_carries_the_exact_text_and_the_file_name_only():
    text = '{"η": 0.5, "note": "<b>&\'quotes\'</b>"}'
    name, mime, data, label = link_parts(browserfile.download_link(text, "runs/today's state.json"))
    assert (name, mime, data.decode("utf-8")) == ("today's state.json", "application/json", text)
    assert label == "⬇ download today's state.json"
    assert link_parts(browserfile.download_link(b"\x00\xff", "w.bin", "application/octet-stream"))[2] == b"\x00\xff"
    assert "下载" in browserfile.download_link("x", "a.json", lang="zh")


@pytest.mark.parametrize("args, error, word", [
    ((123, "a.json"), TypeError, "content"),
    (("x", None), TypeError, "filename"),
    (("x", "  "), ValueError, "filename"),
    (("x", "folder/"), ValueError, "filename"),
    (("x", "a.json", "json"), ValueError, "mime"),
    (("x", "a.json", "text/html' onclick='x"), ValueError, "mime"),
    (("x", "a.json", "application/json", "fr"), ValueError, "lang"),
])
def test_bad_arguments_are_refused_by_name(args, error, word):
    with pytest.raises(error, match=word):
        browserfile.download_link(*args)


def test_uploads_of_both_ipywidgets_formats_are_read():
    v8 = ({"name": "a.csv", "type": "text/csv", "size": 3, "content": memoryview(b"1,2")},)
    v7 = {"b.json": {"metadata": {"name": "b.json"}, "content": b"{}"}}
    assert browserfile.uploaded(v8) == [("a.csv", b"1,2")]
    assert browserfile.uploaded(v7) == [("b.json", b"{}")]
    assert browserfile.uploaded(()) == [] and browserfile.uploaded({}) == []
    with pytest.raises(TypeError, match="value"):
        browserfile.uploaded("a.csv")
    with pytest.raises(TypeError, match="content"):
        browserfile.uploaded([{"name": "a.csv"}])


def test_in_browser_is_true_only_under_pyodide(monkeypatch):
    assert browserfile.in_browser() is False
    monkeypatch.setattr(sys, "platform", "emscripten")
    assert browserfile.in_browser() is True


def test_the_playground_saves_through_the_link_and_says_so_in_the_browser(monkeypatch, tmp_path):
    app = PlaygroundApp(Playground(n_points=40))
    app.run_frames(2)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "platform", "emscripten")
    app.save_path.value = "mine.json"
    app.buttons["save"].click()
    assert "browser tab" in app.message.value and "mine.json" in app.message.value
    name, _, data, _ = link_parts(app.download.value)
    assert name == "mine.json" and json.loads(data) == json.loads(app.model.to_json())
    again = PlaygroundApp(Playground(dataset="moons", n_points=40))
    again.load_state(data.decode("utf-8"))          # what uploading the downloaded file does
    assert again.model.epoch == app.model.epoch and again.model.settings == app.model.settings
