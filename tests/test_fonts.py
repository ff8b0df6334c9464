"""Chinese in figures: the pinned CJK font is registered as a fallback after the Latin font,
has every character the figures can show, and a missing glyph is an error in the tests.

The browser's side (JupyterLab and Voilà) is tests/test_browser_zh.py; its fonts come from
binder/apt.txt on Binder and from .ci/run in CI, which this file also checks."""
import re
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from bpcore.documents import captions
from bpcore.draw import figures, fonts, labels

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def test_the_pinned_font_is_installed_and_is_noto_sans_sc():
    path = fonts.pinned_font_path()
    assert path is not None and Path(path).is_file(), "pylopdf-fonts-zh-cn (requirements.txt) is not installed"
    assert fonts.cjk_font() == "Noto Sans SC"


def test_the_cjk_font_comes_after_the_latin_one():
    """Latin text and formulas keep their look: the CJK font is the last in the family list."""
    family = matplotlib.rcParams["font.family"]
    assert family[-1] == "Noto Sans SC" and family[0] == "sans-serif"
    found = font_manager.fontManager._find_fonts_by_props(font_manager.FontProperties())
    assert Path(found[0]).name == "DejaVuSans.ttf"
    assert Path(found[-1]).name == "NotoSansSC-Regular.otf"
    assert fonts.use_cjk_fallback() == "Noto Sans SC"                      # a second call adds nothing
    assert matplotlib.rcParams["font.family"].count("Noto Sans SC") == 1


def test_the_font_has_every_chinese_character_a_figure_can_show():
    charmap = FT2Font(fonts.pinned_font_path()).get_charmap()
    texts = list(captions.TABLES["zh"].values()) + list(labels.TABLES["zh"].values())
    chars = {c for t in texts for c in t if CJK.match(c)}
    assert len(chars) > 100
    missing = sorted(c for c in chars if ord(c) not in charmap)
    assert not missing, f"not in Noto Sans SC: {missing}"


def test_a_chinese_figure_draws_without_a_missing_glyph():
    """pyproject.toml makes the "Glyph ... missing" warning an error, so drawing is the check."""
    ax = figures.loss_curve([1.0, 0.5, 0.25], lang="zh", title=captions.text("doc001.loss_curve", "zh", steps=3,
                                                                             lr=0.5))
    ax.axes.figure.canvas.draw()
    assert ax.axes.get_xlabel() == "训练步数"
    plt.close(ax.axes.figure)


def test_without_the_fallback_a_chinese_title_is_an_error():
    """The control: the same title in DejaVu Sans alone is caught (the filter works)."""
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title("图 1")
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message="Glyph .* missing from font")
            with pytest.raises(UserWarning, match="missing from font"):
                fig.canvas.draw()
        plt.close(fig)


def test_browser_fonts_are_installed_on_binder_and_in_ci():
    assert "fonts-noto-cjk" in (ROOT / "binder" / "apt.txt").read_text().split()
    assert "fonts-noto-cjk" in (ROOT / ".ci" / "run").read_text()
