"""Every sentence the notebooks print and every heading their tables show, in English and Chinese.

The notebooks come in two editions, ``notebooks/en`` and ``notebooks/zh``, whose code cells
are identical apart from their first line, ``LANG = "en"`` or ``LANG = "zh"``.  So a code
cell never types a sentence itself: it asks for one here, ``text(key, LANG, **values)``,
and ``report`` builds its tables' headings and verdicts the same way.

    >>> text("check.your_answer", "zh")
    '你的答案'
    >>> text("doc001.loss_before_after", "en", before=0.25, after=0.125)
    'E_total before the step: 0.250000000\\nE_total after the step:  0.125000000'

The Chinese uses the documents' own terms: 正向传播, 反向传播, 链式法则, 误差, 权重,
偏置, 学习率 η, 权重衰减 λ.  ``tests/test_captions.py`` fails if a key is missing in
either table or the two disagree on placeholders.  (The widget layer's texts live in
``bpcore/widgets/strings.py``; the drawings' default labels in ``bpcore/draw/labels.py``.)
"""
from .. import texts

EN = {
    # ---- report: the tables of bpcore.documents.report ----------------------------------
    "report.quantity": "quantity",
    "report.line_bpcore": "bpcore: {value}",
    "report.line_rounded": "rounded as printed: {value}",
    "report.line_prints": "the document prints: {value}",
    "report.line_printed": "prints: {value}",
    "report.line_right": "right: {value}",
    "report.line_with_slip": "with the document's slip: {value}",
    "report.line_correct": "correct: {value}",
    "report.line_computed_with_slip": "computed with the slip: {value}",
    "report.line_computed_correctly": "computed correctly: {value}",
    "report.compare_heading": "bpcore, and what the document prints",
    "report.errata_where": "where, what and why",
    "report.errata_values": "the document's value, and the right one",
    "report.reproduction_heading": "printed, recomputed with the slip, and correct",
    "report.slip_then": "{slip}; the next number is ${symbol}$",
    "report.rounded": "bpcore, rounded as printed",
    "report.document_prints": "document prints",
    "report.see_errata": "✗ see errata",
    "report.two_paths": "The error reaches the hidden neuron along two paths, and their contributions add up:",
    "report.sum": "sum",
    "report.same": "✓ the same",
    "report.differs": "✗ differs",
    "report.backward_gave": "The backward pass gave ${result} = {value}$: {verdict}.",
    "report.where": "where",
    "report.own_procedure": "its own procedure gives",
    "report.with_slip": "with the document's slip",
    "report.cause": "cause",
    "report.formula": "formula",
    "report.wording": "wording",
    "report.correct": "correct",
    "report.slip": "slip",
    "report.printed_as": "${symbol}$ printed as {printed}",
    "report.next_number": "next number",
    "report.computed_with_slip": "computed with the slip",
    "report.computed_correctly": "computed correctly",
    "report.used_right_value": "✓ the document used the right value",
    "report.layer": "layer k",
    "report.unit": "unit",
    "report.weight": "weight",
    "report.old_value": "old value",
    "report.new_value": "new = old − {lr:g} × ∂E/∂w",
    "report.parameter": "parameter",
    "report.backward_pass": "backward pass",
    "report.finite_differences": "finite differences",
    "report.relative_error": "relative error",
    # ---- check: the exercises' verdicts --------------------------------------------------
    "check.your_answer": "your answer",
    "check.empty": "✎ Put {what} in the cell above and run both cells again.",
    "check.not_a_number": "✗ {what} should be a number, got {answer}.",
    "check.right": "✓ Right: {value:.10g} (within {tol:g} of bpcore's value).",
    "check.wrong": "✗ Not yet: {value:.10g} is off by {off:.3g}. Look at the hint and try again.",
    "check.right_choice": "✓ Right.",
    "check.wrong_choice": "✗ Not yet: {answer} is not it. Look at the hint and try again.",
    "check.not_an_option": "✗ {answer} is not one of the answers this exercise asks for: write one of {options}.",
    "check.quoted_number": "✗ {what} should be a number, got the text {answer}: write it without quotes.",
    "check.right_relative": "✓ Right: {value:.10g} (within {rtol:.2%} of bpcore's value).",
    "check.wrong_relative": "✗ Not yet: {value:.10g} is off by {off:.3g}, that is {rel:.2%} of bpcore's value "
                            "(within {rtol:.2%} counts as right). Look at the hint and try again.",
    # ---- exercise: check_quantities, several named numbers at once ------------------------
    "exercise.your_quantities": "your answers",
    "exercise.not_mapping": "✗ Your answer should be a dict name → number, with the names {names}; you have {got}.",
    "exercise.missing": "✗ {name} is missing: add it to your dict under the name '{name}'.",
    "exercise.malformed": "✗ {name} should be {want}; you have {got}.",
    "exercise.wrong_shape": "✗ {name} should be {want}; you have {got}.",
    "exercise.a_number": "one number",
    "exercise.an_array": "an array of shape {shape}",
    "exercise.not_finite": "✗ {name} is not a finite number (NaN or inf): look for a division by zero or an overflow.",
    "exercise.off": "✗ {name} is off: you have {mine}, expected {expected}.",
    "exercise.did_you": "Did you {hint}?",
    "exercise.all_right": "✓ All {count} quantities agree with bpcore's (within a relative {rtol:g}).",
    "exercise.hint_no_transpose": "multiply by W2 instead of its transpose (h1 hears from o1 through w5 and from o2 through w7, a column of W2)",
    "exercise.hint_no_slope": "forget the hidden neuron's own slope out_h (1 − out_h)",
    "exercise.hint_output_slope": "use the output layer's slope out_o (1 − out_o) instead of the hidden layer's",
    "exercise.hint_one_path": "take only the path through o1 and leave out the one through o2",
    "exercise.hint_outer_order": "put the inputs on the rows: ∂E/∂W1 has a row per hidden neuron, np.outer(delta_h, x)",
    "exercise.hint_hidden_input": "multiply by the hidden outputs out_h: what w1..w4 carry is the input x",
    # ---- reasons: the tables beside notebook 01's explanations ---------------------------
    "reasons.minus_backward": "slope − backward pass",
    "reasons.slope": "slope (E(+h) − E(−h)) / 2h",
    "reasons.backward_value": "The backward pass (the chain rule) gives ${symbol} = {value}$.",
    "reasons.path": "path through",
    "reasons.formula": "formula",
    "reasons.numbers": "numbers",
    "reasons.value": "value",
    "reasons.cancels": "The two paths pull in opposite directions: the smaller cancels {share:.0%} of the larger.",
    "reasons.reinforce": "The two paths pull in the same direction and reinforce each other.",
    "reasons.predicted": "first order: −η Σ (∂E/∂w)²",
    "reasons.actual": "real change of E",
    "reasons.E_after": "E after the step (before: {E})",
    "reasons.ratio": "real / predicted",
    "reasons.bias": "bias",
    "reasons.from_deltas": "from the δs",
    "reasons.bpcore_grad": "bpcore's ∂E/∂b",
    "reasons.setting": "biases",
    "reasons.biases_fixed": "fixed, as in the document",
    "reasons.biases_trained": "trained too",
    "reasons.E_after_steps": "E_total after {steps:,} steps",
    "reasons.order": "update",
    "reasons.simultaneous": "simultaneous (the document): every gradient at the old weights",
    "reasons.sequential": "w5–w8 first, then w1–w4's gradients with the new w5–w8",
    "reasons.E_after_one": "E_total after the step",
    "reasons.quantity": "quantity",
    "reasons.factor": "factor",
    "reasons.meaning": "what it is",
    "reasons.factor_input": "the input w1 carries is small, next to the one w5 carries",
    "reasons.factor_slope": "the error passes one more sigmoid on its way back",
    "reasons.factor_weight": "it comes back through w5",
    "reasons.factor_cancel": "what is left after the path through o2 cancels part of the path through o1",
    "reasons.product": "product",
    "reasons.bpcore_ratio": "bpcore's two gradients, divided",
    "reasons.numpy": "the numpy cell",
    "reasons.agree": "agree",
    "reasons.overshoot": "targets {targets}, η = {lr:g}, one step of all eight weights:\n"
                         "E_total before the step:       {before:.6f}\n"
                         "E_total after the step:        {after:.6f}   (it rose by {rise:.6f})\n"
                         "first-order prediction of ΔE: {predicted:+.6f}",
    # ---- notebook 01, document 001 -------------------------------------------------------
    "doc001.figure1": "Figure 1 · the 2-2-2 network and the names of its weights (document 001)",
    "doc001.figure2": "Figure 2 · the starting values: inputs {x[0]:.2f}, {x[1]:.2f}; targets {y[0]:.2f}, {y[1]:.2f} "
                      "(green: each neuron's output, computed in section 1)",
    "doc001.figure3": "Figure 3 · from E_total back to w5: E_total → out_o1 → net_o1 → w5",
    "doc001.figure4": "Figure 4 · from E_total back to w1: along o1 and along o2, both through h1",
    "doc001.gradients": "∂E_total/∂w for each weight at the document's starting values",
    "doc001.loss_before_after": "E_total before the step: {before:.9f}\nE_total after the step:  {after:.9f}",
    "doc001.trained": "after {steps} steps: E_total = {loss:.3e}\noutputs: {outputs}  targets: {targets}",
    "doc001.loss_curve": "E_total over {steps:,} steps of gradient descent (η = {lr:g})",
    "doc001.better_lr": "the better learning rate",
    # ---- notebook 02, document 000 -------------------------------------------------------
    "doc000.figure1": "Figure 1 · document 000's 2-3-2-1 network with the example's weights and biases",
    "doc000.decay": "loss before:                         {before:.6e}\n"
                    "loss after a plain step:             {plain:.6e}\n"
                    "loss after the document's step:      {decayed:.6e}",
    "doc000.z5": "z5 with w_(2,5) = {w25:g}: {slipped:.6f}    correct z5: {correct:.6f}",
    "doc000.factor": "the factor after 20 steps",
    # ---- notebook 03, the playground without the buttons ---------------------------------
    "play.trained": "after {epochs:.1f} epochs: train loss {train_loss:.4f}, test loss {test_loss:.4f}, "
                    "test accuracy {test_acc:.0%}",
    "play.sigmoid": "sigmoid everywhere, after {epochs:.1f} epochs: test accuracy {test_acc:.0%}",
    "play.one_weight": "∂L/∂w (backward pass):     {gradient:.10f}\n∂L/∂w (finite difference): {numeric:.10f}",
}

ZH = {
    # ---- report: the tables of bpcore.documents.report ----------------------------------
    "report.quantity": "量",
    "report.line_bpcore": "bpcore 算出：{value}",
    "report.line_rounded": "按原文的位数取舍：{value}",
    "report.line_prints": "原文印出：{value}",
    "report.line_printed": "原文：{value}",
    "report.line_right": "正确：{value}",
    "report.line_with_slip": "带着原文的笔误重算：{value}",
    "report.line_correct": "正确值：{value}",
    "report.line_computed_with_slip": "用笔误的值计算：{value}",
    "report.line_computed_correctly": "用正确的值计算：{value}",
    "report.compare_heading": "bpcore 的值，以及原文印出的值",
    "report.errata_where": "位置、内容与原因",
    "report.errata_values": "原文的值与正确的值",
    "report.reproduction_heading": "原文、带着笔误重算、正确值",
    "report.slip_then": "{slip}；紧接着的数是 ${symbol}$",
    "report.rounded": "bpcore（按原文的位数取舍）",
    "report.document_prints": "原文",
    "report.see_errata": "✗ 见勘误",
    "report.two_paths": "误差沿两条路径传回这个隐藏层神经元，两条路径的贡献相加：",
    "report.sum": "求和",
    "report.same": "✓ 一致",
    "report.differs": "✗ 不一致",
    "report.backward_gave": "反向传播算出的是 ${result} = {value}$：{verdict}。",
    "report.where": "位置",
    "report.own_procedure": "按原文自己的方法应得",
    "report.with_slip": "带着原文的笔误重算",
    "report.cause": "原因",
    "report.formula": "公式",
    "report.wording": "文字",
    "report.correct": "正确值",
    "report.slip": "笔误",
    "report.printed_as": "${symbol}$ 写成了 {printed}",
    "report.next_number": "紧接着的数",
    "report.computed_with_slip": "用笔误的值计算",
    "report.computed_correctly": "用正确的值计算",
    "report.used_right_value": "✓ 原文实际用的是正确的值",
    "report.layer": "层 k",
    "report.unit": "神经元",
    "report.weight": "权重",
    "report.old_value": "原值",
    "report.new_value": "新值 = 原值 − {lr:g} × ∂E/∂w",
    "report.parameter": "参数",
    "report.backward_pass": "反向传播",
    "report.finite_differences": "有限差分",
    "report.relative_error": "相对误差",
    # ---- check: the exercises' verdicts --------------------------------------------------
    "check.your_answer": "你的答案",
    "check.empty": "✎ 把{what}填进上面的单元格，再把这两个单元格依次运行一遍。",
    "check.not_a_number": "✗ {what}应该是一个数，现在是 {answer}。",
    "check.right": "✓ 正确：{value:.10g}（与 bpcore 的值相差不超过 {tol:g}）。",
    "check.wrong": "✗ 还不对：{value:.10g} 差了 {off:.3g}。看看提示，再试一次。",
    "check.right_choice": "✓ 正确。",
    "check.wrong_choice": "✗ 还不对：不是 {answer}。看看提示，再试一次。",
    "check.not_an_option": "✗ {answer} 不是这道题要的答案形式：请填 {options} 中的一个。",
    "check.quoted_number": "✗ {what}应该是一个数，现在是文字 {answer}：去掉引号再试。",
    "check.right_relative": "✓ 正确：{value:.10g}（与 bpcore 的值相差不超过 {rtol:.2%}）。",
    "check.wrong_relative": "✗ 还不对：{value:.10g} 差了 {off:.3g}，是 bpcore 的值的 {rel:.2%}"
                            "（相差不超过 {rtol:.2%} 算对）。看看提示，再试一次。",
    # ---- exercise: check_quantities, several named numbers at once ------------------------
    "exercise.your_quantities": "你的答案",
    "exercise.not_mapping": "✗ 答案应该是一个“名字 → 数”的 dict，名字是 {names}；现在是 {got}。",
    "exercise.missing": "✗ 缺少 {name}：请把它以名字 '{name}' 放进你的 dict。",
    "exercise.malformed": "✗ {name} 应该是{want}；现在是 {got}。",
    "exercise.wrong_shape": "✗ {name} 应该是{want}；现在是{got}。",
    "exercise.a_number": "一个数",
    "exercise.an_array": "形状为 {shape} 的数组",
    "exercise.not_finite": "✗ {name} 不是有限的数（NaN 或 inf）：检查一下有没有除以零或溢出。",
    "exercise.off": "✗ {name} 不对：你算出 {mine}，应为 {expected}。",
    "exercise.did_you": "是不是{hint}？",
    "exercise.all_right": "✓ 全部 {count} 个量都与 bpcore 的一致（相对误差不超过 {rtol:g}）。",
    "exercise.hint_no_transpose": "乘的是 W2 而不是它的转置（h1 经 w5 接收 o1、经 w7 接收 o2 的误差，这是 W2 的一列）",
    "exercise.hint_no_slope": "漏乘了隐藏层神经元自己的斜率 out_h (1 − out_h)",
    "exercise.hint_output_slope": "用了输出层的斜率 out_o (1 − out_o)，而不是隐藏层的",
    "exercise.hint_one_path": "只算了经过 o1 的那条路径，漏掉了经过 o2 的那条",
    "exercise.hint_outer_order": "把输入放在了行上：∂E/∂W1 每一行对应一个隐藏层神经元，应为 np.outer(delta_h, x)",
    "exercise.hint_hidden_input": "乘的是隐藏层的输出 out_h：w1..w4 传递的是输入 x",
    # ---- reasons: the tables beside notebook 01's explanations ---------------------------
    "reasons.minus_backward": "斜率 − 反向传播的值",
    "reasons.slope": "斜率 (E(+h) − E(−h)) / 2h",
    "reasons.backward_value": "反向传播（链式法则）算出的是 ${symbol} = {value}$。",
    "reasons.path": "经过",
    "reasons.formula": "公式",
    "reasons.numbers": "代入数字",
    "reasons.value": "值",
    "reasons.cancels": "两条路径的方向相反：较小的一条抵消了较大那条的 {share:.0%}。",
    "reasons.reinforce": "两条路径的方向相同，互相加强。",
    "reasons.predicted": "一阶近似：−η Σ (∂E/∂w)²",
    "reasons.actual": "E 的实际变化",
    "reasons.E_after": "更新后的 E（更新前：{E}）",
    "reasons.ratio": "实际 / 预测",
    "reasons.bias": "偏置",
    "reasons.from_deltas": "由各个 δ 算出",
    "reasons.bpcore_grad": "bpcore 的 ∂E/∂b",
    "reasons.setting": "偏置",
    "reasons.biases_fixed": "不更新（与原文相同）",
    "reasons.biases_trained": "也一起更新",
    "reasons.E_after_steps": "训练 {steps:,} 步后的 E_total",
    "reasons.order": "更新方式",
    "reasons.simultaneous": "同时更新（原文的做法）：所有梯度都在旧权重处计算",
    "reasons.sequential": "先更新 w5–w8，再用新的 w5–w8 计算 w1–w4 的梯度",
    "reasons.E_after_one": "更新一次后的 E_total",
    "reasons.quantity": "量",
    "reasons.factor": "因子",
    "reasons.meaning": "含义",
    "reasons.factor_input": "w1 传递的输入很小，比 w5 传递的小得多",
    "reasons.factor_slope": "误差在传回来的路上多经过了一个 sigmoid",
    "reasons.factor_weight": "误差经过 w5 传回来",
    "reasons.factor_cancel": "经过 o2 的路径抵消掉经过 o1 的路径的一部分之后剩下的比例",
    "reasons.product": "乘积",
    "reasons.bpcore_ratio": "bpcore 的两个梯度相除",
    "reasons.numpy": "numpy 单元格算出",
    "reasons.agree": "一致",
    "reasons.overshoot": "目标值 {targets}，η = {lr:g}，八个权重一起更新一步：\n"
                         "更新前的 E_total：      {before:.6f}\n"
                         "更新后的 E_total：      {after:.6f}   （上升了 {rise:.6f}）\n"
                         "一阶近似预测的 ΔE：     {predicted:+.6f}",
    # ---- notebook 01, document 001 -------------------------------------------------------
    "doc001.figure1": "图 1 · 2-2-2 网络和各个权重的名称（文档 001）",
    "doc001.figure2": "图 2 · 初始值：输入 {x[0]:.2f}、{x[1]:.2f}；目标输出 {y[0]:.2f}、{y[1]:.2f}"
                      "（绿色：各神经元的输出，第 1 节算出）",
    "doc001.figure3": "图 3 · 从 E_total 反向传播到 w5：E_total → out_o1 → net_o1 → w5",
    "doc001.figure4": "图 4 · 从 E_total 反向传播到 w1：经 o1、经 o2 两条路径，都要经过 h1",
    "doc001.gradients": "原文初始值下每个权重的 ∂E_total/∂w",
    "doc001.loss_before_after": "更新前的 E_total：{before:.9f}\n更新后的 E_total：{after:.9f}",
    "doc001.trained": "训练 {steps} 步后：E_total = {loss:.3e}\n输出：{outputs}  目标：{targets}",
    "doc001.loss_curve": "梯度下降 {steps:,} 步中 E_total 的变化（η = {lr:g}）",
    "doc001.better_lr": "更好的学习率",
    # ---- notebook 02, document 000 -------------------------------------------------------
    "doc000.figure1": "图 1 · 文档 000 的 2-3-2-1 网络，标出例子中的权重和偏置",
    "doc000.decay": "更新前的损失：                 {before:.6e}\n"         # aligned for CJK double-width
                    "普通的一步更新后：             {plain:.6e}\n"
                    "按原文的规则（带 +W）更新后：  {decayed:.6e}",
    "doc000.z5": "用 w_(2,5) = {w25:g} 算出的 z5：{slipped:.6f}    正确的 z5：{correct:.6f}",
    "doc000.factor": "20 步之后的倍数",
    # ---- notebook 03, the playground without the buttons ---------------------------------
    "play.trained": "训练 {epochs:.1f} 轮后：训练集损失 {train_loss:.4f}，测试集损失 {test_loss:.4f}，"
                    "测试集准确率 {test_acc:.0%}",
    "play.sigmoid": "每层都用 sigmoid，训练 {epochs:.1f} 轮后：测试集准确率 {test_acc:.0%}",
    "play.one_weight": "∂L/∂w（反向传播）：{gradient:.10f}\n∂L/∂w（有限差分）：{numeric:.10f}",
}

TABLES = {"en": EN, "zh": ZH}


def text(key, lang="en", **values):
    """The text for ``key`` in ``lang`` ("en" or "zh"), its ``{placeholders}`` filled from ``values``.

    ValueError for an unknown language or key (TypeError if ``lang`` is not a string).
    """
    return texts.lookup(TABLES, key, lang, values, "caption")
