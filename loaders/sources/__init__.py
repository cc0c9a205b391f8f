"""Sources: what a load reads, checked before anything is built.

In: the corpus folder (``corpus.yaml`` and its documents) and the curated registry
(``loaders/registry/``). Out: ``Document`` s cut into ``Passage`` s (``corpus``, ``cleaning``), a
validated ``Registry`` with the line of every entry (``registry``), and every evidence anchor
found in its passage (``evidence``). ``inputs`` digests all of it, so that a load can tell
what changed without reading a document; ``ingest`` adds a document to the corpus folder.
Nothing here writes to the graph or knows the other stages.
"""
