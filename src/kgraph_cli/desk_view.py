"""A document and its pending proposals as the review desk shows them (``api.review_port``).

The text is the document's cleaned passages, cut wherever an anchor begins or ends, so each
piece knows which proposals stand on it. Beside each proposal: what it names (in the
registry, proposed here, or neither), the curated entry on the same key and whether it
agrees, and for a new entity the registry's entity of the same name it may duplicate and the
entities it may be merged into (``loaders.proposals.candidates``).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, Literal

from api.review_port import Anchor, Curated, Paragraph, Piece, Proposal, Ref
from kgraph.names.matcher import MentionIndex
from loaders.proposals.candidates import merge_candidates
from loaders.proposals.files import ProposedEntity, ProposedFact
from loaders.proposals.review import Item, item_key
from loaders.sources.cleaning import fold
from loaders.sources.corpus import Document
from loaders.sources.evidence import find_anchor
from loaders.sources.registry import Registry

#: Entity fields a reviewer may edit beside the properties (the id follows from the name).
_ENTITY_FIELDS = ("name", "name_fi", "type")
_FACT_FIELDS = ("valid_from", "valid_to")


def editable(item: Item) -> dict[str, Any]:
    """The fields the desk offers to edit, as ``field`` or ``props.x`` -> value."""
    data = item.model_dump(mode="json")
    names = _ENTITY_FIELDS if isinstance(item, ProposedEntity) else _FACT_FIELDS
    values = {name: data.get(name) for name in names}
    values.update({f"props.{k}": v for k, v in sorted((data.get("props") or {}).items())})
    return values


def _summary(item: Item) -> str:
    if isinstance(item, ProposedEntity):
        return f"{item.type} “{item.name}”"
    return f"{item.s} {item.p} {item.o}"


def _ranges(doc: Document, items: list[Item]) -> list[tuple[int, int, int]]:
    """(start, end, proposal index) of each anchor in the document's cleaned text."""
    found = []
    for index, item in enumerate(items):
        for evidence in item.evidence:
            needle = fold(evidence.anchor)
            at = doc.cleaned.find(needle) if evidence.doc == doc.entry.id and needle else -1
            if at >= 0:
                found.append((at, at + len(needle), index))
    return found


def paragraphs(doc: Document, items: list[Item]) -> tuple[Paragraph, ...]:
    """The passages cut at every anchor's ends, each piece with the proposals covering it."""
    ranges = _ranges(doc, items)
    out = []
    for passage in doc.passages:
        cuts = {passage.start, passage.end}
        for start, end, _ in ranges:
            cuts |= {c for c in (start, end) if passage.start < c < passage.end}
        edges = sorted(cuts)
        pieces = tuple(
            Piece(
                doc.cleaned[a:b],
                tuple(sorted({i for start, end, i in ranges if start < b and a < end})),
            )
            for a, b in pairwise(edges)
        )
        out.append(Paragraph(passage.id, passage.kind, pieces))
    return tuple(out)


def _refs(item: Item, registry: Registry, proposed: set[str]) -> tuple[Ref, ...]:
    known = registry.by_id()
    if isinstance(item, ProposedFact):
        return tuple(
            Ref(ref, role,
                "registry" if ref in known else "proposed" if ref in proposed else "missing",
                known[ref].name if ref in known else None)
            for role, ref in (("subject", item.s), ("object", item.o))
        )  # fmt: skip
    names = {n.casefold() for n in item.all_names()}
    same = [e for e in registry.entities if {n.casefold() for n in e.item.all_names()} & names]
    if not same:
        return (Ref(item.id, "creates", "proposed", item.name),)
    return tuple(Ref(e.item.id, "same name", "registry", e.item.name) for e in same[:3])


def _curated(item: Item, registry: Registry) -> tuple[Curated, ...]:
    entries: list[tuple[str, dict[str, Any]]]
    if isinstance(item, ProposedEntity):
        fields = {"type", "name", "props"}
        entries = [(e.where, e.item.model_dump(mode="json", include=fields))
                   for e in registry.entities if e.item.id == item.id]  # fmt: skip
    else:
        fields = {"props", "valid_from", "valid_to"}
        entries = [(f.where, f.item.model_dump(mode="json", include=fields))
                   for f in registry.facts if f.item.key == item.key]  # fmt: skip
    mine = item.model_dump(mode="json", include=fields)
    out = []
    for where, theirs in entries:
        relation: Literal["agrees", "differs"] = "agrees" if theirs == mine else "differs"
        out.append(Curated(relation, where, theirs))
    return tuple(out)


def _candidates(item: Item, registry: Registry, names: MentionIndex | None) -> tuple[Ref, ...]:
    if not isinstance(item, ProposedEntity):
        return ()
    return tuple(
        Ref(e.id, "may be", "registry", e.name) for e in merge_candidates(item, registry, names)
    )


def registry_entities(
    registry: Registry, types: set[str]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """The registry's entities of each of ``types``, as (id, name), by name."""
    return {
        kind: tuple(sorted(((e.item.id, e.item.name) for e in registry.entities
                            if e.item.type == kind), key=lambda pair: pair[1].casefold()))
        for kind in sorted(types)
    }  # fmt: skip


def proposal(
    index: int,
    item: Item,
    doc: Document,
    registry: Registry,
    proposed: set[str],
    names: MentionIndex | None = None,
) -> Proposal:
    """One pending proposal with its anchors located and its neighbours in the registry."""
    anchors = []
    for evidence in item.evidence:
        passage = find_anchor(doc, evidence.anchor) if evidence.doc == doc.entry.id else None
        anchors.append(Anchor(evidence.anchor, passage.id if passage else None))
    return Proposal(
        index=index,
        key=item_key(item),
        kind="entity" if isinstance(item, ProposedEntity) else "fact",
        summary=_summary(item),
        values=editable(item),
        confidence=item.confidence,
        rule=item.rule,
        anchors=tuple(anchors),
        refs=_refs(item, registry, proposed),
        curated=_curated(item, registry),
        candidates=_candidates(item, registry, names),
    )
