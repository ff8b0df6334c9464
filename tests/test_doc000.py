"""Document 000 (the 2-3-2-1 network): the worked example two ways, all three layers.

bpcore is compared with a plain-Python, loop-by-loop version of the document's
derivation (sections 2.1-2.5), to 1e-15 absolute (the numbers are tiny).

Tolerances hold on any IEEE-754 machine: the loops use math.exp and Python sums, bpcore
numpy's exp and BLAS (which may fuse multiply-adds or sum in another order), so the two
differ by a few ulps, never by more than the tolerances below (the pinned updated
weights are compared to 1e-15 relative, about 2 to 5 ulps, not to the last bit).
"""
import math

import numpy as np
import pytest

from bpcore import examples, gradcheck
from bpcore.documents import worked


def f(z):
    return 1.0 / (1.0 + math.exp(-z))


def by_loops(W, b, x, y, eta, lam):
    """Forward, backward and the document's update rule with plain lists."""
    n, zs = [list(x)], [None]
    for Wk, bk in zip(W, b):
        z = [sum(w * a for w, a in zip(row, n[-1])) + bi for row, bi in zip(Wk, bk)]
        zs.append(z)
        n.append([f(v) for v in z])
    L = len(W)
    delta = [None] * (L + 1)
    delta[L] = [(o - t) * o * (1 - o) for o, t in zip(n[L], y)]
    for k in range(L - 1, 0, -1):
        back = [sum(W[k][i][j] * delta[k + 1][i] for i in range(len(W[k]))) for j in range(len(n[k]))]
        delta[k] = [back[j] * n[k][j] * (1 - n[k][j]) for j in range(len(n[k]))]
    W_new, b_new = [], []
    for k in range(1, L + 1):
        W_new.append([[W[k - 1][i][j] - eta * (delta[k][i] * n[k - 1][j] + lam * W[k - 1][i][j])
                       for j in range(len(n[k - 1]))] for i in range(len(n[k]))])
        b_new.append([b[k - 1][i] - eta * delta[k][i] for i in range(len(n[k]))])
    return n, zs, delta, W_new, b_new


@pytest.fixture(scope="module")
def ref():
    W = [examples.DOC000_W[k] for k in (1, 2, 3)]
    b = [examples.DOC000_B[k] for k in (1, 2, 3)]
    return by_loops(W, b, [1.0, 2.0], [1.0], 0.1, 1.0)


@pytest.fixture(scope="module")
def w():
    return worked.doc000()


@pytest.mark.parametrize("k", [1, 2, 3])
def test_doc000_forward_layer_matches_loops(w, ref, k):
    np.testing.assert_allclose(w.z[k], ref[1][k], rtol=0, atol=1e-13)
    np.testing.assert_allclose(w.n[k], ref[0][k], rtol=0, atol=1e-15)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_doc000_delta_matches_loops(w, ref, k):
    np.testing.assert_allclose(w.delta[k], ref[2][k], rtol=1e-9, atol=0)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_doc000_update_of_layer_matches_loops(w, ref, k):
    # The document stops after layer 1 ("方法同上"); bpcore updates all three.
    np.testing.assert_allclose(w.W_new[k], ref[3][k - 1], rtol=0, atol=1e-15)
    np.testing.assert_allclose(w.b_new[k], ref[4][k - 1], rtol=0, atol=1e-15)


def test_doc000_output_pinned(w):
    assert w.y_hat[0] == pytest.approx(0.997518688140956, abs=1e-15)
    assert w.L == pytest.approx(3.078454270916e-06, abs=1e-17)


def test_doc000_deltas_pinned(w):
    np.testing.assert_allclose(w.delta[3], [-6.141631331652986e-06], rtol=1e-12)
    np.testing.assert_allclose(w.delta[2], [-1.5252860680194707e-08, -6.3040321648415625e-09], rtol=1e-10)
    np.testing.assert_allclose(w.delta[1], [-2.271305714526491e-10, -3.43746281156821e-12,
                                            -1.9571851259536598e-12], rtol=1e-8)


def test_doc000_layer1_update_pinned(w):
    # W1 - 0.1 (delta1 x^T + W1): mostly the "+W" term, 0.9 W1, plus a 1e-11 nudge.
    np.testing.assert_allclose(w.W_new[1], [[1.800000000022713, 0.9000000000454261],
                                            [0.9000000000003437, 2.7000000000006876],
                                            [2.7000000000001956, 1.8000000000003915]], rtol=1e-15, atol=0)
    np.testing.assert_allclose(w.b_new[1], [1.0000000000227131, 2.0000000000003437, 3.0000000000001957],
                               rtol=1e-15, atol=0)


def test_doc000_layer2_update_pinned(w):
    np.testing.assert_allclose(w.W_new[2], [[0.9000000015150776, 0.9000000015250979, 1.8000000015252168],
                                            [2.700000000626184, 1.8000000006303254, 1.8000000006303747]],
                               rtol=1e-15, atol=0)
    np.testing.assert_allclose(w.b_new[2], [2.000000001525286, 1.0000000006304032], rtol=1e-15, atol=0)


def test_doc000_layer3_update_pinned(w):
    np.testing.assert_allclose(w.W_new[3], [[0.9000006126340401, 2.700000613952927]], rtol=1e-15, atol=0)
    np.testing.assert_allclose(w.b_new[3], [2.000000614163133], rtol=1e-15, atol=0)


def test_doc000_plus_W_term_is_weight_decay_one(w):
    net = examples.network_2_3_2_1()
    grads = net.backward(net.forward([1, 2]), [1])
    plain = net.copy()
    plain.step(grads, 0.1)                      # no "+W"
    net.step(grads, 0.1, weight_decay=1.0)      # the document's rule
    for k in (1, 2, 3):
        np.testing.assert_allclose(net.W[k], plain.W[k] - 0.1 * examples.network_2_3_2_1().W[k],
                                   rtol=0, atol=1e-15)
        np.testing.assert_array_equal(net.b[k], plain.b[k])   # biases do not decay


def test_doc000_backward_agrees_with_finite_differences():
    net = examples.network_2_3_2_1()
    # gradients here are ~1e-10, so compare down to an absolute floor of 1e-12
    assert gradcheck(net, [1, 2], [1], eps=1e-4, floor=1e-12) < 1e-3
    assert gradcheck(net, [1, 2], [1]) < 1e-4


def test_doc000_names_as_the_document_names_them():
    net = examples.network_2_3_2_1()
    assert net["w_(x2,1)"] == 1 and net["w_(x1,3)"] == 3 and net["w_(3,5)"] == 2
    assert net["w_(5,6)"] == 3 and net["b5"] == 1 and net["b6"] == 2
    assert len(net.names) == 6 + 6 + 2 + 6


# ---- notebook 02's teaching cells: saturation, cross-entropy, the honest gradient check ----------
from bpcore import losses  # noqa: E402
from bpcore.activations import sigmoid, sigmoid_complement  # noqa: E402
from bpcore.documents import report  # noqa: E402
from bpcore.gradcheck import analytic_grads, numeric_grads, sweep  # noqa: E402

X, Y = np.array([1.0, 2.0]), np.array([1.0])
BIASES = {1: ["b1", "b2", "b3"], 2: ["b4", "b5"], 3: ["b6"]}


def test_one_neuron_sum_is_row_one_of_the_matrix_recursion(w):
    by_sum = w.f_prime[1][0] * (w.net["w_(1,4)"] * w.delta[2][0] + w.net["w_(1,5)"] * w.delta[2][1])
    v = w.net.W[2].T @ w.delta[2]
    assert by_sum == pytest.approx(w.delta[1][0], rel=1e-15)
    np.testing.assert_array_equal(np.diag(w.f_prime[1]) @ v, w.f_prime[1] * v)


def test_bce_deltas_against_finite_differences():
    """δ⁽ᵏ⁾ = ∂L/∂b⁽ᵏ⁾ of the cross-entropy network, against central differences of the same loss
    computed without cancellation (eps = 1e-3: truncation ~1e-7 relative, rounding far below)."""
    bce = examples.network_2_3_2_1(loss="bce")
    grads = bce.backward(bce.forward(X), Y)
    fd = numeric_grads(bce, X, Y, eps=1e-3, loss=losses.binary_cross_entropy_stable_from_z)
    for k, names in BIASES.items():
        np.testing.assert_allclose(grads.delta[k], [fd[n] for n in names], rtol=2e-6)
    # δ⁽³⁾ = ŷ − y, and every δ is 1/f′(z⁽³⁾) ≈ 404 times the ½Σ one (the recursion is linear in δ⁽³⁾)
    half = examples.network_2_3_2_1()
    half_grads = half.backward(half.forward(X), Y)
    assert grads.delta[3][0] == pytest.approx(-0.0024813118590441, rel=1e-12)
    z6 = float(half.forward(X).z[3][0])
    ratio = 1 / float(sigmoid(z6) * sigmoid_complement(z6))          # 1 / f′(z⁽³⁾)
    assert ratio == pytest.approx(404.015, abs=1e-3)
    for k in (1, 2, 3):
        np.testing.assert_allclose(grads.delta[k] / half_grads.delta[k], ratio, rtol=1e-9)


def test_gradient_check_limited_by_the_cancellation_not_the_size_of_the_loss():
    """At eps = 1e-4: the naive loss 1/2 (1 − σ(z6))² checks to ~1.2e-4, the same loss from σ(−z6)
    to ~2.6e-6 (rounding varies a little across CPUs' exp: factor-of-two bands)."""
    naive = gradcheck(examples.network_2_3_2_1(), X, Y, eps=1e-4, floor=1e-12)
    stable = gradcheck(examples.network_2_3_2_1(), X, Y, eps=1e-4, floor=1e-12, loss=losses.half_sse_sigmoid_from_z)
    assert 6e-5 < naive < 2.5e-4
    assert 1.3e-6 < stable < 5e-6
    assert naive / stable > 20


def test_eps_sweep_minimum():
    """The notebook's sweep, 36 steps from 1e-1 to 1e-8: with σ(−z6) the worst relative error is
    smallest, ~4e-7, for eps between 3e-4 and 2e-3 (measured 4.0e-7 at 1.0e-3; 3.3e-7 at 6.3e-4 when the
    forward pass rounds differently); with 1 − σ(z6)
    it never gets that low.  Right of the minimum both follow the truncation error ∝ eps²."""
    eps = np.logspace(-1, -8, 36)
    net = examples.network_2_3_2_1()
    naive = sweep(net, X, Y, eps)
    stable = sweep(net, X, Y, eps, loss=losses.half_sse_sigmoid_from_z)
    best = eps[stable.argmin()]
    assert 3e-4 <= best <= 2e-3
    assert 1e-7 < stable.min() < 1e-6
    assert naive.min() > 3 * stable.min()
    # truncation side: from eps = 0.1 to 0.01 the error falls 100x (slope 2 on log-log), for both
    i, j = 0, int(np.argmin(np.abs(eps - 1e-2)))
    assert stable[i] / stable[j] == pytest.approx((eps[i] / eps[j]) ** 2, rel=0.1)
    assert naive[i] / naive[j] == pytest.approx((eps[i] / eps[j]) ** 2, rel=0.1)
    # rounding side: the naive loss no longer resolves the smallest gradients at all
    assert naive[-1] == pytest.approx(1.0)


def test_regularised_objective_descends_and_checks():
    net = examples.network_2_3_2_1()

    def objective(n):
        return n.loss(X, Y) + 0.5 * sum(float((W ** 2).sum()) for W in n.W[1:])

    after = net.copy()
    after.step(net.backward(net.forward(X), Y), lr=0.1, weight_decay=1.0)
    assert objective(net) == pytest.approx(30.500003078454, abs=1e-11)
    assert objective(after) == pytest.approx(24.705009076322, abs=1e-11)
    assert after.loss(X, Y) > net.loss(X, Y)                  # L rises while J falls
    weights = [n for n, (kind, _, _) in net.names.items() if kind == "W"]
    assert gradcheck(net, X, Y, eps=1e-4, floor=1e-12, loss=losses.half_sse_sigmoid_from_z, weight_decay=1.0,
                     names=weights) < 1e-10
    analytic = analytic_grads(net, X, Y, weight_decay=1.0)
    assert analytic["w_(5,6)"] == pytest.approx(3 + (-6.139529e-06), abs=1e-11)
    assert analytic["b6"] == pytest.approx(-6.141631331652986e-06, rel=1e-12)   # biases not decayed


def test_saturation_and_shapes_tables(w):
    table = report.saturation(w.trace, w.grads)
    assert "| 2 | 1.5e-08, 6.3e-09 | 0.0025, 0.00034 | 403× |" in table
    assert "| 1 | 2.3e-10, 3.4e-12, 2e-12 | 0.0066, 0.00012, 4.5e-05 | 67× |" in table
    shapes = report.shapes([("a", np.ones((3, 1)), np.eye(3)), ("b", np.eye(3), np.ones((3, 1))),
                            ("c", w.net.W[2].T, w.delta[2][:, None])], lang="zh")
    assert "| $a$ | 3×1 · 3×3 | 没有定义 |" in shapes and "| $b$ | 3×3 · 3×1 | 3×1 |" in shapes
    assert "| $c$ | 3×2 · 2×1 | 3×1 |" in shapes


def test_network_described_in_the_readers_language(w):
    assert report.network(w.net, "zh") == "网络 2 → 3 → 2 → 1 · 激活函数：sigmoid、sigmoid、sigmoid · 损失函数：half_sse · 每个神经元一个偏置"
    assert report.network(w.net, "en").startswith("network 2 → 3 → 2 → 1 · activations: sigmoid, sigmoid")
