"""bpcore.engine: the one forward, backward and step, against the documents' formulas
written out here a different way (loops over units, one sample at a time)."""
import inspect
import math
import re
import warnings

import numpy as np
import pytest

import bpcore
from bpcore import engine, examples


def by_hand(net, x, y):
    """z, n, delta, dW, db for one sample, unit by unit, straight from the equations."""
    L, W, b = net.L, net.W, net.b
    z, n = [None], [list(x)]
    for k in range(1, L + 1):
        zk = [sum(W[k][i, j] * n[k - 1][j] for j in range(len(n[k - 1]))) + b[k][0 if net.shared_bias else i]
              for i in range(net.sizes[k])]
        z.append(zk)
        n.append([float(v) for v in net.f[k](np.array(zk))])
    delta = [None] * (L + 1)
    delta[L] = [(n[L][i] - y[i]) * n[L][i] * (1 - n[L][i]) for i in range(net.sizes[L])]     # sigmoid, half_sse
    for k in range(L - 1, 0, -1):
        delta[k] = [sum(W[k + 1][m, i] * delta[k + 1][m] for m in range(net.sizes[k + 1])) * n[k][i] * (1 - n[k][i])
                    for i in range(net.sizes[k])]
    dW = [None] + [[[delta[k][i] * n[k - 1][j] for j in range(net.sizes[k - 1])] for i in range(net.sizes[k])]
                   for k in range(1, L + 1)]
    return z, n, delta, dW


@pytest.mark.parametrize("make", [examples.network_2_2_2, examples.network_2_3_2_1])
def test_forward_and_backward_follow_the_equations_unit_by_unit(make):
    net = make()
    x = [0.05, 0.10] if net.sizes == [2, 2, 2] else [1.0, 2.0]
    y = [0.01, 0.99] if net.sizes == [2, 2, 2] else [1.0]
    z, n = engine.forward(net.W, net.b, net.f, np.array([x]))              # one sample: one row
    delta, dW, db = engine.backward(net.W, n, np.array([y]), net.dL_dy_hat, net.f_prime, net.shared_bias)
    z, n, delta = ([None] + [v[0] for v in a[1:]] for a in (z, n, delta))
    hz, hn, hdelta, hdW = by_hand(net, x, y)
    for k in range(1, net.L + 1):
        np.testing.assert_allclose(z[k], hz[k], rtol=1e-14)
        np.testing.assert_allclose(n[k], hn[k], rtol=1e-14)
        np.testing.assert_allclose(delta[k], hdelta[k], rtol=1e-12, atol=1e-300)
        np.testing.assert_allclose(dW[k], hdW[k], rtol=1e-12, atol=1e-300)
        expected_db = [sum(hdelta[k])] if net.shared_bias else hdelta[k]
        np.testing.assert_allclose(db[k], expected_db, rtol=1e-12, atol=1e-300)


def test_document_001_numbers_from_the_engine():
    net = examples.network_2_2_2()
    z, n = engine.forward(net.W, net.b, net.f, examples.DOC001["x"][None])
    assert n[2][0, 0] == pytest.approx(0.75136507, abs=5e-9)           # out_o1
    delta, dW, db = engine.backward(net.W, n, examples.DOC001["y"][None], net.dL_dy_hat, net.f_prime, True)
    assert dW[2][0, 0] == pytest.approx(0.082167041, abs=5e-10)        # dE_total/dw5
    assert dW[1][0, 0] == pytest.approx(0.000438568, abs=5e-10)        # dE_total/dw1


def test_a_batch_is_the_mean_of_its_samples():
    net = bpcore.Network([3, 4, 2], seed=1)
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(5, 3)), rng.uniform(size=(5, 2))
    _, n = engine.forward(net.W, net.b, net.f, X)
    _, dW, db = engine.backward(net.W, n, Y, net.dL_dy_hat, net.f_prime)
    each = [engine.backward(net.W, engine.forward(net.W, net.b, net.f, X[i:i + 1])[1], Y[i:i + 1], net.dL_dy_hat,
                            net.f_prime) for i in range(len(X))]
    for k in (1, 2):
        np.testing.assert_allclose(dW[k], np.mean([g[1][k] for g in each], axis=0), rtol=1e-13)
        np.testing.assert_allclose(db[k], np.mean([g[2][k] for g in each], axis=0), rtol=1e-13)


def test_one_sample_equals_a_batch_of_one():
    net = examples.network_2_2_2()
    x, y = examples.DOC001["x"], examples.DOC001["y"]
    one, batch = net.backward(net.forward(x), y), net.backward(net.forward(x[None]), y[None])
    assert one.loss == pytest.approx(batch.loss, rel=1e-15)
    for k in (1, 2):
        np.testing.assert_allclose(one.dW[k], batch.dW[k], rtol=1e-15, atol=0)
        np.testing.assert_allclose(one.db[k], batch.db[k], rtol=1e-15, atol=0)


def test_step_is_w_minus_eta_times_g_plus_lambda_w_bit_for_bit_and_warns_nothing():
    net = examples.network_2_3_2_1()
    grads = net.backward(net.forward([1.0, 2.0]), [1.0])
    for lam in (0.0, 1.0):
        W = [None] + [w.copy() for w in net.W[1:]]
        b = [None] + [v.copy() for v in net.b[1:]]
        expected = [w - 0.1 * (g + lam * w) for w, g in zip(W[1:], grads.dW[1:])]
        expected_b = [v - 0.1 * g for v, g in zip(b[1:], grads.db[1:])]
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            engine.step(W, b, grads.dW, grads.db, 0.1, lam)
        for got, want in zip(W[1:] + b[1:], expected + expected_b):
            assert got.tobytes() == want.tobytes()


@pytest.mark.parametrize("bad", [np.nan, np.inf, 1e300])
def test_a_step_that_would_overflow_changes_nothing(bad):
    net = examples.network_2_2_2(train_bias=True)
    grads = net.backward(net.forward([0.05, 0.1]), [0.01, 0.99])
    grads.dW[2][0, 1] = bad
    before = [a.copy() for a in net.W[1:] + net.b[1:]]
    with np.errstate(over="ignore", invalid="ignore"), pytest.raises(OverflowError, match="inf or NaN"):
        engine.step(net.W, net.b, grads.dW, grads.db, 1e10)
    for a, c in zip(net.W[1:] + net.b[1:], before):
        assert a.tobytes() == c.tobytes()


def test_a_large_step_below_the_guard_is_taken_and_one_past_it_is_not():
    W, b = [None, np.array([[1e150]])], [None, np.array([0.0])]
    engine.step(W, b, [None, np.array([[1e75]])], [None, np.array([0.0])], 1e75)     # a move of 1e150
    assert W[1][0, 0] == 1e150 - 1e75 * 1e75
    with np.errstate(over="ignore"), pytest.raises(OverflowError):                  # 1e155 squared: inf
        engine.step(W, b, [None, np.array([[1e80]])], [None, np.array([0.0])], 1e75)
    assert W[1][0, 0] == 1e150 - 1e75 * 1e75


@pytest.mark.parametrize("name", ["forward", "backward", "step"])
def test_each_engine_function_is_short_and_every_line_names_its_equation(name):
    source = inspect.getsource(getattr(engine, name))
    body = [line for line in source.split('"""')[-1].splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(body) <= 15, f"engine.{name} has {len(body)} lines"
    labels = re.findall(r"\((F\d|BP\d|U\d)\)", source)
    wanted = {"forward": {"F1", "F2"}, "backward": {"BP1", "BP2", "BP3", "BP4"}, "step": {"U1", "U2"}}[name]
    assert set(labels) == wanted
    for label in wanted:
        assert f"({label})" in engine.__doc__


def test_the_overflow_guard_is_explained_where_it_is():
    assert "overflow guard" in inspect.getsource(engine.step)
    assert math.isfinite(2.0 ** 512 * 2.0 ** 511)          # the bound the comment relies on
