"""Spans and drafts of a document -> its ``Proposals``: new entities merged by id with the
aliases seen, links, facts merged by key, each anchor checked by the curated facts' own
evidence code, rejected items left out, everything in a stable order."""

from __future__ import annotations

import re
from typing import Any

from kgraph.errors import RegistryError
from kgraph.ontology import Evidence
from loaders.extract.document import Read
from loaders.extract.drafts import Draft, quote
from loaders.extract.spans import Span
from loaders.proposals.files import Extractor, Link, Proposals, ProposedEntity, ProposedFact
from loaders.sources.corpus import Document
from loaders.sources.evidence import resolve_evidence
from loaders.sources.registry import Located, Registry

EXTRACTOR = "kgraph-extract"
VERSION = "1"


def build_proposals(
    document: Document, read: Read, models: list[str], rejected: frozenset[str] = frozenset()
) -> Proposals:
    """The proposals of one document (see the module docstring)."""
    doc_id = document.entry.id
    passages = {p.id: p for p in document.passages}
    entities = _entities(doc_id, read, passages, rejected)
    known = {e.id for e in entities}
    facts = [
        f
        for f in _facts(doc_id, read.drafts, rejected)
        if _resolvable(f.s, known, read) and _resolvable(f.o, known, read)
    ]
    docs = {doc_id: document}
    return Proposals(
        doc=doc_id,
        doc_sha256=document.raw_sha256,
        extractor=Extractor(name=EXTRACTOR, version=VERSION, models=models),
        entities=[e for e in entities if _verified(e, docs)],
        links=_links(read),
        facts=[f for f in facts if _verified(f, docs)],
    )


def _resolvable(entity_id: str, proposed: set[str], read: Read) -> bool:
    """Whether the document names the entity: a new one proposed, a known one linked, or a
    known place named inside a longer name ("Kokkolan" of "Kokkolan kaupunki")."""
    if entity_id in proposed:
        return True
    named = [*read.spans.values(), *read.inner.values()]
    return any(s.entity_id == entity_id and not s.new for ss in named for s in ss)


def _entities(
    doc_id: str, read: Read, passages: dict[str, Any], rejected: frozenset[str]
) -> list[ProposedEntity]:
    merged: dict[str, dict[str, Any]] = {}
    for passage_id, spans in read.spans.items():
        for span in spans:
            if not span.new or span.entity_id in rejected:
                continue
            entry = merged.setdefault(span.entity_id, _entry(span))
            alias = _alias(span)
            if alias and alias.casefold() != entry["name"].casefold():
                entry["aliases"].setdefault(alias, None)
            if len(entry["evidence"]) < 2:
                for anchor in quote(passages[passage_id].text, span)[:1]:
                    entry["evidence"].setdefault(Evidence(doc=doc_id, anchor=anchor), None)
            entry["confidence"] = max(entry["confidence"], span.confidence)
    for entity_id, entry in merged.items():
        entry["props"].update(_project_props(entity_id, read))
        entry["aliases"].update(dict.fromkeys(read.aliases.get(entity_id, [])))
    return [_proposed(e) for _, e in sorted(merged.items())]


def _alias(span: Span) -> str | None:
    """The span's words as another base-form name: an acronym ("EERA" of "EERA:n", "EERAn")
    or a citation form ("Lähde, Anna"); an inflected form ("Vaasan yliopistolle") is not."""
    surface = " ".join(span.surface.split())
    if span.type == "Publication":
        return None
    bare = re.sub(r"(?::\w+|(?<=[A-ZÅÄÖ])n)$", "", surface)
    if bare.isupper() and len(bare) >= 2:
        return bare
    return surface if ", " in surface and span.type == "Person" else None


def _entry(span: Span) -> dict[str, Any]:
    props: dict[str, Any] = dict(span.props)
    if span.type == "Organisation":
        props["kind"] = span.kind or "other"
    return {
        "id": span.entity_id,
        "type": span.type,
        "name": span.name,
        "aliases": {},
        "name_fi": span.name_fi,
        "props": props,
        "evidence": {},
        "confidence": span.confidence,
        "rule": span.rule,
    }


def _project_props(entity_id: str, read: Read) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if entity_id in read.state.periods:
        props["start"], props["end"] = read.state.periods[entity_id]
    if entity_id in read.state.statuses:
        props["status"] = read.state.statuses[entity_id]
    return props


def _proposed(entry: dict[str, Any]) -> ProposedEntity:
    return ProposedEntity(
        id=entry["id"],
        type=entry["type"],
        name=entry["name"],
        name_fi=entry["name_fi"],
        aliases=[a for a in entry["aliases"] if a != entry["name"]],
        props=entry["props"],
        evidence=list(entry["evidence"]),
        confidence=round(entry["confidence"], 3),
        rule=entry["rule"],
    )


def _facts(doc_id: str, drafts: list[Draft], rejected: frozenset[str]) -> list[ProposedFact]:
    merged: dict[str, Draft] = {}
    anchors: dict[str, dict[str, None]] = {}
    for draft in drafts:
        if draft.s == draft.o or draft.key in rejected:
            continue
        first = merged.setdefault(draft.key, draft)
        first.confidence = max(first.confidence, draft.confidence)
        first.valid_from = first.valid_from or draft.valid_from
        first.valid_to = first.valid_to or draft.valid_to
        for key, value in draft.props.items():
            first.props.setdefault(key, value)
        anchors.setdefault(draft.key, {}).update(dict.fromkeys(draft.anchors))
    return [
        ProposedFact(
            s=d.s,
            p=d.p,
            o=d.o,
            props=dict(d.props),
            valid_from=d.valid_from,
            valid_to=d.valid_to,
            confidence=round(d.confidence, 3),
            rule=d.rule,
            evidence=[Evidence(doc=doc_id, anchor=a) for a in _widest(list(anchors[key]))[:3]],
        )
        for key, d in sorted(merged.items())
        if anchors[key]
    ]


def _widest(anchors: list[str]) -> list[str]:
    """The anchors without those another one quotes in full: two rules reading the same
    sentence ("Business Finland myönsi X" inside the whole sentence) are one piece of evidence."""
    return [a for a in anchors if not any(a != b and a in b for b in anchors)]


def _verified(item: ProposedEntity | ProposedFact, docs: dict[str, Document]) -> bool:
    """Whether every anchor occurs in the document, by the evidence check of the registry."""
    located: Located[Any] = Located(item, "proposals", 0)
    registry = (
        Registry(entities=[located])
        if isinstance(item, ProposedEntity)
        else Registry(facts=[located])
    )
    try:
        resolve_evidence(registry, docs)
    except RegistryError:
        return False
    return True


def _links(read: Read) -> list[Link]:
    links: dict[tuple[str, str, str], Link] = {}
    for passage_id, spans in sorted(read.spans.items()):
        for span in spans:
            if not span.new:
                key = (passage_id, span.surface, span.entity_id)
                links.setdefault(
                    key,
                    Link(
                        span=" ".join(span.surface.split()),
                        entity=span.entity_id,
                        passage=passage_id,
                        how=span.how,
                    ),
                )
    return [links[k] for k in sorted(links)]
