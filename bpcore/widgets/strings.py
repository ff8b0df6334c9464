"""Every text the widget layer shows a learner, one table per language.

The dashboards and the playground never write a label, a button's caption, a message
or a table heading themselves: they ask ``text(key, lang)``.  A new language is a new
table here with the same keys (``tests/test_strings.py`` fails if one is missing), and
no widget code changes.

    >>> text("button.step", "en")
    'One step'
    >>> text("msg.trained", "en", n=100)
    'Trained 100 steps.'
"""

LANGUAGES = ("en",)
"""The editions, in the order the README lists them."""

EN = {
    # buttons
    "button.step": "One step",
    "button.train": "Train N steps",
    "button.reset": "Reset",
    # messages
    "msg.trained": "Trained {n} steps.",
}

TABLES = {"en": EN}


def check_language(lang):
    """``lang`` if this module has a table for it, else ValueError (TypeError if not a string)."""
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a string, one of {list(LANGUAGES)}, got {lang!r}")
    if lang not in TABLES:
        raise ValueError(f"unknown lang {lang!r}; expected one of {list(LANGUAGES)}")
    return lang


def text(key, lang="en", **values):
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    template = TABLES[check_language(lang)][key]
    return template.format(**values) if values else template
