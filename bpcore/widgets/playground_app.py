"""The playground's widgets, on top of ``playground.Playground``.

``playground_app(lang="en")`` returns one widget; its ``.app`` attribute is the
``PlaygroundApp`` behind it, so tests can change settings, press buttons and
run frames without a browser.  Every text it shows comes from ``strings``
(``lang="zh"`` for the Chinese edition).  Play runs as an asyncio task in the
kernel's event loop, yielding between frames, so every slider and button keeps
responding while it trains.  Every view is SVG, rebuilt each frame in a few
milliseconds.  No control ever shows a traceback: errors become a message, and
the controls and the views go back to the last good state.

The layout reflows: the controls (one column, 340 px) sit beside the
views when there is room and above them when not, and the views themselves wrap
(decision boundary, then the curves); nothing is ever squeezed below its size.
"""
import asyncio
import html
import time
from pathlib import Path

import ipywidgets as W

from .. import datasets
from ..draw import svg
from ..draw.layout import Layout
from . import browserfile, strings
from .feedback import guarded, html_table, message_html
from .playground import ACTIVATIONS, OUTPUTS, Diverged, Playground

FPS = 40   # the most frames per second play asks for (the browser draws about 30 of them)
DIAGRAM_WIDTH = 540   # pixels: fits a laptop's notebook column, at the diagram's own text sizes

#: each output setting's key in the string table
OUTPUT_KEYS = {"sigmoid + ½Σ(y−ŷ)² (as in the documents)": "play.output.half_sse",
               "sigmoid + cross-entropy": "play.output.bce",
               "softmax + cross-entropy (3+ classes)": "play.output.softmax"}

# One style sheet for the app (the class names are the app's own).  Buttons are as wide as their
# caption; the network diagram keeps its size and scrolls sideways if its column is narrower.
CSS = """<style>
.bp-play .jupyter-button { width: auto; min-width: 64px; flex: 0 0 auto; padding: 0 10px; }
.bp-play .bp-diagram { overflow-x: auto; max-width: 100%; }
.bp-play .bp-diagram svg { max-width: none !important; }
.bp-play .bp-scroll { overflow-x: auto; max-width: 100%; }
.bp-play .widget-readout { min-width: 48px; }
</style>"""


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
    return W.Box(children, layout=W.Layout(display="flex", flex_flow=flex_flow, **layout))


class PlaygroundApp:
    """The playground's controls and views around a ``Playground``."""

    def __init__(self, model=None, lang="en"):
        self.lang = strings.check_language(lang)
        self.model = model or Playground()
        self._syncing = False
        self._task = None
        self.frames = 0
        t = self.t
        s = self.model.settings
        style = {"description_width": "124px"}
        full = W.Layout(width="auto", max_width="420px")
        c = self.controls = {
            "dataset": W.Dropdown(options=self._dataset_options(), value=s["dataset"], description=t("play.dataset")),
            "n_points": W.IntSlider(value=s["n_points"], min=20, max=1000, step=10, description=t("play.n_points"),
                                    continuous_update=False),
            "noise": W.FloatSlider(value=s["noise"], min=0.0, max=0.5, step=0.01, description=t("play.noise"),
                                   continuous_update=False),
            "test_fraction": W.FloatSlider(value=s["test_fraction"], min=0.1, max=0.5, step=0.05,
                                           description=t("play.test_fraction"), continuous_update=False),
            "data_seed": W.IntText(value=s["data_seed"], description=t("play.data_seed")),
            "hidden": W.Text(value=", ".join(map(str, s["hidden"])), description=t("play.hidden"),
                             placeholder=t("play.hidden.placeholder"), continuous_update=False),
            "activation": W.Dropdown(options=[(t(f"play.activation.{a}"), a) for a in ACTIVATIONS],
                                     value=s["activation"], description=t("play.activation")),
            "output": W.Dropdown(options=[(t(OUTPUT_KEYS[o]), o) for o in OUTPUTS], value=s["output"],
                                 description=t("play.output")),
            "lr": W.FloatLogSlider(value=s["lr"], base=10, min=-3, max=1.5, step=0.05, description=t("play.lr"),
                                   readout_format=".3g"),
            "weight_decay": W.FloatLogSlider(value=max(s["weight_decay"], 1e-6), base=10, min=-6, max=0, step=0.25,
                                             description=t("play.weight_decay"), readout_format=".1e"),
            "batch_size": W.IntSlider(value=s["batch_size"], min=1, max=500, description=t("play.batch_size")),
            "seed": W.IntText(value=s["seed"], description=t("play.seed")),
            "stop_epochs": W.BoundedFloatText(value=s["stop_epochs"], min=0, max=1e6,
                                              description=t("play.stop_epochs")),
            "stop_loss": W.BoundedFloatText(value=s["stop_loss"], min=0, max=10, step=0.001,
                                            description=t("play.stop_loss")),
        }
        self.decay_on = W.Checkbox(value=s["weight_decay"] > 0, description=t("play.decay_on"), indent=False)
        for key, widget in c.items():
            widget.style = style
            widget.layout = full
            widget.observe(self._on_setting(key), names="value")
        self.decay_on.observe(self._on_setting("weight_decay"), names="value")
        self.steps_per_frame = W.IntSlider(value=5, min=1, max=50, description=t("play.steps_per_frame"),
                                           style=style, layout=W.Layout(width="auto", max_width="420px"))
        self.play = W.ToggleButton(value=False, description=t("play.button.play"), icon="play",
                                   tooltip=t("play.tip.play"))
        self.play.observe(self._on_play, names="value")
        self.buttons = {
            "step": W.Button(description=t("button.step"), icon="step-forward", tooltip=t("play.tip.step")),
            "reset": W.Button(description=t("button.reset"), icon="undo", tooltip=t("play.tip.reset")),
            "save": W.Button(description=t("play.button.save"), icon="download", tooltip=t("play.tip.save")),
            "load_path": W.Button(description=t("play.button.load_path"), icon="folder-open",
                                  tooltip=t("play.tip.load_path"))}
        self.buttons["step"].on_click(self._guard(self.one_step))
        self.buttons["reset"].on_click(self._guard(self.reset))
        self.buttons["save"].on_click(self._guard(self.save))
        self.buttons["load_path"].on_click(self._guard(lambda: self.load_csv(Path(self.csv_path.value))))
        self.save_path = W.Text(value="playground-state.json", description=t("play.save_path"), style=style,
                                layout=full)
        self.csv_path = W.Text(value="", placeholder="my_points.csv", description=t("play.csv_path"), style=style,
                               layout=full)
        self.csv_upload = W.FileUpload(accept=".csv", multiple=False, description=t("play.button.upload_csv"),
                                       tooltip=t("play.tip.upload_csv"))
        self.json_upload = W.FileUpload(accept=".json", multiple=False, description=t("play.button.upload_state"),
                                        tooltip=t("play.tip.upload_state"))
        self.csv_upload.observe(self._on_upload(self.load_csv), names="value")
        self.json_upload.observe(self._on_upload(self.load_state), names="value")
        self.download = W.HTML()
        self.pick = W.Dropdown(description=t("play.pick"), style=style, layout=full)
        self.pick.observe(lambda change: self._guard(self.show_weight)(), names="value")
        self.message = W.HTML(layout=W.Layout(max_width="420px"))
        self.counter = W.HTML(layout=W.Layout(max_width="420px"))
        self.boundary = W.HTML(layout=W.Layout(grid_area="1 / 1 / 2 / 2"))      # the prediction, each frame
        self.points_view = W.HTML(layout=W.Layout(grid_area="1 / 1 / 2 / 2"))   # the points on top of it
        self.loss_view = W.HTML()
        self.acc_view = W.HTML()
        self.diagram = W.HTML()
        self.diagram.add_class("bp-diagram")
        self.weight_view = W.HTML()
        self.weight_view.add_class("bp-scroll")
        self.tables = W.HTML()
        self.tables.add_class("bp-scroll")
        self.show_tables = W.Button(description=t("play.button.tables"), icon="table", tooltip=t("play.tip.tables"))
        self.show_tables.on_click(self._guard(self.fill_tables))

        gap = "6px"
        data_box = W.VBox([c["dataset"], c["n_points"], c["noise"], c["test_fraction"], c["data_seed"],
                           _box([self.csv_upload], grid_gap=gap), self.csv_path,
                           _box([self.buttons["load_path"]], grid_gap=gap)])
        net_box = W.VBox([c["hidden"], c["activation"], c["output"]])
        train_box = W.VBox([c["lr"], self.decay_on, c["weight_decay"], c["batch_size"], c["seed"],
                            c["stop_epochs"], c["stop_loss"]])
        file_box = W.VBox([self.save_path, _box([self.buttons["save"], self.json_upload], grid_gap=gap),
                           self.download])
        settings = W.Accordion(children=[data_box, net_box, train_box, file_box],
                               titles=[t("play.section.data"), t("play.section.network"),
                                       t("play.section.training"), t("play.section.files")],
                               layout=W.Layout(width="auto", max_width="420px"))
        settings.selected_index = 0
        self.settings_panel = settings
        buttons = _box([self.play, self.buttons["step"], self.buttons["reset"]], grid_gap=gap)
        controls = W.VBox([buttons, self.steps_per_frame, self.counter, self.message, settings],
                          layout=W.Layout(flex="0 0 340px", min_width="340px"))
        curves = W.VBox([self.loss_view, self.acc_view], layout=W.Layout(flex="0 0 auto"))
        stack = W.GridBox([self.boundary, self.points_view], layout=W.Layout(grid_template_columns="auto",
                                                                             align_items="flex-start"))
        plots = _box([stack, curves], grid_gap="8px", justify_content="flex-start")
        views = W.VBox([plots, self.diagram, self.pick, self.weight_view, _box([self.show_tables]), self.tables],
                       layout=W.Layout(flex="1 1 560px", min_width="0", max_width="100%"))
        self.widget = _box([W.HTML(CSS), controls, views], grid_gap="12px", width="100%")
        self.widget.add_class("bp-play")
        self.widget.app = self
        self._rebuilt()

    def t(self, key, **values):
        """This app's text for ``key`` (see ``strings``)."""
        return strings.text(key, self.lang, **values)

    def _dataset_options(self, custom=False):
        names = list(datasets.DATASETS) + (["custom"] if custom else [])
        return [(self.t(f"play.dataset.{name}"), name) for name in names]

    # ---- views -------------------------------------------------------------------------
    def _rebuilt(self):
        """After the network changed shape: new layout, new weight list, every view."""
        m = self.model
        self.layout = Layout(m.net)
        names = [n for n, (kind, _, _) in m.net.names.items() if kind == "W"]
        self._syncing = True
        try:
            if list(self.pick.options) != names:
                self.pick.options = names
            if self.pick.value not in names:
                self.pick.value = names[0]
        finally:
            self._syncing = False
        self.refresh()
        self.show_weight()

    def refresh(self):
        """Redraw every live view from the model (a few milliseconds)."""
        m, t = self.model, self.t
        h = m.history
        train_loss, test_loss, train_acc, test_acc = (h[k][-1] for k in ("train_loss", "test_loss", "train_acc",
                                                                          "test_acc"))
        self.counter.value = t("play.counter", epoch=f"{m.epoch:.1f}", steps=m.steps, train_loss=f"{train_loss:.4f}",
                               test_loss=f"{test_loss:.4f}", test_acc=f"{100 * test_acc:.0f}")
        self.boundary.value = svg.boundary_image_svg(m.boundary(), m.n_classes)
        self.points_view.value = self._points()          # sent only when it changed: with the data
        train, test = t("play.curve.train"), t("play.curve.test")
        self.loss_view.value = svg.curves_svg(
            [(train, h["epoch"], h["train_loss"], svg.COLOURS["blue"], False),
             (test, h["epoch"], h["test_loss"], svg.COLOURS["vermillion"], True)],
            t("play.curve.loss"), "", xlabel=t("play.curve.epoch"))
        self.acc_view.value = svg.curves_svg(
            [(train, h["epoch"], h["train_acc"], svg.COLOURS["blue"], False),
             (test, h["epoch"], h["test_acc"], svg.COLOURS["vermillion"], True)],
            t("play.curve.accuracy"), "", xlabel=t("play.curve.epoch"), ylim=(0.0, 1.0))
        grads = m.full_gradient()
        self.diagram.value = svg.network_svg(m.net, self.layout, None, grads, 1, "L", edge_labels=False,
                                             grad_glow=True, max_width=DIAGRAM_WIDTH) + (
            f"<div style='font-size:12px;max-width:{DIAGRAM_WIDTH}px'>{html.escape(t('play.diagram.note'))}</div>")
        self.frames += 1

    def _points(self):
        """The boundary view's points, frame and legend, made again only when the data changed
        (they are most of that view, and the same in every frame of play)."""
        m = self.model
        data = (m.X_train, m.labels_train, m.X_test, m.labels_test)
        kept = getattr(self, "_points_for", None)
        if kept is None or any(a is not b for a, b in zip(kept[0], data)):
            self._points_for = (data, svg.boundary_overlay_svg(m.extent(), data[:2], data[2:],
                                                               legend=self.t("play.boundary.legend")))
        return self._points_for[1]

    def show_weight(self):
        """The picked weight up close: chain-rule factors, its δ·nᵀ entry, a finite-difference check."""
        if self._syncing or not self.pick.value:
            return
        t = self.t
        d = self.model.weight_detail(self.pick.value)
        k, i, j = d["k"], d["i"], d["j"]
        rows = [[t("play.weight.value"), f"{d['value']:.6g}"],
                [t("play.weight.delta", i=i + 1, k=k), f"{d['delta_first']:.6g}"]]
        if d["back_first"] is not None:
            rows += [[t("play.weight.back", k=k + 1), f"{d['f_prime_first']:.6g} × {d['back_first']:.6g}"]]
        else:
            rows += [[t("play.weight.out"), ""]]
        rows += [[t("play.weight.input", j=j + 1, k=k - 1), f"{d['n_prev_first']:.6g}"],
                 [t("play.weight.contribution"), f"{d['contribution_first']:.6g}"],
                 [t("play.weight.gradient", n=d["n_train"]), f"{d['gradient']:.8g}"],
                 [t("play.weight.numeric"), f"{d['numeric']:.8g}"]]
        rows = [[html.escape(a), b] for a, b in rows]
        self.weight_view.value = (t("play.weight.title", name=html.escape(d["name"]), j=j + 1, k_in=k - 1, i=i + 1,
                                    k=k) + html_table(["", ""], rows, align="right"))

    def fill_tables(self):
        """The numbers behind the plots, as tables."""
        m, t = self.model, self.t
        h = m.history
        hist = [[f"{e:.2f}", f"{a:.5f}", f"{b:.5f}", f"{c:.3f}", f"{d:.3f}"]
                for e, a, b, c, d in zip(h["epoch"], h["train_loss"], h["test_loss"], h["train_acc"], h["test_acc"])]
        grads = m.full_gradient()
        weights = [[n, f"{m.net[n]:.6g}", f"{grads[n]:.6g}"] for n in m.net.names]
        out = m.predict(m.X_all)
        pred = (out[:, 0] > 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)
        points = [[f"{x:.4f}", f"{y:.4f}", int(c), int(p)] for (x, y), c, p in zip(m.X_all, m.labels_all, pred)]
        head = [t(f"play.table.{k}") for k in ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")]
        self.tables.value = (f"<h4>{html.escape(t('play.table.history'))}</h4>"
                             + html_table(head, hist[::-1], 50, align="right")
                             + f"<h4>{html.escape(t('play.table.weights'))}</h4>"
                             + html_table([t("play.table.parameter"), t("play.table.value"), t("play.table.gradient")],
                                          weights, align="right")
                             + f"<h4>{html.escape(t('play.table.points'))}</h4>"
                             + html_table(["x1", "x2", t("play.table.class"), t("play.table.predicted")], points, 100,
                                          align="right"))

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
        s = self.model.settings
        self._syncing = True
        try:
            custom = s["dataset"] == "custom" or self.model.custom is not None
            options = self._dataset_options(custom)
            if list(self.controls["dataset"].options) != options:
                self.controls["dataset"].options = options
            for key, widget in self.controls.items():
                value = s[key]
                if key == "hidden":
                    value = ", ".join(map(str, value))
                elif key == "weight_decay":
                    value = max(value, 1e-6)
                if widget.value != value:
                    widget.value = value
            self.decay_on.value = s["weight_decay"] > 0
        finally:
            self._syncing = False

    def _on_setting(self, key):
        def changed(change):
            if self._syncing:
                return
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
        if key == "weight_decay":
            value = self.controls["weight_decay"].value if self.decay_on.value else 0.0
        self.model.configure(**{key: value})
        self.sync()
        self.say("" if key == "output" else self._output_note(output))
        if self.model.net is not before:
            self._rebuilt()
        else:
            self.refresh()

    def _output_note(self, before):
        """A message when the output changed by itself (the data's classes), else ""."""
        now = self.model.settings["output"]
        if now == before:
            return ""
        if OUTPUTS[now][0] == "softmax" and self.model.n_classes > 2:
            return self.t("play.msg.output_softmax", n=self.model.n_classes)
        return self.t("play.msg.output_back", output=self.t(OUTPUT_KEYS[now]))

    def _on_upload(self, load):
        def changed(change):
            files = change["new"]
            if not files:
                return
            content = files[0]["content"] if isinstance(files, (list, tuple)) else next(iter(files.values()))["content"]
            self._guard(lambda: load(bytes(content)))()
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
        self.pause()
        self.model.reset_training()
        self.say(self.t("play.msg.reset"))
        self._rebuilt()

    def load_csv(self, source):
        """The learner's own points (a path, or the bytes of an uploaded file)."""
        output = self.model.settings["output"]
        self.model.load_csv(source)
        self.sync()
        note = self._output_note(output)
        self.say(" ".join(filter(None, [self.t("play.msg.loaded_csv", n=len(self.model.X_all),
                                                     k=self.model.n_classes), note])))
        self._rebuilt()

    def load_state(self, text):
        """A state saved by ``save`` (the text, or the bytes of an uploaded file)."""
        self.pause()
        self.model.load_json(text)
        self.sync()
        self.say(self.t("play.msg.loaded_state", epoch=f"{self.model.epoch:.1f}"))
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
    def frame(self):
        """One frame of play: a few training steps, then every view.  Returns False to stop."""
        try:
            self.model.train_steps(self.steps_per_frame.value)
        except Diverged as exc:
            self.refresh()
            self.say(str(exc), "error")
            return False
        self.refresh()
        if self.model.should_stop():
            self.say(self.t("play.msg.stopped", epoch=f"{self.model.epoch:.1f}"))
            return False
        return True

    def run_frames(self, n):
        """Play n frames right now (for tests and benchmarks); returns how many ran."""
        for done in range(1, n + 1):
            if not self.frame():
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
            self.say("")
            self._task = loop.create_task(self._play_loop())
        else:
            self.play.description, self.play.icon = self.t("play.button.play"), "play"
            self.play.tooltip = self.t("play.tip.play")

    def pause(self):
        self.play.value = False


def playground_app(lang="en", **settings):
    """The playground widget (see notebook 03); settings as in ``playground.DEFAULTS``;
    ``lang`` is the language of every text it shows (``strings.LANGUAGES``)."""
    strings.check_language(lang)
    return PlaygroundApp(Playground(lang=lang, **settings), lang=lang).widget
