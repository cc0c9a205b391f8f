"""Proposals: what extraction read from a document, on its way to becoming curated.

In: the extractor's spans and drafts (``loaders.extract``). Out: one YAML file per document
(``files``, the format), built by ``from_drafts`` with every anchor checked and written by
``run``; read into a load below curation when asked (``joined``); and ``review``, which accepts
items into the registry, rejects them with a reason or edits them.
"""
