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
    # ---- files to and from the learner's computer (browserfile; the browser edition) ----------
    "file.download": "⬇ download {name}",
    "file.in_browser": ("Python runs inside this browser tab, so files it writes stay in the tab: click "
                        "the link to keep {name} on your computer, and upload it again to load it."),
    # ---- end files ----
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
    "button.undo": "Undo",
    "tip.undo": "undo the last step or run: weights, curves and step count go back",
    "tip.slider": "{name}: drag, or use the arrow keys; the box on the right shows the exact value",
    "tip.progress": "how far the last run got",
    "label.progress_done": "done",
    "label.progress_undone": "undone",
    "msg.overshoot_step": ("The loss rose: η is too large for this point, and the step overshot "
                           "({loss} went from {before} to {after} with η = {lr}). The step is kept, so the "
                           "curve shows the rise; “{undo}” takes it back."),
    "msg.overshoot_run": ("The loss rose in {rises} of these {n} steps: η is too large for these points, and "
                          "the steps overshot ({loss}: {before} at the start, {after} now, η = {lr}). The run is "
                          "kept, so the curve shows the rises; “{undo}” takes it back."),
    "msg.overshoot_run_end": ("The loss rose over these {n} steps, from {before} to {after}: η = {lr} is too "
                              "large for this point, and the steps overshot ({loss}). The run is kept, so the "
                              "curve shows it; “{undo}” takes it back."),
    "msg.overflow_step": ("With η = {lr}, this step would make the weights or the loss overflow to infinity "
                          "(inf or NaN), so it was not taken; nothing changed. Try a smaller η."),
    "msg.overflow_run": ("With η = {lr}, these {n} steps make the weights or the loss overflow to infinity "
                         "(inf or NaN), so the run was undone; nothing changed. Try a smaller η."),
    "msg.busy": "A step or a run is still under way; wait for it to finish, then try again.",
    "msg.nothing_to_undo": "There is no step or run to undo.",
    "msg.interrupted": "Interrupted: the step or run was undone; nothing changed.",
    "msg.undone": "Undone: back to before the last {n} step(s), at step {steps}.",
    "msg.too_large": "{name}: “{value}” is too large for this dashboard (at most ±{most}); {name} stays {current}.",
    "msg.not_positive": "{name} must be greater than 0; “{value}” is not. {name} stays {current}.",
    "msg.negative": "{name} must be 0 or more; “{value}” is not. {name} stays {current}.",
    "numbers.unchanged": "unchanged at these digits: {names}",
    "numbers.objective": "{loss} + λ/2·ΣW²",
    "hint.scroll": "⟷ The diagram is wider than this page: scroll it sideways to see the rest.",
    # ---- end dashboards ----
    # ---- the playground of notebook 03 and its Voilà app ---------------------------------
    "play.section.data": "data",
    "play.section.network": "network",
    "play.section.training": "training",
    "play.section.files": "save and load",
    "play.dataset": "data set",
    "play.dataset.xor": "xor",
    "play.dataset.circles": "circles",
    "play.dataset.moons": "moons",
    "play.dataset.blobs": "blobs",
    "play.dataset.spirals": "spirals",
    "play.dataset.3 classes": "3 classes",
    "play.dataset.custom": "custom (your CSV)",
    "play.n_points": "points",
    "play.noise": "noise",
    "play.test_fraction": "test fraction",
    "play.data_seed": "data seed",
    "play.hidden": "hidden layers",
    "play.hidden.placeholder": "e.g. 3, 2",
    "play.hidden.bad": "hidden layers: write the sizes separated by commas, like 3, 2 (got {text})",
    "play.activation": "activation",
    "play.activation.sigmoid": "sigmoid",
    "play.activation.tanh": "tanh",
    "play.activation.relu": "ReLU",
    "play.output": "output, loss",
    "play.output.half_sse": "sigmoid + ½Σ(y−ŷ)²",
    "play.output.bce": "sigmoid + cross-entropy",
    "play.output.softmax": "softmax + cross-entropy",
    "play.lr": "η (learning rate)",
    "play.decay_on": "use weight decay",
    "play.weight_decay": "λ (weight decay)",
    "play.batch_size": "batch size",
    "play.seed": "weights seed",
    "play.stop_epochs": "stop at epoch",
    "play.stop_loss": "stop below loss",
    "play.steps_per_frame": "steps per frame",
    "play.button.play": "Play",
    "play.button.pause": "Pause",
    "play.button.save": "Save",
    "play.button.load_path": "Load CSV",
    "play.button.upload_csv": "Upload CSV",
    "play.button.upload_state": "Load saved state",
    "play.button.tables": "Show the numbers",
    "play.tip.play": "train continuously, a few steps per frame",
    "play.tip.pause": "stop training",
    "play.tip.step": "one mini-batch step",
    "play.tip.reset": "new weights from the seed",
    "play.tip.save": "settings and weights as a JSON file",
    "play.tip.load_path": "load the CSV file at the path above",
    "play.tip.upload_csv": "a CSV file with the columns x1, x2, label",
    "play.tip.upload_state": "a JSON file saved by this playground",
    "play.tip.tables": "the numbers behind the plots, as tables",
    "play.save_path": "save to",
    "play.csv_path": "CSV path",
    "play.pick": "weight",
    "play.counter": "<b>epoch {epoch}</b> · step {steps} · train loss {train_loss} · test loss {test_loss} · "
                    "test accuracy {test_acc}%",
    "play.diagram.note": "edge width: |weight| (blue +, vermillion −); orange band: |∂L/∂w| over the "
                         "training set, relative to the largest",
    "play.boundary.legend": "filled: training points · hollow: test points\nshape and colour: class",
    "play.curve.loss": "loss",
    "play.curve.accuracy": "accuracy",
    "play.curve.epoch": "epoch",
    "play.curve.train": "train",
    "play.curve.test": "test",
    "play.weight.title": "<b>{name}</b>: from unit {j} of layer {k_in} to unit {i} of layer {k}",
    "play.weight.value": "value w",
    "play.weight.delta": "δ{i} of layer {k}, first training point",
    "play.weight.back": "  = f'(z) × (Wᵀδ) of layer {k}",
    "play.weight.out": "  = ŷ − y (sigmoid/softmax with cross-entropy) or (ŷ − y) f'(z)",
    "play.weight.input": "input n{j} of layer {k}, first training point",
    "play.weight.contribution": "its δ·n entry for that point",
    "play.weight.gradient": "∂L/∂w = mean of δ·n over {n} training points",
    "play.weight.numeric": "central finite difference",
    "play.table.history": "loss and accuracy over epochs",
    "play.table.epoch": "epoch",
    "play.table.train_loss": "train loss",
    "play.table.test_loss": "test loss",
    "play.table.train_acc": "train acc.",
    "play.table.test_acc": "test acc.",
    "play.table.weights": "weights and biases, with ∂L/∂ over the training set",
    "play.table.parameter": "parameter",
    "play.table.value": "value",
    "play.table.gradient": "gradient",
    "play.table.points": "every point: class and the network's prediction",
    "play.table.class": "class",
    "play.table.predicted": "predicted",
    "play.msg.output_softmax": "This data has {n} classes, so the output is now softmax with cross-entropy.",
    "play.msg.output_back": "Two classes again, so the output is back to {output}.",
    "play.msg.reset": "New weights from the seed; epoch 0.",
    "play.msg.loaded_csv": "Loaded {n} points in {k} classes.",
    "play.msg.loaded_state": "Loaded a saved state: epoch {epoch}.",
    "play.msg.saved": "Saved to {path}.",
    "play.msg.not_saved": "Could not write {path} ({reason}); use the download link.",
    "play.msg.stopped": "Stopped: the \"stop when\" condition is met at epoch {epoch}.",
    "play.msg.play_failed": "Play stopped ({error}).",
    "play.msg.no_loop": "Play needs a running notebook kernel; use One step or run_frames here.",
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
    "msg.unexpected": "出了点问题（{error}）；已保留上一个正常的状态。",
    "table.more_rows": "……另有 {n} 行",
    "static.run_me": "▶ 交互部件：运行这个单元格（或“Run → Run All Cells”）后即可使用；需要正在运行的 Python 内核。",
    "static.picture": "在此之前，这是它的网络在文档初始值下的静态图：",
    "static.plain": "[交互部件：运行这个单元格后即可使用]",
    # ---- end shared ----
    # ---- files to and from the learner's computer (browserfile; the browser edition) ----------
    "file.download": "⬇ 下载 {name}",
    "file.in_browser": ("这里的 Python 在浏览器标签页里运行，它写的文件只留在这个标签页中：点击链接把 {name} "
                        "保存到你的电脑，以后再上传它即可载入。"),
    # ---- end files ----
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
    "button.undo": "撤销",
    "tip.undo": "撤销上一步或上一次训练：权重、曲线和步数都回到之前",
    "tip.slider": "{name}：拖动滑块，或用方向键；右边的框显示精确值",
    "tip.progress": "上一次训练进行到哪里",
    "label.progress_done": "完成",
    "label.progress_undone": "已撤销",
    "msg.overshoot_step": ("损失上升了：对这一点来说 η 太大，这一步冲过了头"
                           "（η = {lr} 时 {loss} 从 {before} 变为 {after}）。这一步已保留，曲线上可以看到上升；"
                           "点“{undo}”可以退回。"),
    "msg.overshoot_run": ("这 {n} 步中有 {rises} 步损失上升了：对这些点来说 η 太大，步子冲过了头"
                          "（{loss}：开始时 {before}，现在 {after}，η = {lr}）。这次训练已保留，曲线上可以看到上升；"
                          "点“{undo}”可以退回。"),
    "msg.overshoot_run_end": ("这 {n} 步之后损失从 {before} 升到了 {after}：对这一点来说 η = {lr} 太大，"
                              "步子冲过了头（{loss}）。这次训练已保留，曲线上可以看到；点“{undo}”可以退回。"),
    "msg.overflow_step": ("η = {lr} 时，这一步会让权重或损失溢出为无穷大（inf 或 NaN），所以没有执行；"
                          "什么都没有改变。请试试更小的 η。"),
    "msg.overflow_run": ("η = {lr} 时，这 {n} 步会让权重或损失溢出为无穷大（inf 或 NaN），所以这次训练已撤销；"
                         "什么都没有改变。请试试更小的 η。"),
    "msg.busy": "还有一步或一次训练正在进行；请等它结束后再试。",
    "msg.nothing_to_undo": "没有可以撤销的一步或一次训练。",
    "msg.interrupted": "已中断：这一步或这次训练已撤销，什么都没有改变。",
    "msg.undone": "已撤销：回到最近 {n} 步之前，现在是第 {steps} 步。",
    "msg.too_large": "{name}：“{value}”太大，这个面板显示不了（最多 ±{most}）；{name} 仍为 {current}。",
    "msg.not_positive": "{name} 必须大于 0；“{value}”不是。{name} 仍为 {current}。",
    "msg.negative": "{name} 必须大于或等于 0；“{value}”不是。{name} 仍为 {current}。",
    "numbers.unchanged": "在显示的位数上没有变化：{names}",
    "numbers.objective": "{loss} + λ/2·ΣW²",
    "hint.scroll": "⟷ 网络图比页面宽：左右滚动可以看到其余部分。",
    # ---- end dashboards ----
    # ---- the playground of notebook 03 and its Voilà app ---------------------------------
    "play.section.data": "数据",
    "play.section.network": "网络",
    "play.section.training": "训练",
    "play.section.files": "保存与加载",
    "play.dataset": "数据集",
    "play.dataset.xor": "异或 (xor)",
    "play.dataset.circles": "同心圆",
    "play.dataset.moons": "双月",
    "play.dataset.blobs": "高斯团",
    "play.dataset.spirals": "双螺旋",
    "play.dataset.3 classes": "三类",
    "play.dataset.custom": "自定义（你的 CSV）",
    "play.n_points": "点数",
    "play.noise": "噪声",
    "play.test_fraction": "测试集比例",
    "play.data_seed": "数据种子",
    "play.hidden": "隐藏层",
    "play.hidden.placeholder": "例如 3, 2",
    "play.hidden.bad": "隐藏层：请写出各层神经元个数，用逗号分隔，例如 3, 2（收到的是 {text}）",
    "play.activation": "激活函数",
    "play.activation.sigmoid": "sigmoid",
    "play.activation.tanh": "tanh",
    "play.activation.relu": "ReLU",
    "play.output": "输出与损失",
    "play.output.half_sse": "sigmoid + ½Σ(y−ŷ)²",
    "play.output.bce": "sigmoid + 交叉熵",
    "play.output.softmax": "softmax + 交叉熵",
    "play.lr": "学习率 η",
    "play.decay_on": "使用权重衰减",
    "play.weight_decay": "权重衰减 λ",
    "play.batch_size": "批大小",
    "play.seed": "权重种子",
    "play.stop_epochs": "到此轮数停止",
    "play.stop_loss": "损失低于则停",
    "play.steps_per_frame": "每帧步数",
    "play.button.play": "连续训练",
    "play.button.pause": "暂停",
    "play.button.save": "保存",
    "play.button.load_path": "加载 CSV",
    "play.button.upload_csv": "上传 CSV",
    "play.button.upload_state": "加载已保存的状态",
    "play.button.tables": "显示数字",
    "play.tip.play": "连续训练，每帧走几步",
    "play.tip.pause": "停止训练",
    "play.tip.step": "用一个小批量训练一步",
    "play.tip.reset": "按种子重新生成权重",
    "play.tip.save": "把设置和权重存为 JSON 文件",
    "play.tip.load_path": "加载上面路径处的 CSV 文件",
    "play.tip.upload_csv": "含 x1, x2, label 三列的 CSV 文件",
    "play.tip.upload_state": "本游乐场保存的 JSON 文件",
    "play.tip.tables": "图背后的数字，以表格列出",
    "play.save_path": "保存到",
    "play.csv_path": "CSV 路径",
    "play.pick": "权重",
    "play.counter": "<b>第 {epoch} 轮</b> · 第 {steps} 步 · 训练损失 {train_loss} · 测试损失 {test_loss} · "
                    "测试准确率 {test_acc}%",
    "play.diagram.note": "连线粗细：|权重|（蓝为正，朱红为负）；橙色带：在训练集上的 |∂L/∂w|，相对于最大者",
    "play.boundary.legend": "实心：训练点 · 空心：测试点\n形状与颜色：类别",
    "play.curve.loss": "损失",
    "play.curve.accuracy": "准确率",
    "play.curve.epoch": "轮数",
    "play.curve.train": "训练",
    "play.curve.test": "测试",
    "play.weight.title": "<b>{name}</b>：从第 {k_in} 层的第 {j} 个神经元到第 {k} 层的第 {i} 个神经元",
    "play.weight.value": "权重值 w",
    "play.weight.delta": "第 {k} 层的 δ{i}（第一个训练点）",
    "play.weight.back": "  = f'(z) × 第 {k} 层的 (Wᵀδ)",
    "play.weight.out": "  = ŷ − y（sigmoid/softmax 配交叉熵）或 (ŷ − y) f'(z)",
    "play.weight.input": "第 {k} 层的输入 n{j}（第一个训练点）",
    "play.weight.contribution": "该点的 δ·n 项",
    "play.weight.gradient": "∂L/∂w = {n} 个训练点上 δ·n 的平均",
    "play.weight.numeric": "中心差分",
    "play.table.history": "各轮的损失与准确率",
    "play.table.epoch": "轮数",
    "play.table.train_loss": "训练损失",
    "play.table.test_loss": "测试损失",
    "play.table.train_acc": "训练准确率",
    "play.table.test_acc": "测试准确率",
    "play.table.weights": "权重与偏置，及其在训练集上的 ∂L/∂",
    "play.table.parameter": "参数",
    "play.table.value": "值",
    "play.table.gradient": "梯度",
    "play.table.points": "每个点：类别与网络的预测",
    "play.table.class": "类别",
    "play.table.predicted": "预测",
    "play.msg.output_softmax": "这份数据有 {n} 个类别，所以输出改为 softmax 配交叉熵。",
    "play.msg.output_back": "又只有两个类别了，所以输出改回 {output}。",
    "play.msg.reset": "已按种子重新生成权重；第 0 轮。",
    "play.msg.loaded_csv": "已加载 {n} 个点，共 {k} 个类别。",
    "play.msg.loaded_state": "已加载保存的状态：第 {epoch} 轮。",
    "play.msg.saved": "已保存到 {path}。",
    "play.msg.not_saved": "无法写入 {path}（{reason}）；请用下载链接。",
    "play.msg.stopped": "已停止：在第 {epoch} 轮满足了“停止条件”。",
    "play.msg.play_failed": "连续训练已停止（{error}）。",
    "play.msg.no_loop": "连续训练需要正在运行的笔记本内核；这里请用“走一步”或 run_frames。",
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
