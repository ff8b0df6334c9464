"""The dashboards' fast views as SVG text: the network diagram and the gradient bars.

A slider move must redraw in a few milliseconds; matplotlib needs far longer to
rasterise this many labels, so the live diagram is written as SVG, which the
browser draws itself.  It uses the same ``layout`` (positions and texts) as the
notebooks' matplotlib figures, so the two always show the same thing.
"""
from html import escape

from .layout import edge_style, largest_weight, texts

PIXELS_PER_UNIT = 46   # pixels per diagram unit ...
MAX_WIDTH = 900        # ... unless that would make the diagram wider than this

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
                edge_grads=True):
    """An SVG string of the network with its current values (see ``drawing.NetworkDiagram``)."""
    lay, r = layout, layout.R
    x0, x1 = lay.xlim
    y0, y1 = lay.ylim
    scale = min(PIXELS_PER_UNIT, MAX_WIDTH / (x1 - x0))

    def X(x):
        return (x - x0) * scale

    def Y(y):
        return (y1 - y) * scale

    t = texts(net, lay, trace, grads, digits, True, True, edge_grads, unit_value)
    wmax = largest_weight(net)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{(x1 - x0) * scale:.0f}" '
           f'height="{(y1 - y0) * scale:.0f}" font-family="DejaVu Sans, Arial, sans-serif" role="img" '
           f'aria-label="network diagram with current values">']
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
        out.append(_text(X(bx), Y(by), f"b{k}", 12, halo=False))
        out.append(_text(X(bx), Y(by - 0.7 * r - 0.3), t["biases"][k, 0], 11, COLOURS["orange"]))
    for (k, i), (ux, uy) in lay.pos.items():
        fill = "#f4f4f4" if k == 0 else "white"
        out.append(f'<circle cx="{X(ux):.1f}" cy="{Y(uy):.1f}" r="{r * scale:.1f}" fill="{fill}" stroke="black" '
                   f'stroke-width="1.3"/>')
        out.append(_text(X(ux), Y(uy), net.labels[k][i], 13, weight="bold", halo=False))
        if t["units"][k, i]:
            out.append(_text(X(ux), Y(uy + r + 0.3), t["units"][k, i], 11, COLOURS["green"]))
        if not lay.bias_pos and k > 0:
            out.append(_text(X(ux), Y(uy - r - 0.3), t["biases"][k, i], 11, COLOURS["orange"]))
    for key, (lx, ly) in lay.edge_label.items():
        lines = t["edges"][key].split("\n")
        w, h = 6.2 * max(len(line) for line in lines) + 4, 12.5 * len(lines) + 2
        out.append(f'<rect x="{X(lx) - w / 2:.1f}" y="{Y(ly) - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" '
                   f'fill="white" fill-opacity="0.85" rx="3"/>')
        out.append(_text(X(lx), Y(ly), t["edges"][key], 10, halo=False))
    lx, ly = lay.loss_pos
    out.append(f'<circle cx="{X(lx):.1f}" cy="{Y(ly):.1f}" r="{1.2 * r * scale:.1f}" fill="#fdeee6" '
               f'stroke="{COLOURS["vermillion"]}" stroke-width="1.3"/>')
    out.append(_text(X(lx), Y(ly), loss_label, 12, halo=False))
    out.append(_text(X(lx), Y(ly - 1.2 * r - 0.35), t["loss"], 12, COLOURS["vermillion"]))
    out.append("</svg>")
    return "".join(out)


def bars_svg(names, values, title, width=330, height=250):
    """An SVG bar chart, one bar per name (blue +, vermillion -), with a zero line and labels."""
    n = max(len(values), 1)
    top = max((abs(float(v)) for v in values), default=0.0) or 1.0
    left, bottom, head = 10, 62, 34
    plot_h = height - bottom - head
    zero = head + plot_h / 2
    slot = (width - 2 * left) / n
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="DejaVu Sans, Arial, sans-serif" role="img" aria-label="{escape(title)}">',
           _text(width / 2, 14, title, 12, halo=False),
           _text(width / 2, 28, f"bars scaled to the largest |value| = {top:.3g}", 10, COLOURS["grey"], halo=False)]
    for i, (name, v) in enumerate(zip(names, values)):
        v = float(v)
        h = abs(v) / top * (plot_h / 2)
        x = left + i * slot + slot * 0.15
        y = zero - h if v >= 0 else zero
        colour = COLOURS["blue"] if v >= 0 else COLOURS["vermillion"]
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{max(h, 0.5):.1f}" '
                   f'fill="{colour}"><title>{escape(name)}: {v:.6g}</title></rect>')
        cx = x + slot * 0.35
        out.append(f'<text x="{cx:.1f}" y="{height - bottom + 8}" font-size="10" text-anchor="end" '
                   f'transform="rotate(-50 {cx:.1f} {height - bottom + 8})">{escape(name)}</text>')
    out.append(f'<line x1="{left}" y1="{zero:.1f}" x2="{width - left}" y2="{zero:.1f}" stroke="black"/>')
    out.append("</svg>")
    return "".join(out)
