"""The drawing layer, the SVG views and the report tables show bpcore's numbers."""
import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from bpcore import examples  # noqa: E402
from bpcore.documents import errata, report, worked  # noqa: E402
from bpcore.draw import figures, svg  # noqa: E402
from bpcore.draw.layout import Layout  # noqa: E402


@pytest.fixture(scope="module")
def w():
    return worked.doc001()


def test_network_diagram_shows_names_values_and_gradients(w):
    d = figures.draw_network(w.net, w.trace, w.grads)
    assert d.edge_text["W", 2, 0, 0].get_text() == "w5 = 0.4000\n∂/∂w = 0.0822"
    assert d.unit_text[2, 0].get_text() == "out = 0.7514"
    assert d.bias_text[1, 0].get_text() == "b1 = 0.35" and d.loss_text.get_text() == "0.298371"
    assert len(d.edges) == 8


def test_backward_paths_are_the_documents(w):
    assert figures.backward_path(w.net, "w5") == {("W", 2, 0, 0), ("loss", 0)}
    assert figures.backward_path(w.net, "w1") == {("W", 1, 0, 0), ("W", 2, 0, 0), ("W", 2, 1, 0),
                                                  ("loss", 0), ("loss", 1)}
    d = figures.draw_network(w.net, w.trace, w.grads, highlight="w1")
    assert d.edges["W", 2, 1, 0].get_linewidth() == 3.5 and d.edges["W", 2, 0, 1].get_alpha() == 0.25


def test_svg_diagram_carries_the_same_texts(w):
    out = svg.network_svg(w.net, Layout(w.net), w.trace, w.grads)
    assert out.startswith("<svg") and out.endswith("</svg>")
    for text in ("w5 = 0.4000", "∂/∂w = 0.0822", "out = 0.7514", "b1 = 0.35", "0.298371"):
        assert text in out


def test_svg_bars_one_per_weight(w):
    out = svg.bars_svg(list(w.dE_dw), list(w.dE_dw.values()), "gradients")
    assert out.count("<rect") == 8 and "<title>w5: 0.082167</title>" in out


def test_gradient_bars_and_curves_update_in_place():
    bars = figures.gradient_bars(["a", "b"], [1.0, -2.0])
    figures.set_bar_heights(bars, [3.0, 1.0])
    assert [b.get_height() for b in bars] == [3.0, 1.0] and bars[0].axes.get_ylim()[1] == pytest.approx(3.45)
    lines = figures.gradient_curves(["a"], {"a": [1, 2, 3]})
    assert list(lines["a"].get_ydata()) == [1, 2, 3]


def test_compare_table_marks_agreement_and_errata(w):
    table = report.compare(w, "001", errata.S1_FWD)
    assert table._repr_markdown_() == str(table)
    assert "| $net_{h1}$ | bpcore: 0.3775<br>rounded as printed: 0.3775<br>the document prints: 0.3775 ✓ |" in table
    assert "the document prints: 0.589327 ✗ see errata" in table


def test_chain_shows_factors_product_and_backward(w):
    text = report.chain(worked.chain001(w, "w1"))
    assert "0.055399 - 0.019049 = 0.036350" in text and "✓ the same" in text


def test_errata_table_has_every_row():
    formulas = [f for f in errata.FORMULAS if f.doc == "000"]
    lines = str(report.errata_table("000")).split("\n")
    assert len(lines) == 2 + len(errata.errata("000")) + len(formulas)


def test_check_says_right_or_wrong():
    assert report.check(None, 1.0, 0.1).startswith("✎")
    assert report.check(1.05, 1.0, 0.1).startswith("✓")
    assert report.check(2.0, 1.0, 0.1).startswith("✗")
    assert report.check("abc", 1.0, 0.1).startswith("✗")


def test_doc000_diagram_uses_document_names():
    net = examples.network_2_3_2_1()
    d = figures.draw_network(net, edge_grads=False, digits=3)
    assert d.edge_text["W", 1, 0, 0].get_text() == "w_(x1,1)\n2.000"     # long names above their value
    assert d.bias_text[2, 1].get_text() == "b5 = 1.00"


def test_reproduction_table_lists_only_plain_slips():
    table = report.reproduction("000")
    assert ("| $\\hat y = f_6(z_6)$ | the document prints: 0.997520293823002<br>with the document's slip: "
            "0.997520293823002<br>correct: 0.997518688140956 |") in table
    assert "0.0000000015233151" not in table          # off by a power of ten as well: not here


def test_notebook_network_figures_fit_a_column_at_1000px_with_labels_of_11px():
    """Each notebook diagram is at most FIGURE_UNITS wide, so its labels (layout.FONT units) show at
    11 px or more in a 565 px column: document 001's at the first spacing (4.5), document 000's 2-3-2-1
    network only at 9 (at the dashboards' 3.4 both were about 23 units wide: 7.4 px)."""
    from bpcore import examples
    from bpcore.draw import figures, layout
    for net, sizes, dy in ((examples.network_2_2_2(), layout.label_sizes(examples.network_2_2_2(), 4), 4.5),
                           (examples.network_2_3_2_1(), layout.label_sizes(examples.network_2_3_2_1(), 3, False, "n"), 9.0)):
        lay = figures.figure_layout(net, **sizes)
        width = lay.xlim[1] - lay.xlim[0]
        assert lay.DY == dy and width <= figures.FIGURE_UNITS
        assert layout.FONT * 565 / width >= 11.0
        assert layout.Layout(net, **sizes).xlim[1] - layout.Layout(net, **sizes).xlim[0] > 20   # the SVG's: wide


def test_a_figure_title_is_wrapped_to_the_drawing_never_before_closing_punctuation():
    from bpcore.draw.figures import wrap_title
    assert wrap_title("a b c", 1000, 10) == "a b c"
    lines = wrap_title("Figure 2 · the starting values: inputs 0.05, 0.10; targets 0.01, 0.99 (green: each)", 300, 10)
    assert all(len(line) * 0.6 <= 30 for line in lines.split("\n")) and lines.replace("\n", " ").startswith("Figure 2")
    zh = wrap_title("图 2 · 初始值：输入 0.05、0.10；目标输出 0.01、0.99（绿色：各神经元的输出，第 1 节算出）", 250, 10)
    assert len(zh.split("\n")) >= 2 and not any(line[:1] in "）」，。、；：" for line in zh.split("\n"))
