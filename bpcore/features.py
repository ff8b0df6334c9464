"""Input features: what the playground feeds the network besides the point's x₁ and x₂.

Each feature is a function of the two coordinates (x₁, x₂) of every point, the columns of an
(n, 2) array.  ``transform(X, names)`` gives the (n, len(names)) array of the chosen ones, in
the order of ``FEATURES``: the network's input layer n[0] has one unit per chosen feature.
With x₁² and x₂² among them, a circle x₁² + x₂² = r² is a straight line in the inputs, so one
layer (no hidden layer at all) can draw it: features can do what depth would otherwise do.
"""
import numpy as np

#: name -> (label as the diagram shows it, the map from the (n, 2) points to a column)
FEATURES = {
    "x1": ("x₁", lambda X: X[:, 0]),
    "x2": ("x₂", lambda X: X[:, 1]),
    "x1^2": ("x₁²", lambda X: X[:, 0] * X[:, 0]),
    "x2^2": ("x₂²", lambda X: X[:, 1] * X[:, 1]),
    "x1*x2": ("x₁x₂", lambda X: X[:, 0] * X[:, 1]),
    "sin x1": ("sin x₁", lambda X: np.sin(X[:, 0])),
    "sin x2": ("sin x₂", lambda X: np.sin(X[:, 1])),
}
#: the features of a plain network: the point itself
PLAIN = ("x1", "x2")


def check(names, what="features"):
    """``names`` as a list in ``FEATURES`` order, checked: a list or tuple of known names, each
    at most once, at least one (the network needs an input).  ValueError/TypeError naming ``what``."""
    if isinstance(names, (str, bytes)) or not isinstance(names, (list, tuple)):
        raise TypeError(f"{what} must be a list of feature names from {', '.join(FEATURES)}, got {names!r:.60}")
    for name in names:
        if not isinstance(name, str) or name not in FEATURES:
            raise ValueError(f"{what}: unknown feature {name!r:.40}; the features are {', '.join(FEATURES)}")
    if len(set(names)) != len(names):
        raise ValueError(f"{what}: each feature at most once, got {list(names)}")
    if not names:
        raise ValueError(f"{what}: at least one feature must be on (the network needs an input)")
    return [name for name in FEATURES if name in names]


def labels(names):
    """The diagram's labels of the features ``names``."""
    return [FEATURES[name][0] for name in names]


def transform(X, names):
    """The (n, len(names)) inputs of the points X (an (n, 2) array) for the features ``names``
    (checked by ``check``); the plain features give X itself, not a copy."""
    if tuple(names) == PLAIN:
        return X
    return np.column_stack([FEATURES[name][1](X) for name in names])
