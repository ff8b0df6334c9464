"""Argument checks shared by the API, each before anything changes: TypeError for the
wrong kind of thing, ValueError for the right kind not allowed (NaN, negative, too large,
``10**400``); the message starts with the argument's name and shows the refused value."""
import math
import numbers

import numpy as np

from . import texts

#: the most steps one call may train (half a minute for document 001's network)
MAX_STEPS = 1_000_000

_F64 = np.dtype(np.float64)
_INF = math.inf


def _float(value, name):
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{name} must be finite, got a number too large for a float") from None
    except Exception as exc:             # a number whose __float__ raises
        raise TypeError(f"{name} must be a real number, but converting {type(value).__name__} to a float "
                        f"failed ({type(exc).__name__})") from None


def _shown(value):
    """A refused number as it is (repr): 0.5000000000000001, not 0.5 next to a limit of 0.5."""
    return repr(float(value)) if isinstance(value, float) else repr(value)


def real_array(value, name):
    """``value`` as a float64 array of real numbers (not True/False, not strings), all
    finite; a float64 ndarray that is already fine is returned as it is, not copied."""
    if type(value) is np.ndarray and value.dtype is _F64:           # the fast path: no copy
        if not all_finite(value):
            raise ValueError(f"{name} must be finite, but it contains NaN or inf")
        return value
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be numbers, got a string {value!r:.40}")
    try:
        arr = np.array(value)
    except (ValueError, OverflowError) as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers ({exc})") from None
    except RecursionError:
        raise ValueError(f"{name} is nested too deeply to be an array of numbers") from None
    except Exception as exc:                     # an object whose __array__ or __len__ raises
        raise TypeError(f"{name} must be an array of real numbers, but reading "
                        f"{type(value).__name__} as one failed ({type(exc).__name__})") from None
    if arr.dtype == object and arr.size and all(isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))
                                                for v in arr.flat):
        # numbers numpy keeps as objects: ints too large for int64, Fractions, Decimals
        arr = np.array([real_number(v, name) for v in arr.flat]).reshape(arr.shape)
    if arr.dtype == bool or arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be real numbers, got an array of {arr.dtype}")
    if arr.dtype != bool and isinstance(value, (list, tuple)) and _holds_bool(value):
        raise TypeError(f"{name} must be real numbers, but it contains True or False")
    arr = arr.astype(np.float64)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite, but it contains NaN or inf")
    return arr


def all_finite(a):
    """True if no entry of the float64 array ``a`` is NaN or inf (how: benchmarks/README.md)."""
    flat = a.ravel()
    if flat.size <= 16:
        return all(map(math.isfinite, flat.tolist()))
    with np.errstate(over="ignore", invalid="ignore"):
        return math.isfinite(flat @ flat) or bool(np.isfinite(flat).all())


def _holds_bool(value):
    """True if a nested list holds a bool anywhere (numpy would quietly make True 1.0)."""
    stack = [value]
    while stack:
        item = stack.pop()
        for v in item:
            if isinstance(v, (bool, np.bool_)):
                return True
            if isinstance(v, (list, tuple)):
                stack.append(v)
    return False


def real_number(value, name):
    """``value`` as a float; TypeError unless it is one real number, ValueError if NaN or inf."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r:.40}")
    value = _float(value, name)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def number_in(value, name, low, high):
    """A finite real number with low <= value <= high."""
    value = real_number(value, name)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, got {_shown(value)}")
    return value


def positive_number(value, name):
    """A finite real number > 0 (a learning rate, a step size)."""
    if type(value) is float and 0.0 < value < _INF:      # the fast path
        return value
    value = real_number(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {_shown(value)}")
    return value


def nonnegative_number(value, name):
    """A finite real number >= 0 (a weight-decay coefficient)."""
    if type(value) is float and 0.0 <= value < _INF:     # the fast path
        return value
    value = real_number(value, name)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {_shown(value)}")
    return value


def whole_number(value, name, low=None, high=None):
    """An int (or numpy integer, not bool) with low <= value <= high (either bound optional)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r:.40}")
    try:
        value = int(value)
    except Exception as exc:             # a whole number whose __index__ or __int__ raises
        raise TypeError(f"{name} must be a whole number, but converting {type(value).__name__} to an int "
                        f"failed ({type(exc).__name__})") from None
    if low is not None and value < low:
        raise ValueError(f"{name} must be >= {low}, got {value}")
    if high is not None and value > high:
        shown = value if value < 10**20 else f"a {len(str(value))}-digit number"
        raise ValueError(f"{name} must be at most {high:,}, got {shown}")
    return value


def positive_int(value, name, maximum=None):
    """A whole number >= 1 (a count of steps or units), at most ``maximum`` if given."""
    return whole_number(value, name, 1, maximum)


def steps(value, name="steps"):
    """A number of training steps for one call: 1 to ``MAX_STEPS``."""
    return whole_number(value, name, 1, MAX_STEPS)


def seed(value, name="seed"):
    """A seed for numpy's random generator: a whole number >= 0."""
    return whole_number(value, name, 0)


def boolean(value, name):
    """True or False (not "no", not 0): a flag."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r:.40}")
    return bool(value)


def one_of(value, name, choices):
    """``value`` if it is one of ``choices`` (strings), else ValueError listing them."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {sorted(choices)}, got {value!r:.40}")
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r:.60}; expected one of {sorted(choices)}")
    return value


LANGUAGES, language = texts.LANGUAGES, texts.language      # the editions; lang, checked
