"""Small 2-D data sets for the playground (notebook 03), and the learner's own CSV.

Every generator takes ``n`` points, a ``noise`` level (0 = clean; the standard
deviation of Gaussian jitter, in the same units as the data, which lie in
about [-1, 1]) and a ``seed``, and returns ``(X, labels)``: X of shape (n, 2),
labels integers 0..C-1 of shape (n,).
"""
import csv
import io
import math
from pathlib import Path

import numpy as np

from . import checks

#: the most rows a CSV may have (the playground redraws every point, live)
MAX_ROWS = 5000


def _rng(seed):
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an integer, got {seed!r}")
    return np.random.default_rng(seed)


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


#: name -> (generator, number of classes)
DATASETS = {"xor": (xor, 2), "circles": (circles, 2), "moons": (moons, 2), "blobs": (blobs, 2),
            "spirals": (spirals, 2), "3 classes": (three_classes, 3)}


def make(name, n=200, noise=0.0, seed=0):
    """The data set ``name`` (a key of DATASETS) with n points: (X, labels)."""
    checks.one_of(name, "data set", DATASETS)
    n = checks.positive_int(n, "number of points")
    if n < 4:
        raise ValueError(f"number of points must be at least 4, got {n}")
    noise = checks.nonnegative_number(noise, "noise")
    return DATASETS[name][0](n, noise, seed)


def split(X, labels, test_fraction=0.3, seed=0):
    """Shuffle and split into (X_train, labels_train, X_test, labels_test); both parts non-empty."""
    test_fraction = checks.real_number(test_fraction, "test fraction")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test fraction must be between 0 and 1, got {test_fraction}")
    order = _rng(seed).permutation(len(X))
    n_test = min(max(1, round(test_fraction * len(X))), len(X) - 1)
    test, train = order[:n_test], order[n_test:]
    return X[train], labels[train], X[test], labels[test]


def targets(labels, n_outputs):
    """Targets for a network with ``n_outputs`` output units: the labels as a (n, 1)
    column of 0/1 for a single sigmoid output, else (n, n_outputs) one-hot rows."""
    labels = np.asarray(labels)
    if n_outputs == 1:
        return labels.astype(float)[:, None]
    return np.eye(n_outputs)[labels]


def load_csv(source, max_rows=MAX_ROWS):
    """The learner's own data: a CSV file with columns x1, x2, label (a header row first).

    source: a path, or the file's contents as bytes or str.  Labels must be whole
    numbers 0, 1, ... with at least two classes.  Returns (X, labels); raises
    ValueError with a message that says what is wrong and where.
    """
    if isinstance(source, str) and not source.strip():
        raise ValueError("the file is empty")
    if isinstance(source, (bytes, bytearray, memoryview)):
        try:
            text = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("the file is not text (UTF-8): is it really a CSV file?") from None
    elif isinstance(source, (str, Path)) and (isinstance(source, Path) or "\n" not in source):
        path = Path(source)
        if not path.is_file():
            raise ValueError(f"no file at {str(path)!r}")
        return load_csv(path.read_bytes(), max_rows)
    elif isinstance(source, str):
        text = source
    else:
        raise TypeError(f"source must be a path or the file's contents, got {type(source).__name__}")
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise ValueError("the file is empty")
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [name for name in ("x1", "x2", "label") if name not in header]
    if missing:
        raise ValueError(f"missing column(s) {', '.join(missing)}: the first row must name x1, x2 and label "
                         f"(found {', '.join(rows[0]) or 'nothing'})")
    body = rows[1:]
    if len(body) > max_rows:
        raise ValueError(f"too many rows: {len(body)}; the playground takes at most {max_rows}")
    if len(body) < 4:
        raise ValueError(f"too few rows: {len(body)}; the playground needs at least 4 points")
    cols = [header.index(name) for name in ("x1", "x2", "label")]
    X, labels = np.empty((len(body), 2)), np.empty(len(body), dtype=int)
    for r, row in enumerate(body, start=2):
        if len(row) < len(header):
            raise ValueError(f"row {r} has {len(row)} values, expected {len(header)}")
        values = []
        for c, name in zip(cols, ("x1", "x2", "label")):
            cell = row[c].strip()
            try:
                value = float(cell)
            except ValueError:
                raise ValueError(f"row {r}, column {name}: {cell!r} is not a number") from None
            if not math.isfinite(value):
                raise ValueError(f"row {r}, column {name}: {cell!r} is not a finite number (NaN or inf)")
            values.append(value)
        if values[2] != int(values[2]) or values[2] < 0:
            raise ValueError(f"row {r}, column label: {row[cols[2]].strip()!r} is not a class number 0, 1, 2, ...")
        X[r - 2] = values[:2]
        labels[r - 2] = int(values[2])
    classes = np.unique(labels)
    if len(classes) < 2:
        raise ValueError(f"only one class ({classes[0]}) in the labels: there is nothing to separate")
    if not np.array_equal(classes, np.arange(len(classes))):
        raise ValueError(f"labels must be 0, 1, ... without gaps, got {', '.join(map(str, classes))}")
    if len(classes) > 10:
        raise ValueError(f"{len(classes)} classes: the playground handles at most 10")
    return X, labels
