"""What a learner clicks: the dashboards of notebooks 01 and 02 and the playground of notebook 03.

Each is a widget-free state model that tests drive directly (``session`` behind the
dashboards, ``playground`` behind the playground) with the widgets built on top of it
(``dashboard``, ``playground_app``, and ``feedback`` for their messages). Every text a
learner reads here comes from ``strings``, one table per language.

Only this layer imports ipywidgets; importing ``bpcore.widgets.session`` or
``bpcore.widgets.playground`` does not.
"""
