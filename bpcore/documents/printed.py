"""Compare a computed number with one printed in a document, at the printed precision.

    >>> agrees(0.7513650695523157, "0.751365")
    True
    >>> agrees(0.5932699921071872, "0.593269")      # the document truncated
    False
"""


def decimals(printed):
    """How many digits the printed number has after its decimal point."""
    text = printed.strip().lstrip("+-")
    return len(text.split(".")[1]) if "." in text else 0


def agrees(value, printed):
    """True if ``value`` rounds to ``printed`` (half a unit in its last digit, plus
    float64 round-off)."""
    target = float(printed)
    half_unit = 0.5 * 10.0 ** -decimals(printed)
    return abs(float(value) - target) <= half_unit * (1 + 1e-9) + 4e-16 * max(1.0, abs(target))


def at_precision_of(value, printed):
    """``value`` formatted with as many decimals as ``printed`` has."""
    return f"{float(value):.{decimals(printed)}f}"
