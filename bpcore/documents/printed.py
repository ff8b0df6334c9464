"""Compare a computed number with one printed in a document, at the printed precision.

    >>> agrees(0.7513650695523157, "0.751365")
    True
    >>> agrees(0.5932699921071872, "0.593269")      # the document truncated
    False
    >>> agrees(0.0024835194196017435, "0.002483519419601")   # truncated too: ...6017 rounds to ...602
    False

The comparison is exact: the float's own binary value (``Decimal(value)``, every digit of it)
must lie within half a unit of the printed number's last digit, with no allowance added.  A
float64 carries about 16 significant digits, so a number printed to 16 (document 000's z4,
5.993092958762325, whose last digit is finer than the float spacing near 6) is judged on the
float bpcore computed; ``tests/test_errata.py`` pins each verdict.
"""
from decimal import Decimal


def decimals(printed):
    """How many digits the printed number has after its decimal point."""
    text = printed.strip().lstrip("+-")
    return len(text.split(".")[1]) if "." in text else 0


def agrees(value, printed):
    """True if ``value`` rounds to ``printed``: |value − printed| ≤ half a unit in the printed
    number's last digit, computed exactly (no round-off allowance)."""
    half_unit = Decimal(5).scaleb(-decimals(printed) - 1)
    return abs(Decimal(float(value)) - Decimal(printed.strip())) <= half_unit


def at_precision_of(value, printed):
    """``value`` formatted with as many decimals as ``printed`` has."""
    return f"{float(value):.{decimals(printed)}f}"
