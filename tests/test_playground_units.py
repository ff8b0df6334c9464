"""Issue 24's last items, kernel side: every unit's picture on the playground's diagram (what it computes
over the plane), the unit pointed at shown large with the weights into it, a weight picked by clicking its
edge, and the regularisation as one choice (none / L1 / L2), saved and loaded.  The browser side is in
tests/test_browser_playground.py (``units_and_weights_checks``)."""
import base64
import html
import json
import re
import struct
import zlib

import numpy as np
import pytest

from bpcore.draw import svg
from bpcore.draw.layout import Layout
from bpcore.widgets import strings
from bpcore.widgets.playground import UNIT_RESOLUTION, Playground
from bpcore.widgets.playground_app import LARGE_NETWORK, PICTURES_EVERY, PlaygroundApp


def frames(m, n):
    for _ in range(n):
        m.train_steps(5)
    return m


def read_png(data):
    """The (h, w, 3) pixels of a PNG written by svg.png_rgb or svg.png_indexed (8-bit, filter 0 on every
    row): decoded here independently of the writer, chunk by chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        assert struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind + body)
        chunks[kind] = chunks.get(kind, b"") + body
        pos += 12 + length
    w, h, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    per_pixel = 3 if colour == 2 else 1
    raw = np.frombuffer(zlib.decompress(chunks[b"IDAT"]), np.uint8).reshape(h, 1 + w * per_pixel)
    assert depth == 8 and np.all(raw[:, 0] == 0)
    if colour == 2:
        return raw[:, 1:].reshape(h, w, 3)
    palette = np.frombuffer(chunks[b"PLTE"], np.uint8).reshape(-1, 3)
    return palette[raw[:, 1:]]


# ---- the model: one forward pass gives every unit's picture -----------------------------------------
@pytest.mark.parametrize("hidden, activation", [([3, 2], "tanh"), ([8] * 6, "relu"), ([], "sigmoid")])
def test_unit_pictures_are_the_forward_pass_n_k_on_the_grid_for_every_unit(hidden, activation):
    """Each layer's pictures are Network.forward's n[k] at the grid's points (two ways: the model's one
    engine.forward over the grid, and the public Network.forward point by point's batch), to 1e-12."""
    m = frames(Playground(hidden=hidden, activation=activation, features=["x1", "x2", "x1^2"]), 3)
    pictures = m.unit_pictures(20)
    assert [p.shape for p in pictures] == [(20, 20, size) for size in m.net.sizes]
    grid = m.grid(20)
    trace = m.net.forward(m.inputs(grid))
    for k, picture in enumerate(pictures):
        np.testing.assert_allclose(picture.reshape(400, -1), trace.n[k], rtol=1e-12, atol=1e-15)
    x0, x1, y0, y1 = m.extent()      # rows from the top, left to right: the boundary's pixels
    assert tuple(grid[0]) == pytest.approx((x0, y1)) and tuple(grid[-1]) == pytest.approx((x1, y0))
    np.testing.assert_array_equal(pictures[0][..., 2], pictures[0][..., 0] ** 2)   # the input x₁² itself
    assert UNIT_RESOLUTION == 24 and m.unit_pictures()[1].shape[:2] == (24, 24)


def test_the_output_units_picture_is_the_decision_boundary():
    """A sigmoid output unit's n over the 48-point grid is boundary()'s P(class 1), and its colours are
    the boundary's (to the rounding of unit_scale's 65 shades: at most 3 of 255 per channel)."""
    m = frames(Playground(), 20)
    p = m.unit_pictures(48)[-1][..., 0]
    np.testing.assert_allclose(p, m.boundary(48), rtol=0, atol=1e-15)
    v, _ = svg.unit_scale(p[..., None], m.unit_range(m.net.L))
    drawn = svg.unit_pixels(v[..., 0]).astype(int)
    assert np.abs(drawn - svg.boundary_pixels(m.boundary(48), 2).astype(int)).max() <= 3


def test_unit_range_is_what_each_activation_can_output():
    m = Playground(hidden=[2, 2], activation="tanh")
    assert (m.unit_range(0), m.unit_range(1), m.unit_range(3)) == (None, (-1.0, 1.0), (0.0, 1.0))
    for activation in ("relu", "linear"):
        assert Playground(activation=activation).unit_range(1) is None
    assert Playground(dataset="3 classes").unit_range(3) == (0.0, 1.0)        # softmax
    assert Playground(dataset="plane").unit_range(3) is None                   # the linear output


def test_unit_scale_maps_each_range_to_minus_one_one_and_rounds_to_65_shades():
    values = np.array([[[-1.0, 0.0, 3.0]], [[0.5, 0.25, -6.0]]])              # (2, 1, 3): three units
    v, top = svg.unit_scale(values, (-1.0, 1.0))
    np.testing.assert_array_equal(v[..., 0].ravel(), [-1.0, 0.5])
    assert v[0, 0, 2] == 1.0 and list(top) == [1.0, 1.0, 1.0]                 # clipped to the range
    v, top = svg.unit_scale(values, None)                                     # each unit by its own largest |n|
    assert list(top) == [1.0, 0.25, 6.0]
    np.testing.assert_array_equal(v[..., 2].ravel(), [0.5, -1.0])
    assert np.all(np.round(v * svg.LEVELS) == v * svg.LEVELS)
    v, _ = svg.unit_scale(np.array([[[np.nan, 0.0]]]), None)                  # overflow and all zeros: white
    np.testing.assert_array_equal(v.ravel(), [0.0, 0.0])


def test_unit_pixels_colours_like_the_boundary_and_the_value_view():
    v = np.array([[-1.0, 0.0, 1.0]])
    rgb = svg.unit_pixels(v)
    assert tuple(rgb[0, 1]) == (255, 255, 255)
    orange, blue = np.array(svg._hex_rgb(svg.CLASS_COLOURS[0])), np.array(svg._hex_rgb(svg.CLASS_COLOURS[1]))
    np.testing.assert_array_equal(rgb[0, 0], np.round(255 * 0.35 + orange * 0.65))
    np.testing.assert_array_equal(rgb[0, 2], np.round(255 * 0.35 + blue * 0.65))
    np.testing.assert_array_equal(svg.unit_pixels(v, regression=True), svg.value_pixels(v, 1.0))
    green = svg.unit_pixels(np.array([[1.0]]), towards=svg.CLASS_COLOURS[2])  # a softmax unit: its class
    np.testing.assert_array_equal(green[0, 0], np.round(255 * 0.35 + np.array(svg._hex_rgb("#009E73")) * 0.65))


def test_units_sprite_holds_every_units_picture_in_order_as_one_png():
    app = PlaygroundApp(Playground(hidden=[8] * 6))
    pictures = app.unit_pictures()
    assert len(pictures) == 2 + 48 + 1 and all(p.shape == (24, 24, 3) for _, p in pictures)
    href, res, rows = svg.units_sprite(pictures)
    assert res == 24 and rows[(0, 0)] == 0 and rows[(7, 0)] == 50
    data = base64.b64decode(href.split(",", 1)[1])
    assert data[25] == 3                                                      # colour type 3: a palette
    np.testing.assert_array_equal(read_png(data), np.concatenate([p for _, p in pictures]))
    assert len(href) < 20_000, len(href)                                      # 6 layers of 8: under 20 KB
    many = np.random.default_rng(0).integers(0, 256, (30, 30, 3), dtype=np.uint8)   # > 256 colours: RGB
    np.testing.assert_array_equal(read_png(svg.png_indexed(many)), many)


# ---- the diagram -------------------------------------------------------------------------------------
def test_the_diagram_draws_each_unit_as_its_picture_and_the_targets_lie_over_it():
    app = PlaygroundApp(Playground(hidden=[3, 2]))
    drawing, targets = app.diagram.value, app.diagram_hit.value
    assert drawing.count("<use ") == 8 and drawing.count('class="bp-node"') == 8
    assert drawing.count(f'id="{svg.pictures_id(app.unit_sprite()[0])}"') == 1
    size = re.search(r'viewBox="0 0 (\d+) (\d+)"', drawing).groups()
    assert re.search(r'viewBox="0 0 (\d+) (\d+)"', targets).groups() == size  # the same frame
    picks = re.findall(r'data-pick="W:([^"]+)"', targets)
    assert sorted(picks) == sorted(n for n, w in app.model.net.names.items() if w[0] == "W")
    assert len(re.findall(r'data-pick="U:\d+:\d+" tabindex="0"', targets)) == 8
    w = app.model.net.W[2][0, 1]
    title = re.search(r'data-pick="W:W2\[0,1\]"[^>]*><title>([^<]+)</title>', targets).group(1)
    assert title == f"W⁽²⁾₁,₂ = {w:.4g} · from unit 2 of layer 1 to unit 1 of layer 2 · click to edit"
    assert "onclick=" in targets and "onmouseover=" in targets and "onfocusin=" in targets


def test_pictures_every_frame_for_a_small_network_every_third_for_a_large_one():
    for hidden, every in (([3, 2], 1), ([8] * 6, PICTURES_EVERY)):
        app = PlaygroundApp(Playground(hidden=hidden))
        weights = sum(w.size for w in app.model.net.W[1:])
        assert (weights > LARGE_NETWORK) == (every > 1)
        drawn = []
        for _ in range(9):
            before = app.diagram.value
            app.run_frames(1)
            drawn.append(app.diagram.value != before)
        assert sum(drawn) == 9 // every, (hidden, drawn)
        assert app.unit_view.value                                             # the large view: every frame


# ---- pointing at a unit, clicking a weight -------------------------------------------------------------
def test_pointing_at_a_unit_shows_it_large_with_the_weights_into_it_one_based():
    app = PlaygroundApp(Playground(hidden=[3, 2]))
    assert "Point at a unit" in app.unit_view.value
    app.clicks.value = "U:2:1|1733230000000"                                   # as the page sends it
    view = app.unit_view.value
    assert "n⁽²⁾₂</b>: unit 2 of layer 2" in view and view.count("<image ") == 1
    net = app.model.net
    for j in range(3):
        assert f'data-pick="W:W2[1,{j}]">W⁽²⁾₂,{"₁₂₃"[j]}</span>' in view
        assert f"{net.W[2][1, j]:.4g}" in view
    assert "b⁽²⁾₂" in view and "orange: -1 · white: 0 · blue: 1" in view
    app.click("U:0:1")
    assert "x₂</b>: input 2 (layer 0)" in app.unit_view.value and "data-pick" not in app.unit_view.value.split(
        "</svg>")[1]
    app.click("U:3:0")
    assert "= ŷ1: unit 1 of the output layer 3" in app.unit_view.value
    app.set("hidden", "2")                                                     # the unit is gone: back to the hint
    assert "Point at a unit" in app.unit_view.value


def test_clicking_an_edge_picks_its_weight_ready_to_type():
    app = PlaygroundApp(Playground(hidden=[3, 2]))
    app.clicks.value = "W:W2[0,1]|1733230000001"
    assert app.pick.value == "W2[0,1]" and "W⁽²⁾₁,₂ picked" in app.message.value
    assert app.weight_value.value == round(app.model.net.W[2][0, 1], 6)
    assert 'class="bp-edge bp-picked" data-pick="W:W2[0,1]"' in app.diagram_hit.value
    app.weight_value.value = 1.25                                              # then typed: the model's checks
    assert app.model.net.W[2][0, 1] == 1.25 and "set to 1.25 by hand" in app.message.value
    app.clicks.value = "W:W2[0,1]|1733230000002"                              # the same edge again: still works
    assert app.pick.value == "W2[0,1]"


@pytest.mark.parametrize("sent, words", [("W:W9[0,0]|1", "unknown weight"), ("W:b1[0]|1", "unknown weight"),
                                         ("U:9:0|1", "no unit"), ("U:x:y|1", "expected U:<layer>:<unit>"),
                                         ("Q:1|1", "expected W:<weight>, B:<bias> or U:<layer>:<unit>"),
                                         ("B:W1[0,0]|1", "unknown bias"), ("B:b7[0]|1", "unknown bias")])
def test_what_the_page_sends_is_checked_and_changes_nothing_when_bad(sent, words):
    app = PlaygroundApp()
    before = (app.pick.value, app.focused, app.model.to_json())
    app.clicks.value = sent
    assert words in html.unescape(app.message.value) and "Traceback" not in app.message.value
    assert (app.pick.value, app.focused, app.model.to_json()) == before


def test_the_chinese_edition_names_units_and_weights_in_chinese():
    app = PlaygroundApp(lang="zh")
    app.click("U:1:0")
    assert "n⁽¹⁾₁</b>：第 1 层的第 1 个神经元" in app.unit_view.value and "连入它的权重" in app.unit_view.value
    app.click("W:W1[0,0]")
    assert "已选中 W⁽¹⁾₁,₁" in app.message.value
    assert "从第 0 层的第 1 个神经元到第 1 层的第 1 个神经元 · 点击修改" in app.diagram_hit.value


# ---- regularisation: one choice, saved and loaded -----------------------------------------------------
@pytest.mark.parametrize("choice", ["none", "L1", "L2"])
def test_save_and_load_keep_the_regularisation_choice(choice):
    m = Playground()
    m.regularise(choice, 0.004)
    frames(m, 2)
    q = Playground()
    q.load_json(m.to_json())
    assert q.regularisation == choice and q.settings["weight_decay"] == (0.0 if choice == "none" else 0.004)
    app = PlaygroundApp()
    app.load_state(m.to_json())
    assert app.regularisation.value == choice and app.controls["weight_decay"].disabled == (choice == "none")


def test_a_version_3_file_with_a_penalty_but_no_rate_loads_as_none():
    """Before the single choice, the penalty could be L1 with weight decay off: that is "none"."""
    m = Playground()
    doc = json.loads(m.to_json())
    doc["settings"].update(penalty="L1", weight_decay=0.0)
    q = Playground()
    q.load_json(json.dumps(doc))
    assert q.regularisation == "none" and doc["version"] == 3


# ---- the still picture and the upload buttons' names --------------------------------------------------
def test_the_still_picture_is_a_png_with_its_own_caption_in_each_language():
    for lang in ("en", "zh"):
        widget = PlaygroundApp(lang=lang).widget
        bundle, metadata = widget._repr_mimebundle_()
        png = base64.b64decode(bundle["image/png"])
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (768, 288)
        assert metadata == {"bpcore": {"picture": "static.picture.playground"}}
        assert bundle["text/plain"] == strings.text("static.plain", lang)


def test_the_still_picture_of_regression_data_colours_the_points_by_value():
    app = PlaygroundApp(Playground(dataset="plane"))
    png = base64.b64decode(app.preview_png())
    assert struct.unpack(">II", png[16:24]) == (768, 288)
    colours = svg.value_colours([-2.0, 0.0, 1.0], 2.0)
    np.testing.assert_allclose(colours[1], [1.0, 1.0, 1.0])
    np.testing.assert_allclose(colours[0] * 255, svg._hex_rgb(svg.CLASS_COLOURS[0]))
    np.testing.assert_allclose(colours[2] * 255, 255 * (1 - np.sqrt(0.5)) + np.sqrt(0.5) * np.array(
        svg._hex_rgb(svg.CLASS_COLOURS[1])))


def test_the_upload_buttons_get_a_name_without_the_counter_in_each_language():
    for lang, csv_name in (("en", "Upload CSV: a file with the columns x1, x2, label"),
                           ("zh", "上传 CSV：包含 x1、x2、label 三列的文件")):
        app = PlaygroundApp(lang=lang)
        css = app.widget.children[0].children[0].value
        assert "setAttribute(&#x27;aria-label&#x27;," in css and json.dumps(csv_name).replace('"', "&quot;") in css


def test_layout_of_a_diagram_with_pictures_is_at_least_24_px_a_unit():
    net = Playground(hidden=[8] * 6).net
    frame = svg.diagram_frame(net, Layout(net), 540, pictures=True)
    assert frame["picture"] == 24 and frame["w"] > 540                          # wider: it scrolls, with a cue
    frame = svg.diagram_frame(Playground().net, Layout(Playground().net), 540, pictures=True)
    assert frame["picture"] == 44 and frame["w"] <= 560


# ---- the loss chart's axis, the diagram's caption, where the large unit sits ------------------------------
def axis_labels(chart):
    """The y-axis numbers of an svg.curves_svg chart, bottom to top (right-aligned text at x = 44)."""
    return [float(v) for v in re.findall(r'<tspan x="44\.0" dy="0em">([-0-9.e]+)</tspan>', chart)]


def test_loss_ylim_is_zero_to_the_largest_loss_drawn_with_headroom():
    from bpcore.widgets.playground_app import loss_ylim
    assert loss_ylim([0.13, 0.05, 0.003], [0.12, 0.04]) == pytest.approx((0.0, 0.13 * 1.08))
    assert loss_ylim([2.5, 0.7], [float("nan"), 3.0]) == pytest.approx((0.0, 3.0 * 1.08))   # above 1 too
    assert loss_ylim([], [float("inf")]) == (0.0, 1.0)                                         # nothing to fit


def test_the_loss_chart_fits_the_losses_and_accuracy_stays_zero_to_one():
    app = PlaygroundApp(Playground(hidden=[3, 2]))
    frames(app.model, 60)
    app.refresh()
    h = app.model.history
    top = max(max(h["train_loss"]), max(h["test_loss"]))
    assert top < 0.5                                   # xor's ½Σ(y−ŷ)² starts near 0.13: far below the old 1.05
    loss_axis = axis_labels(app.loss_view.value)
    assert loss_axis[0] == 0 and loss_axis[-1] == pytest.approx(1.08 * top, rel=5e-3), loss_axis
    assert axis_labels(app.acc_view.value) == [0, 0.5, 1]


def test_the_diagram_caption_says_what_n_is_and_names_the_pink_mark_in_both_languages():
    en, zh = strings.text("play.diagram.note", "en"), strings.text("play.diagram.note", "zh")
    assert "its output n, the value the unit passes on" in en and "n of that unit" not in en
    assert "pink: the weight or bias picked" in en
    assert "它的输出 n，即这个神经元传出去的值" in zh and "粉色：选中的权重或偏置" in zh
    assert "204,121,167" in CSS_OF_PICKED                # the mark the caption calls pink (#CC79A7)
    for key in ("play.unit.tip", "play.unit.tip.input"):
        assert "beside or under the diagram" in strings.text(key, "en")
        assert "在网络图旁边或下方放大显示" in strings.text(key, "zh")


def test_the_large_unit_view_sits_beside_the_diagram_above_the_note_and_the_weight_box():
    app = PlaygroundApp()
    views = app.widget.children[1].children
    row = next(c for c in views if app.diagram_box in getattr(c, "children", ()))
    assert list(row.children) == [app.diagram_box, app.unit_view] and row.layout.flex_flow == "row wrap"
    assert views.index(row) < views.index(app.diagram_note) < views.index(app.pick) < views.index(app.weight_value)


from bpcore.widgets.playground_app import CSS as _CSS  # noqa: E402
CSS_OF_PICKED = next(line for line in _CSS.splitlines() if ".bp-edge.bp-picked {" in line)
