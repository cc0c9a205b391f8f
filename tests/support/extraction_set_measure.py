"""The extractor on the team's own documents (``tests/support/extraction_set.py``), scored.

A document is extracted against the whole curated registry, as `kgraph extract` does. Then:

* **Entities** of the kinds the extractor proposes (``TARGET_TYPES``): the new entities it
  proposes and the registry's entities it links (by a link or as the end of a fact). One is
  correct when one of its names is, in full and in any Finnish case form, a name of an expected
  entity of the same type; a second proposal for an entity already found is wrong (one entity
  per thing). Recall: the expected entities found.
* **Facts**: each proposed fact, its ends mapped to the expected entities as above, is correct
  when the file expects it (``predicate_of`` names a kind of RELATED_TO).
* **Traps**: a proposed fact that is a trap fact; a new entity whose name lies within the text
  of a trap name (a navigation line, a page header).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kgraph.names.matcher import EntityNames, MentionIndex
from kgraph.ontology import names_of
from loaders.extract.linking import Linker
from loaders.extract.nlp import Pipelines
from loaders.proposals.files import Proposals
from loaders.proposals.run import extract_one
from loaders.sources.registry import Registry
from tests.support.extract_measure import TARGET_TYPES, Tally, predicate_of
from tests.support.extraction_set import Expected, SetDocument


@dataclass
class Scored:
    """One document's figures, and what was missed, proposed wrongly, or fell into a trap."""

    doc: str
    entities: Tally = field(default_factory=Tally)
    facts: Tally = field(default_factory=Tally)
    missed_entities: list[str] = field(default_factory=list)
    wrong_entities: list[str] = field(default_factory=list)
    missed_facts: list[str] = field(default_factory=list)
    wrong_facts: list[str] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)


def score_set(
    documents: list[SetDocument], registry: Registry, pipelines: Pipelines
) -> list[Scored]:
    linker = Linker.from_registry(registry)
    return [score(d, extract_one(d.document, linker, pipelines), registry) for d in documents]


def score(item: SetDocument, proposals: Proposals, registry: Registry) -> Scored:
    """The figures of one document's proposals against its expectations."""
    expected = item.expected
    scored = Scored(item.id)
    candidates = _candidates(proposals, registry)
    mapping = _map(candidates, expected)
    _entities(scored, expected, candidates, mapping)
    _facts(scored, expected, proposals, mapping)
    for entity in proposals.entities:
        for trap in expected.traps.names:
            if any(n.casefold() in trap.within.casefold() for n in entity.all_names()):
                scored.traps.append(f"{entity.type} '{entity.name}' ({trap.why})")
    return scored


@dataclass(frozen=True)
class _Candidate:
    id: str
    type: str
    names: tuple[str, ...]


def _candidates(proposals: Proposals, registry: Registry) -> list[_Candidate]:
    """The new entities proposed and the registry's entities linked or at a fact's end."""
    found = [_Candidate(e.id, e.type, tuple(e.all_names())) for e in proposals.entities]
    proposed = {e.id for e in proposals.entities}
    by_id = registry.by_id()
    linked = {link.entity for link in proposals.links}
    linked |= {x for f in proposals.facts for x in (f.s, f.o) if x not in proposed}
    for entity_id in sorted(linked):
        spec = by_id[entity_id]
        names = names_of(spec.name, spec.name_fi, spec.name_sv, spec.aliases)
        found.append(_Candidate(entity_id, spec.type, tuple(names)))
    return found


def _map(candidates: list[_Candidate], expected: Expected) -> dict[str, str]:
    """Candidate id -> the name of the expected entity it is (same type, a whole name)."""
    index = MentionIndex(
        EntityNames(entity_id=e.name, names=list(e.names)) for e in expected.entities
    )
    types = {e.name: e.type for e in expected.entities}
    mapping: dict[str, str] = {}
    for candidate in candidates:
        for name in candidate.names:
            whole = sorted(
                m.entity_id
                for m in index.find(name, language="fi")
                if m.start == 0 and m.end == len(name) and types[m.entity_id] == candidate.type
            )
            if whole:
                mapping[candidate.id] = whole[0]
                break
    return mapping


def _entities(
    scored: Scored, expected: Expected, candidates: list[_Candidate], mapping: dict[str, str]
) -> None:
    tally = scored.entities
    targets = [e for e in expected.entities if e.type in TARGET_TYPES]
    for entity in targets:
        tally.expected[entity.type] += 1
    seen: set[str] = set()
    for candidate in candidates:
        if candidate.type not in TARGET_TYPES:
            continue
        tally.proposed[candidate.type] += 1
        target = mapping.get(candidate.id)
        if target is not None and target not in seen:
            tally.tp[candidate.type] += 1
            seen.add(target)
        else:
            again = " (again)" if target is not None else ""
            scored.wrong_entities.append(f"{candidate.type} '{candidate.names[0]}'{again}")
    scored.missed_entities = [f"{e.type} '{e.name}'" for e in targets if e.name not in seen]


def _facts(
    scored: Scored, expected: Expected, proposals: Proposals, mapping: dict[str, str]
) -> None:
    tally = scored.facts
    truth = {f.triple for f in expected.facts}
    traps = {f.triple: f.why for f in expected.traps.facts}
    for _, p, _ in truth:
        tally.expected[p] += 1
    found: set[tuple[str, str, str]] = set()
    for fact in proposals.facts:
        triple = (mapping.get(fact.s, fact.s), predicate_of(fact), mapping.get(fact.o, fact.o))
        if triple in found:
            continue
        found.add(triple)
        tally.proposed[triple[1]] += 1
        if triple in truth:
            tally.tp[triple[1]] += 1
        else:
            scored.wrong_facts.append(" ".join(triple))
        if triple in traps:
            scored.traps.append(f"{' '.join(triple)} ({traps[triple]})")
    scored.missed_facts = [" ".join(t) for t in sorted(truth - found)]
