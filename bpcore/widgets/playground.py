"""The playground's state, with no widgets: data, network, training, history, save and load.

``Playground`` holds the settings (data set, noise, points, split, input
features, network shape, activation, output and loss, learning rate, the
penalty (L2 or L1) and its rate, batch size, seeds, when to stop, and two view
toggles: show the test points, discretise the output), builds the data and the network from them, trains by
mini-batch gradient descent a few steps at a time, and keeps a bounded history
of the train and test loss and accuracy.  Every change is all or nothing: a bad
setting, a bad file or a diverging step raises ValueError or TypeError and
leaves everything as it was; every change is committed in one step, so an
interruption leaves the old state or the new one; a second call from another
thread while one runs is refused (``Busy``).  A saved file keeps everything
needed to carry on exactly (histories and batch order included).  ``trouble``
names dead ReLU units and stagnation.  Notebook 03 drives it through
``playground_app``.
"""
import copy
import functools
import json
import math
import threading
from pathlib import Path

import numpy as np

from .. import checks, engine, features
from ..data import csvfile, datasets
from ..network import Grads, Network
from ..training import PENALTIES, Shuffled, train  # PENALTIES: the "penalty" setting, whose rate is "weight_decay"
from .strings import text

#: output layer and loss, as the playground offers them
OUTPUTS = {
    "sigmoid + ½Σ(y−ŷ)² (as in the documents)": ("sigmoid", "half_sse"),
    "sigmoid + cross-entropy": ("sigmoid", "bce"),
    "softmax + cross-entropy (3+ classes)": ("softmax", "cross_entropy"),
}
SOFTMAX = "softmax + cross-entropy (3+ classes)"
#: the output of regression data (a real value per point): a linear unit, f(z) = z, with ½Σ(y−ŷ)²
REGRESSION_OUTPUT = "linear + ½Σ(y−ŷ)² (regression)"
OUTPUTS[REGRESSION_OUTPUT] = ("identity", "half_sse")
#: the hidden layers' activations; "linear" is f(z) = z (``activations.identity``)
ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")
ENGINE_ACTIVATION = {"linear": "identity"}
FORMAT = "bpcore-playground"
#: version 2 adds the histories, the batch sampler's state and the learner's chosen output;
#: version 3 the input features, the L1 penalty and the two view toggles (a file without them
#: gets the defaults: x₁ and x₂, L2, test points shown, a continuous output);
#: version 1 files still load (their curves and batch order start afresh)
VERSION = 3
READS = (1, 2, 3)
HISTORY_KEYS = ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")

DEFAULTS = {
    "dataset": "xor", "n_points": 200, "noise": 0.05, "test_fraction": 0.3, "data_seed": 0,
    "hidden": [3, 2], "activation": "tanh", "output": "sigmoid + ½Σ(y−ŷ)² (as in the documents)",
    "lr": 1.0, "weight_decay": 0.0, "batch_size": 10, "seed": 0, "stop_epochs": 0, "stop_loss": 0.0,
    "features": list(features.PLAIN), "penalty": "L2", "show_test": True, "discretize": False,
}
#: the range of every numeric setting: the same as the app's controls, so that whatever
#: the model holds (typed in, or loaded from a file) a control can show
LIMITS = {
    "n_points": (20, 1000), "noise": (0.0, 0.5), "test_fraction": (0.1, 0.5), "data_seed": (0, 2**32 - 1),
    "seed": (0, 2**32 - 1), "lr": (1e-3, 10 ** 1.5), "weight_decay": (1e-6, 1.0),   # or exactly 0: off
    "batch_size": (1, 500), "stop_epochs": (0.0, 1e6), "stop_loss": (0.0, 10.0),
    "hidden_layers": (0, 6), "hidden_units": (1, 16),
}
#: the regularisation as one choice (see ``Playground.regularise``): "none" is weight_decay 0
REGULARISATIONS = ("none",) + tuple(sorted(PENALTIES))     # none, L1, L2
DEFAULT_RATE = 1e-3     # λ when a penalty is chosen and none was set before
#: points per side of the grid each unit's picture is drawn from (``Playground.unit_pictures``)
UNIT_RESOLUTION = 24
#: the largest |weight| a learner may type in (``set_weight``): far past any weight training makes here
MAX_TYPED_WEIGHT = 100.0
#: the most steps one ``train_steps`` call takes (a frame of play takes 1 to 50)
MAX_STEPS_PER_CALL = 10_000
#: the largest saved state read, in bytes of UTF-8 (a CSV of MAX_ROWS points saved with it, and
#: full histories, take about 0.5 MB)
MAX_JSON_BYTES = 4_000_000
#: the most steps a playground counts (floats count every whole number up to here exactly); training
#: refuses to go past it, so every state the program saves loads back
MAX_STEPS = 2**53
MAX_SAVED_STEPS = MAX_STEPS
#: dead units and stagnation (see ``Playground.trouble``): the largest |gradient| that counts as
#: none, and how many recorded points of a flat loss count as stagnation
STUCK_GRADIENT = 1e-6
STUCK_GRADIENT_DEAD = 1e-4      # ... when some units are dead already
STUCK_POINTS = 20
STUCK_CHANGE = 1e-4             # the largest relative change of the loss over them that counts as flat

#: settings that rebuild the data, or the network, when they change
DATA_KEYS = ("dataset", "n_points", "noise", "test_fraction", "data_seed")
NET_KEYS = ("hidden", "activation", "output", "seed", "features")


def fit_output(chosen, n_classes):
    """The output for data with ``n_classes`` classes when the learner chose ``chosen``: the
    linear output for regression data (``n_classes`` 0), softmax for three or more classes (one
    output unit per class), else ``chosen`` (or the default, if ``chosen`` is the linear one)."""
    if n_classes == 0:
        return REGRESSION_OUTPUT
    if n_classes > 2:
        return SOFTMAX
    return DEFAULTS["output"] if chosen == REGRESSION_OUTPUT else chosen


def classes_of(labels):
    """The number of classes of ``labels``: class numbers (integers) 0..C-1 give C; real values
    (floats: regression data) give 0."""
    return 0 if labels.dtype.kind == "f" else int(labels.max()) + 1


class Diverged(ValueError):
    """Training stopped: the loss or a weight became inf or NaN."""


class Busy(RuntimeError):
    """Another call (another thread) is training or changing this playground right now."""



SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def display_name(where):
    """A parameter as a student reads it, counting from 1 as the documents do: ``("W", k, (i, j))``
    (zero-based i, j) -> ``W⁽ᵏ⁾ᵢ,ⱼ`` with one-based i and j, e.g. W⁽¹⁾₁,₁; ``("b", k, (i,))`` -> b⁽ᵏ⁾ᵢ."""
    kind, k, index = where
    layer = f"{kind}⁽{str(k).translate(SUPERSCRIPT)}⁾"
    return layer + ",".join(str(i + 1).translate(SUBSCRIPT) for i in index)


def _check_settings(s, n_classes):
    """A checked copy of the settings dict ``s``; ValueError/TypeError name the bad one.
    Each number must lie in its ``LIMITS`` range.  ``n_classes`` None skips the check
    that the output fits the data (0: regression data, which takes only the linear output)."""
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
        checks.one_of(out["dataset"], "data set", {**datasets.DATASETS, **datasets.REGRESSION})
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
    if n_classes is not None and n_classes > 2 and OUTPUTS[out["output"]][0] != "softmax":
        raise ValueError(f"this data has {n_classes} classes: choose the softmax output")
    if n_classes == 0 and out["output"] != REGRESSION_OUTPUT:
        raise ValueError("output and loss: this data is regression (a real value per point): it takes the "
                         "linear output with ½Σ(y−ŷ)²")
    if n_classes and out["output"] == REGRESSION_OUTPUT:
        raise ValueError("output and loss: the linear output is for regression data (plane, gaussians, or a CSV "
                         "whose third column holds real values); this data has classes")
    out["lr"] = checks.number_in(out["lr"], "learning rate η", *LIMITS["lr"])
    out["weight_decay"] = checks.nonnegative_number(out["weight_decay"], "weight decay λ")
    if out["weight_decay"]:
        out["weight_decay"] = checks.number_in(out["weight_decay"], "weight decay λ (0 = off)",
                                               *LIMITS["weight_decay"])
    out["batch_size"] = checks.whole_number(out["batch_size"], "batch size", *LIMITS["batch_size"])
    out["stop_epochs"] = checks.number_in(out["stop_epochs"], "stop after epochs (0 = never)",
                                          *LIMITS["stop_epochs"])
    out["stop_loss"] = checks.number_in(out["stop_loss"], "stop below loss (0 = never)", *LIMITS["stop_loss"])
    out["features"] = features.check(out["features"], "input features")
    checks.one_of(out["penalty"], "penalty (regularisation)", PENALTIES)
    out["show_test"] = checks.boolean(out["show_test"], "show test data")
    out["discretize"] = checks.boolean(out["discretize"], "discretise output")
    return out


def _build_net(s, n_classes):
    act, loss = OUTPUTS[s["output"]]
    n_out = n_classes if act == "softmax" else 1
    sizes = [len(s["features"])] + s["hidden"] + [n_out]
    # unit labels short enough for the diagram's circles: the features that are on (x₁, x₂, x₁², ...),
    # then each layer's units from 1
    labels = [features.labels(s["features"])] + [[str(i + 1) for i in range(size)] for size in sizes[1:]]
    hidden = ENGINE_ACTIVATION.get(s["activation"], s["activation"])
    return Network(sizes, activation=[hidden] * len(s["hidden"]) + [act], loss=loss, seed=s["seed"],
                   labels=labels)


def _read_text(source, what, limit):
    """The text of a file given as str or bytes-like, at most ``limit`` bytes of UTF-8 (checked on
    bytes, whatever the item size of a memoryview); a leading byte-order mark is dropped, and
    bytes that are not UTF-8 are refused, not replaced."""
    if isinstance(source, str):
        size = len(source.encode("utf-8", "surrogatepass")) if len(source) > limit // 4 else len(source)
        text = source
    elif isinstance(source, (bytes, bytearray, memoryview)):
        view = memoryview(source)
        size = view.nbytes
        if size > limit:
            text = ""
        else:
            try:
                text = view.tobytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValueError(f"the file is not UTF-8 text (byte {exc.start + 1:,} is not UTF-8): is it really "
                                 f"{what}?") from None
    else:
        raise TypeError(f"text must be the saved file's contents (str or bytes), got {type(source).__name__}")
    if size > limit:
        raise ValueError(f"the file is too large: {size:,} bytes; {what} is at most {limit:,} bytes")
    return text[1:] if text.startswith("\ufeff") else text


def _alone(method):
    """Run ``method`` only if no other thread is training or changing the playground (``Busy`` if
    one is): two runs at once would interleave their steps and lose updates.  The mark is the
    thread's id, so a mark left behind by an interruption never locks out its own thread."""
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        claimed = False
        try:
            claimed = self._claim(method.__name__)
            return method(self, *args, **kwargs)
        finally:
            if claimed:
                self.__dict__.pop("_busy", None)
    return run


class Playground:
    """Data, network and training for notebook 03's playground.

    history_limit bounds every history list: past it, every other point is dropped.

    Every change is committed at once: it is built on a twin (a new object sharing what does not
    change), and the twin's attributes replace this one's in a single ``dict.update``, so an
    interruption (KeyboardInterrupt) anywhere leaves the whole old state or the whole new one.
    """

    def __init__(self, history_limit=600, lang="en", **settings):
        self.history_limit = checks.whole_number(history_limit, "history_limit", 2, 100_000)
        self.lang = checks.language(lang)
        self.custom = None                       # (X, labels) of a loaded CSV, or None
        self.custom_name = None                  # the CSV file's name, when known
        self.settings = {}
        chosen = None if "output" in settings else DEFAULTS["output"]   # no output given: it follows the data
        self._apply({**DEFAULTS, **settings}, rebuild_data=True, rebuild_net=True, chosen_output=chosen)

    def __copy__(self):
        """A whole, independent playground (its own network, data, batch order and history),
        as ``copy.deepcopy`` and ``pickle`` give: a shallow copy would share the network."""
        return copy.deepcopy(self)

    def _claim(self, what):
        """Mark this playground as busy with this call; True if this call made the mark (and so
        removes it at the end), False inside a call of the same thread that already holds it.
        ``dict.setdefault`` is one step for the interpreter, so "is anyone busy? then I am"
        needs no lock (a lock held where an interruption lands could stay held for ever)."""
        mine = (threading.get_ident(), object())
        owner = self.__dict__.setdefault("_busy", mine)
        if owner is mine:
            return True
        if owner[0] == mine[0]:
            return False
        raise Busy(f"{what}: this playground is busy with another call (training or changing it) "
                   f"right now; two at once are refused: wait for the first one to finish")

    def _twin(self):
        """A new Playground sharing every attribute with this one, to build a change on."""
        twin = Playground.__new__(Playground)
        twin.__dict__.update(self.__dict__)
        return twin

    def _commit(self, twin):
        """Take every attribute of ``twin`` in one step (see the class's docstring)."""
        new = dict(twin.__dict__)
        new.pop("_busy", None)
        self.__dict__.update(new)

    # ---- building ------------------------------------------------------------------
    @property
    def n_classes(self):
        """The number of classes of the data; 0 for regression data (a real value per point)."""
        return classes_of(self.labels_all)

    @property
    def regression(self):
        """True for regression data: a real value per point, a linear output, the loss instead of accuracy."""
        return self.n_classes == 0

    def _data_for(self, s, custom):
        if s["dataset"] == "custom":
            if custom is None:
                raise ValueError("data set 'custom': no CSV file is loaded: load one first")
            X, labels = custom
        else:
            X, labels = datasets.make(s["dataset"], s["n_points"], s["noise"], s["data_seed"])
        return X, labels

    def _apply(self, s, rebuild_data, rebuild_net, custom=None, chosen_output=None, custom_name=None):
        """Build and check everything for settings ``s`` on a twin, then commit it all at once.  With
        ``chosen_output`` (the output the learner last chose), the output follows the data:
        softmax for 3+ classes, the learner's choice for two (see ``fit_output``)."""
        if custom is None:
            custom, custom_name = self.custom, self.custom_name
        s = _check_settings(s, None)                 # every value in range before any data is made
        if rebuild_data:
            X, labels = self._data_for(s, custom)
        else:
            X, labels = self.X_all, self.labels_all
        n_classes = classes_of(labels)
        if chosen_output is not None:
            s = {**s, "output": fit_output(chosen_output, n_classes)}
        s = _check_settings(s, n_classes)
        rebuild_net = rebuild_net or s["output"] != self.settings.get("output")
        twin = self._twin()
        twin.output_chosen = s["output"] if chosen_output is None else chosen_output
        twin.settings = s
        twin.custom, twin.custom_name = custom, custom_name
        if rebuild_data:
            twin.X_all, twin.labels_all = X, labels
            twin.X_train, twin.labels_train, twin.X_test, twin.labels_test = datasets.split(
                X, labels, s["test_fraction"], s["data_seed"])
        twin._targets()
        if rebuild_net or rebuild_data:
            twin._fresh_training()
        self._commit(twin)

    def _targets(self):
        """On a twin: the targets, and the network's inputs (the features that are on) of the points."""
        self.F_train = features.transform(self.X_train, self.settings["features"])
        self.F_test = features.transform(self.X_test, self.settings["features"])
        if self.regression:
            self.Y_train, self.Y_test = self.labels_train[:, None], self.labels_test[:, None]
            return
        n_outputs = self.n_classes if OUTPUTS[self.settings["output"]][0] == "softmax" else 1
        self.Y_train = datasets.targets(self.labels_train, n_outputs)
        self.Y_test = datasets.targets(self.labels_test, n_outputs)

    @_alone
    def configure(self, **changes):
        """Change settings; the data or the network are rebuilt (and training restarts) when
        their settings change.  All or nothing: a bad value changes nothing.

        The output follows the data unless ``output`` is one of the changes: data with three
        or more classes gets the softmax output, and data with two classes gets back the output
        the learner chose last (so "3 classes" and back to "xor" ends where it started).  An
        explicit output that cannot fit the data (a sigmoid for 3 classes) is refused."""
        s = _check_settings({**self.settings, **changes}, None)   # the class count is checked in _apply
        if s == self.settings:
            return
        chosen = changes["output"] if "output" in changes else self.output_chosen
        rebuild_data = any(s[k] != self.settings[k] for k in DATA_KEYS)
        rebuild_net = any(s[k] != self.settings[k] for k in NET_KEYS)
        if "output" in changes:
            self._apply(s, rebuild_data, rebuild_net)          # as asked, or refused
        else:
            self._apply(s, rebuild_data, rebuild_net, chosen_output=chosen)

    @_alone
    def load_csv(self, source, name=None):
        """Use the learner's own data (see ``csvfile.load_csv``: the text as str or bytes,
        or a pathlib.Path to read); the output follows it as in ``configure`` (softmax for 3+
        classes).  ``name``: the file's name, to show (a Path gives its own).  Nothing changes
        if the file is bad."""
        if name is not None and not isinstance(name, str):
            raise TypeError(f"name must be the file's name (a string) or None, got {type(name).__name__}")
        X, labels = csvfile.load_csv(source, regression=True)     # real values: regression
        if name is None and isinstance(source, Path):
            name = source.name
        s = {**self.settings, "dataset": "custom"}
        self._apply(s, rebuild_data=True, rebuild_net=True, custom=(X, labels), chosen_output=self.output_chosen,
                    custom_name=None if name is None else name[:200])

    @_alone
    def reset_training(self):
        """The same starting weights again, from the weights seed; epoch 0; histories cleared."""
        twin = self._twin()
        twin._fresh_training()
        self._commit(twin)

    @_alone
    def new_weights(self, seed=None):
        """A new starting point: a new weights seed (drawn at random, or ``seed``), new weights
        from it, epoch 0, histories cleared.  Returns the seed (the "weights seed" setting)."""
        if seed is None:
            seed = int(np.random.SeedSequence().entropy % (LIMITS["seed"][1] + 1))
        twin = self._twin()
        twin.settings = _check_settings({**self.settings, "seed": seed}, self.n_classes)
        twin._fresh_training()
        self._commit(twin)
        return self.settings["seed"]

    def _fresh_training(self):
        """On a twin: a fresh network from the seed, epoch 0, histories cleared."""
        self.net = _build_net(self.settings, self.n_classes)
        self.steps = 0
        self._batches = Shuffled(len(self.X_train), np.random.default_rng(self.settings["seed"]))
        self.history = {k: [] for k in HISTORY_KEYS}
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

    def dead_units(self):
        """{k: [i, ...]} for every hidden layer k with units (zero-based i) that output 0 on every
        training point: a ReLU unit there passes no gradient back, so it never wakes up."""
        net = self.net
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            trace = net.forward(self.F_train)
        dead = {}
        for k in range(1, net.L):
            off = np.flatnonzero(np.all(trace.n[k] == 0, axis=0))
            if off.size:
                dead[k] = off.tolist()
        return dead

    def trouble(self):
        """Why training cannot get anywhere, or None:
        ``("dead", k, dead)``: every unit of hidden layer k outputs 0 on every training point, so
        the output no longer depends on the input and no gradient reaches the layers below;
        ``("stuck", g, dead)``: the training loss has not moved (by more than STUCK_CHANGE of itself)
        over the last STUCK_POINTS recorded points, and the largest |gradient| g is at most
        STUCK_GRADIENT (STUCK_GRADIENT_DEAD once some units are dead), while the training accuracy
        is below 100% (for regression data: while the training loss is above 1e-12).  ``dead`` is
        ``dead_units()``."""
        if self.steps == 0:
            return None
        dead = self.dead_units()
        for k, units in dead.items():
            if len(units) == self.net.sizes[k]:
                return ("dead", k, dead)
        h = self.history
        recent = h["train_loss"][-STUCK_POINTS:]
        if len(recent) < STUCK_POINTS or h["train_acc"][-1] >= 1.0:
            return None
        if self.regression and recent[-1] <= 1e-12:      # a fit with (next to) no error: done, not stuck
            return None
        if max(recent) - min(recent) > STUCK_CHANGE * max(abs(recent[-1]), 1e-12):
            return None
        grads = self.full_gradient()
        g = max(float(np.max(np.abs(d))) for d in list(grads.dW[1:]) + list(grads.db[1:]))
        if g > (STUCK_GRADIENT_DEAD if dead else STUCK_GRADIENT):
            return None
        return ("stuck", g, dead)

    @_alone
    def train_steps(self, k):
        """k mini-batch steps (at most MAX_STEPS_PER_CALL), all or nothing: if the loss or
        a weight turns inf or NaN on the way, or the training or test loss is not finite
        at the end, everything goes back to how it was before the call (weights, step
        count, the batch order, the history) and Diverged says what happened and what to
        try; an interruption (KeyboardInterrupt) is undone the same way.  A second call at
        the same time (another thread) is refused with ``Busy``."""
        k = checks.positive_int(k, "steps", MAX_STEPS_PER_CALL)
        if self.steps + k > MAX_STEPS:
            raise ValueError(f"steps: this playground has counted {self.steps:,} steps and counts at most "
                             f"{MAX_STEPS:,}; press Reset to start again")
        s = self.settings
        saved = self._training_state()
        try:
            h = train(self.net, self.F_train, self.Y_train, s["lr"], k, s["weight_decay"],
                      batch_size=min(s["batch_size"], len(self.X_train)), batches=self._batches, record_grads=False,
                      penalty=s["penalty"])
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

    @_alone
    def set_parameter(self, name, value):
        """Set the weight or bias ``name`` (e.g. "W1[0,1]" or "b2[0]", as ``net.names`` names them) to
        ``value`` by hand, as a learner types it: a real number within ±MAX_TYPED_WEIGHT.  Training carries
        on from the new value (the step count stays; the curves get a point for it).  A bias shared by a
        layer's units (one name for the layer) changes for all of them at once.  All or nothing: a bad
        name or value, or a value that makes the loss inf or NaN, changes nothing."""
        net = self.net
        if not isinstance(name, str):
            raise TypeError(f"weight: the name must be a string (a weight's or a bias's), got {type(name).__name__}")
        if name not in net.names:
            raise ValueError(f"weight: unknown weight or bias {name!r:.60}")
        value = checks.number_in(value, "weight value", -MAX_TYPED_WEIGHT, MAX_TYPED_WEIGHT)
        kind, k, index = net.names[name]
        saved = self._training_state()
        try:
            (net.W if kind == "W" else net.b)[k][index] = value
            net.mark_changed()
            self.record()
            if not (math.isfinite(self.history["train_loss"][-1]) and math.isfinite(self.history["test_loss"][-1])):
                raise ValueError(f"weight value: {value:g} makes the loss inf or NaN; the "
                                 f"{'weight' if kind == 'W' else 'bias'} stays as it was")
            self.message = ""
        except BaseException:
            self._restore_training(saved)
            raise

    def set_weight(self, name, value):
        """``set_parameter``, by its first name: a weight's or a bias's value typed in by hand."""
        return self.set_parameter(name, value)

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
        """The network's output for the points X (rows of x₁, x₂; unchecked: inf or NaN where it
        overflows)."""
        return self._forward(X)[1][-1]

    def inputs(self, X):
        """The network's inputs for the points X (rows of x₁, x₂): the features that are on."""
        return features.transform(X, self.settings["features"])

    def _forward(self, X):
        """engine.forward for the points X (rows of x₁, x₂), through the features that are on."""
        with np.errstate(over="ignore", invalid="ignore"):
            return engine.forward(self.net.W, self.net.b, self.net.f, self.inputs(X))

    def _loss_acc(self, X, Y, labels):
        """The loss and the accuracy on these points; the accuracy is 0 for regression data (there
        are no classes to get right: the loss is the measure)."""
        z, n = self._forward(X)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            loss = self.net.mean_loss(z[-1], n[-1], Y)
        out = n[-1]
        if self.regression:
            return loss, 0.0
        predicted = (out[:, 0] > 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)
        return loss, float(np.mean(predicted == labels))

    def metrics(self):
        """(train loss, test loss, train accuracy, test accuracy) with the current weights (the
        accuracies are 0 for regression data)."""
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

    def grid(self, resolution=48):
        """The points of a resolution × resolution grid over ``extent()``, as an (resolution², 2)
        array of rows (x₁, x₂): row by row from the top, left to right (the views' pixels)."""
        resolution = checks.whole_number(resolution, "resolution", 2, 400)
        x0, x1, y0, y1 = self.extent()
        gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y1, y0, resolution))
        return np.column_stack([gx.ravel(), gy.ravel()])

    def unit_pictures(self, resolution=UNIT_RESOLUTION):
        """What every unit computes over the plane the decision boundary shows: one forward pass
        over ``grid(resolution)`` (the one ``engine.forward`` training uses) keeps every layer's
        n[k], and this returns them as a list over k = 0..L of (resolution, resolution, sizes[k])
        arrays, rows from the top.  n[0] holds the inputs (the features that are on); n[L] the
        output, before "discretise output" rounds it (``boundary`` applies that).  inf or NaN where
        the weights overflow.  Notebook 03's "what each unit sees" explains them."""
        z, n = self._forward(self.grid(resolution))
        return [np.asarray(a).reshape(resolution, resolution, -1) for a in n]

    def unit_range(self, k):
        """The values layer k's units can take, which the pictures colour: (0, 1) for a sigmoid or
        softmax layer, (-1, 1) for tanh, None where there is no bound (the inputs, ReLU, linear)."""
        if k == 0:
            return None
        return {"sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "tanh": (-1.0, 1.0)}.get(self.net.activation[k - 1])

    def incoming(self, k, i):
        """The weights into unit i (zero-based) of layer k ≥ 1, and its bias: a list of (name,
        display name, value) for W⁽ᵏ⁾ᵢ,₁ … and then b⁽ᵏ⁾ᵢ, one-based in the display names."""
        net = self.net
        k = checks.whole_number(k, "layer", 1, net.L)
        i = checks.whole_number(i, "unit", 0, net.sizes[k] - 1)
        out = []
        for name, where in net.names.items():
            kind, layer, index = where
            if layer == k and index[0] == i:
                value = net.W[k][index] if kind == "W" else net.b[k][index]
                out.append((name, display_name(where), float(value)))
        return out

    # ---- regularisation: one choice of none, L1 or L2 -------------------------------------
    @property
    def regularisation(self):
        """"none" (λ = 0), "L1" or "L2": the penalty training adds, as one choice."""
        return self.settings["penalty"] if self.settings["weight_decay"] > 0 else "none"

    def regularise(self, choice, rate=None):
        """Choose the penalty as one setting: "none" (weight_decay 0), or "L1" or "L2" with the rate
        λ (``rate``, or the current one; 1e-3 if there is none yet).  One ``configure`` call: all
        or nothing."""
        choice = checks.one_of(choice, "regularisation", REGULARISATIONS)
        if choice == "none":
            self.configure(weight_decay=0.0)
            return
        if rate is None:
            rate = self.settings["weight_decay"] or DEFAULT_RATE
        self.configure(penalty=choice, weight_decay=rate)

    def boundary(self, resolution=48):
        """The network's output on a grid over ``extent()``: the grid of P(class 1) for a single
        output unit, or the pair (grid of the winning class, grid of its probability) for a
        softmax output (also with two classes); for regression data, the grid of the predicted value.
        Rows from the top.  With the "discretise output" setting on, every probability is rounded
        to the class it picks: 0 or 1, and 1 for softmax; a predicted value to its sign, −1 or 1.
        resolution: points per side, 2 to 400."""
        resolution = checks.whole_number(resolution, "resolution", 2, 400)
        out = self.predict(self.grid(resolution))
        sharp = self.settings["discretize"]
        if out.shape[1] == 1:
            p = out[:, 0].reshape(resolution, resolution)
            if sharp and self.regression:
                return np.where(np.isnan(p), np.nan, np.where(p > 0, 1.0, -1.0))
            return np.where(np.isnan(p), np.nan, (p > 0.5).astype(float)) if sharp else p
        sure = np.ones(resolution * resolution) if sharp else out.max(axis=1)
        return out.argmax(axis=1).reshape(resolution, resolution), sure.reshape(resolution, resolution)

    # ---- one weight up close -------------------------------------------------------------
    def weight_detail(self, name, eps=1e-5):
        """Everything about one weight W[k][i, j]: its value, the chain-rule factors for the
        first training point, its entry of delta n^T over the training set, and a
        central-difference check.  Returns a dict."""
        d, t0, first, grads = self._parameter_detail("W", name, eps)
        k, (i, j) = d["k"], self.net.names[name][2]
        d.update(i=i, j=j, delta_first=float(first.delta[k][i]), n_prev_first=float(t0.n[k - 1][j]),
                 contribution_first=float(first.delta[k][i] * t0.n[k - 1][j]), gradient=float(grads.dW[k][i, j]))
        return d

    def bias_detail(self, name, eps=1e-5):
        """Everything about one bias b[k][i], as ``weight_detail`` gives for a weight: its value, δ of its
        unit for the first training point (with its chain-rule factors), ∂L/∂b over the training set
        (the mean of δ: a bias is a weight whose input is always 1) and a central-difference check.  A
        bias shared by the layer's units adds up their δ.  Returns a dict."""
        d, _, first, grads = self._parameter_detail("b", name, eps)
        k, (i,) = d["k"], self.net.names[name][2]
        units = range(self.net.sizes[k]) if self.net.shared_bias else [i]
        delta = float(sum(first.delta[k][u] for u in units))
        d.update(i=i, shared=self.net.shared_bias, delta_first=delta, contribution_first=delta,
                 gradient=float(grads.db[k][i]))
        return d

    def _parameter_detail(self, kind, name, eps):
        """What ``weight_detail`` (kind "W") and ``bias_detail`` ("b") share: the name checked, the value,
        the central difference of the training loss, and the chain-rule factors of the unit the parameter
        feeds, for the first training point: f'(z) and Wᵀδ of the layer above, or ŷ and y at the output.
        Returns (that dict, the first point's trace and gradients, the training set's gradients)."""
        net, noun = self.net, "weight" if kind == "W" else "bias"
        if not isinstance(name, str):
            raise TypeError(f"name must be a {noun}'s name (a string), got {type(name).__name__}")
        if name not in net.names or net.names[name][0] != kind:
            raise ValueError(f"name: unknown {noun} {name!r:.60}")
        eps = checks.number_in(eps, "eps", 1e-12, 0.1)
        _, k, index = net.names[name]
        array = (net.W if kind == "W" else net.b)[k]
        X, Y = self.X_train, self.Y_train
        F = self.F_train                             # the network's inputs: the features that are on
        with np.errstate(over="ignore", invalid="ignore"):
            grads = net.backward(net.forward(F), Y)
            t0 = net.forward(F[0])
            first = net.backward(t0, Y[0])
            original = array[index]
            try:
                array[index] = original + eps
                up = self._loss_acc(X, Y, self.labels_train)[0]
                array[index] = original - eps
                down = self._loss_acc(X, Y, self.labels_train)[0]
            finally:
                array[index] = original
        unit = index[0]                              # the unit it feeds (a shared bias: the layer's first)
        y_hat = y = back = f_prime = None
        if k < net.L:
            back = float(net.W[k + 1][:, unit] @ first.delta[k + 1])
            f_prime = float(net.f_prime[k](t0.n[k])[unit])
        else:
            y_hat, y = float(t0.y_hat[unit]), float(Y[0][unit])   # δ at the output: ŷ − y (times f' for ½Σ)
        d = {"name": name, "label": display_name(net.names[name]), "k": k,
             "value": float(original), "y_hat_first": y_hat, "y_first": y, "back_first": back,
             "f_prime_first": f_prime, "numeric": (up - down) / (2 * eps), "n_train": len(X)}
        return d, t0, first, grads

    # ---- save and load --------------------------------------------------------------------
    def to_json(self):
        """Everything needed to carry on exactly where this state is, as JSON text: the settings
        (with the output the learner chose), the data seed (or the CSV data itself), every weight,
        the step count, the loss and accuracy histories, and the batch sampler's state (its
        order, its place in it, and its random generator)."""
        batches = self._batches
        doc = {"format": FORMAT, "version": VERSION, "settings": self.settings, "output_chosen": self.output_chosen,
               "steps": self.steps, "W": [w.tolist() for w in self.net.W[1:]],
               "b": [b.tolist() for b in self.net.b[1:]], "history": self.history,
               "sampler": {"order": None if batches.order is None else batches.order.tolist(),
                           "cursor": batches.cursor, "rng": batches.rng.bit_generator.state}}
        if self.settings["dataset"] == "custom":
            doc["data"] = {"x": self.custom[0].tolist(), "label": self.custom[1].tolist(), "name": self.custom_name}
            if self.regression:
                doc["data"]["kind"] = "regression"          # (version 3) real values, not class numbers
        return json.dumps(doc, ensure_ascii=False, indent=1)

    @_alone
    def load_json(self, text):
        """Restore a state saved by ``to_json``; ValueError or TypeError (and no change) if
        the file is malformed or does not match its own settings.  A saved state passes
        the same checks as typed-in settings (``LIMITS``) and a loaded CSV
        (``datasets.check_data``), and its weights must give a finite loss.

        text: the file's contents, str or bytes (UTF-8, at most MAX_JSON_BYTES bytes; a
        byte-order mark is dropped; bytes that are not UTF-8 are refused).  A version-1 file
        (before the histories and the batch order were saved) loads with its curves and its
        batch order starting afresh."""
        text = _read_text(text, "a saved playground", MAX_JSON_BYTES)
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
        version = doc.get("version")
        if type(version) is not int or version not in READS:
            raise ValueError(f"saved by another version of the playground ({version!r:.40}); this one reads "
                             f"versions {', '.join(map(str, READS))}")
        for key in ("settings", "W", "b", "steps"):
            if key not in doc:
                raise ValueError(f"the file has no {key!r}")
        if not isinstance(doc["settings"], dict):
            raise ValueError("'settings' must be a JSON object")
        steps = checks.whole_number(doc["steps"], "'steps'", 0, MAX_STEPS)
        custom = custom_name = None
        if doc["settings"].get("dataset") == "custom":
            data = doc.get("data")
            if not isinstance(data, dict) or "x" not in data or "label" not in data:
                raise ValueError("the file uses custom data but does not contain it")
            if data.get("kind", "classes") not in ("classes", "regression"):
                raise ValueError("the saved data's 'kind' must be \"classes\" or \"regression\"")
            check = datasets.check_values if data.get("kind") == "regression" else datasets.check_data
            custom = check(data["x"], data["label"], "the saved data")
            custom_name = data.get("name")
            if custom_name is not None and not isinstance(custom_name, str):
                raise ValueError("the saved data's 'name' must be a string")
        twin = Playground.__new__(Playground)
        twin.history_limit, twin.lang, twin.custom, twin.custom_name, twin.settings = \
            self.history_limit, self.lang, None, None, {}
        twin._apply({**DEFAULTS, **doc["settings"]}, rebuild_data=True, rebuild_net=True, custom=custom,
                    custom_name=custom_name and custom_name[:200])
        if version >= 2 and twin.n_classes > 2:      # with two classes, the output is the one chosen
            twin.output_chosen = checks.one_of(doc.get("output_chosen"), "'output_chosen'", OUTPUTS)
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
        if version >= 2:
            twin.history = self._read_history(doc.get("history"))
            twin._batches = self._read_sampler(doc.get("sampler"), len(twin.X_train))
            for key in HISTORY_KEYS:                 # its last point is these weights': measured again
                twin.history[key].pop()
        else:
            twin.history = {key: [] for key in HISTORY_KEYS}
        twin.record()
        if not all(math.isfinite(twin.history[key][-1]) for key in ("train_loss", "test_loss")):
            raise ValueError("the weights in the file give an infinite or NaN loss on its data")
        twin.message = ""
        self._commit(twin)

    def _read_history(self, history):
        """The saved histories, checked: equally long lists of finite numbers (accuracies in
        [0, 1], epochs and losses at least 0); thinned to ``history_limit`` as ``record`` does."""
        if not isinstance(history, dict) or set(history) != set(HISTORY_KEYS):
            raise ValueError(f"'history' must be an object with the lists {', '.join(HISTORY_KEYS)}")
        lists = {}
        for key in HISTORY_KEYS:
            values = checks.real_array(history[key], f"'history' {key}")
            if values.ndim != 1 or not 1 <= len(values) <= 100_000:
                raise ValueError(f"'history' {key} must be a list of 1 to 100,000 numbers")
            high = 1.0 if key.endswith("acc") else math.inf
            if not (np.all(np.isfinite(values)) and np.all(values >= 0) and np.all(values <= high)):
                raise ValueError(f"'history' {key}: every value must be a finite number from 0"
                                 + (" to 1" if high == 1.0 else ""))
            lists[key] = [float(v) for v in values]
        if len({len(v) for v in lists.values()}) != 1:
            raise ValueError("'history': the lists must be equally long (one point per record)")
        while len(lists["epoch"]) > self.history_limit:
            lists = {key: v[::2] for key, v in lists.items()}
        return lists

    @staticmethod
    def _read_sampler(sampler, n):
        """The batch sampler saved by ``to_json``, checked: an order that is a permutation of the
        n training points (or null), a place in it, and the state of numpy's PCG64 generator."""
        if not isinstance(sampler, dict) or set(sampler) != {"order", "cursor", "rng"}:
            raise ValueError("'sampler' must be an object with 'order', 'cursor' and 'rng'")
        order = sampler["order"]
        if order is not None:
            order = checks.real_array(order, "'sampler' order")
            if order.shape != (n,) or not np.array_equal(np.sort(order), np.arange(n)):
                raise ValueError(f"'sampler' order must list each of the {n} training points once")
            order = order.astype(np.int64)
        cursor = checks.whole_number(sampler["cursor"], "'sampler' cursor", 0, n)
        state = sampler["rng"]
        rng = np.random.default_rng(0)
        try:
            if not isinstance(state, dict) or state.get("bit_generator") != "PCG64":
                raise ValueError
            rng.bit_generator.state = state
        except (ValueError, TypeError, KeyError, OverflowError):
            raise ValueError("'sampler' rng must be the state of numpy's PCG64 generator, as saved") from None
        batches = Shuffled(n, rng)
        batches.order, batches.cursor = order, cursor
        return batches
