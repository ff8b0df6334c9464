"""Checkers for the notebooks' exercises: right or wrong, and if wrong, which number and why.

Three checkers, each returning a ``Feedback`` (Markdown that a notebook cell displays):

- ``check_number(answer, expected)``: one number, right within a *relative* tolerance, so
  that every correct route (rounded intermediates included) passes;
- ``check_choice(answer, expected)``: one name, compared without spaces and case
  (``"w_(3, 4)"`` is ``"w_(3,4)"``);
- ``check_quantities(mine, expected)``: several named numbers or arrays, such as the δs and
  gradients of a backward pass the student wrote; it names the **first** one that is missing,
  malformed or off, by how much, and (given ``mistakes``) the likely slip:

      >>> check_quantities({"delta_h2": 0.00877}, {"delta_h2": 0.00995},
      ...                  mistakes={"delta_h2": [(0.00877, "use w6 instead of w8")]})
      ✗ delta_h2 is off: you have 0.00877, expected 0.00995. Did you use w6 instead of w8?

A checker never raises on what the student typed (None, a string, a list of the wrong length,
NaN): it says what is wrong with it.  It raises TypeError/ValueError only for the notebook's own
arguments (``expected``, ``rtol``, ``lang``...).  Sentences come from ``captions`` in both
languages.  Notebooks 01 and 02 use these; ``report.check`` and ``report.check_choice`` delegate
here.  No widgets, no plotting.
"""
import math
import numbers
import unicodedata
from collections.abc import Mapping

import numpy as np

from .. import checks
from . import captions

#: the default relative tolerance of ``check_number``: an answer worked by hand to about six
#: significant figures, from intermediates rounded to six figures, is within 1e-5 of the exact
#: value; a wrong route is off by far more than 1e-4.
RTOL = 1e-4


class Feedback(str):
    """A checker's verdict: Markdown text that Jupyter displays as Markdown."""

    def _repr_markdown_(self):
        return str(self)

    def __repr__(self):
        return str(self)

    @property
    def right(self):
        """True when the verdict is ✓."""
        return self.startswith("✓")


def _texts(lang):
    checks.language(lang)
    return lambda key, **values: captions.text(key, lang, **values)


def _tolerance(rtol, atol):
    for name, value in (("rtol", rtol), ("atol", atol)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a number, got {value!r}")
        if not (math.isfinite(value) and value >= 0):
            raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(rtol), float(atol)


def _as_student_array(value):
    """The student's value as a float array, or None if it is not numbers (never raises)."""
    if value is None or isinstance(value, (str, bytes, bool, np.bool_)):
        return None
    try:
        arr = np.asarray(value)
    except Exception:                               # ragged lists, odd objects
        return None
    if arr.dtype == bool or arr.dtype.kind not in "iuf":
        return None
    try:
        return arr.astype(np.float64)
    except (OverflowError, ValueError, TypeError):
        return None


def _close(mine, expected, rtol, atol):
    return bool(np.all(np.abs(mine - expected) <= np.maximum(atol, rtol * np.abs(expected))))


def _fmt_pair(a, b):
    """``a`` and ``b`` with the same, fewest significant digits (at least 3) that show them apart."""
    a, b = float(a), float(b)
    for digits in range(3, 13):
        sa, sb = f"{a:#.{digits}g}", f"{b:#.{digits}g}"
        if sa != sb:
            return sa, sb
    return f"{a:.17g}", f"{b:.17g}"


def _shape_words(shape, t):
    return t("exercise.a_number") if shape == () else t("exercise.an_array", shape=shape)


def check_number(answer, expected, rtol=RTOL, what=None, lang="en", atol=0.0):
    """✓ if ``answer`` is within ``max(atol, rtol·|expected|)`` of ``expected``, else ✗ and by how much.

    rtol: relative tolerance (default ``RTOL``, 1e-4), chosen so that every correct route passes;
    atol: an absolute floor (``report.check`` passes its ``tol`` here);
    what: how the verdict names the answer (default "your answer", in ``lang``).
    """
    t = _texts(lang)
    rtol, atol = _tolerance(rtol, atol)
    expected = checks.real_array(expected, "expected")
    if expected.shape != ():
        raise ValueError(f"expected must be one number, got an array of shape {expected.shape}")
    expected = float(expected)
    what = t("check.your_answer") if what is None else what
    if answer is None:
        return Feedback(t("check.empty", what=what))
    value = _as_student_array(answer)
    if value is None or value.shape != ():
        if isinstance(answer, str) and _parses_as_number(answer):
            return Feedback(t("check.quoted_number", what=what, answer=_short_repr(answer)))
        return Feedback(t("check.not_a_number", what=what, answer=_short_repr(answer)))
    value = float(value)
    if not math.isfinite(value):
        return Feedback(t("check.not_a_number", what=what, answer=_short_repr(answer)))
    relative = rtol * abs(expected)
    if abs(value - expected) <= max(atol, relative):
        if atol >= relative:
            return Feedback(t("check.right", value=value, tol=atol))
        return Feedback(t("check.right_relative", value=value, rtol=rtol))
    off = value - expected
    if atol >= relative:
        return Feedback(t("check.wrong", value=value, off=off))
    rel = abs(off) / abs(expected)
    return Feedback(t("check.wrong_relative", value=value, off=off, rel=rel, rtol=rtol))


def _parses_as_number(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _normal(name):
    """``name`` as compared: full-width and subscript characters as plain ones (NFKC: "＋" is "+",
    "ｗ₃" is "w3"), a typed minus sign "−" as "-", without spaces, "_", "{", "}" and "$", any case."""
    text = unicodedata.normalize("NFKC", str(name)).replace("\u2212", "-")
    return "".join(c for c in text if not c.isspace() and c not in "_{}$").casefold()


def check_choice(answer, expected, lang="en", options=None):
    """✓ if ``answer`` names ``expected``, ignoring spaces, case, full-width forms, "_" and braces
    ("W_(3, 4)" is "w_(3,4)", "＋" is "+", "w_3" is "w3").

    options: the answers the exercise asks for (``expected`` among them); an answer that is none
    of them is told which ones it may be, rather than only that it is wrong.
    """
    t = _texts(lang)
    if options is not None:
        options = [str(o) for o in options]
        if _normal(expected) not in {_normal(o) for o in options}:
            raise ValueError(f"options must include expected {expected!r}, got {options!r}")
    if answer is None:
        return Feedback(t("check.empty", what=t("check.your_answer")))
    if _normal(answer) == _normal(expected):
        return Feedback(t("check.right_choice"))
    shown = _short_repr(answer) if not isinstance(answer, str) else answer
    if options is not None and _normal(answer) not in {_normal(o) for o in options}:
        return Feedback(t("check.not_an_option", answer=shown, options=", ".join(f'"{o}"' for o in options)))
    return Feedback(t("check.wrong_choice", answer=shown))


def _short_repr(value, limit=60):
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _hint(hint, t, lang):
    """A hint given as a caption key is looked up in ``lang``; any other text is used as it is."""
    if hint in captions.TABLES[lang]:
        return t(hint)
    return str(hint)


def _diagnose(value, wrongs, rtol, atol):
    for wrong_value, hint in wrongs:
        wrong = _as_student_array(wrong_value)
        if wrong is not None and wrong.shape == value.shape and _close(value, wrong, max(rtol, 1e-9), atol):
            return hint
    return None


def check_quantities(mine, expected, lang="en", rtol=1e-6, atol=0.0, mistakes=None):
    """Compare the student's quantities ``mine`` with ``expected``, name by name, in ``expected``'s order.

    mine, expected: mappings name → number or array-like;
    rtol, atol: a value is right when |mine − expected| <= max(atol, rtol·|expected|) elementwise;
    mistakes: mapping name → [(wrong_value, hint), ...]: when the student's value matches a
    wrong_value, the hint (a ``captions`` key, or plain text) is added as "Did you …?".

    Returns a ``Feedback``: the first quantity that is missing, malformed (None, a string, the
    wrong shape, NaN) or off, with both values; or ✓ and how many quantities agree.
    """
    t = _texts(lang)
    rtol, atol = _tolerance(rtol, atol)
    if not isinstance(expected, Mapping) or not expected:
        raise TypeError(f"expected must be a non-empty mapping name → number, got {type(expected).__name__}")
    want = {str(name): checks.real_array(value, f"expected[{name!r}]") for name, value in expected.items()}
    if mistakes is not None and not isinstance(mistakes, Mapping):
        raise TypeError(f"mistakes must be a mapping name → [(wrong_value, hint), ...], got {type(mistakes).__name__}")
    mistakes = {str(k): list(v) for k, v in (mistakes or {}).items()}
    if mine is None:
        return Feedback(t("check.empty", what=t("exercise.your_quantities")))
    if not isinstance(mine, Mapping):
        return Feedback(t("exercise.not_mapping", got=_short_repr(mine), names=", ".join(want)))
    got = {str(k): v for k, v in mine.items()}
    if all(got.get(name) is None for name in want):          # nothing filled in yet
        return Feedback(t("check.empty", what=t("exercise.your_quantities")))
    for name, value in want.items():
        if name not in got:
            return Feedback(t("exercise.missing", name=name))
        arr = _as_student_array(got[name])
        if arr is None:
            return Feedback(t("exercise.malformed", name=name, want=_shape_words(value.shape, t),
                              got=_short_repr(got[name])))
        if value.ndim == 1 and arr.ndim == 2 and 1 in arr.shape and arr.size == value.size:
            arr = arr.reshape(value.shape)       # a column (2, 1) or a row (1, 2) is the vector of 2 it holds
        if arr.shape != value.shape:
            return Feedback(t("exercise.wrong_shape", name=name, want=_shape_words(value.shape, t),
                              got=_shape_words(arr.shape, t)))
        if not np.isfinite(arr).all():
            return Feedback(t("exercise.not_finite", name=name))
        if _close(arr, value, rtol, atol):
            continue
        bad = np.abs(arr - value) > np.maximum(atol, rtol * np.abs(value))
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        label = name if value.shape == () else f"{name}[{', '.join(map(str, index))}]"
        have, should = _fmt_pair(arr[index], value[index])
        message = t("exercise.off", name=label, mine=have, expected=should)
        hint = _diagnose(arr, mistakes.get(name, []), rtol, atol)
        if hint is not None:
            message += ("" if lang == "zh" else " ") + t("exercise.did_you", hint=_hint(hint, t, lang))
        return Feedback(message)
    return Feedback(t("exercise.all_right", count=len(want), rtol=rtol))
