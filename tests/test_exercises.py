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
    ({"delta_o": None}, "✗ delta_o should be an array of shape (2,); you have None"),
    ({"delta_o": "0.1, 0.2"}, "✗ delta_o should be an array of shape (2,)"),
    ({"delta_o": [0.1, 0.2, 0.3]}, "✗ delta_o should be an array of shape (2,); you have an array of shape (3,)"),
    ({"delta_o": [[0.1], [0.2]]}, "✗ delta_o should be an array of shape (2,)"),
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
