"""Every number either document prints: reproduced at its printed precision, or an
erratum pinned with both its printed and its correct value.

The correct values below were worked out independently (plain-Python chain rule,
see test_doc001.py and test_doc000.py) and are pinned to 1e-12 relative.
"""
import pytest

from bpcore.documents import errata
from bpcore.documents.printed import agrees, at_precision_of, decimals

CORRECT = {  # erratum id -> the value the document's own procedure gives
    "doc001_out_h1_in_net_o1": 0.593269992107187,
    "doc001_dE_dout_o1_in_delta_o1": 0.741365069552316,
    "doc001_out_h1_6dp": 0.593269992107187,
    "doc001_dE_dw1": 0.000438567734474347,
    "doc000_y_hat": 0.997518688140956,
    "doc000_y_minus_y_hat": 0.00248131185904410,
    "doc000_dL_dn3": -0.00248131185904410,
    "doc000_f6_prime": 0.00247515495050227,
    "doc000_delta3": -6.14163133165299e-06,
    "doc000_f4_prime": 0.00248351941960184,    # exact (50-digit decimal); bpcore's float is 4e-14 below
    "doc000_f5_prime": 0.000342147540526765,
    "doc000_W3T_delta3_1": -6.14163133165299e-06,
    "doc000_W3T_delta3_2": -1.84248939949590e-05,
    "doc000_delta2_1": -1.52528606801947e-08,
    "doc000_delta2_2": -6.30403216484156e-09,
    "doc000_f3_prime": 4.53958077359077e-05,
    "doc000_delta1_1_in_2_3": -2.27130571452649e-10,
    "doc000_delta1_3_in_2_3": -1.95718512595366e-12,
    "doc000_delta1_1": -2.27130571452649e-10,
    "doc000_delta1_2_first": -3.43746281156821e-12,
    "doc000_delta1_2": -3.43746281156821e-12,
    "doc000_delta1_3": -1.95718512595366e-12,
    "doc000_W1_new_11": 1.800000000022713,
    "doc000_W1_new_12": 0.9000000000454261,
    "doc000_W1_new_21": 0.9000000000003437,
    "doc000_W1_new_22": 2.7000000000006876,
    "doc000_W1_new_31": 2.7000000000001956,
    "doc000_W1_new_32": 1.8000000000003915,
    "doc000_db1_1": -2.27130571452649e-10,
    "doc000_db1_2": -3.43746281156821e-12,
    "doc000_db1_3": -1.95718512595366e-12,
}

RIGHT = [n for n in errata.NUMBERS if not n.cause]
WRONG = [n for n in errata.NUMBERS if n.cause]


@pytest.mark.parametrize("number", RIGHT, ids=[n.id for n in RIGHT])
def test_printed_number_is_reproduced(number):
    assert agrees(errata.computed(number), number.printed), (
        f"{number.id}: printed {number.printed}, computed {errata.computed(number)!r}")


@pytest.mark.parametrize("number", WRONG, ids=[n.id for n in WRONG])
def test_erratum_printed_differs_and_correct_value_pinned(number):
    value = errata.computed(number)
    assert not agrees(value, number.printed)
    assert value == pytest.approx(CORRECT[number.id], rel=1e-12)


SLIPPED = [n for n in WRONG if n.as_printed is not None]


@pytest.mark.parametrize("number", SLIPPED, ids=[n.id for n in SLIPPED])
def test_erratum_reproduced_with_the_documents_own_value(number):
    """Computing with w_(2,5) = 3, as the document evidently did, gives what it prints."""
    assert agrees(errata.as_printed(number), number.printed)


def test_every_erratum_has_a_pinned_correct_value_and_no_extra():
    assert set(CORRECT) == {n.id for n in WRONG}


def test_number_ids_are_unique():
    ids = [n.id for n in errata.NUMBERS]
    assert len(ids) == len(set(ids))


def test_counts():
    # 28 numbers printed in document 001, 34 in document 000's example.
    assert len(errata.numbers("001")) == 28 and len(errata.numbers("000")) == 34
    assert len(errata.errata("001")) == 4 and len(errata.errata("000")) == 27


def test_tables_list_every_erratum_and_formula():
    for doc in ("001", "000"):
        rows = errata.table(doc)
        formulas = [f for f in errata.FORMULAS if f.doc == doc]
        wording = [item for item in errata.WORDING if item.doc == doc]
        assert len(rows) == len(errata.errata(doc)) + len(formulas) + len(wording)
        assert all(row["cause"] for row in rows)
    reproduced = [r for r in errata.table("000") if r["reproduced"]]
    assert reproduced and all(r["reproduced"] == "yes" for r in reproduced)


def test_printed_precision_helpers():
    assert decimals("0.000438") == 6 and decimals("-0.019049") == 6 and decimals("2") == 0
    assert agrees(0.0004385, "0.000438") and not agrees(0.00043857, "0.000438")
    assert at_precision_of(0.593269992, "0.593269") == "0.593270"


def test_agrees_is_exact_at_the_printed_precision():
    """No allowance beyond half a unit of the last printed digit: the float's exact binary
    value decides.  (The old test added 4e-16 and so let f4' = ...6017 pass as ...601.)"""
    assert agrees(0.0024835194196017435, "0.002483519419602")
    assert not agrees(0.0024835194196017435, "0.002483519419601")
    assert agrees(-0.0024835194196017435, "-0.002483519419602")
    assert not agrees(0.0024835194196017435, "-0.002483519419602")
    # at the boundary itself: the largest float at or below 0.25005 agrees with "0.2500", the next one up not
    import math
    from decimal import Decimal
    below = 0.25005 if Decimal(0.25005) <= Decimal("0.25005") else math.nextafter(0.25005, 0.0)
    assert agrees(below, "0.2500") and not agrees(math.nextafter(below, 1.0), "0.2500")
    assert agrees(1.0, "1") and agrees(1.5, "1") and not agrees(1.5000000001, "1")


def test_verdicts_near_the_half_unit_are_pinned():
    """Every printed number that is within a tenth of a half unit of the boundary, with its verdict:
    a change of the comparison (or of bpcore's arithmetic in the last bit) shows up here."""
    from decimal import Decimal
    near = {}
    for n in errata.NUMBERS:
        half = Decimal(5).scaleb(-decimals(n.printed) - 1)
        margin = (half - abs(Decimal(errata.computed(n)) - Decimal(n.printed))) / half
        if abs(margin) < 0.1:
            near[n.id] = agrees(errata.computed(n), n.printed)
    # z4 is printed to 16 significant digits; its exact value 5.9930929587623240 rounds to ...324,
    # and the printed ...325 is the sum of the document's own rounded f's.  bpcore's float
    # (spacing 8.9e-16 near 6) lies 0.49e-15 from ...325 and agrees.
    assert near == {"doc000_z4": True, "doc001_out_o2": True, "doc001_w5_new": True}


def test_z4_as_printed_is_the_sum_of_the_printed_f_values():
    from decimal import Decimal
    f1, f2, f3 = (Decimal(n.printed) for n in errata.numbers("000")[:3])
    assert f1 + f2 + 2 * f3 + 2 == Decimal("5.993092958762325")


def test_f4_prime_is_now_an_erratum_truncated_like_f3_prime():
    by_id = {n.id: n for n in errata.NUMBERS}
    for id_ in ("doc000_f4_prime", "doc000_f3_prime"):
        n = by_id[id_]
        assert n.cause.startswith("the document cut the digits off") and "直接舍去" in n.cause_zh
        assert at_precision_of(errata.computed(n), n.printed)[:-1] == n.printed[:-1]      # only the last digit
        assert int(at_precision_of(errata.computed(n), n.printed)[-1]) == int(n.printed[-1]) + 1
    assert "0.00248351941960184" in by_id["doc000_f4_prime"].cause


def test_three_W1_increments_are_the_gradient_without_eta():
    """w_(x1,2), w_(x2,2), w_(x2,3): printed increments 2.45e-12, 4.90e-12, 3.19e-12 equal -δx of the
    slipped δ (η not applied), while the decay 0.9 W was applied; the other three apply η."""
    by_id = {n.id: n for n in errata.NUMBERS}
    slipped = errata._worked("000", as_printed=True)
    for id_, name, increment in (("doc000_W1_new_21", "w_(x1,2)", 2.45e-12), ("doc000_W1_new_22", "w_(x2,2)", 4.90e-12),
                                 ("doc000_W1_new_32", "w_(x2,3)", 3.19e-12)):
        n = by_id[id_]
        kind, k, index = slipped.net.names[name]
        assert -slipped.dW[k][index] == pytest.approx(increment, rel=5e-3)
        assert float(n.printed) - 0.9 * slipped.net[name] == pytest.approx(increment, rel=5e-3, abs=0)
        assert agrees(errata.as_printed(n), n.printed)
        # with η applied, the increment is ten times smaller and the print is not reproduced
        assert not agrees(0.9 * slipped.net[name] - 0.1 * slipped.dW[k][index], n.printed)
        assert "η = 0.1" in n.cause and "η = 0.1" in n.cause_zh
    for id_ in ("doc000_W1_new_11", "doc000_W1_new_12", "doc000_W1_new_31"):
        assert "η" not in by_id[id_].cause and agrees(errata.as_printed(by_id[id_]), by_id[id_].printed)


def test_new_and_rejudged_formula_errata_in_both_languages():
    f = {x.id: x for x in errata.FORMULAS}
    shapes = f["doc000_bias_chain_shapes"]
    assert "3×1" in shapes.cause and "3×3" in shapes.cause and "not defined" in shapes.cause
    assert "3×1" in shapes.cause_zh and "没有定义" in shapes.cause_zh
    assert shapes.category.en == "dimension error" and shapes.category.zh == "维度错误"
    loss = f["doc000_loss_formula"]
    assert "expectation" in loss.cause and "ψ" in loss.cause and "lost its sum" not in loss.cause
    assert "期望" in loss.cause_zh and "ψ" in loss.cause_zh and "求和号" not in loss.cause_zh
    assert r"\psi" in loss.printed and r"E\left[(y-\hat y)^2\right]" in loss.correct
    plus_w = f["doc000_update_plus_W"]
    assert plus_w.category.en == "unexplained regulariser" and plus_w.category.zh == "未加说明的正则项"
    assert plus_w.cause.startswith("not a misprint") and plus_w.cause_zh.startswith("不是印错")
    assert loss.category.en == "typesetting slip" and loss.category.zh == "排版错误"
    for lang, words in (("en", ("dimension error", "unexplained regulariser", "typesetting slip")),
                        ("zh", ("维度错误", "未加说明的正则项", "排版错误"))):
        quantities = [r["quantity"] for r in errata.table("000", lang) if r["kind"] == "formula"]
        assert all(w in quantities for w in words) and quantities.count("formula") == 2


def test_the_errata_use_the_corrected_section_title():
    titles = {n.section for n in errata.numbers("000")}
    assert "例子 2.1 计算网络误差 · example 2.1, the network's error" in titles
    assert not any("计算输网络误差" in t for t in titles)


def test_typing_slips_did_not_reach_the_arithmetic():
    """Had document 001 used 0.589327 or 0.741265, its next numbers would be 1.1043 and
    0.138480; it prints 1.1059 and 0.138499, the correct values (to 1e-12, two independent ways)."""
    rows = {slip.id: (with_slip, printed, correct) for slip, _, with_slip, printed, correct in errata.typing_slips()}
    with_slip, printed, correct = rows["doc001_out_h1_in_net_o1"]
    assert with_slip == pytest.approx(0.4 * 0.589327 + 0.45 * 0.596884378259767 + 0.6, abs=1e-12)
    assert not agrees(with_slip, printed) and agrees(correct, printed)
    with_slip, printed, correct = rows["doc001_dE_dout_o1_in_delta_o1"]
    assert with_slip == pytest.approx(0.741265 * 0.186815601808959, abs=1e-12)
    assert not agrees(with_slip, printed) and agrees(correct, printed)


# ---- what document 001 gets wrong in words ---------------------------------------------------
DOC001_WORDING = {"doc001_targets_called_outputs": "实际的神经网络输出", "doc001_eta_default": "η设为0.5",
                  "doc001_attribution": "Rumelhart和McClelland", "doc001_h1_is_net": "也就是h1",
                  "doc001_typos": "神经网路"}


def test_doc001_wording_errata_are_listed_with_the_documents_words():
    items = {item.id: item for item in errata.WORDING if item.doc == "001"}
    assert set(items) == set(DOC001_WORDING)
    for id_, quote in DOC001_WORDING.items():
        assert quote in items[id_].printed, id_


@pytest.mark.parametrize("item", [i for i in errata.WORDING], ids=[i.id for i in errata.WORDING])
def test_every_wording_erratum_has_its_cause_and_correction_in_both_languages(item):
    import re
    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert item.cause and item.cause_zh and item.correct and item.correct_zh
    assert cjk.search(item.cause_zh) and cjk.search(item.correct_zh)
    assert not cjk.search(re.sub(r"\([^)]*\)|（[^）]*）", "", item.cause)), "the English cause is English"
    assert errata.cause(item, "zh") == item.cause_zh and errata.cause(item, "en") == item.cause


def test_doc001_wording_errata_name_the_right_authors_and_the_typos_corrections():
    by_id = {item.id: item for item in errata.WORDING}
    attribution = by_id["doc001_attribution"]
    for name in ("Rumelhart", "Hinton", "Williams", "1986", "Werbos", "1974"):
        assert name in attribution.correct and name in attribution.correct_zh
    typos = by_id["doc001_typos"]
    for wrong, right in (("在与", "在于"), ("不在是", "不再是"), ("着三项", "这三项"), ("神经网路", "神经网络")):
        assert wrong in typos.printed and right in typos.correct and right in typos.correct_zh


def test_doc001_errata_table_shows_the_wording_rows_in_both_languages():
    from bpcore.documents import report
    en, zh = str(report.errata_table("001")), str(report.errata_table("001", "zh"))
    assert en.count(": wording<br>") == zh.count(" · 文字<br>") == len(DOC001_WORDING)
    assert "Rumelhart, Hinton & Williams (1986)" in en and "Rumelhart、Hinton 与 Williams（1986）" in zh


def test_chinese_report_lines_use_full_width_colons():
    import re
    from bpcore.documents import report, worked
    zh = str(report.errata_table("001", "zh")) + str(report.chain(worked.chain001(worked.doc001(), "w1"), lang="zh"))
    assert not re.search(r"[\u4e00-\u9fff]: ", zh), re.findall(r".{8}[\u4e00-\u9fff]: .{8}", zh)
    assert "- 求和：$0.055399 - 0.019049 = 0.036350$" in zh
