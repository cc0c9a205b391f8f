"""Turn documents, the registry, inferred facts and mentions into the rows the writer syncs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from kgraph.db.writer import NodeRow, RelRow
from kgraph.display import entity_display, fact_display, passage_locator
from kgraph.ontology import (
    CONFIDENCE_PROP,
    DERIVED_PROPS,
    EVIDENCE_ANCHORS,
    EVIDENCE_DOCS,
    EVIDENCE_PASSAGES,
    EXTRACTION_RULE_PROP,
    PROP_EVIDENCE_ANCHORS,
    PROP_EVIDENCE_DOCS,
    PROP_EVIDENCE_KEYS,
    PROP_EVIDENCE_PASSAGES,
    PROVENANCE_PROP,
    EntitySpec,
    FactSpec,
    OdditySpec,
)
from loaders.build.inference import InferredFact
from loaders.sources.corpus import Document, Passage
from loaders.sources.evidence import EvidenceIndex, Resolved
from loaders.sources.registry import Registry

_DATE_KEYS = frozenset({"start", "end", "date"})


def _dated(props: dict[str, Any]) -> dict[str, Any]:
    """ISO date strings of known date properties become Neo4j dates (for 'as of' queries)."""
    return {
        key: dt.date.fromisoformat(value) if key in _DATE_KEYS and isinstance(value, str) else value
        for key, value in props.items()
    }


def _evidence_props(resolved: Iterable[Resolved]) -> dict[str, list[str]]:
    items = list(resolved)
    return {
        EVIDENCE_DOCS: [r.doc_id for r in items],
        EVIDENCE_PASSAGES: [r.passage_id for r in items],
        EVIDENCE_ANCHORS: [r.anchor for r in items],
    }


def _prop_evidence_props(entity: EntitySpec, found: list[tuple[str, Resolved]]) -> dict[str, Any]:
    """A node's property evidence as four parallel lists, and its derived properties.

    Nodes without either get neither key (most entities have no sourced properties).
    """
    out: dict[str, Any] = {DERIVED_PROPS: list(entity.derived)} if entity.derived else {}
    if found:
        out[PROP_EVIDENCE_KEYS] = [prop for prop, _ in found]
        out[PROP_EVIDENCE_DOCS] = [r.doc_id for _, r in found]
        out[PROP_EVIDENCE_PASSAGES] = [r.passage_id for _, r in found]
        out[PROP_EVIDENCE_ANCHORS] = [r.anchor for _, r in found]
    return out


def document_rows(documents: Iterable[Document]) -> tuple[list[NodeRow], list[RelRow]]:
    nodes: list[NodeRow] = []
    rels: list[RelRow] = []
    for doc in documents:
        nodes.append(document_row(doc))
        for passage in doc.passages:
            node, rel = passage_rows(passage)
            nodes.append(node)
            rels.append(rel)
    return nodes, rels


def document_row(doc: Document) -> NodeRow:
    entry = doc.entry
    return NodeRow(
        "Document",
        entry.id,
        {
            "id": entry.id, "title": entry.title, "language": entry.language,
            "kind": entry.kind, "publisher": entry.publisher, "year": entry.year,
            "file": entry.file, "sha256": doc.raw_sha256, "passage_count": len(doc.passages),
            **_original_props(doc),
        },
    )  # fmt: skip


def _original_props(doc: Document) -> dict[str, Any]:
    """The original's file, hash, format and extractor; none for a hand-made text document
    (so their rows, and the hashes the writer diffs, stay as they were)."""
    entry = doc.entry
    if entry.original is None:
        return {}
    return {
        "original": entry.original, "original_sha256": entry.original_sha256,
        "original_format": entry.original_format, "extractor": entry.extractor,
        "extractor_version": entry.extractor_version,
    }  # fmt: skip


def _located_props(passage: Passage) -> dict[str, Any]:
    """A passage's pages (PDF) or heading path (web page, Word), and the locator the Browser
    and the evidence show ("page 12"); none for a passage of a hand-made text document."""
    out: dict[str, Any] = {}
    if passage.pages is not None:
        out["pages"] = passage.pages
    if passage.heading_path is not None:
        out["heading_path"] = passage.heading_path
    locator = passage_locator(passage.pages, passage.heading_path)
    if locator is not None:
        out["locator"] = locator
    return out


def passage_rows(passage: Passage) -> tuple[NodeRow, RelRow]:
    """A passage's node and the HAS_PASSAGE relationship from its document."""
    node = NodeRow(
        "Passage",
        passage.id,
        {
            "id": passage.id, "doc_id": passage.doc_id, "ordinal": passage.ordinal,
            "kind": passage.kind, "text": passage.text,
            "start": passage.start, "end": passage.end, **_located_props(passage),
        },
    )  # fmt: skip
    rel = RelRow(f"has:{passage.id}", "HAS_PASSAGE", "Document", passage.doc_id, "Passage",
                 passage.id, {"ordinal": passage.ordinal})  # fmt: skip
    return node, rel


def mention_row(passage_id: str, entity_id: str, count: int) -> RelRow:
    return RelRow(f"mentions:{passage_id}|{entity_id}", "MENTIONS", "Passage", passage_id,
                  "Entity", entity_id, {"count": count})  # fmt: skip


def extraction_marks(item: object) -> dict[str, Any]:
    """Provenance of a registry item (curated), or of a proposal with its confidence and rule.

    Duck-typed on the proposal's fields, so the rows need not know the proposals module.
    """
    confidence, rule = getattr(item, "confidence", None), getattr(item, "rule", None)
    if confidence is None or rule is None:
        return {PROVENANCE_PROP: "curated"}
    return {PROVENANCE_PROP: "extracted", CONFIDENCE_PROP: confidence, EXTRACTION_RULE_PROP: rule}


def entity_row(
    entity: EntitySpec,
    evidence: list[Resolved],
    extra_names: list[str],
    prop_evidence: list[tuple[str, Resolved]] | None = None,
) -> NodeRow:
    """An entity's node: its properties, names, and the evidence of it and of its values."""
    names = list(dict.fromkeys([*entity.all_names(), *extra_names]))
    aliases = [n for n in names if n not in (entity.name, entity.name_fi, entity.name_sv)]
    props: dict[str, Any] = {
        **_dated(entity.props),
        "id": entity.id,
        "type": entity.type,
        "name": entity.name,
        "name_fi": entity.name_fi,
        "name_sv": entity.name_sv,
        "aliases": aliases,
        "aliases_text": " | ".join(aliases),
        **_evidence_props(evidence),
        **_prop_evidence_props(entity, prop_evidence or []),
        **extraction_marks(entity),
        **entity_display(entity.props),
    }
    return NodeRow("Entity", entity.id, props, (entity.type,))


def stated_fact_row(fact: FactSpec, evidence: list[Resolved]) -> RelRow:
    """A curated fact's relationship, or an extracted one's (a ``ProposedFact``) with its marks."""
    row = fact_row(fact.key, fact.s, fact.p, fact.o, fact.props, evidence,
                   fact.valid_from, fact.valid_to)  # fmt: skip
    row.props.update(extraction_marks(fact))
    return row


def fact_row(
    key: str,
    s: str,
    p: str,
    o: str,
    props: dict[str, Any],
    evidence: list[Resolved],
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> RelRow:
    """A stated fact's relationship, with its evidence and period."""
    row: dict[str, Any] = {
        **_dated(props),
        "fact_id": key,
        "stated": True,
        PROVENANCE_PROP: "curated",
        "valid_from": valid_from,
        "valid_to": valid_to,
        **_evidence_props(evidence),
        **fact_display(p, props, "stated"),
    }
    return RelRow(key, p, "Entity", s, "Entity", o, row)


def inferred_fact_row(fact: InferredFact, premises: dict[str, RelRow]) -> RelRow:
    passages = [p for key in fact.derived_from for p in premises[key].props["evidence_passages"]]
    return inferred_row(fact, passages)


def inferred_row(fact: InferredFact, premise_passages: list[str]) -> RelRow:
    """An inferred fact's relationship: its rule, premises and their passages."""
    props: dict[str, Any] = {
        **fact.props,
        "fact_id": fact.key,
        "stated": False,
        PROVENANCE_PROP: "inferred",
        "rule": fact.rule,
        "derived_from": fact.derived_from,
        "premise_passages": list(dict.fromkeys(premise_passages)),
        "valid_from": fact.valid_from,
        "valid_to": fact.valid_to,
        **fact_display(fact.p, fact.props, "inferred"),
    }
    return RelRow(fact.key, fact.p, "Entity", fact.s, "Entity", fact.o, props)


def oddity_rows(oddity: OdditySpec, evidence: EvidenceIndex) -> tuple[NodeRow, list[RelRow]]:
    resolved = evidence.all(oddity.id, oddity.evidence)
    node = NodeRow(
        "Oddity",
        oddity.id,
        {"id": oddity.id, "kind": oddity.kind, "description": oddity.description,
         "subjects": oddity.subjects, **_evidence_props(resolved)},
    )  # fmt: skip
    rels = [
        RelRow(f"concerns:{oddity.id}|{subject}", "CONCERNS", "Oddity", oddity.id, "Entity",
               subject, {})
        for subject in oddity.subjects
    ]  # fmt: skip
    rels += [
        RelRow(f"evidenced:{oddity.id}|{passage}", "EVIDENCED_BY", "Oddity", oddity.id, "Passage",
               passage, {})
        for passage in dict.fromkeys(r.passage_id for r in resolved)
    ]  # fmt: skip
    return node, rels


def identity_notes(registry: Registry) -> dict[str, list[str]]:
    """For each entity, the reasons of the identity decisions that name it."""
    notes: dict[str, list[str]] = {}
    for decision in registry.identities:
        kind = "same" if decision.item.same else "distinct from"
        ids = decision.item.same or decision.item.distinct or []
        for entity_id in ids:
            others = [other for other in ids if other != entity_id]
            label = f"{kind} {', '.join(others)}: " if others else f"{kind}: "
            notes.setdefault(entity_id, []).append(label + decision.item.reason)
    return notes
