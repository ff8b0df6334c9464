"""Telling the kernel's own changes to a widget apart from the learner's.

When the kernel puts a value on a slider or a box (to show the model's state), the
widget's observers fire just as they do for a learner's move.  ``Syncing`` marks those
moments, the way ipywidgets' own ``hold_sync()`` marks a batch of changes::

    syncing = Syncing()
    with syncing:                 # the kernel writes: observers see ``syncing.active``
        slider.value = 0.5

    def on_move(change):
        if syncing.active:        # the kernel's own write, not a move
            return
        ...

It nests (an inner ``with`` inside an outer one keeps it active until the outer ends) and
always ends, even when the block raises.  It imports nothing from ipywidgets, so the
dashboards and the playground app can share it.
"""


class Syncing:
    """A re-entrant "the kernel is writing to the widgets" flag, used with ``with``."""

    __slots__ = ("_depth",)

    def __init__(self):
        self._depth = 0

    @property
    def active(self):
        """True inside a ``with`` block: the change being observed is the kernel's own."""
        return self._depth > 0

    def __bool__(self):
        return self.active

    def __enter__(self):
        self._depth += 1
        return self

    def __exit__(self, *exc):
        self._depth -= 1
        return False
