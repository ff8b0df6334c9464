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

A step or run that raises the loss is taken and drawn, with a warning that η overshot; only
one that would overflow is refused.  "Undo" goes back to before the last step or run.  The
kernel's own writes to the widgets happen inside ``with self.syncing:`` (``syncing.py``), so
the observers can tell them from the learner's.

The network diagram and the gradient bars are SVG (``svg.py``), rebuilt in about a
millisecond on every slider move; the loss and gradient curves are ipympl figures whose
lines are updated in place after each step or run.  Every callback shows errors as a
message and keeps the last good state: no traceback reaches the student.  Every text comes
from ``strings.py``, in the dashboard's language, errors from the session included.  The
stored notebook keeps a PNG of the diagram (``preview_png``): a notebook a student has just
opened is not trusted, and JupyterLab then drops a stored SVG but shows a PNG.
"""
import base64
import html
import io
import math
import re
import time
from dataclasses import dataclass, field
from typing import Callable

import ipywidgets as widgets
import numpy as np
from ipympl.backend_nbagg import Canvas, FigureManager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .. import examples
from ..draw import figures, svg
from ..draw.layout import Layout, label_sizes
from .feedback import html_table, with_still_picture
from .session import Busy, Diverged, NothingToUndo, Session
from .strings import check_language, text
from .syncing import Syncing

#: the learning rates the η slider stops at: 1, 2, 5 in each decade, so that the documents'
#: 0.1 and 0.5 (and the notebooks' 5) are exact stops; any other value can be typed
LEARNING_RATES = tuple(m * 10.0 ** e if e < 0 else float(m * 10 ** e) for e in range(-3, 2) for m in (1, 2, 5)) + (100.0,)
MOST_STEPS = 100000
#: the largest |value| a box takes: the diagram prints every value with a fixed number of decimals,
#: so a larger one could not be shown (a typed 1e307 is refused with a message, never half-applied)
LARGEST_TYPED = 1e6
STALE_SECONDS = 10.0    # how long after the kernel moves a slider its old position is not taken as a move
                        # (a busy kernel or browser can take seconds; a learner who drags a slider back to
                        # exactly that position within the window just drags again)
CONTROLS_WIDTH = ("330px", "440px")     # the controls column: narrowest, widest
#: the diagram's box: it scrolls sideways when the page is narrower than the diagram, and a shadow
#: on the side with more to see says so (CSS "scroll shadows": the white covers scroll with the
#: content, the shadows stay at the box's edges, so a shadow shows only where content is hidden)
SCROLL_CUE = ("overflow-x:auto;overflow-y:hidden;max-width:100%;"
              "background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)),"
              "linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) 100% 0,"
              "radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.35),rgba(0,0,0,0)),"
              "radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.35),rgba(0,0,0,0)) 100% 0;"
              "background-repeat:no-repeat;background-size:48px 100%,48px 100%,18px 100%,18px 100%;"
              "background-attachment:local,local,scroll,scroll")
MESSAGE_STYLE = {"info": ("#0072B2", "ℹ️"), "warning": ("#E69F00", "⚠️"), "error": ("#D55E00", "⚠️")}


@dataclass(frozen=True)
class DashboardSpec:
    """What a dashboard calls things and how its sliders run.

    loss_latex / loss_text: the loss's symbol in LaTeX and in plain text ("E_{total}", "E_total").
    digits: decimals of the values shown.  groups: (string key of the title, [control names]).
    ranges: name -> (low, high, step) of its slider.  zn_names: what the numbers table calls z, n.
    edge_grads: write each weight's gradient on its edge.  unit_value: "out" or "n" on each unit.
    descriptions / tooltips: name -> string key of a slider's label / hover text.
    """
    loss_latex: str
    loss_text: str
    digits: int
    groups: list
    ranges: Callable
    zn_names: tuple = ("z", "n")
    edge_grads: bool = True
    unit_value: str = "out"
    descriptions: dict = field(default_factory=dict)
    tooltips: dict = field(default_factory=dict)
    label_width: str = "64px"


#: ipympl's toolbar buttons (their captions, which it never shows) -> the key of their tooltip in strings.py
TOOLBAR_TIPS = {"Home": "plot.tip.home", "Back": "plot.tip.back", "Forward": "plot.tip.forward", "Pan": "plot.tip.pan",
                "Zoom": "plot.tip.zoom", "Download": "plot.tip.download"}


def _figure(size, lang="en"):
    """An ipympl figure without header or resize handle, its toolbar's tooltips in ``lang``."""
    fig = Figure(figsize=size)
    canvas = Canvas(fig)
    FigureManager(canvas, 0)
    canvas.header_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    canvas.toolbar.toolitems = [(name, text(TOOLBAR_TIPS[name], lang) if name in TOOLBAR_TIPS else tip, icon, method)
                                for name, tip, icon, method in canvas.toolbar.toolitems]
    return fig


def _decimals(step):
    """How many decimals a slider step has: 0.01 -> 2, 0.05 -> 2, 1 -> 0."""
    fraction = f"{step:.10f}".rstrip("0").split(".")[1]
    return len(fraction)


def _outward(value, step, up):
    """``value`` rounded outward to a multiple of ``step`` (a slider's new end), or ``value``
    itself where that multiple cannot be computed (a huge value: value / step overflows)."""
    q = value / step
    if not math.isfinite(q) or abs(q) > 2.0 ** 52:
        return value
    return (math.ceil(q) if up else math.floor(q)) * step


def fixed(value, decimals):
    """``value`` with ``decimals`` decimals, and never "-0.000": a value that rounds to zero is 0."""
    s = f"{float(value):.{decimals}f}"
    return s[1:] if s.startswith("-") and not s.strip("-0.") else s


def significant(value, digits):
    """``value`` to ``digits`` significant digits, and never "-0"."""
    s = f"{float(value) + 0.0:.{digits}g}"
    return s[1:] if s.startswith("-") and not s.strip("-0.") else s


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def readable(value, digits=6):
    """``value`` as a message writes it for a student: up to ``digits`` significant digits, a whole
    number up to ten million with thousands separators (1,000,000, not 1e+06), and a very large or
    very small one as a power of ten (3.05 × 10¹³, 2.4 × 10⁻⁴⁵), never "-0"."""
    v = float(value) + 0.0
    a = abs(v)
    if 1e4 <= a < 1e7 and v == round(v):
        return f"{round(v):,}"
    if not math.isfinite(v) or a == 0 or 1e-4 <= a < 1e7 and f"{a:.{digits}g}".find("e") < 0:
        return significant(v, digits)
    if 1 <= a < 1e7:                     # too many digits for %g without an exponent: all the integer ones
        return f"{round(v):,}"
    mantissa, exponent = f"{v:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def plain(value, digits=6):
    """``value`` for a box a student may edit and send back: like ``significant``, but a whole number
    up to ten million in full (1000000, not 1e+06), which ``parse_number`` reads back."""
    v = float(value) + 0.0
    if math.isfinite(v) and 1e5 <= abs(v) < 1e7 and v == round(v):
        return str(int(v))
    return significant(v, digits)


#: the step a training step's largest move (η × the largest |gradient|) must exceed for the dashboard
#: not to call the training stalled, and the loss above which a stall is worth a warning (below it
#: the network has learnt its targets: small gradients are the goal, not a problem)
STALLED_MOVE, STALLED_LOSS = 1e-10, 1e-6


def parse_number(typed):
    """The finite float a student typed, or None (not a number, or inf / nan)."""
    try:
        value = float(str(typed).strip().replace("−", "-").replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def message_html(message, kind="info"):
    """A message box: blue ℹ️ for information, orange ⚠️ for a warning, vermillion ⛔ for a refusal."""
    if not message:
        return ""
    colour, icon = MESSAGE_STYLE[kind]
    return (f"<div style='border-left:4px solid {colour};padding:4px 8px;max-width:420px' "
            f"data-kind='{kind}'>{icon} {html.escape(message)}</div>")


class _DashboardBox(widgets.VBox):
    """The dashboard's outer box: shown as the live widget, with a still picture (PNG: it survives
    in a notebook that is not trusted) and a line of text alongside for places without a kernel
    (``run.py notebooks`` keeps only those)."""

    def _repr_mimebundle_(self, **kwargs):
        d = self.dashboard
        return with_still_picture(super()._repr_mimebundle_(**kwargs), d.t("static.plain"), d.static_html(),
                                  d.preview_png())


class Dashboard:
    """Sliders (each with a box showing and taking its value) for every control of ``session``;
    views of its forward and backward pass.

    spec: a ``DashboardSpec`` (what to call things, the sliders' ranges), see ``doc001_dashboard``.
    lang: the language of every text ("en" or "zh").
    """

    def __init__(self, session, spec, lang="en"):
        self.session, self.spec, self.lang = session, spec, check_language(lang)
        self._start_lr = session.lr           # the document's η, suggested when a larger one stalls
        self.syncing = Syncing()              # active while the kernel itself writes to the widgets
        self._shown = {}                  # name -> the value the kernel last put on that slider
        self._stale = {}                  # name -> (positions the browser may still report, until when)
        self.sliders, self.readouts = {}, {}
        groups = []
        for title, names in spec.groups:
            groups.append((self.t(title), widgets.VBox([self._control(name) for name in names])))
        # "auto", not 100%: the accordion's 1 px borders then fit inside its column
        accordion = widgets.Accordion(children=[box for _, box in groups], titles=[t for t, _ in groups],
                                      layout=widgets.Layout(width="auto"))
        accordion.selected_index = 0
        self._steps = 100
        self.steps = widgets.Text(value=str(self._steps), description=self.t("label.steps"), continuous_update=False,
                                  tooltip=self.t("tip.steps", most=f"{MOST_STEPS:,}"),
                                  layout=widgets.Layout(width="150px", min_width="150px"),
                                  style={"description_width": "36px"})
        self.steps.add_class("bp-steps")
        self.steps.observe(lambda change: self._guard(lambda: self._steps_typed(change["new"]))(), names="value")
        self.buttons = {
            "step": widgets.Button(description=self.t("button.step"), icon="step-forward", tooltip=self.t("tip.step")),
            "train": widgets.Button(description=self.t("button.train"), icon="forward", tooltip=self.t("tip.train")),
            "undo": widgets.Button(description=self.t("button.undo"), icon="undo", tooltip=self.t("tip.undo"),
                                   disabled=True),
            "reset": widgets.Button(description=self.t("button.reset"), icon="refresh", tooltip=self.t("tip.reset")),
        }
        for name, button in self.buttons.items():
            button.layout = widgets.Layout(width="auto", min_width="120px", flex="0 0 auto")
        self.buttons["step"].on_click(self._guard(self.do_step))
        self.buttons["train"].on_click(self._guard(self.do_train))
        self.buttons["undo"].on_click(self._guard(self.do_undo))
        self.buttons["reset"].on_click(self._guard(self.do_reset))
        self.progress = widgets.IntProgress(value=0, min=0, max=1, description=self.t("label.progress"),
                                            tooltip=self.t("tip.progress"), layout=widgets.Layout(width="auto"),   # fills the column
                                            style={"description_width": "initial"})
        self.message = widgets.HTML(tooltip="", )
        self.message.add_class("bp-message")
        self.numbers = widgets.HTML(tooltip="", )
        self.numbers.add_class("bp-numbers")
        self.update_table = widgets.HTML(tooltip="", )
        self.update_table.add_class("bp-update")
        self._build_views()
        row = widgets.Layout(flex_flow="row wrap", align_items="center", grid_gap="6px", width="100%")
        controls = widgets.VBox([accordion,
                                 widgets.HBox([self.buttons["step"], self.buttons["undo"], self.buttons["reset"]],
                                              layout=row),
                                 widgets.HBox([self.buttons["train"], self.steps], layout=row),
                                 self.progress, self.message],
                                layout=widgets.Layout(flex="1 1 360px", min_width=CONTROLS_WIDTH[0],
                                                      max_width=CONTROLS_WIDTH[1]))
        controls.add_class("bp-controls")
        wrap = widgets.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="10px 24px", width="100%")
        self.widget = _DashboardBox([widgets.HBox([controls, self.diagram], layout=wrap),
                                     widgets.HBox([self.bars, self.loss_view, self.grad_view], layout=wrap),
                                     widgets.HBox([self.numbers, self.update_table], layout=wrap)],
                                    layout=widgets.Layout(width="100%"))
        self.widget.add_class("bp-dashboard")
        self.widget.dashboard = self
        self.refresh(full=True)

    def t(self, key, **values):
        """This dashboard's text for ``key`` (see ``strings.py``)."""
        return text(key, self.lang, **values)

    # ---- one control: a slider and the box beside it that shows and takes its value -------
    def _label(self, name):
        key = self.spec.descriptions.get(name, name)
        return self.t(key) if key.startswith("label.") else key

    def _control(self, name):
        s, spec = self.session, self.spec
        value = s.get(name)
        label = self._label(name)
        tip = self.t(spec.tooltips[name]) if name in spec.tooltips else self.t("tip.slider", name=label)
        common = dict(description=label, readout=False, continuous_update=True, tooltip=tip,
                      layout=widgets.Layout(flex="1 1 auto", width="auto", min_width="190px"),
                      style={"description_width": spec.label_width})
        if name == "lr":
            slider = widgets.SelectionSlider(options=[(f"{v:g}", v) for v in LEARNING_RATES],
                                             value=min(LEARNING_RATES, key=lambda v: abs(math.log(v / value))),
                                             **common)
        else:
            lo, hi, step = spec.ranges(name)
            slider = widgets.FloatSlider(value=value, min=min(lo, value), max=max(hi, value), step=step, **common)
        readout = widgets.Text(value=self._format(name, value), continuous_update=False,
                               tooltip=self.t("tip.readout", name=label),
                               layout=widgets.Layout(width="86px", min_width="86px", flex="0 0 auto"))
        readout.add_class("bp-readout")
        self.sliders[name], self.readouts[name] = slider, readout
        self._shown[name] = slider.value
        slider.observe(self._on_slider(name), names="value")
        readout.observe(self._on_typed(name), names="value")
        box = widgets.HBox([slider, readout], layout=widgets.Layout(width="100%", align_items="center"))
        box.add_class("bp-control")
        return box

    def _format(self, name, value):
        if name in ("lr", "weight_decay"):
            return plain(value)
        return fixed(value, self.spec.digits)

    # ---- views ----------------------------------------------------------------
    def _build_views(self):
        s, spec = self.session, self.spec
        self.layout = Layout(s.net, **label_sizes(s.net, spec.digits, spec.edge_grads, spec.unit_value))
        # the diagram asks for its own width, and may get less (min_width 0): then it scrolls inside
        # its box, with a shadow on the side where more is hidden and a line under it saying so
        self._diagram_width = round((self.layout.xlim[1] - self.layout.xlim[0]) * svg.PIXELS_PER_UNIT)
        self.diagram = widgets.HTML(tooltip="", layout=widgets.Layout(flex=f"1 1 {self._diagram_width}px",
                                                                      max_width="100%", min_width="0"))
        self.diagram.add_class("bp-diagram")
        self.bars = widgets.HTML(tooltip="", layout=widgets.Layout(flex="0 0 auto"))
        legend_rows = math.ceil(len(s.weight_names) / (4 if max(len(n) for n in s.weight_names) <= 4 else 3))
        loss_fig, grad_fig = _figure((4.1, 2.9), self.lang), _figure((4.1, 2.9 + 0.22 * legend_rows), self.lang)
        self.fig = loss_fig
        self.loss_line = figures.loss_curve([], ax=loss_fig.add_subplot(), ylabel=f"${spec.loss_latex}$",
                                            title="", log=True, lang=self.lang)
        self.grad_lines = figures.gradient_curves(s.weight_names, ax=grad_fig.add_subplot(), title="",
                                                  lang=self.lang)
        grad_ax = grad_fig.axes[0]
        grad_ax.set_ylabel(f"∂{spec.loss_text}/∂w")      # symbols only: the same in every language
        for fig in (loss_fig, grad_fig):
            ax = fig.axes[0]
            ax.set_xlabel("")
            ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))     # steps are whole numbers
            ax.tick_params(labelsize=9)
            ax.yaxis.label.set_size(10)
        loss_fig.subplots_adjust(left=0.2, right=0.96, bottom=0.17, top=0.95)
        # the legend goes under the curves, never over them
        legend_h = 0.22 * legend_rows + 0.25
        height = grad_fig.get_figheight()
        # room on the right for each curve's name at its end (figures.label_line_ends)
        grad_fig.subplots_adjust(left=0.2, right=0.84, bottom=(legend_h + 0.35) / height, top=1 - 0.15 / height)
        columns = 4 if max(len(n) for n in s.weight_names) <= 4 else 3
        grad_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=columns, fontsize=8.5, frameon=False,
                       handlelength=1.6, columnspacing=1.0)

        def view(fig, caption):
            head = widgets.HTML(f"<div style='font-size:13px;max-width:410px'>{html.escape(caption)}</div>", tooltip="")
            return widgets.VBox([head, fig.canvas], layout=widgets.Layout(flex="0 0 auto"))
        self.loss_view = view(loss_fig, self.t("curves.loss", loss=spec.loss_text))
        self.grad_view = view(grad_fig, self.t("curves.grads"))
        self.figs = (loss_fig, grad_fig)

    def _diagram_svg(self, trace, grads):
        s, spec = self.session, self.spec
        return svg.network_svg(s.net, self.layout, trace, grads, spec.digits, spec.loss_text, spec.unit_value,
                               spec.edge_grads)

    def refresh(self, full=False):
        """Redraw the views from the session's current state, in place.

        The diagram and the bars are SVG, rebuilt on every change in about a
        millisecond; the curves (ipympl figures) change only when the history
        does, so only a step, a run, an undo or a reset redraws them (``full``).
        """
        s, spec = self.session, self.spec
        trace, grads = s.evaluate()
        w = self._diagram_width
        # the hint shows only while the box is narrower than the diagram (a container query)
        self.diagram.value = (
            f"<style>.bp-diagram .widget-html-content{{min-width:0;max-width:100%}}"
            f"@container (min-width:{w + 1}px){{.bp-hint-{w}{{display:none}}}}</style>"
            f"<div class='bp-scroll' style='{SCROLL_CUE};container-type:inline-size'>{self._diagram_svg(trace, grads)}"
            f"<div class='bp-scroll-hint bp-hint-{w}' style='position:sticky;left:0;width:max-content;"
            f"font-size:12px;color:#444;padding:2px 0 4px'>{html.escape(self.t('hint.scroll'))}</div></div>")
        self.bars.value = svg.bars_svg(s.weight_names, [grads[n] for n in s.weight_names],
                                       self.t("bars.title", loss=spec.loss_text),
                                       subtitle=self.t("bars.subtitle", top="{top}"))
        self.numbers.value = self._numbers_html(trace, grads)
        self.buttons["undo"].disabled = not s.can_undo
        if full:
            self._redraw_curves(grads)

    def _redraw_curves(self, grads):
        """The curves from the history, on axes fitted to what they draw: with fewer than two
        points (before any training, or after one step), around the current values."""
        s = self.session
        steps, losses, history = s.history_arrays()
        if len(steps) and s.steps_done > steps[-1]:
            # the history holds the loss before each step; the curve ends at the loss after the
            # last one, so a step that overshot shows its rise at once
            steps, losses = np.append(steps, s.steps_done), np.append(losses, grads.loss)
            history = {name: np.append(history[name], grads[name]) for name in self.grad_lines}
        few = len(steps) < 2           # a single point is drawn as a dot: a line needs two
        self.loss_line.set_data(steps, losses)
        self.loss_line.set_marker("o" if few else "")
        for name, line in self.grad_lines.items():
            line.set_data(steps, history[name])        # each keeps its own marker (figures.curve_style)
        loss_ax, grad_ax = self.loss_line.axes, next(iter(self.grad_lines.values())).axes
        for ax in (loss_ax, grad_ax):
            ax.relim()
            ax.autoscale(True)
        if few:
            for ax in (loss_ax, grad_ax):
                ax.set_xlim(-1, max(1, s.steps_done))
            loss = float(losses[0]) if len(losses) else float(grads.loss)
            if loss > 0:
                loss_ax.set_ylim(loss / 3, loss * 3)
            values = [float(history[n][0]) for n in s.weight_names] if len(steps) else \
                [float(grads[n]) for n in s.weight_names]
            top = max((abs(v) for v in values if math.isfinite(v)), default=0.0) or 1.0
            grad_ax.set_ylim(-1.2 * top, 1.2 * top)
        figures.label_line_ends(self.grad_lines, grad_ax)     # after the limits: the names follow them
        for fig in self.figs:
            fig.canvas.draw_idle()

    def _numbers_html(self, trace, grads):
        s, d = self.session, self.spec.digits + 2
        labels = s.net.labels
        rows = [[labels[k][i], fixed(trace.z[k][i], d), fixed(trace.n[k][i], d), significant(grads.delta[k][i], d)]
                for k in range(1, s.net.L + 1) for i in range(s.net.sizes[k])]
        z_name, n_name = self.spec.zn_names
        forward = html_table([self.t("numbers.unit"), z_name, n_name, "δ"], rows, lang=self.lang)
        g = html_table([self.t("numbers.weight"), f"∂{self.spec.loss_text}/∂w"],
                       [[n, significant(grads[n], d)] for n in s.weight_names], lang=self.lang)
        head = self.t("numbers.loss_one" if s.steps_done == 1 else "numbers.loss",
                      loss=html.escape(self.spec.loss_text), value=significant(grads.loss, d + 2), n=s.steps_done)
        if s.weight_decay:     # with weight decay a step lowers L + λ/2·ΣW², which L alone may not show
            objective = self.t("numbers.objective", loss=self.spec.loss_text)
            head += "<br>" + self.t("numbers.objective_value", objective=html.escape(objective),
                                    value=significant(s.objective(), d + 2),
                                    loss_only=html.escape(self.spec.loss_text))
        return f"<div style='font-size:13px'><b>{head}</b><br>{forward}<br>{g}</div>"

    def _update_html(self):
        """The last step's table: old → new for every parameter whose shown value changed; the
        others (not trained, or moved by less than the last digit shown) named in one line."""
        s, d = self.session, self.spec.digits + 2
        if not s.last_update:
            return ""
        rows, same = [], []
        for n, old, new in s.last_update:
            a, b = fixed(old, d), fixed(new, d)
            if a == b:
                same.append(n)
            else:
                rows.append([n, a, "→", b])
        note = f"<p style='font-size:12px'>{html.escape(self.t('numbers.unchanged', names=', '.join(same)))}</p>" \
            if same else ""
        return (f"<b>{html.escape(self.t('numbers.last_step', lr=readable(s.lr)))}</b>"
                + html_table(["", self.t("numbers.old"), "", self.t("numbers.new")], rows, lang=self.lang) + note)

    def _show(self, name):
        """Put the session's value of ``name`` on its slider and its box, the slider's range first
        widened to hold the value (in a message of its own).  Never raises for a finite value."""
        value, slider = self.session.get(name), self.sliders[name]
        with self.syncing:
            if isinstance(slider, widgets.FloatSlider):
                if value != slider.value:
                    stale = [slider.value, min(max(value, slider.min), slider.max)]
                    self._stale[name] = (stale, time.monotonic() + STALE_SECONDS)
                # the wider range goes first, in a message of its own, so that the browser holds
                # it before the value arrives and never clamps the value to the old range
                with slider.hold_sync():
                    if value < slider.min:
                        slider.min = _outward(value, slider.step, up=False)
                    if value > slider.max:
                        slider.max = _outward(value, slider.step, up=True)
                slider.value = value
            else:                                       # the η stops: the nearest one
                slider.value = min(LEARNING_RATES, key=lambda v: abs(math.log(v / value)))
            self._shown[name] = slider.value
            self.readouts[name].value = self._format(name, value)

    def _sync_sliders(self):
        for name in self.sliders:
            self._show(name)

    # ---- controls -------------------------------------------------------------
    def _say(self, message, kind="info"):
        self.message.value = message_html(message, kind)

    def _guard(self, action):
        """A callback running ``action()`` that shows every error as a message in the dashboard's
        language (never a traceback) after putting the controls back to the session's state."""
        def run(*_):
            try:
                action()
            except Diverged as exc:
                self._resync()
                key = "msg.overflow_step" if exc.steps == 1 else "msg.overflow_run"
                self._say(self.t(key, n=exc.steps, lr=readable(exc.lr)), "error")
            except Busy:
                self._say(self.t("msg.busy"), "error")
            except NothingToUndo:
                self._resync()
                self._say(self.t("msg.nothing_to_undo"), "info")
            except KeyboardInterrupt:
                self._resync()
                self._say(self.t("msg.interrupted"), "error")
            except Exception as exc:  # a learner never sees a traceback
                self._resync()
                self._say(self.t("msg.unexpected", error=f"{type(exc).__name__}: {exc}"), "error")
        return run

    def _resync(self):
        """Every control and view back to what the session holds."""
        try:
            self._sync_sliders()
            self.refresh(full=True)
        except Exception:                    # the message about the first error matters more
            pass

    def _on_slider(self, name):
        slider = self.sliders[name]

        def changed(change):
            if self.syncing.active:
                return
            value = change["new"]
            if isinstance(slider, widgets.FloatSlider):
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

    def _refusal(self, name, typed):
        """Why a typed value cannot be taken (a message in the dashboard's language), or None."""
        label, current = self._label(name), self._format(name, self.session.get(name))
        value = parse_number(typed)
        if value is None:
            return self.t("msg.bad_number", name=label, value=typed, current=current)
        if abs(value) > LARGEST_TYPED:
            return self.t("msg.too_large", name=label, value=typed, most=readable(LARGEST_TYPED), current=current)
        if name == "lr" and value <= 0:
            return self.t("msg.not_positive", name=label, value=typed, current=current)
        if name == "weight_decay" and value < 0:
            return self.t("msg.negative", name=label, value=typed, current=current)
        return None

    def _on_typed(self, name):
        def typed(change):
            if self.syncing.active:
                return
            refusal = self._refusal(name, change["new"])
            if refusal is not None:
                self._show(name)
                self._say(refusal, "error")
                return
            self._guard(lambda: self._set(name, parse_number(change["new"])))()
        return typed

    def _set(self, name, value):
        self.session.set(name, value)
        self._show(name)
        self._say("")
        self.refresh()

    def _steps_typed(self, typed):
        if self.syncing.active:
            return
        n = int(typed.strip()) if re.fullmatch(r"\s*\d{1,7}\s*", typed) else None
        if n is None or not 1 <= n <= MOST_STEPS:
            with self.syncing:
                self.steps.value = str(self._steps)
            self._say(self.t("msg.bad_steps", most=f"{MOST_STEPS:,}", value=typed, current=self._steps), "error")
            return
        self._steps = n
        with self.syncing:
            self.steps.value = str(n)
        self._say("")

    def _set_progress(self, value, maximum, state):
        """The progress bar and its label: state is "" (under way or idle), "done", "undone"
        (the run was refused or interrupted, or undone later) or "overshot"."""
        styles = {"": "", "done": "success", "overshot": "warning", "undone": "danger"}
        label = {"": "label.progress", "done": "label.progress_done", "overshot": "label.progress_done",
                 "undone": "label.progress_undone"}[state]
        self.progress.max, self.progress.value = max(1, maximum), value
        self.progress.bar_style = styles[state]
        self.progress.description = self.t(label)

    def _overshoot_message(self):
        o, s = self.session.overshoot, self.session
        loss = self.spec.loss_text if not s.weight_decay else self.t("numbers.objective", loss=self.spec.loss_text)
        values = dict(loss=loss, before=readable(o.before), after=readable(o.after),
                      lr=readable(s.lr), n=o.steps, undo=self.t("button.undo"))
        if o.steps == 1:
            return self.t("msg.overshoot_step", **values)
        if o.rises:
            return self.t("msg.overshoot_run", rises=o.rises, **values)
        return self.t("msg.overshoot_run_end", **values)

    def _stall_message(self):
        """A warning when training has stalled (the next step would move no weight by more than
        ``STALLED_MOVE`` while the loss is above ``STALLED_LOSS``: saturated sigmoids after too
        large an η), else None."""
        s = self.session
        _, grads = s.evaluate()
        gradient = max(abs(float(grads[n])) for n in s.weight_names)
        if not (grads.loss > STALLED_LOSS and s.lr * gradient < STALLED_MOVE):
            return None
        biggest = max(abs(float(s.net[n])) for n in s.weight_names)
        return self.t("msg.stalled", loss=self.spec.loss_text, value=significant(grads.loss, 6), lr=readable(s.lr),
                      biggest=readable(biggest, 3), grad=readable(gradient, 2), undo=self.t("button.undo"),
                      reset=self.t("button.reset"), suggest=readable(self._start_lr))

    def do_step(self):
        self.session.step()
        self._sync_sliders()
        self.update_table.value = self._update_html()
        self._set_progress(0, 1, "")
        stalled = self._stall_message()
        if self.session.overshoot:
            self._say(self._overshoot_message(), "warning")
        elif stalled:
            self._say(stalled, "warning")
        else:
            self._say(self.t("msg.step_taken"))
        self.refresh(full=True)

    def do_train(self):
        n = self._steps
        self._set_progress(0, n, "")

        def progress(done, total):
            self.progress.value = done
        try:
            self.session.train(n, progress=progress, chunk=max(1, n // 20))
        except BaseException:
            self._set_progress(0, n, "undone")
            raise
        finally:
            self._sync_sliders()
        self.update_table.value = ""
        stalled = self._stall_message()
        if self.session.overshoot:
            self._set_progress(n, n, "overshot")
            self._say(self._overshoot_message(), "warning")
        elif stalled:
            self._set_progress(n, n, "overshot")
            self._say(stalled, "warning")
        else:
            self._set_progress(n, n, "done")
            self._say(self.t("msg.trained_one") if n == 1 else self.t("msg.trained", n=n))
        self.refresh(full=True)

    def do_undo(self):
        before = self.session.steps_done
        self.session.undo()
        self._sync_sliders()
        self.update_table.value = self._update_html()
        self._set_progress(0, 1, "undone")
        n = before - self.session.steps_done
        self._say(self.t("msg.undone_one", steps=self.session.steps_done) if n == 1 else
                  self.t("msg.undone", n=n, steps=self.session.steps_done))
        self.refresh(full=True)

    def do_reset(self):
        self.session.reset()
        self._sync_sliders()
        self.update_table.value = ""
        self._set_progress(0, 1, "")
        self._say(self.t("msg.reset"))
        self.refresh(full=True)

    # ---- without a kernel ----------------------------------------------------------
    def static_html(self):
        """A still picture for the stored notebook: a line saying how to use the dashboard and
        its network diagram at the current values, as SVG in HTML (GitHub, nbviewer)."""
        trace, grads = self.session.evaluate()
        return (f"<p><b>{html.escape(self.t('static.run_me'))}</b><br>{html.escape(self.t('static.picture'))}</p>"
                + self._diagram_svg(trace, grads))

    def preview_png(self):
        """The same still picture as a PNG (base64), drawn by matplotlib: JupyterLab shows an image
        of a notebook that is not trusted, where it drops stored SVG and HTML's pictures."""
        s, spec = self.session, self.spec
        trace, grads = s.evaluate()
        layout = self.layout
        width, height = layout.figsize
        fig = Figure(figsize=(width, height))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        figures.draw_network(s.net, trace, grads, ax=ax, loss_label=spec.loss_latex, digits=spec.digits,
                             unit_value=spec.unit_value, edge_grads=spec.edge_grads, dy=layout.DY)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=80)
        return base64.b64encode(out.getvalue()).decode("ascii")


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
    spec = DashboardSpec(
        loss_latex="E_{total}", loss_text="E_total", digits=4, zn_names=("net", "out"),
        groups=[("group.weights001", [f"w{i}" for i in range(1, 9)]),
                ("group.biases001", ["b1", "b2"]),
                ("group.data001", ["i1", "i2", "target o1", "target o2"]),
                ("group.lr", ["lr"])],
        descriptions={"lr": "label.lr", "target o1": "label.target_o1", "target o2": "label.target_o2"},
        tooltips={"lr": "tip.lr"},
        ranges=_ranges((-3.0, 3.0, 0.01), (-3.0, 3.0, 0.01), (-1.0, 1.0, 0.01), (0.0, 1.0, 0.01)))
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
    spec = DashboardSpec(
        loss_latex="L", loss_text="L", digits=3, edge_grads=False, unit_value="n",
        groups=[("group.weights000", [n for n in names if n.startswith("w")]),
                ("group.biases000", [n for n in names if n.startswith("b")]),
                ("group.data000", ["x1", "x2", "y"]),
                ("group.lr_decay", ["lr", "weight_decay"])],
        descriptions={"lr": "label.lr", "weight_decay": "label.weight_decay"},
        tooltips={"lr": "tip.lr", "weight_decay": "tip.weight_decay"},
        ranges=_ranges((-5.0, 5.0, 0.01), (-5.0, 5.0, 0.01), (-3.0, 3.0, 0.01), (0.0, 1.0, 0.01)))
    return _build(session, spec, lang)
