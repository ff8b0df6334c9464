"""Drawings on matplotlib: the network diagram, gradient bars, curves.

Every function takes ``ax=None`` (a new figure if None) and returns what it
drew, so a dashboard can draw once and then update the same artists in place.
Colours are the Okabe-Ito palette, which colour-blind readers can tell apart.

Notebook 01 draws the figures document 001 refers to but lacks with these.
Every function that writes a default title or axis label takes ``lang`` ("en" or
"zh", see ``labels``).  Importing this module lets matplotlib draw Chinese: it
appends a CJK font to the font fallback list (``fonts.use_cjk_fallback``).
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from . import fonts
from .labels import label
from .layout import FONT_POINTS, Layout, edge_style, label_sizes, largest_weight, texts

fonts.use_cjk_fallback()     # Chinese titles and labels: a CJK font after the Latin one

#: Okabe-Ito colours
BLUE, ORANGE, GREEN, VERMILION, SKY, PURPLE, GREY = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#777777")


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
                 edge_grads=True):
        self.layout = lay = Layout(net, **label_sizes(net, digits, edge_grads, unit_value))
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
        if title:
            ax.set_title(title, fontsize=size + 1)
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


def gradient_curves(names, history=None, ax=None, title=None, lang="en"):
    """One line per parameter: its gradient against the step; returns {name: Line2D}."""
    title = label("gradient_curves.title", lang) if title is None else title     # "" draws none
    ax = _axes(ax, (5, 3))
    colours = [BLUE, ORANGE, GREEN, VERMILION, SKY, PURPLE, GREY, "black"]
    styles = ["-", "--", ":", "-."]
    lines = {}
    for i, name in enumerate(names):
        values = [] if history is None else history[name]
        (lines[name],) = ax.plot(np.arange(len(values)), values, color=colours[i % 8],
                                 ls=styles[(i // 8) % 4], lw=1.2, label=name)
    ax.axhline(0, color="black", lw=0.6)
    ax.set_xlabel(label("axis.training_step", lang))
    ax.set_ylabel(label("axis.gradient", lang))
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, ncol=2 if len(names) > 6 else 1, loc="upper right")
    ax.grid(alpha=0.3)
    return lines


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
