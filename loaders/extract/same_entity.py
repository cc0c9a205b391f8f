"""One entity per thing within a document: "Valmet Automotive Oy", "Valmet Automotive" and
"Valmet Automotiven" are one proposal, not three.

The rule, for precision: two new entities of one type are one when the whole name of one is
the other's name, or the other's name less its legal form (``legal_forms`` of words.yaml:
"Oy", "Oyj", "Ltd", ...), in any Finnish case form in a Finnish document (the one matcher), as
written in an English one. Nothing else is merged: not a shorter name inside a longer one
("Aalto" and "Aalto University Foundation"), not a common noun referring back ("yhtiö", "the
company"), which a sentence may use of more than one company.

The name kept is the one with the legal form, else the shortest (the base form: "Umicore
Finland" before "Umicore Finlandin"), else the first met; the bare name, when the text uses it,
becomes an alias.
"""

from __future__ import annotations

from dataclasses import replace

from kgraph.names.matcher import EntityNames, MentionIndex
from kgraph.ontology import Language
from loaders.extract.drafts import Draft
from loaders.extract.spans import Span


def bare_name(name: str, legal_forms: frozenset[str]) -> str:
    """``name`` less a legal form at its end: "Valmet Automotive Oy" -> "Valmet Automotive"."""
    head, _, last = name.rpartition(" ")
    return head if head and last.casefold() in legal_forms else name


def names_of(name: str, legal_forms: frozenset[str]) -> list[str]:
    """A new entity's name and, when it has a legal form, its bare name: of 4+ characters, or
    an acronym of 3+ ("VTT Oy", "VTT:n"); a shorter bare name would match words by chance."""
    bare = bare_name(name, legal_forms)
    long_enough = len(bare) >= 4 or (bare.isupper() and len(bare) >= 3)
    return [name, bare] if bare != name and long_enough else [name]


def one_per_thing(
    spans: dict[str, list[Span]],
    drafts: list[Draft],
    language: Language,
    legal_forms: frozenset[str],
) -> dict[str, list[str]]:
    """Merge the new entities of a document that are one thing (see the module docstring), in
    ``spans`` and ``drafts``; return the aliases the merge gives, by entity id."""
    firsts: dict[str, Span] = {}
    for passage_spans in spans.values():
        for span in passage_spans:
            if span.new:
                firsts.setdefault(span.entity_id, span)
    order = sorted(
        enumerate(firsts.values()),
        key=lambda pair: (_has_legal_form(pair[1], legal_forms), len(pair[1].name), pair[0]),
    )
    kept: dict[str, Span] = {}
    merged: dict[str, Span] = {}
    index: MentionIndex | None = None
    for _, span in order:
        same = _same_as(span, index, kept, language)
        if same is not None:
            merged[span.entity_id] = same
            continue
        kept[span.entity_id] = span
        # over the names kept so far only: an exact match of a name with itself would win
        # over the inflected match the rule is for
        index = MentionIndex(
            EntityNames(entity_id=i, names=names_of(s.name, legal_forms)) for i, s in kept.items()
        )
    return _rename(spans, drafts, merged, legal_forms)


def _has_legal_form(span: Span, legal_forms: frozenset[str]) -> bool:
    """False sorts first: a name with its legal form is the one kept."""
    return bare_name(span.name, legal_forms) == span.name


def _same_as(
    span: Span, index: MentionIndex | None, kept: dict[str, Span], language: Language
) -> Span | None:
    if index is None:
        return None
    same = sorted(
        m.entity_id
        for m in index.find(span.name, language=language)
        if m.start == 0 and m.end == len(span.name) and kept[m.entity_id].type == span.type
    )
    return kept[same[0]] if same else None


def _rename(
    spans: dict[str, list[Span]],
    drafts: list[Draft],
    merged: dict[str, Span],
    legal_forms: frozenset[str],
) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for passage_id, passage_spans in spans.items():
        renamed = []
        for span in passage_spans:
            into = merged.get(span.entity_id)
            if span.new and into is not None:
                span = replace(into, start=span.start, end=span.end, surface=span.surface)
            renamed.append(span)
            bare = bare_name(span.name, legal_forms)
            surface = " ".join(span.surface.split())
            if span.new and bare != span.name and surface.casefold() == bare.casefold():
                aliases.setdefault(span.entity_id, []).append(surface)
        spans[passage_id] = renamed
    ids = {old: new.entity_id for old, new in merged.items()}
    for draft in drafts:
        draft.s, draft.o = ids.get(draft.s, draft.s), ids.get(draft.o, draft.o)
    return {k: sorted(set(v)) for k, v in aliases.items()}
