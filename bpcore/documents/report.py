"""Tables for the notebooks, as Markdown that Jupyter renders (and nbval compares).

Each function returns a ``Table``: a str whose ``_repr_markdown_`` is itself,
so a cell that ends with one shows a formatted table, and its plain-text form
is the same Markdown (stable, readable in a diff).  Pure Python: no IPython.
"""
import re

from . import errata
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


def compare(w, doc, section):
    """bpcore's value of every number ``doc`` prints in ``section``, beside the printed one.

    w: the worked example to read the values from (``worked.doc001()`` or ``doc000()``).
    Two columns, so that the table fits a narrow page: the quantity, and bpcore's value,
    the same rounded as the document prints it, and the printed value, one under the other.
    """
    rows = []
    for n in errata.numbers(doc):
        if n.section != section:
            continue
        value = float(n.value(w))
        ok = agrees(value, n.printed)
        mark = "✓" if ok else "✗ see errata"
        rows.append([f"${n.symbol}$", _stack(f"bpcore: {num(value, 15)}",
                                             f"rounded as printed: {at_precision_of(value, n.printed)}",
                                             f"the document prints: {n.printed} {mark}")])
    return markdown_table(["quantity", "bpcore, and what the document prints"], rows)


def chain(c, digits=6):
    """One derivative as its chain-rule factors (``worked.chain001``), their product and
    what the backward pass gave."""
    lines = []
    if c.paths:
        terms = " ".join(("" if i == 0 else ("+ " if float(v) >= 0 else "- ")) + f"{abs(float(v)) if i else float(v):.{digits}f}"
                         for i, (_, v, _) in enumerate(c.paths))
        total = sum(float(v) for _, v, _ in c.paths)
        lines.append("The error reaches the hidden unit along two paths, and their contributions add up:")
        lines.append("")
        for latex, value, (delta, weight) in c.paths:
            lines.append(f"- ${latex} = {float(delta):.{digits}f} \\times {float(weight):.{digits}f} "
                         f"= {float(value):.{digits}f}$")
        lines.append(f"- sum: ${terms} = {total:.{digits}f}$")
        lines.append("")
    factors = r" \cdot ".join(latex for latex, _ in c.factors)
    values = r" \times ".join(f"{float(v):.{digits}f}" for _, v in c.factors)
    lines.append(f"$${c.result} = {factors}$$")
    lines.append(f"$$= {values} = {c.product:.{digits + 3}f}$$")
    same = "✓ the same" if abs(c.product - c.backward) <= 1e-15 * max(1.0, abs(c.backward)) else "✗ differs"
    lines.append(f"The backward pass gave ${c.result} = {c.backward:.{digits + 3}f}$: {same}.")
    return Table("\n".join(lines))


def _breakable(cell):
    """A long formula with words between its parts (``\\quad\\text{or ...}\\quad``) as separate
    formulas with the words between them, so that a narrow page can wrap it."""
    def split(match):
        words, rest = match.group(1).strip(), match.group(2).strip()
        return f"$ {words} " + (f"${rest}$ $" if rest else "$")
    cell = re.sub(r"\s*\\quad\\text\{([^}]*)\}(.*?)\\quad\s*", split, cell)
    return cell.replace(r",\ ", "$, $")


def errata_table(doc):
    """The errata of ``doc`` (see ``errata.table``) as a Markdown table that fits a narrow page:
    where, what and why in one column; the printed value, the right one and (where the
    document's own slip reproduces the print) that one, one under the other, in the other."""
    out = []
    for r in errata.table(doc):
        quantity = r["quantity"] if r["quantity"] == "formula" else f"${r['quantity']}$"
        own = r["document's own value"]
        slip = f"with the document's slip: {own}{' ✓' if r['reproduced'] == 'yes' else ''}" if own else ""
        out.append([_stack(f"{r['where']}: {quantity}", f"*{r['cause']}*"),
                    _stack(f"prints: {_breakable(r['printed'])}", f"right: {_breakable(r['computed'])}", slip)])
    return markdown_table(["where, what and why", "the document's value, and the right one"], out)


def reproduction(doc, limit=None):
    """The errata of ``doc`` that come only from a slipped input: printed, recomputed with the
    document's slip, and correct (those also off by a power of ten are left out)."""
    rows = [[f"${n.symbol}$", _stack(f"the document prints: {n.printed}",
                                     f"with the document's slip: {num(errata.as_printed(n), 15)}",
                                     f"correct: {num(errata.computed(n), 15)}")]
            for n in errata.errata(doc)
            if n.as_printed is not None and n.printed_scale == 1.0 and n.id not in errata.INCREMENT_SCALED]
    return markdown_table(["quantity", "printed, recomputed with the slip, and correct"], rows[:limit])


def typing_slips():
    """The typing slips (``errata.typing_slips``): the next number with and without the slip."""
    rows = []
    for slip, following, with_slip, printed, correct in errata.typing_slips():
        rows.append([f"${slip.symbol}$ printed as {slip.printed}; the next number is ${following.symbol}$",
                     _stack(f"computed with the slip: {at_precision_of(with_slip, printed)}",
                            f"the document prints: {printed}",
                            f"computed correctly: {at_precision_of(correct, printed)}",
                            "✓ the document used the right value" if agrees(correct, printed) else "")])
    return markdown_table(["slip", "the next number"], rows)


def layers(trace, grads=None, labels=None, digits=9, ks=None):
    """Every unit's z, n (and delta) layer by layer (or only layers ``ks``), as a table."""
    rows = []
    for k in (ks or range(1, len(trace.n))):
        for i in range(len(trace.n[k])):
            unit = labels[k][i] if labels else f"{k}.{i + 1}"
            cells = [k, unit, num(trace.z[k][i], digits), num(trace.n[k][i], digits)]
            if grads is not None:
                cells.append(num(grads.delta[k][i], digits))
            rows.append(cells)
    header = ["layer k", "unit", "z", "n = f(z)"] + (["δ = ∂L/∂z"] if grads is not None else [])
    return markdown_table(header, rows)


def updates(w, names, digits=9):
    """w_new = w - eta dE/dw for each named weight of a worked example (old, gradient, new)."""
    rows = []
    for name in names:
        old = w.net[name]
        rows.append([name, num(old, digits), num(w.grads[name], digits), num(w.new[name], digits)])
    return markdown_table(["weight", "old value", "∂E/∂w", f"new = old − {w.lr:g} × ∂E/∂w"], rows,
                          ["---", "---:", "---:", "---:"])


def matrix(symbol, values, digits=12):
    """A LaTeX display of a vector or matrix: symbol = [[...]]."""
    import numpy as np
    a = np.atleast_2d(np.asarray(values, float))
    if np.ndim(values) == 1:
        a = a.T                                     # show vectors as columns, as the documents do
    body = r" \\ ".join(" & ".join(num(v, digits) for v in row) for row in a)
    return Table(f"$${symbol} = \\begin{{bmatrix}} {body} \\end{{bmatrix}}$$")


def check(answer, expected, tol, what="your answer"):
    """Right or wrong, for an exercise: |answer - expected| <= tol."""
    if answer is None:
        return Table(f"✎ Put {what} in the cell above and run both cells again.")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Table(f"✗ {what} should be a number, got {answer!r}.")
    if abs(value - float(expected)) <= tol:
        return Table(f"✓ Right: {value:.10g} (within {tol:g} of bpcore's value).")
    return Table(f"✗ Not yet: {value:.10g} is off by {value - float(expected):.3g}. Look at the hint and try again.")
