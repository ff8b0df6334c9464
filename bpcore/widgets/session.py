"""The state behind a dashboard, with no widgets: a network, one sample, a history.

A ``Session`` holds what the sliders set (every parameter by name, the inputs,
the targets, the learning rate, the weight-decay coefficient) and what the
buttons do (one step, N steps, undo, reset).  Every change is checked first and
refused with ValueError or TypeError, changing nothing.

A step or a run is one commit: weights, history, step counter and ``last_update``
change together or not at all.  It is taken even when it raises the loss (an
overshoot: ``overshoot`` then says by how much, for the dashboard's warning), so
the history shows the rise; only a step or run that would overflow to inf or NaN
is refused (``Diverged``), changing nothing.  An interrupted step or run (the
notebook's stop button raises KeyboardInterrupt, or a progress callback raises)
is undone the same way.  ``undo()`` goes back to before the last step or run.
A second step or run while one is under way (another thread) is refused (``Busy``).

The training is ``bpcore.train`` and the network's public methods; the session
does its own undo from ``Network.state``/``restore``.  Tests drive it directly.
"""
import math
import threading
import weakref
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from .. import checks
from ..losses import weight_decay_penalty
from ..network import Network
from ..training import train

#: the most steps one ``Session.train`` call runs (a few seconds on the documents' networks)
MAX_STEPS_PER_CALL = 100_000
#: how many steps or runs ``undo`` can go back
UNDO_LIMIT = 20


class Diverged(ValueError):
    """A step or run was refused because it would overflow to inf or NaN; nothing changed.

    steps: how many steps the refused call was to take; lr: its learning rate.
    """

    def __init__(self, message, steps, lr):
        super().__init__(message)
        self.steps, self.lr = steps, lr


class Busy(RuntimeError):
    """A step, run, undo, reset or change was asked for while another one is under way."""


class _Token:
    """What ``Session._alone`` holds a weak reference to while a call runs."""
    __slots__ = ("__weakref__",)


class NothingToUndo(ValueError):
    """``undo`` was called with no step or run to undo."""


@dataclass(frozen=True)
class Overshoot:
    """What a step or run that raised the loss did: ``before`` and ``after`` are the objective
    (the loss, plus the weight-decay penalty if any) at its start and end; ``rises`` how many of
    its steps raised it (None where only the ends are known); ``steps`` how many it took."""
    before: float
    after: float
    rises: int
    steps: int


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
        x = checks.real_array(x, "x")
        if x.shape != (net.sizes[0],):
            raise ValueError(f"x must have shape ({net.sizes[0]},), one value per input, got {x.shape}")
        y = checks.real_array(y, "y")
        if y.shape != (net.sizes[-1],):
            raise ValueError(f"y must have shape ({net.sizes[-1]},), one value per output, got {y.shape}")
        net.loss(x, y)                     # the loss's own checks of y (e.g. in [0, 1] for "bce")
        self.defaults = {"x": x.copy(), "y": y.copy(), "lr": checks.positive_number(lr, "lr"),
                         "weight_decay": checks.nonnegative_number(weight_decay, "weight_decay")}
        self.input_names = _control_names(input_names, "input_names", [f"x{j + 1}" for j in range(net.sizes[0])])
        self.target_names = _control_names(target_names, "target_names", [f"y{i + 1}" for i in range(net.sizes[-1])])
        taken = set(net.names) | {"lr", "weight_decay"}
        clash = [name for name in self.input_names + self.target_names if name in taken]
        if clash or len(set(self.input_names + self.target_names)) != len(self.input_names + self.target_names):
            raise ValueError(f"input_names and target_names must differ from each other and from the "
                             f"parameters' names and lr, weight_decay (clash: {clash})")
        self.history_limit = checks.whole_number(history_limit, "history_limit", 2, 1_000_000)
        self._lock, self._holder = threading.Lock(), None
        self.reset()

    def _new_net(self):
        net = self._make_net()
        if not isinstance(net, Network):
            raise TypeError(f"make_net must return a bpcore.Network, got {type(net).__name__}")
        return net

    @contextmanager
    def _alone(self, what):
        """Run the block as the only step, run or change on this session; Busy otherwise (another
        thread's, or one started from inside this one, e.g. by a progress callback).

        The holder is a weak reference to an object of this frame: if an interrupt lands after
        the block, before the holder is cleared, the frame's end frees it, and the session is
        not left busy for ever."""
        token = _Token()
        with self._lock:                   # held for these lines only; released even if interrupted
            if self._holder is not None and self._holder() is not None:
                raise Busy(f"{what} refused: this session is already running a step or a run; "
                           "wait for it to finish")
            self._holder = weakref.ref(token)
        try:
            yield
        finally:
            self._holder = None

    # ---- state -------------------------------------------------------------
    def reset(self):
        """Back to the starting network, sample and settings; the history and undo are cleared."""
        with self._alone("reset"):
            net = self._new_net()
            weight_names = [n for n, (kind, _, _) in net.names.items() if kind == "W"]
            # one assignment commits everything (an interrupt before it changes nothing)
            (self.net, self.x, self.y, self.lr, self.weight_decay, self.weight_names, self.steps_done,
             self.history, self.last_update, self.overshoot, self._undo, self._cache) = (
                net, self.defaults["x"].copy(), self.defaults["y"].copy(), self.defaults["lr"],
                self.defaults["weight_decay"], weight_names, 0,
                {"step": [], "loss": [], "grads": {name: [] for name in weight_names}}, [], None, [], None)

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
        with self._alone(f"setting {name}"):
            if name in self.input_names:
                value = checks.real_number(value, name)
                trial = self.x.copy()
                trial[self.input_names.index(name)] = value
                self.x = trial
            elif name in self.target_names:
                value = checks.real_number(value, name)
                trial = self.y.copy()
                trial[self.target_names.index(name)] = value
                try:
                    self.net.loss(self.x, trial)        # the loss's own checks of y
                except ValueError as exc:
                    raise ValueError(f"{name}: {exc}") from None
                self.y = trial
            elif name == "lr":
                self.lr = checks.positive_number(value, "learning rate η")
            elif name == "weight_decay":
                self.weight_decay = checks.nonnegative_number(value, "weight decay λ")
            else:
                self.net[name] = value
            self._cache = None

    def _key(self):
        """What the forward and backward pass depend on, as bytes (parameters, x, y)."""
        net = self.net
        return b"".join(a.tobytes() for a in net.W[1:] + net.b[1:]) + self.x.tobytes() + self.y.tobytes()

    def evaluate(self):
        """(trace, grads) for the current state: the forward and the backward pass."""
        key = self._key()
        if self._cache is None or self._cache[0] != key:
            trace = self.net.forward(self.x)
            self._cache = (key, trace, self.net.backward(trace, self.y))
        return self._cache[1], self._cache[2]

    # ---- training ------------------------------------------------------------
    def _history_copy(self):
        h = self.history
        return {"step": list(h["step"]), "loss": list(h["loss"]),
                "grads": {name: list(v) for name, v in h["grads"].items()}}

    def _snapshot(self):
        """Everything a step or run changes, copied: what ``undo`` and a refused call put back."""
        return self.net.state(), self.steps_done, self._history_copy(), list(self.last_update), self.overshoot

    def _put_back(self, snapshot):
        state, steps_done, history, last_update, overshoot = snapshot
        self.net.restore(state)
        self.steps_done, self.history, self.last_update, self.overshoot, self._cache = (
            steps_done, history, last_update, overshoot, None)

    def _recorded(self, history, start, losses, grads):
        """``history`` (a fresh copy) with these steps added, thinned to ``history_limit``."""
        history["step"].extend(range(start, start + len(losses)))
        history["loss"].extend(float(v) for v in losses)
        for name in self.weight_names:
            history["grads"][name].extend(float(v) for v in grads[name])
        while len(history["step"]) > self.history_limit:      # keep memory flat: drop every other point
            history["step"] = history["step"][::2]
            history["loss"] = history["loss"][::2]
            for name in self.weight_names:
                history["grads"][name] = history["grads"][name][::2]
        return history

    def _commit(self, saved, run):
        """Run ``run()`` (it changes the network and returns the new history, steps done,
        last_update and overshoot); all or nothing: on any exception, or an interrupt, put
        back ``saved`` and re-raise.  On success ``saved`` becomes the newest undo point."""
        try:
            history, steps_done, last_update, overshoot = run()
            self.history, self.steps_done, self.last_update, self.overshoot, self._cache = (
                history, steps_done, last_update, overshoot, None)
        except BaseException:
            self._put_back(saved)
            raise
        self._undo = self._undo[-(UNDO_LIMIT - 1):] + [saved]

    def step(self):
        """One gradient-descent step; ``last_update`` lists (name, old, new) for every parameter.

        A step that raises the loss is taken, and ``overshoot`` says so (None otherwise).
        Raises Diverged (a ValueError), changing nothing, if the step would overflow.
        """
        with self._alone("one step"):
            trace, grads = self.evaluate()
            before, objective = self.net.named_parameters(), self.objective()
            saved = self._snapshot()

            def run():
                try:
                    self.net.step(grads, self.lr, self.weight_decay)
                except ValueError:            # it would overflow: refused before any weight moved
                    raise self._diverged(1) from None
                after = self.objective()
                if not math.isfinite(after):
                    raise self._diverged(1)
                history = self._recorded(self._history_copy(), self.steps_done, [grads.loss],
                                         {name: [grads[name]] for name in self.weight_names})
                moved = self.net.named_parameters()
                update = [(name, before[name], moved[name]) for name in self.net.names]
                rose = _rose(objective, after)
                return history, self.steps_done + 1, update, Overshoot(objective, after, 1, 1) if rose else None

            self._commit(saved, run)
            return self.last_update

    def train(self, steps, progress=None, chunk=100):
        """``steps`` steps (1 to MAX_STEPS_PER_CALL) in chunks (``progress(done, total)``
        after each); all or nothing.

        A run whose loss rises is taken (``overshoot`` says how often and from what to
        what).  If it overflows, it is undone and Diverged is raised.  If it is interrupted
        (KeyboardInterrupt, or an exception from ``progress``) it is undone too and the
        exception goes on.
        """
        steps = checks.whole_number(steps, "number of steps", 1, MAX_STEPS_PER_CALL)
        chunk = checks.positive_int(chunk, "chunk")
        if progress is not None and not callable(progress):
            raise TypeError(f"progress must be a function progress(done, total) or None, got {type(progress).__name__}")
        with self._alone(f"training {steps} steps"):
            objective, saved = self.objective(), self._snapshot()

            def run():
                history, start, done, losses = self._history_copy(), self.steps_done, 0, []
                while done < steps:
                    n = min(chunk, steps - done)
                    h = train(self.net, self.x, self.y, self.lr, n, weight_decay=self.weight_decay,
                              record_grads=self.weight_names)     # what the curves plot
                    if h.diverged:
                        raise self._diverged(steps)
                    history = self._recorded(history, start + done, h.loss, h.grads)
                    losses.extend(h.loss)
                    done += n
                    if progress is not None:
                        progress(done, steps)
                after = self.objective()
                if not math.isfinite(after):
                    raise self._diverged(steps)
                ends = losses + [self.net.loss(self.x, self.y)]
                rises = int(sum(_rose(a, b) for a, b in zip(ends, ends[1:]))) if not self.weight_decay else None
                rose = _rose(objective, after) or rises
                return history, start + steps, [], Overshoot(objective, after, rises, steps) if rose else None

            self._commit(saved, run)
            return self.history

    def undo(self):
        """Go back to before the last step or run (weights, history, step counter); up to
        UNDO_LIMIT times.  NothingToUndo (a ValueError) if there is none."""
        with self._alone("undo"):
            if not self._undo:
                raise NothingToUndo("there is no step or run to undo")
            self._put_back(self._undo[-1])
            self._undo = self._undo[:-1]

    @property
    def can_undo(self):
        """Whether ``undo`` has a step or run to go back to."""
        return bool(self._undo)

    def objective(self):
        """What gradient descent lowers: the loss plus the weight-decay penalty
        (weight_decay / 2) * sum of every weight squared (0 when weight_decay is 0)."""
        with np.errstate(over="ignore", invalid="ignore"):
            return self.net.loss(self.x, self.y) + weight_decay_penalty(self.net.W, self.weight_decay)

    def _diverged(self, steps):
        what = "this step" if steps == 1 else f"these {steps} steps"
        return Diverged(f"With learning rate η = {self.lr:g}, {what} would make the weights or the loss "
                        f"overflow to inf or NaN. Nothing was changed; try a smaller η.", steps, self.lr)

    def history_arrays(self):
        """The history as numpy arrays: (steps, losses, {name: gradients})."""
        h = self.history
        return (np.array(h["step"]), np.array(h["loss"]), {n: np.array(v) for n, v in h["grads"].items()})


def _rose(before, after):
    """Whether the loss went up from ``before`` to ``after`` by more than rounding."""
    return after > before * (1 + 1e-12) + 1e-300


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
