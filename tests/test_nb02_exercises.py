"""Notebook 02's exercise checkers, run on the notebook's own code: a right answer passes, the
likely slips get their diagnosis, and nothing the student types makes a checker raise.

The code cells are executed in order (the dashboard and the magics skipped), then each exercise's
answer cell is replaced by an answer and its checker cell run again.
"""
import json
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
NB = Path(__file__).resolve().parent.parent / "notebooks"


def _cells(lang):
    nb = json.loads((NB / lang / "02_bp_2-3-2-1_derivation.ipynb").read_text(encoding="utf-8"))
    return {c["id"]: "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"}


@pytest.fixture(scope="module", params=["en", "zh"])
def nb(request):
    cells = _cells(request.param)
    ns = {"display": lambda *a: None}
    for cid, code in cells.items():
        if "doc000_dashboard" in code or "emscripten" in code:
            continue
        exec("\n".join(line for line in code.splitlines() if not line.startswith("%")), ns)
    import matplotlib.pyplot as plt
    plt.close("all")
    return cells, ns, request.param


def _check(nb, answer_cell, check_cell, answer_code):
    cells, ns, _ = nb
    exec(answer_code, ns)
    code = cells[check_cell].splitlines()
    body, last = "\n".join(code[:-1]), code[-1]
    # the checker call may span several lines: evaluate from the line that starts it
    start = max(i for i, line in enumerate(code) if line.startswith(("exercises.", "report.")))
    exec("\n".join(code[:start]), ns)
    return str(eval("\n".join(code[start:]), ns))


MY_BACKWARD = '''
def my_backward(W, b, x, y):
    n, z = [x], [None]
    for k in (1, 2, 3):
        z.append(W[k] @ n[-1] + b[k])
        n.append(1 / (1 + np.exp(-z[-1])))
    d = (n[3] - y) * n[3] * (1 - n[3])
    out = {}
    for k in (3, 2, 1):
        out[f"delta{k}"], out[f"dW{k}"] = d, np.outer(d, n[k - 1])
        d = (W[k].T @ d) * {prime}
    return out

mine_1 = my_backward([None] + [a.copy() for a in w.net.W[1:]], [None] + [a.copy() for a in w.net.b[1:]], w.x, w.y)
'''


def test_exercise_1_a_numpy_backward_passes_the_gradient_check(nb):
    verdict = _check(nb, "9fdd4344", "600c7ff8", MY_BACKWARD.replace("{prime}", "n[k - 1] * (1 - n[k - 1])"))
    assert verdict.startswith("✓"), verdict


def test_exercise_1_the_documents_slip_f_for_f_prime_is_diagnosed(nb):
    verdict = _check(nb, "9fdd4344", "600c7ff8", MY_BACKWARD.replace("{prime}", "n[k - 1]"))
    assert verdict.startswith("✗") and "delta2" in verdict          # the first δ it makes wrong
    assert ("f(z) instead of f′(z)" if nb[2] == "en" else "乘了 f(z) 而不是 f′(z)") in verdict


def test_exercise_1_nothing_typed_and_garbage(nb):
    assert _check(nb, "9fdd4344", "600c7ff8", "mine_1 = None").startswith("✎")
    assert _check(nb, "9fdd4344", "600c7ff8", "mine_1 = {'delta3': 'x'}").startswith("✗")


def test_exercise_2_cross_entropy_delta(nb):
    right = ("y_hat = w.trace.y_hat[0]\n"
             "answer_2 = {'dL_dyhat': 1 / (1 - y_hat), 'f_prime3': y_hat * (1 - y_hat), 'delta3': y_hat}")
    assert _check(nb, "b75bdc8e", "d600892d", right).startswith("✓")
    rounded = "answer_2 = {'dL_dyhat': 403.0166, 'f_prime3': 0.002475155, 'delta3': 0.9975187}"
    assert _check(nb, "b75bdc8e", "d600892d", rounded).startswith("✓")
    kept = ("y_hat = w.trace.y_hat[0]\n"
            "answer_2 = {'dL_dyhat': 1 / (1 - y_hat), 'f_prime3': y_hat * (1 - y_hat), 'delta3': y_hat ** 2 * (1 - y_hat)}")
    verdict = _check(nb, "b75bdc8e", "d600892d", kept)
    assert verdict.startswith("✗") and "delta3" in verdict and ("f′(z⁽³⁾)" in verdict)


def test_exercise_3_penalty_gradient(nb):
    assert _check(nb, "e32fb96d", "a14ce2b8", "answer_3 = {'dJ/dW2': w.dW[2] + 0.01 * w.net.W[2]}").startswith("✓")
    verdict = _check(nb, "e32fb96d", "a14ce2b8", "answer_3 = {'dJ/dW2': w.dW[2] + 0.005 * w.net.W[2]}")
    assert verdict.startswith("✗") and ("½" in verdict)
    verdict = _check(nb, "e32fb96d", "a14ce2b8", "answer_3 = {'dJ/dW2': 0.01 * w.net.W[2]}")
    assert verdict.startswith("✗") and "∂L/∂W" in verdict


def test_exercise_4_mini_batch_update(nb):
    # an independent computation: two single-sample backward passes, averaged
    right = '''
grads_s = []
for xs, ys in (([1.0, 2.0], [1.0]), ([2.0, -1.0], [0.0])):
    net_s = examples.network_2_3_2_1()
    grads_s.append(net_s.backward(net_s.forward(xs), ys).dW[3])
W3_0 = examples.network_2_3_2_1().W[3]
answer_4 = {"W3": W3_0 - 0.1 * ((grads_s[0] + grads_s[1]) / 2 + 0.01 * W3_0)}
'''
    assert _check(nb, "n02-ex4-answer", "n02-ex4-check", right).startswith("✓")
    summed = right.replace("(grads_s[0] + grads_s[1]) / 2", "(grads_s[0] + grads_s[1])")
    verdict = _check(nb, "n02-ex4-answer", "n02-ex4-check", summed)
    assert verdict.startswith("✗") and ("averaging" in verdict or "取平均" in verdict)
    per_sample = right.replace("0.01 * W3_0", "0.02 * W3_0")
    assert "m λ W" in _check(nb, "n02-ex4-answer", "n02-ex4-check", per_sample)


def test_no_exercise_is_answered_by_a_cell_above(nb):
    """The exercises' answers are not printed anywhere before the exercises."""
    cells, ns, lang = nb
    text = json.loads((NB / lang / "02_bp_2-3-2-1_derivation.ipynb").read_text(encoding="utf-8"))
    before = []
    for c in text["cells"]:
        if c["id"] == "f1b5588f":
            break
        for o in c.get("outputs", []):
            before.append("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/markdown", "")))
    shown = "\n".join(before)
    y_hat = ns["w"].trace.y_hat[0]
    for value in (1 / (1 - y_hat), y_hat * y_hat * (1 - y_hat)):     # exercise 2 with y = 0
        assert f"{value:.6g}" not in shown
    dJ = ns["w"].dW[2] + 0.01 * ns["w"].net.W[2]                       # exercise 3
    assert f"{dJ[0, 0]:.6f}" not in shown
