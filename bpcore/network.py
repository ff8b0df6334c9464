"""A feed-forward network in the documents' notation: the checked, named front of
``engine.py``, where the algorithm lives.  Layer k is at index k, as the documents number
it (``net.W[0]``, ``trace.z[0]`` are None; ``n[0]`` is x).  A batch's loss and gradients
are the mean over its samples; one sample's are exactly the documents' numbers.

    >>> import bpcore
    >>> net = bpcore.examples.network_2_2_2()
    >>> trace = net.forward([0.05, 0.10])
    >>> round(float(trace.n[2][0]), 6)          # out_o1 in document 001
    0.751365
"""
import itertools
import pickle
from collections.abc import Mapping

import numpy as np

from . import checks, engine
from .activations import ACTIVATIONS
from .losses import LOSSES, output_error
from .naming import Names, check_names, lookup

#: limits for a teaching tool: a network this size trains in seconds, not hours
MAX_UNITS = 1000              # units in any one layer
MAX_LAYERS = 20               # layers with weights (L)
MAX_PARAMETERS = 1_000_000    # weights and biases together (8 MB per copy)

# A network's version starts at its own multiple of 2**48 and counts its changes: one
# integer says which network made a trace and whether the weights changed since.
_ID_SHIFT = 48
_NEXT_ID = itertools.count(1)
_F64 = np.dtype(np.float64)


def _new_version():
    return next(_NEXT_ID) << _ID_SHIFT


def _one(n):
    """f' = 1 for a fused output (sigmoid and "bce", softmax and "cross_entropy"), whose
    output_error y_hat - y is dL/dz[L] itself."""
    return 1.0


class Trace:
    """What a forward pass computed: ``z[k]`` and ``n[k]`` for k = 1..L (``n[0]`` is x),
    each of shape (units,) for one sample or (batch, units); ``version`` is the network's
    when it was made, so that ``backward`` refuses a trace from another network or from
    before the weights changed."""

    def __init__(self, z, n, version):
        self.z, self.n, self.version = z, n, version

    @property
    def x(self):
        """The input, n[0]."""
        return self.n[0]

    @property
    def y_hat(self):
        """The network's output, n[L]."""
        return self.n[-1]

    def __repr__(self):
        return f"Trace(n shapes {[np.shape(n) for n in self.n]})"


class Grads:
    """What a backward pass computed: ``delta[k]``, ``dW[k]``, ``db[k]`` for k = 1..L, and
    the ``loss`` they are the gradient of.  ``grads["w5"]`` reads one by name.  ``shape``
    is the network's (sizes, shared_bias): ``step`` refuses grads of another shape."""

    def __init__(self, delta, dW, db, loss, names):
        self.delta, self.dW, self.db, self.loss, self.names = delta, dW, db, loss, names
        self.shape = names.shape

    def __getitem__(self, name):
        kind, k, index = lookup(self.names, name)
        return float((self.dW if kind == "W" else self.db)[k][index])

    def named(self):
        """Every parameter's gradient as a dict {name: float}, in the network's order."""
        return {name: self[name] for name in self.names}

    def __repr__(self):
        return f"Grads(loss={self.loss:.6g}, layers={len(self.dW) - 1})"


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
    labels: unit labels per layer for the drawings (default x1.., then k.1, k.2, ...).

    At most MAX_UNITS units a layer, MAX_LAYERS layers, MAX_PARAMETERS parameters.  Every
    method checks all its arguments before it writes anything: a refused call leaves
    the network as it was.
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
        names = Names(sizes, shared_bias, None if names is None else check_names(names, sizes, shared_bias))
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
        self._init_functions()
        rng = np.random.default_rng(seed)
        self.W, self.b = [None], [None]
        for k in range(1, L + 1):
            fan_in, fan_out = sizes[k - 1], sizes[k]
            scale = np.sqrt(2.0 / fan_in) if activation[k - 1] == "relu" else np.sqrt(2.0 / (fan_in + fan_out))
            self.W.append(rng.normal(0.0, scale, size=(fan_out, fan_in)))
            self.b.append(np.zeros(1 if shared_bias else fan_out))
        self.names = names
        self.labels = [list(map(str, layer)) for layer in labels]
        self._version = _new_version()

    def _init_functions(self):
        """f[k], f_prime[k] (of n) and the loss's functions, from the names of activation and loss."""
        self.f = [None] + [ACTIVATIONS[a][0] for a in self.activation]
        self.f_prime = [None] + [ACTIVATIONS[a][2] for a in self.activation]
        loss, loss_prime, fused, self._loss_from_z = LOSSES[self.loss_name]
        self._loss = loss
        self.dL_dy_hat = output_error if fused else loss_prime
        if fused:
            self.f_prime[-1] = _one

    # ---- facts ---------------------------------------------------------
    @property
    def L(self):
        """The number of layers with weights (the input layer is not counted)."""
        return len(self.sizes) - 1

    @property
    def version(self):
        """An integer that changes whenever the weights do, and differs between networks
        (copies included): a trace made at another version is refused by ``backward``."""
        return self._version

    def mark_changed(self):
        """Say that W or b were changed in place from outside (``train`` and ``engine.step``
        do): traces made before are refused from now on."""
        self._version += 1

    def __repr__(self):
        layers = " -> ".join(str(s) for s in self.sizes)
        acts = ", ".join(self.activation)
        bias = "shared per layer" if self.shared_bias else "per neuron"
        frozen = "" if self.train_bias else ", frozen"
        return f"Network({layers}; activations: {acts}; loss: {self.loss_name}; biases {bias}{frozen})"

    # ---- parameters by name ------------------------------------------
    def __getitem__(self, name):
        kind, k, index = lookup(self.names, name)
        return float((self.W if kind == "W" else self.b)[k][index])

    def __setitem__(self, name, value):
        kind, k, index = lookup(self.names, name)
        value = checks.real_number(value, name)
        (self.W if kind == "W" else self.b)[k][index] = value
        self._version += 1

    def named_parameters(self):
        """Every parameter's value as a dict {name: float}, in the network's order."""
        return {name: self[name] for name in self.names}

    def set_parameters(self, values):
        """Set several parameters at once from {name: value}; all or nothing."""
        if not isinstance(values, Mapping):
            raise TypeError(f"values must be a dict {{name: number}}, got {type(values).__name__}")
        checked = [(lookup(self.names, name), checks.real_number(value, name)) for name, value in values.items()]
        for (kind, k, index), value in checked:
            (self.W if kind == "W" else self.b)[k][index] = value
        self._version += 1

    # ---- copies, pickles, snapshots ----------------------------------------
    def copy(self):
        """An independent copy: same settings and values, its own arrays and lists.  It is
        another network: traces of the original do not fit it (its grads do)."""
        return pickle.loads(pickle.dumps(self, pickle.HIGHEST_PROTOCOL))

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()

    def __getstate__(self):
        state = self.__dict__.copy()
        for key in ("f", "f_prime", "dL_dy_hat", "_loss", "_loss_from_z", "_version"):
            del state[key]                   # remade from the names of activation and loss
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._init_functions()
        self._version = _new_version()       # an unpickled network is another network

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
    def check_x(self, x, name="x"):
        """x as a float64 array of shape (n_in,) or (batch, n_in), all finite (a float64
        array that is already fine is returned as it is, not copied)."""
        x = checks.real_array(x, name)
        n_in = self.sizes[0]
        if not (x.shape == (n_in,) or (x.ndim == 2 and x.shape[1] == n_in and len(x) > 0)):
            raise ValueError(f"{name} must have shape ({n_in},) or (batch, {n_in}), got {x.shape}")
        return x

    def check_y(self, y, shape, name="y"):
        """y as a float64 array of the output's ``shape`` that the loss accepts."""
        y = checks.real_array(y, name)
        if y.shape != shape:
            raise ValueError(f"{name} must have shape {shape} to match the output, got {y.shape}")
        if self.loss_name == "bce" and (y.min() < 0 or y.max() > 1):
            raise ValueError(f"{name} must lie in [0, 1] for loss 'bce'")
        if self.loss_name == "cross_entropy" and (y.min() < 0 or np.abs(y.sum(axis=-1) - 1.0).max() > 1e-6):
            raise ValueError(f"{name} must be one-hot (rows of >= 0 summing to 1) for loss 'cross_entropy'")
        return y

    def check_data(self, X, Y, names=("X", "Y")):
        """Inputs and their targets, checked as ``check_x`` and ``check_y`` do, for code that
        changes the weights while it reads them (``train``, ``gradcheck``): an array that
        shares memory with a weight or bias is copied, so it does not change under them."""
        X = self.check_x(X, names[0])
        Y = self.check_y(Y, X.shape[:-1] + (self.sizes[-1],), names[1])
        params = self.W[1:] + self.b[1:]
        if any(np.may_share_memory(a, p) for a in (X, Y) for p in params):
            X, Y = X.copy(), Y.copy()
        return X, Y

    # ---- the algorithm: checks, then engine.py ---------------------------
    def forward(self, x):
        """Run x (shape (n_in,) for one sample or (batch, n_in)) through the network and
        keep every z[k] and n[k] (a ``Trace``).  ValueError if the output overflows."""
        x = self.check_x(x)
        with np.errstate(over="ignore", invalid="ignore"):
            z, n = engine.forward(self.W, self.b, self.f, x if x.ndim == 2 else x[None])
        if not checks.all_finite(n[-1]):
            raise ValueError("x is too large for this network's weights: the output overflows to inf or NaN")
        if x.ndim == 1:                  # one sample: the engine's one row, as vectors
            z, n = [None] + [v[0] for v in z[1:]], [x] + [v[0] for v in n[1:]]
        return Trace(z, n, self._version)

    def mean_loss(self, z_out, y_hat, y):
        """The loss (unchecked) from the output's z[L] and n[L] = y_hat: one sample's, or the
        batch mean, as a float.  The fused losses use z: finite when y_hat rounds to 0 or 1."""
        losses = self._loss(y, y_hat) if self._loss_from_z is None else self._loss_from_z(y, z_out)
        return losses.item() if losses.size == 1 else float(losses.sum()) / losses.size   # the mean

    def backward(self, trace, y):
        """Back-propagate from the target y (the shape of ``trace.y_hat``); returns ``Grads``.
        trace: what ``forward`` returned for the current weights."""
        if type(trace) is not Trace:
            raise TypeError(f"trace must be what Network.forward returned, got {type(trace).__name__}")
        if trace.version != self._version:
            if trace.version >> _ID_SHIFT != self._version >> _ID_SHIFT:
                same = len(trace.n) == len(self.sizes) and all(np.shape(n)[-1] == s for n, s in zip(trace.n, self.sizes))
                raise ValueError(f"trace comes from another network{'' if same else ' of another shape'}: "
                                 f"call this network's forward")
            raise ValueError("trace is stale: the weights changed since forward; call forward again")
        y = self.check_y(y, np.shape(trace.n[-1]))
        loss = self.mean_loss(trace.z[-1], trace.n[-1], y)
        n = trace.n if y.ndim == 2 else [v[None] for v in trace.n]        # the engine's rows
        delta, dW, db = engine.backward(self.W, n, y if y.ndim == 2 else y[None], self.dL_dy_hat,
                                        self.f_prime, self.shared_bias)
        if y.ndim == 1:
            delta = [None] + [d[0] for d in delta[1:]]
        return Grads(delta, dW, db, loss, self.names)

    def step(self, grads, lr, weight_decay=0.0):
        """One gradient-descent update in place (engine.step):
        W[k] <- W[k] - lr (dW[k] + weight_decay W[k]);  b[k] <- b[k] - lr db[k] (if train_bias).

        weight_decay = 1 is document 000's update rule (its "+W" term); biases never decay.
        Every array and number is checked before anything is written; ValueError, changing
        nothing, if the update would make a weight inf or NaN.
        """
        if type(grads) is not Grads:
            raise TypeError(f"grads must be what Network.backward returned, got {type(grads).__name__}")
        if grads.shape != self.names.shape:
            raise ValueError(f"grads come from a network of another shape ({list(grads.shape[0])}, biases "
                             f"{'shared' if grads.shape[1] else 'per neuron'}); this one is {self.sizes}, "
                             f"biases {'shared' if self.shared_bias else 'per neuron'}")
        dW, db = grads.dW, grads.db
        fits = type(dW) is list and type(db) is list and len(dW) == len(self.W) and len(db) == len(self.b)
        for k in range(1, len(self.W)) if fits else ():
            for g, p in ((dW[k], self.W[k]), (db[k], self.b[k])):
                if type(g) is not np.ndarray or g.dtype is not _F64 or g.shape != p.shape:
                    fits = False
        if not fits:
            raise ValueError("grads were changed after backward: dW[k] and db[k] must stay float64 arrays "
                             "of the network's shapes")
        lr = checks.positive_number(lr, "lr")
        weight_decay = checks.nonnegative_number(weight_decay, "weight_decay")
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                engine.step(self.W, self.b, dW, db, lr, weight_decay, self.train_bias)
        except OverflowError:
            raise ValueError(f"lr = {lr!r} makes the weights overflow to inf or NaN; try a smaller lr") from None
        self._version += 1

    def loss(self, x, y):
        """The loss at (x, y) with the current weights: one sample's, or the batch mean."""
        trace = self.forward(x)
        y = self.check_y(y, np.shape(trace.y_hat))
        return self.mean_loss(trace.z[-1], trace.y_hat, y)

    def predict(self, x):
        """The output y_hat for x (shape (n_out,) or (batch, n_out))."""
        return self.forward(x).y_hat
