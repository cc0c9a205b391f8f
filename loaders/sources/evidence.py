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
from loaders.sources.cleaning import fold
from loaders.sources.corpus import Document, Passage
from loaders.sources.registry import Located, Registry


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


def prop_owner(entity_id: str, prop: str) -> str:
    """The key a property's evidence is filed under (``#`` occurs in no id)."""
    return f"{entity_id}#{prop}"


def _entries_with_evidence(registry: Registry) -> list[Located[Any]]:
    return [*registry.entities, *registry.facts, *registry.oddities]


#: One evidence item of an entry: the owner it is filed under, the item, and where it was written.
_Claim = tuple[str, Evidence, tuple[str, int]]


def _claims(entry: Located[Any]) -> list[_Claim]:
    """Every evidence item of an entry: its own, then (an entity's) each property's."""
    owner = owner_key(entry.item)
    # A fact stated in several files: blame the file that gave this evidence.
    claims = [(owner, e, entry.stated_at(n)) for n, e in enumerate(entry.item.evidence)]
    if isinstance(entry.item, EntitySpec):
        for prop, items in entry.item.props_evidence.items():
            lines = entry.prop_lines.get(prop, ())
            claims += [
                (prop_owner(owner, prop), e,
                 (entry.file, lines[n] if n < len(lines) else entry.line))
                for n, e in enumerate(items)
            ]  # fmt: skip
    return claims


def _passages(claim: _Claim, documents: dict[str, Document]) -> list[Passage]:
    _, evidence, (file, line) = claim
    document = documents.get(evidence.doc)
    if document is None:
        raise RegistryError(
            file, f"evidence names document '{evidence.doc}', which is not in the manifest", line
        )
    passages = anchor_passages(document, evidence.anchor)
    if not passages:
        raise RegistryError(
            file, f"anchor '{evidence.anchor}' does not occur in document {evidence.doc}", line
        )
    return passages


def resolve_evidence(registry: Registry, documents: dict[str, Document]) -> EvidenceIndex:
    """Find every anchor in its document; raise one RegistryError naming every one missing.

    The anchors of facts, oddities, entities and entities' property values are all checked
    here, by the same code. An anchor that occurs in several passages (the same implementer
    line under two projects) resolves to the occurrence nearest to the entry's unambiguous
    evidence in that document.
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
    missing: list[RegistryError] = []
    for entry in entries:
        for owner, resolved in _placed(_claims(entry), documents, missing):
            index.add(owner, resolved)
    if missing:
        raise _every_one(missing)
    return index


def _placed(
    claims: list[_Claim],
    documents: dict[str, Document],
    missing: list[RegistryError] | None = None,
) -> list[tuple[str, Resolved]]:
    """The anchors of one entry's ``claims``, each in its passage (by the entry's anchors that
    are unambiguous in the same document). An anchor not found is added to ``missing`` (and
    left out), or raised when there is no such list."""
    candidates = []
    for claim in claims:
        try:
            candidates.append((claim, _passages(claim, documents)))
        except RegistryError as error:
            if missing is None:
                raise
            missing.append(error)
    fixed = {(c[1].doc, p[0].ordinal) for c, p in candidates if len(p) == 1}
    return [
        (owner, Resolved(evidence.doc, _nearest(evidence.doc, passages, fixed).id, evidence.anchor))
        for (owner, evidence, _), passages in candidates
    ]


#: The evidence items one entry holds in one document: what its anchors there resolve from.
ClaimGroup = list[_Claim]


def claims_by_document(registry: Registry) -> dict[str, list[ClaimGroup]]:
    """The registry's evidence items by the document they name, one group per entry in
    registry order: an anchor resolves within its own document and its entry only, so each
    document's groups resolve (``resolve_document``) as ``resolve_evidence`` resolves them."""
    by_doc: dict[str, list[ClaimGroup]] = {}
    for entry in _entries_with_evidence(registry):
        groups: dict[str, ClaimGroup] = {}
        for claim in _claims(entry):
            groups.setdefault(claim[1].doc, []).append(claim)
        for doc, group in groups.items():
            by_doc.setdefault(doc, []).append(group)
    return by_doc


def group_anchors(groups: list[ClaimGroup]) -> list[list[tuple[str, str]]]:
    """What the resolution of ``groups`` depends on besides the document: (owner, anchor)s
    per entry (not the file and line, which only name an entry in an error)."""
    return [[(owner, evidence.anchor) for owner, evidence, _ in group] for group in groups]


def resolve_document(document: Document, groups: list[ClaimGroup]) -> list[tuple[str, Resolved]]:
    """The anchors of ``groups`` (one document's, ``claims_by_document``) resolved to its
    passages; raises RegistryError at the first that is missing."""
    documents = {document.entry.id: document}
    return [placed for group in groups for placed in _placed(group, documents)]


#: The most missing anchors one error lists; the rest are counted.
MAX_LISTED_ANCHORS = 100


def _every_one(missing: list[RegistryError]) -> RegistryError:
    """One error naming every anchor not found, not only the first: a changed sentence is
    often cited by many entries, and fixing them one load at a time is a loop."""
    first, rest = missing[0], missing[1:]
    if not rest:
        return first
    listed = "; ".join(str(error) for error in rest[:MAX_LISTED_ANCHORS])
    beyond = len(rest) - MAX_LISTED_ANCHORS
    more = f"; and {beyond} more" if beyond > 0 else ""
    return RegistryError(
        first.file,
        f"{first.reason} (and {len(rest)} more anchors not found: {listed}{more})",
        first.line,
    )


def prop_evidence(index: EvidenceIndex, entity: EntitySpec) -> list[tuple[str, Resolved]]:
    """An entity's property evidence, resolved: (property, anchor found) in registry order."""
    return [
        (prop, resolved)
        for prop, items in entity.props_evidence.items()
        for resolved in index.all(prop_owner(entity.id, prop), items)
    ]


def _nearest(doc: str, passages: list[Passage], fixed: set[tuple[str, int]]) -> Passage:
    anchors = [ordinal for d, ordinal in fixed if d == doc]
    if len(passages) == 1 or not anchors:
        return passages[0]
    return min(passages, key=lambda p: (min(abs(p.ordinal - a) for a in anchors), p.ordinal))


# --- finding an anchor in a document ------------------------------------------------------


def find_anchor(doc: Document, anchor: str) -> Passage | None:
    """The passage holding the first occurrence of ``anchor`` (exact, whitespace folded).

    Anchors are quoted from within one raw line, which cleaning never splits; the only place an
    anchor can cross passages is a sentence end inside a block that was too long, and there the
    passage where it begins is returned.
    """
    needle = fold(anchor)
    index = doc.cleaned.find(needle) if needle else -1
    if index < 0:
        return None
    return next((p for p in doc.passages if index < p.end), None)


def count_anchor(doc: Document, anchor: str) -> int:
    """How often ``anchor`` occurs in the cleaned text, so callers can warn when it is ambiguous."""
    needle = fold(anchor)
    return doc.cleaned.count(needle) if needle else 0


def anchor_passages(doc: Document, anchor: str) -> list[Passage]:
    """Every passage where ``anchor`` begins, in document order (none when it is absent)."""
    needle = fold(anchor)
    found: list[Passage] = []
    at = doc.cleaned.find(needle) if needle else -1
    while at >= 0:
        passage = next((p for p in doc.passages if at < p.end), None)
        if passage is not None and passage not in found:
            found.append(passage)
        at = doc.cleaned.find(needle, at + 1)
    return found
