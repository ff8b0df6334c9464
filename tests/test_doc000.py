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
