"""Argument checks shared by the API: each names the argument and what was expected.

Every public function checks all of its arguments before it changes anything,
so a rejected call leaves the network exactly as it was.
"""
import numbers

import numpy as np


def real_array(value, name):
    """``value`` as a new float64 array; TypeError unless it holds only real numbers,
    ValueError if any of them is NaN or infinite."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be numbers, got a string {value!r}")
    try:
        arr = np.array(value)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers ({exc})") from None
    if arr.dtype == bool or arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be real numbers, got an array of {arr.dtype}")
    arr = arr.astype(float)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, but it contains NaN or inf")
    return arr


def real_number(value, name):
    """``value`` as a float; TypeError unless it is one real number, ValueError if NaN or inf."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def positive_number(value, name):
    """A finite real number > 0 (a learning rate, a step size)."""
    value = real_number(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return value


def nonnegative_number(value, name):
    """A finite real number >= 0 (a weight-decay coefficient)."""
    value = real_number(value, name)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value


def positive_int(value, name):
    """A whole number >= 1 (a count of steps or units)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be >= 1, got {value}")
    return int(value)


def one_of(value, name, choices):
    """``value`` if it is one of ``choices`` (strings), else ValueError listing them."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {sorted(choices)}, got {value!r}")
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; expected one of {sorted(choices)}")
    return value


LANGUAGES = ("en", "zh")
"""The editions of the notebooks: English and Chinese (简体中文)."""


def language(lang):
    """``lang`` if it is one of ``LANGUAGES``; TypeError if not a string, else ValueError."""
    return one_of(lang, "lang", LANGUAGES)
