"""run.py: JupyterLab starts where the notebooks' pointers work, and stored widget outputs make
sense without a kernel."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import run  # noqa: E402


def start_of(cmd):
    return [a for a in cmd if a.startswith("--LabApp.default_url=")][0].split("/lab/tree/")[1]


def test_lab_is_rooted_at_the_repository_and_opens_notebook_00():
    cmd = run.lab_command()
    assert f"--ServerApp.root_dir={ROOT}" in cmd
    start = start_of(cmd)
    assert start == "notebooks/en/00_start_here.ipynb" and (ROOT / start).exists()
    # what the notebooks point to is inside the root, so it opens
    assert (ROOT / "bpcore" / "network.py").exists() and (ROOT / "tests" / "test_errata.py").exists()


def test_lab_opens_the_chinese_edition_with_lang_zh():
    start = start_of(run.lab_command(["--port=9999"], lang="zh"))
    assert start == "notebooks/zh/00_start_here.ipynb" and (ROOT / start).exists()
    assert "--port=9999" in run.lab_command(["--port=9999"], lang="zh")


@pytest.mark.parametrize("args, lang, rest", [
    (["--lang", "zh"], "zh", []), (["--lang=en", "--port=1"], "en", ["--port=1"]),
    (["--port=1", "--lang", "zh", "--no-browser"], "zh", ["--port=1", "--no-browser"]), (["--port=1"], None, ["--port=1"])])
def test_lab_takes_lang_out_of_the_arguments_it_passes_to_jupyterlab(args, lang, rest):
    assert run.split_lang(args) == (lang, rest)


@pytest.mark.parametrize("args", [["--lang", "fr"], ["--lang"], ["--lang=ZH"]])
def test_lab_refuses_an_unknown_lang(args):
    with pytest.raises(SystemExit, match="--lang must be one of en, zh"):
        run.split_lang(args)


@pytest.mark.parametrize("environ, locale_name, lang", [
    ({"LANG": "zh_CN.UTF-8"}, None, "zh"), ({"LANG": "zh_TW.UTF-8"}, None, "zh"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, None, "en"),      # LC_ALL wins, as for gettext
    ({"LANG": "C.UTF-8"}, "zh_CN", "zh"), ({}, "Chinese (Simplified)_China", "zh"),   # Windows' name
    ({"LANG": "de_DE.UTF-8"}, "zh_CN", "en"), ({}, None, "en")])
def test_lab_opens_the_edition_of_the_system_language(environ, locale_name, lang):
    assert run.system_language(environ, lambda: (locale_name, "UTF-8")) == lang


def test_widget_outputs_are_replaced_by_what_a_page_without_a_kernel_shows(tmp_path):
    nb = {"cells": [{"cell_type": "code", "metadata": {"execution": {"x": 1}}, "source": "w", "outputs": [
        {"output_type": "execute_result", "metadata": {}, "execution_count": 1,
         "data": {"text/plain": "VBox(children=(HBox(...", run.WIDGET: {"model_id": "abc", "version_major": 2}}},
        {"output_type": "execute_result", "metadata": {}, "execution_count": 1,
         "data": {"text/plain": "VBox(...)", "text/html": "<svg>picture</svg>", run.WIDGET: {"model_id": "d"}}}]}],
        "metadata": {"widgets": {"state": {}}}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "en" / "x.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(nb))
    run.drop_timestamps(path)
    out = json.loads(path.read_text())
    first, second = (o["data"] for o in out["cells"][0]["outputs"])
    assert run.WIDGET not in first and run.WIDGET not in second and "widgets" not in out["metadata"]
    assert "VBox" not in first["text/plain"] and "run this cell" in first["text/plain"]
    assert "Run All Cells" in first["text/html"] and second["text/html"] == "<svg>picture</svg>"


def test_stored_notebooks_show_no_raw_widget_text():
    for path in sorted((ROOT / "notebooks").glob("*/[0-9]*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                assert run.WIDGET not in data, path.name
                assert "VBox(" not in str(data.get("text/plain", "")), path.name
