"""The notebook sections and dashboard controls the teacher's guide names, in one place.

docs/teaching.md and docs/teaching.zh-CN.md refer to a notebook section as ``§ *heading*`` (the
heading's words, or the part that names it) and to a control as ``⟨label⟩``.  tests/test_docs.py
checks that every reference in each guide is listed here, that every entry here is referred to in
both guides, and that each heading is a heading of that notebook in that edition and each label a
text of the dashboards' string tables.

``PENDING`` entries are sections and controls being written at the same time as the guide (the
notebooks 01 and 02 and the dashboards' rewrites): their checks are expected to fail (xfail) until
that work is merged.  After merging it: put each pending entry's actual heading here and in both
guides, and delete it from PENDING.
"""
#: key -> (notebook file name, English heading, Chinese heading)
SECTIONS = {
    "00 use": ("00_start_here.ipynb", "How to use them", "怎么用"),
    "01 forward": ("01_bp_2-2-2_worked_example.ipynb", "Forward pass", "正向传播"),
    "01 error": ("01_bp_2-2-2_worked_example.ipynb", "Total error", "总误差"),
    "01 w5": ("01_bp_2-2-2_worked_example.ipynb", "Back-propagation to w5", "反向传播：隐藏层→输出层"),
    "01 delta": ("01_bp_2-2-2_worked_example.ipynb", "The δ shorthand", "δ 记号"),
    "01 w1": ("01_bp_2-2-2_worked_example.ipynb", "Back-propagation to w1", "反向传播：输入层→隐藏层"),
    "01 delta down": ("01_bp_2-2-2_worked_example.ipynb", "The δ shorthand, one layer down", "再往下一层的 δ 记号"),
    "01 repeat": ("01_bp_2-2-2_worked_example.ipynb", "Repeat until it converges", "迭代更新直到收敛"),
    "01 errata": ("01_bp_2-2-2_worked_example.ipynb", "Errata", "勘误"),
    "01 play": ("01_bp_2-2-2_worked_example.ipynb", "Play with it", "交互"),
    "01 exercises": ("01_bp_2-2-2_worked_example.ipynb", "Exercises", "练习"),
    "01 nudge": ("01_bp_2-2-2_worked_example.ipynb", "Nudge a weight", "推一推权重"),
    "01 two paths": ("01_bp_2-2-2_worked_example.ipynb", "Why contributions add", "为什么贡献要相加"),
    "01 what delta": ("01_bp_2-2-2_worked_example.ipynb", "What δ means", "δ 的含义"),
    "01 biases": ("01_bp_2-2-2_worked_example.ipynb", "Biases", "偏置"),
    "01 sizes": ("01_bp_2-2-2_worked_example.ipynb", "Gradient sizes", "梯度的大小"),
    "01 order": ("01_bp_2-2-2_worked_example.ipynb", "Update order", "更新的顺序"),
    "01 numpy": ("01_bp_2-2-2_worked_example.ipynb", "Back-propagation in plain numpy", "用 numpy 写反向传播"),
    "01 your turn": ("01_bp_2-2-2_worked_example.ipynb", "Your turn", "轮到你了"),
    "02 network": ("02_bp_2-3-2-1_derivation.ipynb", "The network and its parameters", "网络结构与参数"),
    "02 delta": ("02_bp_2-3-2-1_derivation.ipynb", "The error term", "误差项"),
    "02 update": ("02_bp_2-3-2-1_derivation.ipynb", "Updating the parameters", "更新参数"),
    "02 example output": ("02_bp_2-3-2-1_derivation.ipynb", "The output layer's error term", "计算输出层误差项"),
    "02 example first": ("02_bp_2-3-2-1_derivation.ipynb", "The first hidden layer's error term", "计算第一隐含层的误差项"),
    "02 errata": ("02_bp_2-3-2-1_derivation.ipynb", "Errata", "勘误"),
    "02 play": ("02_bp_2-3-2-1_derivation.ipynb", "Play with it", "交互"),
    "02 exercises": ("02_bp_2-3-2-1_derivation.ipynb", "Exercises", "练习"),
    "02 matrices": ("02_bp_2-3-2-1_derivation.ipynb", "From one weight to matrices", "从单个权重到矩阵"),
    "02 saturation": ("02_bp_2-3-2-1_derivation.ipynb", "Saturation", "饱和"),
    "02 gradcheck": ("02_bp_2-3-2-1_derivation.ipynb", "Checking the gradients", "检验梯度"),
    "03 use": ("03_playground.ipynb", "How to use it", "使用方法"),
    "03 without": ("03_playground.ipynb", "What happens, without the buttons", "不点按钮，看看背后发生了什么"),
    "03 try": ("03_playground.ipynb", "Things to try", "试一试"),
    "03 exercises": ("03_playground.ipynb", "Exercises", "练习"),
}

#: key -> (string-table key in bpcore/widgets/strings.py, English label, Chinese label)
CONTROLS = {
    "step": ("button.step", "One step", "走一步"),
    "train": ("button.train", "Train N steps", "训练 N 步"),
    "reset": ("button.reset", "Reset", "重置"),
    "lr": ("label.lr", "η", "η"),
    "decay": ("label.weight_decay", "λ", "λ"),
    "undo": ("button.undo", "Undo", "撤销"),
    "play activation": ("play.activation", "activation", "激活函数"),
    "play lr": ("play.lr", "η (learning rate)", "学习率 η"),
    "play decay": ("play.decay_on", "use weight decay", "使用权重衰减"),
    "play batch": ("play.batch_size", "batch size", "批大小"),
    "play output": ("play.output", "output, loss", "输出与损失"),
    "play new weights": ("button.new_weights", "New weights", "新的权重"),
}

#: entries being written on other branches at the same time as the guide (see the module's docstring)
PENDING = {"01 nudge", "01 two paths", "01 what delta", "01 biases", "01 sizes", "01 order", "01 numpy",
           "01 your turn", "02 matrices", "02 saturation", "02 gradcheck", "undo", "play new weights"}
