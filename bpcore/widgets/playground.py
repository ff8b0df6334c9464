"""The playground's state, with no widgets: data, network, training, history, save and load.

``Playground`` holds the settings (data set, noise, points, split, network
shape, activation, output and loss, learning rate, weight decay, batch size,
seeds, when to stop), builds the data and the network from them, trains by
mini-batch gradient descent a few steps at a time, and keeps a bounded history
of the train and test loss and accuracy.  Every change is all or nothing: a bad
setting, a bad file or a diverging step raises ValueError or TypeError and
leaves everything as it was.  Notebook 03 drives it through ``playground_app``.
"""
import copy
import json
import math

import numpy as np

from .. import checks, datasets, engine
from ..network import Grads, Network
from ..training import Shuffled, train
from .strings import text

#: output layer and loss, as the playground offers them
OUTPUTS = {
    "sigmoid + ½Σ(y−ŷ)² (as in the documents)": ("sigmoid", "half_sse"),
    "sigmoid + cross-entropy": ("sigmoid", "bce"),
    "softmax + cross-entropy (3+ classes)": ("softmax", "cross_entropy"),
}
SOFTMAX = "softmax + cross-entropy (3+ classes)"
ACTIVATIONS = ("sigmoid", "tanh", "relu")
FORMAT = "bpcore-playground"
VERSION = 1

DEFAULTS = {
    "dataset": "xor", "n_points": 200, "noise": 0.05, "test_fraction": 0.3, "data_seed": 0,
    "hidden": [3, 2], "activation": "tanh", "output": "sigmoid + ½Σ(y−ŷ)² (as in the documents)",
    "lr": 1.0, "weight_decay": 0.0, "batch_size": 10, "seed": 0, "stop_epochs": 0, "stop_loss": 0.0,
}
#: the range of every numeric setting: the same as the app's controls, so that whatever
#: the model holds (typed in, or loaded from a file) a control can show
LIMITS = {
    "n_points": (20, 1000), "noise": (0.0, 0.5), "test_fraction": (0.1, 0.5), "data_seed": (0, 2**32 - 1),
    "seed": (0, 2**32 - 1), "lr": (1e-3, 10 ** 1.5), "weight_decay": (1e-6, 1.0),   # or exactly 0: off
    "batch_size": (1, 500), "stop_epochs": (0.0, 1e6), "stop_loss": (0.0, 10.0),
    "hidden_layers": (0, 6), "hidden_units": (1, 16),
}
#: the most steps one ``train_steps`` call takes (a frame of play takes 1 to 50)
MAX_STEPS_PER_CALL = 10_000
#: the largest saved state read (a CSV of MAX_ROWS points saved with it takes about 0.4 MB)
MAX_JSON_CHARS = 4_000_000
#: the largest step counter a saved state may hold
MAX_SAVED_STEPS = 10**12

#: settings that rebuild the data, or the network, when they change
DATA_KEYS = ("dataset", "n_points", "noise", "test_fraction", "data_seed")
NET_KEYS = ("hidden", "activation", "output", "seed")


def fit_output(chosen, n_classes):
    """The output for data with ``n_classes`` classes when the learner chose ``chosen``:
    softmax for three or more classes (one output unit per class), else ``chosen``."""
    return SOFTMAX if n_classes > 2 else chosen


class Diverged(ValueError):
    """Training stopped: the loss or a weight became inf or NaN."""


def _check_settings(s, n_classes):
    """A checked copy of the settings dict ``s``; ValueError/TypeError name the bad one.
    Each number must lie in its ``LIMITS`` range.  ``n_classes`` 0 skips the check
    that the output fits the data's classes."""
    if not isinstance(s, dict):
        raise TypeError(f"settings must be a dict, got {type(s).__name__}")
    out = dict(s)
    unknown = set(out) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown setting(s): {', '.join(sorted(map(str, unknown)))[:200]}")
    missing = set(DEFAULTS) - set(out)
    if missing:
        raise ValueError(f"missing setting(s): {', '.join(sorted(missing))}")
    if out["dataset"] != "custom":
        checks.one_of(out["dataset"], "data set", datasets.DATASETS)
    out["n_points"] = checks.whole_number(out["n_points"], "number of points", *LIMITS["n_points"])
    out["noise"] = checks.number_in(out["noise"], "noise", *LIMITS["noise"])
    out["test_fraction"] = checks.number_in(out["test_fraction"], "test fraction", *LIMITS["test_fraction"])
    out["data_seed"] = checks.whole_number(out["data_seed"], "data seed", *LIMITS["data_seed"])
    out["seed"] = checks.whole_number(out["seed"], "weights seed", *LIMITS["seed"])
    hidden = out["hidden"]
    if isinstance(hidden, (str, bytes)) or not isinstance(hidden, (list, tuple)):
        raise TypeError(f"hidden layers must be a list of sizes, got {hidden!r:.40}")
    checks.whole_number(len(hidden), "number of hidden layers", *LIMITS["hidden_layers"])
    out["hidden"] = [checks.whole_number(h, "units in a hidden layer", *LIMITS["hidden_units"]) for h in hidden]
    checks.one_of(out["activation"], "activation", ACTIVATIONS)
    checks.one_of(out["output"], "output and loss", OUTPUTS)
    if n_classes > 2 and OUTPUTS[out["output"]][0] != "softmax":
        raise ValueError(f"this data has {n_classes} classes: choose the softmax output")
    out["lr"] = checks.number_in(out["lr"], "learning rate η", *LIMITS["lr"])
    out["weight_decay"] = checks.nonnegative_number(out["weight_decay"], "weight decay λ")
    if out["weight_decay"]:
        out["weight_decay"] = checks.number_in(out["weight_decay"], "weight decay λ (0 = off)",
                                               *LIMITS["weight_decay"])
    out["batch_size"] = checks.whole_number(out["batch_size"], "batch size", *LIMITS["batch_size"])
    out["stop_epochs"] = checks.number_in(out["stop_epochs"], "stop after epochs (0 = never)",
                                          *LIMITS["stop_epochs"])
    out["stop_loss"] = checks.number_in(out["stop_loss"], "stop below loss (0 = never)", *LIMITS["stop_loss"])
    return out


def _build_net(s, n_classes):
    act, loss = OUTPUTS[s["output"]]
    n_out = n_classes if act == "softmax" else 1
    return Network([2] + s["hidden"] + [n_out], activation=[s["activation"]] * len(s["hidden"]) + [act],
                   loss=loss, seed=s["seed"])


class Playground:
    """Data, network and training for notebook 03's playground.

    history_limit bounds every history list: past it, every other point is dropped.
    """

    def __init__(self, history_limit=600, lang="en", **settings):
        self.history_limit = checks.whole_number(history_limit, "history_limit", 2, 100_000)
        self.lang = checks.language(lang)
        self.custom = None                       # (X, labels) of a loaded CSV, or None
        self.settings = {}
        chosen = None if "output" in settings else DEFAULTS["output"]   # no output given: it follows the data
        self._apply({**DEFAULTS, **settings}, rebuild_data=True, rebuild_net=True, chosen_output=chosen)

    def __copy__(self):
        """A whole, independent playground (its own network, data, batch order and history),
        as ``copy.deepcopy`` and ``pickle`` give: a shallow copy would share the network."""
        return copy.deepcopy(self)

    # ---- building ------------------------------------------------------------------
    @property
    def n_classes(self):
        return int(self.labels_all.max()) + 1

    def _data_for(self, s, custom):
        if s["dataset"] == "custom":
            if custom is None:
                raise ValueError("data set 'custom': no CSV file is loaded: load one first")
            X, labels = custom
        else:
            X, labels = datasets.make(s["dataset"], s["n_points"], s["noise"], s["data_seed"])
        return X, labels

    def _apply(self, s, rebuild_data, rebuild_net, custom=None, chosen_output=None):
        """Build and check everything for settings ``s``, then commit it all at once.  With
        ``chosen_output`` (the output the learner last chose), the output follows the data:
        softmax for 3+ classes, the learner's choice for two (see ``fit_output``)."""
        custom = self.custom if custom is None else custom
        s = _check_settings(s, 0)                    # every value in range before any data is made
        if rebuild_data:
            X, labels = self._data_for(s, custom)
        else:
            X, labels = self.X_all, self.labels_all
        n_classes = int(labels.max()) + 1
        if chosen_output is not None:
            s = {**s, "output": fit_output(chosen_output, n_classes)}
        s = _check_settings(s, n_classes)
        rebuild_net = rebuild_net or s["output"] != self.settings.get("output")
        if rebuild_data:
            parts = datasets.split(X, labels, s["test_fraction"], s["data_seed"])
        if rebuild_net or rebuild_data:
            _build_net(s, n_classes)                 # raises here, before anything changes
        # everything checked: commit
        self.output_chosen = s["output"] if chosen_output is None else chosen_output
        self.settings = s
        self.custom = custom
        if rebuild_data:
            self.X_all, self.labels_all = X, labels
            self.X_train, self.labels_train, self.X_test, self.labels_test = parts
        self._targets()
        if rebuild_net or rebuild_data:
            self.reset_training()

    def _targets(self):
        n_outputs = self.n_classes if OUTPUTS[self.settings["output"]][0] == "softmax" else 1
        self.Y_train = datasets.targets(self.labels_train, n_outputs)
        self.Y_test = datasets.targets(self.labels_test, n_outputs)

    def configure(self, **changes):
        """Change settings; the data or the network are rebuilt (and training restarts) when
        their settings change.  All or nothing: a bad value changes nothing.

        The output follows the data unless ``output`` is one of the changes: data with three
        or more classes gets the softmax output, and data with two classes gets back the output
        the learner chose last (so "3 classes" and back to "xor" ends where it started).  An
        explicit output that cannot fit the data (a sigmoid for 3 classes) is refused."""
        s = _check_settings({**self.settings, **changes}, 0)   # the class count is checked in _apply
        if s == self.settings:
            return
        chosen = changes["output"] if "output" in changes else self.output_chosen
        rebuild_data = any(s[k] != self.settings[k] for k in DATA_KEYS)
        rebuild_net = any(s[k] != self.settings[k] for k in NET_KEYS)
        if "output" in changes:
            self._apply(s, rebuild_data, rebuild_net)          # as asked, or refused
        else:
            self._apply(s, rebuild_data, rebuild_net, chosen_output=chosen)

    def load_csv(self, source):
        """Use the learner's own data (see ``datasets.load_csv``: the text as str or bytes,
        or a pathlib.Path to read); the output follows it as in ``configure`` (softmax for 3+
        classes).  Nothing changes if the file is bad."""
        X, labels = datasets.load_csv(source)
        s = {**self.settings, "dataset": "custom"}
        self._apply(s, rebuild_data=True, rebuild_net=True, custom=(X, labels), chosen_output=self.output_chosen)

    def reset_training(self):
        """A fresh network from the seed; epoch 0; histories cleared."""
        self.net = _build_net(self.settings, self.n_classes)
        self.steps = 0
        self._batches = Shuffled(len(self.X_train), np.random.default_rng(self.settings["seed"]))
        self.history = {k: [] for k in ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")}
        self.message = ""
        self.record()

    # ---- training -------------------------------------------------------------------
    @property
    def epoch(self):
        """Passes over the training set so far (fractional between passes)."""
        return self.steps * min(self.settings["batch_size"], len(self.X_train)) / len(self.X_train)

    def should_stop(self):
        """True when a "stop when" condition is met (epochs reached, or loss low enough)."""
        s = self.settings
        if s["stop_epochs"] and self.epoch >= s["stop_epochs"]:
            return True
        return bool(s["stop_loss"]) and self.history["train_loss"][-1] <= s["stop_loss"]

    def train_steps(self, k):
        """k mini-batch steps (at most MAX_STEPS_PER_CALL), all or nothing: if the loss or
        a weight turns inf or NaN on the way, or the training or test loss is not finite
        at the end, everything goes back to how it was before the call (weights, step
        count, the batch order, the history) and Diverged says what happened and what to
        try; an interruption (KeyboardInterrupt) is undone the same way."""
        k = checks.positive_int(k, "steps", MAX_STEPS_PER_CALL)
        s = self.settings
        saved = self._training_state()
        try:
            h = train(self.net, self.X_train, self.Y_train, s["lr"], k, s["weight_decay"],
                      batch_size=min(s["batch_size"], len(self.X_train)), batches=self._batches, record_grads=False)
            if h.diverged:
                raise self._diverged("a weight overflowed to inf" if "overflow" in h.message
                                     else "the loss became inf or NaN")
            self.steps += k
            self.record()
            if not (math.isfinite(self.history["train_loss"][-1]) and math.isfinite(self.history["test_loss"][-1])):
                raise self._diverged("the loss over all the points became inf or NaN")
        except BaseException:
            self._restore_training(saved)
            raise

    def _training_state(self):
        """What a training call changes, copied: for undoing it."""
        b = self._batches
        return (self.net.state(), self.steps, {key: list(v) for key, v in self.history.items()},
                b.order, b.cursor, b.rng.bit_generator.state)

    def _restore_training(self, saved):
        state, self.steps, self.history, order, cursor, rng_state = saved
        self.net.restore(state)
        self._batches.order, self._batches.cursor = order, cursor
        self._batches.rng.bit_generator.state = rng_state

    def _diverged(self, what):
        values = {"epoch": f"{self.epoch:.1f}", "lr": f"{self.settings['lr']:g}"}
        self.message = text("models.diverged", self.lang, **values)
        return Diverged(f"Training diverged at epoch {values['epoch']}: {what}. These steps were undone: the "
                        f"weights are those from before them. Try a smaller learning rate "
                        f"(η = {values['lr']} now), a larger batch, or weight decay.")

    # ---- measuring -------------------------------------------------------------------
    def predict(self, X):
        """The network's output for the rows of X (unchecked: inf or NaN where it overflows)."""
        return self._forward(X)[1][-1]

    def _forward(self, X):
        with np.errstate(over="ignore", invalid="ignore"):
            return engine.forward(self.net.W, self.net.b, self.net.f, X)

    def _loss_acc(self, X, Y, labels):
        z, n = self._forward(X)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            loss = self.net.mean_loss(z[-1], n[-1], Y)
        out = n[-1]
        predicted = (out[:, 0] > 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)
        return loss, float(np.mean(predicted == labels))

    def metrics(self):
        """(train loss, test loss, train accuracy, test accuracy) with the current weights."""
        train_loss, train_acc = self._loss_acc(self.X_train, self.Y_train, self.labels_train)
        test_loss, test_acc = self._loss_acc(self.X_test, self.Y_test, self.labels_test)
        return train_loss, test_loss, train_acc, test_acc

    def record(self):
        """Append the current metrics to the history (bounded: see history_limit)."""
        h = self.history
        train_loss, test_loss, train_acc, test_acc = self.metrics()
        for key, value in zip(("epoch", "train_loss", "test_loss", "train_acc", "test_acc"),
                              (self.epoch, train_loss, test_loss, train_acc, test_acc)):
            h[key].append(value)
        if len(h["epoch"]) > self.history_limit:
            for key in h:
                h[key] = h[key][::2]

    def full_gradient(self):
        """The gradient of the training loss over the whole training set (a ``Grads``; inf
        or NaN, not an error, where the weights overflow, as the app shows them)."""
        net, Y = self.net, self.Y_train
        z, n = self._forward(self.X_train)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            loss = net.mean_loss(z[-1], n[-1], Y)
            delta, dW, db = engine.backward(net.W, n, Y, net.dL_dy_hat, net.f_prime, net.shared_bias)
        return Grads(delta, dW, db, loss, net.names)

    def extent(self):
        """(x_min, x_max, y_min, y_max) around all the points, with a margin."""
        lo, hi = self.X_all.min(axis=0), self.X_all.max(axis=0)
        pad = 0.1 * (hi - lo).max() + 0.05
        return lo[0] - pad, hi[0] + pad, lo[1] - pad, hi[1] + pad

    def boundary(self, resolution=48):
        """The network's output on a grid over ``extent()``: the grid of P(class 1) for a single
        output unit, or the pair (grid of the winning class, grid of its probability) for a
        softmax output (also with two classes); rows from the top.
        resolution: points per side, 2 to 400."""
        resolution = checks.whole_number(resolution, "resolution", 2, 400)
        x0, x1, y0, y1 = self.extent()
        gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y1, y0, resolution))
        out = self.predict(np.column_stack([gx.ravel(), gy.ravel()]))
        if out.shape[1] == 1:
            return out[:, 0].reshape(resolution, resolution)
        return out.argmax(axis=1).reshape(resolution, resolution), out.max(axis=1).reshape(resolution, resolution)

    # ---- one weight up close -------------------------------------------------------------
    def weight_detail(self, name, eps=1e-5):
        """Everything about one weight W[k][i, j]: its value, the chain-rule factors for the
        first training point, its entry of delta n^T over the training set, and a
        central-difference check.  Returns a dict."""
        net = self.net
        if not isinstance(name, str):
            raise TypeError(f"name must be a weight's name (a string), got {type(name).__name__}")
        if name not in net.names or net.names[name][0] != "W":
            raise ValueError(f"name: unknown weight {name!r:.60}")
        eps = checks.number_in(eps, "eps", 1e-12, 0.1)
        _, k, (i, j) = net.names[name]
        X, Y = self.X_train, self.Y_train
        with np.errstate(over="ignore", invalid="ignore"):
            grads = net.backward(net.forward(X), Y)
            t0 = net.forward(X[0])
            first = net.backward(t0, Y[0])
            original = net.W[k][i, j]
            try:
                net.W[k][i, j] = original + eps
                up = self._loss_acc(X, Y, self.labels_train)[0]
                net.W[k][i, j] = original - eps
                down = self._loss_acc(X, Y, self.labels_train)[0]
            finally:
                net.W[k][i, j] = original
        if k < net.L:
            back = float(net.W[k + 1][:, i] @ first.delta[k + 1])
            f_prime = float(net.f_prime[k](t0.n[k])[i])
        else:
            back, f_prime = None, None
        return {"name": name, "k": k, "i": i, "j": j, "value": float(original),
                "delta_first": float(first.delta[k][i]), "n_prev_first": float(t0.n[k - 1][j]),
                "back_first": back, "f_prime_first": f_prime,
                "contribution_first": float(first.delta[k][i] * t0.n[k - 1][j]),
                "gradient": float(grads.dW[k][i, j]), "numeric": (up - down) / (2 * eps),
                "n_train": len(X)}

    # ---- save and load --------------------------------------------------------------------
    def to_json(self):
        """The settings, the data seed (or the CSV data itself) and every weight, as JSON text."""
        doc = {"format": FORMAT, "version": VERSION, "settings": self.settings, "steps": self.steps,
               "W": [w.tolist() for w in self.net.W[1:]], "b": [b.tolist() for b in self.net.b[1:]]}
        if self.settings["dataset"] == "custom":
            doc["data"] = {"x": self.custom[0].tolist(), "label": self.custom[1].tolist()}
        return json.dumps(doc, ensure_ascii=False, indent=1)

    def load_json(self, text):
        """Restore a state saved by ``to_json``; ValueError or TypeError (and no change) if
        the file is malformed or does not match its own settings.  A saved state passes
        the same checks as typed-in settings (``LIMITS``) and a loaded CSV
        (``datasets.check_data``), and its weights must give a finite loss."""
        if isinstance(text, (bytes, bytearray, memoryview)):
            text = bytes(text).decode("utf-8", errors="replace")
        if not isinstance(text, str):
            raise TypeError(f"text must be the saved file's contents (str or bytes), got {type(text).__name__}")
        if len(text) > MAX_JSON_CHARS:
            raise ValueError(f"the file is too large: {len(text):,} characters; a saved playground is at most "
                             f"{MAX_JSON_CHARS:,}")
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a JSON file ({exc.msg} at line {exc.lineno})") from None
        except RecursionError:
            raise ValueError("not a saved playground: the JSON is nested far too deeply") from None
        except ValueError as exc:     # e.g. an integer with more digits than Python converts
            raise ValueError(f"not a JSON file ({exc})") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ValueError("not a saved playground: the file has no \"format\": \"bpcore-playground\"")
        if doc.get("version") != VERSION:
            raise ValueError(f"saved by another version of the playground ({doc.get('version')!r:.40}); "
                             f"this one reads version {VERSION}")
        for key in ("settings", "W", "b", "steps"):
            if key not in doc:
                raise ValueError(f"the file has no {key!r}")
        if not isinstance(doc["settings"], dict):
            raise ValueError("'settings' must be a JSON object")
        steps = checks.whole_number(doc["steps"], "'steps'", 0, MAX_SAVED_STEPS)
        custom = None
        if doc["settings"].get("dataset") == "custom":
            data = doc.get("data")
            if not isinstance(data, dict) or "x" not in data or "label" not in data:
                raise ValueError("the file uses custom data but does not contain it")
            custom = datasets.check_data(data["x"], data["label"], "the saved data")
        twin = Playground.__new__(Playground)
        twin.history_limit, twin.lang, twin.custom, twin.settings = self.history_limit, self.lang, None, {}
        twin._apply({**DEFAULTS, **doc["settings"]}, rebuild_data=True, rebuild_net=True, custom=custom)
        shapes = [tuple(w.shape) for w in twin.net.W[1:]]
        for key, current in (("W", twin.net.W), ("b", twin.net.b)):
            arrays = doc[key]
            if not isinstance(arrays, list) or len(arrays) != twin.net.L:
                raise ValueError(f"the weights in the file do not fit its network (expected shapes {shapes})")
            for k, a in enumerate(arrays, 1):
                if checks.real_array(a, f"{key}{k}").shape != current[k].shape:
                    raise ValueError(f"the weights in the file do not fit its network (expected shapes {shapes})")
        twin.net.restore(([np.array(w, dtype=float) for w in doc["W"]], [np.array(b, dtype=float) for b in doc["b"]]))
        twin.steps = steps
        twin.history = {key: [] for key in twin.history}
        twin.record()
        if not all(math.isfinite(twin.history[key][-1]) for key in ("train_loss", "test_loss")):
            raise ValueError("the weights in the file give an infinite or NaN loss on its data")
        self.__dict__.update(twin.__dict__)
