"""The full state of a Network, a Session or a Playground as plain, comparable values.

Arrays become their bytes (so equality is bit-for-bit: -0.0 differs from 0.0, and
two NaNs with the same bits are equal); lists and dicts are copied deeply.  The
network's ``_version`` is left out on purpose: it only says whether a trace is
still current, and an undone call may move it on (old traces then count as stale).
"""
import copy

import numpy as np


def _bits(a):
    a = np.asarray(a)
    return (a.dtype.str, a.shape, a.tobytes())


def network_state(net):
    return (tuple(_bits(w) for w in net.W[1:]), tuple(_bits(b) for b in net.b[1:]), tuple(net.sizes),
            tuple(net.activation), net.loss_name, net.shared_bias, net.train_bias,
            copy.deepcopy(net.labels), tuple(net.names.items()) if len(net.names) < 2000 else len(net.names))


def session_state(s):
    return (network_state(s.net), _bits(s.x), _bits(s.y), s.lr, s.weight_decay, s.steps_done,
            copy.deepcopy(s.history), copy.deepcopy(s.last_update))


def playground_state(p):
    b = p._batches
    data = tuple(_bits(a) for a in (p.X_all, p.labels_all, p.X_train, p.labels_train, p.X_test, p.labels_test,
                                    p.Y_train, p.Y_test))
    custom = None if p.custom is None else (_bits(p.custom[0]), _bits(p.custom[1]))
    return (copy.deepcopy(p.settings), network_state(p.net), p.steps, copy.deepcopy(p.history), data, custom,
            None if b.order is None else _bits(b.order), b.cursor, repr(b.rng.bit_generator.state),
            p.history_limit)
