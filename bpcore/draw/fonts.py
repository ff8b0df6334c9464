"""Chinese in matplotlib figures: one CJK font, used only where the Latin font has no glyph.

matplotlib's default font, DejaVu Sans, has no Chinese: every 汉字 in a title would be drawn
as an empty box (and matplotlib warns "Glyph ... missing from font(s) DejaVu Sans").
``use_cjk_fallback()`` registers a CJK font and appends it to ``rcParams["font.family"]``;
matplotlib then takes each character from the first font in that list that has it, so
Latin text keeps DejaVu Sans, formulas keep mathtext's fonts, and only Chinese comes
from the CJK font.  ``bpcore.draw.figures`` calls it when it is imported.

The font is Noto Sans SC (Simplified Chinese glyph forms, SIL Open Font License), from
the PyPI package ``pylopdf-fonts-zh-cn``, which the requirements pin: a data-only wheel
with no dependencies whose one sans-serif file (8 MB) is taken unchanged from the
Noto CJK project.  Coming from PyPI, it is there on Windows, macOS, Linux, Binder and CI
alike, with no system font needed.  Without it (bpcore installed on its own), the first
CJK font the system has is used instead (``SYSTEM_FONTS``).
"""
import logging
import warnings
from functools import lru_cache

import matplotlib
from matplotlib import font_manager

#: CJK fonts that come with Windows, macOS and Linux desktops, tried in this order when
#: the pinned font package is missing.
SYSTEM_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB",
                "Heiti SC", "SimHei", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Arial Unicode MS")


def pinned_font_path():
    """The path of the pinned Noto Sans SC file, or None if its package is not installed."""
    try:
        from pylopdf_fonts_zh_cn import sans_path
    except ImportError:
        return None
    return str(sans_path())


@lru_cache(maxsize=None)
def cjk_font():
    """The family name of the CJK font to fall back to (registered with matplotlib), or None."""
    path = pinned_font_path()
    if path is not None:
        font_manager.fontManager.addfont(path)
        return font_manager.FontProperties(fname=path).get_name()
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in SYSTEM_FONTS if name in installed), None)


def use_cjk_fallback():
    """Append the CJK font to ``rcParams["font.family"]`` (once); returns its name, or None
    (with a warning) if there is no CJK font at all."""
    name = cjk_font()
    if name is None:
        warnings.warn("no CJK font found: Chinese in figures will show as boxes "
                      "(pip install pylopdf-fonts-zh-cn, which requirements.txt pins)", stacklevel=2)
        return None
    logging.getLogger("matplotlib.font_manager").addFilter(_RegularOnly(name))
    family = matplotlib.rcParams["font.family"]
    family = [family] if isinstance(family, str) else list(family)
    if name not in family:
        matplotlib.rcParams["font.family"] = family + [name]
    return name


class _RegularOnly(logging.Filter):
    """Drop matplotlib's note that the CJK font has no bold: bold text in the figures (a
    neuron's name) is Latin and stays bold; a Chinese character in it would be regular."""

    def __init__(self, name):
        super().__init__()
        self.font = name

    def filter(self, record):
        return not (str(record.msg).startswith("findfont: Failed to find font weight")
                    and self.font in str(record.args))
