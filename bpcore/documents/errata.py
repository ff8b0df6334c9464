"""Every number the two documents print, what bpcore computes for it, and the errata.

``NUMBERS`` lists each printed number once, in the order it appears, with the
section it sits in and a function that reads bpcore's value off the worked
example (``worked.doc001()`` / ``worked.doc000()``).  Where the document is
wrong, ``cause`` says why in one line; where the slip is the document having
used a value other than the one it printed, ``as_printed`` recomputes the
number the document's way and reproduces what it prints.

``FORMULAS`` lists the formulas printed wrongly, with the correct form; ``WORDING`` the
sentences that say something wrong in words (a name, a default, an attribution, typos).

Notebooks 01 and 02 show ``table("001")`` and ``table("000")``; the tests pin
every row.  Each cause is written in English and in Chinese (``cause(item, lang)``),
and so are the few symbols with words in them (``symbol(number, lang)``); the section
titles carry the document's Chinese title first (``section(title, lang)``).
"""
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

from .. import checks
from . import worked
from .printed import agrees, at_precision_of


@dataclass(frozen=True)
class Printed:
    """One number printed in a document.

    value(w) reads bpcore's number off the worked example ``w``; ``as_printed(w)``
    (errata only) reads the same quantity off the document's own, slipped
    computation, and ``printed_scale`` is the power of ten, if any, by which the
    printed digits are further off from that.
    """
    id: str
    doc: str
    section: str
    symbol: str
    printed: str
    value: Callable
    cause: Optional[str] = None
    as_printed: Optional[Callable] = None
    printed_scale: float = 1.0
    cause_zh: Optional[str] = None


@dataclass(frozen=True)
class Formula:
    """A formula a document prints wrongly, and the correct one (both LaTeX)."""
    id: str
    doc: str
    section: str
    printed: str
    correct: str
    cause: str
    cause_zh: str
    correct_zh: Optional[str] = None
    category: Optional["Cause"] = None     # what kind of erratum, if not simply a wrong formula


@dataclass(frozen=True)
class Wording:
    """A sentence a document gets wrong in words, not in a number or a formula: what it says
    (quoted, in Chinese), what is right, and why, in both languages."""
    id: str
    doc: str
    section: str
    printed: str
    correct: str
    cause: str
    cause_zh: str
    correct_zh: str


@dataclass(frozen=True)
class Cause:
    """A cause in both languages; causes are built from parts with ``+``."""
    en: str
    zh: str

    def __add__(self, other):
        return Cause(self.en + other.en, self.zh + other.zh)


# ---- document 001 -------------------------------------------------------------
S1_FWD = "正向传播 · forward pass"
S1_ERR = "总误差 · total error"
S1_W5 = "反向传播：w5 · back-propagation to w5"
S1_W1 = "反向传播：w1 · back-propagation to w1"

TRUNCATED = Cause("the document cut the digits off instead of rounding them",
                  "原文把多出的位数直接舍去了，没有四舍五入")


def _n1(id_, section, symbol, printed, value, cause=None):
    return Printed("doc001_" + id_, "001", section, symbol, printed, value, cause and cause.en,
                   cause_zh=cause and cause.zh)


NUMBERS_001 = [
    _n1("net_h1", S1_FWD, r"net_{h1}", "0.3775", lambda w: w.net_h1),
    _n1("out_h1", S1_FWD, r"out_{h1} = f(net_{h1})", "0.59327", lambda w: w.out_h1),
    _n1("net_h2", S1_FWD, r"net_{h2}", "0.3925", lambda w: w.net_h2),
    _n1("out_h2", S1_FWD, r"out_{h2} = f(net_{h2})", "0.59688", lambda w: w.out_h2),
    _n1("out_h1_in_net_o1", S1_FWD, r"out_{h1}\ \text{(inside } net_{o1})", "0.589327", lambda w: w.out_h1,
        Cause("a typing slip: 0.589327 for 0.593270; the sum 1.1059 printed next to it uses the right value",
              "笔误：0.589327 应为 0.593270；紧接着算出的和 1.1059 用的是正确的值")),
    _n1("net_o1", S1_FWD, r"net_{o1}", "1.1059", lambda w: w.net_o1),
    _n1("out_o1", S1_FWD, r"out_{o1}", "0.751365", lambda w: w.out_o1),
    _n1("out_o2", S1_FWD, r"out_{o2}", "0.772928", lambda w: w.out_o2),
    _n1("E_o1", S1_ERR, r"E_{o1}", "0.274811", lambda w: w.E_o1),
    _n1("E_o2", S1_ERR, r"E_{o2}", "0.02356", lambda w: w.E_o2),
    _n1("E_total", S1_ERR, r"E_{total}", "0.298371", lambda w: w.E_total),
    _n1("dE_dout_o1", S1_W5, r"\partial E_{total}/\partial out_{o1}", "0.741365", lambda w: w.dE_dout_o1),
    _n1("dout_o1_dnet_o1", S1_W5, r"\partial out_{o1}/\partial net_{o1}", "0.186816", lambda w: w.dout_o1_dnet_o1),
    _n1("dnet_o1_dw5", S1_W5, r"\partial net_{o1}/\partial w_5 = out_{h1}", "0.59327", lambda w: w.out_h1),
    _n1("dE_dw5", S1_W5, r"\partial E_{total}/\partial w_5", "0.082167", lambda w: w.dE_dw["w5"]),
    _n1("w5_new", S1_W5, r"w_5^{new}", "0.358916", lambda w: w.new["w5"]),
    _n1("dE_dout_o1_in_delta_o1", S1_W1, r"\partial E_{o1}/\partial out_{o1}\ \text{(first factor)}", "0.741265",
        lambda w: w.dE_dout_o1,
        Cause("a typing slip: 0.741265 for 0.741365; the product 0.138499 printed next to it uses the right value",
              "笔误：0.741265 应为 0.741365；紧接着算出的乘积 0.138499 用的是正确的值")),
    _n1("dEo1_dnet_o1", S1_W1, r"\partial E_{o1}/\partial net_{o1} = \delta_{o1}", "0.138499", lambda w: w.delta_o1),
    _n1("delta_o1_7dp", S1_W1, r"\delta_{o1}\ \text{(to 7 places)}", "0.1384986", lambda w: w.delta_o1),
    _n1("dnet_o1_douth1", S1_W1, r"\partial net_{o1}/\partial out_{h1} = w_5", "0.4", lambda w: w.net["w5"]),
    _n1("dEo1_douth1", S1_W1, r"\partial E_{o1}/\partial out_{h1}", "0.055399", lambda w: w.dEo1_douth1),
    _n1("dEo2_douth1", S1_W1, r"\partial E_{o2}/\partial out_{h1}", "-0.019049", lambda w: w.dEo2_douth1),
    _n1("dE_douth1", S1_W1, r"\partial E_{total}/\partial out_{h1}", "0.03635", lambda w: w.dE_douth1),
    _n1("out_h1_6dp", S1_W1, r"out_{h1}\ \text{(to 6 places)}", "0.593269", lambda w: w.out_h1,
        TRUNCATED + Cause(" (0.5932699921 rounds to 0.593270)", "（0.5932699921 四舍五入应为 0.593270）")),
    _n1("douth1_dneth1", S1_W1, r"\partial out_{h1}/\partial net_{h1}", "0.241301", lambda w: w.douth1_dneth1),
    _n1("dneth1_dw1", S1_W1, r"\partial net_{h1}/\partial w_1 = i_1", "0.05", lambda w: w.i1),
    _n1("dE_dw1", S1_W1, r"\partial E_{total}/\partial w_1", "0.000438", lambda w: w.dE_dw["w1"],
        TRUNCATED + Cause(" (0.00043857 rounds to 0.000439)", "（0.00043857 四舍五入应为 0.000439）")),
    _n1("w1_new", S1_W1, r"w_1^{new}", "0.14978", lambda w: w.new["w1"]),
]

S1_ALL = "全文 · throughout"
S1_INTRO = "开头 · introduction"


def _w1(id_, section, printed, correct, correct_zh, cause):
    return Wording("doc001_" + id_, "001", section, printed, correct, cause.en, cause.zh, correct_zh)


#: What document 001 gets wrong in words (the numbers and formulas are above and in ``FORMULAS``).
WORDING_001 = [
    _w1("targets_called_outputs", S1_FWD,
        "“我们实际的神经网络输出0.01和0.99”；结尾：“输出值可以非常接近我们的实际输出值”",
        "0.01 and 0.99 are the targets (目标输出): the outputs the network should give",
        "0.01 和 0.99 是目标值（target）：网络应当给出的输出",
        Cause("it calls the targets the network's 'actual outputs', twice (after the forward pass and in the "
              "last paragraph); the actual outputs are what the network computes, 0.751365 and 0.772928, "
              "and the targets are what they should become",
              "原文两次（正向传播之后和最后一段）把目标值叫作“实际的神经网络输出”；网络实际的输出是它算出来的 "
              "0.751365 和 0.772928，目标值是它们应当接近的值，两者正好说反了")),
    _w1("eta_default", S1_W5,
        "“一般初始化的时候我们将η设为0.5”",
        "η = 0.5 is this example's choice, not a general default",
        "η = 0.5 只是本例的取值，并不是通用的默认值",
        Cause("there is no general default learning rate: a good η depends on the network, the loss and the "
              "data (notebook 03 shows this), and too large an η overshoots (notebook 01, section 8)",
              "学习率没有通用的默认值：合适的 η 取决于网络、损失函数和数据（见 notebook 03），"
              "η 太大还会越过最低点（见 notebook 01 第 8 节）")),
    _w1("attribution", S1_INTRO,
        "“1986年由Rumelhart和McClelland为首的科学家提出”",
        "Rumelhart, Hinton & Williams (1986); earlier, Werbos (1974)",
        "Rumelhart、Hinton 与 Williams（1986）；更早有 Werbos（1974）",
        Cause("the 1986 paper that made back-propagation widely known, 'Learning representations by "
              "back-propagating errors' (Nature), is by Rumelhart, Hinton and Williams; McClelland edited, "
              "with Rumelhart, the book Parallel Distributed Processing (1986) in which their chapter on it "
              "appeared; Werbos had described the method in his 1974 thesis",
              "让反向传播广为人知的 1986 年论文《Learning representations by back-propagating errors》"
              "（Nature）的作者是 Rumelhart、Hinton 和 Williams；McClelland 是与 Rumelhart 合编"
              "《Parallel Distributed Processing》（1986）一书的编者，他们讲反向传播的那一章收在书中；"
              "Werbos 在 1974 年的博士论文里已经描述过这个方法")),
    _w1("h1_is_net", S1_FWD,
        "“也就是h1,就是权重和输入值加上偏置项的和”",
        "that sum is h1's net input net_h1; h1's output is out_h1 = f(net_h1)",
        "这个和是 h1 的净输入 net_h1；h1 的输出是 out_h1 = f(net_h1)",
        Cause("the weighted sum plus the bias is h1's net input, as the formula right after it says; "
              "h1's output is that sum after the sigmoid",
              "加权和再加上偏置是 h1 的净输入，紧接着的公式写的也是 net_h1；h1 的输出是它经过 sigmoid 之后的值")),
    _w1("typos", S1_ALL,
        "在与，不在是，着三项，神经网路",
        "在于, 不再是, 这三项, 神经网络",
        "在于，不再是，这三项，神经网络",
        Cause("typesetting: four typos of a homophone or a near-identical character in the Chinese text; "
              "none changes the meaning",
              "排版：中文里的四处错字（同音字或形近字），都不影响意思")),
]

# ---- document 000 -------------------------------------------------------------
S0_12 = "例子 1.2 计算第二层隐含层 · example 1.2, second hidden layer"
S0_OUT = "例子 2.1 计算网络误差 · example 2.1, the network's error"     # the document's heading has a stray 输
S0_D3 = "例子 2.1 计算输出层误差项 · example 2.1, output-layer error term"
S0_D2 = "例子 2.2 计算第二隐含层的误差项 · example 2.2, second hidden layer's error term"
S0_D1 = "例子 2.3 计算第一隐含层的误差项 · example 2.3, first hidden layer's error term"
S0_UP = "例子 3.1 更新第一隐含层的参数 · example 3.1, updating the first hidden layer"

SLIP = Cause("inherited: the document computed z5 with w_(2,5) = 3, not the printed 2",
             "连带错误：原文计算 z5 时用的是 w_(2,5) = 3，而不是它给出的 2")
TEN = Cause("; and the printed digits have one zero too many (10x too small)",
            "；另外小数点后多写了一个 0（小了 10 倍）")
THOUSAND = Cause("; and the printed digits have three zeros too many (1000x too small)",
                 "；另外小数点后多写了三个 0（小了 1000 倍）")
ETA_NOT_APPLIED = Cause("; and the increment printed is the gradient δx itself: the factor η = 0.1 was not "
                        "applied to it (the decay term was)",
                        "；另外印出的增量就是梯度 δx 本身：没有乘学习率 η = 0.1（衰减项倒是乘了）")


def _times(n):
    return Cause(f"; and {n}x too large", f"；另外大了 {n} 倍")


def _n0(id_, section, symbol, printed, value, cause=None, scale=1.0):
    slipped = value if cause and cause.en.startswith("inherited") else None
    return Printed("doc000_" + id_, "000", section, symbol, printed, value, cause and cause.en, slipped, scale,
                   cause and cause.zh)


def _W1_new(i, j):
    return lambda w: w.W_new[1][i, j]


NUMBERS_000 = [
    _n0("f1_z1", S0_12, r"f_1(z_1)", "0.993307149075715", lambda w: w.n[1][0]),
    _n0("f2_z2", S0_12, r"f_2(z_2)", "0.999876605424014", lambda w: w.n[1][1]),
    _n0("f3_z3", S0_12, r"f_3(z_3)", "0.999954602131298", lambda w: w.n[1][2]),
    _n0("z4", S0_12, r"z_4", "5.993092958762325", lambda w: w.z[2][0]),
    _n0("f4_z4", S0_12, r"f_4(z_4)", "0.997510281884102", lambda w: w.n[2][0]),
    _n0("y_hat", S0_OUT, r"\hat y = f_6(z_6)", "0.997520293823002", lambda w: w.y_hat[0], SLIP),
    _n0("y_minus_y_hat", S0_OUT, r"y - \hat y", "0.002479706176998", lambda w: w.y_minus_y_hat[0], SLIP),
    _n0("dL_dn3", S0_D3, r"\partial L/\partial n^{(3)} = -(y - \hat y)", "-0.002479706176998",
        lambda w: w.dL_dy_hat[0], SLIP),
    _n0("f6_prime", S0_D3, r"f^{(3)\prime}(z^{(3)})", "0.002473557234274", lambda w: w.f_prime[3][0], SLIP),
    _n0("delta3", S0_D3, r"\delta^{(3)}", "-0.000006133695153", lambda w: w.delta[3][0], SLIP),
    _n0("f4_prime", S0_D2, r"f_4'(z_4)", "0.002483519419601", lambda w: w.f_prime[2][0],
        TRUNCATED + Cause(" (0.00248351941960184 rounds to ...602), as for f_3'", "（0.00248351941960184 四舍五入应为 …602），和 f_3' 一样")),
    _n0("f5_prime", S0_D2, r"f_5'(z_5)", "0.000125939063189", lambda w: w.f_prime[2][1], SLIP),
    _n0("W3T_delta3_1", S0_D2, r"(W^{(3)T}\delta^{(3)})_1", "-0.000006133695153", lambda w: w.W_T_delta[2][0], SLIP),
    _n0("W3T_delta3_2", S0_D2, r"(W^{(3)T}\delta^{(3)})_2", "-0.000018401085459", lambda w: w.W_T_delta[2][1], SLIP),
    _n0("delta2_1", S0_D2, r"\delta^{(2)}_1", "-0.0000000015233151", lambda w: w.delta[2][0], SLIP + TEN, 0.1),
    _n0("delta2_2", S0_D2, r"\delta^{(2)}_2", "-0.000000002317415", lambda w: w.delta[2][1], SLIP),
    _n0("f1_prime", S0_D1, r"f_1'(z_1)", "0.006648056670790", lambda w: w.f_prime[1][0]),
    _n0("f2_prime", S0_D1, r"f_2'(z_2)", "0.000123379349765", lambda w: w.f_prime[1][1]),
    _n0("f3_prime", S0_D1, r"f_3'(z_3)", "0.000045395807735", lambda w: w.f_prime[1][2],
        TRUNCATED + Cause(" (0.0000453958077359 rounds to ...736)", "（0.0000453958077359 四舍五入应为 …736）")),
    _n0("delta1_1_in_2_3", S0_D1, r"\delta^{(1)}_1\ \text{(result of 2.3)}", "-0.000000000000147490",
        lambda w: w.delta[1][0], SLIP + THOUSAND, 1e-3),
    _n0("delta1_3_in_2_3", S0_D1, r"\delta^{(1)}_3\ \text{(result of 2.3; } \delta^{(1)}_2 \text{ is missing)}",
        "-0.0000000000001593", lambda w: w.delta[1][2], SLIP + Cause("; the middle entry is dropped", "；中间一项被漏掉了") + TEN, 0.1),
    _n0("delta1_1", S0_UP, r"\delta^{(1)}_1", "-0.000000000147490", lambda w: w.delta[1][0], SLIP),
    _n0("delta1_2_first", S0_UP, r"\delta^{(1)}_2\ \text{(first line)}", "-0.0000000000002451",
        lambda w: w.delta[1][1], SLIP + TEN, 0.1),
    _n0("delta1_2", S0_UP, r"\delta^{(1)}_2\ \text{(second line)}", "-0.000000000002451", lambda w: w.delta[1][1], SLIP),
    _n0("delta1_3", S0_UP, r"\delta^{(1)}_3", "-0.000000000001593", lambda w: w.delta[1][2], SLIP),
    _n0("W1_new_11", S0_UP, r"w_{(x_1,1)}^{new}", "1.800000000014749", _W1_new(0, 0), SLIP),
    _n0("W1_new_12", S0_UP, r"w_{(x_2,1)}^{new}", "0.900000000029498", _W1_new(0, 1), SLIP),
    _n0("W1_new_21", S0_UP, r"w_{(x_1,2)}^{new}", "0.90000000000245", _W1_new(1, 0), SLIP + ETA_NOT_APPLIED),
    _n0("W1_new_22", S0_UP, r"w_{(x_2,2)}^{new}", "2.70000000000490", _W1_new(1, 1), SLIP + ETA_NOT_APPLIED),
    _n0("W1_new_31", S0_UP, r"w_{(x_1,3)}^{new}", "2.700000000000159", _W1_new(2, 0), SLIP),
    _n0("W1_new_32", S0_UP, r"w_{(x_2,3)}^{new}", "1.80000000000319", _W1_new(2, 1), SLIP + ETA_NOT_APPLIED),
    _n0("db1_1", S0_UP, r"\delta^{(1)}_1\ \text{(in the } b^{(1)} \text{ update)}", "-0.00000000147490",
        lambda w: w.delta[1][0], SLIP + _times(10), 10.0),
    _n0("db1_2", S0_UP, r"\delta^{(1)}_2\ \text{(in the } b^{(1)} \text{ update)}", "-0.00000000002451",
        lambda w: w.delta[1][1], SLIP + _times(10), 10.0),
    _n0("db1_3", S0_UP, r"\delta^{(1)}_3\ \text{(in the } b^{(1)} \text{ update)}", "-0.0000000001593",
        lambda w: w.delta[1][2], SLIP + _times(100), 100.0),
]

NUMBERS = NUMBERS_001 + NUMBERS_000
WORDING = WORDING_001

# Three W1 entries print an increment ten times too large, and 10 = 1/η exactly: the document
# applied the decay, W - ηW, but added the gradient δx without its factor η.  Their document's
# value is (1 - ηλ) W - δx, computed that way (with the slipped δ) in ``as_printed``.
ETA_NOT_APPLIED_IDS = ("doc000_W1_new_21", "doc000_W1_new_22", "doc000_W1_new_32")

FORMULAS = [
    Formula("doc001_dE_dw5_formula", "001", S1_W5,
            r"(out_{o1}-target_{o1})\,out_{o1}(1-out_{o1})\,out_{o1}",
            r"(out_{o1}-target_{o1})\,out_{o1}(1-out_{o1})\,out_{h1}",
            "the last factor is dnet_o1/dw5 = out_h1, which the text itself computes a few lines earlier",
            "最后一个因子应是 ∂net_o1/∂w5 = out_h1，原文前几行自己就算过它"),
    Formula("doc000_delta_recursion", "000", "2.3 计算偏导数 ∂L/∂z⁽ᵏ⁾ · the error term",
            r"\delta^{(k)} = \frac{\partial L}{\partial z^{(k)}} + \frac{\partial L}{\partial z^{(k)}} + \dots",
            r"\delta^{(k)} = f_k'(z^{(k)}) \odot \left( (W^{(k+1)})^T \delta^{(k+1)} \right)",
            "the chain-rule line is garbled; the sentence after it states the right rule",
            "这一行链式法则写乱了；紧跟着的那句话说的才是正确的规则"),
    Formula("doc000_update_plus_W", "000", "2.5 更新参数 · updating the parameters",
            r"W^{(k)} \leftarrow W^{(k)} - \eta\left(\delta^{(k)} (n^{(k-1)})^T + W^{(k)}\right)",
            r"W^{(k)} \leftarrow W^{(k)} - \eta\, \delta^{(k)} (n^{(k-1)})^T"
            r"\quad\text{or, with L2 weight decay } \lambda\text{:}\quad "
            r"W^{(k)} \leftarrow W^{(k)} - \eta\left(\delta^{(k)} (n^{(k-1)})^T + \lambda W^{(k)}\right)",
            "not a misprint but a term the document never explains: +W is the gradient of an L2 penalty "
            "(λ/2)‖W‖² with λ = 1 (weight decay), so the step descends L + ½‖W‖², not L; "
            "bpcore reproduces it with weight_decay=1",
            "不是印错，而是原文没有交代的一项：“+W”是 L2 正则项 (λ/2)‖W‖² 在 λ = 1 时的梯度（权重衰减），"
            "所以这一步下降的是 L + ½‖W‖²，而不是 L；bpcore 用 weight_decay=1 重现了它",
            r"W^{(k)} \leftarrow W^{(k)} - \eta\, \delta^{(k)} (n^{(k-1)})^T"
            r"\quad\text{或者加上 L2 权重衰减 } \lambda\text{：}\quad "
            r"W^{(k)} \leftarrow W^{(k)} - \eta\left(\delta^{(k)} (n^{(k-1)})^T + \lambda W^{(k)}\right)",
            Cause("unexplained regulariser", "未加说明的正则项")),
    Formula("doc000_loss_formula", "000", "例子 · example",
            r"L(y,\hat y) = E(y-\hat y)^2\,\psi,\ L = (y,\hat y) = \tfrac12\sum(y-\hat y)^2",
            r"L(y,\hat y) = E\left[(y-\hat y)^2\right],\ L(y,\hat y) = \tfrac12\sum(y-\hat y)^2",
            "typesetting slips only: E(y − ŷ)² is most plausibly the expectation E[(y − ŷ)²], which is the "
            "mean-squared error, right as it stands; the garble is the stray 'ψ' after it; "
            "and 'L = (y, ŷ)' should read L(y, ŷ)",
            "只是排版错误：E(y − ŷ)² 最可能是期望 E[(y − ŷ)²]，也就是均方误差，本身没有错；"
            "乱码是它后面多出来的“ψ”；另外“L = (y, ŷ)”应为 L(y, ŷ)",
            category=Cause("typesetting slip", "排版错误")),
    Formula("doc000_bias_chain_shapes", "000", "2.2, 2.4 计算偏导数 ∂z/∂b、∂L/∂b · the bias gradient",
            r"\frac{\partial L}{\partial b^{(k)}} = \frac{\partial L}{\partial z^{(k)}} * "
            r"\frac{\partial z^{(k)}}{\partial b^{(k)}} = \delta^{(k)} I",
            r"\frac{\partial L}{\partial b^{(k)}} = \left(\frac{\partial z^{(k)}}{\partial b^{(k)}}\right)^T "
            r"\delta^{(k)} = I\,\delta^{(k)} = \delta^{(k)}",
            "a dimension error: δ⁽ᵏ⁾ is a column (3×1 for layer 1) and ∂z⁽ᵏ⁾/∂b⁽ᵏ⁾ the 3×3 identity, so "
            "δ·I, a 3×1 times a 3×3, is not defined; with column vectors the chain rule puts the transposed "
            "Jacobian on the left, Iδ = δ (3×1)",
            "维度错误：δ⁽ᵏ⁾ 是列向量（第 1 层为 3×1），∂z⁽ᵏ⁾/∂b⁽ᵏ⁾ 是 3×3 的单位矩阵，δ·I 即 3×1 乘 3×3，"
            "没有定义；采用列向量时，链式法则要把转置后的雅可比矩阵放在左边：Iδ = δ（3×1）",
            category=Cause("dimension error", "维度错误")),
    Formula("doc000_delta1_f_not_f_prime", "000", S0_D1,
            r"\delta^{(1)} = f^{(1)}(z^{(1)}) \ast \left((W^{(2)})^T \delta^{(2)}\right),\ "
            r"\mathrm{diag}(f_1(z_1), f_2(z_2), f_3(z_3))",
            r"\delta^{(1)} = f^{(1)\prime}(z^{(1)}) \odot \left((W^{(2)})^T \delta^{(2)}\right)",
            "the prime is missing; the numbers on the diagonal are the derivatives f'(z), as they should be",
            "漏了表示求导的撇号；对角线上的数倒确实是导数 f'(z)"),
]


#: A slip in a number the document only writes out on its way: what the next printed number
#: would be had the document computed with the slipped digits.  That it prints the correct
#: next number instead shows the slip is in the typing, not in the arithmetic.
TYPING_SLIPS = {
    "doc001_out_h1_in_net_o1": (
        "doc001_net_o1", lambda w, slip: w.net["w5"] * slip + w.net["w6"] * w.out_h2 + float(w.net.b[2][0])),
    "doc001_dE_dout_o1_in_delta_o1": (
        "doc001_dEo1_dnet_o1", lambda w, slip: slip * w.dout_o1_dnet_o1),
}


def typing_slips():
    """For each typing slip: (slip, the next number, its value had the slip been used,
    what the document prints for it, bpcore's value)."""
    rows = []
    by_id = {n.id: n for n in NUMBERS}
    for slip_id, (next_id, recompute) in TYPING_SLIPS.items():
        slip, following = by_id[slip_id], by_id[next_id]
        w = _worked(slip.doc)
        rows.append((slip, following, float(recompute(w, float(slip.printed))), following.printed,
                     computed(following)))
    return rows


@lru_cache(maxsize=None)
def _worked(doc, as_printed=False):
    if doc == "001":
        return worked.doc001()
    return worked.doc000_as_printed() if as_printed else worked.doc000()


def computed(number):
    """bpcore's value for a printed number."""
    return float(number.value(_worked(number.doc)))


def as_printed(number):
    """The document's own value for an erratum caused by a slipped input (else None),
    scaled by the power of ten by which the printed digits are further off."""
    if number.as_printed is None:
        return None
    w = _worked(number.doc, as_printed=True)
    if number.id in ETA_NOT_APPLIED_IDS:       # (1 - ηλ) W - δx: the gradient without its η
        kind, k, index = w.net.names[_W1_NAMES[number.id]]
        return float((1.0 - w.lr * w.weight_decay) * w.net.W[k][index] - w.dW[k][index])
    return float(number.as_printed(w)) * number.printed_scale


_W1_NAMES = {"doc000_W1_new_21": "w_(x1,2)", "doc000_W1_new_22": "w_(x2,2)", "doc000_W1_new_32": "w_(x2,3)"}


def numbers(doc):
    """The printed numbers of document ``doc`` ("001" or "000")."""
    return [n for n in NUMBERS if n.doc == doc]


def errata(doc):
    """The printed numbers of ``doc`` that differ from what its own procedure gives."""
    return [n for n in numbers(doc) if n.cause]


#: The symbols that have words in them, in Chinese (the rest are the same in both editions).
SYMBOLS_ZH = {
    "doc001_out_h1_in_net_o1": r"out_{h1}\ \text{（算 } net_{o1} \text{ 时）}",
    "doc001_dE_dout_o1_in_delta_o1": r"\partial E_{o1}/\partial out_{o1}\ \text{（第一个因子）}",
    "doc001_delta_o1_7dp": r"\delta_{o1}\ \text{（保留 7 位小数）}",
    "doc001_out_h1_6dp": r"out_{h1}\ \text{（保留 6 位小数）}",
    "doc000_delta1_1_in_2_3": r"\delta^{(1)}_1\ \text{（2.3 的结果）}",
    "doc000_delta1_3_in_2_3": r"\delta^{(1)}_3\ \text{（2.3 的结果；缺了 } \delta^{(1)}_2 \text{）}",
    "doc000_delta1_2_first": r"\delta^{(1)}_2\ \text{（第一行）}",
    "doc000_delta1_2": r"\delta^{(1)}_2\ \text{（第二行）}",
    "doc000_db1_1": r"\delta^{(1)}_1\ \text{（更新 } b^{(1)} \text{ 时）}",
    "doc000_db1_2": r"\delta^{(1)}_2\ \text{（更新 } b^{(1)} \text{ 时）}",
    "doc000_db1_3": r"\delta^{(1)}_3\ \text{（更新 } b^{(1)} \text{ 时）}",
}


def symbol(number, lang="en"):
    """The LaTeX symbol of a printed number, its words in ``lang``."""
    if checks.language(lang) == "zh":
        return SYMBOLS_ZH.get(number.id, number.symbol)
    return number.symbol


def cause(item, lang="en"):
    """Why a printed number (``Printed``), formula (``Formula``) or sentence (``Wording``) is wrong, in ``lang``."""
    return item.cause_zh if checks.language(lang) == "zh" else item.cause


def section(title, lang="en"):
    """A section title: "原文标题 · English" in English, the document's own title in Chinese."""
    return title.split(" · ")[0] if checks.language(lang) == "zh" else title


def table(doc, lang="en"):
    """The errata of ``doc`` as rows of dicts: where, quantity, printed, computed,
    the document's own value (where it used a slipped input) and the cause, in ``lang``;
    "kind" is "number", "formula" or "wording"."""
    checks.language(lang)
    rows = []
    for n in errata(doc):
        own = as_printed(n)
        rows.append({"kind": "number", "where": section(n.section, lang), "quantity": symbol(n, lang),
                     "printed": n.printed, "computed": at_precision_of(computed(n), n.printed),
                     "document's own value": "" if own is None else at_precision_of(own, n.printed),
                     "reproduced": "" if own is None else ("yes" if agrees(own, n.printed) else "no"),
                     "cause": cause(n, lang)})
    for f in FORMULAS:
        if f.doc == doc:
            correct = f.correct_zh if lang == "zh" and f.correct_zh else f.correct
            category = "formula" if f.category is None else (f.category.zh if lang == "zh" else f.category.en)
            rows.append({"kind": "formula", "where": section(f.section, lang), "quantity": category,
                         "printed": f"${f.printed}$", "computed": f"${correct}$", "document's own value": "",
                         "reproduced": "", "cause": cause(f, lang)})
    for item in WORDING:
        if item.doc == doc:
            rows.append({"kind": "wording", "where": section(item.section, lang), "quantity": "wording",
                         "printed": item.printed, "computed": item.correct_zh if lang == "zh" else item.correct,
                         "document's own value": "", "reproduced": "", "cause": cause(item, lang)})
    return rows
