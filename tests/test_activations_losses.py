"""Each activation and loss against its derivative, by central differences (tol 1e-7),
and the sigmoid's behaviour far out in its tails."""
import math
import warnings

import numpy as np
import pytest

from bpcore import activations as A
from bpcore import losses as Lo

Z = np.linspace(-6, 6, 121) + 0.013   # avoid ReLU's kink at exactly 0
H = 1e-6


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_activation_derivative_matches_central_difference(name):
    f, f_prime, f_prime_from_n = A.ACTIVATIONS[name]
    numeric = (f(Z + H) - f(Z - H)) / (2 * H)
    np.testing.assert_allclose(f_prime(Z), numeric, rtol=0, atol=1e-7)
    np.testing.assert_allclose(f_prime_from_n(f(Z)), f_prime(Z), rtol=0, atol=1e-15)


def test_sigmoid_has_no_overflow_or_nan_for_any_finite_input():
    z = np.array([-1e308, -1000.0, -745.0, -40.0, 0.0, 40.0, 1000.0, 1e308])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        n = A.sigmoid(z)
        d = A.sigmoid_prime(z)
    assert np.all(np.isfinite(n)) and np.all(np.isfinite(d))
    assert n[0] == 0.0 and n[-1] == 1.0 and n[4] == 0.5
    assert A.sigmoid(-40.0) == pytest.approx(4.248354255291589e-18, rel=1e-14)  # no cancellation


def test_sigmoid_matches_the_textbook_formula():
    z = np.linspace(-30, 30, 61)
    exact = np.array([1 / (1 + math.exp(-v)) for v in z])
    # numpy's exp and the C library's are two implementations: on some CPUs (numpy's
    # AVX-512 code) they differ by an ulp, so compare to a few ulps (1e-15 ~ 4.5 ulps at 1)
    np.testing.assert_allclose(A.sigmoid(z), exact, rtol=1e-15)


def test_softmax_rows_sum_to_one_and_do_not_overflow():
    s = A.softmax(np.array([[1000.0, 1000.0, 0.0], [1.0, 2.0, 3.0]]))
    np.testing.assert_allclose(s.sum(axis=1), 1.0, rtol=1e-15)
    assert s[0, 0] == pytest.approx(0.5, abs=1e-15)


Y = np.array([[0.0, 1.0], [1.0, 0.0], [0.3, 0.7]])
Y_HAT = np.array([[0.2, 0.6], [0.9, 0.4], [0.5, 0.5]])


@pytest.mark.parametrize("name", ["half_sse", "bce"])
def test_loss_derivative_matches_central_difference(name):
    loss, prime, _, _ = Lo.LOSSES[name]
    for j in range(2):
        step = np.zeros_like(Y_HAT)
        step[:, j] = H
        numeric = (loss(Y, Y_HAT + step) - loss(Y, Y_HAT - step)) / (2 * H)
        np.testing.assert_allclose(prime(Y, Y_HAT)[:, j], numeric, rtol=0, atol=1e-7)


def test_half_sse_is_the_documents_E_total():
    assert Lo.half_sse(np.array([0.01, 0.99]), np.array([0.75136507, 0.772928465])) == pytest.approx(
        0.298371108, abs=1e-8)


def test_losses_from_z_equal_losses_from_y_hat():
    z = np.array([[0.3, -1.2], [2.0, 0.1], [-0.4, 0.4]])
    np.testing.assert_allclose(Lo.binary_cross_entropy_from_z(Y, z), Lo.binary_cross_entropy(Y, A.sigmoid(z)),
                               rtol=1e-13)
    onehot = np.array([[0, 1.0], [1.0, 0], [0, 1.0]])
    np.testing.assert_allclose(Lo.cross_entropy_from_z(onehot, z), Lo.cross_entropy(onehot, A.softmax(z)),
                               rtol=1e-13)


def test_bce_from_z_stays_finite_when_y_hat_rounds_to_one():
    assert np.isfinite(Lo.binary_cross_entropy_from_z(np.array([0.0]), np.array([50.0])))
    assert Lo.binary_cross_entropy_from_z(np.array([0.0]), np.array([50.0])) == pytest.approx(50.0, rel=1e-15)


# ---- the sigmoid: warnings silenced only where exp(-z) could overflow ---------------
@pytest.mark.parametrize("z", [
    [0.0, 1.0], [-708.9, 3.0], [-709.0], [-709.5, 0.5], [-710.0, -745.0, 1.0], [-1e308] * 3,
    [np.nan, -800.0], [-800.0, np.nan], [1.0, np.nan], list(np.linspace(-30, 30, 16)),
    list(np.linspace(-800, 30, 17)), [],
])
def test_sigmoid_equals_the_silenced_formula_and_warns_nothing(z):
    z = np.array(z, dtype=float)
    with np.errstate(over="ignore"):
        expected = 1.0 / (1.0 + np.exp(-z))          # the textbook formula, warnings silenced
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = A.sigmoid(z)
    np.testing.assert_array_equal(got, expected)                   # NaN where NaN, else equal


def test_sigmoid_of_a_python_float_and_a_2d_array():
    assert float(A.sigmoid(0.0)) == 0.5
    z = np.array([[-1000.0, 0.0], [2.0, -3.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        n = A.sigmoid(z)
    assert n.shape == (2, 2) and n[0, 0] == 0.0 and n[0, 1] == 0.5


def test_sigmoid_complement_is_one_minus_sigmoid_without_the_cancellation():
    from bpcore.activations import sigmoid, sigmoid_complement
    z = np.array([-30.0, -2.0, 0.0, 2.0, 5.99648348782718, 30.0])
    np.testing.assert_allclose(sigmoid_complement(z), 1 - sigmoid(z), rtol=1e-12, atol=1e-15)
    # at z = 30, 1 − σ(z) is 9.4e-14 computed from a number near 1; σ(−z) keeps every digit
    assert sigmoid_complement(30.0) == pytest.approx(np.exp(-30.0) / (1 + np.exp(-30.0)), rel=1e-15)
    assert abs((1 - sigmoid(30.0)) / sigmoid_complement(30.0) - 1) > 1e-4


def test_stable_losses_from_z_equal_the_plain_ones():
    from bpcore import losses
    from bpcore.activations import sigmoid
    rng = np.random.default_rng(3)
    z = rng.normal(0, 3, size=(50, 2))
    for y in (np.zeros((50, 2)), np.ones((50, 2)), rng.uniform(size=(50, 2))):
        np.testing.assert_allclose(losses.half_sse_sigmoid_from_z(y, z), losses.half_sse(y, sigmoid(z)), rtol=1e-10,
                                   atol=1e-15)
        np.testing.assert_allclose(losses.binary_cross_entropy_stable_from_z(y, z),
                                   losses.binary_cross_entropy_from_z(y, z), rtol=1e-10, atol=1e-14)
    # y = 1, z = 40: softplus(z) − z has no digits left; softplus(−z) has all of them
    assert losses.binary_cross_entropy_stable_from_z(np.array([1.0]), np.array([40.0])) == pytest.approx(
        np.exp(-40.0), rel=1e-12)
