"""The playground's state, with no widgets: data, network, training, history, save and load.

``Playground`` holds the settings (data set, noise, points, split, network
shape, activation, output and loss, learning rate, weight decay, batch size,
seeds, when to stop), builds the data and the network from them, trains by
mini-batch gradient descent a few steps at a time, and keeps a bounded history
of the train and test loss and accuracy.  Every change is all or nothing: a bad
setting, a bad file or a diverging step raises ValueError or TypeError and
leaves everything as it was.  Notebook 03 drives it through ``playground_app``.
"""
import json
import math

import numpy as np

from .. import checks, datasets
from ..network import Network
from ..training import Shuffled

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
    """A checked copy of the settings dict ``s``; ValueError/TypeError name the bad one."""
    out = dict(s)
    unknown = set(out) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    if out["dataset"] != "custom":
        checks.one_of(out["dataset"], "data set", datasets.DATASETS)
    out["n_points"] = checks.positive_int(out["n_points"], "number of points")
    if not 4 <= out["n_points"] <= datasets.MAX_ROWS:
        raise ValueError(f"number of points must be between 4 and {datasets.MAX_ROWS}, got {out['n_points']}")
    out["noise"] = checks.nonnegative_number(out["noise"], "noise")
    out["test_fraction"] = checks.real_number(out["test_fraction"], "test fraction")
    if not 0.05 <= out["test_fraction"] <= 0.9:
        raise ValueError(f"test fraction must be between 0.05 and 0.9, got {out['test_fraction']}")
    for key in ("data_seed", "seed"):
        if isinstance(out[key], bool) or not isinstance(out[key], int):
            raise TypeError(f"{key.replace('_', ' ')} must be a whole number, got {out[key]!r}")
    hidden = out["hidden"]
    if isinstance(hidden, (str, bytes)) or not isinstance(hidden, (list, tuple)):
        raise TypeError(f"hidden layers must be a list of sizes, got {hidden!r}")
    out["hidden"] = [checks.positive_int(h, "units in a hidden layer") for h in hidden]
    if len(out["hidden"]) > 6 or any(h > 16 for h in out["hidden"]):
        raise ValueError("the playground allows at most 6 hidden layers of at most 16 units")
    checks.one_of(out["activation"], "activation", ACTIVATIONS)
    checks.one_of(out["output"], "output and loss", OUTPUTS)
    if n_classes > 2 and OUTPUTS[out["output"]][0] != "softmax":
        raise ValueError(f"this data has {n_classes} classes: choose the softmax output")
    out["lr"] = checks.positive_number(out["lr"], "learning rate η")
    out["weight_decay"] = checks.nonnegative_number(out["weight_decay"], "weight decay λ")
    out["batch_size"] = checks.positive_int(out["batch_size"], "batch size")
    out["stop_epochs"] = checks.real_number(out["stop_epochs"], "stop after epochs")
    out["stop_loss"] = checks.nonnegative_number(out["stop_loss"], "stop below loss")
    if out["stop_epochs"] < 0:
        raise ValueError(f"stop after epochs must be >= 0 (0 = never), got {out['stop_epochs']}")
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

    def __init__(self, history_limit=600, **settings):
        self.history_limit = checks.positive_int(history_limit, "history_limit")
        self.custom = None                       # (X, labels) of a loaded CSV, or None
        self.settings = {}
        chosen = None if "output" in settings else DEFAULTS["output"]   # no output given: it follows the data
        self._apply({**DEFAULTS, **settings}, rebuild_data=True, rebuild_net=True, chosen_output=chosen)

    # ---- building ------------------------------------------------------------------
    @property
    def n_classes(self):
        return int(self.labels_all.max()) + 1

    def _data_for(self, s, custom):
        if s["dataset"] == "custom":
            if custom is None:
                raise ValueError("no CSV file is loaded: load one first")
            X, labels = custom
        else:
            X, labels = datasets.make(s["dataset"], s["n_points"], s["noise"], s["data_seed"])
        return X, labels

    def _apply(self, s, rebuild_data, rebuild_net, custom=None, chosen_output=None):
        """Build and check everything for settings ``s``, then commit it all at once.  With
        ``chosen_output`` (the output the learner last chose), the output follows the data:
        softmax for 3+ classes, the learner's choice for two (see ``fit_output``)."""
        custom = self.custom if custom is None else custom
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
        s = {**self.settings, **changes}
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
        """Use the learner's own data (see ``datasets.load_csv``); the output follows it as in
        ``configure`` (softmax for 3+ classes).  Nothing changes if the file is bad."""
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
        """k mini-batch steps.  If the loss or a weight turns inf or NaN, the weights of the
        last good step are kept and Diverged says what happened and what to try."""
        k = checks.positive_int(k, "steps")
        s, n = self.settings, len(self.X_train)
        batch = min(s["batch_size"], n)
        net = self.net
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for _ in range(k):
                idx = self._batches.take(batch)
                grads = net._backward(net._forward(self.X_train[idx]), self.Y_train[idx])
                if not math.isfinite(grads.loss):
                    raise self._diverged(f"the loss became {grads.loss}")
                try:
                    net._step(grads, s["lr"], s["weight_decay"])
                except ValueError:
                    raise self._diverged("a weight overflowed to inf") from None
                self.steps += 1
            self.record()
        if not math.isfinite(self.history["train_loss"][-1]):
            raise self._diverged("the loss became inf or NaN")

    def _diverged(self, what):
        self.message = (f"Training diverged at epoch {self.epoch:.1f}: {what}. The weights of the last good "
                        f"step are kept. Try a smaller learning rate (η = {self.settings['lr']:g} now), "
                        f"a larger batch, or weight decay.")
        return Diverged(self.message)

    # ---- measuring -------------------------------------------------------------------
    def _loss_acc(self, X, Y, labels):
        net = self.net
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            trace = net._forward(X)
            loss = net._mean_loss(trace, Y)
        out = trace.y_hat
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
        """The gradient of the training loss over the whole training set (a ``Grads``)."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return self.net._backward(self.net._forward(self.X_train), self.Y_train)

    def extent(self):
        """(x_min, x_max, y_min, y_max) around all the points, with a margin."""
        lo, hi = self.X_all.min(axis=0), self.X_all.max(axis=0)
        pad = 0.1 * (hi - lo).max() + 0.05
        return lo[0] - pad, hi[0] + pad, lo[1] - pad, hi[1] + pad

    def boundary(self, resolution=48):
        """The network's output on a grid over ``extent()``: the grid of P(class 1) for a single
        output unit, or the pair (grid of the winning class, grid of its probability) for a
        softmax output (also with two classes); rows from the top."""
        x0, x1, y0, y1 = self.extent()
        gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y1, y0, resolution))
        with np.errstate(over="ignore", invalid="ignore"):
            out = self.net._forward(np.column_stack([gx.ravel(), gy.ravel()])).y_hat
        if out.shape[1] == 1:
            return out[:, 0].reshape(resolution, resolution)
        return out.argmax(axis=1).reshape(resolution, resolution), out.max(axis=1).reshape(resolution, resolution)

    # ---- one weight up close -------------------------------------------------------------
    def weight_detail(self, name, eps=1e-5):
        """Everything about one weight W[k][i, j]: its value, the chain-rule factors for the
        first training point, its entry of delta n^T over the training set, and a
        central-difference check.  Returns a dict."""
        net = self.net
        if name not in net.names or net.names[name][0] != "W":
            raise ValueError(f"unknown weight {name!r}")
        _, k, (i, j) = net.names[name]
        X, Y = self.X_train, self.Y_train
        with np.errstate(over="ignore", invalid="ignore"):
            trace = net._forward(X)
            grads = net._backward(trace, Y)
            first = net._backward(net._forward(X[0]), Y[0])
            t0 = net._forward(X[0])
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
            f_prime = float(net._f_prime_n[k](t0.n[k])[i])
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
        """Restore a state saved by ``to_json``; ValueError (and no change) if the file is
        malformed or does not match its own settings."""
        if isinstance(text, (bytes, bytearray, memoryview)):
            text = bytes(text).decode("utf-8", errors="replace")
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a JSON file ({exc.msg} at line {exc.lineno})") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ValueError("not a saved playground: the file has no \"format\": \"bpcore-playground\"")
        if doc.get("version") != VERSION:
            raise ValueError(f"saved by another version of the playground ({doc.get('version')!r}); "
                             f"this one reads version {VERSION}")
        for key in ("settings", "W", "b", "steps"):
            if key not in doc:
                raise ValueError(f"the file has no {key!r}")
        if not isinstance(doc["settings"], dict):
            raise ValueError("'settings' must be a JSON object")
        custom = None
        if doc["settings"].get("dataset") == "custom":
            data = doc.get("data")
            if not isinstance(data, dict) or "x" not in data or "label" not in data:
                raise ValueError("the file uses custom data but does not contain it")
            X = checks.real_array(data["x"], "data x")
            labels = checks.real_array(data["label"], "data label")
            if X.ndim != 2 or X.shape[1] != 2 or labels.shape != (len(X),) or np.any(labels != np.round(labels)):
                raise ValueError("the saved data must be points (x1, x2) with one whole-number label each")
            custom = (X, labels.astype(int))
        twin = Playground.__new__(Playground)
        twin.history_limit, twin.custom, twin.settings = self.history_limit, None, {}
        twin._apply({**DEFAULTS, **doc["settings"]}, rebuild_data=True, rebuild_net=True, custom=custom)
        W = [checks.real_array(w, f"W{k}") for k, w in enumerate(doc["W"], 1)] if isinstance(doc["W"], list) else None
        b = [checks.real_array(v, f"b{k}") for k, v in enumerate(doc["b"], 1)] if isinstance(doc["b"], list) else None
        if (W is None or b is None or len(W) != twin.net.L or len(b) != twin.net.L
                or any(w.shape != t.shape for w, t in zip(W, twin.net.W[1:]))
                or any(v.shape != t.shape for v, t in zip(b, twin.net.b[1:]))):
            shapes = [tuple(w.shape) for w in twin.net.W[1:]]
            raise ValueError(f"the weights in the file do not fit its network (expected shapes {shapes})")
        steps = doc["steps"]
        if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
            raise ValueError(f"'steps' must be a whole number >= 0, got {steps!r}")
        for k in range(1, twin.net.L + 1):
            twin.net.W[k][...] = W[k - 1]
            twin.net.b[k][...] = b[k - 1]
        twin.steps = steps
        twin.history = {key: [] for key in twin.history}
        twin.record()
        self.__dict__.update(twin.__dict__)
