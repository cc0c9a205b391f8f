"""Verify every evidence anchor of the registry against the cleaned documents.

A stated fact is only as good as its evidence: an anchor must occur in the named document's
cleaned text, and the fact is linked to the passage that contains it. A registry entry whose
anchor cannot be found is refused with the file and line of the entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kgraph.errors import RegistryError
from kgraph.ontology import EntitySpec, Evidence, FactSpec, OdditySpec
from loaders.corpus import Document, Passage, anchor_passages
from loaders.registry import Located, Registry


@dataclass(frozen=True)
class Resolved:
    """An anchor found: the document, the passage that holds it, and the anchor itself."""

    doc_id: str
    passage_id: str
    anchor: str


class EvidenceIndex:
    """Anchors resolved to passages, by owner (entity id, fact key or oddity id) and anchor.

    The owner is part of the key: two facts may quote the same line (an implementer line
    repeated under two projects) and resolve it to different passages.
    """

    def __init__(self) -> None:
        self._found: dict[tuple[str, str, str], Resolved] = {}

    def add(self, owner: str, resolved: Resolved) -> None:
        self._found[(owner, resolved.doc_id, resolved.anchor)] = resolved

    def all(self, owner: str, evidence: list[Evidence]) -> list[Resolved]:
        return [self._found[(owner, item.doc, item.anchor)] for item in evidence]

    def __len__(self) -> int:
        return len(self._found)


def owner_key(item: EntitySpec | FactSpec | OdditySpec) -> str:
    """The key evidence is filed under: an entity's or oddity's id, a fact's key."""
    return item.key if isinstance(item, FactSpec) else item.id


def _entries_with_evidence(registry: Registry) -> list[Located[Any]]:
    return [*registry.entities, *registry.facts, *registry.oddities]


def resolve_evidence(registry: Registry, documents: dict[str, Document]) -> EvidenceIndex:
    """Find every anchor in its document; raise RegistryError at the first that is missing.

    An anchor that occurs in several passages (the same implementer line under two projects)
    resolves to the occurrence nearest to the entry's unambiguous evidence in that document.
    """
    return resolve_entries(_entries_with_evidence(registry), documents)


def resolve_entries(
    entries: Iterable[Located[Any]],
    documents: dict[str, Document],
    index: EvidenceIndex | None = None,
) -> EvidenceIndex:
    """Find the anchors of the given entries (registry or proposals) into ``index``.

    The one verification of evidence: a proposal's anchors are checked by this same code.
    """
    index = index if index is not None else EvidenceIndex()
    for entry in entries:
        candidates: list[tuple[Evidence, list[Passage]]] = []
        for number, evidence in enumerate(entry.item.evidence):
            # A fact stated in several files: blame the file that gave this evidence.
            file, line = entry.stated_at(number)
            document = documents.get(evidence.doc)
            if document is None:
                raise RegistryError(
                    file,
                    f"evidence names document '{evidence.doc}', which is not in the manifest",
                    line,
                )
            passages = anchor_passages(document, evidence.anchor)
            if not passages:
                raise RegistryError(
                    file,
                    f"anchor '{evidence.anchor}' does not occur in document {evidence.doc}",
                    line,
                )
            candidates.append((evidence, passages))
        fixed = {(e.doc, p[0].ordinal) for e, p in candidates if len(p) == 1}
        owner = owner_key(entry.item)
        for evidence, passages in candidates:
            passage = _nearest(evidence.doc, passages, fixed)
            index.add(owner, Resolved(evidence.doc, passage.id, evidence.anchor))
    return index


def _nearest(doc: str, passages: list[Passage], fixed: set[tuple[str, int]]) -> Passage:
    anchors = [ordinal for d, ordinal in fixed if d == doc]
    if len(passages) == 1 or not anchors:
        return passages[0]
    return min(passages, key=lambda p: (min(abs(p.ordinal - a) for a in anchors), p.ordinal))
