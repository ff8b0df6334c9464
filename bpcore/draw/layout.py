"""Where each part of a network diagram goes, and what it says: pure geometry and text.

Two renderers share this: ``figures.NetworkDiagram`` (matplotlib, for the
notebooks' figures) and ``svg.network_svg`` (for the dashboards, whose diagram
must redraw in a few milliseconds as a slider moves).  So both always agree.
"""
import numpy as np


def _fmt(value, digits):
    value = float(value)
    return f"{value:.{digits}f}" if abs(value) >= 10 ** -digits or value == 0 else f"{value:.{digits}g}"


#: The size of the diagram's labels, in diagram units: the SVG draws them at 12 px with 40 px to a
#: unit, the matplotlib figures at the same proportion.  A label's box is estimated from its
#: number of characters (DejaVu Sans digits are 0.64 em wide) and lines.
FONT = 0.3
CHAR_W, LINE_H = 0.64 * FONT, 1.25 * FONT


def label_box(chars, lines=1):
    """(width, height) in diagram units of a label of ``lines`` lines of at most ``chars`` characters."""
    return chars * CHAR_W + 0.2, lines * LINE_H + 0.1


def _overlap(a, b, margin=0.06):
    """Whether two boxes (x0, y0, x1, y1) overlap, with ``margin`` of clear space required."""
    return a[0] < b[2] + margin and b[0] < a[2] + margin and a[1] < b[3] + margin and b[1] < a[3] + margin


def _box(x, y, size):
    w, h = size
    return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def _crossing(e, f):
    """The point where segments e and f cross strictly inside both, or None."""
    (ax, ay, bx, by), (cx, cy, dx, dy) = e, f
    den = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx)
    if abs(den) < 1e-12:
        return None
    t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / den
    u = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / den
    return (ax + t * (bx - ax), ay + t * (by - ay)) if 0.02 < t < 0.98 and 0.02 < u < 0.98 else None


class Layout:
    """Positions (in diagram units, y up) of every neuron, bias, label and the loss node.

    edge_label: (characters, lines) of the longest weight label, or None (no weight labels:
        the playground's large networks).  With it, the layers are spaced and each weight's
        label is slid along its edge until it overlaps no other label, no neuron and no point
        where two edges cross: ``edge_label[key]`` is its centre, ``boxes`` every label's box.
    unit_label, bias_label: characters of the longest neuron and bias label.
    """

    DY, R = 3.4, 0.5   # unit spacing, neuron radius
    #: where along an edge (0 at its source, 1 at its target) a weight's label may sit, best first
    SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.35, 0.65, 0.25, 0.75, 0.45, 0.55, 0.2, 0.8)

    def __init__(self, net, edge_label=None, unit_label=13, bias_label=9, dy=None):
        self.net_sizes, self.shared_bias = net.sizes, net.shared_bias
        if dy is not None:        # a taller layout (the notebooks' figures): steeper edges with more free
            self.DY = dy          # spots for labels, so narrower gaps, so larger labels at a page's width
        self.edge_size = label_box(*edge_label) if edge_label else None
        self.unit_size, self.bias_size = label_box(unit_label), label_box(bias_label)
        top, L = max(net.sizes), net.L
        if edge_label is None:
            self._place([6.0 + 0.6 * max(0, top - 2)] * L)
        else:
            # widen each gap between layers until every label in it finds a free spot
            gaps = [max(3.0, self.edge_size[0] + 2 * self.R + 0.4)] * L
            for k in range(L):
                for _ in range(60):
                    if self._place(gaps)[k]:
                        break
                    gaps[k] += 0.25
        self.names = {(kind, k) + tuple(index): name for name, (kind, k, index) in net.names.items()}

    def _place(self, gaps):
        """Lay everything out with ``gaps[k - 1]`` between layers k - 1 and k; for each gap,
        True if its weight labels all found a free spot."""
        sizes, L = self.net_sizes, len(self.net_sizes) - 1
        top = max(sizes)
        dy, r = self.DY, self.R
        lh = LINE_H / 2 + 0.05
        xs = [0.0]
        for gap in gaps:
            xs.append(xs[-1] + gap)
        self.DX = max(gaps)
        self.pos = {(k, i): (xs[k], ((size - 1) / 2.0 - i) * dy) for k, size in enumerate(sizes) for i in range(size)}
        self.loss_pos = (xs[L] + 2.8, 0.0)
        self.loss_links = {("loss", i): (self.pos[L, i][0] + r, self.pos[L, i][1], self.loss_pos[0] - 1.2 * r,
                                         self.loss_pos[1]) for i in range(sizes[L])}
        self.bottom = -((top - 1) / 2.0) * dy - 0.95 * dy
        self.bias_pos = ({k: (xs[k - 1] + 0.45 * gaps[k - 1], self.bottom) for k in range(1, L + 1)}
                         if self.shared_bias else {})
        # the fixed labels: each neuron's value above it, each bias's below it (or below its circle)
        self.unit_label = {key: (x, y + r + lh) for key, (x, y) in self.pos.items()}
        if self.shared_bias:
            self.bias_label = {(k, 0): (bx, by - 0.7 * r - lh) for k, (bx, by) in self.bias_pos.items()}
        else:
            self.bias_label = {(k, i): (x, y - r - lh) for (k, i), (x, y) in self.pos.items() if k > 0}
        lx, ly = self.loss_pos
        self.loss_label = (lx, ly + 1.2 * r + lh)
        boxes = [_box(x, y, (2 * r, 2 * r)) for x, y in self.pos.values()]
        boxes += [_box(x, y, self.unit_size) for x, y in self.unit_label.values()]
        boxes += [_box(x, y, self.bias_size) for x, y in self.bias_label.values()]
        boxes += [_box(x, y, (1.4 * r, 1.4 * r)) for x, y in self.bias_pos.values()]
        boxes += [_box(lx, ly, (2.4 * r, 2.4 * r)), _box(*self.loss_label, label_box(10))]
        self.edges = {}          # ("W", k, i, j) -> (x0, y0, x1, y1)
        self.edge_label = {}     # ("W", k, i, j) -> (x, y)
        for k in range(1, L + 1):
            for i in range(sizes[k]):
                for j in range(sizes[k - 1]):
                    (x0, y0), (x1, y1) = self.pos[k - 1, j], self.pos[k, i]
                    self.edges["W", k, i, j] = (x0, y0, x1, y1)
        ok = [True] * L
        if self.edge_size is None:
            for key, (x0, y0, x1, y1) in self.edges.items():
                j, n = key[3], sizes[key[1] - 1]
                t = 0.5 if n == 1 else 0.3 + 0.4 * j / (n - 1)
                self.edge_label[key] = (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
        else:
            for k in range(1, L + 1):
                gap = {key: e for key, e in self.edges.items() if key[1] == k}
                crossings = [c for a in gap.values() for b in gap.values() if a < b and (c := _crossing(a, b))]
                blocked = boxes + [_box(cx, cy, (0.3, 0.3)) for cx, cy in crossings]
                # the flattest edges first: they have the fewest free spots
                for key in sorted(gap, key=lambda key: (abs(gap[key][3] - gap[key][1]), key)):
                    x0, y0, x1, y1 = gap[key]
                    spots = [(x0 + t * (x1 - x0), y0 + t * (y1 - y0)) for t in self.SPOTS]
                    free = [p for p in spots if not any(_overlap(_box(*p, self.edge_size), b) for b in blocked)]
                    ok[k - 1] = ok[k - 1] and bool(free)
                    self.edge_label[key] = (free or spots)[0]
                    blocked.append(_box(*self.edge_label[key], self.edge_size))
                boxes = blocked
        self.boxes = boxes
        xs = [b[0] for b in boxes] + [b[2] for b in boxes]
        ys = [b[1] for b in boxes] + [b[3] for b in boxes]
        self.xlim = (min(xs) - 0.3, max(xs) + 0.3)
        self.ylim = (min(ys) - 0.3, max(ys) + 0.3)
        return ok

    @property
    def figsize(self):
        """A figure size in inches at which the labels have the size the layout assumed."""
        return (INCHES_PER_UNIT * (self.xlim[1] - self.xlim[0]), INCHES_PER_UNIT * (self.ylim[1] - self.ylim[0]) + 0.4)


#: inches per diagram unit in the matplotlib figures, and so the label size in points there
INCHES_PER_UNIT = 0.5
FONT_POINTS = FONT * INCHES_PER_UNIT * 72


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
            # a long name goes above its value, so that the label stays narrow
            parts.append(f"{name}\n{_fmt(w, digits)}" if len(name) > 4 else f"{name} = {_fmt(w, digits)}")
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


def label_sizes(net, digits=4, edge_grads=True, unit_value="out"):
    """Keyword arguments for ``Layout``: how long the labels ``texts`` writes can get (a value
    with a sign and a digit before the point; a gradient of 3 significant digits)."""
    value = digits + 4                       # "-12.3456" for digits = 4
    lines = []
    for name in net.names:
        if net.names[name][0] == "W":
            lines.append([name, "x" * value] if len(name) > 4 else [f"{name} = " + "x" * value])
    chars = max(len(x) for ls in lines for x in ls)
    if edge_grads:
        chars = max(chars, len("∂/∂w = ") + 9)     # "-0.000498" or "-1.23e-05"
    biases = [len(name) for name, (kind, _, _) in net.names.items() if kind == "b"] or [2]
    return {"edge_label": (chars, max(len(ls) for ls in lines) + (1 if edge_grads else 0)),
            "unit_label": len(f"{unit_value} = ") + digits + 3,
            "bias_label": max(biases) + len(" = ") + 5}


def edge_style(w, wmax):
    """(colour, width) of an edge for weight w: blue +, vermillion -, wider for larger |w|."""
    share = abs(w) / wmax if np.isfinite(w) else 1.0
    return ("#0072B2" if w >= 0 else "#D55E00"), 0.6 + 3.0 * share


def largest_weight(net):
    """The largest finite |weight| in the network (edge widths are relative to it)."""
    finite = [np.abs(w[np.isfinite(w)]) for w in net.W[1:]]
    return max((float(f.max()) for f in finite if f.size), default=0.0) or 1.0
