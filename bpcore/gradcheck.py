"""Check back-propagation against central finite differences.

For each parameter theta, (L(theta + eps) - L(theta - eps)) / (2 eps) should
equal what ``backward`` says.  Notebook 02, section 2.4, runs this on
document 000's network.
"""
from . import checks
from .network import Network

#: the most parameters a check runs over (two forward passes each)
MAX_PARAMETERS = 20_000


def _check(net, eps):
    if not isinstance(net, Network):
        raise TypeError(f"net must be a bpcore.Network, got {type(net).__name__}")
    if len(net.names) > MAX_PARAMETERS:
        raise ValueError(f"net has {len(net.names):,} named parameters; a finite-difference check "
                         f"takes at most {MAX_PARAMETERS:,}")
    eps = checks.positive_number(eps, "eps")
    if eps > 0.1:
        raise ValueError(f"eps must be at most 0.1 (a small step), got {eps!r}")
    return eps


def numeric_grads(net, x, y, eps=1e-5):
    """Central-difference estimate of every parameter's gradient: {name: float}.

    The network is left exactly as it was (also if the check is interrupted).
    """
    eps = _check(net, eps)
    x, y = net.check_data(x, y, ("x", "y"))     # copies, if they share memory with the weights
    estimate = {}
    for name, (kind, k, index) in net.names.items():
        arr = (net.W if kind == "W" else net.b)[k]
        original = arr[index]
        try:
            arr[index] = original + eps
            up = net.loss(x, y)
            arr[index] = original - eps
            down = net.loss(x, y)
        finally:
            arr[index] = original
        estimate[name] = (up - down) / (2 * eps)
    return estimate


def relative_errors(net, x, y, eps=1e-5, floor=1e-4):
    """{name: |backward - numeric| / max(|backward| + |numeric|, floor)} for every parameter.

    ``floor`` keeps gradients that are both ~0 from dividing by ~0: below it the
    comparison is absolute.  With eps = 1e-5 the difference quotient carries
    round-off of about 1e-16 |L| / 1e-5 ~ 1e-11, so a gradient much smaller than
    1e-4 cannot be checked to 1e-6 relatively; pass a smaller ``floor`` (and a
    larger ``eps``) for a network whose gradients are all tiny, like document 000's.
    """
    _check(net, eps)
    floor = checks.positive_number(floor, "floor")
    numeric = numeric_grads(net, x, y, eps)             # checks x and y
    analytic = net.backward(net.forward(x), y).named()
    return {name: abs(analytic[name] - numeric[name]) / max(abs(analytic[name]) + abs(numeric[name]), floor)
            for name in numeric}


def gradcheck(net, x, y, eps=1e-5, floor=1e-4):
    """The largest relative error between backward and central finite differences.

    A correct backward pass gives about 1e-9 or less for a smooth network.
    """
    return max(relative_errors(net, x, y, eps, floor).values())
