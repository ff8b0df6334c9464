"""The playground's widgets, on top of ``playground.Playground``.

``playground_app(lang="en")`` returns one widget; its ``.app`` attribute is the
``PlaygroundApp`` behind it, so tests can change settings, press buttons and
run frames without a browser.  Every text it shows comes from ``strings``
(``lang="zh"`` for the Chinese edition).  Play runs as an asyncio task in the
kernel's event loop, yielding between frames, so every slider and button keeps
responding while it trains.  Every view is SVG, rebuilt each frame in a few
milliseconds.  No control ever shows a traceback: errors become a message, and
the controls and the views go back to the last good state.

The layout reflows: the controls (one column, 250 to 340 px; below 320 px each
label sits above its control) sit beside the views when there is room and above
them when not, and the views themselves wrap (decision boundary, which scales
from 320 px down to 256 px, then the curves).  At 1,000 px with JupyterLab's file
browser open the decision boundary stays beside the data and network controls.
While Play runs, a pulsing sign under the buttons says the kernel is busy.

The network diagram draws every unit as what it computes over the plane (``unit_pictures``: the
model's one forward pass over a grid, one PNG for all units).  Over the drawing lies a layer of
targets (``svg.network_hit_svg``): pointing at a unit shows it large beside or under the diagram with the
weights into it (``show_unit``), clicking an edge picks its weight for the box under the picker
(``pick_weight``).  The page tells the kernel through a hidden text box (``PICK_JS``): inline
handlers in the HTML widgets' own markup, which ipywidgets 8 sets as innerHTML in JupyterLab and in
Voilà alike; where the widgets are not live (a stored notebook) there is no box and nothing happens.
"""
import asyncio
import html
import json
import time
from pathlib import Path

import ipywidgets as widgets
import numpy as np

from .. import features
from ..data import datasets
from ..draw import svg
from ..draw.layout import Layout
from . import browserfile, strings
from .feedback import guarded, html_table, message_html, with_still_picture
from .playground import (ACTIVATIONS, OUTPUTS, REGRESSION_OUTPUT, REGULARISATIONS, STUCK_POINTS, SUBSCRIPT,
                         SUPERSCRIPT, Diverged, Playground, display_name)
from .syncing import Syncing

FPS = 60   # the most frames per second play asks for (Chromium draws 30 to 50 of them: docs/speed.md)
DIAGRAM_WIDTH = 540   # pixels: fits a laptop's notebook column, at the diagram's own text sizes
#: while playing, the diagram (its edges and every unit's picture) is redrawn every frame while the
#: network has at most LARGE_NETWORK weights, and every PICTURES_EVERY frames in a larger one; the
#: decision boundary, the curves and the large unit view are redrawn every frame.  In
#: Chromium, 6 hidden layers of 8 (344 weights, 51 pictures) redrawn every frame play at about 24
#: frames a second; every 3rd frame, above 30 (docs/speed.md)
LARGE_NETWORK = 100
PICTURES_EVERY = 3
UNIT_VIEW_PX = 160    # the side of the large picture of the unit pointed at
# The diagram's targets (``svg.network_hit_svg``) tell the kernel what was clicked or pointed at:
# the target's data-pick ("W:<weight>", "B:<bias>" or "U:<k>:<i>") and the time go into a hidden text box, whose
# change event ipywidgets sends to the kernel (``PlaygroundApp._on_click``).  A unit is sent when the
# pointer enters it or it gets the focus (once until another is), a weight or a bias only on a click.  In a
# page where the widgets are not live (a stored notebook), there is no box, and nothing happens.
PICK_JS = ("var t=event.target.closest&&event.target.closest('[data-pick]');if(!t)return;"
           "var v=t.getAttribute('data-pick'),r=this.closest('.bp-play'),i=r&&r.querySelector('.bp-click input');"
           "if(!i)return;if(event.type!=='click'){if(v.charAt(0)!=='U'||r.dataset.bpUnit===v)return;}"
           "if(v.charAt(0)==='U'){r.dataset.bpUnit=v;r.querySelectorAll('.bp-focused').forEach("
           "function(e){e.classList.remove('bp-focused');});t.classList.add('bp-focused');}"
           "i.value=v+'|'+Date.now();i.dispatchEvent(new Event('change',{bubbles:true}));"
           "if(event.type==='click'&&(v.charAt(0)==='W'||v.charAt(0)==='B')){var w=r.querySelector('.bp-weight-value input');"
           "if(w){w.focus({preventScroll:true});w.scrollIntoView({block:'nearest'});"
           "setTimeout(function(){w.select();},300);}}")
# The upload buttons' accessible name: ipywidgets writes "(0)" into them, hidden by CSS but still read
# out; a tiny image in the style sheet's widget names them once the buttons are in the page.
LABEL_JS = ("var m=this,f=function(n){{var r=m.closest('.bp-play');"
            "if(!r){{if(n<100)setTimeout(function(){{f(n+1)}},100);return;}}{sets}}};f(0);")
PIXEL_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="

#: each output setting's key in the string table
OUTPUT_KEYS = {"sigmoid + ½Σ(y−ŷ)² (as in the documents)": "play.output.half_sse",
               "sigmoid + cross-entropy": "play.output.bce",
               "softmax + cross-entropy (3+ classes)": "play.output.softmax",
               REGRESSION_OUTPUT: "play.output.linear"}

# One style sheet for the app (the class names are the app's own).  Buttons are as wide as their
# caption; the network diagram keeps its size and scrolls sideways if its column is narrower.
CSS = """<style>
.bp-play .jupyter-button { width: auto; min-width: 64px; flex: 0 0 auto; padding: 0 10px; }
.bp-play .bp-diagram { overflow-x: auto; max-width: 100%;
  /* a shadow at an edge where more of the diagram lies, scrolled out of view (it goes when scrolled there) */
  background: linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 40px 100% no-repeat local,
              linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 40px 100% no-repeat local,
              radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.22), rgba(0,0,0,0)) right / 16px 100% no-repeat,
              radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.22), rgba(0,0,0,0)) left / 16px 100% no-repeat; }
.bp-play .bp-diagram svg { max-width: none !important; }
.bp-play .bp-diagram .widget-html, .bp-play .bp-diagram .widget-html-content { margin: 0; line-height: 0; }
.bp-play .bp-hit .bp-edge { stroke: transparent; stroke-width: 10px; pointer-events: stroke; cursor: pointer; }
.bp-play .bp-hit .bp-edge:hover { stroke: rgba(230,159,0,.6); }
.bp-play .bp-hit .bp-edge.bp-picked { stroke: rgba(204,121,167,.75); stroke-width: 6px; }
.bp-play .bp-hit .bp-edge.bp-picked:hover { stroke: rgba(230,159,0,.75); stroke-width: 10px; }
.bp-play .bp-hit .bp-unit { fill: transparent; stroke: none; pointer-events: all; cursor: pointer; outline: none; }
.bp-play .bp-hit .bp-unit:hover, .bp-play .bp-hit .bp-unit:focus { stroke: #CC79A7; stroke-width: 3px; }
.bp-play .bp-hit .bp-unit.bp-focused { stroke: #CC79A7; stroke-width: 1.5px; stroke-dasharray: 3 2; }
.bp-play .bp-hit .bp-bias { cursor: pointer; outline: none; }
.bp-play .bp-hit .bp-bias rect { fill: #fff; stroke: #555; stroke-width: 1px; }
.bp-play .bp-hit .bp-bias text { font: italic 12px serif; fill: #222; pointer-events: none; }
.bp-play .bp-hit .bp-bias:hover rect, .bp-play .bp-hit .bp-bias:focus rect { fill: #FBE3C0; stroke: #E69F00; stroke-width: 2px; }
.bp-play .bp-hit .bp-bias.bp-picked rect { fill: #F2D4E5; stroke: #CC79A7; stroke-width: 2px; }
.bp-play .bp-unit-view, .bp-play .bp-unit-view .widget-html-content { font-size: 12px; line-height: 1.3; }
.bp-play .bp-unit-view table { border-collapse: collapse; margin-top: 2px; }
.bp-play .bp-unit-view td { padding: 0 6px 0 0; white-space: nowrap; }
.bp-play .bp-unit-view [data-pick] { color: #0072B2; text-decoration: underline; cursor: pointer; }
.bp-play .bp-scroll { overflow-x: auto; max-width: 100%; }
.bp-play .widget-readout { min-width: 48px; }
.bp-play .bp-controls { container-type: inline-size; container-name: bp-controls; }
@container bp-controls (max-width: 320px) {
  /* a narrow column: each control's label above it, so that the sliders and boxes keep their length */
  .bp-play .bp-controls .widget-inline-hbox { flex-wrap: wrap; height: auto !important; row-gap: 2px; }
  .bp-play .bp-controls .widget-inline-hbox > .widget-label { line-height: 20px; height: auto; }
  .bp-play .bp-controls .widget-inline-hbox > select,
  .bp-play .bp-controls .widget-inline-hbox > input { min-height: var(--jp-widgets-inline-height, 28px); }
  .bp-play .bp-controls .widget-inline-hbox > .widget-label { width: 100% !important; max-width: 100% !important;
                                                              text-align: left; }
  .bp-play .bp-controls .widget-inline-hbox > .widget-label:empty { display: none; }
}
.bp-play .bp-stack svg { width: 100%; height: auto; display: block; }
.bp-play .bp-legend { font-size: 12px; color: #333; max-width: 320px; line-height: 1.3; }
.bp-play .bp-upload { font-size: 0 !important; }
.bp-play .bp-upload i { font-size: var(--jp-widgets-font-size, 13px); margin-right: 4px; }
.bp-play .bp-upload::after { font-size: var(--jp-widgets-font-size, 13px); }
.bp-play .bp-busy { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: #E69F00;
                    margin-right: 6px; animation: bp-pulse 0.8s ease-in-out infinite alternate; }
@keyframes bp-pulse { from { opacity: 1; transform: scale(1); } to { opacity: 0.25; transform: scale(0.6); } }
</style>"""
# The upload buttons: ipywidgets 8 writes "<description> (<number of files>)" as the button's text; the
# playground shows its own caption instead (the text is drawn at size 0, the caption after it).
UPLOAD_CSS = ".bp-play .{cls}::after {{ content: \"{label}\"; }}"


def _css_string(text):
    """``text`` safe inside a CSS string in double quotes."""
    return "".join(c if c.isalnum() or c in " .,()-_" or ord(c) > 127 else f"\\{ord(c):x} " for c in text)


def parse_hidden(text, lang="en"):
    """'3, 2' -> [3, 2]; '' -> [] (no hidden layer); ValueError otherwise."""
    text = str(text).strip()
    if not text:
        return []
    try:
        return [int(part) for part in text.replace(";", ",").replace("，", ",").split(",") if part.strip()]
    except ValueError:
        raise ValueError(strings.text("play.hidden.bad", lang, text=repr(text))) from None


def _box(children, flex_flow="row wrap", **layout):
    return widgets.Box(children, layout=widgets.Layout(display="flex", flex_flow=flex_flow, **layout))


def loss_ylim(*losses):
    """The loss chart's y axis: 0 to the largest finite loss drawn so far, with 8 % headroom, so that a
    loss that falls from 0.13 to 0.003 fills the chart and a gap between training and test shows
    (accuracy keeps 0 to 1)."""
    ys = np.concatenate([np.asarray(s, float).ravel() for s in losses]) if losses else np.zeros(0)
    ys = ys[np.isfinite(ys)]
    top = float(ys.max()) if ys.size else 0.0
    return (0.0, top * 1.08 if top > 0 else 1.0)


class _PlaygroundBox(widgets.Box):
    """The playground's outer box: shown as the live widget, with a still picture (PNG: it survives in
    a notebook that is not trusted, as a student's freshly opened one is) and a line of text alongside
    for places without a kernel (``run.py notebooks`` keeps only those)."""

    def _repr_mimebundle_(self, **kwargs):
        app = self.app
        bundle = with_still_picture(super()._repr_mimebundle_(**kwargs), app.t("static.plain"),
                                    f"<p><b>{html.escape(app.t('static.run_me'))}</b></p>", app.preview_png())
        return bundle, {"bpcore": {"picture": "static.picture.playground"}}


class PlaygroundApp:
    """The playground's controls and views around a ``Playground``."""

    def __init__(self, model=None, lang="en"):
        self.lang = strings.check_language(lang)
        if model is not None and not isinstance(model, Playground):
            raise TypeError(f"model must be a Playground (bpcore.widgets.playground), got {type(model).__name__}")
        self.model = Playground(lang=lang) if model is None else model
        self.syncing = Syncing()
        self._task = None
        self.frames = 0
        t = self.t
        s = self.model.settings
        style = {"description_width": "124px"}
        full = widgets.Layout(width="auto", max_width="420px")
        c = self.controls = {
            "dataset": widgets.Dropdown(options=self._dataset_options(), value=s["dataset"],
                                        description=t("play.dataset")),
            "n_points": widgets.IntSlider(value=s["n_points"], min=20, max=1000, step=10,
                                          description=t("play.n_points"),
                                    continuous_update=False),
            "noise": widgets.FloatSlider(value=s["noise"], min=0.0, max=0.5, step=0.01, description=t("play.noise"),
                                   continuous_update=False),
            "test_fraction": widgets.FloatSlider(value=s["test_fraction"], min=0.1, max=0.5, step=0.05,
                                           description=t("play.test_fraction"), continuous_update=False),
            "data_seed": widgets.IntText(value=s["data_seed"], description=t("play.data_seed")),
            "hidden": widgets.Text(value=", ".join(map(str, s["hidden"])), description=t("play.hidden"),
                             placeholder=t("play.hidden.placeholder"), continuous_update=False),
            "activation": widgets.Dropdown(options=[(t(f"play.activation.{a}"), a) for a in ACTIVATIONS],
                                     value=s["activation"], description=t("play.activation")),
            "output": widgets.Dropdown(options=[(t(OUTPUT_KEYS[o]), o) for o in OUTPUTS], value=s["output"],
                                 description=t("play.output")),
            "lr": widgets.FloatLogSlider(value=s["lr"], base=10, min=-3, max=1.5, step=0.05, description=t("play.lr"),
                                   readout_format=".3g"),
            "weight_decay": widgets.FloatLogSlider(value=s["weight_decay"] or 1e-3, base=10, min=-6, max=0, step=0.25,
                                             description=t("play.weight_decay.rate"), readout_format=".1e"),
            "batch_size": widgets.IntSlider(value=s["batch_size"], min=1, max=500, description=t("play.batch_size")),
            "seed": widgets.IntText(value=s["seed"], description=t("play.seed")),
            "stop_epochs": widgets.BoundedFloatText(value=s["stop_epochs"], min=0, max=1e6,
                                              description=t("play.stop_epochs")),
            "stop_loss": widgets.BoundedFloatText(value=s["stop_loss"], min=0, max=10, step=0.001,
                                            description=t("play.stop_loss")),
            "show_test": widgets.Checkbox(value=s["show_test"], description=t("play.show_test"), indent=False),
            "discretize": widgets.Checkbox(value=s["discretize"], description=t("play.discretize"), indent=False),
        }
        # the penalty as one choice: none, L1 or L2 (the λ slider is disabled, with no readout, at none)
        self.regularisation = widgets.Dropdown(options=[(t(f"play.regularisation.{r}"), r) for r in REGULARISATIONS],
                                               value=self.model.regularisation, description=t("play.regularisation"),
                                               style=style, layout=widgets.Layout(width="auto", max_width="420px"))
        for key, widget in c.items():
            widget.style = style
            widget.layout = widgets.Layout(width="auto", max_width="420px")
            widget.observe(self._on_setting(key), names="value")
        for key in ("show_test", "discretize"):
            c[key].layout = widgets.Layout(width="auto")
        self.regularisation.observe(self._on_regularisation, names="value")
        # the input features: a toggle for each, in a row that wraps (at least one stays on: the model
        # refuses to turn the last one off, and the toggle goes back)
        self.feature_buttons = {
            name: widgets.ToggleButton(value=name in s["features"], description=label, tooltip=t("play.features.tip"),
                                       layout=widgets.Layout(width="auto", min_width="44px", padding="0 6px"))
            for name, (label, _) in features.FEATURES.items()}
        for name, button in self.feature_buttons.items():
            button.observe(self._on_feature(name), names="value")
        self.data_info = widgets.HTML(layout=widgets.Layout(max_width="420px"))
        self.steps_per_frame = widgets.IntSlider(value=5, min=1, max=50, description=t("play.steps_per_frame"),
                                           style=style, layout=widgets.Layout(width="auto", max_width="420px"))
        self.play = widgets.ToggleButton(value=False, description=t("play.button.play"), icon="play",
                                   tooltip=t("play.tip.play"))
        self.play.observe(self._on_play, names="value")
        self.buttons = {
            "step": widgets.Button(description=t("button.step"), icon="step-forward", tooltip=t("play.tip.step")),
            "reset": widgets.Button(description=t("button.reset"), icon="undo", tooltip=t("play.tip.reset")),
            "new_weights": widgets.Button(description=t("play.button.new_weights"), icon="random",
                                          tooltip=t("play.tip.new_weights")),
            "save": widgets.Button(description=t("play.button.save"), icon="download", tooltip=t("play.tip.save")),
            "load_path": widgets.Button(description=t("play.button.load_path"), icon="folder-open",
                                  tooltip=t("play.tip.load_path"))}
        self.buttons["step"].on_click(self._guard(self.one_step))
        self.buttons["reset"].on_click(self._guard(self.reset))
        self.buttons["new_weights"].on_click(self._guard(self.new_weights))
        self.buttons["save"].on_click(self._guard(self.save))
        self.buttons["load_path"].on_click(self._guard(lambda: self.load_csv(Path(self.csv_path.value))))
        self.save_path = widgets.Text(value="playground-state.json", description=t("play.save_path"), style=style,
                                layout=full)
        self.csv_path = widgets.Text(value="", placeholder="my_points.csv", description=t("play.csv_path"), style=style,
                               layout=full)
        self.csv_upload = widgets.FileUpload(accept=".csv", multiple=False, description="", icon="upload",
                                             tooltip=t("play.tip.upload_csv"))
        self.json_upload = widgets.FileUpload(accept=".json", multiple=False, description="", icon="upload",
                                              tooltip=t("play.tip.upload_state"))
        upload_css = []
        for widget, key, cls in ((self.csv_upload, "play.button.upload_csv", "bp-upload-csv"),
                                 (self.json_upload, "play.button.upload_state", "bp-upload-state")):
            widget.add_class("bp-upload")
            widget.add_class(cls)
            upload_css.append(UPLOAD_CSS.format(cls=cls, label=_css_string(t(key))))
        self.csv_upload.observe(self._on_upload(self.load_csv, with_name=True), names="value")
        self.json_upload.observe(self._on_upload(self.load_state), names="value")
        self.busy = widgets.HTML()
        self.download = widgets.HTML()
        self.pick = widgets.Dropdown(description=t("play.pick"), style=style, layout=full)
        self.pick.observe(lambda change: self._guard(self.show_weight)(), names="value")
        self.pick.observe(lambda change: None if self.syncing or not hasattr(self, "layout")
                          else self.draw_targets(playing=self.play.value), names="value")
        # the picked weight, typed in by hand (checked by the model; a refusal puts the box back)
        self.weight_value = widgets.FloatText(description=t("play.weight.set"), style=style, step=0.1,
                                              layout=widgets.Layout(width="auto", max_width="260px"))
        self.weight_value.observe(self._on_weight_value, names="value")
        self.weight_value.add_class("bp-weight-value")      # a click on an edge puts the cursor here
        self.message = widgets.HTML(layout=widgets.Layout(max_width="420px"))
        self.counter = widgets.HTML(layout=widgets.Layout(max_width="420px"))
        self.boundary = widgets.HTML(layout=widgets.Layout(grid_area="1 / 1 / 2 / 2", width="100%", margin="0"))
        self.points_view = widgets.HTML(layout=widgets.Layout(grid_area="1 / 1 / 2 / 2", width="100%", margin="0"))
        # (the prediction, redrawn each frame, and the points on top of it; the legend, as text that wraps)
        self.legend = widgets.HTML(html.escape(t("play.boundary.legend")).replace("\n", "<br>"))
        self.legend.add_class("bp-legend")
        self.loss_view = widgets.HTML()
        self.acc_view = widgets.HTML()
        # the diagram: the drawing (redrawn while playing) under the targets a learner points at and
        # clicks (redrawn when not playing), stacked in one box that scrolls sideways when narrow
        self.diagram = widgets.HTML(layout=widgets.Layout(grid_area="1 / 1 / 2 / 2", margin="0"))
        self.diagram_hit = widgets.HTML(layout=widgets.Layout(grid_area="1 / 1 / 2 / 2", margin="0"))
        self.diagram_hit.add_class("bp-hit-layer")
        self.diagram_box = widgets.GridBox([self.diagram, self.diagram_hit], layout=widgets.Layout(
            grid_template_columns="max-content", justify_content="flex-start"))
        self.diagram_box.add_class("bp-diagram")
        self.diagram_hint = widgets.HTML()
        self.clicks = widgets.Text(value="", continuous_update=True, layout=widgets.Layout(display="none"))
        self.clicks.add_class("bp-click")
        self.clicks.observe(self._on_click, names="value")
        self.focused = None              # the unit (k, i) shown large beside or under the diagram, or None
        self.unit_view = widgets.HTML(layout=widgets.Layout(max_width="420px", margin="0 0 6px 0"))
        self.unit_view.add_class("bp-unit-view")
        self._playing_frames = 0
        self.weight_view = widgets.HTML()
        self.weight_view.add_class("bp-scroll")
        self.tables = widgets.HTML()
        self.tables.add_class("bp-scroll")
        self.show_tables = widgets.Button(description=t("play.button.tables"), icon="table",
                                          tooltip=t("play.tip.tables"))
        self.show_tables.on_click(self._guard(self.fill_tables))

        gap = "6px"
        data_box = widgets.VBox([c["dataset"], self.data_info, c["n_points"], c["noise"], c["test_fraction"],
                                 c["data_seed"],
                           _box([self.csv_upload], grid_gap=gap), self.csv_path,
                           _box([self.buttons["load_path"]], grid_gap=gap)])
        features_row = _box([widgets.HTML(html.escape(t("play.features")), layout=widgets.Layout(width="100%")),
                             *self.feature_buttons.values()], grid_gap="2px 4px")
        features_row.add_class("bp-features")
        net_box = widgets.VBox([features_row, c["hidden"], c["activation"], c["output"]])
        train_box = widgets.VBox([c["lr"], self.regularisation, c["weight_decay"], c["batch_size"], c["seed"],
                            c["stop_epochs"], c["stop_loss"]])
        file_box = widgets.VBox([self.save_path, _box([self.buttons["save"], self.json_upload], grid_gap=gap),
                           self.download])
        settings = widgets.Accordion(children=[data_box, net_box, train_box, file_box],
                               titles=[t("play.section.data"), t("play.section.network"),
                                       t("play.section.training"), t("play.section.files")],
                               layout=widgets.Layout(width="auto", max_width="420px"))
        settings.selected_index = 0
        self.settings_panel = settings
        buttons = _box([self.play, self.buttons["step"], self.buttons["reset"], self.buttons["new_weights"]],
                       grid_gap=gap)
        sets = "".join(f"var b=r.querySelector('.{cls}');if(b)b.setAttribute('aria-label',{json.dumps(t(key))});"
                       for cls, key in (("bp-upload-csv", "play.aria.upload_csv"),
                                        ("bp-upload-state", "play.aria.upload_state")))
        namer = (f'<img src="{PIXEL_GIF}" alt="" width="1" height="1" style="position:absolute;opacity:0" '
                 f'onload="{html.escape(LABEL_JS.format(sets=sets), quote=True)}">')
        css = widgets.HTML(CSS + "<style>" + "\n".join(upload_css) + "</style>" + namer,
                           layout=widgets.Layout(margin="0"))
        # at most 340 px, at least 250: at 1,000 px with JupyterLab's file browser open the controls
        # and the decision boundary still fit side by side
        controls = widgets.VBox([css, buttons, self.busy, self.steps_per_frame, self.counter, self.message, settings],
                                layout=widgets.Layout(flex="1 1 250px", min_width="250px", max_width="340px"))
        controls.add_class("bp-controls")
        curves = widgets.VBox([self.loss_view, self.acc_view], layout=widgets.Layout(flex="0 0 auto"))
        stack = widgets.GridBox([self.boundary, self.points_view], layout=widgets.Layout(
            grid_template_columns="100%", align_items="flex-start", width="100%"))
        stack.add_class("bp-stack")
        view_toggles = _box([c["show_test"], c["discretize"]], grid_gap="0 12px")
        plots = _box([widgets.VBox([stack, self.legend, view_toggles],
                                   layout=widgets.Layout(flex="1 1 256px", max_width="320px")),
                      curves], grid_gap="8px", justify_content="flex-start")
        # the views may be as narrow as 256 px (the decision boundary scales down to that), so that at 1,000 px
        # they stay beside the controls: the boundary in view while a student changes the data or the network
        self.diagram_note = widgets.HTML(f"<div style='font-size:12px;max-width:{DIAGRAM_WIDTH}px'>"
                                         f"{html.escape(t('play.diagram.note'))}</div>")
        # the unit pointed at, large, beside the diagram where there is room and right under it where not:
        # in view whenever the unit pointed at is (it stays, with the last unit, so nothing below jumps back)
        self.diagram_box.layout.flex = "0 0 auto"
        diagram_row = _box([self.diagram_box, self.unit_view], grid_gap="4px 12px", justify_content="flex-start",
                           align_items="flex-start")
        diagram_row.add_class("bp-diagram-row")
        views = widgets.VBox([plots, diagram_row, self.diagram_hint, self.diagram_note, self.clicks, self.pick,
                              self.weight_value, self.weight_view,
                              _box([self.show_tables]), self.tables],
                             layout=widgets.Layout(flex="3 1 256px", min_width="256px", max_width="100%"))
        self.widget = _PlaygroundBox([controls, views], layout=widgets.Layout(
            display="flex", flex_flow="row wrap", grid_gap="12px", width="100%"))
        self.widget.add_class("bp-play")
        self.widget.app = self
        self.sync()
        self._rebuilt()

    def t(self, key, **values):
        """This app's text for ``key`` (see ``strings``)."""
        return strings.text(key, self.lang, **values)

    def _dataset_options(self, custom=False):
        names = list(datasets.DATASETS) + list(datasets.REGRESSION) + (["custom"] if custom else [])
        return [(self.t(f"play.dataset.{name}"), name) for name in names]

    # ---- views -------------------------------------------------------------------------
    def _rebuilt(self):
        """After the network changed shape: new layout, new weight list, every view."""
        m = self.model
        self.layout = Layout(m.net)
        options = ([(display_name(where), n) for n, where in m.net.names.items() if where[0] == "W"]
                   + [(display_name(where), n) for n, where in m.net.names.items() if where[0] == "b"])
        with self.syncing:
            if list(self.pick.options) != options:
                self.pick.options = options
            if self.pick.value not in m.net.names:
                self.pick.value = options[0][1]
        self.refresh()
        self.show_weight()

    def refresh(self, playing=False):
        """Redraw every live view from the model (a few milliseconds).  playing: a frame of Play (a
        large network's diagram every PICTURES_EVERY frames, the diagram's targets left as they are)."""
        m, t = self.model, self.t
        h = m.history
        train_loss, test_loss, train_acc, test_acc = (h[k][-1] for k in ("train_loss", "test_loss", "train_acc",
                                                                          "test_acc"))
        self.counter.value = t("play.counter.regression" if m.regression else "play.counter", epoch=f"{m.epoch:.1f}",
                               steps=m.steps, train_loss=f"{train_loss:.4f}", test_loss=f"{test_loss:.4f}",
                               test_acc=f"{100 * test_acc:.0f}")
        if m.regression:       # the predicted value as a continuous colour, on the scale of the data's values
            self.boundary.value = svg.value_image_svg(m.boundary(), self._value_scale())
        else:
            self.boundary.value = svg.boundary_image_svg(m.boundary(), m.n_classes)
        self.points_view.value = self._points()          # sent only when it changed: with the data
        train, test = t("play.curve.train"), t("play.curve.test")
        self.loss_view.value = svg.curves_svg(
            [(train, h["epoch"], h["train_loss"], svg.COLOURS["blue"], False),
             (test, h["epoch"], h["test_loss"], svg.COLOURS["vermillion"], True)],
            t("play.curve.loss"), "", xlabel=t("play.curve.epoch"), ylim=loss_ylim(h["train_loss"], h["test_loss"]))
        self.acc_view.value = svg.curves_svg(
            [(train, h["epoch"], h["train_acc"], svg.COLOURS["blue"], False),
             (test, h["epoch"], h["test_acc"], svg.COLOURS["vermillion"], True)],
            t("play.curve.accuracy"), "", xlabel=t("play.curve.epoch"), ylim=(0.0, 1.0))
        grads = m.full_gradient()
        every = PICTURES_EVERY if sum(w.size for w in m.net.W[1:]) > LARGE_NETWORK else 1
        if not playing or self._playing_frames % every == 0:
            self.diagram.value = svg.network_svg(m.net, self.layout, None, grads, 1, "L", edge_labels=False,
                                                 grad_glow=True, max_width=DIAGRAM_WIDTH, pictures=self.unit_sprite())
        self._playing_frames = self._playing_frames + 1 if playing else 0
        self.show_unit()
        if not playing:
            self.draw_targets()
        self.frames += 1

    # ---- what each unit computes, and the diagram's targets -----------------------------------
    def unit_pictures(self, resolution=None):
        """Every unit's picture: a list of ((k, i), (h, w, 3) uint8 array) from the model's one
        forward pass over the plane (``Playground.unit_pictures``), coloured by ``svg.unit_pixels``."""
        m = self.model
        layers = m.unit_pictures() if resolution is None else m.unit_pictures(resolution)
        softmax = OUTPUTS[m.settings["output"]][0] == "softmax"
        out = []
        for k, values in enumerate(layers):
            v, _ = svg.unit_scale(values, m.unit_range(k))
            for i in range(values.shape[-1]):
                towards = svg.CLASS_COLOURS[i] if softmax and k == m.net.L else None
                out.append(((k, i), svg.unit_pixels(v[..., i], m.regression, towards)))
        return out

    def unit_sprite(self):
        """The pictures of every unit as one image, for the diagram (``svg.units_sprite``)."""
        return svg.units_sprite(self.unit_pictures())

    def unit_name(self, k, i):
        """Unit i (zero-based) of layer k as a student reads it: n⁽ᵏ⁾ᵢ counting from 1, or the input's
        own name (x₁, x₁², ...) in layer 0."""
        if k == 0:
            return self.model.net.labels[0][i]
        return f"n⁽{str(k).translate(SUPERSCRIPT)}⁾{str(i + 1).translate(SUBSCRIPT)}"

    def draw_targets(self, playing=False):
        """The diagram's targets: every edge (click: pick its weight; tooltip: its one-based name and,
        when not playing, its value) and every unit (point at it: large beside or under the diagram); and the
        note that the diagram scrolls, shown only while its box is narrower than it."""
        m, t, lay = self.model, self.t, self.layout
        net = m.net
        edge_titles = {}
        for name, (kind, k, index) in net.names.items():
            if kind != "W":
                continue
            i, j = index
            values = {"name": display_name((kind, k, index)), "value": f"{net.W[k][i, j]:.4g}", "i": i + 1,
                      "j": j + 1, "k": k, "k_in": k - 1}
            edge_titles[name] = t("play.edge.tip.playing" if playing else "play.edge.tip", **values)
        bias_titles = {}
        for name, (kind, k, (i,)) in ((n, w) for n, w in net.names.items() if w[0] == "b"):
            values = {"name": display_name((kind, k, (i,))), "value": f"{net.b[k][i]:.4g}", "i": i + 1, "k": k}
            bias_titles[name] = t("play.bias.tip.playing" if playing else "play.bias.tip", **values)
        unit_titles = {(k, i): t("play.unit.tip.input" if k == 0 else "play.unit.tip", name=self.unit_name(k, i),
                                 i=i + 1, k=k) for (k, i) in lay.pos}
        self.diagram_hit.value = svg.network_hit_svg(net, lay, DIAGRAM_WIDTH, True, edge_titles, unit_titles,
                                                     picked=self.pick.value, focused=self.focused, script=PICK_JS,
                                                     bias_titles=bias_titles)
        w = round(svg.diagram_frame(net, lay, DIAGRAM_WIDTH, True)["w"])
        self.diagram_hint.value = (
            f"<div style='container-type:inline-size'><style>@container (min-width:{w + 1}px)"
            f"{{.bp-play .bp-hint-{w}{{display:none}}}}</style><div class='bp-scroll-hint bp-hint-{w}' "
            f"style='font-size:12px;color:#444;padding:2px 0'>{html.escape(t('hint.scroll'))}</div></div>")

    def show_unit(self):
        """The unit pointed at, large beside or under the diagram: its n over the plane (the boundary's grid),
        its colour scale, and the weights and the bias into it (each a link that picks it)."""
        m, t = self.model, self.t
        net = m.net
        if self.focused is not None and not (self.focused[0] <= net.L and self.focused[1] < net.sizes[self.focused[0]]):
            self.focused = None               # the network changed shape under it
        if self.focused is None:
            self.unit_view.value = f"<div style='color:#444'>{html.escape(t('play.unit.hint'))}</div>"
            return
        k, i = self.focused
        values = m.unit_pictures(48)[k][..., i:i + 1]
        value_range = m.unit_range(k)
        v, top = svg.unit_scale(values, value_range)
        softmax = OUTPUTS[m.settings["output"]][0] == "softmax" and k == net.L
        name = self.unit_name(k, i)
        pixels = svg.unit_pixels(v[..., 0], m.regression, svg.CLASS_COLOURS[i] if softmax else None)
        if k == 0:
            title = t("play.unit.input", name=html.escape(name), i=i + 1)
        elif k == net.L:
            title = t("play.unit.output", name=html.escape(name), i=i + 1, k=k)
        else:
            title = t("play.unit.title", name=html.escape(name), i=i + 1, k=k)
        if softmax:
            scale = t("play.unit.scale.class", colour=t("play.colour.class"), c=i)
        elif value_range is None:
            scale = t("play.unit.scale.free", top=f"{top[0]:.3g}")
        else:
            lo, hi = value_range
            scale = t("play.unit.scale.range", lo=f"{lo:g}", mid=f"{(lo + hi) / 2:g}", hi=f"{hi:g}")
        rows = ""
        if k > 0:
            rows = "".join(
                f"<tr><td><span data-pick=\"{'W' if n.startswith('W') else 'B'}:{html.escape(n)}\">"
                f"{html.escape(shown)}</span></td><td style='text-align:right'>{value:.4g}</td></tr>"
                for n, shown, value in m.incoming(k, i))
            rows = f"<div>{html.escape(t('play.unit.incoming'))}</div><table>{rows}</table>"
        # the picture with its scale and the weights beside it: about as tall as the picture, so that under
        # the diagram it still fits a 900 px window with the diagram
        self.unit_view.value = (
            f"<div onclick=\"{html.escape(PICK_JS, quote=True)}\"><div>{title}</div>"
            f"<div style='display:flex;flex-flow:row nowrap;gap:10px;align-items:flex-start'>"
            f"<div style='flex:0 0 auto;line-height:0'>{svg.unit_image_svg(pixels, UNIT_VIEW_PX, f'{name}')}</div>"
            f"<div style='flex:1 1 0;min-width:0;white-space:normal'><div style='color:#444'>{html.escape(scale)}</div>{rows}</div></div></div>")

    def _on_click(self, change):
        if self.syncing or not change["new"]:
            return
        self._guard(lambda: self.click(change["new"].rsplit("|", 1)[0]))()

    def click(self, what):
        """What the diagram sends: "W:<weight>" (an edge clicked: that weight goes into the weight box,
        ready to type), "B:<bias>" (a unit's "b" handle clicked: the same for its bias) or "U:<k>:<i>"
        (a unit pointed at: shown large beside or under the diagram)."""
        kind, _, rest = str(what).partition(":")
        if kind == "W":
            self.pick_weight(rest)
        elif kind == "B":
            self.pick_bias(rest)
        elif kind == "U":
            try:
                k, i = (int(part) for part in rest.split(":"))
            except ValueError:
                raise ValueError(f"unit: expected U:<layer>:<unit>, got {what!r:.40}") from None
            self.focus_unit(k, i)
        else:
            raise ValueError(f"the diagram sent {what!r:.40}: expected W:<weight>, B:<bias> or U:<layer>:<unit>")

    def pick_weight(self, name):
        """Pick the weight ``name`` (as a click on its edge does): it goes into the weight picker, the box
        under it shows its value (the click also puts the cursor there, ready to type), and the edge is
        marked."""
        self._pick(name, "W")

    def pick_bias(self, name):
        """Pick the bias ``name`` (as a click on a unit's "b" handle, or on b in the unit's large view, does),
        as ``pick_weight`` picks a weight."""
        self._pick(name, "b")

    def _pick(self, name, kind):
        net = self.model.net
        if not isinstance(name, str) or name not in net.names or net.names[name][0] != kind:
            raise ValueError(f"{'weight' if kind == 'W' else 'bias'}: unknown {'weight' if kind == 'W' else 'bias'} "
                             f"{name!r:.60}")
        self.pick.value = name
        self.say(self.t("play.msg.picked", name=display_name(net.names[name])))
        self.draw_targets(playing=self.play.value)

    def focus_unit(self, k, i):
        """Show unit i (zero-based) of layer k large beside or under the diagram."""
        net = self.model.net
        if not (isinstance(k, int) and isinstance(i, int) and 0 <= k <= net.L and 0 <= i < net.sizes[k]):
            raise ValueError(f"unit: no unit {i!r:.20} in layer {k!r:.20} of this network")
        self.focused = (k, i)
        self.show_unit()

    def _value_scale(self):
        """Regression: the size of value drawn at full colour (the largest |value| of the data)."""
        return float(np.abs(self.model.labels_all).max()) or 1.0

    def _points(self):
        """The boundary view's points, frame and legend, made again only when the data changed
        (they are most of that view, and the same in every frame of play)."""
        m = self.model
        shown = m.settings["show_test"]
        data = (m.X_train, m.labels_train, m.X_test, m.labels_test, shown)
        kept = getattr(self, "_points_for", None)
        if kept is None or any(a is not b for a, b in zip(kept[0], data)):
            test = data[2:4] if shown else (m.X_test[:0], m.labels_test[:0])     # "show test data" off: none
            if m.regression:
                view = svg.value_overlay_svg(m.extent(), data[:2], test, self._value_scale())
            else:
                view = svg.boundary_overlay_svg(m.extent(), data[:2], test, legend="")
            self._points_for = (data, view)
        return self._points_for[1]

    def show_weight(self):
        """The picked weight up close: chain-rule factors, its δ·nᵀ entry, a finite-difference check (for
        a bias, ``show_bias``)."""
        if self.syncing or not self.pick.value:
            return
        if self.model.net.names[self.pick.value][0] == "b":
            self.show_bias()
            return
        t = self.t
        d = self.model.weight_detail(self.pick.value)
        with self.syncing:
            self.weight_value.value = round(d["value"], 6)
        k, i, j = d["k"], d["i"], d["j"]
        rows = [[t("play.weight.value"), f"{d['value']:.6g}"], *self._delta_rows(d),
                [t("play.weight.input", j=j + 1, k=k - 1), f"{d['n_prev_first']:.6g}"],
                [t("play.weight.contribution"), f"{d['contribution_first']:.6g}"],
                [t("play.weight.gradient", n=d["n_train"]), f"{d['gradient']:.8g}"],
                [t("play.weight.numeric"), f"{d['numeric']:.8g}"]]
        rows = [[html.escape(a), b] for a, b in rows]
        self.weight_view.value = (t("play.weight.title", name=html.escape(d["label"]), j=j + 1, k_in=k - 1, i=i + 1,
                                    k=k) + html_table(["", ""], rows, align="right"))

    def show_bias(self):
        """The picked bias up close, as a weight is: δ of its unit for the first training point with its
        chain-rule factors, ∂L/∂b = the mean of δ over the training set, a finite-difference check."""
        t = self.t
        d = self.model.bias_detail(self.pick.value)
        with self.syncing:
            self.weight_value.value = round(d["value"], 6)
        k, i = d["k"], d["i"]
        rows = [[t("play.bias.value"), f"{d['value']:.6g}"], *self._delta_rows(d),
                [t("play.bias.input"), "1"],
                [t("play.bias.contribution"), f"{d['contribution_first']:.6g}"],
                [t("play.bias.gradient", n=d["n_train"]), f"{d['gradient']:.8g}"],
                [t("play.weight.numeric"), f"{d['numeric']:.8g}"]]
        rows = [[html.escape(a), b] for a, b in rows]
        self.weight_view.value = (t("play.bias.title", name=html.escape(d["label"]), i=i + 1, k=k)
                                  + html_table(["", ""], rows, align="right"))

    def _delta_rows(self, d):
        """The rows both up-close views show after the value: δ of the unit for the first training point,
        then its chain-rule factors, f'(z) × (Wᵀδ) of the layer above, or ŷ, y and ŷ − y at the output."""
        t, k, i = self.t, d["k"], d["i"]
        rows = [[t("play.weight.delta", i=i + 1, k=k), f"{d['delta_first']:.6g}"]]
        if d["back_first"] is not None:
            return rows + [[t("play.weight.back", k=k + 1), f"{d['f_prime_first']:.6g} × {d['back_first']:.6g}"]]
        return rows + [[t("play.weight.out"), ""],
                       [t("play.weight.y_hat", i=i + 1), f"{d['y_hat_first']:.6g}"],
                       [t("play.weight.y", i=i + 1), f"{d['y_first']:.6g}"],
                       [t("play.weight.y_hat_minus_y", i=i + 1), f"{d['y_hat_first'] - d['y_first']:.6g}"]]

    def _on_weight_value(self, change):
        if self.syncing or not self.pick.value:
            return
        self._guard(lambda: self.set_weight(self.pick.value, change["new"]))()

    def set_weight(self, name, value):
        """Type a weight's or a bias's value by hand, as the box under the picker does."""
        self.pause()
        self.model.set_parameter(name, value)
        self.say(self.t("play.msg.weight_set", name=display_name(self.model.net.names[name]), value=f"{value:g}"))
        self.refresh()
        self.show_weight()

    def fill_tables(self):
        """The numbers behind the plots, as tables."""
        m, t = self.model, self.t
        h = m.history
        hist = [[f"{e:.2f}", f"{a:.5f}", f"{b:.5f}", f"{c:.3f}", f"{d:.3f}"]
                for e, a, b, c, d in zip(h["epoch"], h["train_loss"], h["test_loss"], h["train_acc"], h["test_acc"])]
        grads = m.full_gradient()
        weights = [[html.escape(display_name(where)), f"{m.net[n]:.6g}", f"{grads[n]:.6g}"]
                   for n, where in m.net.names.items()]
        out = m.predict(m.X_all)
        if m.regression:
            points = [[f"{x:.4f}", f"{y:.4f}", f"{v:.4f}", f"{p:.4f}"]
                      for (x, y), v, p in zip(m.X_all, m.labels_all, out[:, 0])]
        else:
            pred = (out[:, 0] > 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)
            points = [[f"{x:.4f}", f"{y:.4f}", int(c), int(p)] for (x, y), c, p in zip(m.X_all, m.labels_all, pred)]
        head = [t(f"play.table.{k}") for k in ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")]
        self.tables.value = (f"<h4>{html.escape(t('play.table.history'))}</h4>"
                             + html_table(head, hist[::-1], 50, align="right")
                             + f"<h4>{html.escape(t('play.table.weights'))}</h4>"
                             + html_table([t("play.table.parameter"), t("play.table.value"), t("play.table.gradient")],
                                          weights, align="right")
                             + f"<h4>{html.escape(t('play.table.points'))}</h4>"
                             + html_table(["x1", "x2", t("play.table.value" if m.regression else "play.table.class"),
                                           t("play.table.predicted")], points, 100,
                                          align="right"))

    def preview_png(self):
        """A still picture of the playground as it starts (base64 PNG, drawn by matplotlib): the
        decision boundary with the points, and the network with every unit's picture."""
        import base64
        import io

        from matplotlib.backends.backend_agg import FigureCanvasAgg

        from ..draw import figures
        m = self.model
        if m.regression:
            rgb = svg.value_pixels(m.boundary(), self._value_scale())
            colours = svg.value_colours(m.labels_all, self._value_scale())
        else:
            rgb = svg.boundary_pixels(m.boundary(), m.n_classes)
            colours = [svg.CLASS_COLOURS[int(c) % len(svg.CLASS_COLOURS)] for c in m.labels_all]
        fig = figures.playground_still(rgb, m.extent(), (m.X_all, colours), m.net, self.layout,
                                       dict(self.unit_pictures()))
        FigureCanvasAgg(fig)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=80)
        return base64.b64encode(out.getvalue()).decode("ascii")

    # ---- messages and guards ----------------------------------------------------------------
    def say(self, text, kind="info"):
        self.message.value = message_html(text, kind)

    def _guard(self, action):
        return guarded(action, self.say, self.restore)

    def restore(self):
        """After a refusal: the controls and every view back to the model (its last good state)."""
        self.sync()
        self._rebuilt()

    def sync(self):
        """Put every control back to the model's settings (after a refusal, a load or an automatic
        change), so that what the drop-downs say is always what the model uses."""
        m = self.model
        s = m.settings
        with self.syncing:
            custom = s["dataset"] == "custom" or m.custom is not None
            options = self._dataset_options(custom)
            if list(self.controls["dataset"].options) != options:
                self.controls["dataset"].options = options
            for key, widget in self.controls.items():
                value = s[key]
                if key == "hidden":
                    value = ", ".join(map(str, value))
                elif key == "weight_decay" and not value:
                    continue                      # off: the slider keeps the λ to use when it is turned on
                if widget.value != value:
                    widget.value = value
            # no penalty: the λ slider stays, disabled and without a readout (it would show a λ not in use)
            self.regularisation.value = m.regularisation
            off = m.regularisation == "none"
            self.controls["weight_decay"].disabled = off
            self.controls["weight_decay"].readout = not off
            for name, button in self.feature_buttons.items():
                button.value = name in s["features"]
                button.button_style = "info" if button.value else ""
            # the learner's CSV: say what is loaded; the generator's controls do not describe it
            own = s["dataset"] == "custom"
            for key in ("n_points", "noise", "data_seed"):
                self.controls[key].disabled = own
            self.data_info.value = self.t(
                "play.data_info.regression" if m.regression else "play.data_info",
                name=html.escape(m.custom_name or self.t("play.data_info.no_name")),
                n=len(m.X_all), k=m.n_classes) if own else ""
            # regression: one output fits (the linear one), and there is no accuracy to draw
            self.controls["output"].disabled = m.regression
            self.acc_view.layout.display = "none" if m.regression else None
            legend = self.t("play.boundary.legend.regression" if m.regression else "play.boundary.legend")
            self.legend.value = html.escape(legend).replace("\n", "<br>")

    def _on_setting(self, key):
        def changed(change):
            if self.syncing:
                return
            if key == "weight_decay" and self.model.regularisation == "none":
                return          # the slider is disabled while there is no penalty
            new, current = change["new"], self.model.settings[key]
            if isinstance(new, float) and isinstance(current, float) and current > 0 \
                    and abs(new - current) <= 1e-9 * current:
                return          # the browser echoing a value we set, rounded: not a change
            self._guard(lambda: self.set(key, change["new"]))()
        return changed

    def set(self, key, value):
        """Change one setting, as its control does.  When the data set changes, the output follows
        it (softmax for 3+ classes, the learner's own choice for two) and a message says so."""
        before, output = self.model.net, self.model.settings["output"]
        if key == "hidden":
            value = parse_hidden(value, self.lang)
        self.model.configure(**{key: value})
        self.sync()
        self.say("" if key == "output" else self._output_note(output))
        if self.model.net is not before:
            self._rebuilt()
        else:
            self.refresh()

    def _on_feature(self, name):
        def changed(change):
            if self.syncing:
                return
            on = [f for f in features.FEATURES if f != name and self.feature_buttons[f].value]
            chosen = on + [name] if change["new"] else on
            self._guard(lambda: self.set("features", [f for f in features.FEATURES if f in chosen]))()
        return changed

    def _on_regularisation(self, change):
        if self.syncing:
            return
        self._guard(lambda: self.set_regularisation(change["new"]))()

    def set_regularisation(self, choice):
        """The penalty as one choice, as its drop-down sets it: "none", "L1" or "L2" (with the λ of the
        slider)."""
        self.model.regularise(choice, self.controls["weight_decay"].value)
        self.sync()
        self.say("")
        self.refresh()

    def _output_note(self, before):
        """A message when the output changed by itself (the data's classes), else ""."""
        now = self.model.settings["output"]
        if now == before:
            return ""
        if now == REGRESSION_OUTPUT:
            return self.t("play.msg.output_regression")
        if OUTPUTS[now][0] == "softmax" and self.model.n_classes > 2:
            return self.t("play.msg.output_softmax", n=self.model.n_classes)
        return self.t("play.msg.output_back", output=self.t(OUTPUT_KEYS[now]))

    def _on_upload(self, load, with_name=False):
        def changed(change):
            files = browserfile.uploaded(change["new"])
            if not files:
                return
            name, content = files[0]
            self._guard(lambda: load(content, name) if with_name else load(content))()
        return changed

    # ---- actions -------------------------------------------------------------------------------
    def one_step(self):
        try:
            self.model.train_steps(1)
        finally:
            self.refresh()
        self.say("")
        self.show_weight()

    def reset(self):
        """The same starting weights again (from the weights seed), epoch 0."""
        self.pause()
        self.model.reset_training()
        self.say(self.t("play.msg.reset", seed=self.model.settings["seed"]))
        self._rebuilt()

    def new_weights(self):
        """A new starting point: a new weights seed, shown in its box, and new weights from it."""
        self.pause()
        seed = self.model.new_weights()
        self.sync()
        self.say(self.t("play.msg.new_weights", seed=seed))
        self._rebuilt()

    def load_csv(self, source, name=None):
        """The learner's own points (a path, or the bytes of an uploaded file and its name)."""
        output = self.model.settings["output"]
        self.model.load_csv(source, name=name)
        self.sync()
        if self.model.regression:      # the output's change is part of this message
            self.say(self.t("play.msg.loaded_csv_regression", n=len(self.model.X_all)))
        else:
            note = self._output_note(output)
            self.say(" ".join(filter(None, [self.t("play.msg.loaded_csv", n=len(self.model.X_all),
                                                         k=self.model.n_classes), note])))
        self._rebuilt()

    def load_state(self, text):
        """A state saved by ``save`` (the text, or the bytes of an uploaded file)."""
        self.pause()
        self.model.load_json(text)
        self.sync()
        self.say(self.t("play.msg.loaded_state", epoch=f"{self.model.epoch:.1f}", steps=self.model.steps))
        self._rebuilt()

    def save(self):
        """Write the state where the learner said, and offer it as a download link too."""
        text = self.model.to_json()
        name = Path(self.save_path.value or "playground-state.json").name
        where = self.write_file(Path(self.save_path.value or name), text)
        if browserfile.in_browser():   # JupyterLite: the written file stays in the tab; the link is the way out
            where = browserfile.saved_message(name, self.lang)
        self.say(where)
        self.download.value = browserfile.download_link(text, name, lang=self.lang)

    def write_file(self, path, text):
        """Save ``text`` at ``path`` on the kernel's machine; the message to show."""
        try:
            path.write_text(text, encoding="utf-8")
            return self.t("play.msg.saved", path=path)
        except OSError as exc:
            return self.t("play.msg.not_saved", path=path, reason=exc.strerror)

    # ---- playing --------------------------------------------------------------------------------
    def frame(self, playing=None):
        """One frame of play: a few training steps, then every view.  Returns False to stop.
        playing: draw as Play does (default: whether Play is on)."""
        playing = self.play.value if playing is None else playing
        try:
            self.model.train_steps(self.steps_per_frame.value)
        except Diverged as exc:
            self.refresh()
            self.say(str(exc), "error")
            return False
        self.refresh(playing=playing)
        if self.model.should_stop():
            self.say(self.t("play.msg.stopped", epoch=f"{self.model.epoch:.1f}"))
            return False
        trouble = self.model.trouble()
        if trouble:
            self.say(self.trouble_message(trouble), "error")
            return False
        return True

    def trouble_message(self, trouble):
        """What a student reads when training cannot get anywhere (see ``Playground.trouble``)."""
        m, t = self.model, self.t
        values = {"epoch": f"{m.epoch:.1f}", "lr": f"{m.settings['lr']:.3g}",
                  "activation": t(f"play.activation.{m.settings['activation']}")}
        kind, what, dead = trouble
        if kind == "dead":
            return t("play.msg.dead_layer", k=what, **values)
        units = "; ".join(t("play.msg.dead_units.layer", k=k, units=", ".join(str(i + 1) for i in units))
                          for k, units in dead.items())
        return t("play.msg.stuck", n=STUCK_POINTS, g=f"{what:.1e}",
                 dead=t("play.msg.dead_units", units=units) if dead else "", **values)

    def run_frames(self, n):
        """Play n frames right now (for tests and benchmarks); returns how many ran."""
        for done in range(1, n + 1):
            if not self.frame(playing=True):
                return done
        return n

    async def _play_loop(self):
        try:
            while self.play.value:
                start = time.perf_counter()
                if not self.frame():
                    break
                await asyncio.sleep(max(0.002, 1.0 / FPS - (time.perf_counter() - start)))
        except Exception as exc:  # never a traceback
            self.say(self.t("play.msg.play_failed", error=f"{type(exc).__name__}: {exc}"), "error")
            self.restore()
        finally:
            self.pause()
            self.show_weight()

    def _on_play(self, change):
        if change["new"]:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                self.say(self.t("play.msg.no_loop"), "error")
                self.play.value = False
                return
            self.play.description, self.play.icon = self.t("play.button.pause"), "pause"
            self.play.tooltip = self.t("play.tip.pause")
            self.play.button_style = "warning"
            self.busy.value = f"<span class='bp-busy'></span>{html.escape(self.t('play.busy'))}"
            self.say("")
            self.draw_targets(playing=True)
            self._task = loop.create_task(self._play_loop())
        else:
            self.play.description, self.play.icon = self.t("play.button.play"), "play"
            self.play.tooltip = self.t("play.tip.play")
            self.play.button_style = ""
            self.busy.value = ""
            self.draw_targets()

    def pause(self):
        self.play.value = False


def playground_app(lang="en", **settings):
    """The playground widget (see notebook 03); settings as in ``playground.DEFAULTS``;
    ``lang`` is the language of every text it shows (``strings.LANGUAGES``)."""
    strings.check_language(lang)
    return PlaygroundApp(Playground(lang=lang, **settings), lang=lang).widget
