"""bpcore: the math behind the back-propagation notebooks, in numpy.

    import bpcore
    net = bpcore.examples.network_2_2_2()            # document 001's network
    trace = net.forward([0.05, 0.10])               # every z[k], n[k]
    grads = net.backward(trace, [0.01, 0.99])       # every delta[k], dW[k], db[k]
    net.step(grads, lr=0.5)

This package is the math layer, numpy only, one idea a module: ``activations`` and
``losses`` (each function next to its derivative), ``engine`` (forward, backward and step:
the algorithm, once), ``network`` (the checked, named front that calls it), ``naming``
(the documents' parameter names), ``training`` (the one training loop), ``gradcheck``, ``checks``,
``examples`` (the documents' set-ups) and ``features``.  Beside it, and imported only on
request: ``bpcore.data`` (the playground's data sets and CSV files); above it,
``bpcore.documents`` (the documents recomputed, errata, tables), ``bpcore.draw`` (matplotlib
and SVG pictures) and ``bpcore.widgets`` (the dashboards and the playground).
"""
from . import activations, engine, examples, losses
from .gradcheck import gradcheck, numeric_grads, relative_errors
from .network import Grads, Network, Trace
from .training import History, train

__all__ = ["Network", "Trace", "Grads", "History", "train", "gradcheck", "numeric_grads",
           "relative_errors", "activations", "engine", "losses", "examples"]
__version__ = "0.1.0"
