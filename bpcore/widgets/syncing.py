"""One flag for "the program is setting the controls itself", as a context manager.

A widget's observer must not treat a value the program puts back (after a refusal, a load
or an automatic change) as the learner's own change.  ``with self.syncing:`` marks such a
stretch, however it ends, and nests; ``if self.syncing:`` asks, the way ipywidgets' own
``hold_sync()`` wraps a batch of changes.

    >>> s = Syncing()
    >>> with s:
    ...     bool(s)
    True
    >>> bool(s)
    False
"""


class Syncing:
    """True inside ``with``; nests (true until the outermost ``with`` ends)."""

    def __init__(self):
        self.depth = 0

    def __bool__(self):
        return self.depth > 0

    def __enter__(self):
        self.depth += 1
        return self

    def __exit__(self, *exc):
        self.depth -= 1
        return False
