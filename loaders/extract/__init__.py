"""Extraction: a document of the manifest becomes proposed entities and facts for review.

The stages, one module each::

    nlp.py          the trained spaCy pipelines (Finnish, English; rules only if missing), once
    linking.py      spans naming entities the registry holds (the one matcher, any case)
    candidates.py   spans naming new entities: type, base-form name, id
    lexicon.py      what a pipeline's dictionary says a word is (common, place, person, name)
    spans.py        the span type, ids, and overlaps (a city inside a university's name)
    context.py      a sentence and what the document said before it
    patterns/       the fact rules as data, one file per language (fi.yaml, en.yaml):
                    id, predicate, subject and object types, cues, confidence
    patterns.py     their schema;  rulebook.py  each rule bound to the code that applies it
    rules_*.py      that code, per kind of fact;  references.py  publications and authors
    rules_layout.py a section or "Key:" line gives its role to the names it lists
    rules_parse.py  relations from the parse: the rules' DependencyMatcher patterns
    words.yaml      head words of names, titles, gazetteers (words.py reads it)
    document.py     the passes over a document's passages and sentences
    same_entity.py  one entity per thing: "X Oy", "X" and "X:n" are one proposal
    induce.py       patterns learned from the curated anchors (windows, dependency paths),
                    each kept only when right on the documents it did not come from
    learned.py      those patterns as data (learned.yaml) and the pass that applies them
    calibration.py  each rule's confidence its measured precision (calibration.yaml)
    datafile.py     how those generated files are counted, read (errors name file and
                    field) and written

What becomes of the spans and drafts (merged, anchors checked, written for review) is
``loaders.proposals``.

Precision before recall: a rule proposes only what its sentence says.
"""
