"""Pictures of a network and its training: ``layout`` (where every unit, edge and label
goes, shared by both renderers), ``figures`` (matplotlib, for the notebooks' figures) and
``svg`` (SVG strings, for the dashboards' live views, which redraw in about a millisecond).

This layer imports only the math layer (``bpcore``), numpy and, in ``figures``, matplotlib.
"""
