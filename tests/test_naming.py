"""bpcore.naming: the documents' parameter names and the default W{k}[i,j], b{k}[i]."""
import numpy as np
import pytest

import bpcore
from bpcore import examples, naming


def test_document_001s_names_point_at_its_weights():
    net = examples.network_2_2_2()
    assert list(net.names) == ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2"]
    assert net.names["w6"] == ("W", 2, (0, 1)) and net["w6"] == 0.45      # o1 from h2
    assert dict(net.names.items())["b2"] == ("b", 2, (0,))


def test_default_names_are_worked_out_and_listed_in_order():
    names = naming.Names([2, 3, 1], shared_bias=False)
    assert list(names) == [name for name, _ in naming.default_items([2, 3, 1], False)]
    assert list(names)[:3] == ["W1[0,0]", "W1[0,1]", "W1[1,0]"] and list(names)[-2:] == ["b1[2]", "b2[0]"]
    assert names["W2[0,2]"] == ("W", 2, (0, 2)) and names["b1[2]"] == ("b", 1, (2,))
    assert len(names) == 2 * 3 + 3 + 3 * 1 + 1 == len(list(names))
    for bad in ("W2[1,0]", "W0[0,0]", "b1[3]", "W1[0, 0]", "w1", 5):
        assert bad not in names
    shared = naming.Names([2, 3, 1], shared_bias=True)
    assert "b1[0]" in shared and "b1[1]" not in shared and len(shared) == 9 + 2


def test_lookup_names_the_unknown_name():
    net = bpcore.Network([2, 2])
    with pytest.raises(ValueError, match="unknown parameter name 'w9'; this network has: W1\\[0,0\\], W1\\[0,1\\]"):
        net["w9"]
    with pytest.raises(TypeError, match="parameter name must be a string, got int 3"):
        net[3]


@pytest.mark.parametrize("names, error, message", [
    ([("a", ("W", 1, (0, 0)))], TypeError, "names must be a dict"),
    ({3: ("W", 1, (0, 0))}, TypeError, "names: every name must be a string, got 3"),
    ({"a": ("W", 1, (2, 0))}, ValueError, "names\\['a'\\] must be \\('W', k, \\(i, j\\)\\) or \\('b', k, \\(i,\\)\\)"),
    ({"a": ("W", 1, (0, 0.0))}, ValueError, "names\\['a'\\] must be"),
    ({"a": ("b", 1, (0, 0))}, ValueError, "names\\['a'\\] must be"),
    ({"a": ("W", 1, (0, 0)), "b": ("W", np.int64(1), (np.int64(0), 0))}, ValueError,
     "names 'a' and 'b' name the same parameter"),
])
def test_bad_names_are_refused(names, error, message):
    with pytest.raises(error, match=message):
        bpcore.Network([2, 2], names=names)
