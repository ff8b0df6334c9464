"""Where each part of a network diagram goes, and what it says: pure geometry and text.

Two renderers share this: ``figures.NetworkDiagram`` (matplotlib, for the
notebooks' figures) and ``svg.network_svg`` (for the dashboards, whose diagram
must redraw in a few milliseconds as a slider moves).  So both always agree.
"""
import numpy as np


def _fmt(value, digits):
    value = float(value)
    return f"{value:.{digits}f}" if abs(value) >= 10 ** -digits or value == 0 else f"{value:.{digits}g}"


class Layout:
    """Positions (in diagram units, y up) of every neuron, bias, edge label and the loss node."""

    DY, R = 2.6, 0.5   # unit spacing, neuron radius

    def __init__(self, net):
        L, sizes = net.L, net.sizes
        top = max(sizes)
        self.DX = dx = 6.0 + 0.6 * max(0, top - 2)          # room for more labels on denser layers
        dy, r = self.DY, self.R
        self.pos = {(k, i): (k * dx, ((size - 1) / 2.0 - i) * dy) for k, size in enumerate(sizes) for i in range(size)}
        self.loss_pos = (L * dx + 0.6 * dx, 0.0)
        self.bottom = -((top - 1) / 2.0) * dy - 1.1 * dy
        self.bias_pos = {k: ((k - 1) * dx + 0.45 * dx, self.bottom) for k in range(1, L + 1)} if net.shared_bias else {}
        self.edges = {}          # ("W", k, i, j) -> (x0, y0, x1, y1)
        self.edge_label = {}     # ("W", k, i, j) -> (x, y)
        for k in range(1, L + 1):
            for i in range(sizes[k]):
                for j in range(sizes[k - 1]):
                    (x0, y0), (x1, y1) = self.pos[k - 1, j], self.pos[k, i]
                    self.edges["W", k, i, j] = (x0, y0, x1, y1)
                    # spread the labels: edges from different sources get different points along
                    # clear of the circles, and apart where edges cross
                    t = 0.5 if sizes[k - 1] == 1 else 0.3 + 0.4 * j / (sizes[k - 1] - 1)
                    self.edge_label["W", k, i, j] = (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
        self.loss_links = {("loss", i): (self.pos[L, i][0] + r, self.pos[L, i][1], self.loss_pos[0] - 1.2 * r,
                                         self.loss_pos[1]) for i in range(sizes[L])}
        low = self.bottom - 1.0 if net.shared_bias else -((top - 1) / 2.0) * dy - 1.0
        self.xlim = (-1.0, self.loss_pos[0] + 1.0)
        self.ylim = (low, ((top - 1) / 2.0) * dy + 1.0)
        self.names = {(kind, k) + tuple(index): name for name, (kind, k, index) in net.names.items()}

    @property
    def figsize(self):
        """A figure size in inches that keeps the labels apart."""
        return (0.55 * (self.xlim[1] - self.xlim[0]), 0.6 * (self.ylim[1] - self.ylim[0]) + 0.4)


def texts(net, layout, trace=None, grads=None, digits=4, show_names=True, show_values=True, edge_grads=True,
          unit_value="out"):
    """The strings a diagram shows: {"edges": {key: str}, "units": {(k, i): str},
    "biases": {(k, i): str}, "loss": str}."""
    edges = {}
    for key in layout.edges:
        _, k, i, j = key
        w = net.W[k][i, j]
        parts = []
        name = layout.names.get(key, "")
        if show_names and show_values:
            parts.append(f"{name} = {_fmt(w, digits)}")
        elif show_names:
            parts.append(name)
        elif show_values:
            parts.append(_fmt(w, digits))
        if grads is not None and edge_grads:
            parts.append(f"∂/∂w = {grads.dW[k][i, j]:.{max(digits - 1, 2)}g}")
        edges[key] = "\n".join(parts)
    units = {}
    for (k, i) in layout.pos:
        if trace is None or not show_values:
            units[k, i] = ""
        elif k == 0:
            units[k, i] = _fmt(trace.n[0][i], digits)
        else:
            units[k, i] = f"{unit_value} = {float(trace.n[k][i]):.{digits}f}"
    biases = {}
    for k in range(1, net.L + 1):
        for i in range(len(net.b[k])):
            name = layout.names.get(("b", k, i), f"b{k}")
            biases[k, i] = f"{name} = {_fmt(net.b[k][i], 2)}" if show_values else name
    loss = f"{grads.loss:.{digits + 2}g}" if grads is not None and show_values else ""
    return {"edges": edges, "units": units, "biases": biases, "loss": loss}


def edge_style(w, wmax):
    """(colour, width) of an edge for weight w: blue +, vermillion -, wider for larger |w|."""
    share = abs(w) / wmax if np.isfinite(w) else 1.0
    return ("#0072B2" if w >= 0 else "#D55E00"), 0.6 + 3.0 * share


def largest_weight(net):
    """The largest finite |weight| in the network (edge widths are relative to it)."""
    finite = [np.abs(w[np.isfinite(w)]) for w in net.W[1:]]
    return max((float(f.max()) for f in finite if f.size), default=0.0) or 1.0
