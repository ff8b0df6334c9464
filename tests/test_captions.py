"""The texts of the two editions: every caption, drawing label and erratum cause exists in
English and in Chinese, with the same placeholders, and the Chinese ones are Chinese."""
import re
import string

import pytest

from bpcore.documents import captions, errata, report, worked
from bpcore.draw import labels

CJK = re.compile(r"[\u4e00-\u9fff]")


def placeholders(template):
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("module", [captions, labels], ids=["captions", "labels"])
def test_both_languages_have_every_key_with_the_same_placeholders(module):
    english, chinese = module.TABLES["en"], module.TABLES["zh"]
    assert set(english) == set(chinese), f"missing in zh: {sorted(set(english) - set(chinese))}, " \
                                         f"missing in en: {sorted(set(chinese) - set(english))}"
    for key, template in english.items():
        assert placeholders(chinese[key]) == placeholders(template), key


def test_chinese_texts_are_chinese_and_english_ones_are_not():
    for module in (captions, labels):
        for key, template in module.TABLES["zh"].items():
            words = re.sub(r"\$[^$]*\$|\{[^}]*\}", "", template)
            assert CJK.search(words), f"{module.__name__}: {key} has no Chinese: {template!r}"
        for key, template in module.TABLES["en"].items():
            assert not CJK.search(template), f"{module.__name__}: {key} has Chinese in English: {template!r}"


def test_every_erratum_has_a_chinese_cause():
    items = [n for n in errata.NUMBERS if n.cause] + errata.FORMULAS
    assert len(items) == 4 + 27 + 6           # errata of 001 and 000, and the formulas
    for item in items:
        assert item.cause_zh and CJK.search(item.cause_zh), item.id
        assert not CJK.search(item.cause), item.id


def test_errata_tables_in_chinese_have_the_same_rows_and_numbers():
    for doc in ("001", "000"):
        en, zh = errata.table(doc, "en"), errata.table(doc, "zh")
        assert len(en) == len(zh)
        for a, b in zip(en, zh):
            assert (a["kind"], a["printed"], a["reproduced"]) == (b["kind"], b["printed"], b["reproduced"])
            if a["kind"] == "number":
                assert a["computed"] == b["computed"]
            assert CJK.search(b["cause"]) and not CJK.search(a["cause"])
        assert all(" · " not in row["where"] for row in zh)          # the document's own title only


def test_report_tables_have_chinese_headings_and_the_same_cells():
    w = worked.doc001()
    en = str(report.compare(w, "001", errata.S1_W1)).split("\n")
    zh = str(report.compare(w, "001", errata.S1_W1, lang="zh")).split("\n")
    assert en[0] == "| quantity | bpcore, and what the document prints |"
    assert zh[0] == "| 量 | bpcore 的值，以及原文印出的值 |"
    number = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?")
    assert [number.findall(line) for line in en[2:]] == [number.findall(line) for line in zh[2:]]
    assert len(en) == len(zh) > 3
    assert any("✗ 见勘误" in line for line in zh)
    assert str(report.errata_table("001", "zh")).startswith("| 位置、内容与原因 | 原文的值与正确的值 |")
    assert "反向传播算出的是" in str(report.chain(worked.chain001(w, "w1"), lang="zh"))


def test_a_check_speaks_the_notebooks_language():
    assert str(report.check(None, 1.0, 0.1, lang="zh")) == "✎ 把你的答案填进上面的单元格，再把这两个单元格依次运行一遍。"
    assert str(report.check(1.05, 1.0, 0.1)) == "✓ Right: 1.05 (within 0.1 of bpcore's value)."
    assert str(report.check(1.05, 1.0, 0.1, lang="zh")) == "✓ 正确：1.05（与 bpcore 的值相差不超过 0.1）。"
    assert str(report.check_choice("w_(4,5)", "w_(4,5)", lang="zh")) == "✓ 正确。"


@pytest.mark.parametrize("bad, error", [("fr", ValueError), ("ZH", ValueError), (None, TypeError), (1, TypeError)])
def test_an_unknown_language_is_refused_naming_lang(bad, error):
    with pytest.raises(error, match="lang"):
        captions.text("check.your_answer", bad)
    with pytest.raises(error, match="lang"):
        labels.label("axis.gradient", bad)
    with pytest.raises(error, match="lang"):
        report.errata_table("001", lang=bad)


def test_an_unknown_caption_key_is_refused():
    with pytest.raises(ValueError, match="caption key"):
        captions.text("no.such.key", "en")
