"""Every text the widget layer shows a learner, one table per language.

The dashboards and the playground never write a label, a button's caption, a message
or a table heading themselves: they ask ``text(key, lang)``.  A new language is a new
table here with the same keys (``tests/test_strings.py`` fails if one is missing), and
no widget code changes.

    >>> text("button.step", "en")
    'One step'
    >>> text("msg.trained", "en", n=100)
    'Trained 100 steps.'
"""

LANGUAGES = ("en", "zh")
"""The editions, in the order the README lists them."""

# Keys are grouped by where they are shown; each section ends with a marker comment so that
# additions to different sections never touch the same lines.
EN = {
    # ---- shared by the dashboards and the playground ------------------------------------
    "button.step": "One step",
    "button.reset": "Reset",
    # ---- end shared ----
    # ---- files to and from the learner's computer (browserfile; the browser edition) ----------
    "file.download": "⬇ download {name}",
    "file.in_browser": ("Python runs inside this browser tab, so files it writes stay in the tab: click "
                        "the link to keep {name} on your computer, and upload it again to load it."),
    # ---- end files ----
    # ---- the dashboards of notebooks 01 and 02 --------------------------------------------
    "button.train": "Train N steps",
    "msg.trained": "Trained {n} steps.",
    # ---- end dashboards ----
    # ---- the playground of notebook 03 and its Voilà app ---------------------------------
    # ---- end playground ----
    # ---- messages of the widget-free models (session, playground) ------------------------
    "models.diverged": ("Training diverged at epoch {epoch}: the loss or a weight became inf or NaN. "
                        "These steps were undone, so the weights are those from before them. Try a smaller "
                        "learning rate (η = {lr} now), a larger batch, or weight decay."),
    # ---- end models ----
}

ZH = {
    # ---- shared by the dashboards and the playground ------------------------------------
    "button.step": "走一步",
    "button.reset": "重置",
    # ---- end shared ----
    # ---- files to and from the learner's computer (browserfile; the browser edition) ----------
    "file.download": "⬇ 下载 {name}",
    "file.in_browser": ("这里的 Python 在浏览器标签页里运行，它写的文件只留在这个标签页中：点击链接把 {name} "
                        "保存到你的电脑，以后再上传它即可载入。"),
    # ---- end files ----
    # ---- the dashboards of notebooks 01 and 02 --------------------------------------------
    "button.train": "训练 N 步",
    "msg.trained": "已训练 {n} 步。",
    # ---- end dashboards ----
    # ---- the playground of notebook 03 and its Voilà app ---------------------------------
    # ---- end playground ----
    # ---- messages of the widget-free models (session, playground) ------------------------
    "models.diverged": ("训练在第 {epoch} 轮发散：损失或某个权重变成了无穷大或 NaN。"
                        "这几步已被撤销，权重回到了这几步之前的值。请试试更小的学习率 η（现在是 {lr}）、"
                        "更大的批量，或加上权重衰减 λ。"),
    # ---- end models ----
}

TABLES = {"en": EN, "zh": ZH}


def check_language(lang):
    """``lang`` if this module has a table for it, else ValueError (TypeError if not a string)."""
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a string, one of {list(LANGUAGES)}, got {lang!r}")
    if lang not in TABLES:
        raise ValueError(f"unknown lang {lang!r}; expected one of {list(LANGUAGES)}")
    return lang


def text(key, lang="en", **values):
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    template = TABLES[check_language(lang)][key]
    return template.format(**values) if values else template
