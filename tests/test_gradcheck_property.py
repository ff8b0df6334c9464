"""Backward agrees with central finite differences on many random networks.

Hypothesis draws the layer sizes, activations, loss, batch size, weights and
data; every parameter's gradient must agree to a relative error below 1e-6
(gradients below 1e-4 are compared in absolute terms: see gradcheck.relative_errors).
"""
import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import bpcore

HIDDEN = ["sigmoid", "tanh", "relu", "identity"]


@st.composite
def problems(draw):
    sizes = draw(st.lists(st.integers(1, 5), min_size=2, max_size=5))
    loss = draw(st.sampled_from(["half_sse", "bce", "cross_entropy"]))
    L = len(sizes) - 1
    hidden = [draw(st.sampled_from(HIDDEN)) for _ in range(L - 1)]
    if loss == "bce":
        out = "sigmoid"
    elif loss == "cross_entropy":
        out = "softmax"
        sizes[-1] = max(sizes[-1], 2)
    else:
        out = draw(st.sampled_from(["sigmoid", "tanh", "identity"]))
    shared = draw(st.booleans()) and out != "softmax"
    net = bpcore.Network(sizes, activation=hidden + [out], loss=loss, seed=draw(st.integers(0, 2**31)),
                         shared_bias=shared)
    rng = np.random.default_rng(draw(st.integers(0, 2**31)))
    batch = draw(st.sampled_from([None, 1, 3, 8]))
    shape = (sizes[0],) if batch is None else (batch, sizes[0])
    x = rng.normal(size=shape)
    out_shape = shape[:-1] + (sizes[-1],)
    if loss == "cross_entropy":
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=shape[:-1] or None)]
    else:
        y = rng.uniform(0, 1, size=out_shape)
    return net, x, y


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_backward_matches_central_differences(problem):
    net, x, y = problem
    trace = net.forward(x)
    if "relu" in net.activation:   # a kink within eps of a sample makes the difference quotient meaningless
        assume(all(np.min(np.abs(trace.z[k])) > 1e-3 for k in range(1, net.L + 1) if net.activation[k - 1] == "relu"))
    assert bpcore.gradcheck(net, x, y) < 1e-6


def test_gradcheck_catches_a_wrong_backward():
    """The check itself can fail: break the sigmoid's derivative and it must notice."""
    net = bpcore.Network([2, 3, 1], seed=0)
    net.f_prime[1] = lambda n: np.ones_like(n)     # wrong on purpose
    assert bpcore.gradcheck(net, [0.3, -0.7], [1.0]) > 1e-2


def test_gradcheck_leaves_the_network_unchanged():
    net = bpcore.Network([2, 3, 1], seed=0)
    before = [w.copy() for w in net.W[1:]]
    bpcore.gradcheck(net, [0.3, -0.7], [1.0])
    for a, b in zip(net.W[1:], before):
        np.testing.assert_array_equal(a, b)
