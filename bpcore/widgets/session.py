"""The state behind a dashboard, with no widgets: a network, one sample, a history.

A ``Session`` holds what the sliders set (every parameter by name, the inputs,
the targets, the learning rate, the weight-decay coefficient) and what the
buttons do (one step, N steps, reset).  Every change is checked first and
refused with ValueError or TypeError, changing nothing; a step or a run that
would make the loss go up or overflow is refused the same way (``Diverged``),
so the session always holds the last good state.  A run of N steps that is
interrupted (the notebook's stop button raises KeyboardInterrupt, or a progress
callback raises) is undone the same way: weights, history and step counter go
back to where the run started, so they always agree.  Tests drive it directly.
"""
import copy
import math

import numpy as np

from .. import checks
from ..network import Network
from ..training import train

#: the most steps one ``Session.train`` call runs (a few seconds on the documents' networks)
MAX_STEPS_PER_CALL = 100_000


class Diverged(ValueError):
    """A step or run was refused because the loss would have gone up or overflowed."""


class Session:
    """One sample (x, y) on a network, as a dashboard shows it.

    make_net: a function returning the starting network (called again on reset).
    input_names / target_names: what the sliders call x[i] and y[i] (e.g. "i1", "target o1").
    history_limit: the most points the loss and gradient histories keep; past it
        every other point is dropped, so memory stays flat however long one trains.
    """

    def __init__(self, make_net, x, y, lr, weight_decay=0.0, input_names=None, target_names=None,
                 history_limit=2000):
        if not callable(make_net):
            raise TypeError(f"make_net must be a function returning a Network, got {type(make_net).__name__}")
        self._make_net = make_net
        net = self._new_net()
        self.defaults = {"x": net.check_x(x).copy(), "y": net.check_y(y, (net.sizes[-1],)).copy(),
                         "lr": checks.positive_number(lr, "lr"),
                         "weight_decay": checks.nonnegative_number(weight_decay, "weight_decay")}
        self.input_names = _control_names(input_names, "input_names", [f"x{j + 1}" for j in range(net.sizes[0])])
        self.target_names = _control_names(target_names, "target_names", [f"y{i + 1}" for i in range(net.sizes[-1])])
        taken = set(net.names) | {"lr", "weight_decay"}
        clash = [name for name in self.input_names + self.target_names if name in taken]
        if clash or len(set(self.input_names + self.target_names)) != len(self.input_names + self.target_names):
            raise ValueError(f"input_names and target_names must differ from each other and from the "
                             f"parameters' names and lr, weight_decay (clash: {clash})")
        self.history_limit = checks.whole_number(history_limit, "history_limit", 2, 1_000_000)
        self.reset()

    def _new_net(self):
        net = self._make_net()
        if not isinstance(net, Network):
            raise TypeError(f"make_net must return a bpcore.Network, got {type(net).__name__}")
        return net

    # ---- state -------------------------------------------------------------
    def reset(self):
        """Back to the starting network, sample and settings; the history is cleared."""
        self.net = self._new_net()
        self.x = self.defaults["x"].copy()
        self.y = self.defaults["y"].copy()
        self.lr = self.defaults["lr"]
        self.weight_decay = self.defaults["weight_decay"]
        self.weight_names = [n for n, (kind, _, _) in self.net.names.items() if kind == "W"]
        self.steps_done = 0
        self.history = {"step": [], "loss": [], "grads": {name: [] for name in self.weight_names}}
        self.last_update = []
        self._cache = None

    def controls(self):
        """Every name ``set`` accepts, in display order."""
        return list(self.net.names) + self.input_names + self.target_names + ["lr", "weight_decay"]

    def get(self, name):
        """The current value of a control."""
        if name in self.input_names:
            return float(self.x[self.input_names.index(name)])
        if name in self.target_names:
            return float(self.y[self.target_names.index(name)])
        if name in ("lr", "weight_decay"):
            return getattr(self, name)
        return self.net[name]

    def set(self, name, value):
        """Set a control by name; ValueError or TypeError (and no change) if it makes no sense."""
        if not isinstance(name, str):
            raise TypeError(f"name must be a control's name (a string), got {type(name).__name__}")
        if name in self.input_names:
            self.x[self.input_names.index(name)] = checks.real_number(value, name)
        elif name in self.target_names:
            value = checks.real_number(value, name)
            trial = self.y.copy()
            trial[self.target_names.index(name)] = value
            self.net.check_y(trial, trial.shape, name)
            self.y = trial
        elif name == "lr":
            self.lr = checks.positive_number(value, "learning rate η")
        elif name == "weight_decay":
            self.weight_decay = checks.nonnegative_number(value, "weight decay λ")
        else:
            self.net[name] = value
        self._cache = None

    def evaluate(self):
        """(trace, grads) for the current state: the forward and the backward pass."""
        key = (self.net.version, tuple(self.x), tuple(self.y))
        if self._cache is None or self._cache[0] != key:
            trace = self.net.forward(self.x)
            self._cache = (key, trace, self.net.backward(trace, self.y))
        return self._cache[1], self._cache[2]

    # ---- training ------------------------------------------------------------
    def _record(self, losses, grads):
        h = self.history
        start = self.steps_done
        h["step"].extend(range(start, start + len(losses)))
        h["loss"].extend(float(v) for v in losses)
        for name in self.weight_names:
            h["grads"][name].extend(float(v) for v in grads[name])
        self.steps_done += len(losses)
        while len(h["step"]) > self.history_limit:      # keep memory flat: drop every other point
            h["step"] = h["step"][::2]
            h["loss"] = h["loss"][::2]
            for name in self.weight_names:
                h["grads"][name] = h["grads"][name][::2]

    def step(self):
        """One gradient-descent step; ``last_update`` lists (name, old, new) for every weight.

        Raises Diverged (a ValueError), changing nothing, if the step would raise the loss.
        """
        trace, grads = self.evaluate()
        before = self.net.named_parameters()
        trial = self.net.copy()
        trial.step(grads, self.lr, self.weight_decay)
        self._refuse_if_worse(self.objective(), self.objective(trial), "this step")
        self.net.restore(trial.state())
        self._record([grads.loss], {name: [grads[name]] for name in self.weight_names})
        after = self.net.named_parameters()
        self.last_update = [(name, before[name], after[name]) for name in self.net.names]
        self._cache = None
        return self.last_update

    def train(self, steps, progress=None, chunk=100):
        """``steps`` steps (1 to MAX_STEPS_PER_CALL) in chunks (``progress(done, total)``
        after each); all or nothing.

        If the run ends with a higher loss than it started with, or overflows, it is
        undone and Diverged is raised.  If it is interrupted (KeyboardInterrupt, or an
        exception from ``progress``) it is undone too and the exception goes on.
        """
        steps = checks.whole_number(steps, "number of steps", 1, MAX_STEPS_PER_CALL)
        chunk = checks.positive_int(chunk, "chunk")
        if progress is not None and not callable(progress):
            raise TypeError(f"progress must be a function progress(done, total) or None, got {type(progress).__name__}")
        start_state, start_objective = self.net.state(), self.objective()
        saved = (self.steps_done, copy.deepcopy(self.history))
        done = 0
        try:
            while done < steps:
                n = min(chunk, steps - done)
                h = train(self.net, self.x, self.y, self.lr, n, weight_decay=self.weight_decay,
                          record_grads=self.weight_names)     # what the curves plot
                self._record(h.loss, h.grads)
                done += n
                if h.diverged:
                    raise Diverged(f"training overflowed after {self.steps_done - saved[0]} steps ({h.message})")
                if progress is not None:
                    progress(done, steps)
            self._cache = None
            self._refuse_if_worse(start_objective, self.objective(), f"these {steps} steps")
        except BaseException:           # Diverged, or an interruption: undo the whole run
            self.net.restore(start_state)
            self.steps_done, self.history = saved
            self._cache = None
            raise
        self.last_update = []
        return self.history

    def objective(self, net=None):
        """What gradient descent lowers: the loss plus the weight-decay penalty
        (weight_decay / 2) * sum of every weight squared (0 when weight_decay is 0)."""
        net = self.net if net is None else net
        penalty = 0.5 * self.weight_decay * sum(float((w * w).sum()) for w in net.W[1:]) if self.weight_decay else 0.0
        return net.loss(self.x, self.y) + penalty

    def _refuse_if_worse(self, before, after, what):
        if not math.isfinite(after) or after > before * (1 + 1e-12) + 1e-300:
            target = "the loss" if not self.weight_decay else "the loss plus the weight-decay penalty"
            raise Diverged(
                f"With learning rate η = {self.lr:g}, {what} would raise {target} from {before:.6g} to "
                f"{after:.6g}: the steps overshoot the minimum. Nothing was changed; try a smaller η.")

    def history_arrays(self):
        """The history as numpy arrays: (steps, losses, {name: gradients})."""
        h = self.history
        return (np.array(h["step"]), np.array(h["loss"]), {n: np.array(v) for n, v in h["grads"].items()})


def _control_names(names, what, default):
    """A list of distinct strings, one per default name."""
    if names is None:
        return list(default)
    if isinstance(names, (str, bytes)) or not isinstance(names, (list, tuple)) \
            or not all(isinstance(n, str) for n in names):
        raise TypeError(f"{what} must be a list of strings, got {names!r:.60}")
    if len(names) != len(default):
        raise ValueError(f"{what} must give {len(default)} names, one per value, got {len(names)}")
    return list(names)
