"""The dashboards: sliders and buttons on a ``Session``, views that update in place.

``doc001_dashboard(lang)`` and ``doc000_dashboard(lang)`` each return one widget.  Its
``.dashboard`` attribute is the ``Dashboard`` behind it, so tests (and curious students) can
set ``sliders[name].value``, type into ``readouts[name]`` and call ``buttons[...].click()``.

The session is the only truth; the widgets show it.  Three rules keep a value the student
did not set from ever reaching the model:

* the kernel sends a slider its widened range first, in a message of its own, and then the
  value, so the browser never sees a value outside the range and never clamps it (clamping is
  what used to send an old position back);
* a value coming back from the browser within half a step of what the kernel last showed is
  that value echoed, rounded to the slider's step, not a move, and is ignored; so is, for a
  moment after the kernel moved a slider, its old position or the new value clamped to its
  old range (what a browser that drew the slider before it had the whole update reports);
* a move is snapped to the slider's step (so 0.5 stays 0.5), and a typed value is parsed
  here, in Python: anything that is not a finite number is refused with a message.

The network diagram and the gradient bars are SVG (``svg.py``), rebuilt in about a
millisecond on every slider move; the loss and gradient curves are ipympl figures whose
lines are updated in place after each step or run.  Every callback shows errors as a
message and keeps the last good state: no traceback reaches the student.  Every text comes
from ``strings.py``, in the dashboard's language.
"""
import html
import math
import re
import time

import ipywidgets as W
from ipympl.backend_nbagg import Canvas, FigureManager
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .. import examples
from ..draw import figures, svg
from ..draw.layout import Layout, label_sizes
from .feedback import guarded, html_table, message_html
from .session import Session
from .strings import check_language, text

#: the learning rates the η slider stops at: 1, 2, 5 in each decade, so that the documents'
#: 0.1 and 0.5 (and the notebooks' 5) are exact stops; any other value can be typed
LEARNING_RATES = tuple(m * 10.0 ** e if e < 0 else float(m * 10 ** e) for e in range(-3, 2) for m in (1, 2, 5)) + (100.0,)
MOST_STEPS = 100000
STALE_SECONDS = 10.0    # how long after the kernel moves a slider its old position is not taken as a move
                        # (a busy kernel or browser can take seconds; a learner who drags a slider back to
                        # exactly that position within the window just drags again)
CONTROLS_WIDTH = ("330px", "440px")     # the controls column: narrowest, widest


def _figure(size):
    fig = Figure(figsize=size)
    canvas = Canvas(fig)
    FigureManager(canvas, 0)
    canvas.header_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    return fig


def _decimals(step):
    """How many decimals a slider step has: 0.01 -> 2, 0.05 -> 2, 1 -> 0."""
    fraction = f"{step:.10f}".rstrip("0").split(".")[1]
    return len(fraction)


def parse_number(typed):
    """The finite float a student typed, or None (not a number, or inf / nan)."""
    try:
        value = float(str(typed).strip().replace("−", "-"))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class _DashboardBox(W.VBox):
    """The dashboard's outer box: shown as the live widget, with a still picture and a line of
    text alongside for places without a kernel (``run.py notebooks`` keeps only those)."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        bundle = dict(bundle or {})
        d = self.dashboard
        bundle["text/plain"] = d.t("static.plain")
        bundle["text/html"] = d.static_html()
        return bundle


class Dashboard:
    """Sliders (each with a box showing and taking its value) for every control of ``session``;
    views of its forward and backward pass.

    spec: what to call things (``loss`` symbol, slider ``ranges``, ``digits``, ``groups`` of
    control names with string keys for their titles), see ``doc001_dashboard``.
    lang: the language of every text ("en" or "zh").
    """

    def __init__(self, session, spec, lang="en"):
        self.session, self.spec, self.lang = session, spec, check_language(lang)
        self._syncing = False
        self._shown = {}                  # name -> the value the kernel last put on that slider
        self._stale = {}                  # name -> (positions the browser may still report, until when)
        self.sliders, self.readouts = {}, {}
        groups = []
        for title, names in spec["groups"]:
            groups.append((self.t(title), W.VBox([self._control(name) for name in names])))
        accordion = W.Accordion(children=[box for _, box in groups], titles=[t for t, _ in groups],
                                layout=W.Layout(width="100%"))
        accordion.selected_index = 0
        self._steps = 100
        self.steps = W.Text(value=str(self._steps), description=self.t("label.steps"), continuous_update=False,
                            tooltip=self.t("tip.steps", most=f"{MOST_STEPS:,}"),
                            layout=W.Layout(width="150px", min_width="150px"), style={"description_width": "36px"})
        self.steps.add_class("bp-steps")
        self.steps.observe(lambda change: self._guard(lambda: self._steps_typed(change["new"]))(), names="value")
        self.buttons = {
            "step": W.Button(description=self.t("button.step"), icon="step-forward", tooltip=self.t("tip.step")),
            "train": W.Button(description=self.t("button.train"), icon="forward", tooltip=self.t("tip.train")),
            "reset": W.Button(description=self.t("button.reset"), icon="undo", tooltip=self.t("tip.reset")),
        }
        for name, button in self.buttons.items():
            button.layout = W.Layout(width="auto", min_width="120px", flex="0 0 auto")
        self.buttons["step"].on_click(self._guard(self.do_step))
        self.buttons["train"].on_click(self._guard(self.do_train))
        self.buttons["reset"].on_click(self._guard(self.do_reset))
        self.progress = W.IntProgress(value=0, min=0, max=1, description=self.t("label.progress"),
                                      layout=W.Layout(width="100%"), style={"description_width": "initial"})
        self.message = W.HTML()
        self.message.add_class("bp-message")
        self.numbers = W.HTML()
        self.numbers.add_class("bp-numbers")
        self.update_table = W.HTML()
        self._build_views()
        row = W.Layout(flex_flow="row wrap", align_items="center", grid_gap="6px", width="100%")
        controls = W.VBox([accordion, W.HBox([self.buttons["step"], self.buttons["reset"]], layout=row),
                           W.HBox([self.buttons["train"], self.steps], layout=row), self.progress, self.message],
                          layout=W.Layout(flex="1 1 360px", min_width=CONTROLS_WIDTH[0], max_width=CONTROLS_WIDTH[1]))
        controls.add_class("bp-controls")
        wrap = W.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="10px 24px", width="100%")
        self.widget = _DashboardBox([W.HBox([controls, self.diagram], layout=wrap),
                              W.HBox([self.bars, self.loss_view, self.grad_view], layout=wrap),
                              W.HBox([self.numbers, self.update_table], layout=wrap)],
                             layout=W.Layout(width="100%"))
        self.widget.add_class("bp-dashboard")
        self.widget.dashboard = self
        self.refresh(full=True)

    def t(self, key, **values):
        """This dashboard's text for ``key`` (see ``strings.py``)."""
        return text(key, self.lang, **values)

    # ---- one control: a slider and the box beside it that shows and takes its value -------
    def _control(self, name):
        s, spec = self.session, self.spec
        value = s.get(name)
        description = spec.get("descriptions", {}).get(name, name)
        common = dict(description=self.t(description) if description.startswith("label.") else description,
                      readout=False, continuous_update=True,
                      layout=W.Layout(flex="1 1 auto", width="auto", min_width="190px"),
                      style={"description_width": spec.get("label_width", "64px")})
        if name in spec.get("tooltips", {}):
            common["tooltip"] = self.t(spec["tooltips"][name])
        if name == "lr":
            slider = W.SelectionSlider(options=[(f"{v:g}", v) for v in LEARNING_RATES],
                                       value=min(LEARNING_RATES, key=lambda v: abs(math.log(v / value))), **common)
        else:
            lo, hi, step = spec["ranges"](name)
            slider = W.FloatSlider(value=value, min=min(lo, value), max=max(hi, value), step=step, **common)
        readout = W.Text(value=self._format(name, value), continuous_update=False,
                         tooltip=self.t("tip.readout", name=common["description"]),
                         layout=W.Layout(width="86px", min_width="86px", flex="0 0 auto"))
        readout.add_class("bp-readout")
        self.sliders[name], self.readouts[name] = slider, readout
        self._shown[name] = slider.value
        slider.observe(self._on_slider(name), names="value")
        readout.observe(self._on_typed(name), names="value")
        box = W.HBox([slider, readout], layout=W.Layout(width="100%", align_items="center"))
        box.add_class("bp-control")
        return box

    def _format(self, name, value):
        if name in ("lr", "weight_decay"):
            return f"{value:.6g}"
        return f"{value:.{self.spec['digits']}f}"

    # ---- views ----------------------------------------------------------------
    def _build_views(self):
        s, spec = self.session, self.spec
        self.layout = Layout(s.net, **label_sizes(s.net, spec["digits"], spec.get("edge_grads", True),
                                                  spec.get("unit_value", "out")))
        self.diagram = W.HTML(layout=W.Layout(overflow="auto hidden", flex="1 1 auto", max_width="100%"))
        self.bars = W.HTML(layout=W.Layout(flex="0 0 auto"))
        loss_fig, grad_fig = _figure((4.1, 2.9)), _figure((4.1, 2.9))
        self.fig = loss_fig
        self.loss_line = figures.loss_curve([], ax=loss_fig.add_subplot(), ylabel=f"${spec['loss_latex']}$",
                                            title="", log=True, lang=self.lang)
        self.grad_lines = figures.gradient_curves(s.weight_names, ax=grad_fig.add_subplot(), title="",
                                                  lang=self.lang)
        grad_fig.axes[0].set_ylabel(f"∂{spec['loss_text']}/∂w")      # symbols only: the same in every language
        for fig in (loss_fig, grad_fig):
            fig.subplots_adjust(left=0.2, right=0.96, bottom=0.17, top=0.95)
            ax = fig.axes[0]
            ax.set_xlabel("")
            ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))     # steps are whole numbers
            ax.tick_params(labelsize=9)
            ax.yaxis.label.set_size(10)
        leg = grad_fig.axes[0].get_legend()
        if leg is not None:
            for item in leg.get_texts():
                item.set_fontsize(8.5)

        def view(fig, caption):
            head = W.HTML(f"<div style='font-size:13px;max-width:410px'>{html.escape(caption)}</div>")
            return W.VBox([head, fig.canvas], layout=W.Layout(flex="0 0 auto"))
        self.loss_view = view(loss_fig, self.t("curves.loss", loss=spec["loss_text"]))
        self.grad_view = view(grad_fig, self.t("curves.grads"))
        self.figs = (loss_fig, grad_fig)

    def refresh(self, full=False):
        """Redraw the views from the session's current state, in place.

        The diagram and the bars are SVG, rebuilt on every change in about a
        millisecond; the curves (ipympl figures) change only when the history
        does, so only a step, a run or a reset redraws them (``full``).
        """
        s, spec = self.session, self.spec
        trace, grads = s.evaluate()
        self.diagram.value = svg.network_svg(s.net, self.layout, trace, grads, spec["digits"], spec["loss_text"],
                                             spec.get("unit_value", "out"), spec.get("edge_grads", True))
        self.bars.value = svg.bars_svg(s.weight_names, [grads[n] for n in s.weight_names],
                                       self.t("bars.title", loss=spec["loss_text"]),
                                       subtitle=self.t("bars.subtitle", top="{top}"))
        self.numbers.value = self._numbers_html(trace, grads)
        if full:
            steps, losses, history = s.history_arrays()
            few = len(steps) < 2           # a single point is drawn as a dot: a line needs two
            self.loss_line.set_data(steps, losses)
            self.loss_line.set_marker("o" if few else "")
            for name, line in self.grad_lines.items():
                line.set_data(steps, history[name])
                line.set_marker("o" if few else "")
            for ax in (self.loss_line.axes, next(iter(self.grad_lines.values())).axes):
                ax.relim()
                ax.autoscale(True)
                if few:
                    ax.set_xlim(-1, 1)
            if few and len(losses):
                loss = float(losses[0])
                if loss > 0:
                    self.loss_line.axes.set_ylim(loss / 3, loss * 3)
            for fig in self.figs:
                fig.canvas.draw_idle()

    def _numbers_html(self, trace, grads):
        s, d = self.session, self.spec["digits"] + 2
        labels = s.net.labels
        rows = [[labels[k][i], f"{trace.z[k][i]:.{d}f}", f"{trace.n[k][i]:.{d}f}", f"{grads.delta[k][i]:.{d}g}"]
                for k in range(1, s.net.L + 1) for i in range(s.net.sizes[k])]
        z_name, n_name = self.spec.get("zn_names", ("z", "n"))
        forward = html_table([self.t("numbers.unit"), z_name, n_name, "δ"], rows, lang=self.lang)
        g = html_table([self.t("numbers.weight"), f"∂{self.spec['loss_text']}/∂w"],
                       [[n, f"{grads[n]:.{d}g}"] for n in s.weight_names], lang=self.lang)
        head = self.t("numbers.loss", loss=html.escape(self.spec["loss_text"]), value=f"{grads.loss:.{d + 2}g}",
                      n=s.steps_done)
        return f"<div style='font-size:13px'><b>{head}</b><br>{forward}<br>{g}</div>"

    def _update_html(self):
        s, d = self.session, self.spec["digits"] + 2
        if not s.last_update:
            return ""
        rows = [[n, f"{old:.{d}f}", "→", f"{new:.{d}f}"] for n, old, new in s.last_update if old != new]
        return (f"<b>{html.escape(self.t('numbers.last_step', lr=f'{s.lr:g}'))}</b>"
                + html_table(["", self.t("numbers.old"), "", self.t("numbers.new")], rows, lang=self.lang))

    def _show(self, name):
        """Put the session's value of ``name`` on its slider and its box: range and value in one
        message, the range first widened to hold the value."""
        value, slider = self.session.get(name), self.sliders[name]
        self._syncing = True
        try:
            if isinstance(slider, W.FloatSlider) and value != slider.value:
                stale = [slider.value, min(max(value, slider.min), slider.max)]
                self._stale[name] = (stale, time.monotonic() + STALE_SECONDS)
            if isinstance(slider, W.FloatSlider):
                # the wider range goes first, in a message of its own, so that the browser holds
                # it before the value arrives and never clamps the value to the old range
                with slider.hold_sync():
                    if value < slider.min:
                        slider.min = math.floor(value / slider.step) * slider.step
                    if value > slider.max:
                        slider.max = math.ceil(value / slider.step) * slider.step
                slider.value = value
            else:                                       # the η stops: the nearest one
                slider.value = min(LEARNING_RATES, key=lambda v: abs(math.log(v / value)))
            self._shown[name] = slider.value
            self.readouts[name].value = self._format(name, value)
        finally:
            self._syncing = False

    def _sync_sliders(self):
        for name in self.sliders:
            self._show(name)

    # ---- controls -------------------------------------------------------------
    def _say(self, message, kind="info"):
        self.message.value = message_html(message, kind)

    def _guard(self, action):
        return guarded(action, self._say, self._sync_sliders, lang=self.lang)

    def _on_slider(self, name):
        slider = self.sliders[name]

        def changed(change):
            if self._syncing:
                return
            value = change["new"]
            if isinstance(slider, W.FloatSlider):
                # the browser sends back what the kernel showed, rounded to the step: not a move
                if abs(value - self._shown[name]) < 0.5 * slider.step:
                    return
                stale, until = self._stale.get(name, ((), 0.0))
                if time.monotonic() < until and any(abs(value - old) < 0.5 * slider.step for old in stale):
                    return                                   # an old position, reported late: not a move
                self._stale.pop(name, None)                  # a real move: later reports are judged afresh
                value = round(value, _decimals(slider.step))      # land exactly on the step
            self._guard(lambda: self._set(name, value))()
        return changed

    def _on_typed(self, name):
        def typed(change):
            if self._syncing:
                return
            value = parse_number(change["new"])
            if value is None:
                current = self._format(name, self.session.get(name))
                self._show(name)
                self._say(self.t("msg.bad_number", name=self.sliders[name].description, value=change["new"],
                                 current=current), "error")
                return
            self._guard(lambda: self._set(name, value))()
        return typed

    def _set(self, name, value):
        self.session.set(name, value)
        self._show(name)
        self._say("")
        self.refresh()

    def _steps_typed(self, typed):
        if self._syncing:
            return
        n = int(typed.strip()) if re.fullmatch(r"\s*\d{1,7}\s*", typed) else None
        if n is None or not 1 <= n <= MOST_STEPS:
            self._syncing = True
            try:
                self.steps.value = str(self._steps)
            finally:
                self._syncing = False
            self._say(self.t("msg.bad_steps", most=f"{MOST_STEPS:,}", value=typed, current=self._steps), "error")
            return
        self._steps = n
        self._syncing = True
        try:
            self.steps.value = str(n)
        finally:
            self._syncing = False
        self._say("")

    def do_step(self):
        self.session.step()
        self._sync_sliders()
        self.update_table.value = self._update_html()
        self._say(self.t("msg.step_taken"))
        self.refresh(full=True)

    def do_train(self):
        n = self._steps
        self.progress.max, self.progress.value = n, 0

        def progress(done, total):
            self.progress.value = done
        try:
            self.session.train(n, progress=progress, chunk=max(1, n // 20))
        finally:
            self._sync_sliders()
        self.update_table.value = ""
        self._say(self.t("msg.trained", n=n))
        self.refresh(full=True)

    def do_reset(self):
        self.session.reset()
        self._sync_sliders()
        self.update_table.value = ""
        self.progress.value = 0
        self._say(self.t("msg.reset"))
        self.refresh(full=True)

    # ---- without a kernel ----------------------------------------------------------
    def static_html(self):
        """A still picture for the stored notebook: a line saying how to use the dashboard and
        its network diagram at the current values (shown by GitHub, nbviewer, or JupyterLab
        before the cell runs)."""
        return (f"<p><b>{html.escape(self.t('static.run_me'))}</b><br>{html.escape(self.t('static.picture'))}</p>"
                + self.diagram.value)


def _ranges(weights, biases, inputs, targets):
    def ranges(name):
        if name == "weight_decay":             # before the weights' rule: its name starts with "w"
            return (0.0, 1.0, 0.05)
        if re.fullmatch(r"w\d+|w_\(.*\)", name):
            return weights
        if re.fullmatch(r"b\d+", name):
            return biases
        if name.startswith("target") or name == "y":
            return targets
        return inputs
    return ranges


def _build(session, spec, lang):
    return Dashboard(session, spec, lang).widget


def doc001_dashboard(lang="en"):
    """Document 001's network with a slider for w1..w8, b1, b2, i1, i2, both targets and η.

    lang: "en" or "zh", the language of every label, button and message.
    """
    check_language(lang)
    d = examples.DOC001
    session = Session(examples.network_2_2_2, d["x"], d["y"], d["lr"],
                      input_names=["i1", "i2"], target_names=["target o1", "target o2"])
    spec = {"loss_latex": "E_{total}", "loss_text": "E_total", "digits": 4, "zn_names": ("net", "out"),
            "groups": [("group.weights001", [f"w{i}" for i in range(1, 9)]),
                       ("group.biases001", ["b1", "b2"]),
                       ("group.data001", ["i1", "i2", "target o1", "target o2"]),
                       ("group.lr", ["lr"])],
            "descriptions": {"lr": "label.lr"}, "tooltips": {"lr": "tip.lr"},
            "ranges": _ranges((-3.0, 3.0, 0.01), (-3.0, 3.0, 0.01), (-1.0, 1.0, 0.01), (0.0, 1.0, 0.01))}
    return _build(session, spec, lang)


def doc000_dashboard(lang="en"):
    """Document 000's network: a slider for every w_(from,to), b1..b6, x1, x2, the label y,
    η and the weight-decay coefficient λ of its "+W" term (1 in the document).

    lang: "en" or "zh", the language of every label, button and message.
    """
    check_language(lang)
    d = examples.DOC000
    session = Session(examples.network_2_3_2_1, d["x"], d["y"], d["lr"], weight_decay=d["weight_decay"],
                      input_names=["x1", "x2"], target_names=["y"])
    names = list(session.net.names)
    spec = {"loss_latex": "L", "loss_text": "L", "digits": 3, "edge_grads": False, "unit_value": "n",
            "groups": [("group.weights000", [n for n in names if n.startswith("w")]),
                       ("group.biases000", [n for n in names if n.startswith("b")]),
                       ("group.data000", ["x1", "x2", "y"]),
                       ("group.lr_decay", ["lr", "weight_decay"])],
            "descriptions": {"lr": "label.lr", "weight_decay": "label.weight_decay"},
            "tooltips": {"lr": "tip.lr", "weight_decay": "tip.weight_decay"},
            "ranges": _ranges((-5.0, 5.0, 0.01), (-5.0, 5.0, 0.01), (-3.0, 3.0, 0.01), (0.0, 1.0, 0.01))}
    return _build(session, spec, lang)
