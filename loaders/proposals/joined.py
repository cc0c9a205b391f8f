"""Unreviewed proposals joined to a load: read, checked, verified, and kept below curation.

``kgraph load`` reads the proposals folder only when asked (``KGRAPH_LOAD_PROPOSALS``). Each
proposals file must be for a document of the manifest, read from its current bytes; what
review rejected is left out (``filter_rejected``); every anchor is verified by the evidence
code the registry uses, and a proposal whose anchor does not verify is refused with its file,
line and field. Where a proposal and the registry speak of the same entity or fact, the
registry wins, and when they disagree the disagreement is kept to be shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from kgraph.errors import RegistryError
from kgraph.ontology import EntitySpec, FactSpec
from loaders.proposals.files import (
    Proposals,
    ProposedEntity,
    ProposedFact,
    filter_rejected,
    read_proposals,
)
from loaders.sources.corpus import Document
from loaders.sources.evidence import EvidenceIndex, resolve_entries
from loaders.sources.registry import Located, Registry

DisagreementKind = Literal["entity_differs", "fact_differs", "proposals_differ"]


@dataclass(frozen=True)
class Disagreement:
    """A proposal that curation (or an earlier proposal) overrules, and both versions."""

    kind: DisagreementKind
    key: str
    doc: str
    where: str
    kept: dict[str, Any]
    proposed: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "doc": self.doc, "where": self.where,
                "kept": self.kept, "proposed": self.proposed}  # fmt: skip


@dataclass
class Extracted:
    """What the proposals add to a load, with their verified evidence."""

    entities: list[Located[ProposedEntity]] = field(default_factory=list)
    facts: list[Located[ProposedFact]] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    already_curated: int = 0
    rejected: int = 0
    files: int = 0


def _item_lines(path: Path) -> dict[str, list[int]]:
    """The line each item of ``entities`` and ``facts`` starts on (for error messages)."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    lines: dict[str, list[int]] = {"entities": [], "facts": []}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value in lines and isinstance(value, yaml.SequenceNode):
                lines[key.value] = [node.start_mark.line + 1 for node in value.value]
    return lines


def _entity_view(entity: EntitySpec) -> dict[str, Any]:
    return entity.model_dump(mode="json", include={"type", "name", "props"})


def _fact_view(fact: FactSpec) -> dict[str, Any]:
    return fact.model_dump(mode="json", include={"props", "valid_from", "valid_to"})


def _check_document(path: Path, proposals: Proposals, documents: dict[str, Document]) -> None:
    document = documents.get(proposals.doc)
    if document is None:
        raise RegistryError(str(path), f"doc: '{proposals.doc}' is not in the manifest")
    if document.raw_sha256 != proposals.doc_sha256:
        raise RegistryError(
            str(path),
            f"doc_sha256: the proposals were read from another version of {proposals.doc}; "
            "extract it again",
        )


class _Merger:
    """Proposals file by file, each item checked against the registry and earlier files."""

    def __init__(self, registry: Registry, documents: dict[str, Document]) -> None:
        self.documents = documents
        self.curated_entities = registry.by_id()
        self.curated_facts = {entry.item.key: entry.item for entry in registry.facts}
        self.entities: dict[str, Located[ProposedEntity]] = {}
        self.facts: dict[str, Located[ProposedFact]] = {}
        self.out = Extracted()

    def read(self, path: Path) -> tuple[Path, Proposals, Proposals, dict[str, list[int]]]:
        """One file: as written, without its rejections, and the lines of its items."""
        proposals = read_proposals(path)
        _check_document(path, proposals, self.documents)
        kept = filter_rejected(proposals)
        self.out.rejected += (len(proposals.entities) - len(kept.entities)) + (
            len(proposals.facts) - len(kept.facts)
        )
        self.out.files += 1
        return path, proposals, kept, _item_lines(path)

    def add_entities(self, read: tuple[Path, Proposals, Proposals, dict[str, list[int]]]) -> None:
        path, proposals, kept, lines = read
        for number, entity in enumerate(proposals.entities):
            if entity in kept.entities:
                self._entity(Located(entity, str(path), lines["entities"][number]), number, kept)

    def add_facts(self, read: tuple[Path, Proposals, Proposals, dict[str, list[int]]]) -> None:
        path, proposals, kept, lines = read
        for number, fact in enumerate(proposals.facts):
            if fact in kept.facts:
                self._fact(Located(fact, str(path), lines["facts"][number]), number, kept)

    def _disagree(self, kind: DisagreementKind, key: str, doc: str, where: str,
                  kept: dict[str, Any], proposed: dict[str, Any]) -> None:  # fmt: skip
        # The proposals file by name and line: answers over HTTP show no machine paths.
        shown = Path(where).name
        self.out.disagreements.append(Disagreement(kind, key, doc, shown, kept, proposed))

    def _entity(self, entry: Located[ProposedEntity], number: int, proposals: Proposals) -> None:
        entity = entry.item
        curated = self.curated_entities.get(entity.id)
        if curated is not None:
            if _entity_view(curated) != _entity_view(entity):
                self._disagree("entity_differs", entity.id, proposals.doc, entry.where,
                               _entity_view(curated), _entity_view(entity))  # fmt: skip
            else:
                self.out.already_curated += 1
            return
        earlier = self.entities.get(entity.id)
        if earlier is not None:
            if _entity_view(earlier.item) != _entity_view(entity):
                self._disagree("proposals_differ", entity.id, proposals.doc, entry.where,
                               _entity_view(earlier.item), _entity_view(entity))  # fmt: skip
            return
        _verify(entry, f"entities[{number}]", self.documents)
        self.entities[entity.id] = entry

    def _fact(self, entry: Located[ProposedFact], number: int, proposals: Proposals) -> None:
        fact = entry.item
        curated = self.curated_facts.get(fact.key)
        if curated is not None:
            if _fact_view(curated) != _fact_view(fact):
                self._disagree("fact_differs", fact.key, proposals.doc, entry.where,
                               _fact_view(curated), _fact_view(fact))  # fmt: skip
            else:
                self.out.already_curated += 1
            return
        for role, ref in (("s", fact.s), ("o", fact.o)):
            if ref not in self.curated_entities and ref not in self.entities:
                raise RegistryError(
                    entry.file,
                    f"facts[{number}].{role}: '{ref}' is neither in the registry nor proposed",
                    entry.line,
                )
        earlier = self.facts.get(fact.key)
        if earlier is not None and _fact_view(earlier.item) != _fact_view(fact):
            self._disagree("proposals_differ", fact.key, proposals.doc, entry.where,
                           _fact_view(earlier.item), _fact_view(fact))  # fmt: skip
            return
        _verify(entry, f"facts[{number}]", self.documents)
        if earlier is not None:
            entry = _corroborated(earlier, entry)
        self.facts[fact.key] = entry

    def finish(self) -> Extracted:
        self.out.entities = list(self.entities.values())
        self.out.facts = list(self.facts.values())
        return self.out


def _corroborated(
    first: Located[ProposedFact], more: Located[ProposedFact]
) -> Located[ProposedFact]:
    """One fact proposed for two documents, the same way: one fact with both evidences."""
    known = first.item.evidence
    added = [e for e in more.item.evidence if e not in known]
    places = (*[(first.file, first.line)] * len(known), *[(more.file, more.line)] * len(added))
    item = first.item.model_copy(update={"evidence": [*known, *added]})
    return Located(item, first.file, first.line, evidence_at=places)


def _verify(entry: Located[Any], field_name: str, documents: dict[str, Document]) -> None:
    """Check the entry's anchors now, so an error names the proposal's field."""
    try:
        resolve_entries([entry], documents)
    except RegistryError as error:
        raise RegistryError(
            error.file, f"{field_name}.evidence: {error.reason}", error.line
        ) from error


def proposal_files(folder: Path) -> list[Path]:
    """The proposals files of a folder, in name order (a missing folder holds none)."""
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def read_extracted(
    folder: Path, registry: Registry, documents: dict[str, Document], index: EvidenceIndex
) -> Extracted:
    """Every proposals file of ``folder``, checked and merged under curation; anchors into
    ``index``. Raises RegistryError naming the file, line and field of a bad proposal."""
    merger = _Merger(registry, documents)
    files = [merger.read(path) for path in proposal_files(folder)]
    for read in files:  # every file's entities first: a fact may name one proposed elsewhere
        merger.add_entities(read)
    for read in files:
        merger.add_facts(read)
    out = merger.finish()
    resolve_entries([*out.entities, *out.facts], documents, index)
    return out
