"""The drawings' default titles and axis labels, in English and Chinese.

``figures`` asks ``label(key, lang)`` for every word it writes itself; the notebooks'
own figure titles live with their sentences in ``bpcore/documents/captions.py``.
Formulas ($...$) stay as they are in both languages, and so does every symbol.
"""
from .. import texts

EN = {
    "gradient_bars.title": "gradient of each weight",
    "gradient_bars.positive": "positive",
    "gradient_bars.negative": "negative",
    "gradient_bars.log_axis": " (log scale)",
    "axis.training_step": "training step",
    "loss_curve.title": "loss over training steps",
    "gradient_curves.title": "gradients over training steps",
    "axis.gradient": "gradient",
    "activation_plot.title": "activation f(z) (solid) and its derivative f'(z) (dashed)",
    "gradcheck_sweep.title": "gradient check: the worst relative error against the step ε",
    "axis.eps": "step ε of the central difference",
    "axis.worst_relative_error": "worst relative error",
    "gradcheck_sweep.best": "best ε",
}

ZH = {
    "gradient_bars.title": "每个权重的梯度",
    "gradient_bars.positive": "正",
    "gradient_bars.negative": "负",
    "gradient_bars.log_axis": "（对数坐标）",
    "axis.training_step": "训练步数",
    "loss_curve.title": "损失随训练步数的变化",
    "gradient_curves.title": "梯度随训练步数的变化",
    "axis.gradient": "梯度",
    "activation_plot.title": "激活函数 f(z)（实线）及其导数 f'(z)（虚线）",
    "gradcheck_sweep.title": "梯度检验：最大相对误差随步长 ε 的变化",
    "axis.eps": "中心差分的步长 ε",
    "axis.worst_relative_error": "最大相对误差",
    "gradcheck_sweep.best": "最佳 ε",
}

TABLES = {"en": EN, "zh": ZH}


def label(key, lang="en"):
    """The label ``key`` in ``lang`` ("en" or "zh"); ValueError for an unknown language."""
    return texts.lookup(TABLES, key, lang, {}, "label")
