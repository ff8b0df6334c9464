"""Small 2-D data sets for the playground (notebook 03), and the checks every point set
passes, whatever its source (a generator, a CSV file: ``csvfile.py``, a saved state).

Every generator takes ``n`` points, a ``noise`` level (0 = clean; the standard
deviation of Gaussian jitter, in the same units as the data, which lie in
about [-1, 1]) and a ``seed``, and returns ``(X, labels)``: X of shape (n, 2),
labels integers 0..C-1 of shape (n,).  The regression data sets (``REGRESSION``)
return ``(X, y)`` instead, y a real number per point (float, in [-1, 1]).
"""
import math

import numpy as np

from .. import checks

#: the most rows a CSV may have (the playground redraws every point, live), and the fewest
MAX_ROWS = 5000
MIN_ROWS = 4
#: the most classes; labels are 0 .. MAX_CLASSES - 1
MAX_CLASSES = 10
#: the largest coordinate, in size: the data sets lie in about [-1, 1]; past this the
#: plot and the network's inputs stop making sense
MAX_COORDINATE = 1e6
#: the most noise a generator takes (the standard deviation of the jitter)
MAX_NOISE = 10.0


def _rng(seed):
    return np.random.default_rng(checks.seed(seed, "seed"))


def _jitter(X, noise, rng):
    return X + rng.normal(0.0, noise, size=X.shape) if noise > 0 else X


def xor(n=200, noise=0.0, seed=0):
    """Points in the square [-1, 1]^2; class 1 where x1 and x2 have the same sign."""
    rng = _rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    X += 0.05 * np.sign(X)                      # a small gap along the axes
    labels = (X[:, 0] * X[:, 1] > 0).astype(int)
    return _jitter(X, noise, rng), labels


def circles(n=200, noise=0.0, seed=0):
    """A disc (class 1, radius < 0.5) inside a ring (class 0, radius 0.7 to 1)."""
    rng = _rng(seed)
    labels = (np.arange(n) % 2).astype(int)
    radius = np.where(labels == 1, rng.uniform(0, 0.5, n), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0, 2 * math.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return _jitter(X, noise, rng), labels


def moons(n=200, noise=0.0, seed=0):
    """Two interleaving half circles."""
    rng = _rng(seed)
    labels = (np.arange(n) % 2).astype(int)
    t = rng.uniform(0, math.pi, n)
    X = np.where(labels[:, None] == 0,
                 np.column_stack([np.cos(t), np.sin(t)]),
                 np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)]))
    X = (X - [0.5, 0.25]) / 1.2                  # centre it in about [-1, 1]
    return _jitter(X, noise, rng), labels


def blobs(n=200, noise=0.0, seed=0):
    """Two Gaussian blobs, one per class (noise widens them)."""
    rng = _rng(seed)
    labels = (np.arange(n) % 2).astype(int)
    centres = np.array([[-0.5, -0.5], [0.5, 0.5]])
    X = centres[labels] + rng.normal(0, 0.2 + noise, size=(n, 2))
    return X, labels


def spirals(n=200, noise=0.0, seed=0):
    """Two spirals winding around each other: hard for a small network."""
    rng = _rng(seed)
    labels = (np.arange(n) % 2).astype(int)
    r = rng.uniform(0.05, 1.0, n)
    angle = 3.5 * math.pi * r + math.pi * labels
    X = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return _jitter(X, noise, rng), labels


def three_classes(n=300, noise=0.0, seed=0):
    """Three Gaussian blobs, classes 0, 1, 2 (needs a softmax output)."""
    rng = _rng(seed)
    labels = (np.arange(n) % 3).astype(int)
    angles = 2 * math.pi * np.arange(3) / 3 + math.pi / 2
    centres = 0.6 * np.column_stack([np.cos(angles), np.sin(angles)])
    X = centres[labels] + rng.normal(0, 0.18 + noise, size=(n, 2))
    return X, labels


def plane(n=200, noise=0.0, seed=0):
    """Regression: points in [-1, 1]^2, each with the value y = (x1 + x2) / 2 of a tilted plane
    at the point before the jitter (so noise moves the points off their values)."""
    rng = _rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    return _jitter(X, noise, rng), (X[:, 0] + X[:, 1]) / 2


#: the centres and signs of ``gaussians``' bumps: three up, three down, alternating
BUMPS = [(-0.6, 0.5, 1.0), (0.0, 0.5, -1.0), (0.6, 0.5, 1.0), (-0.6, -0.5, -1.0), (0.0, -0.5, 1.0),
         (0.6, -0.5, -1.0)]


def gaussians(n=200, noise=0.0, seed=0):
    """Regression: points in [-1, 1]^2, each with the value at it of a sum of six Gaussian bumps
    (width 0.2), three of height +1 and three of -1 (see ``BUMPS``), clipped to [-1, 1]."""
    rng = _rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    y = sum(sign * np.exp(-((X[:, 0] - cx) ** 2 + (X[:, 1] - cy) ** 2) / (2 * 0.2 ** 2)) for cx, cy, sign in BUMPS)
    return _jitter(X, noise, rng), np.clip(y, -1.0, 1.0)


#: name -> (generator, number of classes)
DATASETS = {"xor": (xor, 2), "circles": (circles, 2), "moons": (moons, 2), "blobs": (blobs, 2),
            "spirals": (spirals, 2), "3 classes": (three_classes, 3)}
#: the regression data sets: name -> generator of (X, y) with y real
REGRESSION = {"plane": plane, "gaussians": gaussians}


def make(name, n=200, noise=0.0, seed=0):
    """The data set ``name`` (a key of DATASETS or REGRESSION) with n points: (X, labels), or
    (X, y) with y real for a regression data set."""
    checks.one_of(name, "data set", {**DATASETS, **REGRESSION})
    n = checks.whole_number(n, "number of points", MIN_ROWS, MAX_ROWS)
    noise = checks.number_in(noise, "noise", 0.0, MAX_NOISE)
    checks.seed(seed, "seed")
    if name in REGRESSION:
        return REGRESSION[name](n, noise, seed)
    return DATASETS[name][0](n, noise, seed)


def split(X, labels, test_fraction=0.3, seed=0):
    """Shuffle and split into (X_train, labels_train, X_test, labels_test); both parts non-empty."""
    X, labels = np.asarray(X), np.asarray(labels)
    if len(X) < 2 or len(labels) != len(X):
        raise ValueError(f"X and labels must be at least 2 points, one label each; got {len(X)} and {len(labels)}")
    test_fraction = checks.real_number(test_fraction, "test fraction")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test fraction must be between 0 and 1, got {test_fraction!r}")
    order = _rng(seed).permutation(len(X))
    n_test = min(max(1, round(test_fraction * len(X))), len(X) - 1)
    test, train = order[:n_test], order[n_test:]
    return X[train], labels[train], X[test], labels[test]


def targets(labels, n_outputs):
    """Targets for a network with ``n_outputs`` output units: the labels as a (n, 1)
    column of 0/1 for a single sigmoid output, else (n, n_outputs) one-hot rows."""
    n_outputs = checks.positive_int(n_outputs, "n_outputs", MAX_CLASSES)
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.dtype.kind not in "iu" or (len(labels) and (
            labels.min() < 0 or labels.max() >= max(n_outputs, 2))):
        raise ValueError(f"labels must be class numbers 0 .. {max(n_outputs, 2) - 1}, one per point")
    if n_outputs == 1:
        return labels.astype(float)[:, None]
    return np.eye(n_outputs)[labels]


def check_data(X, labels, source="data"):
    """The one validator for the playground's data, whatever its source (a generator,
    a CSV file, a saved state): returns (X float64 of shape (n, 2), labels int of
    shape (n,)) or raises ValueError/TypeError saying what is wrong.

    The rules: 4 to MAX_ROWS points; coordinates finite and at most MAX_COORDINATE
    in size; labels whole numbers 0, 1, ... without gaps, at least 2 and at most
    MAX_CLASSES classes.
    """
    X = _check_points(X, source)
    n = len(X)
    labels = checks.real_array(labels, f"{source} labels")
    if labels.shape != (n,):
        raise ValueError(f"{source} labels must be one per point, shape ({n},), got {labels.shape}")
    bad = (labels != np.round(labels)) | (labels < 0) | (labels >= MAX_CLASSES)
    if bad.any():
        r = int(np.argmax(bad))
        raise ValueError(f"{source}: point {r + 1}, label {float(labels[r])!r} is not a class number 0, 1, 2, ... "
                         f"(at most {MAX_CLASSES} classes)")
    labels = labels.astype(int)
    classes = np.unique(labels)
    if len(classes) < 2:
        raise ValueError(f"{source}: only one class ({classes[0]}) in the labels: there is nothing to separate")
    if not np.array_equal(classes, np.arange(len(classes))):
        raise ValueError(f"{source}: labels must be 0, 1, ... without gaps, got {', '.join(map(str, classes))}")
    return X, labels


def _check_points(X, source):
    """The points of the playground's data, checked (see ``check_data``): X float64 of shape (n, 2)."""
    X = checks.real_array(X, f"{source} x")
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"{source} x must be points (x1, x2): shape (n, 2), got {X.shape}")
    n = len(X)
    if n < MIN_ROWS:
        raise ValueError(f"too few rows: {n}; the playground needs at least {MIN_ROWS} points")
    if n > MAX_ROWS:
        raise ValueError(f"too many rows: {n}; the playground takes at most {MAX_ROWS}")
    big = np.abs(X) > MAX_COORDINATE
    if big.any():
        r, c = np.argwhere(big)[0]
        raise ValueError(f"{source}: point {r + 1}, x{c + 1} = {float(X[r, c])!r} is too large; coordinates must lie "
                         f"within ±{MAX_COORDINATE:g} (rescale the data)")
    return X


def check_values(X, y, source="data"):
    """The validator for regression data (the playground's custom data whose third column is a real
    number): returns (X float64 of shape (n, 2), y float64 of shape (n,)) or raises ValueError/TypeError.
    X as in ``check_data``; every y finite and at most MAX_COORDINATE in size, and not all equal."""
    X = _check_points(X, source)
    y = checks.real_array(y, f"{source} values")
    if y.shape != (len(X),):
        raise ValueError(f"{source} values must be one per point, shape ({len(X)},), got {y.shape}")
    big = ~(np.abs(y) <= MAX_COORDINATE)
    if big.any():
        r = int(np.argmax(big))
        raise ValueError(f"{source}: point {r + 1}, value {float(y[r])!r} is too large; values must lie within "
                         f"±{MAX_COORDINATE:g} (rescale the data)")
    if np.all(y == y[0]):
        raise ValueError(f"{source}: every value is {float(y[0])!r}: there is nothing to learn")
    return X, y.astype(float)


def is_classes(labels):
    """True if every one of ``labels`` (real numbers) is a class number 0, 1, ..., MAX_CLASSES - 1:
    the playground then classifies; otherwise it does regression on them."""
    labels = np.asarray(labels, dtype=float)
    return bool(np.all((labels == np.round(labels)) & (labels >= 0) & (labels < MAX_CLASSES)))
