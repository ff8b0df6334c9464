"""The documents' names for parameters: ``net["w5"]`` is one weight of document 001.

A network's ``names`` maps each name to where its parameter lives: ("W", k, (i, j)) for
W[k][i, j] or ("b", k, (i,)) for b[k][i].  Without names of its own a network calls them
``W{k}[i,j]`` and ``b{k}[i]`` (k from 1, i and j from 0), worked out when asked, so a
large network never holds a dictionary of a million names.
"""
import itertools
import numbers
import re
from collections.abc import Mapping

_DEFAULT_NAME = re.compile(r"(W)(\d{1,4})\[(\d{1,4}),(\d{1,4})\]|(b)(\d{1,4})\[(\d{1,4})\]")


def lookup(names, name):
    """Where ``name`` lives: ("W" or "b", k, index); TypeError or ValueError naming it if unknown."""
    if not isinstance(name, str):
        raise TypeError(f"parameter name must be a string, got {type(name).__name__} {name!r:.40}")
    try:
        return names[name]
    except KeyError:
        some = ", ".join(itertools.islice(names, 10))
        raise ValueError(f"unknown parameter name {name!r:.60}; this network has: {some}, ...") from None


class Names(Mapping):
    """{name: ("W" or "b", k, index)} for every parameter of a network, read-only.
    ``shape`` is (sizes, shared_bias): what ``Network.step`` compares."""

    __hash__ = object.__hash__          # one network's names: kept as a key by ``train``

    def __init__(self, sizes, shared_bias, custom=None):
        self.shape = (tuple(sizes), bool(shared_bias))
        self.custom = custom

    def __getitem__(self, name):
        if self.custom is not None:
            return self.custom[name]
        match = _DEFAULT_NAME.fullmatch(name) if isinstance(name, str) else None
        if match is None:
            raise KeyError(name)
        sizes, shared = self.shape
        if match.group(1):
            k, i, j = int(match.group(2)), int(match.group(3)), int(match.group(4))
            if 1 <= k < len(sizes) and i < sizes[k] and j < sizes[k - 1]:
                return ("W", k, (i, j))
        else:
            k, i = int(match.group(6)), int(match.group(7))
            if 1 <= k < len(sizes) and i < (1 if shared else sizes[k]):
                return ("b", k, (i,))
        raise KeyError(name)

    def __iter__(self):
        if self.custom is not None:
            return iter(self.custom)
        return (name for name, _ in default_items(*self.shape))

    def items(self):
        """(name, where) pairs in the network's order (generated, for the default names)."""
        return iter(self.custom.items()) if self.custom is not None else default_items(*self.shape)

    def __len__(self):
        if self.custom is not None:
            return len(self.custom)
        sizes, shared = self.shape
        return sum(a * b + (1 if shared else b) for a, b in zip(sizes, sizes[1:]))

    def __repr__(self):
        return f"Names({len(self)} parameters)"


def _whole(i):
    return isinstance(i, numbers.Integral) and not isinstance(i, bool)


def check_names(names, sizes, shared_bias):
    """A checked copy of a {name: ("W" or "b", k, index)} mapping given to Network."""
    if not isinstance(names, Mapping):
        raise TypeError(f"names must be a dict {{name: ('W' or 'b', k, index)}}, got {type(names).__name__}")
    checked, seen = {}, {}
    for name, where in names.items():
        if not isinstance(name, str):
            raise TypeError(f"names: every name must be a string, got {name!r:.40}")
        ok = isinstance(where, tuple) and len(where) == 3 and where[0] in ("W", "b")
        if ok:
            kind, k, index = where
            ok = _whole(k) and 1 <= k < len(sizes) and isinstance(index, tuple)
        if ok:
            k = int(k)
            bound = (sizes[k], sizes[k - 1]) if kind == "W" else (1 if shared_bias else sizes[k],)
            ok = len(index) == len(bound) and all(_whole(i) and 0 <= i < n for i, n in zip(index, bound))
        if not ok:
            raise ValueError(f"names[{name!r}] must be ('W', k, (i, j)) or ('b', k, (i,)) inside the network "
                             f"{sizes}, got {where!r:.60}")
        where = (kind, k, tuple(int(i) for i in index))
        if where in seen:
            raise ValueError(f"names {seen[where]!r} and {name!r} name the same parameter")
        seen[where] = name
        checked[name] = where
    return checked


def default_items(sizes, shared_bias):
    """(name, where) for the default names in the network's order, one at a time."""
    for k in range(1, len(sizes)):
        for i in range(sizes[k]):
            for j in range(sizes[k - 1]):
                yield f"W{k}[{i},{j}]", ("W", k, (i, j))
    for k in range(1, len(sizes)):
        for i in range(1 if shared_bias else sizes[k]):
            yield f"b{k}[{i}]", ("b", k, (i,))
