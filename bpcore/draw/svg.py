"""The dashboards' fast views as SVG text: the network diagram and the gradient bars.

A slider move must redraw in a few milliseconds; matplotlib needs far longer to
rasterise this many labels, so the live diagram is written as SVG, which the
browser draws itself.  It uses the same ``layout`` (positions and texts) as the
notebooks' matplotlib figures, so the two always show the same thing.
"""
import math
from html import escape

import numpy as np

from .layout import FONT, edge_style, largest_weight, texts

PIXELS_PER_UNIT = 38   # pixels per diagram unit: labels of layout.FONT units are 11.4 px
MAX_WIDTH = 900        # ... unless a diagram without weight labels would be wider than this
LABEL_PX = round(FONT * PIXELS_PER_UNIT, 1)   # the labels' size (at least 11 CSS px: readable)

COLOURS = {"blue": "#0072B2", "vermillion": "#D55E00", "orange": "#E69F00", "green": "#009E73",
           "grey": "#777777"}


def _text(x, y, s, size=11, colour="black", anchor="middle", weight="normal", halo=True):
    lines = s.split("\n")
    halo_attrs = ' stroke="white" stroke-width="3" paint-order="stroke"' if halo else ""
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if n == 0 else 1.15}em">{escape(line)}</tspan>'
                    for n, line in enumerate(lines))
    shift = -(len(lines) - 1) * 0.575
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}" text-anchor="{anchor}" '
            f'font-weight="{weight}" dominant-baseline="middle"{halo_attrs}>'
            f'<tspan dy="{shift}em"></tspan>{spans}</text>')


def network_svg(net, layout, trace=None, grads=None, digits=4, loss_label="E_total", unit_value="out",
                edge_grads=True, edge_labels=True, grad_glow=False, max_width=None):
    """An SVG string of the network with its current values (see ``figures.NetworkDiagram``).

    edge_labels=False leaves out the weights' names and values (for large networks);
    grad_glow=True draws an orange band under each edge, as wide as its |gradient| is
    large relative to the largest.  max_width (pixels) overrides MAX_WIDTH: the playground
    asks for a narrower diagram, with the same text sizes.
    """
    lay, r = layout, layout.R
    x0, x1 = lay.xlim
    y0, y1 = lay.ylim
    labelled = lay.edge_size is not None
    # a diagram with labels is drawn at its own size (the page scrolls it if it must), so that no
    # label is ever smaller than LABEL_PX; one without may shrink to fit
    scale = PIXELS_PER_UNIT if labelled else min(PIXELS_PER_UNIT, (max_width or MAX_WIDTH) / (x1 - x0))
    size = LABEL_PX if labelled else 11

    def in_circle(label):       # the size of a unit's label inside its circle (0.62 em a glyph)
        return min(13.0, 1.7 * r * scale / (0.62 * max(len(label), 1)), 1.3 * r * scale)

    # an input too long for its circle (x₁², sin x₁: the playground's features) is named beside it, on
    # the left, at 11 px: the diagram widens to the left to make room (twice: the scale may shrink)
    for _ in range(2):
        beside = [label for label in net.labels[0] if in_circle(label) < 11]
        if not beside:
            break
        room = (max(text_width(label, 11) for label in beside) + 6) / scale + r - (0 - lay.xlim[0])
        x0 = lay.xlim[0] - max(room, 0)
        if not labelled:
            scale = min(PIXELS_PER_UNIT, (max_width or MAX_WIDTH) / (x1 - x0))

    def X(x):
        return (x - x0) * scale

    def Y(y):
        return (y1 - y) * scale

    t = texts(net, lay, trace, grads, digits, True, True, edge_grads, unit_value)
    wmax = largest_weight(net)
    w, h = (x1 - x0) * scale, (y1 - y0) * scale
    fit = f"width:{w:.0f}px;max-width:none" if labelled else "max-width:100%;height:auto"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" '
           f'height="{h:.0f}" style="{fit}" font-family="DejaVu Sans, Noto Sans CJK SC, Arial, sans-serif" '
           f'role="img" aria-label="network diagram with current values">']
    if grad_glow and grads is not None:
        finite = [abs(g[np.isfinite(g)]) for g in grads.dW[1:]]
        gmax = max((float(f.max()) for f in finite if f.size), default=0.0) or 1.0
        for key, (ax, ay, bx, by) in lay.edges.items():
            _, k, i, j = key
            g = float(grads.dW[k][i, j])
            glow = 12.0 * abs(g) / gmax if math.isfinite(g) else 0.0
            if glow > 0.3:
                out.append(f'<line x1="{X(ax):.1f}" y1="{Y(ay):.1f}" x2="{X(bx):.1f}" y2="{Y(by):.1f}" '
                           f'stroke="{COLOURS["orange"]}" stroke-opacity="0.45" stroke-width="{glow:.1f}" '
                           f'stroke-linecap="round"/>')
    for key, (ax, ay, bx, by) in lay.edges.items():
        _, k, i, j = key
        colour, width = edge_style(net.W[k][i, j], wmax)
        out.append(f'<line x1="{X(ax):.1f}" y1="{Y(ay):.1f}" x2="{X(bx):.1f}" y2="{Y(by):.1f}" '
                   f'stroke="{colour}" stroke-width="{width:.2f}"/>')
    for ax, ay, bx, by in lay.loss_links.values():
        out.append(f'<line x1="{X(ax):.1f}" y1="{Y(ay):.1f}" x2="{X(bx):.1f}" y2="{Y(by):.1f}" '
                   f'stroke="{COLOURS["grey"]}" stroke-dasharray="5,4"/>')
    for k, (bx, by) in lay.bias_pos.items():
        for i in range(net.sizes[k]):
            ux, uy = lay.pos[k, i]
            out.append(f'<line x1="{X(bx):.1f}" y1="{Y(by):.1f}" x2="{X(ux):.1f}" y2="{Y(uy):.1f}" '
                       f'stroke="{COLOURS["orange"]}" stroke-dasharray="2,3"/>')
        out.append(f'<circle cx="{X(bx):.1f}" cy="{Y(by):.1f}" r="{0.7 * r * scale:.1f}" fill="#fff8e6" '
                   f'stroke="{COLOURS["orange"]}"/>')
        out.append(_text(X(bx), Y(by), f"b{k}", max(size, 12), halo=False))
        lx, ly = lay.bias_label[k, 0]
        out.append(_text(X(lx), Y(ly), t["biases"][k, 0], size, COLOURS["orange"]))
    for (k, i), (ux, uy) in lay.pos.items():
        fill = "#f4f4f4" if k == 0 else "white"
        out.append(f'<circle cx="{X(ux):.1f}" cy="{Y(uy):.1f}" r="{r * scale:.1f}" fill="{fill}" stroke="black" '
                   f'stroke-width="1.3"/>')
        label = net.labels[k][i]     # inside its circle: smaller type where the circle is small (0.62 em a glyph)
        fit = in_circle(label)
        if k == 0 and fit < 11:      # beside it (see above)
            out.append(_text(X(ux) - r * scale - 4, Y(uy), label, 11, anchor="end", halo=False))
        else:
            out.append(_text(X(ux), Y(uy), label, round(fit, 1), weight="bold", halo=False))
        if t["units"][k, i]:
            lx, ly = lay.unit_label[k, i]
            out.append(_text(X(lx), Y(ly), t["units"][k, i], size, COLOURS["green"]))
        if not lay.bias_pos and k > 0 and edge_labels:
            lx, ly = lay.bias_label[k, i]
            out.append(_text(X(lx), Y(ly), t["biases"][k, i], size, COLOURS["orange"]))
    for key, (lx, ly) in (lay.edge_label.items() if edge_labels else ()):
        lines = t["edges"][key].split("\n")
        w, h = 0.62 * size * max(len(line) for line in lines) + 6, 1.2 * size * len(lines) + 2
        out.append(f'<rect x="{X(lx) - w / 2:.1f}" y="{Y(ly) - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" '
                   f'fill="white" fill-opacity="0.85" rx="3"/>')
        out.append(_text(X(lx), Y(ly), t["edges"][key], size, halo=False))
    lx, ly = lay.loss_pos
    out.append(f'<circle cx="{X(lx):.1f}" cy="{Y(ly):.1f}" r="{1.2 * r * scale:.1f}" fill="#fdeee6" '
               f'stroke="{COLOURS["vermillion"]}" stroke-width="1.3"/>')
    out.append(_text(X(lx), Y(ly), loss_label, 12, halo=False))
    out.append(_text(X(lay.loss_label[0]), Y(lay.loss_label[1]), t["loss"], max(size, 12), COLOURS["vermillion"]))
    out.append("</svg>")
    return "".join(out)


def bars_svg(names, values, title, width=340, height=None, subtitle="bars scaled to the largest |value| = {top}"):
    """An SVG bar chart, one bar per name (blue +, vermillion -), with a zero line and labels.

    Names are written across under their bars when they fit, else turned upright; every text is
    at least 11 px.  subtitle: a template with ``{top}``, the largest |value|.
    """
    n = max(len(values), 1)
    top = max((abs(float(v)) for v in values if math.isfinite(float(v))), default=0.0) or 1.0
    left, head, size = 10, 40, 11
    slot = (width - 2 * left) / n
    longest = max((len(name) for name in names), default=1)
    upright = 0.64 * size * longest > slot - 2
    bottom = (0.64 * size * longest + 12) if upright else 22
    height = height or int(head + 170 + bottom)
    plot_h = height - bottom - head
    zero = head + plot_h / 2
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="DejaVu Sans, Noto Sans CJK SC, Arial, sans-serif" role="img" aria-label="{escape(title)}">',
           _text(width / 2, 12, title, 12, halo=False),
           _text(width / 2, 28, subtitle.format(top=f"{top:.3g}"), size, COLOURS["grey"], halo=False)]
    for i, (name, v) in enumerate(zip(names, values)):
        v = float(v)
        h = abs(v) / top * (plot_h / 2) if math.isfinite(v) else plot_h / 2
        x = left + i * slot + slot * 0.15
        y = zero - h if v >= 0 else zero
        colour = COLOURS["blue"] if v >= 0 else COLOURS["vermillion"]
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{max(h, 0.5):.1f}" '
                   f'fill="{colour}"><title>{escape(name)}: {v:.6g}</title></rect>')
        cx, ty = x + slot * 0.35, height - bottom + 6
        if upright:
            out.append(f'<text x="{cx:.1f}" y="{ty}" font-size="{size}" text-anchor="end" dominant-baseline="middle" '
                       f'transform="rotate(-90 {cx:.1f} {ty})">{escape(name)}</text>')
        else:
            out.append(f'<text x="{cx:.1f}" y="{ty + 6}" font-size="{size}" text-anchor="middle" '
                       f'dominant-baseline="middle">{escape(name)}</text>')
    out.append(f'<line x1="{left}" y1="{zero:.1f}" x2="{width - left}" y2="{zero:.1f}" stroke="black"/>')
    out.append("</svg>")
    return "".join(out)


# ---- the playground's views ------------------------------------------------------------
#: one colour and one marker shape per class (Okabe-Ito colours, told apart by shape too)
CLASS_COLOURS = ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                 "#999999", "#882255"]
CLASS_SHAPES = ["circle", "square", "triangle", "diamond"]


def png_rgb(pixels):
    """A PNG file (bytes) of an (h, w, 3) uint8 array, with the standard library only."""
    import struct
    import zlib
    h, w, _ = pixels.shape
    raw = b"".join(b"\x00" + pixels[row].tobytes() for row in range(h))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))


def _hex_rgb(colour):
    return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]


def boundary_pixels(grid, n_classes):
    """Tint each grid cell towards the colour of the class the network predicts there,
    more strongly the surer it is: an (h, w, 3) uint8 array.

    grid is what ``Playground.boundary`` returns: one array of P(class 1) for a single
    sigmoid output, or the pair (winning class, its probability) for a softmax output,
    which may also have two classes."""
    if not isinstance(grid, tuple):
        p = np.nan_to_num(np.asarray(grid, float), nan=0.5)     # no answer: no tint
        cls = (p > 0.5).astype(int)
        sure = np.abs(p - 0.5) * 2
    else:
        cls, prob = grid
        cls = np.clip(np.asarray(cls, int), 0, n_classes - 1)
        sure = np.nan_to_num((prob - 1.0 / n_classes) / (1 - 1.0 / n_classes), nan=0.0)
    colours = np.array([_hex_rgb(c) for c in CLASS_COLOURS[:n_classes]], float)
    strength = 0.65 * np.clip(sure, 0, 1)[..., None]
    rgb = 255 * (1 - strength) + colours[cls] * strength
    return rgb.round().astype(np.uint8)


def _marker(shape, x, y, r, fill, stroke, width):
    common = f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" {common}/>'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" {common}/>'
    if shape == "triangle":
        return f'<polygon points="{x:.1f},{y - r * 1.2:.1f} {x - r * 1.1:.1f},{y + r * 0.8:.1f} {x + r * 1.1:.1f},{y + r * 0.8:.1f}" {common}/>'
    return f'<polygon points="{x:.1f},{y - r * 1.3:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r * 1.3:.1f} {x - r:.1f},{y:.1f}" {common}/>'


def boundary_points_svg(extent, train, test, size=320):
    """The markers of the training points (filled) and test points (hollow), as SVG elements
    for ``boundary_overlay_svg``; they only change with the data, so the playground keeps them."""
    x0, x1, y0, y1 = extent
    sx, sy = size / (x1 - x0), size / (y1 - y0)
    out = []
    for (X, labels), hollow in ((train, False), (test, True)):
        for (px, py), c in zip(X, labels):
            colour = CLASS_COLOURS[int(c) % len(CLASS_COLOURS)]
            shape = CLASS_SHAPES[int(c) % len(CLASS_SHAPES)]
            fill, stroke = ("white", colour) if hollow else (colour, "#222222")
            out.append(_marker(shape, (px - x0) * sx, (y1 - py) * sy, 3.6, fill, stroke, 1.6 if hollow else 0.7))
    return "".join(out)


def value_pixels(grid, vmax):
    """The regression view's colours: each grid cell tinted by the predicted value, towards the blue of
    class 1 above 0 and the orange of class 0 below it, more strongly the further from 0 (full at
    ±``vmax``); white at 0 and where there is no answer (NaN).  An (h, w, 3) uint8 array."""
    v = np.clip(np.nan_to_num(np.asarray(grid, float) / vmax, nan=0.0), -1.0, 1.0)
    return _value_rgb(v, 0.8).round().astype(np.uint8)


def _value_rgb(v, most):
    """RGB floats for values v in [-1, 1] (see ``value_pixels``); ``most``: the tint at ±1.  The tint
    grows as the square root of |v|, so that middling values (a plane's are mostly within ±0.5) are
    told apart from 0 at a glance; the background and the points share the scale."""
    low, high = (np.array(_hex_rgb(c), float) for c in CLASS_COLOURS[:2])
    colour = np.where(np.asarray(v)[..., None] > 0, high, low)
    strength = most * np.sqrt(np.abs(v))[..., None]
    return 255 * (1 - strength) + colour * strength


def value_points_svg(extent, train, test, vmax, size=320):
    """The regression view's points: circles (training) and squares (test), filled with the colour of
    their value as ``value_pixels`` colours the plane, but at full strength (so a point whose value the
    network gets right sits on its own colour), with a dark edge."""
    x0, x1, y0, y1 = extent
    sx, sy = size / (x1 - x0), size / (y1 - y0)
    out = []
    for (X, values), hollow in ((train, False), (test, True)):
        rgb = _value_rgb(np.clip(np.asarray(values, float) / vmax, -1, 1), 1.0).round().astype(int)
        for (px, py), (r_, g_, b_) in zip(X, rgb):
            colour = f"#{r_:02X}{g_:02X}{b_:02X}"
            out.append(_marker("square" if hollow else "circle", (px - x0) * sx, (y1 - py) * sy, 3.2 if hollow else 3.6,
                               colour, "#222222", 1.2 if hollow else 0.7))
    return "".join(out)


def value_overlay_svg(extent, train, test, vmax, size=320):
    """``boundary_overlay_svg`` for regression data: the points coloured by value, and the frame."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
            f'role="img" aria-label="decision boundary with training and test points">'
            + value_points_svg(extent, train, test, vmax, size)
            + f'<rect x="0" y="0" width="{size}" height="{size}" fill="none" stroke="#444"/></svg>')


def value_image_svg(grid, vmax, size=320):
    """``boundary_image_svg`` for regression data: the predicted value as a continuous colour."""
    import base64
    image = base64.b64encode(png_rgb(value_pixels(grid, vmax))).decode()
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
            f'role="img" aria-label="{PREDICTION}"><image href="data:image/png;base64,{image}" x="0" y="0" '
            f'width="{size}" height="{size}" preserveAspectRatio="none"/></svg>')


PREDICTION = "the network's prediction over the plane"
"""The aria-label of ``boundary_image_svg``'s picture."""


def boundary_image_svg(grid, n_classes, size=320):
    """The tinted background of the decision boundary alone (see ``boundary_pixels``): the part
    of the view that changes while training, a few kilobytes."""
    import base64
    image = base64.b64encode(png_rgb(boundary_pixels(grid, n_classes))).decode()
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
            f'role="img" aria-label="{PREDICTION}"><image href="data:image/png;base64,{image}" x="0" y="0" '
            f'width="{size}" height="{size}" preserveAspectRatio="none"/></svg>')


def boundary_overlay_svg(extent, train, test, size=320,
                         legend="filled: training points · hollow: test points\nshape and colour: class"):
    """The points, the frame and the legend of the decision boundary, on a transparent
    background: laid over ``boundary_image_svg``, they only change with the data.  legend "" leaves
    the legend out (a page may write it as text of its own, which wraps)."""
    lines = legend.split("\n") if legend else []
    height = size + 8 + 15 * len(lines) if lines else size
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{height}" viewBox="0 0 {size} {height}" '
           f'font-family="DejaVu Sans, Arial, sans-serif" role="img" '
           f'aria-label="decision boundary with training and test points">',
           boundary_points_svg(extent, train, test, size),
           f'<rect x="0" y="0" width="{size}" height="{size}" fill="none" stroke="#444"/>']
    for n, line in enumerate(lines):
        out.append(_text(size / 2, size + 13 + 15 * n, line, 11, "#333", halo=False))
    out.append("</svg>")
    return "".join(out)


def text_width(s, size):
    """Roughly how wide ``s`` is at font size ``size`` (px): wide (CJK) characters count as one
    em, the others as 0.62 em.  Enough to keep labels apart."""
    return sum(size if ord(ch) > 0x2E80 else 0.62 * size for ch in s)


def curves_svg(series, title, ylabel, xlabel="epoch", width=290, height=180, ylim=None, max_points=150):
    """A line chart: series is a list of (label, xs, ys, colour, dashed).  The last point of
    each series is marked with a dot, so a history of one point still shows.  A series longer
    than max_points is drawn through evenly spaced points of it (always with its last one)."""
    left, right, top, bottom = 48, 12, 38, 34
    pw, ph = width - left - right, height - top - bottom
    xs_all = np.concatenate([np.asarray(s[1], float) for s in series]) if series else np.array([0.0])
    ys_all = np.concatenate([np.asarray(s[2], float) for s in series]) if series else np.array([0.0])
    ys_all = ys_all[np.isfinite(ys_all)]
    xmin, xmax = float(xs_all.min(initial=0.0)), float(xs_all.max(initial=1.0))
    xmax = xmax if xmax > xmin else xmin + 1
    if ylim is None:
        ylim = (float(min(0.0, ys_all.min(initial=0.0))), float(ys_all.max(initial=1.0)) * 1.05 or 1.0)
    ymin, ymax = ylim
    ymax = ymax if ymax > ymin else ymin + 1

    def X(x):
        return left + (x - xmin) / (xmax - xmin) * pw

    def Y(y):
        return top + (ymax - y) / (ymax - ymin) * ph
    heading = title if ylabel in ("", title) else f"{title} ({ylabel})"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="DejaVu Sans, Arial, sans-serif" role="img" aria-label="{escape(title)}">',
           _text(width / 2, 11, heading, 13, halo=False),
           f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="white" stroke="#999"/>']
    for frac in (0, 0.5, 1):
        yv = ymin + frac * (ymax - ymin)
        out.append(_text(left - 4, Y(yv), f"{yv:.3g}", 11, "#333", anchor="end", halo=False))
        out.append(f'<line x1="{left}" y1="{Y(yv):.1f}" x2="{left + pw}" y2="{Y(yv):.1f}" stroke="#eee"/>')
    for frac, anchor in ((0, "start"), (0.5, "middle"), (1, "end")):
        xv = xmin + frac * (xmax - xmin)
        out.append(_text(X(xv), top + ph + 11, f"{xv:.3g}", 11, "#333", anchor=anchor, halo=False))
    out.append(_text(left + pw / 2, height - 7, xlabel, 11, "#333", halo=False))
    lx = left
    for label, xs, ys, colour, dashed in series:
        xs, ys = np.asarray(xs, float), np.asarray(ys, float)
        if len(xs) > max_points:
            keep = np.unique(np.linspace(0, len(xs) - 1, max_points).round().astype(int))
            xs, ys = xs[keep], ys[keep]
        ok = np.isfinite(ys)
        px = left + (xs[ok] - xmin) / (xmax - xmin) * pw
        py = top + (ymax - np.clip(ys[ok], ymin, ymax)) / (ymax - ymin) * ph
        # tenths of a pixel as whole numbers, drawn scaled by 0.1: far quicker to write than decimals
        pts = " ".join(map(str, np.rint(np.column_stack([px, py]) * 10).astype(int).ravel().tolist()))
        dash10 = ' stroke-dasharray="50,30"' if dashed else ""
        out.append(f'<g transform="scale(0.1)"><polyline points="{pts}" fill="none" stroke="{colour}" '
                   f'stroke-width="20"{dash10}/></g>')
        dash = ' stroke-dasharray="5,3"' if dashed else ""
        if len(px):
            out.append(f'<circle cx="{px[-1]:.1f}" cy="{py[-1]:.1f}" r="3" fill="{colour}"/>')
        out.append(f'<line x1="{lx}" y1="{top - 10}" x2="{lx + 16}" y2="{top - 10}" stroke="{colour}" '
                   f'stroke-width="2"{dash}/>')
        out.append(_text(lx + 20, top - 10, label, 11, "#333", anchor="start", halo=False))
        lx += 32 + text_width(label, 11)
    out.append("</svg>")
    return "".join(out)
