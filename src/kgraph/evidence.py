"""Verify every evidence anchor of the registry against the cleaned documents.

A stated fact is only as good as its evidence: an anchor must occur in the named document's
cleaned text, and the fact is linked to the passage that contains it. A registry entry whose
anchor cannot be found is refused with the file and line of the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kgraph.corpus import Document, find_anchor
from kgraph.errors import RegistryError
from kgraph.model import Evidence
from kgraph.registry import Located, Registry


@dataclass(frozen=True)
class Resolved:
    """An anchor found: the document, the passage that holds it, and the anchor itself."""

    doc_id: str
    passage_id: str
    anchor: str


class EvidenceIndex:
    """Anchors resolved to passages, looked up by (document, anchor)."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], Resolved] = {}

    def add(self, resolved: Resolved) -> None:
        self._found[(resolved.doc_id, resolved.anchor)] = resolved

    def get(self, evidence: Evidence) -> Resolved:
        return self._found[(evidence.doc, evidence.anchor)]

    def all(self, evidence: list[Evidence]) -> list[Resolved]:
        return [self.get(item) for item in evidence]

    def __len__(self) -> int:
        return len(self._found)


def _entries_with_evidence(registry: Registry) -> list[Located[Any]]:
    return [*registry.entities, *registry.facts, *registry.oddities]


def resolve_evidence(registry: Registry, documents: dict[str, Document]) -> EvidenceIndex:
    """Find every anchor in its document; raise RegistryError at the first that is missing."""
    index = EvidenceIndex()
    for entry in _entries_with_evidence(registry):
        for evidence in entry.item.evidence:
            document = documents.get(evidence.doc)
            if document is None:
                raise RegistryError(
                    entry.file,
                    f"evidence names document '{evidence.doc}', which is not in the manifest",
                    entry.line,
                )
            passage = find_anchor(document, evidence.anchor)
            if passage is None:
                raise RegistryError(
                    entry.file,
                    f"anchor '{evidence.anchor}' does not occur in document {evidence.doc}",
                    entry.line,
                )
            index.add(Resolved(evidence.doc, passage.id, evidence.anchor))
    return index
