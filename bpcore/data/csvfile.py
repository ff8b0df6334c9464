"""The learner's own data for the playground: a CSV file with columns x1, x2 and label.

File parsing, not math: every limit is checked before the file is read or parsed, and a bad
file gets one message that names its row and column.  The points then pass the same checks
as any other (``datasets.check_data``, ``datasets.check_values``).
"""
import csv
import io
import math
from pathlib import Path

import numpy as np

from .. import checks
from .datasets import MAX_CLASSES, MAX_COORDINATE, MAX_ROWS, MIN_ROWS, check_data, check_values, is_classes

#: the largest CSV file (or text) read, checked before reading: 5,000 rows of three
#: numbers take about 150 KB, so this leaves room for extra columns
MAX_FILE_BYTES = 2_000_000
#: the longest value in one CSV cell (a number never needs more)
MAX_FIELD = 100


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
