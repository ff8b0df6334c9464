"""The playground's data: generated 2-D data sets (``datasets``) and the learner's own CSV
file (``csvfile``).  Data, not the algorithm: it lives beside the math layer, imports only
its argument checks, and only the widgets import it.
"""
