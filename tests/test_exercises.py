"""The exercises' checkers: every correct route passes (the hints' included), wrong answers are
told which number is off and by how much, and nothing a student types makes them raise."""
import math

import numpy as np
import pytest

from bpcore.documents import exercises, report, worked

W = worked.doc001()


# ---- check_number ---------------------------------------------------------------------------
def test_doc001_exercise_hint_route_for_dE_douth2_passes():
    # the hint's route from six-digit intermediates, written to 6 decimals: 0.041371, 6.77e-7
    # from the exact value, which the old absolute tolerance of 5e-7 refused
    hint = 0.138499 * 0.45 + (-0.038098) * 0.55
    assert round(hint, 6) == 0.041371 and abs(round(hint, 6) - W.dE_douth2) > 5e-7
    assert exercises.check_number(hint, W.dE_douth2).right
    assert exercises.check_number(round(hint, 6), W.dE_douth2).right        # written to 6 decimals
    assert exercises.check_number(W.delta_o1 * 0.45 + W.delta_o2 * 0.55, W.dE_douth2).right   # exact
    assert exercises.check_number(float(W.dEo1_douth2 + W.dEo2_douth2), W.dE_douth2).right


def test_doc001_every_route_to_dE_dw6_passes():
    # by the three factors, each rounded to six figures; by delta x out; at full precision
    factors = round(0.741365, 6) * round(0.186816, 6) * round(0.596884, 6)
    assert exercises.check_number(factors, W.dE_dw["w6"]).right
    assert exercises.check_number(0.138499 * 0.596884, W.dE_dw["w6"]).right
    assert exercises.check_number(W.delta_o1 * W.out_h2, W.dE_dw["w6"]).right
    assert exercises.check_number(np.float32(W.dE_dw["w6"]), W.dE_dw["w6"]).right   # numpy scalars too


@pytest.mark.parametrize("wrong", [0.0414, 0.138499 * 0.40 + (-0.038098) * 0.50,   # h1's weights
                                   0.138499 * 0.45 - (-0.038098) * 0.55, -0.0413707])
def test_a_wrong_number_is_refused_with_how_far_off(wrong):
    verdict = exercises.check_number(wrong, W.dE_douth2)
    assert verdict.startswith("✗") and not verdict.right
    assert f"{wrong - W.dE_douth2:.3g}" in verdict


@pytest.mark.parametrize("bad", ["abc", "0.04", [0.04, 0.05], {"x": 1}, True, float("nan"), math.inf, object()])
def test_malformed_numbers_are_named_not_raised(bad):
    for lang in ("en", "zh"):
        verdict = exercises.check_number(bad, 1.0, lang=lang)
        assert verdict.startswith("✗"), verdict


def test_an_empty_answer_asks_for_one():
    assert exercises.check_number(None, 1.0).startswith("✎")
    assert exercises.check_number(None, 1.0, lang="zh").startswith("✎ 把你的答案")


def test_relative_tolerance_scales_with_the_value_and_atol_is_a_floor():
    assert exercises.check_number(1.00009e-6, 1e-6).right
    assert not exercises.check_number(1.0002e-6, 1e-6).right
    assert exercises.check_number(0.004, 0.0, atol=0.005).right          # a zero answer needs atol
    assert not exercises.check_number(1e-30, 0.0).right


@pytest.mark.parametrize("kwargs, error", [({"rtol": -1}, ValueError), ({"rtol": "a"}, TypeError),
                                           ({"atol": math.nan}, ValueError), ({"lang": "fr"}, ValueError)])
def test_the_notebooks_own_bad_arguments_raise_naming_them(kwargs, error):
    name = next(iter(kwargs))
    with pytest.raises(error, match=name):
        exercises.check_number(1.0, 1.0, **kwargs)
    with pytest.raises(ValueError, match="expected"):
        exercises.check_number(1.0, [1.0, 2.0])


def test_report_check_keeps_its_absolute_tol_and_delegates():
    assert str(report.check(1.05, 1.0, 0.1)) == "✓ Right: 1.05 (within 0.1 of bpcore's value)."
    assert report.check(1.2, 1.0, 0.1).startswith("✗")
    assert report.check(1.05, 1.0, tol=0.1).right
    assert report.check(0.138499 * 0.45 + (-0.038098) * 0.55, W.dE_douth2, tol=5e-7, rtol=1e-4).right


# ---- check_choice ---------------------------------------------------------------------------
@pytest.mark.parametrize("answer", ["w_(3,4)", "w_(3, 4)", " W_( 3 ,4 ) ", "W_(3,4)"])
def test_a_choice_ignores_spaces_and_case(answer):
    assert exercises.check_choice(answer, "w_(3,4)").right
    assert report.check_choice(answer, "w_(3,4)").right


@pytest.mark.parametrize("answer", ["w_(4,3)", "w_(3,5)", "", 34, ["w_(3,4)"]])
def test_a_wrong_choice_is_refused(answer):
    assert exercises.check_choice(answer, "w_(3,4)").startswith("✗")
    assert exercises.check_choice(answer, "w_(3,4)", lang="zh").startswith("✗ 还不对")


# ---- check_quantities -----------------------------------------------------------------------
EXPECTED = {"delta_o": W.grads.delta[2], "delta_h": W.grads.delta[1], "dE_dw5": W.dE_dw["w5"]}


def test_doc001_backward_written_right_is_accepted_with_a_count():
    mine = {"delta_o": list(W.grads.delta[2]), "delta_h": tuple(W.grads.delta[1]), "dE_dw5": W.dE_dw["w5"],
            "extra": "ignored"}
    verdict = exercises.check_quantities(mine, EXPECTED)
    assert verdict == "✓ All 3 quantities agree with bpcore's (within a relative 1e-06)."
    assert exercises.check_quantities(mine, EXPECTED, lang="zh").startswith("✓ 全部 3 个量")


def test_doc001_delta_h2_with_h1s_weights_is_named_first_with_both_values_and_the_diagnosis():
    W2 = W.net.W[2]
    wrong_h = (W2 @ W.grads.delta[2]) * W.trace.n[1] * (1 - W.trace.n[1])      # W2, not its transpose
    mistakes = {"delta_h": [(wrong_h, "use W2 instead of its transpose")]}
    mine = {"delta_o": W.grads.delta[2], "delta_h": wrong_h, "dE_dw5": 0.0}
    verdict = exercises.check_quantities(mine, EXPECTED, mistakes=mistakes)
    right = W.grads.delta[1]
    i = int(np.argmax(np.abs(wrong_h - right) > 1e-6 * np.abs(right)))
    have, should = exercises._fmt_pair(wrong_h[i], right[i])
    assert verdict == f"✗ delta_h[{i}] is off: you have {have}, expected {should}. " \
                      "Did you use W2 instead of its transpose?"
    assert have != should


def test_the_first_wrong_quantity_in_expecteds_order_is_reported():
    mine = {"delta_o": W.grads.delta[2] * 2, "delta_h": W.grads.delta[1] * 2, "dE_dw5": 1.0}
    assert exercises.check_quantities(mine, EXPECTED).startswith("✗ delta_o[0] is off")
    mine = {"delta_o": W.grads.delta[2], "dE_dw5": 1.0}
    assert exercises.check_quantities(mine, EXPECTED) == "✗ delta_h is missing: add it to your dict under the name 'delta_h'."


def test_a_hint_may_be_a_caption_key_in_both_languages():
    mistakes = {"x": [(2.0, "exercise.a_number")]}
    assert exercises.check_quantities({"x": 2.0}, {"x": 1.0}, mistakes=mistakes).endswith("Did you one number?")
    assert exercises.check_quantities({"x": 2.0}, {"x": 1.0}, lang="zh", mistakes=mistakes).endswith("是不是一个数？")


def test_an_unlisted_wrong_value_gets_no_diagnosis():
    verdict = exercises.check_quantities({"x": 3.0}, {"x": 1.0}, mistakes={"x": [(2.0, "halve it")]})
    assert verdict == "✗ x is off: you have 3.00, expected 1.00."


def test_values_that_agree_to_three_digits_are_shown_with_enough_digits_to_differ():
    verdict = exercises.check_quantities({"x": 0.0099512}, {"x": 0.0099501})
    assert verdict == "✗ x is off: you have 0.009951, expected 0.009950."


@pytest.mark.parametrize("mine, starts", [
    (None, "✎"), ([1, 2], "✗ Your answer should be a dict"), ("delta", "✗ Your answer should be a dict"),
    ({"delta_o": None}, "✎ Put your answers in the cell above"),
    ({"delta_o": W.grads.delta[2], "delta_h": None}, "✗ delta_h should be an array of shape (2,); you have None"),
    ({"delta_o": "0.1, 0.2"}, "✗ delta_o should be an array of shape (2,)"),
    ({"delta_o": [0.1, 0.2, 0.3]}, "✗ delta_o should be an array of shape (2,); you have an array of shape (3,)"),
    ({"delta_o": [[0.1, 0.2], [0.3, 0.4]]}, "✗ delta_o should be an array of shape (2,)"),
    ({"delta_o": [[0.1], [0.2]]}, "✗ delta_o[0] is off"),      # a column of 2 is a vector of 2, compared as one
    ({"delta_o": [0.1, [0.2, 0.3]]}, "✗ delta_o should be an array of shape (2,)"),
    ({"delta_o": [True, False]}, "✗ delta_o should be"),
    ({"delta_o": [math.nan, 0.1]}, "✗ delta_o is not a finite number"),
    ({"delta_o": W.grads.delta[2], "delta_h": W.grads.delta[1], "dE_dw5": [1.0]}, "✗ dE_dw5 should be one number"),
])
def test_malformed_quantities_are_named_not_raised(mine, starts):
    assert exercises.check_quantities(mine, EXPECTED).startswith(starts)
    assert exercises.check_quantities(mine, EXPECTED, lang="zh")[0] in "✎✗"


def test_the_notebooks_own_bad_arguments_to_check_quantities_raise():
    with pytest.raises(TypeError, match="expected"):
        exercises.check_quantities({}, [1.0])
    with pytest.raises(TypeError, match="expected"):
        exercises.check_quantities({}, {})
    with pytest.raises(TypeError, match="mistakes"):
        exercises.check_quantities({}, {"x": 1.0}, mistakes=[(1, "a")])
    with pytest.raises(ValueError, match="lang"):
        exercises.check_quantities({}, {"x": 1.0}, lang="de")


def test_feedback_displays_as_markdown():
    verdict = exercises.check_quantities({"x": 1.0}, {"x": 1.0})
    assert verdict._repr_markdown_() == str(verdict) == repr(verdict)


# ---- notebook 01's exercises, every route of their hints -------------------------------------
def _numpy_pass(x=(0.05, 0.10), y=(0.01, 0.99), W1=((0.15, 0.20), (0.25, 0.30)), W2=((0.40, 0.45), (0.50, 0.55))):
    """The notebook's numpy cell with the solution of its "your turn", by hand."""
    x, y, W1, W2 = (np.array(v, float) for v in (x, y, W1, W2))
    f = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    out_h = f(W1 @ x + 0.35)
    out_o = f(W2 @ out_h + 0.60)
    delta_o = (out_o - y) * out_o * (1 - out_o)
    delta_h = (W2.T @ delta_o) * out_h * (1 - out_h)
    return dict(out_h=out_h, out_o=out_o, E=0.5 * np.sum((y - out_o) ** 2), delta_o=delta_o,
                dE_dW2=np.outer(delta_o, out_h), delta_h=delta_h, dE_dW1=np.outer(delta_h, x))


def test_doc001_your_turn_solution_passes_and_each_slip_is_named():
    from bpcore.documents import reasons
    mine = _numpy_pass()
    expected = {"delta_h": W.grads.delta[1], "dE_dW1": W.grads.dW[1]}
    mistakes = reasons.hidden_delta_mistakes(W)
    assert exercises.check_quantities({k: mine[k] for k in expected}, expected, mistakes=mistakes).right
    W2, out_h = np.array([[0.40, 0.45], [0.50, 0.55]]), mine["out_h"]
    slips = {"W2 instead of its transpose": (W2 @ mine["delta_o"]) * out_h * (1 - out_h),
             "own slope": W2.T @ mine["delta_o"]}
    for words, wrong in slips.items():
        verdict = exercises.check_quantities({"delta_h": wrong, "dE_dW1": mine["dE_dW1"]}, expected, mistakes=mistakes)
        assert verdict.startswith("✗ delta_h[0] is off") and words in verdict, verdict
    verdict = exercises.check_quantities({"delta_h": mine["delta_h"], "dE_dW1": np.outer(np.array([0.05, 0.10]),
                                          mine["delta_h"])}, expected, mistakes=mistakes, lang="zh")
    assert verdict.startswith("✗ dE_dW1[0, 1] 不对") and "np.outer(delta_h, x)" in verdict


def test_doc001_exercise_1_E_after_one_step_at_eta_1_every_route():
    expected = worked.doc001(lr=1.0).E_total_after
    m = _numpy_pass()
    W1 = np.array([[0.15, 0.20], [0.25, 0.30]]) - m["dE_dW1"]
    W2 = np.array([[0.40, 0.45], [0.50, 0.55]]) - m["dE_dW2"]
    exact = _numpy_pass(W1=W1, W2=W2)["E"]
    assert exercises.check_number(exact, expected).right
    assert exercises.check_number(float(f"{exact:.6g}"), expected).right           # 6 significant figures
    # by hand: the eight gradients as the chain tables print them (6 decimals), then a forward pass
    g6 = {k: round(v, 6) for k, v in W.dE_dw.items()}
    W1h = np.array([[0.15 - g6["w1"], 0.20 - g6["w2"]], [0.25 - g6["w3"], 0.30 - g6["w4"]]])
    W2h = np.array([[0.40 - g6["w5"], 0.45 - g6["w6"]], [0.50 - g6["w7"], 0.55 - g6["w8"]]])
    assert exercises.check_number(_numpy_pass(W1=W1h, W2=W2h)["E"], expected).right
    assert not exercises.check_number(W.E_total_after, expected).right             # the step at 0.5 is not it
    assert not exercises.check_number(W.E_total, expected).right


def test_doc001_exercise_2_sign_of_dE_dw7_with_target_one_half():
    changed = worked.doc001(y=[0.01, 0.5])
    answer = "+" if changed.dE_dw["w7"] > 0 else "-"
    assert answer == "+" and W.dE_dw["w7"] < 0                     # the sign flips from the document's
    m = _numpy_pass(y=(0.01, 0.5))
    assert m["dE_dW2"][1, 0] == pytest.approx(changed.dE_dw["w7"], rel=1e-12)
    for right in ("+", " + "):
        assert exercises.check_choice(right, answer).right
    for wrong in ("-", "−", "positive", None):
        assert not exercises.check_choice(wrong, answer).right


def test_doc001_exercise_3_largest_gradient_of_w1_to_w4_with_inputs_1_and_0_1():
    other = worked.doc001(x=[1.0, 0.1])
    m = _numpy_pass(x=(1.0, 0.1))
    by_hand = dict(zip(["w1", "w2", "w3", "w4"], np.abs(m["dE_dW1"]).ravel()))
    assert max(by_hand, key=by_hand.get) == "w3" == max(["w1", "w2", "w3", "w4"], key=lambda k: abs(other.dE_dw[k]))
    assert exercises.check_choice("W3", "w3").right and not exercises.check_choice("w1", "w3").right


# ---- routes and slips found when reviewing notebook 01 --------------------------------------
@pytest.mark.parametrize("answer", ["＋", " ＋ ", "+"])
def test_a_full_width_plus_from_a_chinese_input_method_is_plus(answer):
    assert exercises.check_choice(answer, "+", options=("+", "-")).right
    assert exercises.check_choice(answer, "+", lang="zh", options=("+", "-")).right


@pytest.mark.parametrize("answer", ["w3", "W3", "w_3", "w_{3}", "$w_3$", "w₃", "ｗ３"])
def test_a_weight_name_written_as_in_latex_or_with_a_subscript_is_that_weight(answer):
    assert exercises.check_choice(answer, "w3", options=("w1", "w2", "w3", "w4")).right


def test_an_answer_outside_the_options_is_told_the_options_and_a_wrong_option_is_only_wrong():
    for lang, start in (("en", "✗ positive is not one of"), ("zh", "✗ positive 不是这道题要的答案形式")):
        verdict = exercises.check_choice("positive", "+", lang=lang, options=("+", "-"))
        assert verdict.startswith(start) and '"+", "-"' in verdict and not verdict.right
    assert exercises.check_choice("-", "+", options=("+", "-")).startswith("✗ Not yet: - is not it")
    assert exercises.check_choice(1, "+", options=("+", "-")).startswith("✗ 1 is not one of")
    with pytest.raises(ValueError, match="options must include expected"):
        exercises.check_choice("+", "w3", options=("+", "-"))


def test_a_number_typed_in_quotes_is_told_to_drop_them():
    assert "without quotes" in exercises.check_number("0.283619", 0.283619)
    assert "去掉引号" in exercises.check_number("0.283619", 0.283619, lang="zh")
    assert "without quotes" not in exercises.check_number("abc", 0.283619)


def test_doc001_your_turn_accepts_column_and_row_vectors_for_delta_h():
    from bpcore.documents import reasons
    expected = {"delta_h": W.grads.delta[1], "dE_dW1": W.grads.dW[1]}
    col = W.grads.delta[1].reshape(2, 1)
    x = np.asarray(W.x).reshape(1, 2)
    mistakes = reasons.hidden_delta_mistakes(W)
    assert exercises.check_quantities({"delta_h": col, "dE_dW1": col @ x}, expected, mistakes=mistakes).right
    assert exercises.check_quantities({"delta_h": col.T, "dE_dW1": col @ x}, expected, mistakes=mistakes).right
    flat = exercises.check_quantities({"delta_h": W.grads.delta[1], "dE_dW1": W.grads.dW[1].ravel()}, expected)
    assert flat.startswith("✗ dE_dW1 should be an array of shape (2, 2)")       # 4 numbers are not a 2 x 2


def test_doc001_your_turn_names_the_hidden_outputs_used_as_inputs_and_zh_has_no_stray_space():
    from bpcore.documents import reasons
    expected = {"delta_h": W.grads.delta[1], "dE_dW1": W.grads.dW[1]}
    wrong = {"delta_h": W.grads.delta[1], "dE_dW1": np.outer(W.grads.delta[1], W.trace.n[1])}
    verdict = exercises.check_quantities(wrong, expected, mistakes=reasons.hidden_delta_mistakes(W))
    assert verdict.startswith("✗ dE_dW1[0, 0] is off") and "hidden outputs out_h" in verdict
    zh = exercises.check_quantities(wrong, expected, lang="zh", mistakes=reasons.hidden_delta_mistakes(W))
    assert "。是不是乘的是隐藏层的输出 out_h" in zh and "。 " not in zh
