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


#: the side of a unit's picture on the playground's diagram (``network_svg(pictures=...)``), pixels:
#: at most 0.78 of the space between two units, and never under PICTURE_MIN (the diagram widens)
PICTURE_MIN, PICTURE_MAX = 24, 44


def diagram_frame(net, layout, max_width=None, pictures=False):
    """Where ``network_svg`` draws: a dict with x0, x1, y0, y1 (the diagram's extent, in diagram
    units), scale (pixels per unit), size (the labels' px), w, h (pixels), labelled, and picture
    (the side of a unit's picture in px, or 0).  ``network_hit_svg`` uses the same frame, so its
    targets sit exactly over the drawing."""
    lay, r = layout, layout.R
    x0, x1 = lay.xlim
    y0, y1 = lay.ylim
    labelled = lay.edge_size is not None
    # a diagram with labels is drawn at its own size (the page scrolls it if it must), so that no
    # label is ever smaller than LABEL_PX; one without may shrink to fit
    scale = PIXELS_PER_UNIT if labelled else min(PIXELS_PER_UNIT, (max_width or MAX_WIDTH) / (x1 - x0))
    if pictures and not labelled:      # ... but not so far that a unit's picture is under PICTURE_MIN
        scale = max(scale, PICTURE_MIN / (0.78 * lay.DY))
        y0, y1 = y0 - 0.25, y1 + 0.25      # room for the top and bottom pictures' frames
    size = LABEL_PX if labelled else 11

    def in_circle(label):       # the size of a unit's label inside its circle (0.62 em a glyph)
        return min(13.0, 1.7 * r * scale / (0.62 * max(len(label), 1)), 1.3 * r * scale)

    # an input too long for its circle (x₁², sin x₁: the playground's features), or drawn as a
    # picture, is named beside it, on the left, at 11 px: the diagram widens to the left to make
    # room (twice: the scale may shrink)
    for _ in range(2):
        beside = [label for label in net.labels[0] if pictures or in_circle(label) < 11]
        if not beside:
            break
        half = max(r * scale, _picture_side(lay, scale) / 2 if pictures else 0)
        room = (max(text_width(label, 11) for label in beside) + 6 + half) / scale - (0 - lay.xlim[0])
        x0 = lay.xlim[0] - max(room, 0)
        if not labelled and not pictures:
            scale = min(PIXELS_PER_UNIT, (max_width or MAX_WIDTH) / (x1 - x0))
    side = _picture_side(lay, scale) if pictures else 0
    loss = dict(zip(("x", "y", "r"), (*lay.loss_pos, 1.2 * r)))
    if pictures:        # the loss node clear of the output's pictures, at least 9 px across, its value above it
        out_x = max(x for (k, _), (x, _) in lay.pos.items() if k == net.L)
        loss["r"] = max(1.2 * r, 9 / scale)
        loss["x"] = max(loss["x"], out_x + (side / 2 + 18) / scale + loss["r"])
        x1 = max(x1, loss["x"] + 32 / scale)
    return {"x0": x0, "x1": x1, "y0": y0, "y1": y1, "scale": scale, "size": size, "labelled": labelled,
            "w": (x1 - x0) * scale, "h": (y1 - y0) * scale, "in_circle": in_circle, "picture": side, "loss": loss}


def _picture_side(lay, scale):
    return round(min(PICTURE_MAX, max(PICTURE_MIN, 0.78 * lay.DY * scale)))


def network_svg(net, layout, trace=None, grads=None, digits=4, loss_label="E_total", unit_value="out",
                edge_grads=True, edge_labels=True, grad_glow=False, max_width=None, pictures=None):
    """An SVG string of the network with its current values (see ``figures.NetworkDiagram``).

    edge_labels=False leaves out the weights' names and values (for large networks);
    grad_glow=True draws an orange band under each edge, as wide as its |gradient| is
    large relative to the largest.  max_width (pixels) overrides MAX_WIDTH: the playground
    asks for a narrower diagram, with the same text sizes.  pictures: ``units_sprite``'s
    (href, resolution, rows): each unit (k, i) in rows is drawn as its picture, a square (the
    playground's "what each unit computes"), with its number in a corner.
    """
    lay, r = layout, layout.R
    f = diagram_frame(net, lay, max_width, pictures is not None)
    x0, y1, scale, size, labelled, in_circle = f["x0"], f["y1"], f["scale"], f["size"], f["labelled"], f["in_circle"]
    P = f["picture"]

    def X(x):
        return (x - x0) * scale

    def Y(y):
        return (y1 - y) * scale

    t = texts(net, lay, trace, grads, digits, True, True, edge_grads, unit_value)
    wmax = largest_weight(net)
    w, h = f["w"], f["h"]
    fit = f"width:{w:.0f}px;max-width:none" if labelled else "max-width:100%;height:auto"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" '
           f'height="{h:.0f}" style="{fit}" font-family="DejaVu Sans, Noto Sans CJK SC, Arial, sans-serif" '
           f'role="img" aria-label="network diagram with current values">']
    if pictures is not None:      # the sprite, once; each unit shows its own square of it
        href, res, rows = pictures
        out.append(f'<defs><image id="{pictures_id(href)}" href="{href}" width="{res}" height="{res * len(rows)}" '
                   f'preserveAspectRatio="none"/></defs>')
    bands = {}
    if grad_glow and grads is not None:
        finite = [abs(g[np.isfinite(g)]) for g in grads.dW[1:]]
        gmax = max((float(f.max()) for f in finite if f.size), default=0.0) or 1.0
        for key, (ax, ay, bx, by) in lay.edges.items():
            _, k, i, j = key
            g = float(grads.dW[k][i, j])
            glow = 12.0 * abs(g) / gmax if math.isfinite(g) else 0.0
            if glow > 0.3 and not edge_labels:     # (a large network's: one path per band width)
                bands.setdefault(("orange", round(glow * 2) / 2), []).append((ax, ay, bx, by))
            elif glow > 0.3:
                out.append(f'<line x1="{X(ax):.1f}" y1="{Y(ay):.1f}" x2="{X(bx):.1f}" y2="{Y(by):.1f}" '
                           f'stroke="{COLOURS["orange"]}" stroke-opacity="0.45" stroke-width="{glow:.1f}" '
                           f'stroke-linecap="round"/>')
        out += [_path(X, Y, segments, COLOURS["orange"], width, ' stroke-opacity="0.45" stroke-linecap="round"')
                for (_, width), segments in bands.items()]
    lines = {}
    for key, (ax, ay, bx, by) in lay.edges.items():
        _, k, i, j = key
        colour, width = edge_style(net.W[k][i, j], wmax)
        if edge_labels:
            out.append(f'<line x1="{X(ax):.1f}" y1="{Y(ay):.1f}" x2="{X(bx):.1f}" y2="{Y(by):.1f}" '
                       f'stroke="{colour}" stroke-width="{width:.2f}"/>')
        else:    # the playground's diagram, redrawn every frame: one path per colour and width (to 0.25 px)
            lines.setdefault((colour, round(width * 4) / 4), []).append((ax, ay, bx, by))
    out += [_path(X, Y, segments, colour, width) for (colour, width), segments in lines.items()]
    loss = f["loss"]
    for (_, i), (ax, ay, bx, by) in lay.loss_links.items():
        if pictures is not None:       # from the right edge of each output's picture to the loss node
            ax, bx, by = lay.pos[net.L, i][0] + P / 2 / scale, loss["x"] - loss["r"], loss["y"]
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
        if pictures is not None and (k, i) in pictures[2]:
            out.append(_unit_picture(X(ux), Y(uy), P, pictures, (k, i), net.labels[k][i], k == 0, r * scale))
            if t["units"][k, i]:
                lx, ly = lay.unit_label[k, i]
                out.append(_text(X(lx), Y(ly), t["units"][k, i], size, COLOURS["green"]))
            continue
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
    lx, ly = loss["x"], loss["y"]
    out.append(f'<circle cx="{X(lx):.1f}" cy="{Y(ly):.1f}" r="{loss["r"] * scale:.1f}" fill="#fdeee6" '
               f'stroke="{COLOURS["vermillion"]}" stroke-width="1.3"/>')
    out.append(_text(X(lx), Y(ly), loss_label, 12, halo=False))
    label_x, label_y = X(lay.loss_label[0]), Y(lay.loss_label[1])
    if pictures is not None:
        label_x, label_y = X(lx), Y(ly) - loss["r"] * scale - 9
    out.append(_text(label_x, label_y, t["loss"], max(size, 12), COLOURS["vermillion"]))
    out.append("</svg>")
    return "".join(out)


def _path(X, Y, segments, colour, width, extra=""):
    """Straight segments (x0, y0, x1, y1) in diagram units as one SVG path: a quarter of the text of
    one <line> each."""
    d = "".join(f"M{X(ax):.1f} {Y(ay):.1f}L{X(bx):.1f} {Y(by):.1f}" for ax, ay, bx, by in segments)
    return f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width:g}"{extra}/>'


def pictures_id(href):
    """The id of a sprite's <image> in the page: from its contents, so that two diagrams on one page
    (two playgrounds) never show each other's pictures, and one diagram shown twice agrees."""
    import zlib
    return f"bp-units-{zlib.crc32(href.encode()):08x}"


def _unit_picture(cx, cy, side, pictures, key, label, is_input, radius):
    """One unit as its picture: a square of the sprite (``units_sprite``), framed, with the unit's
    number in its top left corner (an input's name is written beside it, on the left)."""
    href, res, rows = pictures
    row = rows[key]
    x, y = cx - side / 2, cy - side / 2
    out = [f'<svg x="{x:.1f}" y="{y:.1f}" width="{side}" height="{side}" viewBox="0 {row * res} {res} {res}" '
           f'preserveAspectRatio="none"><use href="#{pictures_id(href)}"/></svg>',
           f'<rect class="bp-node" x="{x:.1f}" y="{y:.1f}" width="{side}" height="{side}" fill="none" '
           f'stroke="{"#555" if is_input else "black"}" stroke-width="1.3"/>']
    if is_input:
        out.append(_text(x - 4, cy, label, 11, anchor="end", halo=False))
    else:
        out.append(_text(x + 2, y + 7, label, 11, anchor="start", weight="bold"))
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


def png_indexed(pixels):
    """A PNG file (bytes) of an (h, w, 3) uint8 array: with a palette (one byte a pixel) when it has at
    most 256 colours, which makes pictures of few colours several times smaller; else ``png_rgb``."""
    import struct
    import zlib
    h, w, _ = pixels.shape
    codes = (pixels[..., 0].astype(np.uint32) << 16) | (pixels[..., 1].astype(np.uint32) << 8) | pixels[..., 2]
    colours, index = np.unique(codes.ravel(), return_inverse=True)
    if len(colours) > 256:
        return png_rgb(pixels)
    index = index.reshape(h, w).astype(np.uint8)
    palette = np.column_stack([colours >> 16, (colours >> 8) & 255, colours & 255]).astype(np.uint8).tobytes()
    raw = b"".join(b"\x00" + index[row].tobytes() for row in range(h))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 3, 0, 0, 0))
            + chunk(b"PLTE", palette) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


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


def value_colours(values, vmax):
    """The regression view's colours of the points with these values, as (n, 3) RGB floats from 0 to 1:
    the colours ``value_points_svg`` fills them with (full strength)."""
    return _value_rgb(np.clip(np.asarray(values, float) / vmax, -1, 1), 1.0) / 255


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


# ---- what each unit computes: the playground's pictures on the diagram -------------------------
def unit_scale(values, value_range):
    """A layer's units' values over the plane, (h, w, m), as numbers from -1 to 1 to colour:
    value_range (lo, hi) maps lo to -1 and hi to 1 (sigmoid (0, 1), tanh (-1, 1)); None (inputs,
    ReLU, linear: no bound) divides each unit by its own largest |value| on the plane, so that
    every picture shows its shape.  NaN (overflow) is 0.  Returns (v, top): top[i] is the value
    drawn at full colour for unit i (its largest |value|, or hi).  v is rounded to LEVELS steps
    from -1 to 1: the eye cannot tell more apart in a small picture, and few colours compress well."""
    n = np.asarray(values, float)
    if value_range is not None:
        lo, hi = value_range
        v = np.clip(np.nan_to_num(2 * (n - lo) / (hi - lo) - 1, nan=0.0), -1, 1)
        return np.round(v * LEVELS) / LEVELS, np.full(n.shape[-1], float(hi))
    finite = np.where(np.isfinite(n), np.abs(n), 0.0)
    top = finite.reshape(-1, n.shape[-1]).max(axis=0)
    safe = np.where(top > 0, top, 1.0)
    with np.errstate(invalid="ignore"):
        v = np.clip(np.nan_to_num(n / safe, nan=0.0, posinf=1.0, neginf=-1.0), -1, 1)
    return np.round(v * LEVELS) / LEVELS, top


LEVELS = 32
"""``unit_scale`` rounds to 1/LEVELS: 2·LEVELS + 1 shades from orange through white to blue."""


def unit_pixels(v, regression=False, towards=None):
    """One unit's picture, an (h, w, 3) uint8 array, from its values v in [-1, 1] (``unit_scale``),
    in the decision boundary's colours: towards the blue of class 1 above 0 and the orange of class 0
    below, white at 0.  For classification the tint grows as the boundary's does (0.65 |v|: a sigmoid
    output unit's picture is the boundary itself); for regression as the value view's does
    (``value_pixels``).  towards: a colour ("#RRGGBB") to tint towards instead, by 0.65 (v + 1)/2 (a
    softmax output unit: its class's colour, as strong as its probability)."""
    v = np.asarray(v, float)
    if towards is not None:
        strength = 0.65 * ((v + 1) / 2)[..., None]
        rgb = 255 * (1 - strength) + np.array(_hex_rgb(towards), float) * strength
    elif regression:
        rgb = _value_rgb(v, 0.8)
    else:
        low, high = (np.array(_hex_rgb(c), float) for c in CLASS_COLOURS[:2])
        colour = np.where(v[..., None] > 0, high, low)
        strength = 0.65 * np.abs(v)[..., None]
        rgb = 255 * (1 - strength) + colour * strength
    return rgb.round().astype(np.uint8)


def units_sprite(pictures):
    """One PNG holding every unit's picture, stacked top to bottom, as (href, resolution, rows) for
    ``network_svg(pictures=...)``: href a data URI, rows {(k, i): its row}.  pictures: a list of
    ((k, i), (h, w, 3) uint8 array), all of one size.  One image for all of them: one to decode per
    frame, and far smaller than one each; with ``unit_scale``'s 65 levels a palette PNG (about 13 KB
    of text for 6 layers of 8 units)."""
    import base64
    if not pictures:
        raise ValueError("pictures: at least one unit's picture")
    res = pictures[0][1].shape[0]
    stacked = np.concatenate([p for _, p in pictures], axis=0)
    href = "data:image/png;base64," + base64.b64encode(png_indexed(stacked)).decode()
    return href, res, {key: row for row, (key, _) in enumerate(pictures)}


def unit_image_svg(pixels, size=160, label=""):
    """One unit's picture, large (the playground's large view beside or under the diagram)."""
    import base64
    image = base64.b64encode(png_rgb(pixels)).decode()
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
            f'role="img" aria-label="{escape(label)}"><image href="data:image/png;base64,{image}" x="0" y="0" '
            f'width="{size}" height="{size}" preserveAspectRatio="none"/>'
            f'<rect x="0.5" y="0.5" width="{size - 1}" height="{size - 1}" fill="none" stroke="#444"/></svg>')


#: on a focused "b" handle (``network_hit_svg``), Enter or Space clicks it, as a button does
KEY_TO_CLICK = (' onkeydown="var t=event.target;if((event.key===\'Enter\'||event.key===\' \')&amp;&amp;t.classList'
                '&amp;&amp;t.classList.contains(\'bp-bias\')){event.preventDefault();'
                't.dispatchEvent(new MouseEvent(\'click\',{bubbles:true}));}"')


def network_hit_svg(net, layout, max_width=None, pictures=True, edge_titles=None, unit_titles=None, picked=None,
                    focused=None, script="", bias_titles=None):
    """The targets a learner points at, laid over ``network_svg``'s drawing (the same frame): a wide
    invisible band along each edge (a highlight when pointed at, a tooltip ``edge_titles[name]``,
    ``data-pick="W:<name>"``) and a square over each unit (tooltip ``unit_titles[(k, i)]``,
    ``data-pick="U:k:i"``, reachable with Tab).  picked: the weight's name to mark; focused: the
    unit (k, i) to mark.  script: JavaScript run on a click, a pointer entering a target or a focus
    (inline handlers, as the page's own HTML; the playground passes one that tells the kernel).
    bias_titles: {bias name: tooltip}; when given, each unit of layers 1..L gets a small "b" handle at
    its picture's bottom-left corner (``data-pick="B:<name>"``, reachable with Tab; Enter or Space clicks
    it) for its bias."""
    lay = layout
    f = diagram_frame(net, lay, max_width, pictures)
    x0, y1, scale = f["x0"], f["y1"], f["scale"]
    side = f["picture"] or 2 * lay.R * scale

    def X(x):
        return (x - x0) * scale

    def Y(y):
        return (y1 - y) * scale
    handler = escape(script, quote=True)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bp-hit" viewBox="0 0 {f["w"]:.0f} {f["h"]:.0f}" '
           f'width="{f["w"]:.0f}" height="{f["h"]:.0f}" style="width:{f["w"]:.0f}px;max-width:none" '
           f'role="group" aria-label="weights and units to pick" onclick="{handler}" onmouseover="{handler}" '
           f'onfocusin="{handler}"{KEY_TO_CLICK if bias_titles else ""}>']
    for key, (ax, ay, bx, by) in lay.edges.items():
        name = lay.names[key]
        title = (edge_titles or {}).get(name, name)
        cls = "bp-edge bp-picked" if name == picked else "bp-edge"
        out.append(f'<line class="{cls}" data-pick="W:{escape(name)}" x1="{X(ax):.1f}" y1="{Y(ay):.1f}" '
                   f'x2="{X(bx):.1f}" y2="{Y(by):.1f}"><title>{escape(title)}</title></line>')
    for (k, i), (ux, uy) in lay.pos.items():
        title = (unit_titles or {}).get((k, i), f"{k}.{i + 1}")
        cls = "bp-unit bp-focused" if (k, i) == focused else "bp-unit"
        out.append(f'<rect class="{cls}" data-pick="U:{k}:{i}" tabindex="0" x="{X(ux) - side / 2:.1f}" '
                   f'y="{Y(uy) - side / 2:.1f}" width="{side:.0f}" height="{side:.0f}" rx="2" '
                   f'aria-label="{escape(title)}"><title>{escape(title)}</title></rect>')
    if bias_titles:
        bias_of = {(k, 0 if net.shared_bias else index[0]): name
                   for name, (kind, k, index) in net.names.items() if kind == "b"}
        hs = 13                                     # the handle's side, px: over the picture's corner
        for (k, i), (ux, uy) in lay.pos.items():
            name = bias_of.get((k, 0 if net.shared_bias else i))
            if k == 0 or name is None:
                continue
            title = bias_titles.get(name, name)
            x, y = X(ux) - side / 2 - 4, Y(uy) + side / 2 - hs + 4
            cls = "bp-bias bp-picked" if name == picked else "bp-bias"
            out.append(f'<g class="{cls}" data-pick="B:{escape(name)}" tabindex="0" role="button" '
                       f'aria-label="{escape(title)}">'
                       f'<title>{escape(title)}</title><rect x="{x:.1f}" y="{y:.1f}" width="{hs}" height="{hs}" '
                       f'rx="2"/><text x="{x + hs / 2:.1f}" y="{y + hs - 3:.1f}" text-anchor="middle">b</text></g>')
    out.append("</svg>")
    return "".join(out)
