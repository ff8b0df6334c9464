"""Check back-propagation against central finite differences.

For each parameter theta, (J(theta + eps) - J(theta - eps)) / (2 eps) should
equal what ``backward`` says, where J is the network's loss L or, given
``weight_decay`` λ, the regularised objective L + (λ/2) sum_k ||W^(k)||^2 whose
gradient the update with weight decay follows (biases are not decayed).

The relative error of one parameter is

    |g_backward - g_numeric| / max(|g_backward| + |g_numeric|, floor).

Its size depends on eps two ways: the central difference's truncation error grows
like eps^2, and the rounding error of J, divided by 2 eps, grows like 1/eps.
``sweep`` measures the worst relative error over a range of eps.  ``loss`` replaces
the network's loss by another function of the output layer's z (for instance one
computed without cancellation, ``losses.half_sse_sigmoid_from_z``).

Notebook 02, section 2.4, runs all of this on document 000's network.
"""
import numpy as np

from . import checks
from .losses import weight_decay_penalty
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


def _options(net, loss, weight_decay, names):
    if loss is not None and not callable(loss):
        raise TypeError(f"loss must be a function (y, z) -> loss, or None, got {type(loss).__name__}")
    weight_decay = 0.0 if weight_decay == 0 else checks.positive_number(weight_decay, "weight_decay")
    if names is None:
        names = list(net.names)
    else:
        if isinstance(names, str) or not hasattr(names, "__iter__"):
            raise TypeError(f"names must be a list of parameter names, got {names!r:.60}")
        names = list(names)
        unknown = [n for n in names if n not in net.names]
        if unknown:
            raise ValueError(f"names: no parameter called {unknown[0]!r}")
    return weight_decay, names


def numeric_grads(net, x, y, eps=1e-5, loss=None, weight_decay=0.0, names=None):
    """Central-difference estimate of every parameter's gradient (or only ``names``'): {name: float}.

    loss: a function (y, z of the output layer) -> loss to use instead of the network's own;
    weight_decay: λ, to differentiate L + (λ/2) sum ||W||^2 instead of L.
    The network is left exactly as it was (also if the check is interrupted).
    """
    eps = _check(net, eps)
    weight_decay, names = _options(net, loss, weight_decay, names)
    x, y = net.check_data(x, y, ("x", "y"))     # copies, if they share memory with the weights
    estimate = {}
    for name in names:
        kind, k, index = net.names[name]
        arr = (net.W if kind == "W" else net.b)[k]
        original = arr[index]
        try:
            arr[index] = original + eps
            up = _objective(net, x, y, loss, weight_decay)
            arr[index] = original - eps
            down = _objective(net, x, y, loss, weight_decay)
        finally:
            arr[index] = original
        estimate[name] = (up - down) / (2 * eps)
    return estimate


def _objective(net, x, y, loss, weight_decay):
    """The network's loss (or ``loss`` of the output layer's z), plus (λ/2) sum ||W||^2; public calls only."""
    value = net.loss(x, y) if loss is None else float(np.mean(loss(y, net.forward(x).z[net.L])))
    return value + weight_decay_penalty(net.W, weight_decay)


def analytic_grads(net, x, y, weight_decay=0.0, names=None):
    """The backward pass's gradient of every parameter (or only ``names``), plus λW for the
    weights when ``weight_decay`` λ is given: {name: float}."""
    weight_decay, names = _options(net, None, weight_decay, names)
    grads = net.backward(net.forward(x), y).named()
    return {name: grads[name] + (weight_decay * net[name] if net.names[name][0] == "W" else 0.0)
            for name in names}


def relative_errors(net, x, y, eps=1e-5, floor=1e-4, loss=None, weight_decay=0.0, names=None):
    """{name: |backward - numeric| / max(|backward| + |numeric|, floor)} for every parameter
    (or only ``names``); ``loss`` and ``weight_decay`` as in ``numeric_grads``.  Below
    ``floor`` the comparison is absolute (the quotient's round-off, ~1e-16 |L| / eps, swamps
    tinier gradients): document 000's tiny gradients need a smaller floor and a larger eps."""
    _check(net, eps)
    floor = checks.positive_number(floor, "floor")
    numeric = numeric_grads(net, x, y, eps, loss, weight_decay, names)        # checks x and y
    analytic = analytic_grads(net, x, y, weight_decay, list(numeric))
    return {name: abs(analytic[name] - numeric[name]) / max(abs(analytic[name]) + abs(numeric[name]), floor)
            for name in numeric}


def gradcheck(net, x, y, eps=1e-5, floor=1e-4, loss=None, weight_decay=0.0, names=None):
    """The largest relative error between backward and central finite differences.

    A correct backward pass gives about 1e-9 or less for a smooth network.
    """
    return max(relative_errors(net, x, y, eps, floor, loss, weight_decay, names).values())


def sweep(net, x, y, epsilons, floor=1e-12, loss=None, weight_decay=0.0, names=None):
    """The worst relative error (``gradcheck``) for each step in ``epsilons``: an array.

    On a log-log plot against eps it falls like eps^2 (truncation) from the right and rises
    like 1/eps (rounding) on the left; its minimum is the best eps for this network.
    """
    epsilons = checks.real_array(epsilons, "epsilons")
    if epsilons.ndim != 1 or len(epsilons) == 0:
        raise ValueError(f"epsilons must be a non-empty list of steps, got shape {epsilons.shape}")
    return np.array([gradcheck(net, x, y, float(e), floor, loss, weight_decay, names) for e in epsilons])
