"""The widget layer's string table: every language has every key, with the same placeholders."""
import string

import pytest

from bpcore.widgets import strings


def placeholders(template):
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("lang", strings.LANGUAGES)
def test_every_language_has_every_key_with_the_same_placeholders(lang):
    english = strings.TABLES["en"]
    table = strings.TABLES[lang]
    assert set(table) == set(english), f"{lang}: missing {sorted(set(english) - set(table))}, " \
                                       f"extra {sorted(set(table) - set(english))}"
    for key, template in english.items():
        assert placeholders(table[key]) == placeholders(template), f"{lang}: {key} has other placeholders"
        assert table[key].strip(), f"{lang}: {key} is empty"


def test_text_fills_placeholders_and_rejects_an_unknown_language():
    assert strings.text("msg.trained", "en", n=7) == "Trained 7 steps."
    with pytest.raises(ValueError, match="lang"):
        strings.text("button.step", "fr")
    with pytest.raises(TypeError, match="lang"):
        strings.text("button.step", None)
