"""The ``kgraph`` command line, on top of the core (``kgraph``), ``loaders`` and ``api``."""
