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
    assert len(errata.errata("001")) == 4 and len(errata.errata("000")) == 26


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
