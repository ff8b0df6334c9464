"""The dashboards: sliders and buttons on a ``Session``, views that update in place.

``doc001_dashboard()`` and ``doc000_dashboard()`` each return one widget.  Its
``.dashboard`` attribute is the ``Dashboard`` behind it, so tests (and curious
students) can set ``sliders[name].value`` and call ``buttons[...].click()``.

The network diagram and the gradient bars are SVG (``svg.py``), rebuilt in
about a millisecond on every slider move; the loss and gradient curves are one
ipympl figure whose lines are updated in place after each step or run.  Nothing
stacks or flickers.  Every callback shows errors as a message and keeps the last good
state: no traceback reaches the student.
"""
import html

import ipywidgets as W
from ipympl.backend_nbagg import Canvas, FigureManager
from matplotlib.figure import Figure

from .. import examples
from ..draw import figures, svg
from ..draw.layout import Layout
from .feedback import guarded, html_table, message_html
from .session import Session
from .strings import check_language, text


def _figure(size):
    fig = Figure(figsize=size)
    canvas = Canvas(fig)
    FigureManager(canvas, 0)
    canvas.header_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    return fig


class Dashboard:
    """Sliders for every control of ``session``; views of its forward and backward pass.

    spec: what to call things (``loss`` symbol, slider ``ranges``, ``digits``,
    ``groups`` of control names), see ``doc001_dashboard``.
    """

    def __init__(self, session, spec):
        self.session, self.spec = session, spec
        self._syncing = False
        self.sliders = {}
        groups = []
        for title, names in spec["groups"]:
            boxes = []
            for name in names:
                lo, hi, step = spec["ranges"](name)
                if name == "lr":
                    slider = W.FloatLogSlider(value=session.get(name), base=10, min=-3, max=2, step=0.05,
                                              description="η (learning rate)", readout_format=".3g")
                else:
                    value = session.get(name)
                    slider = W.FloatSlider(value=value, min=min(lo, value), max=max(hi, value), step=step,
                                           description=spec.get("descriptions", {}).get(name, name),
                                           readout_format=f".{spec['digits']}f")
                slider.continuous_update = True
                slider.style.description_width = "110px"
                slider.layout.width = "340px"
                self.sliders[name] = slider
                slider.observe(self._on_slider(name), names="value")
                boxes.append(slider)
            groups.append((title, W.VBox(boxes)))
        accordion = W.Accordion(children=[box for _, box in groups], titles=[t for t, _ in groups])
        accordion.selected_index = 0
        self.steps = W.BoundedIntText(value=100, min=1, max=100000, description="N =", layout=W.Layout(width="150px"))
        self.buttons = {
            "step": W.Button(description=text("button.step"), icon="step-forward", tooltip="one gradient-descent step"),
            "train": W.Button(description=text("button.train"), icon="forward", tooltip="N steps, with a progress bar"),
            "reset": W.Button(description=text("button.reset"), icon="undo", tooltip="back to the document's values"),
        }
        self.buttons["step"].on_click(self._guard(self.do_step))
        self.buttons["train"].on_click(self._guard(self.do_train))
        self.buttons["reset"].on_click(self._guard(self.do_reset))
        self.progress = W.IntProgress(value=0, min=0, max=1, description="progress", layout=W.Layout(width="340px"))
        self.message = W.HTML()
        self.numbers = W.HTML()
        self.update_table = W.HTML()
        self._build_views()
        controls = W.VBox([accordion, W.HBox([self.buttons["step"], self.buttons["reset"]]),
                           W.HBox([self.buttons["train"], self.steps]), self.progress, self.message],
                          layout=W.Layout(width="370px"))
        self.diagram.layout = W.Layout(flex="1 1 auto", min_width="300px")
        self.widget = W.VBox([W.HBox([controls, self.diagram]),
                              W.HBox([self.bars, self.fig.canvas], layout=W.Layout(flex_flow="row wrap")),
                              W.HBox([self.numbers, self.update_table], layout=W.Layout(grid_gap="30px"))])
        self.widget.dashboard = self
        self.refresh(full=True)

    # ---- views ----------------------------------------------------------------
    def _build_views(self):
        s = self.session
        self.layout = Layout(s.net)
        self.diagram = W.HTML(layout=W.Layout(overflow="auto"))
        self.bars = W.HTML()
        self.fig = _figure(self.spec.get("curves_size", (7.2, 2.8)))
        ax_loss, ax_grads = self.fig.subplots(1, 2)
        self.loss_line = figures.loss_curve([], ax=ax_loss, ylabel=f"${self.spec['loss_latex']}$", log=True)
        self.grad_lines = figures.gradient_curves(s.weight_names, ax=ax_grads)
        self.fig.subplots_adjust(left=0.1, right=0.98, bottom=0.17, top=0.88, wspace=0.35)

    def refresh(self, full=False):
        """Redraw the views from the session's current state, in place.

        The diagram and the bars are SVG, rebuilt on every change in about a
        millisecond; the curves (an ipympl figure) change only when the history
        does, so only a step, a run or a reset redraws them (``full``).
        """
        s, spec = self.session, self.spec
        trace, grads = s.evaluate()
        self.diagram.value = svg.network_svg(s.net, self.layout, trace, grads, spec["digits"], spec["loss_text"],
                                             spec.get("unit_value", "out"), spec.get("edge_grads", True))
        self.bars.value = svg.bars_svg(s.weight_names, [grads[n] for n in s.weight_names],
                                       f"∂{spec['loss_text']}/∂w for each weight")
        self.numbers.value = self._numbers_html(trace, grads)
        if full:
            steps, losses, history = s.history_arrays()
            self.loss_line.set_data(steps, losses)
            for name, line in self.grad_lines.items():
                line.set_data(steps, history[name])
            for ax in (self.loss_line.axes, next(iter(self.grad_lines.values())).axes):
                ax.relim()
                ax.autoscale(True)
            if len(steps) < 2:
                self.loss_line.axes.set_xlim(0, 1)
            self.fig.canvas.draw_idle()

    def _numbers_html(self, trace, grads):
        s, d = self.session, self.spec["digits"] + 2
        labels = s.net.labels
        rows = [[labels[k][i], f"{trace.z[k][i]:.{d}f}", f"{trace.n[k][i]:.{d}f}", f"{grads.delta[k][i]:.{d}g}"]
                for k in range(1, s.net.L + 1) for i in range(s.net.sizes[k])]
        z_name, n_name = self.spec.get("zn_names", ("z", "n"))
        forward = html_table(["unit", z_name, n_name, "δ"], rows)
        g = html_table(["weight", f"∂{self.spec['loss_text']}/∂w"],
                   [[n, f"{grads[n]:.{d}g}"] for n in s.weight_names])
        return (f"<b>{html.escape(self.spec['loss_text'])} = {grads.loss:.{d + 2}g}</b> after "
                f"{s.steps_done} training steps<br>{forward}<br>{g}")

    def _update_html(self):
        s, d = self.session, self.spec["digits"] + 2
        if not s.last_update:
            return ""
        rows = [[n, f"{old:.{d}f}", "→", f"{new:.{d}f}"] for n, old, new in s.last_update if old != new]
        return f"<b>the last step, η = {s.lr:g}</b>" + html_table(["", "old", "", "new"], rows)

    def _sync_sliders(self):
        self._syncing = True
        try:
            for name, slider in self.sliders.items():
                value = self.session.get(name)
                if isinstance(slider, W.FloatSlider):
                    slider.min, slider.max = min(slider.min, value), max(slider.max, value)
                slider.value = value
        finally:
            self._syncing = False

    # ---- controls -------------------------------------------------------------
    def _say(self, text, kind="info"):
        self.message.value = message_html(text, kind)

    def _guard(self, action):
        return guarded(action, self._say, self._sync_sliders)

    def _on_slider(self, name):
        slider = self.sliders[name]

        def changed(change):
            if self._syncing:
                return
            # A slider shows values rounded to its step, and the browser may send that rounded
            # value back after we set a finer one (after training): that is not a move.
            if abs(change["new"] - self.session.get(name)) < 0.5 * (slider.step or 0):
                return
            self._guard(lambda: self._set(name, change["new"]))()
        return changed

    def _set(self, name, value):
        self.session.set(name, value)
        self._say("")
        self.refresh()

    def do_step(self):
        self.session.step()
        self._sync_sliders()
        self.update_table.value = self._update_html()
        self._say("One step taken: every weight moved against its gradient.")
        self.refresh(full=True)

    def do_train(self):
        n = self.steps.value
        self.progress.max, self.progress.value = n, 0

        def progress(done, total):
            self.progress.value = done
        try:
            self.session.train(n, progress=progress, chunk=max(1, n // 20))
        finally:
            self._sync_sliders()
        self.update_table.value = ""
        self._say(text("msg.trained", n=n))
        self.refresh(full=True)

    def do_reset(self):
        self.session.reset()
        self._sync_sliders()
        self.update_table.value = ""
        self.progress.value = 0
        self._say("Back to the document's values.")
        self.refresh(full=True)


def _ranges(weights, biases, inputs, targets):
    def ranges(name):
        if name.startswith("w"):
            return weights
        if name.startswith("b"):
            return biases
        if name in ("weight_decay",):
            return (0.0, 1.0, 0.05)
        if name.startswith("target") or name == "y":
            return targets
        return inputs
    return ranges


def doc001_dashboard(lang="en"):
    """Document 001's network with a slider for w1..w8, b1, b2, i1, i2, both targets and η."""
    check_language(lang)
    d = examples.DOC001
    session = Session(examples.network_2_2_2, d["x"], d["y"], d["lr"],
                      input_names=["i1", "i2"], target_names=["target o1", "target o2"])
    spec = {"loss_latex": "E_{total}", "loss_text": "E_total", "digits": 4, "zn_names": ("net", "out"),
            "groups": [("weights w1…w8", [f"w{i}" for i in range(1, 9)]),
                       ("biases b1, b2 (not trained, as in the document)", ["b1", "b2"]),
                       ("inputs and targets", ["i1", "i2", "target o1", "target o2"]),
                       ("learning rate", ["lr"])],
            "ranges": _ranges((-3.0, 3.0, 0.01), (-3.0, 3.0, 0.01), (-1.0, 1.0, 0.01), (0.0, 1.0, 0.01))}
    return Dashboard(session, spec).widget


def doc000_dashboard(lang="en"):
    """Document 000's network: a slider for every w_(from,to), b1..b6, x1, x2, the label y,
    η and the weight-decay coefficient λ of its "+W" term (1 in the document)."""
    check_language(lang)
    d = examples.DOC000
    session = Session(examples.network_2_3_2_1, d["x"], d["y"], d["lr"], weight_decay=d["weight_decay"],
                      input_names=["x1", "x2"], target_names=["y"])
    names = list(session.net.names)
    spec = {"loss_latex": "L", "loss_text": "L", "digits": 3, "edge_grads": False, "unit_value": "n",
            "groups": [("weights W(1), W(2), W(3)", [n for n in names if n.startswith("w")]),
                       ("biases b1…b6", [n for n in names if n.startswith("b")]),
                       ("input x and label y", ["x1", "x2", "y"]),
                       ("learning rate and weight decay", ["lr", "weight_decay"])],
            "descriptions": {"weight_decay": "λ (the +W term)"},
            "ranges": _ranges((-5.0, 5.0, 0.01), (-5.0, 5.0, 0.01), (-3.0, 3.0, 0.01), (0.0, 1.0, 0.01))}
    return Dashboard(session, spec).widget
