"""The two source documents, recomputed: their worked examples with every intermediate
named (``worked``), the numbers they print (``printed``), where those differ from the
documents' own procedure (``errata``), and the tables the notebooks show (``report``).

This layer imports only the math layer (``bpcore``) and numpy. Notebooks 01 and 02 use it.
"""
