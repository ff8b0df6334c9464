"""The editions' languages and the one lookup of every text table: the widgets' strings,
the notebooks' captions and the drawings' labels ({language: {key: template}} each).
Standard library only, so that run.py can read the widgets' strings without numpy."""

LANGUAGES = ("en", "zh")
"""The editions of the notebooks: English and Chinese (简体中文), in the README's order."""


def language(lang):
    """``lang`` if it is one of ``LANGUAGES``; TypeError if not a string, else ValueError."""
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a string, one of {list(LANGUAGES)}, got {lang!r:.40}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown lang {lang!r:.60}; expected one of {list(LANGUAGES)}")
    return lang


def lookup(tables, key, lang, values, what="text"):
    """The text ``key`` of ``tables[lang]``, its {placeholders} filled from ``values``;
    ValueError for an unknown language or key."""
    table = tables[language(lang)]
    if not isinstance(key, str) or key not in table:
        raise ValueError(f"unknown {what} key {key!r:.60}")
    return table[key].format(**values) if values else table[key]
