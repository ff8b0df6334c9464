"""Small 2-D data sets for the playground (notebook 03), and the learner's own CSV.

Every generator takes ``n`` points, a ``noise`` level (0 = clean; the standard
deviation of Gaussian jitter, in the same units as the data, which lie in
about [-1, 1]) and a ``seed``, and returns ``(X, labels)``: X of shape (n, 2),
labels integers 0..C-1 of shape (n,).  The regression data sets (``REGRESSION``)
return ``(X, y)`` instead, y a real number per point (float, in [-1, 1]).
"""
import csv
import io
import math
from pathlib import Path

import numpy as np

from . import checks

#: the most rows a CSV may have (the playground redraws every point, live), and the fewest
MAX_ROWS = 5000
MIN_ROWS = 4
#: the largest CSV file (or text) read, checked before reading: 5,000 rows of three
#: numbers take about 150 KB, so this leaves room for extra columns
MAX_FILE_BYTES = 2_000_000
#: the longest value in one CSV cell (a number never needs more)
MAX_FIELD = 100
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


def read_csv(path, max_rows=MAX_ROWS, regression=False):
    """``load_csv`` on the file at ``path`` (a str or pathlib.Path); its size is checked
    before it is read (at most MAX_FILE_BYTES)."""
    if not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a str or pathlib.Path, got {type(path).__name__}")
    if isinstance(path, str) and ("\n" in path or len(path) > 4096):
        raise ValueError("path looks like a file's contents, not a path: pass the text to load_csv instead")
    path = Path(path)
    try:
        if not path.is_file():
            raise ValueError(f"no file at {str(path)!r:.200}")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValueError(f"the file is too large: {size:,} bytes; the playground takes at most "
                             f"{MAX_FILE_BYTES:,} ({max_rows:,} rows)")
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read {str(path)!r:.200}: {exc.strerror or exc}") from None
    return load_csv(data, max_rows, regression)


def load_csv(source, max_rows=MAX_ROWS, regression=False):
    """The learner's own data: CSV text with columns x1, x2, label (a header row first);
    any other columns are ignored (a row may end before them, and a header may end in a comma).

    source: the file's contents, as str or bytes (UTF-8; a byte-order mark is
    dropped; line endings \\n, \\r\\n or \\r), or a ``pathlib.Path`` to read (see
    ``read_csv``; a str is always the text itself, never a path).  Labels must be whole
    numbers 0, 1, ... with at least two classes.  Returns (X, labels); raises
    ValueError with a message that says what is wrong and where.  With ``regression`` True,
    a label column that does not hold class numbers is read as real values instead (see
    ``check_values``) and (X, y) comes back with y float: ``is_classes(y)`` tells which.
    """
    max_rows = checks.positive_int(max_rows, "max_rows", MAX_ROWS)
    if isinstance(source, Path):
        return read_csv(source, max_rows, regression)
    if isinstance(source, (bytes, bytearray, memoryview)):
        size = memoryview(source).nbytes                 # bytes, whatever a memoryview's item size
        if size > MAX_FILE_BYTES:
            raise ValueError(f"the file is too large: {size:,} bytes; the playground takes at most "
                             f"{MAX_FILE_BYTES:,}")
        try:
            text = memoryview(source).tobytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("the file is not text (UTF-8): is it really a CSV file?") from None
    elif isinstance(source, str):
        # the limit is on bytes of UTF-8, as for a file (a str of at most a quarter of it always fits)
        size = len(source.encode("utf-8", "surrogatepass")) if len(source) > MAX_FILE_BYTES // 4 else 0
        if size > MAX_FILE_BYTES:
            raise ValueError(f"the text is too long: {size:,} bytes of UTF-8; the playground takes at most "
                             f"{MAX_FILE_BYTES:,}")
        text = source[1:] if source.startswith("\ufeff") else source
    else:
        raise TypeError(f"source must be the file's contents (str or bytes) or a pathlib.Path, "
                        f"got {type(source).__name__}")
    if not text.strip():
        raise ValueError("the file is empty")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    hint = ("; to read a file, pass a pathlib.Path (a str is taken as the file's contents)"
            if "\n" not in text.strip() and "," not in text else "")
    reader = csv.reader(io.StringIO(text))
    rows = []
    try:
        for row in reader:
            if any(len(cell) > MAX_FIELD for cell in row):
                raise ValueError(f"row {reader.line_num}: a value longer than {MAX_FIELD} characters; "
                                 f"is it really a CSV file of numbers?{hint}")
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
                if len(rows) > max_rows + 1:
                    raise ValueError(f"too many rows: the playground takes at most {max_rows} points, "
                                     f"and this file has more")
    except csv.Error as exc:
        raise ValueError(f"row {reader.line_num}: not readable as CSV ({exc})") from None
    if not rows:
        raise ValueError("the file is empty")
    first = rows[0][1]
    header = [cell.strip().lower() for cell in first]
    missing = [name for name in ("x1", "x2", "label") if name not in header]
    if missing:
        raise ValueError(f"missing column(s) {', '.join(missing)}: the first row must name x1, x2 and label "
                         f"(found {', '.join(first)[:80] or 'nothing'}){hint}")
    body = rows[1:]
    if len(body) < MIN_ROWS:
        raise ValueError(f"too few rows: {len(body)}; the playground needs at least {MIN_ROWS} points")
    cols = [header.index(name) for name in ("x1", "x2", "label")]
    values = np.empty((len(body), 3))
    need = max(cols) + 1        # other columns (before, between or after these) are ignored, and may be missing
    for r, (line, row) in enumerate(body):
        if len(row) < need:
            raise ValueError(f"row {line} has {len(row)} values; its x1, x2 and label need at least {need} "
                             f"(the header names {', '.join(c for c in header if c)[:80]})")
        for c, (col, name) in enumerate(zip(cols, ("x1", "x2", "label"))):
            cell = row[col].strip()
            try:
                value = float(cell)
            except ValueError:
                raise ValueError(f"row {line}, column {name}: {cell!r} is not a number") from None
            if not math.isfinite(value):
                raise ValueError(f"row {line}, column {name}: {cell!r} is not a finite number (NaN or inf)")
            values[r, c] = value
    if regression and not is_classes(values[:, 2]):
        return check_values(values[:, :2], values[:, 2], "the file")
    bad = (values[:, 2] != np.round(values[:, 2])) | (values[:, 2] < 0) | (values[:, 2] >= MAX_CLASSES)
    if bad.any():
        r = int(np.argmax(bad))
        raise ValueError(f"row {body[r][0]}, column label: {body[r][1][cols[2]].strip()!r} is not a class number "
                         f"0, 1, 2, ... (at most {MAX_CLASSES} classes)")
    big = np.abs(values[:, :2]) > MAX_COORDINATE
    if big.any():
        r, c = np.argwhere(big)[0]
        raise ValueError(f"row {body[r][0]}, column x{c + 1}: {float(values[r, c])!r} is too large; coordinates must lie "
                         f"within ±{MAX_COORDINATE:g} (rescale the data)")
    return check_data(values[:, :2], values[:, 2], "the file")
