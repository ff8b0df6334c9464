"""Drawings on matplotlib: the network diagram, gradient bars, curves.

Every function takes ``ax=None`` (a new figure if None) and returns what it
drew, so a dashboard can draw once and then update the same artists in place.
Colours are the Okabe-Ito palette, which colour-blind readers can tell apart.

Notebook 01 draws the figures document 001 refers to but lacks with these.
Every function that writes a default title or axis label takes ``lang`` ("en" or
"zh", see ``labels``).  Importing this module lets matplotlib draw Chinese: it
appends a CJK font to the font fallback list (``fonts.use_cjk_fallback``).
"""
import weakref

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from . import fonts
from .labels import label
from .layout import FONT, FONT_POINTS, Layout, edge_style, label_sizes, largest_weight, texts

fonts.use_cjk_fallback()     # Chinese titles and labels: a CJK font after the Latin one

#: Okabe-Ito colours
BLUE, ORANGE, GREEN, VERMILION, SKY, PURPLE, GREY = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#777777")


#: the vertical spacings of units the notebooks' network figures try, in turn (the dashboards' SVG uses
#: Layout.DY): a taller layout gives a weight's label more free spots along its edge, so the gaps between
#: layers, and with them the figure, can be narrower for the same labels
FIGURE_DYS = (4.5, 6.0, 7.5, 9.0)
#: the widest a figure may be, in diagram units, for its labels (layout.FONT units) to show at 11 px or
#: more in a notebook's column of 565 px (a 1,000 px window with JupyterLab's file browser open)
FIGURE_UNITS = FONT * 565 / 11


def figure_layout(net, **sizes):
    """The Layout of a notebook figure: the first spacing of ``FIGURE_DYS`` that makes it at most
    ``FIGURE_UNITS`` wide (else the narrowest).  sizes: ``label_sizes``'s keyword arguments."""
    layouts = []
    for dy in FIGURE_DYS:
        lay = Layout(net, **sizes, dy=dy)
        if lay.xlim[1] - lay.xlim[0] <= FIGURE_UNITS:
            return lay
        layouts.append(lay)
    return min(layouts, key=lambda lay: lay.xlim[1] - lay.xlim[0])


CLOSING = "）」』，。、；：！？”’)]"       # never at the start of a line


def wrap_title(title, points, fontsize):
    """``title`` broken into lines no wider than ``points`` at ``fontsize``: at spaces, or between two
    CJK characters (Chinese has no spaces); a CJK character counts 1 em, any other 0.6 em."""
    def em(text):
        return sum(1.0 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 0.6 for ch in text)
    room = points / fontsize
    lines, line = [], ""
    for n, ch in enumerate(title):
        line += ch
        if em(line) > room:
            breaks = [i for i in range(1, len(line)) if line[i] not in CLOSING and (line[i - 1] == " " or
                      "\u2e80" <= line[i - 1] <= "\u9fff" or "\uff00" <= line[i - 1] <= "\uffef")]
            cut = breaks[-1] if breaks else len(line) - 1
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
    return "\n".join(lines + [line])


def _axes(ax, size=(7, 4)):
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def backward_path(net, name):
    """The edges error flows back along to reach parameter ``name``: a set of
    ("W", k, i, j) edges and ("loss", i) links from output unit i to the loss."""
    kind, k, index = net.names[name]
    i = 0 if (kind == "b" and net.shared_bias) else index[0]
    units = {i} if not (kind == "b" and net.shared_bias) else set(range(net.sizes[k]))
    path = set()
    if kind == "W":
        path.add(("W", k, index[0], index[1]))
    for layer in range(k + 1, net.L + 1):
        nxt = set(range(net.sizes[layer]))
        path |= {("W", layer, t, s) for s in units for t in nxt}
        units = nxt
    path |= {("loss", u) for u in units}
    return path


class NetworkDiagram:
    """The network drawn on ``ax``: neurons, weights, biases and the loss node.

    ``update(net, trace, grads)`` rewrites the values in place: each neuron's
    output n, each weight (and, with grads, its gradient), and the loss.  Edge
    width grows with |weight|; edge colour shows the sign (blue +, vermillion -).
    Positions and texts come from ``layout``, shared with the dashboards' SVG.
    """

    def __init__(self, net, ax=None, loss_label="E_{total}", digits=4, unit_value="out", title=None,
                 edge_grads=True, dy=None):
        sizes = label_sizes(net, digits, edge_grads, unit_value)
        # dy: the units' vertical spacing; None: the notebooks' figures' choice (figure_layout)
        self.layout = lay = figure_layout(net, **sizes) if dy is None else Layout(net, **sizes, dy=dy)
        if ax is None:       # axes filling the figure, so that the labels have the size the layout assumed
            fig = plt.figure(figsize=lay.figsize)
            ax = fig.add_axes((0.0, 0.0, 1.0, 1.0 - 0.4 / lay.figsize[1]))
        self.ax = ax
        self.net, self.digits, self.unit_value, self.edge_grads = net, digits, unit_value, edge_grads
        r, size = lay.R, FONT_POINTS
        self.edges, self.edge_text, self.unit_text, self.bias_text, self.loss_links = {}, {}, {}, {}, {}
        label_box = dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.85)
        for key, (x0, y0, x1, y1) in lay.edges.items():
            self.edges[key] = line = Line2D([x0, x1], [y0, y1], color=BLUE, lw=1.5, zorder=1)
            ax.add_line(line)
            x, y = lay.edge_label[key]
            self.edge_text[key] = ax.text(x, y, "", fontsize=size, ha="center", va="center", zorder=4, bbox=label_box)
        for (k, i), (x, y) in lay.pos.items():
            ax.add_patch(Circle((x, y), r, fc="#f4f4f4" if k == 0 else "white", ec="black", lw=1.2, zorder=2))
            ax.text(x, y, net.labels[k][i], ha="center", va="center", fontsize=size + 1, weight="bold", zorder=3)
            x, y = lay.unit_label[k, i]
            self.unit_text[k, i] = ax.text(x, y, "", ha="center", va="center", fontsize=size, color=GREEN,
                                           zorder=4, bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))
        for key, (x, y) in lay.bias_label.items():
            self.bias_text[key] = ax.text(x, y, "", ha="center", va="center", fontsize=size, color=ORANGE, zorder=4,
                                          bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))
        for k, (bx, by) in lay.bias_pos.items():
            ax.add_patch(Circle((bx, by), 0.7 * r, fc="#fff8e6", ec=ORANGE, zorder=2))
            ax.text(bx, by, f"b{k}", ha="center", va="center", fontsize=size, zorder=3)
            for i in range(net.sizes[k]):
                x1, y1 = lay.pos[k, i]
                ax.add_line(Line2D([bx, x1], [by, y1], color=ORANGE, lw=0.8, ls=":", zorder=1))
        lx, ly = lay.loss_pos
        ax.add_patch(Circle((lx, ly), 1.2 * r, fc="#fdeee6", ec=VERMILION, lw=1.2, zorder=2))
        ax.text(lx, ly, f"${loss_label}$", ha="center", va="center", fontsize=size, zorder=3)
        self.loss_text = ax.text(*lay.loss_label, "", ha="center", va="center", fontsize=size, color=VERMILION)
        for key, (x0, y0, x1, y1) in lay.loss_links.items():
            self.loss_links[key] = line = Line2D([x0, x1], [y0, y1], color=GREY, lw=1, ls="--", zorder=1)
            ax.add_line(line)
        ax.set_xlim(*lay.xlim)
        ax.set_ylim(*lay.ylim)
        ax.set_aspect("equal")
        ax.axis("off")
        if title:       # wrapped to the drawing's width: a long title would widen the saved figure
            ax.set_title(wrap_title(title, lay.figsize[0] * 72, size + 1), fontsize=size + 1)
        self.highlighted = set()

    def update(self, net=None, trace=None, grads=None, show_names=True, show_values=True):
        """Write the current values into the drawing; returns self."""
        net = self.net if net is None else net
        t = texts(net, self.layout, trace, grads, self.digits, show_names, show_values, self.edge_grads,
                  self.unit_value)
        wmax = largest_weight(net)
        for key, line in self.edges.items():
            _, k, i, j = key
            if key not in self.highlighted:
                colour, width = edge_style(net.W[k][i, j], wmax)
                line.set_color(colour)
                line.set_linewidth(width)
            self.edge_text[key].set_text(t["edges"][key])
        for key, text in self.unit_text.items():
            text.set_text(t["units"][key])
        for key, text in self.bias_text.items():
            text.set_text(t["biases"][key])
        self.loss_text.set_text(t["loss"])
        return self

    def highlight(self, edges, color=ORANGE):
        """Draw the given edges (see ``backward_path``) thick in ``color``; others faint."""
        self.highlighted = set(edges)
        for key, line in {**self.edges, **self.loss_links}.items():
            if key in self.highlighted:
                line.set_color(color)
                line.set_linewidth(3.5)
                line.set_alpha(1.0)
                line.set_zorder(1.5)
            else:
                line.set_alpha(0.25)
        return self


def draw_network(net, trace=None, grads=None, ax=None, highlight=None, show_names=True, show_values=True,
                 **kwargs):
    """Draw ``net`` (with values from ``trace`` and ``grads`` if given); returns the NetworkDiagram.

    highlight: a parameter name, whose backward path is drawn in orange.
    """
    diagram = NetworkDiagram(net, ax=ax, **kwargs)
    if highlight is not None:
        diagram.highlight(backward_path(net, highlight))
    return diagram.update(net, trace, grads, show_names=show_names, show_values=show_values)


def gradient_bars(names, values, ax=None, ylabel=None, title=None, lang="en", log=False):
    """A bar per parameter (blue +, vermillion -); returns the BarContainer (set_height to update).

    log: draw each bar's size |value| on a logarithmic axis (the colour still gives the sign), so
    that gradients a hundred times smaller than the others stay visible (notebook 01, section 4).
    """
    title = title or label("gradient_bars.title", lang)
    ax = _axes(ax, (6, 3))
    values = np.asarray(values, float)
    colours = [BLUE if v >= 0 else VERMILION for v in values]
    if log:
        sizes = np.abs(values)
        bars = ax.bar(range(len(names)), np.where(sizes > 0, sizes, np.nan), color=colours)
        ax.set_yscale("log")
        ax.grid(axis="y", which="major", alpha=0.3)
        from matplotlib.patches import Patch
        ax.legend(handles=[Patch(color=BLUE, label=label("gradient_bars.positive", lang)),
                           Patch(color=VERMILION, label=label("gradient_bars.negative", lang))],
                  fontsize=8, loc="upper left")       # the small bars are at the left
        # plain text, not mathtext: mathtext's font has no Chinese for the words after it
        ylabel = "|∂E/∂w|" + label("gradient_bars.log_axis", lang) if ylabel is None else ylabel
    else:
        bars = ax.bar(range(len(names)), values, color=colours)
        ax.axhline(0, color="black", lw=0.6)
        ylabel = r"$\partial E / \partial w$" if ylabel is None else ylabel
    ax.set_xticks(range(len(names)), names, rotation=45 if len(names) > 8 else 0, ha="right" if len(names) > 8 else "center",
                  fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    return bars


def set_bar_heights(bars, values):
    """Update a gradient_bars chart in place and rescale its axis."""
    values = np.asarray(values, float)
    for bar, v in zip(bars, values):
        bar.set_height(v)
        bar.set_color(BLUE if v >= 0 else VERMILION)
    ax = bars[0].axes
    top = float(np.max(np.abs(values))) if len(values) else 1.0
    top = top if top > 0 else 1.0
    ax.set_ylim(-1.15 * top, 1.15 * top)


def loss_curve(losses=(), ax=None, ylabel=r"$E_{total}$", title=None, log=False, lang="en"):
    """The loss against the step number; returns the Line2D (set_data to update)."""
    title = label("loss_curve.title", lang) if title is None else title     # "" draws none
    ax = _axes(ax, (5, 3))
    (line,) = ax.plot(np.arange(len(losses)), losses, color=BLUE, lw=1.5)
    ax.set_xlabel(label("axis.training_step", lang))
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    if log:
        ax.set_yscale("log")
    ax.grid(alpha=0.3)
    return line


#: the gradient curves' look, one entry per line in turn: colour-blind-safe colours (Okabe-Ito and black),
#: each with its own dash pattern and marker, so that no two lines differ by colour alone
CURVE_COLOURS = (BLUE, ORANGE, GREEN, VERMILION, SKY, PURPLE, "black", GREY)
CURVE_STYLES = ("-", "--", "-.", ":")
CURVE_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def curve_style(i):
    """The colour, line style and marker of the i-th gradient curve (0-based)."""
    return (CURVE_COLOURS[i % len(CURVE_COLOURS)], CURVE_STYLES[i % len(CURVE_STYLES)],
            CURVE_MARKERS[i % len(CURVE_MARKERS)])


def gradient_curves(names, history=None, ax=None, title=None, lang="en", direct_labels=True):
    """One line per parameter: its gradient against the step; returns {name: Line2D}.

    Each line has its own colour, dash pattern and marker (``curve_style``); with ``direct_labels``
    each is also named at its right end (``label_line_ends``; call it again after changing the data).
    """
    title = label("gradient_curves.title", lang) if title is None else title     # "" draws none
    ax = _axes(ax, (5, 3))
    lines = {}
    for i, name in enumerate(names):
        values = [] if history is None else history[name]
        colour, style, marker = curve_style(i)
        (lines[name],) = ax.plot(np.arange(len(values)), values, color=colour, ls=style, lw=1.4, marker=marker,
                                 markersize=4, markevery=0.2, label=name)
    ax.axhline(0, color="black", lw=0.6)
    ax.set_xlabel(label("axis.training_step", lang))
    ax.set_ylabel(label("axis.gradient", lang))
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, ncol=2 if len(names) > 6 else 1, loc="upper right")
    ax.grid(alpha=0.3)
    if direct_labels:
        label_line_ends(lines, ax)
    return lines


#: the end labels ``label_line_ends`` put on each axes, so that a redraw replaces them
_END_LABELS = weakref.WeakKeyDictionary()


def end_labels(ax):
    """The labels ``label_line_ends`` last put on ``ax``: {name: Text}."""
    return dict(_END_LABELS.get(ax, {}))


def label_line_ends(lines, ax, fontsize=8, gap=0.075):
    """Name each line of ``lines`` ({name: Line2D}) just right of its last point, in its colour; labels
    closer than ``gap`` (a fraction of the axes' height) are pushed apart.  Replaces the labels
    an earlier call put there; returns {name: Text}."""
    for old in _END_LABELS.pop(ax, {}).values():
        old.remove()
    ends = []
    for name, line in lines.items():
        x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
        ok = np.isfinite(x) & np.isfinite(y)
        if ok.any():
            ends.append([name, x[ok][-1], y[ok][-1], line.get_color()])
    labels = _END_LABELS[ax] = {}
    if not ends:
        return labels
    lo, hi = ax.get_ylim()
    span = (hi - lo) or 1.0
    ends.sort(key=lambda e: e[2])
    placed = []
    for e in ends:                       # from the bottom up, each at least ``gap`` above the one below
        f = (e[2] - lo) / span
        placed.append(max(f, placed[-1] + gap) if placed else f)
    if placed and placed[-1] > 1.0:      # shift down what ran over the top
        over = placed[-1] - 1.0
        placed = [p - over for p in placed]
        for n in range(len(placed) - 2, -1, -1):
            placed[n] = min(placed[n], placed[n + 1] - gap)
    if placed and placed[0] < 0.0:       # too many to fit at that spacing: spread them evenly, in order
        placed = list(np.linspace(0.0, 1.0, len(placed))) if len(placed) > 1 else [0.5]
    for (name, x, y, colour), f in zip(ends, placed):
        # in a column just right of the axes, a thin line in the curve's colour from its last point
        labels[name] = ax.annotate(
            name, xy=(x, y), xycoords="data", xytext=(1.02, f), textcoords="axes fraction",
            fontsize=fontsize, color=colour, va="center", ha="left", annotation_clip=False,
            arrowprops=dict(arrowstyle="-", color=colour, lw=0.6, shrinkA=0, shrinkB=0, alpha=0.7))
    return labels


def activation_plot(ax=None, names=("sigmoid", "tanh", "relu"), lang="en"):
    """Each activation and its derivative on [-6, 6]; returns the axes."""
    from ..activations import ACTIVATIONS
    title = label("activation_plot.title", lang)
    ax = _axes(ax, (6, 3))
    z = np.linspace(-6, 6, 241)
    for name, colour in zip(names, [BLUE, ORANGE, GREEN, PURPLE]):
        f, f_prime, _ = ACTIVATIONS[name]
        ax.plot(z, f(z), color=colour, lw=1.8, label=f"{name}")
        ax.plot(z, f_prime(z), color=colour, lw=1.2, ls="--", label=f"{name}'")
    ax.set_xlabel("z")
    ax.set_ylim(-1.2, 1.6)
    ax.legend(fontsize=8, ncol=3)
    ax.grid(alpha=0.3)
    ax.set_title(title, fontsize=10)
    return ax


def gradcheck_sweep(epsilons, curves, ax=None, title=None, lang="en"):
    """The worst relative error of a gradient check against its step ε, log-log, one line per
    entry of ``curves`` ({legend: errors}, each as long as ``epsilons``; ``gradcheck.sweep``
    computes them), each minimum marked.  Returns {legend: Line2D}.

    Right of the minimum the central difference's truncation error (∝ ε²) dominates; left of
    it, the loss's rounding error divided by 2ε (∝ 1/ε).
    """
    title = label("gradcheck_sweep.title", lang) if title is None else title     # "" draws none
    ax = _axes(ax, (6.4, 3.6))
    epsilons = np.asarray(epsilons, float)
    lines = {}
    lowest = np.inf
    for i, ((legend, errors), colour) in enumerate(zip(curves.items(), [VERMILION, BLUE, GREEN, PURPLE])):
        errors = np.asarray(errors, float)
        if errors.shape != epsilons.shape:
            raise ValueError(f"curves[{legend!r}] must have one error per epsilon ({len(epsilons)}), "
                             f"got shape {errors.shape}")
        # the first curves wider, so that a later one drawn over them where they coincide leaves them visible
        (lines[legend],) = ax.loglog(epsilons, errors, "o-", color=colour, lw=1.5 + 2.0 * (len(curves) - 1 - i),
                                     ms=3, label=legend, alpha=0.9)
        best = int(np.argmin(errors))
        lowest = min(lowest, float(errors[best]))
        ax.plot(epsilons[best], errors[best], "*", color=colour, ms=13, mec="black", mew=0.6)
        ax.annotate(f"{label('gradcheck_sweep.best', lang)} {epsilons[best]:.0e}", (epsilons[best], errors[best]),
                    textcoords="offset points", xytext=(6, -14), fontsize=8, color=colour)
    if np.isfinite(lowest) and lowest > 0:
        ax.set_ylim(bottom=lowest / 30)          # room for the labels under the minima
    ax.set_xlabel(label("axis.eps", lang))
    ax.set_ylabel(label("axis.worst_relative_error", lang))
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, loc="upper center")
    ax.grid(alpha=0.3, which="both")
    return lines


def playground_still(boundary_rgb, extent, points, net, layout, pictures, fig=None):
    """A still picture of the playground (for a notebook that has not run): the decision boundary
    with the points, and the network with every unit drawn as its picture, as the live diagram
    draws them.  boundary_rgb: ``svg.boundary_pixels``' (h, w, 3) array over ``extent``; points:
    (X, colours) of the points; pictures: {(k, i): (h, w, 3) array} (``PlaygroundApp.unit_pictures``).
    Returns the figure (a new one, not attached to pyplot, if fig is None)."""
    from matplotlib.figure import Figure
    if fig is None:
        fig = Figure(figsize=(9.6, 3.6))
    left = fig.add_axes((0.01, 0.03, 0.34, 0.94))
    left.imshow(boundary_rgb, extent=extent, origin="upper", interpolation="bilinear")
    X, colours = points
    left.scatter(X[:, 0], X[:, 1], s=10, c=colours, edgecolors="#222222", linewidths=0.4)
    left.set_xlim(extent[0], extent[1])
    left.set_ylim(extent[2], extent[3])
    left.set_xticks([])
    left.set_yticks([])
    right = fig.add_axes((0.37, 0.03, 0.62, 0.94))
    right.set_axis_off()
    wmax = largest_weight(net)
    for (_, k, i, j), (ax_, ay, bx, by) in layout.edges.items():
        colour, width = edge_style(net.W[k][i, j], wmax)
        right.plot([ax_, bx], [ay, by], color=colour, linewidth=width * 0.6, zorder=1)
    side = 0.78 * layout.DY / 2
    for (k, i), (x, y) in layout.pos.items():
        right.imshow(pictures[k, i], extent=(x - side, x + side, y - side, y + side), origin="upper",
                     interpolation="bilinear", zorder=2)
        right.add_patch(plt.Rectangle((x - side, y - side), 2 * side, 2 * side, fill=False, linewidth=1, zorder=3))
        if k == 0:
            right.text(x - side - 0.2, y, net.labels[0][i], ha="right", va="center", fontsize=9)
    x0, x1 = layout.xlim
    y0, y1 = layout.ylim
    right.set_xlim(x0 - 1.5, x1)
    right.set_ylim(y0 - 0.3, y1 + 0.3)
    right.set_aspect("equal")
    return fig
