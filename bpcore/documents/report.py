"""Tables for the notebooks, as Markdown that Jupyter renders (and nbval compares).

Each function returns a ``Table``: a str whose ``_repr_markdown_`` is itself,
so a cell that ends with one shows a formatted table, and its plain-text form
is the same Markdown (stable, readable in a diff).  Pure Python: no IPython.

Every function that writes words takes ``lang`` ("en" or "zh"): the headings, verdicts
and sentences come from ``captions``, so the two editions of a notebook show the same
numbers under headings in their own language.
"""
import re

from .. import checks
from ..gradcheck import analytic_grads, numeric_grads, relative_errors
from . import captions, errata, exercises
from .printed import agrees, at_precision_of


class Table(str):
    """Markdown text that Jupyter displays as Markdown."""

    def _repr_markdown_(self):
        return str(self)

    def __repr__(self):
        return str(self)


def _row(cells):
    # a "|" inside a cell (as in ||W||) would end the cell: escape it
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def markdown_table(header, rows, align=None):
    """A Markdown table from a header and rows of cells."""
    align = align or ["---"] * len(header)
    return Table("\n".join([_row(header), _row(align)] + [_row(r) for r in rows]))


def num(value, digits=12):
    """A number with ``digits`` significant digits, as the tables print them."""
    return f"{float(value):.{digits}g}"


def _stack(*lines):
    """Several lines in one table cell: a narrow page wraps between cells, never inside a number."""
    return "<br>".join(line for line in lines if line)


def compare(w, doc, section, lang="en"):
    """bpcore's value of every number ``doc`` prints in ``section``, beside the printed one.

    w: the worked example to read the values from (``worked.doc001()`` or ``doc000()``);
    section: one of ``errata``'s section titles (``errata.S1_FWD``, ...).
    Two columns, so that the table fits a narrow page: the quantity, and bpcore's value,
    the same rounded as the document prints it, and the printed value, one under the other.
    """
    t = _texts(lang)
    rows = []
    for n in errata.numbers(doc):
        if n.section != section:
            continue
        value = float(n.value(w))
        ok = agrees(value, n.printed)
        mark = "✓" if ok else t("report.see_errata")
        rows.append([f"${errata.symbol(n, lang)}$",
                     _stack(t("report.line_bpcore", value=num(value, 15)),
                            t("report.line_rounded", value=at_precision_of(value, n.printed)),
                            f'{t("report.line_prints", value=n.printed)} {mark}')])
    return markdown_table([t("report.quantity"), t("report.compare_heading")], rows)


def _texts(lang):
    """A ``captions.text`` bound to ``lang`` (checked first, so bad input fails before any work)."""
    checks.language(lang)
    return lambda key, **values: captions.text(key, lang, **values)


def chain(c, digits=6, lang="en"):
    """One derivative as its chain-rule factors (``worked.chain001``), their product and
    what the backward pass gave."""
    t = _texts(lang)
    lines = []
    if c.paths:
        terms = " ".join(("" if i == 0 else ("+ " if float(v) >= 0 else "- ")) + f"{abs(float(v)) if i else float(v):.{digits}f}"
                         for i, (_, v, _) in enumerate(c.paths))
        total = sum(float(v) for _, v, _ in c.paths)
        lines.append(t("report.two_paths"))
        lines.append("")
        for latex, value, (delta, weight) in c.paths:
            lines.append(f"- ${latex} = {float(delta):.{digits}f} \\times {float(weight):.{digits}f} "
                         f"= {float(value):.{digits}f}$")
        lines.append(f"- {t('report.sum')}{'：' if lang == 'zh' else ': '}${terms} = {total:.{digits}f}$")
        lines.append("")
    factors = r" \cdot ".join(latex for latex, _ in c.factors)
    values = r" \times ".join(f"{float(v):.{digits}f}" for _, v in c.factors)
    lines.append(f"$${c.result} = {factors}$$")
    lines.append(f"$$= {values} = {c.product:.{digits + 3}f}$$")
    same = t("report.same") if abs(c.product - c.backward) <= 1e-15 * max(1.0, abs(c.backward)) else t("report.differs")
    lines.append(t("report.backward_gave", result=c.result, value=f"{c.backward:.{digits + 3}f}", verdict=same))
    return Table("\n".join(lines))


def _breakable(cell):
    """A long formula with words between its parts (``\\quad\\text{or ...}\\quad``) or factors joined
    by ``\\,`` as separate formulas, so that a narrow page can wrap it."""
    def split(match):
        words, rest = match.group(1).strip(), match.group(2).strip()
        return f"$ {words} " + (f"${rest}$ $" if rest else "$")
    cell = re.sub(r"\s*\\quad\\text\{([^}]*)\}(.*?)\\quad\s*", split, cell)
    # a product's factors (joined by a thin space) as separate formulas: a narrow page wraps between them,
    # and MathJax's hidden copy for screen readers (one unbroken line) no longer runs past the page
    return cell.replace(r",\ ", "$, $").replace(r"\,", "$ $")


def errata_table(doc, lang="en"):
    """The errata of ``doc`` (see ``errata.table``) as a Markdown table that fits a narrow page:
    where, what and why in one column; the printed value, the right one and (where the
    document's own slip reproduces the print) that one, one under the other, in the other."""
    t = _texts(lang)
    out = []
    for r in errata.table(doc, lang):
        if r["kind"] == "formula":
            quantity = t("report.formula") if r["quantity"] == "formula" else r["quantity"]
        elif r["kind"] == "wording":
            quantity = t("report.wording")
        else:
            quantity = f"${r['quantity']}$"
        own = r["document's own value"]
        slip = t("report.line_with_slip", value=f"{own}{' ✓' if r['reproduced'] == 'yes' else ''}") if own else ""
        where = f"{r['where']} · {quantity}" if lang == "zh" else f"{r['where']}: {quantity}"   # no ": " in Chinese prose
        out.append([_stack(where, f"*{r['cause']}*"),
                    _stack(t("report.line_printed", value=_breakable(r["printed"])),
                           t("report.line_right", value=_breakable(r["computed"])), slip)])
    return markdown_table([t("report.errata_where"), t("report.errata_values")], out)


def reproduction(doc, limit=None, lang="en"):
    """The errata of ``doc`` that come only from a slipped input: printed, recomputed with the
    document's slip, and correct (those also off by a power of ten are left out)."""
    t = _texts(lang)
    rows = [[f"${errata.symbol(n, lang)}$", _stack(t("report.line_prints", value=n.printed),
                                                   t("report.line_with_slip", value=num(errata.as_printed(n), 15)),
                                                   t("report.line_correct", value=num(errata.computed(n), 15)))]
            for n in errata.errata(doc)
            if n.as_printed is not None and n.printed_scale == 1.0 and n.id not in errata.ETA_NOT_APPLIED_IDS]
    return markdown_table([t("report.quantity"), t("report.reproduction_heading")], rows[:limit])


def typing_slips(lang="en"):
    """The typing slips (``errata.typing_slips``): the next number with and without the slip."""
    t = _texts(lang)
    rows = []
    for slip, following, with_slip, printed, correct in errata.typing_slips():
        rows.append([t("report.slip_then", slip=t("report.printed_as", symbol=errata.symbol(slip, lang),
                                                   printed=slip.printed),
                       symbol=errata.symbol(following, lang)),
                     _stack(t("report.line_computed_with_slip", value=at_precision_of(with_slip, printed)),
                            t("report.line_prints", value=printed),
                            t("report.line_computed_correctly", value=at_precision_of(correct, printed)),
                            t("report.used_right_value") if agrees(correct, printed) else "")])
    return markdown_table([t("report.slip"), t("report.next_number")], rows)


def layers(trace, grads=None, labels=None, digits=9, ks=None, lang="en"):
    """Every unit's z, n (and delta) layer by layer (or only layers ``ks``), as a table."""
    t = _texts(lang)
    rows = []
    for k in (ks or range(1, len(trace.n))):
        for i in range(len(trace.n[k])):
            unit = labels[k][i] if labels else f"{k}.{i + 1}"
            cells = [k, unit, num(trace.z[k][i], digits), num(trace.n[k][i], digits)]
            if grads is not None:
                cells.append(num(grads.delta[k][i], digits))
            rows.append(cells)
    header = [t("report.layer"), t("report.unit"), "z", "n = f(z)"] + (["δ = ∂L/∂z"] if grads is not None else [])
    return markdown_table(header, rows)


def updates(w, names, digits=9, lang="en"):
    """w_new = w - eta dE/dw for each named weight of a worked example (old, gradient, new)."""
    t = _texts(lang)
    rows = []
    for name in names:
        old = w.net[name]
        rows.append([name, num(old, digits), num(w.grads[name], digits), num(w.new[name], digits)])
    return markdown_table([t("report.weight"), t("report.old_value"), "∂E/∂w", t("report.new_value", lr=w.lr)], rows,
                          ["---", "---:", "---:", "---:"])


#: the most characters of numbers a matrix row may have beside its symbol: a wider row goes under the
#: symbol, so that the formula fits a notebook's cell at 1,000 px with the file browser open
ROW_BESIDE_SYMBOL = 40


def matrix(symbol, values, digits=12):
    """A LaTeX display of a vector or matrix: symbol = [[...]], the matrix under "symbol =" when a row
    of numbers is long (more than ``ROW_BESIDE_SYMBOL`` characters)."""
    import numpy as np
    a = np.atleast_2d(np.asarray(values, float))
    if np.ndim(values) == 1:
        a = a.T                                     # show vectors as columns, as the documents do
    rows = [[num(v, digits) for v in row] for row in a]
    body = r" \\ ".join(" & ".join(row) for row in rows)
    if max(sum(len(n) for n in row) for row in rows) > ROW_BESIDE_SYMBOL:
        return Table(f"$$\\begin{{aligned}} &{symbol} = \\\\ &\\begin{{bmatrix}} {body} \\end{{bmatrix}} \\end{{aligned}}$$")
    return Table(f"$${symbol} = \\begin{{bmatrix}} {body} \\end{{bmatrix}}$$")


def finite_differences(net, x, y, grads, eps=1e-4, floor=1e-12, lang="en", loss=None, weight_decay=0.0, names=None):
    """Each parameter's gradient from the backward pass (``grads``, by name) beside central
    finite differences with step ``eps``, and their relative error (``gradcheck``).

    loss, weight_decay, names: as in ``gradcheck.numeric_grads`` (another loss function of the
    output's z; the regularised objective L + (λ/2)‖W‖², whose gradient adds λW to the
    backward pass's; only these parameters).
    """
    t = _texts(lang)
    errors = relative_errors(net, x, y, eps=eps, floor=floor, loss=loss, weight_decay=weight_decay, names=names)
    numeric = numeric_grads(net, x, y, eps=eps, loss=loss, weight_decay=weight_decay, names=names)
    analytic = analytic_grads(net, x, y, weight_decay, list(numeric)) if weight_decay else grads
    rows = [[name, f"{analytic[name]:.6e}", f"{value:.6e}", f"{errors[name]:.1e}"]
            for name, value in numeric.items()]
    return markdown_table([t("report.parameter"), t("report.backward_pass"), t("report.finite_differences"),
                           t("report.relative_error")], rows)


def network(net, lang="en"):
    """A one-line description of a ``Network`` in ``lang`` (its repr is English only)."""
    t = _texts(lang)
    comma = "、" if lang == "zh" else ", "
    return Table(t("report.network", sizes=" → ".join(map(str, net.sizes)), activations=comma.join(net.activation),
                   loss=net.loss_name, bias=t("report.bias_shared" if net.shared_bias else "report.bias_per_neuron")))


def _shape(a):
    rows, cols = (a.shape + (1,))[:2] if a.ndim == 1 else a.shape
    return f"{rows}×{cols}"


def shapes(products, lang="en"):
    """The shape of every factor of each matrix product and of its result (or "not defined").

    products: [(LaTeX of the product, left factor, right factor), ...], the factors as 2-D
    arrays (a column vector is n×1).  numpy does the multiplication, so a product whose
    shapes do not fit is reported as numpy finds it.
    """
    import numpy as np
    t = _texts(lang)
    rows = []
    for latex, left, right in products:
        left, right = np.atleast_2d(np.asarray(left, float)), np.atleast_2d(np.asarray(right, float))
        try:
            result = _shape(left @ right)
        except ValueError:
            result = t("report.not_defined")
        rows.append([f"${latex}$", f"{_shape(left)} · {_shape(right)}", result])
    return markdown_table([t("report.product"), t("report.factor_shapes"), t("report.result_shape")], rows)


def _g(values):
    return ", ".join(f"{float(v):.2g}" for v in values)


def saturation(trace, grads, lang="en"):
    """Layer by layer, from the output back: each unit's |δ⁽ᵏ⁾| and f′(z⁽ᵏ⁾), and by how much the
    largest |δ| shrinks from layer k + 1 to layer k (a sigmoid's f′ = n (1 − n))."""
    import numpy as np
    t = _texts(lang)
    rows = []
    L = len(trace.n) - 1
    for k in range(L, 0, -1):
        n = np.asarray(trace.n[k], float)
        d = np.abs(np.asarray(grads.delta[k], float))
        shrink = "" if k == L else f"{np.abs(grads.delta[k + 1]).max() / d.max():.0f}×"
        rows.append([k, _g(d), _g(n * (1 - n)), shrink])
    return markdown_table([t("report.layer"), "|δ⁽ᵏ⁾|", "f′(z⁽ᵏ⁾)", t("report.shrink")], rows)


def deltas_side_by_side(grads_a, grads_b, labels, heading_a, heading_b, lang="en"):
    """Each unit's δ under two losses (``grads_a``, ``grads_b`` of the same network and sample)
    and their ratio b / a, from the output layer back."""
    t = _texts(lang)
    rows = []
    for k in range(len(grads_a.delta) - 1, 0, -1):
        for i, (a, b) in enumerate(zip(grads_a.delta[k], grads_b.delta[k])):
            rows.append([k, labels[k][i], f"{float(a):.6e}", f"{float(b):.6e}", f"{float(b) / float(a):.2f}"])
    return markdown_table([t("report.layer"), t("report.unit"), heading_a, heading_b, t("report.ratio")], rows)


def check(answer, expected, tol=0.0, what=None, lang="en", rtol=0.0):
    """Right or wrong, for an exercise: |answer - expected| <= max(tol, rtol·|expected|).

    Kept for the notebooks that call it with an absolute ``tol``; it is
    ``exercises.check_number`` with ``atol=tol`` (and no relative tolerance unless given).
    what: how the verdict names the answer (default "your answer", in ``lang``).
    """
    return exercises.check_number(answer, expected, rtol=rtol, what=what, lang=lang, atol=tol)


def check_choice(answer, expected, lang="en"):
    """Right or wrong, for an exercise whose answer is one of several names
    (``exercises.check_choice``: spaces and case do not count)."""
    return exercises.check_choice(answer, expected, lang=lang)
