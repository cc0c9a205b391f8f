"""Evidence as every answer shows it: the document, the passage, the anchor and an excerpt.

One shape for a fact's evidence, an inferred fact's premises and a node's property sources;
the passage texts come from one query or from the API's per-load cache (``TextSource``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.display import passage_locator
from kgraph.ontology import (
    DERIVED_PROPS,
    EVIDENCE_ANCHORS,
    EVIDENCE_DOCS,
    EVIDENCE_PASSAGES,
    PREMISE_PASSAGES,
    PROP_EVIDENCE_ANCHORS,
    PROP_EVIDENCE_DOCS,
    PROP_EVIDENCE_KEYS,
    PROP_EVIDENCE_PASSAGES,
    PROVENANCE_PROP,
    PROVENANCES,
)

EXCERPT_CHARS = 400
#: Where an evidence item's passage can be read whole (``GET /passages/{id}``).
PASSAGE_PATH = "/passages/{}"
#: Where a document's original (its PDF, saved page or Word file) is served.
ORIGINAL_PATH = "/documents/{}/original"


def original_url(doc_id: str, pages: Sequence[int] | None) -> str:
    """The original's address; for a PDF passage, opened at its first page (``#page=12``)."""
    return ORIGINAL_PATH.format(doc_id) + (f"#page={min(pages)}" if pages else "")


@dataclass(frozen=True)
class PassageSource:
    """What an evidence item shows of its passage: the text, its document's title and kind,
    and where it is in the document's original, when the document has one."""

    text: str
    doc_title: str | None = None
    doc_kind: str | None = None
    pages: tuple[int, ...] | None = None
    heading_path: tuple[str, ...] | None = None
    has_original: bool = False

    def located(self, doc_id: str) -> dict[str, Any]:
        """The passage's place: its pages, heading path, locator and the original's address."""
        return {
            "pages": list(self.pages) if self.pages else None,
            "heading_path": list(self.heading_path) if self.heading_path else None,
            "locator": passage_locator(self.pages, self.heading_path),
            "original_url": original_url(doc_id, self.pages) if self.has_original else None,
        }


#: Given passage ids, their sources: the API passes a per-load cache; by default one query.
TextSource = Callable[[Iterable[str]], Mapping[str, PassageSource]]


def _sources(rows: Iterable[Mapping[str, Any]]) -> dict[str, PassageSource]:
    return {r["id"]: _source(r) for r in rows}


def _source(row: Mapping[str, Any]) -> PassageSource:
    pages, path = row.get("pages"), row.get("heading_path")
    return PassageSource(
        row["text"],
        row["doc_title"],
        row["doc_kind"],
        tuple(pages) if pages else None,
        tuple(path) if path else None,
        bool(row.get("has_original")),
    )


def all_passage_texts(graph: Graph) -> dict[str, PassageSource]:
    """Every passage's source by id (for a per-load cache: passages change only with a load)."""
    return _sources(graph.read(cypher.ALL_PASSAGE_TEXTS))


def passage_texts(graph: Graph, ids: Iterable[str]) -> dict[str, PassageSource]:
    """The sources (text, document title and kind) of the given passages, in one query."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return _sources(graph.read(cypher.PASSAGE_TEXTS, {"ids": wanted}))


def excerpt(text: str | None, anchor: str | None, width: int = EXCERPT_CHARS) -> str | None:
    """The part of a passage around its anchor, at most ``width`` characters."""
    if text is None:
        return None
    if len(text) <= width:
        return text
    at = text.find(anchor) if anchor else -1
    start = max(0, at - width // 3) if at >= 0 else 0
    clipped = text[start : start + width]
    return ("…" if start else "") + clipped + ("…" if start + width < len(text) else "")


def evidence_item(
    doc: str, pid: str, anchor: str | None, texts: Mapping[str, PassageSource]
) -> dict[str, Any]:
    """One evidence item, the one shape of evidence in every answer: the document (id, title,
    kind), the passage (id and where to read it), the anchor and an excerpt around it, and
    for a document with an original, where the passage is in it ("page 12", headings) and
    the original's address (at that page)."""
    source = texts.get(pid)
    return {
        "doc_id": doc, "doc_title": source.doc_title if source else None,
        "doc_kind": source.doc_kind if source else None, "passage_id": pid,
        "passage_url": PASSAGE_PATH.format(pid), "anchor": anchor,
        "excerpt": excerpt(source.text if source else None, anchor),
        **(source or PassageSource("")).located(doc),
    }  # fmt: skip


def evidence_items(
    props: Mapping[str, Any], texts: Mapping[str, PassageSource]
) -> list[dict[str, Any]]:
    """The evidence of a stated fact (or entity), one item per anchor."""
    docs = props.get(EVIDENCE_DOCS) or []
    passages = props.get(EVIDENCE_PASSAGES) or []
    anchors = props.get(EVIDENCE_ANCHORS) or []
    return [
        evidence_item(doc, pid, anchor, texts)
        for doc, pid, anchor in zip(docs, passages, anchors, strict=False)
    ]


def premise_items(
    props: Mapping[str, Any], texts: Mapping[str, PassageSource]
) -> list[dict[str, Any]]:
    """The passages an inferred fact's premises stand on, each with its excerpt."""
    return [
        evidence_item(pid.split(":")[0], pid, None, texts)
        for pid in props.get(PREMISE_PASSAGES) or []
    ]


def prop_evidence_items(
    props: Mapping[str, Any], texts: Mapping[str, PassageSource]
) -> dict[str, list[dict[str, Any]]]:
    """A node's property evidence by property: ``{start: [item, ...], status: [...]}``."""
    by_prop: dict[str, list[dict[str, Any]]] = {}
    rows = zip(
        props.get(PROP_EVIDENCE_KEYS) or [], props.get(PROP_EVIDENCE_DOCS) or [],
        props.get(PROP_EVIDENCE_PASSAGES) or [], props.get(PROP_EVIDENCE_ANCHORS) or [],
        strict=False,
    )  # fmt: skip
    for key, doc, pid, anchor in rows:
        by_prop.setdefault(key, []).append(evidence_item(doc, pid, anchor, texts))
    return by_prop


def prop_sources(props: Mapping[str, Any], texts: Mapping[str, PassageSource]) -> dict[str, Any]:
    """Where a node's values come from: ``props_evidence`` by property, and ``derived``, the
    properties the curator reasoned (their ``<prop>_note`` says how)."""
    return {
        "props_evidence": prop_evidence_items(props, texts),
        "derived": list(props.get(DERIVED_PROPS) or []),
    }


def provenance_of(props: Mapping[str, Any]) -> str:
    """curated, extracted or inferred; a graph loaded before provenance was recorded holds
    only curated (stated) and inferred facts."""
    given = props.get(PROVENANCE_PROP)
    if given in PROVENANCES:
        return str(given)
    return "curated" if props.get("stated") else "inferred"
