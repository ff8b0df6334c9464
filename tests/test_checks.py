"""bpcore.checks: every argument check names the argument, says what was expected, and
shows the refused value as it is."""
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import bpcore
from bpcore import checks, examples
from bpcore.widgets.playground import Playground
from bpcore.widgets.session import Session


class BadFloat(float):
    """A float whose conversion raises, as a hostile caller's number might."""

    def __float__(self):
        raise RuntimeError("no float for you")


class BadIndex(int):
    def __index__(self):
        raise RuntimeError("no index for you")

    __int__ = __index__


class BadArray:
    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("no array for you")


# ---- conversions that raise: a TypeError naming the argument --------------------------
def test_a_number_whose_float_raises_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="lr must be a real number, but converting BadFloat to a float failed "
                                        "\\(RuntimeError\\)"):
        checks.real_number(BadFloat(0.5), "lr")
    net = examples.network_2_2_2()
    with pytest.raises(TypeError, match="w5 must be a real number, but converting BadFloat"):
        net["w5"] = BadFloat(0.5)
    with pytest.raises(TypeError, match="noise must be a real number, but converting BadFloat"):
        Playground().configure(noise=BadFloat(0.1))
    session = Session(examples.network_2_2_2, examples.DOC001["x"], examples.DOC001["y"], 0.5)
    with pytest.raises(TypeError, match="x1 must be a real number, but converting BadFloat"):
        session.set("x1", BadFloat(0.1))


def test_a_whole_number_whose_index_raises_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="steps must be a whole number, but converting BadIndex to an int failed"):
        checks.steps(BadIndex(3))
    with pytest.raises(TypeError, match="seed must be a whole number, but converting BadIndex"):
        bpcore.Network([2, 1], seed=BadIndex(3))


def test_an_array_whose_array_raises_is_a_type_error_naming_it():
    net = examples.network_2_2_2()
    with pytest.raises(TypeError, match="x must be an array of real numbers, but reading BadArray as one failed "
                                        "\\(RuntimeError\\)"):
        net.forward(BadArray())
    with pytest.raises(TypeError, match="X must be an array of real numbers, but reading BadArray"):
        bpcore.train(net, BadArray(), examples.DOC001["y"], 0.5, 1)


# ---- numbers numpy keeps as objects --------------------------------------------------------
def test_a_list_of_fractions_is_accepted_as_one_fraction_is():
    net = examples.network_2_2_2()
    one = net.forward([Fraction(1, 20), Fraction(1, 10)]).y_hat
    np.testing.assert_array_equal(one, net.forward([0.05, 0.1]).y_hat)
    assert checks.real_number(Fraction(1, 20), "x") == 0.05
    np.testing.assert_array_equal(checks.real_array([[Fraction(1, 2), 1], [2**70, Fraction(3, 2)]], "x"),
                                  [[0.5, 1.0], [2.0**70, 1.5]])
    with pytest.raises(TypeError, match="x must be real numbers, got an array of object"):
        checks.real_array([Decimal("0.5"), 1], "x")               # not a numbers.Real, as alone


def test_object_arrays_that_are_not_all_numbers_are_still_refused():
    with pytest.raises(TypeError, match="x must be real numbers, got an array of object"):
        checks.real_array([Fraction(1, 2), "a"], "x")
    with pytest.raises(TypeError, match="x must be real numbers, got an array of object"):
        checks.real_array(np.array([Fraction(1, 2), True], dtype=object), "x")
    with pytest.raises(ValueError, match="x must be finite, got a number too large for a float"):
        checks.real_array([10**400, 1], "x")
    with pytest.raises(ValueError, match="x must be finite, got a number too large for a float"):
        checks.real_array([Fraction(10**400), 1], "x")


# ---- the refused value, as it is, next to the limit ---------------------------------------
@pytest.mark.parametrize("call, message", [
    (lambda: checks.number_in(0.5000000000000001, "noise", 0, 0.5),
     "noise must be between 0 and 0.5, got 0.5000000000000001"),
    (lambda: checks.number_in(1e6 + 1e-9 * 1e6, "x", -1e6, 1e6), "got 1000000.001"),
    (lambda: checks.number_in(-1e-300, "stop below loss (0 = never)", 0.0, 10.0),
     "stop below loss \\(0 = never\\) must be between 0 and 10, got -1e-300"),
    (lambda: checks.positive_number(-5e-324, "lr"), "lr must be > 0, got -5e-324"),
    (lambda: checks.nonnegative_number(-1e-17, "weight_decay"), "weight_decay must be >= 0, got -1e-17"),
    (lambda: bpcore.gradcheck(examples.network_2_2_2(), [0.05, 0.1], [0.01, 0.99], eps=0.10000000000000002),
     "eps must be at most 0.1 \\(a small step\\), got 0.10000000000000002"),
])
def test_a_refused_value_is_shown_so_it_differs_from_the_limit(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_playgrounds_limits_show_the_refused_value():
    p = Playground()
    for key, value, shown in (("noise", 0.5000000000000001, "0.5000000000000001"),
                              ("lr", 10 ** 1.5 * (1 + 2**-52), repr(10 ** 1.5 * (1 + 2**-52))),
                              ("stop_epochs", 1e6 * (1 + 2**-52), repr(1e6 * (1 + 2**-52))),
                              ("stop_loss", 10.000000000000002, "10.000000000000002")):
        with pytest.raises(ValueError, match=f"got {shown}"):
            p.configure(**{key: value})


def test_whole_numbers_and_flags():
    assert checks.whole_number(np.int64(3), "n") == 3 and type(checks.whole_number(np.int64(3), "n")) is int
    with pytest.raises(TypeError, match="n must be a whole number, got bool True"):
        checks.whole_number(True, "n")
    with pytest.raises(ValueError, match="steps must be at most 1,000,000, got 1000001"):
        checks.steps(1_000_001)
    with pytest.raises(TypeError, match="flag must be True or False, got int 1"):
        checks.boolean(1, "flag")


def test_a_coordinate_just_past_the_limit_is_shown_as_it_is():
    from bpcore.data import csvfile, datasets
    X = [[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1e6 * (1 + 2**-52), 0.0]]
    with pytest.raises(ValueError, match=f"point 4, x1 = {1e6 * (1 + 2**-52)!r} is too large; coordinates must lie "
                                         f"within ±1e\\+06"):
        datasets.check_data(X, [0, 1, 0, 1])
    with pytest.raises(ValueError, match="row 5, column x1: 1000000.0000000001 is too large"):
        csvfile.load_csv("x1,x2,label\n0,0,0\n1,1,1\n0,1,0\n1000000.0000000001,0,1\n")
