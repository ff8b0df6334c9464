"""The notebook sections and dashboard controls the teacher's guide names, in one place.

docs/teaching.md and docs/teaching.zh-CN.md refer to a notebook section as ``§ *heading*`` (the
heading's words, or the part that names it) and to a control as ``⟨label⟩``.  tests/test_docs.py
checks that every reference in each guide is listed here, that every entry here is referred to in
both guides, and that each heading is a heading of that notebook in that edition and each label a
text of the dashboards' string tables.

``PENDING`` lists entries whose section or control is being written at the same time as the guide:
their checks are expected to fail (xfail) until that work is merged.  After merging it, put each
pending entry's actual heading here and in both guides, and delete it from PENDING.  It is empty:
every heading and label below exists.
"""
#: key -> (notebook file name, English heading, Chinese heading)
N00, N01, N02, N03 = ("00_start_here.ipynb", "01_bp_2-2-2_worked_example.ipynb", "02_bp_2-3-2-1_derivation.ipynb",
                      "03_playground.ipynb")
SECTIONS = {
    "00 use": (N00, "How to use them", "怎么用"),
    "00 lost": (N00, "When you are lost", "迷路了怎么办"),
    "01 network": (N01, "The network", "网络结构"),
    "01 forward": (N01, "Forward pass", "正向传播"),
    "01 error": (N01, "Total error", "总误差"),
    "01 w5": (N01, "Back-propagation to w5", "反向传播：隐藏层→输出层"),
    "01 what delta": (N01, "What δ means", "δ 是什么意思"),
    "01 w1": (N01, "Back-propagation to w1", "反向传播：输入层→隐藏层"),
    "01 hidden delta": (N01, "The δ of a hidden neuron", "隐藏层神经元的 δ"),
    "01 sizes": (N01, "Why w1–w4's gradients are tens to hundreds of times smaller", "为什么 w1–w4 的梯度要小几十到几百倍"),
    "01 repeat": (N01, "Repeat until it converges", "迭代更新直到收敛"),
    "01 first order": (N01, "Why a step against the gradient lowers the error", "为什么逆着梯度走一步，误差会变小"),
    "01 order": (N01, "Why all eight weights move together", "为什么八个权重要同时更新"),
    "01 biases": (N01, "The biases", "偏置"),
    "01 numpy": (N01, "The backward pass in plain numpy", "用 numpy 写出反向传播"),
    "01 your turn": (N01, "Your turn", "轮到你了"),
    "01 bpcore backward": (N01, "bpcore's own backward pass", "bpcore 自己的反向传播"),
    "01 errata": (N01, "Errata", "勘误"),
    "01 play": (N01, "Play with it", "交互"),
    "01 exercises": (N01, "Exercises", "练习"),
    "02 network": (N02, "The network and its parameters", "网络结构与参数"),
    "02 gradients": (N02, "The gradients, in general", "计算偏导数"),
    "02 delta": (N02, "The error term", "误差项"),
    "02 saturation": (N02, "Saturation", "饱和"),
    "02 update": (N02, "Updating the parameters", "更新参数"),
    "02 example output": (N02, "The output layer's error term", "计算输出层误差项"),
    "02 example first": (N02, "The first hidden layer's error term", "计算第一隐含层的误差项"),
    "02 errata": (N02, "Errata", "勘误"),
    "02 play": (N02, "Play with it", "交互"),
    "02 exercises": (N02, "Exercises", "练习"),
    "03 use": (N03, "How to use it", "使用方法"),
    "03 without": (N03, "What happens, without the buttons", "不点按钮，看看背后发生了什么"),
    "03 try": (N03, "Things to try", "试一试"),
    "03 exercises": (N03, "Exercises", "练习"),
}

#: key -> (string-table key in bpcore/widgets/strings.py, English label, Chinese label)
CONTROLS = {
    "step": ("button.step", "One step", "走一步"),
    "train": ("button.train", "Train N steps", "训练 N 步"),
    "reset": ("button.reset", "Reset", "重置"),
    "undo": ("button.undo", "Undo", "撤销"),
    "lr": ("label.lr", "η", "η"),
    "decay": ("label.weight_decay", "λ", "λ"),
    "play activation": ("play.activation", "activation", "激活函数"),
    "play lr": ("play.lr", "η (learning rate)", "学习率 η"),
    "play decay": ("play.regularisation", "regularisation", "正则化"),
    "play batch": ("play.batch_size", "batch size", "批大小"),
    "play output": ("play.output", "output, loss", "输出与损失"),
    "play play": ("play.button.play", "Play", "连续训练"),
    "play pause": ("play.button.pause", "Pause", "暂停"),
    "play new weights": ("play.button.new_weights", "New weights", "换一组初始权重"),
    "play save": ("play.button.save", "Save", "保存"),
    "play load": ("play.button.upload_state", "Load saved state", "加载已保存的状态"),
}

#: entries being written on other branches at the same time as the guide (see the module's docstring)
PENDING = set()
