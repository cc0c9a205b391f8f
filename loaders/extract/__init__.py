"""Extraction: a document of the manifest becomes proposed entities and facts for review.

The stages, one module each::

    nlp.py          the spaCy pipelines (Finnish trained, English rule-based), loaded once
    linking.py      spans naming entities the registry holds (the one matcher, any case)
    candidates.py   spans naming new entities: type, base-form name, id
    spans.py        the span type, ids, and overlaps (a city inside a university's name)
    context.py      a sentence and what the document said before it
    rules_*.py      the fact rules per predicate;  references.py  publications and authors
    document.py     the passes over a document's passages and sentences

What becomes of the spans and drafts (merged, anchors checked, written for review) is
``loaders.proposals``.

Precision before recall: a rule proposes only what its sentence says.
"""
