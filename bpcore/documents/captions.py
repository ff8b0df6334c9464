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
from .. import checks

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
    "report.two_paths": "The error reaches the hidden unit along two paths, and their contributions add up:",
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
    "check.right_relative": "✓ Right: {value:.10g} (within {rtol:.2%} of bpcore's value).",
    "check.wrong_relative": "✗ Not yet: {value:.10g} is off by {off:.3g}, that is {rel:.2%} of bpcore's value "
                            "(within {rtol:.2%} counts as right). Look at the hint and try again.",
    # ---- exercise: check_quantities, several named numbers at once ------------------------
    "exercise.your_quantities": "your quantities (a dict name → number)",
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
    "report.network": "network {sizes} · activations: {activations} · loss: {loss} · {bias}",
    "report.bias_per_neuron": "one bias per neuron",
    "report.bias_shared": "one bias per layer",
    "report.product": "product",
    "report.factor_shapes": "shapes of the factors",
    "report.result_shape": "result",
    "report.not_defined": "not defined",
    "report.shrink": "largest |δ| shrinks by",
    "report.ratio": "ratio",
    "doc000.delta_half_sse": "δ with L = ½(y − ŷ)²",
    "doc000.delta_bce": "δ with cross-entropy",
    "doc000.one_neuron": "f₁′ (w_(1,4) δ₄ + w_(1,5) δ₅):     {by_sum:.15e}\n"
                         "row 1 of f′ ⊙ (W⁽²⁾ᵀ δ⁽²⁾):         {row:.15e}\n"
                         "δ⁽¹⁾₁ from bpcore's backward pass:  {backward:.15e}",
    "doc000.diag": "diag(f′) v = {diag}\nf′ ⊙ v     = {hadamard}\nlargest difference: {diff:g}",
    "doc000.residual": "1 − σ(z₆) = {naive:.17e}\nσ(−z₆)    = {stable:.17e}\nrelative difference: {rel:.1e}",
    "doc000.worst": "worst relative error at ε = {eps:g}: {naive:.1e} with 1 − σ(z₆), {stable:.1e} with σ(−z₆)",
    "doc000.sweep_min": "with 1 − σ(z₆): best ε = {eps_naive:.1e}, worst error {naive:.1e}\n"
                        "with σ(−z₆):    best ε = {eps_stable:.1e}, worst error {stable:.1e}",
    "doc000.objective": "L + ½‖W‖² before the document's step: {before:.12f}\n"
                        "L + ½‖W‖² after it:                   {after:.12f}",
    "doc000.reg_check": "worst relative error of ∂(L + ½‖W‖²)/∂W over the {count} weights (ε = {eps:g}): {err:.1e}",
    "doc000.sweep_naive": "L from 1 − σ(z₆)",
    "doc000.sweep_stable": "L from σ(−z₆)",
    "doc000.hint_f_not_prime": "multiply by f(z) instead of f′(z) (the slip in the document's formula for δ⁽¹⁾)",
    "doc000.hint_no_transpose": "send δ back through W instead of Wᵀ",
    "doc000.hint_no_f_prime": "leave out the factor f′(z)",
    "doc000.hint_sign": "flip the sign (the numerator is ŷ − y, not y − ŷ)",
    "doc000.hint_half_sse": "use the derivative of ½(y − ŷ)² instead of the cross-entropy's",
    "doc000.hint_kept_f_prime": "keep the factor f′(z⁽³⁾) (with cross-entropy it cancels)",
    "doc000.hint_half_lambda": "keep the ½ of the penalty (the derivative of ½w² is w: the 2 of the square cancels it)",
    "doc000.hint_two_lambda": "drop the ½ of the penalty (its derivative is λW, not 2λW)",
    "doc000.hint_penalty_only": "leave out ∂L/∂W (the objective is L plus the penalty)",
    "doc000.hint_sum": "add the gradients of the batch up instead of averaging them",
    "doc000.hint_decay_per_sample": "decay once per sample (m λ W) instead of once per step",
    "doc000.hint_no_decay": "leave out the decay term λW",
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
    "check.right_relative": "✓ 正确：{value:.10g}（与 bpcore 的值相差不超过 {rtol:.2%}）。",
    "check.wrong_relative": "✗ 还不对：{value:.10g} 差了 {off:.3g}，是 bpcore 的值的 {rel:.2%}"
                            "（相差不超过 {rtol:.2%} 算对）。看看提示，再试一次。",
    # ---- exercise: check_quantities, several named numbers at once ------------------------
    "exercise.your_quantities": "你算出的各个量（一个“名字 → 数”的 dict）",
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
    "report.network": "网络 {sizes} · 激活函数：{activations} · 损失函数：{loss} · {bias}",
    "report.bias_per_neuron": "每个神经元一个偏置",
    "report.bias_shared": "每层一个偏置",
    "report.product": "乘积",
    "report.factor_shapes": "各因子的形状",
    "report.result_shape": "结果",
    "report.not_defined": "没有定义",
    "report.shrink": "最大的 |δ| 缩小的倍数",
    "report.ratio": "比值",
    "doc000.delta_half_sse": "δ（损失 L = ½(y − ŷ)²）",
    "doc000.delta_bce": "δ（交叉熵）",
    "doc000.one_neuron": "f₁′ (w_(1,4) δ₄ + w_(1,5) δ₅)：       {by_sum:.15e}\n"
                         "f′ ⊙ (W⁽²⁾ᵀ δ⁽²⁾) 的第 1 行：        {row:.15e}\n"
                         "bpcore 反向传播得到的 δ⁽¹⁾₁：       {backward:.15e}",
    "doc000.diag": "diag(f′) v = {diag}\nf′ ⊙ v     = {hadamard}\n最大差值：{diff:g}",
    "doc000.residual": "1 − σ(z₆) = {naive:.17e}\nσ(−z₆)    = {stable:.17e}\n相对差：{rel:.1e}",
    "doc000.worst": "ε = {eps:g} 时的最大相对误差：用 1 − σ(z₆) 为 {naive:.1e}，用 σ(−z₆) 为 {stable:.1e}",
    "doc000.sweep_min": "用 1 − σ(z₆)：最佳 ε = {eps_naive:.1e}，最大误差 {naive:.1e}\n"
                        "用 σ(−z₆)：   最佳 ε = {eps_stable:.1e}，最大误差 {stable:.1e}",
    "doc000.objective": "按原文规则更新前的 L + ½‖W‖²：{before:.12f}\n"
                        "更新后的 L + ½‖W‖²：          {after:.12f}",
    "doc000.reg_check": "{count} 个权重上 ∂(L + ½‖W‖²)/∂W 的最大相对误差（ε = {eps:g}）：{err:.1e}",
    "doc000.sweep_naive": "用 1 − σ(z₆) 算 L",
    "doc000.sweep_stable": "用 σ(−z₆) 算 L",
    "doc000.hint_f_not_prime": "乘了 f(z) 而不是 f′(z)（文章 δ⁽¹⁾ 公式里的笔误）",
    "doc000.hint_no_transpose": "让 δ 经过 W 而不是 Wᵀ 传回去",
    "doc000.hint_no_f_prime": "漏掉了因子 f′(z)",
    "doc000.hint_sign": "把符号弄反了（分子是 ŷ − y，不是 y − ŷ）",
    "doc000.hint_half_sse": "用了 ½(y − ŷ)² 的导数，而不是交叉熵的",
    "doc000.hint_kept_f_prime": "保留了因子 f′(z⁽³⁾)（用交叉熵时它被约掉了）",
    "doc000.hint_half_lambda": "保留了惩罚项的 ½（½w² 的导数是 w：平方带来的 2 把它约掉了）",
    "doc000.hint_two_lambda": "丢掉了惩罚项的 ½（它的导数是 λW，不是 2λW）",
    "doc000.hint_penalty_only": "漏掉了 ∂L/∂W（目标函数是 L 加上惩罚项）",
    "doc000.hint_sum": "把一批样本的梯度相加，而没有取平均",
    "doc000.hint_decay_per_sample": "每个样本都衰减一次（m λ W），而不是每一步衰减一次",
    "doc000.hint_no_decay": "漏掉了衰减项 λW",
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
    table = TABLES[checks.language(lang)]
    if key not in table:
        raise ValueError(f"unknown caption key {key!r}")
    return table[key].format(**values) if values else table[key]
