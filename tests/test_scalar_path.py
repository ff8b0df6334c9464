"""train() runs one sample on a small network with Python floats (bpcore/scalar.py).

It must give the numpy path's numbers: same losses, same gradients, same final
weights (to 1e-12), including frozen and shared biases, weight decay and
divergence.  The numpy path is forced by passing the sample as a batch of one.
"""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import bpcore
from bpcore import examples, scalar


def both(make, x, y, lr, steps, weight_decay=0.0):
    a, b = make(), make()
    ha = bpcore.train(a, x, y, lr, steps, weight_decay=weight_decay)
    hb = bpcore.train(b, np.asarray(x, float)[None, :], np.asarray(y, float)[None, :], lr, steps,
                      weight_decay=weight_decay)
    return a, ha, b, hb


def assert_same(a, ha, b, hb, tol=1e-12):
    # A loss near zero is ½(y − ŷ)² of a residual that cancels: the two paths round ŷ differently
    # (by a few ulps of numbers near 1), and that absolute error δŷ becomes an error of about
    # sqrt(2L)·δŷ in L, which is a large *relative* error when L is 1e-22.  So each loss is
    # compared relatively (tol) or to sqrt(2L)·1e-13 (δŷ up to about 500 ulps after 20 steps).
    loss_a, loss_b = np.asarray(ha.loss), np.asarray(hb.loss)
    allowed = tol * np.abs(loss_b) + 1e-13 * np.sqrt(2 * np.abs(loss_b))
    assert loss_a.shape == loss_b.shape and np.all(np.abs(loss_a - loss_b) <= allowed), (loss_a, loss_b)
    # a gradient is δ·n with δ = ŷ − y (or f′·(ŷ − y)), so it carries the same cancellation: an
    # absolute error of a few ulps of 1 (1e-14) besides the relative one
    for name in ha.grads:
        np.testing.assert_allclose(ha.grads[name], hb.grads[name], rtol=1e-9, atol=1e-14)
    for k in range(1, a.L + 1):
        np.testing.assert_allclose(a.W[k], b.W[k], rtol=tol, atol=1e-15)
        np.testing.assert_allclose(a.b[k], b.b[k], rtol=tol, atol=1e-15)


def test_scalar_path_is_taken_for_document_001():
    net = examples.network_2_2_2()
    assert scalar.supports(net, np.zeros(2), None)
    assert not scalar.supports(net, np.zeros((1, 2)), None)
    assert not scalar.supports(bpcore.Network([2, 20, 20, 1]), np.zeros(2), None)


def test_doc001_scalar_equals_numpy():
    assert_same(*both(examples.network_2_2_2, [0.05, 0.1], [0.01, 0.99], 0.5, 200))


def test_doc000_with_weight_decay_scalar_equals_numpy():
    assert_same(*both(examples.network_2_3_2_1, [1.0, 2.0], [1.0], 0.1, 50, weight_decay=1.0))


@settings(max_examples=60, deadline=None)
@given(sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4),
       act=st.sampled_from(["sigmoid", "tanh", "relu", "identity"]),
       loss=st.sampled_from(["half_sse", "bce"]), shared=st.booleans(), train_bias=st.booleans(),
       seed=st.integers(0, 1000), wd=st.sampled_from([0.0, 0.01]))
def test_random_networks_scalar_equals_numpy(sizes, act, loss, shared, train_bias, seed, wd):
    L = len(sizes) - 1
    acts = [act] * (L - 1) + ["sigmoid"]

    def make():
        return bpcore.Network(sizes, activation=acts, loss=loss, seed=seed, shared_bias=shared,
                              train_bias=train_bias)
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=sizes[0]), rng.uniform(0, 1, size=sizes[-1])
    assert_same(*both(make, x, y, 0.3, 20, weight_decay=wd), tol=1e-10)


def test_divergence_is_caught_the_same_way():
    def make():
        return bpcore.Network([2, 3, 1], activation=["identity", "identity"], seed=0)
    a, ha, b, hb = both(make, [30.0, -40.0], [1.0], 5.0, 200)
    assert ha.diverged and hb.diverged and "lr" in ha.message
    assert len(ha.loss) == len(hb.loss)
    assert all(np.isfinite(w).all() for w in a.W[1:])
    for k in (1, 2):
        np.testing.assert_allclose(a.W[k], b.W[k], rtol=1e-12)
