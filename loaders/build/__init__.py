"""Build: the graph's complete desired state, computed from checked sources.

In: the ``Document`` s, the validated ``Registry`` and the found evidence anchors
(``loaders.sources``). Out: the node and relationship rows the writer syncs (``rows``), the facts
the inference rules derive from stated ones (``inference``), the mentions of known entities in
every passage (``mentions``) and how much of the corpus the graph accounts for (``coverage``).
``pipeline`` builds all of it without writing, then syncs it in one transaction and records the
LoadRun.
"""
