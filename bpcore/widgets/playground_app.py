"""The playground's widgets, on top of ``playground.Playground``.

``playground_app()`` returns one widget; its ``.app`` attribute is the
``PlaygroundApp`` behind it, so tests can change settings, press buttons and
run frames without a browser.  Play runs as an asyncio task in the kernel's
event loop, yielding between frames, so every slider and button keeps
responding while it trains.  Every view is SVG, rebuilt each frame in a few
milliseconds.  No control ever shows a traceback: errors become a message and
the last good state stays.
"""
import asyncio
import html
import time
from pathlib import Path

import ipywidgets as W

from .. import datasets
from ..draw import svg
from ..draw.layout import Layout
from . import browserfile
from .feedback import guarded, html_table, message_html
from .playground import ACTIVATIONS, OUTPUTS, Diverged, Playground
from .strings import check_language

FPS = 30   # the most frames per second play asks for


def parse_hidden(text):
    """'3, 2' -> [3, 2]; '' -> [] (no hidden layer); ValueError otherwise."""
    text = str(text).strip()
    if not text:
        return []
    try:
        return [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
    except ValueError:
        raise ValueError(f"hidden layers: write the sizes separated by commas, like 3, 2 (got {text!r})") from None


class PlaygroundApp:
    """The playground's controls and views around a ``Playground``."""

    def __init__(self, model=None):
        self.model = model or Playground()
        self._syncing = False
        self._task = None
        self.frames = 0
        s = self.model.settings
        style = {"description_width": "120px"}
        wide = W.Layout(width="330px")
        c = self.controls = {
            "dataset": W.Dropdown(options=list(datasets.DATASETS), value=s["dataset"], description="data set"),
            "n_points": W.IntSlider(value=s["n_points"], min=20, max=1000, step=10, description="points",
                                    continuous_update=False),
            "noise": W.FloatSlider(value=s["noise"], min=0.0, max=0.5, step=0.01, description="noise",
                                   continuous_update=False),
            "test_fraction": W.FloatSlider(value=s["test_fraction"], min=0.1, max=0.5, step=0.05,
                                           description="test fraction", continuous_update=False),
            "data_seed": W.IntText(value=s["data_seed"], description="data seed"),
            "hidden": W.Text(value=", ".join(map(str, s["hidden"])), description="hidden layers",
                             placeholder="e.g. 3, 2", continuous_update=False),
            "activation": W.Dropdown(options=list(ACTIVATIONS), value=s["activation"], description="activation"),
            "output": W.Dropdown(options=list(OUTPUTS), value=s["output"], description="output, loss"),
            "lr": W.FloatLogSlider(value=s["lr"], base=10, min=-3, max=1.5, step=0.05, description="η (learning rate)",
                                   readout_format=".3g"),
            "weight_decay": W.FloatLogSlider(value=max(s["weight_decay"], 1e-6), base=10, min=-6, max=0, step=0.25,
                                             description="λ (weight decay)", readout_format=".1e"),
            "batch_size": W.IntSlider(value=s["batch_size"], min=1, max=500, description="batch size"),
            "seed": W.IntText(value=s["seed"], description="weights seed"),
            "stop_epochs": W.BoundedFloatText(value=s["stop_epochs"], min=0, max=1e6, description="stop at epoch"),
            "stop_loss": W.BoundedFloatText(value=s["stop_loss"], min=0, max=10, step=0.001,
                                            description="stop below loss"),
        }
        self.decay_on = W.Checkbox(value=s["weight_decay"] > 0, description="use weight decay", indent=False)
        for key, widget in c.items():
            widget.style = style
            widget.layout = wide
            widget.observe(self._on_setting(key), names="value")
        self.decay_on.observe(self._on_setting("weight_decay"), names="value")
        self.steps_per_frame = W.IntSlider(value=5, min=1, max=50, description="steps per frame", style=style,
                                           layout=wide)
        self.play = W.ToggleButton(value=False, description="Play", icon="play", tooltip="train continuously")
        self.play.observe(self._on_play, names="value")
        self.buttons = {"step": W.Button(description="One step", icon="step-forward"),
                        "reset": W.Button(description="Reset", icon="undo", tooltip="new weights from the seed"),
                        "save": W.Button(description="Save", icon="download", tooltip="settings and weights as JSON"),
                        "load_path": W.Button(description="Load CSV from path", icon="folder-open")}
        self.buttons["step"].on_click(self._guard(self.one_step))
        self.buttons["reset"].on_click(self._guard(self.reset))
        self.buttons["save"].on_click(self._guard(self.save))
        self.buttons["load_path"].on_click(self._guard(lambda: self.load_csv(Path(self.csv_path.value))))
        self.save_path = W.Text(value="playground-state.json", description="save to", style=style, layout=wide)
        self.csv_path = W.Text(value="", placeholder="my_points.csv", description="CSV path", style=style,
                               layout=wide)
        self.csv_upload = W.FileUpload(accept=".csv", multiple=False, description="Upload CSV")
        self.json_upload = W.FileUpload(accept=".json", multiple=False, description="Load saved state")
        self.csv_upload.observe(self._on_upload(self.load_csv), names="value")
        self.json_upload.observe(self._on_upload(self.load_state), names="value")
        self.download = W.HTML()
        self.pick = W.Dropdown(description="weight", style=style, layout=wide)
        self.pick.observe(lambda change: self._guard(self.show_weight)(), names="value")
        self.message = W.HTML()
        self.counter = W.HTML()
        self.boundary = W.HTML()
        self.loss_view = W.HTML()
        self.acc_view = W.HTML()
        self.diagram = W.HTML(layout=W.Layout(overflow="auto"))
        self.weight_view = W.HTML()
        self.tables = W.HTML()
        self.show_tables = W.Button(description="Show the numbers behind the plots", icon="table")
        self.show_tables.on_click(self._guard(self.fill_tables))
        data_box = W.VBox([c["dataset"], c["n_points"], c["noise"], c["test_fraction"], c["data_seed"],
                           self.csv_upload, self.csv_path, self.buttons["load_path"]])
        net_box = W.VBox([c["hidden"], c["activation"], c["output"]])
        train_box = W.VBox([c["lr"], self.decay_on, c["weight_decay"], c["batch_size"], c["seed"],
                            c["stop_epochs"], c["stop_loss"]])
        file_box = W.VBox([self.save_path, self.buttons["save"], self.download, self.json_upload])
        settings = W.Accordion(children=[data_box, net_box, train_box, file_box],
                               titles=["data", "network", "training", "save and load"])
        settings.selected_index = 0
        controls = W.VBox([W.HBox([self.play, self.buttons["step"], self.buttons["reset"]]), self.steps_per_frame,
                           self.counter, self.message, settings], layout=W.Layout(width="360px"))
        views = W.VBox([W.HBox([self.boundary, W.VBox([self.loss_view, self.acc_view])]), self.diagram,
                        W.HBox([W.VBox([self.pick, self.weight_view])]),
                        self.show_tables, self.tables])
        self.widget = W.HBox([controls, views])
        self.widget.app = self
        self._rebuilt()

    # ---- views -------------------------------------------------------------------------
    def _rebuilt(self):
        """After the network changed shape: new layout, new weight list."""
        m = self.model
        self.layout = Layout(m.net)
        names = [n for n, (kind, _, _) in m.net.names.items() if kind == "W"]
        self._syncing = True
        try:
            self.pick.options = names
            self.pick.value = names[0]
        finally:
            self._syncing = False
        self.refresh()
        self.show_weight()

    def refresh(self):
        """Redraw every live view from the model (a few milliseconds)."""
        m = self.model
        h = m.history
        train_loss, test_loss, train_acc, test_acc = (h[k][-1] for k in ("train_loss", "test_loss", "train_acc",
                                                                          "test_acc"))
        self.counter.value = (f"<b>epoch {m.epoch:.1f}</b> · step {m.steps} · train loss {train_loss:.4f} · "
                              f"test loss {test_loss:.4f} · test accuracy {100 * test_acc:.0f}%")
        self.boundary.value = svg.boundary_svg(m.boundary(), m.extent(), (m.X_train, m.labels_train),
                                               (m.X_test, m.labels_test), m.n_classes)
        self.loss_view.value = svg.curves_svg(
            [("train", h["epoch"], h["train_loss"], svg.COLOURS["blue"], False),
             ("test", h["epoch"], h["test_loss"], svg.COLOURS["vermillion"], True)], "loss", "loss")
        self.acc_view.value = svg.curves_svg(
            [("train", h["epoch"], h["train_acc"], svg.COLOURS["blue"], False),
             ("test", h["epoch"], h["test_acc"], svg.COLOURS["vermillion"], True)], "accuracy", "accuracy",
            ylim=(0.0, 1.0))
        grads = m.full_gradient()
        self.diagram.value = svg.network_svg(m.net, self.layout, None, grads, 3, "L", edge_labels=False,
                                             grad_glow=True) + (
            "<div style='font-size:12px'>edge width: |weight| (blue +, vermillion −); orange band: "
            "|∂L/∂w| over the training set, relative to the largest</div>")
        self.frames += 1

    def show_weight(self):
        """The picked weight up close: chain-rule factors, its δ·nᵀ entry, a finite-difference check."""
        if self._syncing or not self.pick.value:
            return
        d = self.model.weight_detail(self.pick.value)
        k, i, j = d["k"], d["i"], d["j"]
        rows = [["value w", f"{d['value']:.6g}"],
                [f"δ{i + 1} of layer {k}, first training point", f"{d['delta_first']:.6g}"]]
        if d["back_first"] is not None:
            rows += [[f"  = f'(z) × (Wᵀδ) of layer {k + 1}", f"{d['f_prime_first']:.6g} × {d['back_first']:.6g}"]]
        else:
            rows += [["  = ŷ − y (sigmoid/softmax with cross-entropy) or (ŷ − y) f'(z)", ""]]
        rows += [[f"input n{j + 1} of layer {k - 1}, first training point", f"{d['n_prev_first']:.6g}"],
                 ["its δ·n entry for that point", f"{d['contribution_first']:.6g}"],
                 [f"∂L/∂w = mean of δ·n over {d['n_train']} training points", f"{d['gradient']:.8g}"],
                 ["central finite difference", f"{d['numeric']:.8g}"]]
        self.weight_view.value = (f"<b>{html.escape(d['name'])}</b>: from unit {j + 1} of layer {k - 1} "
                                  f"to unit {i + 1} of layer {k}" + html_table(["", ""], rows, align="right"))

    def fill_tables(self):
        """The numbers behind the plots, as tables."""
        m = self.model
        h = m.history
        hist = [[f"{e:.2f}", f"{a:.5f}", f"{b:.5f}", f"{c:.3f}", f"{d:.3f}"]
                for e, a, b, c, d in zip(h["epoch"], h["train_loss"], h["test_loss"], h["train_acc"], h["test_acc"])]
        grads = m.full_gradient()
        weights = [[n, f"{m.net[n]:.6g}", f"{grads[n]:.6g}"] for n in m.net.names]
        out = m.net._forward(m.X_all).y_hat
        pred = (out[:, 0] > 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)
        points = [[f"{x:.4f}", f"{y:.4f}", int(c), int(p)] for (x, y), c, p in zip(m.X_all, m.labels_all, pred)]
        self.tables.value = ("<h4>loss and accuracy over epochs</h4>"
                             + html_table(["epoch", "train loss", "test loss", "train acc.", "test acc."],
                                          hist[::-1], 50, align="right")
                             + "<h4>weights and biases, with ∂L/∂ over the training set</h4>"
                             + html_table(["parameter", "value", "gradient"], weights, align="right")
                             + "<h4>every point: class and the network's prediction</h4>"
                             + html_table(["x1", "x2", "class", "predicted"], points, 100, align="right"))

    # ---- messages and guards ----------------------------------------------------------------
    def say(self, text, kind="info"):
        self.message.value = message_html(text, kind)

    def _guard(self, action):
        return guarded(action, self.say, self.sync)

    def sync(self):
        """Put every control back to the model's settings (after a refusal or a load)."""
        s = self.model.settings
        self._syncing = True
        try:
            for key, widget in self.controls.items():
                value = s[key]
                if key == "hidden":
                    value = ", ".join(map(str, value))
                elif key == "dataset" and value == "custom" and "custom" not in widget.options:
                    widget.options = list(widget.options) + ["custom"]
                elif key == "weight_decay":
                    value = max(value, 1e-6)
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
        """Change one setting, as its control does."""
        before = self.model.net
        if key == "hidden":
            value = parse_hidden(value)
        if key == "weight_decay":
            value = self.controls["weight_decay"].value if self.decay_on.value else 0.0
        changes = {key: value}
        note = ""
        if key == "dataset" and value in datasets.DATASETS and datasets.DATASETS[value][1] > 2 \
                and OUTPUTS[self.model.settings["output"]][0] != "softmax":
            changes["output"] = "softmax + cross-entropy (3+ classes)"
            note = "This data has 3 classes, so the output is now softmax with cross-entropy."
        self.model.configure(**changes)
        if note:
            self.sync()
        self.say(note)
        if self.model.net is not before:
            self._rebuilt()
        else:
            self.refresh()

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
        self.show_weight()

    def reset(self):
        self.pause()
        self.model.reset_training()
        self.say("New weights from the seed; epoch 0.")
        self._rebuilt()

    def load_csv(self, source):
        self.model.load_csv(source)
        self.sync()
        self.say(f"Loaded {len(self.model.X_all)} points in {self.model.n_classes} classes.")
        self._rebuilt()

    def load_state(self, text):
        self.pause()
        self.model.load_json(text)
        self.sync()
        self.say(f"Loaded a saved state: epoch {self.model.epoch:.1f}.")
        self._rebuilt()

    def save(self):
        text = self.model.to_json()
        name = Path(self.save_path.value or "playground-state.json").name
        path = Path(self.save_path.value or name)
        try:
            path.write_text(text, encoding="utf-8")
            where = f"Saved to {path}."
        except OSError as exc:
            where = f"Could not write {path} ({exc.strerror}); use the download link."
        if browserfile.in_browser():   # JupyterLite: the written file stays in the tab; the link is the way out
            where = browserfile.saved_message(name)
        self.download.value = browserfile.download_link(text, name)
        self.say(where)

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
            self.say(f"Stopped: the \"stop when\" condition is met at epoch {self.model.epoch:.1f}.")
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
                await asyncio.sleep(max(0.0, 1.0 / FPS - (time.perf_counter() - start)))
        except Exception as exc:  # never a traceback
            self.say(f"Play stopped ({type(exc).__name__}: {exc}).", "error")
        finally:
            self.pause()
            self.show_weight()

    def _on_play(self, change):
        if change["new"]:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                self.say("Play needs a running notebook kernel; use One step or run_frames here.", "error")
                self.play.value = False
                return
            self.play.description, self.play.icon = "Pause", "pause"
            self.say("")
            self._task = loop.create_task(self._play_loop())
        else:
            self.play.description, self.play.icon = "Play", "play"

    def pause(self):
        self.play.value = False


def playground_app(lang="en", **settings):
    """The playground widget (see notebook 03); settings as in ``playground.DEFAULTS``."""
    check_language(lang)
    return PlaygroundApp(Playground(**settings)).widget
