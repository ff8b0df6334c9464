"""The playground's data: generators with seeds, the split, and the learner's own CSV."""
import numpy as np
import pytest

from bpcore.data import csvfile, datasets


@pytest.mark.parametrize("name", list(datasets.DATASETS))
def test_each_generator_is_seeded_shaped_and_labelled(name):
    X, labels = datasets.make(name, 90, 0.1, seed=3)
    X2, labels2 = datasets.make(name, 90, 0.1, seed=3)
    X3, _ = datasets.make(name, 90, 0.1, seed=4)
    assert X.shape == (90, 2) and labels.shape == (90,)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(labels, labels2)
    assert not np.array_equal(X, X3)
    assert set(labels) == set(range(datasets.DATASETS[name][1]))
    assert np.abs(X).max() < 3


def test_xor_and_circles_are_what_they_say_without_noise():
    X, labels = datasets.make("xor", 200, 0.0)
    np.testing.assert_array_equal(labels, (X[:, 0] * X[:, 1] > 0).astype(int))
    X, labels = datasets.make("circles", 200, 0.0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[labels == 1].max() < 0.5 < 0.7 < r[labels == 0].min()


def test_split_is_a_partition():
    X, labels = datasets.make("moons", 100, 0.0)
    Xtr, ltr, Xte, lte = datasets.split(X, labels, 0.3, seed=1)
    assert len(Xtr) == 70 and len(Xte) == 30
    together = np.vstack([Xtr, Xte])
    assert sorted(map(tuple, together)) == sorted(map(tuple, X))
    with pytest.raises(ValueError, match="test fraction"):
        datasets.split(X, labels, 1.0)


def test_targets_column_or_one_hot():
    np.testing.assert_array_equal(datasets.targets([0, 1, 1], 1), [[0.0], [1.0], [1.0]])
    np.testing.assert_array_equal(datasets.targets([0, 2], 3), [[1, 0, 0], [0, 0, 1]])


@pytest.mark.parametrize("kwargs, error", [
    ({"name": "swirl"}, ValueError), ({"name": "xor", "n": 2}, ValueError), ({"name": "xor", "n": 2.5}, TypeError),
    ({"name": "xor", "noise": -1}, ValueError), ({"name": "xor", "seed": "a"}, TypeError),
])
def test_bad_generator_arguments(kwargs, error):
    with pytest.raises(error):
        datasets.make(**kwargs)


GOOD = "x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n"


def test_csv_from_text_bytes_and_path(tmp_path):
    X, labels = csvfile.load_csv(GOOD)
    np.testing.assert_array_equal(X, [[0, 0], [1, 1], [0, 1], [1, 0]])
    np.testing.assert_array_equal(labels, [0, 1, 1, 0])
    X2, _ = csvfile.load_csv(GOOD.encode())
    path = tmp_path / "points.csv"
    path.write_text("label,x2,x1\n0,5,1\n1,6,2\n1,7,3\n0,8,4\n")      # any column order
    X3, labels3 = csvfile.load_csv(path)          # a Path is read; a str is the text itself
    np.testing.assert_array_equal(X3[:, 0], [1, 2, 3, 4])
    np.testing.assert_array_equal(labels3, [0, 1, 1, 0])


@pytest.mark.parametrize("text, message", [
    ("", "the file is empty"),
    ("a,b,label\n1,2,0\n", "missing column\\(s\\) x1, x2"),
    ("x1,x2\n1,2\n", "missing column\\(s\\) label"),
    ("x1,x2,label\n1,2,0\n3,4,1\n", "too few rows"),
    ("x1,x2,label\n0,0,0\n1,abc,1\n0,1,1\n1,0,0\n", "row 3, column x2: 'abc' is not a number"),
    ("x1,x2,label\n0,0,0\n1,nan,1\n0,1,1\n1,0,0\n", "row 3, column x2: 'nan' is not a finite number"),
    ("x1,x2,label\n0,0,0\n1,1,0\n0,1,0\n1,0,0\n", "only one class"),
    ("x1,x2,label\n0,0,0\n1,1,0.5\n0,1,1\n1,0,0\n", "not a class number"),
    ("x1,x2,label\n0,0,0\n1,1,2\n0,1,2\n1,0,0\n", "without gaps"),
    ("x1,x2,label\n0,0,0\n1,1\n0,1,1\n1,0,0\n", "row 3 has 2 values"),
])
def test_every_kind_of_bad_csv_has_a_clear_message(text, message):
    with pytest.raises(ValueError, match=message):
        csvfile.load_csv(text)


def test_too_many_rows_and_not_text_and_no_file(tmp_path):
    rows = "x1,x2,label\n" + "\n".join(f"{i},{i},{i % 2}" for i in range(datasets.MAX_ROWS + 1))
    with pytest.raises(ValueError, match="too many rows"):
        csvfile.load_csv(rows)
    with pytest.raises(ValueError, match="not text"):
        csvfile.load_csv(b"\xff\xfe\x00\x81")
    with pytest.raises(ValueError, match="no file at"):
        csvfile.load_csv(tmp_path / "missing.csv")
