"""A fully connected feed-forward network with the documents' notation.

Layers are numbered k = 1..L as in both documents; ``n[0]`` is the input x.

    z[k] = W[k] n[k-1] + b[k]          n[k] = f_k(z[k])
    delta[k] = dL/dz[k]
             = dL/dy_hat * f_L'(z[L])                  for k = L
             = f_k'(z[k]) * (W[k+1]^T delta[k+1])      for k < L
    dL/dW[k] = delta[k] n[k-1]^T        dL/db[k] = delta[k]

Python lists are 0-based, so ``net.W[0]``, ``trace.z[0]`` and ``grads.delta[0]``
are ``None`` and layer k lives at index k, exactly as the documents number it.

For a batch (x of shape (batch, n_in)) the loss and every gradient are the
mean over the samples; for one sample they are exactly the documents' numbers.

    >>> import bpcore
    >>> net = bpcore.examples.network_2_2_2()
    >>> trace = net.forward([0.05, 0.10])
    >>> round(float(trace.n[2][0]), 6)          # out_o1 in document 001
    0.751365

Notebook 01 walks through this for document 001, notebook 02 for document 000.
"""
import itertools
import math
import re
from collections.abc import ItemsView, Mapping

import numpy as np

from . import checks, scalar
from .activations import ACTIVATIONS, softmax, softmax_and_lse
from .losses import LOSSES, cross_entropy_from_lse

#: limits for a teaching tool: a network this size trains in seconds, not hours
MAX_UNITS = 1000              # units in any one layer
MAX_LAYERS = 20               # layers with weights (L)
MAX_PARAMETERS = 1_000_000    # weights and biases together (8 MB per copy)

# Each network's ``_version`` starts at its own multiple of 2**48 and counts its changes
# from there, so one integer says both which network made a trace and whether the
# weights changed since.
_ID_SHIFT = 48
_NEXT_ID = itertools.count(1)


_F64 = np.dtype(np.float64)


def _new_version():
    return next(_NEXT_ID) << _ID_SHIFT


class _MadeWhenRead:
    """A read-only attribute of a Trace or Grads that the float path (``scalar.py``) left
    as Python floats in ``_floats``: reading it makes the arrays (``_make_arrays``), which
    from then on are what counts."""

    def __init__(self, field, doc):
        self.field, self.__doc__ = field, doc

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        if obj._floats is not None:
            obj._make_arrays()
        return getattr(obj, self.field)

    def __set__(self, obj, value):
        raise AttributeError(f"{self.field[1:]} is read-only; change its arrays in place")


class Trace:
    """What a forward pass computed: ``z[k]`` and ``n[k]`` for k = 1..L (``n[0]`` is x).

    Each is shape (units,) for one sample, (batch, units) for a batch.  A trace
    remembers which network made it and with which weights: ``backward`` refuses
    a trace from another network, or from before the weights changed.
    """

    def __init__(self, z, n, single, version, lse=None, floats=None):
        self._z, self._n, self.single, self._version = z, n, single, version
        self._lse = lse                  # logsumexp(z[L]) for a softmax output, else None
        self._floats = floats            # (x, z, n) from scalar.forward, until z or n is read

    z = _MadeWhenRead("_z", "z[k] for k = 1..L (z[0] is None).")
    n = _MadeWhenRead("_n", "n[k] for k = 0..L (n[0] is x).")

    def _make_arrays(self):
        x, z, n = self._floats
        self._z = [None] + [np.array(v) for v in z[1:]]
        self._n = [x] + [np.array(v) for v in n[1:]]
        self._floats = None              # from now on the arrays are what counts

    @property
    def x(self):
        """The input, n[0]."""
        return self.n[0]

    @property
    def y_hat(self):
        """The network's output, n[L]."""
        return self.n[-1]

    def __repr__(self):
        shapes = [np.shape(n) for n in self.n]
        return f"Trace(n shapes {shapes})"


class Grads:
    """What a backward pass computed: ``delta[k]``, ``dW[k]``, ``db[k]`` for k = 1..L,
    and the ``loss`` they are the gradient of.  ``grads["w5"]`` reads one by name.

    Grads remember the shape of the network that made them (its sizes and whether
    its biases are shared): ``step`` refuses grads from a network of another shape.
    """

    def __init__(self, delta, dW, db, loss, names, floats=None):
        self._delta, self._dW, self._db, self.loss, self._names = delta, dW, db, loss, names
        self._shape = getattr(names, "shape", None)
        self._floats = floats            # (delta, dW, db) from scalar.backward, until one is read

    delta = _MadeWhenRead("_delta", "delta[k] = dL/dz[k] for k = 1..L (delta[0] is None).")
    dW = _MadeWhenRead("_dW", "dW[k] = dL/dW[k] for k = 1..L (dW[0] is None).")
    db = _MadeWhenRead("_db", "db[k] = dL/db[k] for k = 1..L (db[0] is None).")

    def _make_arrays(self):
        delta, dW, db = self._floats
        sizes = self._shape[0]
        self._delta = [None] + [np.array(v) for v in delta[1:]]
        self._dW = [None] + [np.array(v).reshape(sizes[k], sizes[k - 1]) for k, v in enumerate(dW[1:], 1)]
        self._db = [None] + [np.array(v) for v in db[1:]]
        self._floats = None              # from now on the arrays are what counts

    def __getitem__(self, name):
        kind, k, index = _lookup(self._names, name)
        if self._floats is not None:     # read the float, no arrays made
            if kind == "W":
                return self._floats[1][k][index[0] * self._shape[0][k - 1] + index[1]]
            return self._floats[2][k][index[0]]
        return float((self.dW if kind == "W" else self.db)[k][index])

    def named(self):
        """Every parameter's gradient as a dict {name: float}, in the network's order."""
        return {name: self[name] for name in self._names}

    def __repr__(self):
        return f"Grads(loss={self.loss:.6g}, layers={len(self.dW) - 1})"


def _lookup(names, name):
    if not isinstance(name, str):
        raise TypeError(f"parameter name must be a string, got {type(name).__name__} {name!r:.40}")
    try:
        return names[name]
    except KeyError:
        some = ", ".join(itertools.islice(names, 10))
        raise ValueError(f"unknown parameter name {name!r:.60}; this network has: {some}, ...") from None


_DEFAULT_NAME = re.compile(r"(W)(\d{1,4})\[(\d{1,4}),(\d{1,4})\]|(b)(\d{1,4})\[(\d{1,4})\]")


class Names(Mapping):
    """{name: ("W" or "b", k, index)} for every parameter of a network, read-only.

    The default names ``W{k}[i,j]`` and ``b{k}[i]`` are worked out from the name when
    asked, and iterating generates them in order, so a large network never holds a
    dictionary of a million names.  ``shape`` is (sizes, shared_bias), what ``step`` compares.
    """

    def __init__(self, sizes, shared_bias, custom=None):
        self.shape = (tuple(sizes), bool(shared_bias))
        self._custom = custom
        self._all = custom

    def __getitem__(self, name):
        if self._custom is not None:
            return self._custom[name]
        match = _DEFAULT_NAME.fullmatch(name) if isinstance(name, str) else None
        if match is None:
            raise KeyError(name)
        sizes, shared = self.shape
        if match.group(1):
            k, i, j = int(match.group(2)), int(match.group(3)), int(match.group(4))
            if 1 <= k < len(sizes) and i < sizes[k] and j < sizes[k - 1]:
                return ("W", k, (i, j))
        else:
            k, i = int(match.group(6)), int(match.group(7))
            if 1 <= k < len(sizes) and i < (1 if shared else sizes[k]):
                return ("b", k, (i,))
        raise KeyError(name)

    def __iter__(self):
        if self._all is not None:
            return iter(self._all)
        return _default_name_list(*self.shape)

    def items(self):
        """(name, where) pairs in the network's order (generated, for the default names)."""
        return _Items(self)

    def __len__(self):
        if self._custom is not None:
            return len(self._custom)
        sizes, shared = self.shape
        return sum(a * b + (1 if shared else b) for a, b in zip(sizes, sizes[1:]))

    def __repr__(self):
        return f"Names({len(self)} parameters)"


class _Items(ItemsView):
    def __iter__(self):
        names = self._mapping
        return iter(names._all.items()) if names._all is not None else _default_items(*names.shape)


def _check_names(names, sizes, shared_bias):
    """A checked copy of a {name: ("W" or "b", k, index)} mapping given to Network."""
    if not isinstance(names, Mapping):
        raise TypeError(f"names must be a dict {{name: ('W' or 'b', k, index)}}, got {type(names).__name__}")
    checked, seen = {}, {}
    for name, where in names.items():
        if not isinstance(name, str):
            raise TypeError(f"names: every name must be a string, got {name!r:.40}")
        ok = isinstance(where, tuple) and len(where) == 3 and where[0] in ("W", "b")
        if ok:
            kind, k, index = where
            ok = isinstance(k, int) and not isinstance(k, bool) and 1 <= k < len(sizes) and isinstance(index, tuple)
        if ok:
            bound = (sizes[k], sizes[k - 1]) if kind == "W" else (1 if shared_bias else sizes[k],)
            ok = (len(index) == len(bound) and all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i < n
                                                   for i, n in zip(index, bound)))
        if not ok:
            raise ValueError(f"names[{name!r}] must be ('W', k, (i, j)) or ('b', k, (i,)) inside the network "
                             f"{sizes}, got {where!r:.60}")
        if (kind, k, index) in seen:
            raise ValueError(f"names {seen[kind, k, index]!r} and {name!r} name the same parameter")
        seen[kind, k, index] = name
        checked[name] = (kind, k, tuple(index))
    return checked


def _default_items(sizes, shared_bias):
    """(name, where) for the default names in the network's order, one at a time."""
    for k in range(1, len(sizes)):
        for i in range(sizes[k]):
            for j in range(sizes[k - 1]):
                yield f"W{k}[{i},{j}]", ("W", k, (i, j))
    for k in range(1, len(sizes)):
        for i in range(1 if shared_bias else sizes[k]):
            yield f"b{k}[{i}]", ("b", k, (i,))


def _default_name_list(sizes, shared_bias):
    return (name for name, _ in _default_items(sizes, shared_bias))


def default_names(sizes, shared_bias):
    """Names for every parameter: ``W{k}[i,j]`` and ``b{k}[i]`` (k from 1, i and j from 0), as a dict."""
    return dict(_default_items(sizes, shared_bias))


def _sum(a):
    """The sum of a 1-D float array as a float, added in numpy's order (from 0.0 and
    then left to right, for fewer than 8 entries), without a numpy call for a few."""
    if len(a) < 8:
        total = 0.0
        for v in a.tolist():
            total += v
        return total
    return float(np.add.reduce(a))


class Network:
    """A feed-forward network: ``sizes`` = units per layer, input first, e.g. [2, 3, 2, 1].

    activation: one name for every layer, or a list of L names (one per layer k = 1..L),
        from "sigmoid", "tanh", "relu", "identity", "softmax" (output only).
    loss: "half_sse" (1/2 sum (y - y_hat)^2, both documents), "bce" (binary
        cross-entropy, sigmoid output) or "cross_entropy" (softmax output).
    seed: random initial weights (Glorot-normal; He-normal for ReLU), zero biases.
    shared_bias: one bias per layer shared by its neurons, as in document 001.
    train_bias: whether ``step`` updates the biases (document 001 never does).
    names: {name: ("W" or "b", k, index)} naming parameters as a document does.
    labels: a list of unit labels per layer (e.g. [["i1", "i2"], ["h1", "h2"], ["o1", "o2"]]),
        used by the drawings; default x1.., then layer k's units as k.1, k.2, ...

    Limits (a teaching tool's, with a clear ValueError past them): MAX_UNITS units in a
    layer, MAX_LAYERS layers with weights, MAX_PARAMETERS weights and biases.  Every
    method checks all its arguments before it writes anything, so a refused call
    (ValueError or TypeError, naming the argument) leaves the network as it was.
    """

    def __init__(self, sizes, activation="sigmoid", loss="half_sse", seed=0,
                 shared_bias=False, train_bias=True, names=None, labels=None):
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, (list, tuple, range, np.ndarray)):
            raise TypeError(f"sizes must be a list of layer sizes like [2, 3, 1], got {sizes!r:.60}")
        if len(sizes) < 2:
            raise ValueError(f"sizes must list at least an input and an output layer, got {list(sizes)}")
        if len(sizes) - 1 > MAX_LAYERS:
            raise ValueError(f"sizes: at most {MAX_LAYERS} layers with weights, got {len(sizes) - 1}")
        sizes = [checks.positive_int(s, f"sizes[{i}]", MAX_UNITS) for i, s in enumerate(sizes)]
        n_parameters = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
        if n_parameters > MAX_PARAMETERS:
            raise ValueError(f"sizes {sizes} make {n_parameters:,} parameters; at most {MAX_PARAMETERS:,}")
        L = len(sizes) - 1
        if isinstance(activation, str):
            activation = [activation] * L
        if not isinstance(activation, (list, tuple)):
            raise TypeError(f"activation must be a name or a list of {L} names, got {activation!r:.60}")
        activation = list(activation)
        if len(activation) != L:
            raise ValueError(f"activation must name one function or {L} (one per layer), got {len(activation)}")
        for k, a in enumerate(activation, 1):
            checks.one_of(a, f"activation of layer {k}", ACTIVATIONS)
            if a == "softmax" and k != L:
                raise ValueError(f"activation 'softmax' is only allowed on the output layer, not layer {k}")
        checks.one_of(loss, "loss", LOSSES)
        fused = LOSSES[loss][2]
        if fused and activation[-1] != fused:
            raise ValueError(f"loss {loss!r} needs a {fused!r} output layer, got {activation[-1]!r}")
        if activation[-1] == "softmax" and loss != "cross_entropy":
            raise ValueError("a softmax output layer needs loss 'cross_entropy'")
        shared_bias = checks.boolean(shared_bias, "shared_bias")
        train_bias = checks.boolean(train_bias, "train_bias")
        if activation[-1] == "softmax" and shared_bias:
            raise ValueError("shared_bias cannot be used with a softmax output: adding the same number "
                             "to every z of a softmax layer changes nothing, so that bias could never learn")
        seed = checks.seed(seed, "seed")
        names = Names(sizes, shared_bias, None if names is None else _check_names(names, sizes, shared_bias))
        if labels is None:
            labels = [[f"x{j + 1}" for j in range(sizes[0])]]
            labels += [[f"{k}.{i + 1}" for i in range(s)] for k, s in enumerate(sizes[1:], 1)]
        if (isinstance(labels, (str, bytes)) or not isinstance(labels, (list, tuple))
                or any(isinstance(layer, (str, bytes)) or not isinstance(layer, (list, tuple)) for layer in labels)):
            raise TypeError("labels must be a list of lists of unit labels, one list per layer")
        if [len(layer) for layer in labels] != sizes:
            raise ValueError(f"labels must give one label per unit, {sizes} per layer")

        # everything checked: build
        self.sizes, self.activation, self.loss_name = sizes, activation, loss
        self.shared_bias, self.train_bias = shared_bias, train_bias
        self._f = [None] + [ACTIVATIONS[a][0] for a in activation]
        self._f_prime_n = [None] + [ACTIVATIONS[a][2] for a in activation]
        self._loss, self._loss_prime, self._fused, self._loss_from_z = LOSSES[loss]
        rng = np.random.default_rng(seed)
        self.W, self.b = [None], [None]
        for k in range(1, L + 1):
            fan_in, fan_out = sizes[k - 1], sizes[k]
            scale = np.sqrt(2.0 / fan_in) if activation[k - 1] == "relu" else np.sqrt(2.0 / (fan_in + fan_out))
            self.W.append(rng.normal(0.0, scale, size=(fan_out, fan_in)))
            self.b.append(np.zeros(1 if shared_bias else fan_out))
        self._names = names
        self.labels = [list(map(str, layer)) for layer in labels]
        self._version = _new_version()
        fns = scalar.functions(self)
        self._scalar = None if fns is None else (list(self._f), list(self._f_prime_n), fns)

    @property
    def names(self):
        """{name: ("W" or "b", k, index)} for every parameter, read-only (a ``Names`` mapping)."""
        return self._names

    # ---- shape facts -------------------------------------------------
    @property
    def L(self):
        """The number of layers with weights (the input layer is not counted)."""
        return len(self.sizes) - 1

    def __repr__(self):
        layers = " -> ".join(str(s) for s in self.sizes)
        acts = ", ".join(self.activation)
        bias = "shared per layer" if self.shared_bias else "per neuron"
        frozen = "" if self.train_bias else ", frozen"
        return f"Network({layers}; activations: {acts}; loss: {self.loss_name}; biases {bias}{frozen})"

    # ---- parameters by name ------------------------------------------
    def __getitem__(self, name):
        kind, k, index = _lookup(self._names, name)
        return float((self.W if kind == "W" else self.b)[k][index])

    def __setitem__(self, name, value):
        kind, k, index = _lookup(self._names, name)
        value = checks.real_number(value, name)
        (self.W if kind == "W" else self.b)[k][index] = value
        self._version += 1

    def named_parameters(self):
        """Every parameter's value as a dict {name: float}, in the network's order."""
        return {name: self[name] for name in self._names}

    def set_parameters(self, values):
        """Set several parameters at once from {name: value}; all or nothing."""
        if not isinstance(values, Mapping):
            raise TypeError(f"values must be a dict {{name: number}}, got {type(values).__name__}")
        checked = [(_lookup(self._names, name), checks.real_number(value, name)) for name, value in values.items()]
        for (kind, k, index), value in checked:
            (self.W if kind == "W" else self.b)[k][index] = value
        self._version += 1

    def copy(self):
        """An independent copy: same settings, same values, separate arrays.  Traces of
        the original do not fit the copy (it is another network); its grads do."""
        twin = object.__new__(Network)
        twin.__dict__.update(self.__dict__)
        twin.W = [None] + [w.copy() for w in self.W[1:]]
        twin.b = [None] + [b.copy() for b in self.b[1:]]
        twin._version = _new_version()
        return twin

    def state(self):
        """A snapshot of every W[k] and b[k] (copies), for ``restore``: ([W1, W2, ...], [b1, b2, ...])."""
        return [w.copy() for w in self.W[1:]], [b.copy() for b in self.b[1:]]

    def restore(self, state):
        """Put back the values from ``state()``, in place; all or nothing (every array is
        checked for its shape and for NaN or inf before any is written)."""
        if not isinstance(state, (tuple, list)) or len(state) != 2:
            raise TypeError("state must be what Network.state() returned: ([W1, W2, ...], [b1, b2, ...])")
        checked = []
        for part, arrays, current in (("W", state[0], self.W), ("b", state[1], self.b)):
            if not isinstance(arrays, (tuple, list)) or len(arrays) != self.L:
                raise ValueError(f"state must hold {self.L} {part} arrays, one per layer")
            for k, a in enumerate(arrays, 1):
                a = checks.real_array(a, f"state {part}{k}")
                if a.shape != current[k].shape:
                    raise ValueError(f"state {part}{k} must have shape {current[k].shape}, got {a.shape}")
                checked.append((current[k], a))
        for target, a in checked:
            target[...] = a
        self._version += 1

    # ---- checks --------------------------------------------------------
    def _check_x(self, x, name="x"):
        """x as a float64 array of shape (n_in,) or (batch, n_in), all finite; a float64
        array that is already fine is returned as it is (no copy).  ``train`` calls this
        once per call; forward once per pass."""
        x = checks.real_array(x, name)
        n_in = self.sizes[0]
        if not (x.shape == (n_in,) or (x.ndim == 2 and x.shape[1] == n_in and len(x) > 0)):
            raise ValueError(f"{name} must have shape ({n_in},) or (batch, {n_in}), got {x.shape}")
        return x

    def _check_y(self, y, shape, name="y"):
        y = checks.real_array(y, name)
        if y.shape != shape:
            raise ValueError(f"{name} must have shape {shape} to match the output, got {y.shape}")
        if self.loss_name == "bce" and (y.min() < 0 or y.max() > 1):
            raise ValueError(f"{name} must lie in [0, 1] for loss 'bce'")
        if self.loss_name == "cross_entropy" and (y.min() < 0 or np.abs(y.sum(axis=-1) - 1.0).max() > 1e-6):
            raise ValueError(f"{name} must be one-hot (rows of >= 0 summing to 1) for loss 'cross_entropy'")
        return y

    # ---- the algorithm ---------------------------------------------------
    def forward(self, x):
        """Run x through the network and keep every z[k] and n[k] (a ``Trace``).

        x: shape (n_in,) for one sample or (batch, n_in).

        One sample on a small network (``scalar.functions``) is computed on Python floats,
        as ``train`` computes it, and ``backward`` and ``step`` carry on in floats; the
        arrays ``trace.z``, ``trace.n``, ``grads.dW`` ... are made when first read, and from
        then on they are what counts.  Numpy's cost per call, not the arithmetic, is what
        such a network pays (see ``benchmarks/bench_bpcore.py --breakdown``).
        """
        x = self._check_x(x)
        if x.ndim == 1:
            fns = self._float_functions()
            if fns is not None:
                z, n = scalar.forward(self, x, fns[0])
                return Trace(None, None, True, self._version, floats=(x, z, n))
        return self._forward(x)

    def _float_functions(self):
        """The scalar (f, f') of every layer if one sample may take the float path
        (``scalar.py``): a small network of elementwise activations, whose functions are
        the ones it was built with.  None otherwise."""
        made = self._scalar
        if made is None or self._f != made[0] or self._f_prime_n != made[1]:
            return None
        return made[2]

    def _forward(self, x):
        # One sample (x 1-D): z = W n + b as written.  A batch (x 2-D, one row per
        # sample): Z = N W^T + b, the same for every row.  (For one sample, np.dot costs
        # less per call than @; for a batch, @ multiplies transposed arrays faster.)
        # A softmax output also gives logsumexp(z[L]), kept for the cross-entropy.
        single = x.ndim == 1
        W, b, f = self.W, self.b, self._f
        z, n, nk, lse = [None], [x], x, None
        for k in range(1, len(W)):
            zk = np.dot(W[k], nk) if single else nk @ W[k].T
            zk += b[k]
            if f[k] is softmax:
                nk, lse = softmax_and_lse(zk)
            else:
                nk = f[k](zk)
            z.append(zk)
            n.append(nk)
        return Trace(z, n, single, self._version, lse)

    def backward(self, trace, y):
        """Back-propagate from the target y; returns ``Grads`` (delta, dW, db for k = 1..L).

        trace: what ``forward`` returned for the current weights; y: the target,
        the same shape as the output ``trace.y_hat``.
        """
        if type(trace) is not Trace:
            raise TypeError(f"trace must be what Network.forward returned, got {type(trace).__name__}")
        if trace._version != self._version:
            if trace._version >> _ID_SHIFT != self._version >> _ID_SHIFT:
                same = len(trace.n) == self.L + 1 and all(np.shape(n)[-1] == s for n, s in zip(trace.n, self.sizes))
                raise ValueError(f"trace comes from another network{'' if same else ' of another shape'}: "
                                 f"call this network's forward")
            raise ValueError("trace is stale: the weights changed since forward; call forward again")
        floats = trace._floats           # (x, z, n) as floats: one sample, nothing read yet
        y = self._check_y(y, (self.sizes[-1],) if floats is not None else trace.n[-1].shape)
        fns = None if floats is None else self._float_functions()
        if fns is not None:
            loss, delta, dW, db = scalar.backward(self, floats[1], floats[2], y.tolist(), fns[1])
            return Grads(None, None, None, loss, self._names, floats=(delta, dW, db))
        return self._backward(trace, y)

    def _loss_value(self, trace, y):
        """The loss of each sample of ``trace``'s output against y (unchecked)."""
        z_out = trace.z[self.L]
        if trace._lse is not None:                       # softmax output: cross-entropy
            return cross_entropy_from_lse(y, z_out, trace._lse)
        if self._loss_from_z is not None:
            return self._loss_from_z(y, z_out)
        return self._loss(y, trace.y_hat)

    def _mean_loss(self, trace, y):
        """The loss of ``trace``'s output against y (unchecked): the batch mean, as a float."""
        return float(np.mean(self._loss_value(trace, y)))

    def _backward(self, trace, y):
        if trace.single:
            return self._backward_one(trace, y)
        L, z, n = self.L, trace.z, trace.n
        batch = len(y)
        loss = float(self._loss_value(trace, y).sum()) / batch
        if self._fused:
            d = n[L] - y                     # sigmoid+BCE, softmax+CE: dL/dz = y_hat - y
        else:
            d = self._loss_prime(y, n[L]) * self._f_prime_n[L](n[L])
        if batch > 1:
            d /= batch                       # the loss is the mean over the batch (d is new)
        delta, dW, db = [None] * (L + 1), [None] * (L + 1), [None] * (L + 1)
        for k in range(L, 0, -1):
            delta[k] = d
            dW[k] = d.T @ n[k - 1]                       # summed over the batch
            db[k] = np.array([d.sum()]) if self.shared_bias else d.sum(axis=0)
            if k > 1:                                    # W^T delta for each row
                d = d @ self.W[k]
                d *= self._f_prime_n[k - 1](n[k - 1])
        return Grads(delta, dW, db, loss, self._names)

    def _backward_one(self, trace, y):
        # The same formulas for one sample, with fewer numpy calls: numpy's cost per
        # call, not the arithmetic, is what a small network pays.  Same numbers.
        L, n, shared = self.L, trace.n, self.shared_bias
        y_hat = n[L]
        e = y_hat - y                        # dL/dy_hat of half_sse; dL/dz of the fused pairs
        if self.loss_name == "half_sse":
            loss = 0.5 * _sum(e * e)         # 1/2 sum (y - y_hat)^2
        else:
            loss = float(self._loss_value(trace, y))
        if self._fused:
            d = e
        else:
            d = (e if self.loss_name == "half_sse" else self._loss_prime(y, y_hat)) * self._f_prime_n[L](y_hat)
        delta, dW, db = [None] * (L + 1), [None] * (L + 1), [None] * (L + 1)
        for k in range(L, 0, -1):
            delta[k] = d
            dW[k] = d[:, None] * n[k - 1]                # delta n^T, an outer product
            db[k] = np.array([_sum(d)]) if shared else d
            if k > 1:                                    # W^T delta
                d = np.dot(self.W[k].T, d) * self._f_prime_n[k - 1](n[k - 1])
        return Grads(delta, dW, db, loss, self._names)

    def step(self, grads, lr, weight_decay=0.0):
        """One gradient-descent update, in place:
        W[k] <- W[k] - lr (dW[k] + weight_decay W[k]);  b[k] <- b[k] - lr db[k] (if train_bias).

        weight_decay = 1 is document 000's update rule (its "+W" term); biases never decay.
        Raises ValueError, changing nothing, if the update would make a weight inf or NaN.
        """
        if type(grads) is not Grads:
            raise TypeError(f"grads must be what Network.backward returned, got {type(grads).__name__}")
        if grads._shape != self._names.shape:
            sizes, shared = grads._shape or ((), False)
            raise ValueError(f"grads come from a network of another shape ({list(sizes)}, biases "
                             f"{'shared' if shared else 'per neuron'}); this one is {self.sizes}, biases "
                             f"{'shared' if self.shared_bias else 'per neuron'}")
        floats = grads._floats           # not None: made by scalar.backward, unseen by anyone since
        if floats is None:
            dW, db, W, b = grads.dW, grads.db, self.W, self.b
            fits = len(dW) == len(W) and len(db) == len(b)
            for k in range(1, len(W)) if fits else ():
                g, h = dW[k], db[k]
                if (type(g) is not np.ndarray or type(h) is not np.ndarray or g.shape != W[k].shape
                        or h.shape != b[k].shape):
                    fits = False
            if not fits:
                raise ValueError("grads were changed after backward: dW[k] and db[k] no longer fit the network")
        lr = checks.positive_number(lr, "lr")
        weight_decay = checks.nonnegative_number(weight_decay, "weight_decay")
        if weight_decay == 0.0:
            if floats is not None and scalar.step(self, floats[1], floats[2], lr):
                self._version += 1
                return
            if self._plain_step(grads, lr):
                return
        with np.errstate(over="ignore", invalid="ignore"):
            self._step(grads, lr, weight_decay)

    def _plain_step(self, grads, lr):
        """_step without weight decay when the sum of every g squared, times lr^2, is far
        below overflow (then so is every move, and _step's check would pass): the same
        numbers without silencing numpy's warnings.  False, changing nothing, otherwise."""
        params, gradients = self.W[1:], grads.dW[1:]
        if self.train_bias:
            params, gradients = params + self.b[1:], gradients + grads.db[1:]
        total = 0.0                                # the sum of every g squared
        for g in gradients:
            if g.dtype is not _F64:                # anything unusual takes _step's way
                return False
            if g.size <= 16:                       # a few numbers: cheaper without numpy
                for v in g.ravel().tolist():
                    total += v * v
            else:
                total += float(np.vdot(g, g))
        if not lr * lr * total < 1e300:            # also False for NaN
            return False
        for p, g in zip(params, gradients):
            p -= g * lr
        self._version += 1
        return True

    def _owned_step(self, trace, grads, lr, weight_decay, x_sq=None):
        """The training loops' step, on grads that nobody else holds (``train`` and the
        playground make them and drop them), so each g becomes lr g in place: the same
        numbers as ``_step`` without a new array per parameter.

        Its check is ``_plain_step``'s (lr^2 times the sum of every g squared far below
        overflow), with the sum bounded instead of summed where that reads fewer numbers:
        dW[k] = delta[k]^T n[k-1], so the sum of dW[k] squared is at most
        |delta[k]|^2 |n[k-1]|^2 (Frobenius norms), and a 784-128-10 layer then reads
        64 x (128 + 784) numbers instead of 128 x 784.  x_sq, if given, is |n[0]|^2 (the
        same X every step).  When the bound is not far below overflow, or with weight
        decay, the step is ``_step``'s, whose exact check decides: a step is refused
        exactly when ``_step`` refuses it.  Callers silence numpy's overflow warnings.
        """
        dW, db, n, delta = grads.dW, grads.db, trace.n, grads.delta
        total = 0.0                        # at least the sum of every g squared
        for k in range(1, len(dW)):
            g, d, a = dW[k], delta[k], n[k - 1]
            if g.size > d.size + a.size:
                a_sq = x_sq if (k == 1 and x_sq is not None) else float(np.vdot(a, a))
                total += float(np.vdot(d, d)) * a_sq
            else:
                total += float(np.vdot(g, g))
        if self.train_bias:
            for h in db[1:]:
                total += float(np.vdot(h, h))
        if weight_decay or not lr * lr * total < 1e300:       # also for NaN
            return self._step(grads, lr, weight_decay)
        for w, g in zip(self.W[1:], dW[1:]):
            g *= lr
            w -= g
        if self.train_bias:
            for b, h in zip(self.b[1:], db[1:]):     # small, and db[k] may be delta[k]
                b -= h * lr
        self._version += 1

    def _step(self, grads, lr, weight_decay):
        # Each parameter moves by d = lr (g + weight_decay w), then w -= d in place.
        # One check, before anything changes: if the sum of every d squared is finite,
        # every |d| < 2**512, and then w - d is finite for every finite w (such a d is
        # below half an ulp of any w near the largest float), so a refused step has
        # nothing to undo and the last good weights stay as they are.  Callers silence
        # numpy's overflow warnings.
        params, moves = [], []
        for w, g in zip(self.W[1:], grads.dW[1:]):
            if weight_decay:
                d = w * weight_decay
                d += g
                d *= lr
            else:
                d = g * lr
            params.append(w)
            moves.append(d)
        if self.train_bias:
            params += self.b[1:]
            moves += [g * lr for g in grads.db[1:]]
        total = 0.0                                        # the sum of every d squared
        for d in moves:
            total += float(np.vdot(d, d))
        if not math.isfinite(total):
            raise ValueError(f"lr = {lr} makes the weights overflow to inf or NaN; try a smaller lr")
        for p, d in zip(params, moves):
            p -= d
        self._version += 1

    def loss(self, x, y):
        """The loss at (x, y) with the current weights: one sample's, or the batch mean."""
        trace = self.forward(x)
        return self._mean_loss(trace, self._check_y(y, np.shape(trace.y_hat)))

    def predict(self, x):
        """The output y_hat for x (shape (n_out,) or (batch, n_out))."""
        return self.forward(x).y_hat
