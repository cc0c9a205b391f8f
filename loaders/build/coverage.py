"""How much of the corpus the graph accounts for, honestly measured.

Scans every passage for names (capitalised words not at a sentence start, acronyms,
multi-word capitalised runs), DOIs, amounts of money and date ranges, and checks each
against the graph's input: an entity's name in any inflected form (the mention index), a
publication's DOI, an amount on a fact or entity, a fact's or project's dates. Whatever
is neither accounted for nor listed in ``omissions.yaml`` is reported as unexplained.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from kgraph.coverage import Coverage, Finding, FindingKind, NeverMentioned
from kgraph.names.matcher import Mention, MentionIndex
from kgraph.parse.amounts import find_amounts
from kgraph.parse.dates import find_periods
from loaders.sources.corpus import Document
from loaders.sources.names import name_index
from loaders.sources.registry import Registry

_NAME = re.compile(
    r"(?<![\w@/.])(?:[A-ZÅÄÖ][\w+&.-]*[\w+]|[A-ZÅÄÖ])"
    r"(?:\s+(?:[A-ZÅÄÖ][\w+&.-]*[\w+]|\d+\.\d+(?![.\d])))*"
)
_ACRONYM = re.compile(r"^[A-ZÅÄÖ0-9&.+-]{2,}$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:•\"“”(]\s*|\s[–-]\s|\d\)\s*)$")
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s,;]+[\w]")


def _known_amounts(registry: Registry) -> set[int]:
    amounts: set[int] = set()
    props: list[dict[str, Any]] = [e.item.props for e in registry.entities]
    props += [f.item.props for f in registry.facts]
    for bag in props:
        for key in ("amount_eur", "budget_eur", "grant_eur"):
            if isinstance(bag.get(key), int | float):
                amounts.add(round(bag[key]))
    return amounts


def _known_dates(registry: Registry) -> tuple[set[tuple[str, str]], set[tuple[int, int]]]:
    spans: set[tuple[str, str]] = set()
    years: set[tuple[int, int]] = set()
    for fact in registry.facts:
        if fact.item.valid_from and fact.item.valid_to:
            spans.add((fact.item.valid_from.isoformat(), fact.item.valid_to.isoformat()))
            years.add((fact.item.valid_from.year, fact.item.valid_to.year))
    for entity in registry.entities:
        p = entity.item.props
        if isinstance(p.get("start"), str) and isinstance(p.get("end"), str):
            spans.add((str(p["start"]), str(p["end"])))
            years.add((int(str(p["start"])[:4]), int(str(p["end"])[:4])))
        first, last = p.get("start_year"), p.get("end_year")
        if isinstance(first, int) and isinstance(last, int):
            years.add((first, last))
    return spans, years


def _names(text: str) -> Iterable[tuple[FindingKind, str]]:
    """(kind, surface) of the name-like runs of a passage."""
    lowered = text.lower()
    for match in _NAME.finditer(text):
        surface = match.group(0).rstrip(".-")
        if _ACRONYM.match(surface):
            yield "acronym", surface
            continue
        at_start = bool(_SENTENCE_START.search(text[: match.start()]))
        if at_start and " " not in surface and surface.lower() in lowered.replace(surface, ""):
            continue  # an ordinary word that starts a sentence
        if at_start and " " not in surface:
            continue
        yield "name", surface


def _omitted(surface: str, omissions: list[str]) -> bool:
    folded = surface.casefold()
    return any(o in folded or folded in o for o in omissions)


@dataclass
class DocumentCoverage:
    """One document's share of the report: what depends on that document and the registry only.

    A load records each document's share, so a load that re-reads one document measures that
    one and combines it with the others' recorded shares (``combine``), to the same report.
    """

    accounted: int = 0
    unexplained: list[Finding] = field(default_factory=list)
    explained_by_omission: list[Finding] = field(default_factory=list)
    #: Entities the document names (by the matcher, or by a title, venue or DOI).
    mentioned: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentCoverage:
        return cls(
            accounted=data["accounted"],
            unexplained=[Finding(**f) for f in data["unexplained"]],
            explained_by_omission=[Finding(**f) for f in data["explained_by_omission"]],
            mentioned=list(data["mentioned"]),
        )


class Scanner:
    """What the registry accounts for, gathered once, to judge the findings of each document."""

    def __init__(self, registry: Registry, index: MentionIndex | None = None) -> None:
        self._registry, self._index = registry, index
        self.omissions = [o.item.text.casefold() for o in registry.omissions]
        self.dois = {str(e.item.props.get("doi", "")).lower() for e in registry.entities}
        self.amounts = _known_amounts(registry)
        self.spans, self.year_spans = _known_dates(registry)
        # Words of titles and venues belong to their publication; a DOI or title names it. A
        # name-run inside a registered name (a title with "!" or ":" the matcher cannot span)
        # is accounted for by that entity.
        self.texts = {e.item.id: [str(e.item.props[k]) for k in ("title", "venue", "doi")
                                  if e.item.props.get(k)] for e in registry.entities}  # fmt: skip
        names = [n for e in registry.entities for n in e.item.all_names()]
        self.folded_texts = " | ".join(
            t.casefold() for t in [*names, *(v for values in self.texts.values() for v in values)]
        )

    @property
    def index(self) -> MentionIndex:
        """The registry's name index, built when first needed (a share is often measured
        from mentions already found, and the index is the costly part)."""
        if self._index is None:
            self._index = name_index(self._registry)
        return self._index

    def index_of(self) -> MentionIndex:
        """``index``, as a function (for work that may not need it)."""
        return self.index

    def digest(self) -> str:
        """Digest of all the scan knows of the registry besides the names' index: a share
        is the same while this, the index, the document and the code are."""
        known = [self.omissions, sorted(self.dois), sorted(self.amounts), sorted(self.spans),
                 sorted(self.year_spans), self.texts, self.folded_texts]  # fmt: skip
        return hashlib.sha256(json.dumps(known, sort_keys=True).encode()).hexdigest()

    def document(
        self, doc: Document, mentions: Mapping[str, list[Mention]] | None = None
    ) -> DocumentCoverage:
        """The document's share; ``mentions``: what the index finds in each passage, by
        passage id, when the caller has matched them already."""
        part = DocumentCoverage()
        mentioned: set[str] = set()

        def judge(finding: Finding, accounted: bool) -> None:
            if accounted:
                part.accounted += 1
            elif _omitted(finding.text, self.omissions):
                part.explained_by_omission.append(finding)
            else:
                part.unexplained.append(finding)

        for passage in doc.passages:
            found = (
                mentions[passage.id]
                if mentions is not None
                else self.index.find(passage.text, passage.id, language=doc.entry.language)
            )
            mentioned.update(m.entity_id for m in found)
            spans_hit = [(m.start, m.end) for m in found]
            folded_passage = passage.text.casefold()
            mentioned.update(
                entity for entity, values in self.texts.items()
                if any(v.casefold() in folded_passage for v in values)
            )  # fmt: skip
            for kind, surface in _names(passage.text):
                at = passage.text.find(surface)
                covered = any(s <= at < e or s < at + len(surface) <= e for s, e in spans_hit)
                covered = covered or surface.casefold() in self.folded_texts
                judge(Finding(kind, surface, passage.id), covered)
            for match in _DOI.finditer(passage.text):
                found_doi = match.group(0).lower() in self.dois
                judge(Finding("doi", match.group(0), passage.id), found_doi)
            for amount in find_amounts(passage.text):
                judge(Finding("amount", amount.text, passage.id), amount.eur in self.amounts)
            for period in find_periods(passage.text):
                if period.precision == "year":
                    years = (period.start.year, period.end.year)
                    judge(Finding("year_range", period.text, passage.id), years in self.year_spans)
                else:
                    span = (period.start.isoformat(), period.end.isoformat())
                    judge(Finding("date_range", period.text, passage.id), span in self.spans)
        part.mentioned = sorted(mentioned)
        return part


def measure_documents(
    documents: Iterable[Document],
    registry: Registry,
    index: MentionIndex | None = None,
    mentions: Mapping[str, list[Mention]] | None = None,
) -> dict[str, DocumentCoverage]:
    """Each document's share of the report, by document id (``index``: the registry's;
    ``mentions``: what it finds in each passage, when already matched)."""
    scanner = Scanner(registry, index)
    return {doc.entry.id: scanner.document(doc, mentions) for doc in documents}


def combine(parts: Iterable[DocumentCoverage], registry: Registry, anchors: int) -> Coverage:
    """The report of the documents whose shares are ``parts`` (in document order)."""
    accounted = 0
    unexplained: list[Finding] = []
    left_out: list[Finding] = []
    mentioned: set[str] = set()
    for part in parts:
        accounted += part.accounted
        unexplained += part.unexplained
        left_out += part.explained_by_omission
        mentioned.update(part.mentioned)
    backed = backed_entities(registry)
    never = sorted(e.item.id for e in registry.entities if e.item.id not in mentioned)
    unsourced = [f"{e.item.id}.{prop}" for e in registry.entities for prop in e.item.unsourced()]
    return Coverage(
        ok=not unexplained and not unsourced,
        accounted=accounted,
        explained_by_omission=left_out,
        unexplained=unexplained,
        anchors_verified=anchors,
        never_mentioned=[NeverMentioned(entity_id=e, backed=e in backed) for e in never],
        unsourced_values=unsourced,
    )


def measure(documents: list[Document], registry: Registry, anchors: int) -> Coverage:
    """Scan the corpus against the registry; nothing is read from or written to Neo4j."""
    return combine(measure_documents(documents, registry).values(), registry, anchors)


def backed_entities(registry: Registry) -> set[str]:
    """Entities a fact names or that carry evidence of their own."""
    backed = {f.item.s for f in registry.facts} | {f.item.o for f in registry.facts}
    return backed | {e.item.id for e in registry.entities if e.item.evidence}


def omissions(registry: Registry) -> list[dict[str, Any]]:
    """The registry's deliberate omissions as plain data, with where each is written."""
    return [
        {"text": o.item.text, "doc": o.item.doc, "reason": o.item.reason, "where": o.where}
        for o in registry.omissions
    ]
