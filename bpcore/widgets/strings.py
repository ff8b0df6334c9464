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
    "msg.unexpected": "Something went wrong ({error}); the last good state is kept.",
    "table.more_rows": "… and {n} more rows",
    "static.run_me": "▶ Interactive: run this cell (or Run → Run All Cells) to use it; it needs a running Python kernel.",
    "static.picture": "Until then, a still picture of its network at the document's starting values:",
    "static.plain": "[interactive widget: run this cell to use it]",
    # ---- end shared ----
    # ---- the dashboards of notebooks 01 and 02 --------------------------------------------
    "button.train": "Train N steps",
    "msg.trained": "Trained {n} steps.",
    "msg.step_taken": "One step taken: every weight moved against its gradient.",
    "msg.reset": "Back to the document's values.",
    "msg.bad_number": "{name}: “{value}” is not a number; {name} stays {current}.",
    "msg.bad_steps": "N must be a whole number from 1 to {most}; “{value}” is not one. N stays {current}.",
    "tip.step": "one gradient-descent step",
    "tip.train": "N steps, with a progress bar",
    "tip.reset": "back to the document's values",
    "tip.readout": "the value of {name}: type a number and press Enter",
    "tip.steps": "how many steps “Train N steps” takes: a whole number from 1 to {most}",
    "label.lr": "η",
    "label.weight_decay": "λ",
    "tip.lr": "the learning rate η: each step moves every weight by −η × its gradient",
    "tip.weight_decay": "the weight-decay coefficient λ of the document's “+W” term (1 in the document)",
    "label.steps": "N =",
    "label.progress": "progress",
    "group.weights001": "weights w1…w8",
    "group.biases001": "biases b1, b2 (not trained, as in the document)",
    "group.data001": "inputs and targets",
    "group.lr": "learning rate η",
    "group.weights000": "weights W(1), W(2), W(3)",
    "group.biases000": "biases b1…b6",
    "group.data000": "input x and label y",
    "group.lr_decay": "learning rate η and weight decay λ",
    "numbers.loss": "{loss} = {value} after {n} training steps",
    "numbers.unit": "unit",
    "numbers.weight": "weight",
    "numbers.last_step": "the last step, η = {lr}",
    "numbers.old": "old",
    "numbers.new": "new",
    "bars.title": "∂{loss}/∂w for each weight",
    "bars.subtitle": "bars scaled to the largest |value| = {top}",
    "curves.loss": "{loss} over the training steps (log scale)",
    "curves.grads": "each weight's gradient over the training steps",
    # ---- end dashboards ----
    # ---- the playground of notebook 03 and its Voilà app ---------------------------------
    # ---- end playground ----
    # ---- messages of the widget-free models (session, playground) ------------------------
    # ---- end models ----
}

ZH = {
    # ---- shared by the dashboards and the playground ------------------------------------
    "button.step": "走一步",
    "button.reset": "重置",
    "msg.unexpected": "出了点问题（{error}）；已保留上一个正常的状态。",
    "table.more_rows": "……另有 {n} 行",
    "static.run_me": "▶ 交互部件：运行这个单元格（或“Run → Run All Cells”）后即可使用；需要正在运行的 Python 内核。",
    "static.picture": "在此之前，这是它的网络在文档初始值下的静态图：",
    "static.plain": "[交互部件：运行这个单元格后即可使用]",
    # ---- end shared ----
    # ---- the dashboards of notebooks 01 and 02 --------------------------------------------
    "button.train": "训练 N 步",
    "msg.trained": "已训练 {n} 步。",
    "msg.step_taken": "已走一步：每个权重都沿着与梯度相反的方向移动了。",
    "msg.reset": "已回到文档中的初始值。",
    "msg.bad_number": "{name}：“{value}”不是一个数；{name} 仍为 {current}。",
    "msg.bad_steps": "N 必须是 1 到 {most} 之间的整数；“{value}”不是。N 仍为 {current}。",
    "tip.step": "梯度下降走一步",
    "tip.train": "训练 N 步，带进度条",
    "tip.reset": "回到文档中的初始值",
    "tip.readout": "{name} 的值：输入一个数并按回车",
    "tip.steps": "“训练 N 步”要走的步数：1 到 {most} 之间的整数",
    "label.lr": "η",
    "label.weight_decay": "λ",
    "tip.lr": "学习率 η：每一步把每个权重移动 −η × 它的梯度",
    "tip.weight_decay": "文档中“+W”项的权重衰减系数 λ（文档中为 1）",
    "label.steps": "N =",
    "label.progress": "进度",
    "group.weights001": "权重 w1…w8",
    "group.biases001": "偏置 b1、b2（与文档一样，不参与训练）",
    "group.data001": "输入与目标值",
    "group.lr": "学习率 η",
    "group.weights000": "权重 W(1)、W(2)、W(3)",
    "group.biases000": "偏置 b1…b6",
    "group.data000": "输入 x 与标签 y",
    "group.lr_decay": "学习率 η 与权重衰减 λ",
    "numbers.loss": "训练 {n} 步后 {loss} = {value}",
    "numbers.unit": "神经元",
    "numbers.weight": "权重",
    "numbers.last_step": "上一步（η = {lr}）",
    "numbers.old": "原值",
    "numbers.new": "新值",
    "bars.title": "每个权重的 ∂{loss}/∂w",
    "bars.subtitle": "柱高按最大的 |值| = {top} 缩放",
    "curves.loss": "训练过程中的损失 {loss}（对数坐标）",
    "curves.grads": "训练过程中每个权重的梯度",
    # ---- end dashboards ----
    # ---- the playground of notebook 03 and its Voilà app ---------------------------------
    # ---- end playground ----
    # ---- messages of the widget-free models (session, playground) ------------------------
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
