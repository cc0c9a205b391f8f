"""Leave one document out: how much of what curation holds the extractor finds by itself.

For each document D: hide the entities only D refers to (named in it by the matcher, cited
by evidence in it, or an end of a fact stated in it, and in no other document) and every fact
with evidence in D; extract D against what is left; compare with the curated registry.

* Entities, of the named kinds the extractor proposes (TARGET_TYPES): *linked* (the registry
  still holds it) and *new* (hidden: it must be proposed). A proposed entity is correct when
  its name or an alias is a name of a hidden entity of the same type (matched by the one
  matcher, so any Finnish case), or its DOI is the hidden publication's.
* Facts of the predicates the rules cover (TARGET_PREDICATES), compared by subject,
  predicate and object once proposed ids are mapped to the curated ones.

The patterns learned from curation (``loaders.extract.induce``) that D is extracted with are
learned from the other documents only: D's own anchors never teach what is used on it, nor
measure it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import cast, get_args

from kgraph.names.matcher import EntityNames, MentionIndex
from kgraph.ontology import EntitySpec, EntityType, FactSpec, Language
from loaders.build.mentions import find_in_documents
from loaders.extract.calibration import Calibration, Measured
from loaders.extract.induce import Views, induce
from loaders.extract.learned import PREFIX, LearnedPatterns
from loaders.extract.linking import Linker
from loaders.extract.nlp import Pipelines
from loaders.proposals.files import Proposals
from loaders.proposals.run import extract_one
from loaders.sources.corpus import Document
from loaders.sources.names import name_index
from loaders.sources.registry import Registry

#: The kinds curators name by hand (concepts, strategies, rankings); the extractor proposes
#: every other kind of the ontology, and those are the ones measured.
_NOT_PROPOSED = frozenset({"ValueChainStage", "Topic", "Strategy", "Ranking"})
TARGET_TYPES: tuple[str, ...] = tuple(t for t in get_args(EntityType) if t not in _NOT_PROPOSED)
TARGET_PREDICATES = (
    "PARTICIPATES_IN",
    "COORDINATES",
    "FUNDED_BY",
    "PART_OF_PROGRAMME",
    "RELATED_TO:prepares_proposal_for",
    "MEMBER_OF",
    "LOCATED_IN",
    "AFFILIATED_WITH",
    "AUTHORED",
    "SPECIALISES_IN",
)


@dataclass
class Tally:
    """True positives, proposed and expected counts, by a label (type or predicate)."""

    tp: Counter[str] = field(default_factory=Counter)
    proposed: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.tp.update(other.tp)
        self.proposed.update(other.proposed)
        self.expected.update(other.expected)

    def pr(self, label: str | None = None) -> tuple[float, float, int, int, int]:
        tp = self.tp[label] if label else sum(self.tp.values())
        pro = self.proposed[label] if label else sum(self.proposed.values())
        exp = self.expected[label] if label else sum(self.expected.values())
        return (tp / pro if pro else 1.0, tp / exp if exp else 1.0, tp, pro, exp)


@dataclass
class Outcome:
    doc: str
    linked: Tally
    new: Tally
    facts: Tally
    #: By rule, as ``<language>:<rule id>``: new entities and facts proposed, and how many of
    #: them were right (what ``scripts/calibrate_rules.py`` turns into confidences).
    rules: Tally = field(default_factory=Tally)
    #: The same for the learned patterns (their confidence is measured by the learner).
    learned: Tally = field(default_factory=Tally)
    #: Facts curation states from the document that were not proposed, and proposed facts it
    #: does not state, as (subject, predicate, object) with curated ids where mapped.
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)
    #: Hidden entities not proposed, as (type, id, name), and proposed new entities that are
    #: none of them (or a second proposal of one), as (type, name, rule).
    missed_entities: list[tuple[str, str, str]] = field(default_factory=list)
    wrong_entities: list[tuple[str, str, str]] = field(default_factory=list)


def predicate_of(fact: FactSpec) -> str:
    if fact.p == "RELATED_TO" and fact.props.get("relation") in {
        "prepares_proposal_for",
        "aims_to_prepare_proposals_for",
    }:
        return "RELATED_TO:prepares_proposal_for"
    return fact.p


def docs_of(registry: Registry, documents: list[Document]) -> dict[str, set[str]]:
    """Each entity -> the documents that name it, cite it, or state a fact about it."""
    found: dict[str, set[str]] = {e.item.id: set() for e in registry.entities}
    passages = {p.id: d.entry.id for d in documents for p in d.passages}
    for mention in find_in_documents(name_index(registry), documents):
        found[mention.entity_id].add(passages[mention.passage_id or ""])
    for entity in registry.entities:
        found[entity.item.id].update(e.doc for e in entity.item.evidence)
    for fact in registry.facts:
        for e in fact.item.evidence:
            found[fact.item.s].add(e.doc)
            found[fact.item.o].add(e.doc)
    return found


def hide(registry: Registry, doc: str, hidden: set[str]) -> Registry:
    """The registry less ``hidden`` entities and every fact with evidence in ``doc``."""
    return Registry(
        entities=[e for e in registry.entities if e.item.id not in hidden],
        facts=[
            f
            for f in registry.facts
            if all(e.doc != doc for e in f.item.evidence)
            and f.item.s not in hidden
            and f.item.o not in hidden
        ],
        identities=[
            i for i in registry.identities if not set(i.item.same or i.item.distinct or []) & hidden
        ],
    )


def leave_one_out(
    registry: Registry,
    documents: list[Document],
    pipelines: Pipelines,
    document: Document,
    learned: LearnedPatterns | None = None,
) -> Outcome:
    """Extract ``document`` with what only it names hidden and with ``learned`` patterns (by
    default those the other documents teach); compare with curation."""
    doc = document.entry.id
    if learned is None:
        learned = learned_without(registry, documents, pipelines, frozenset({doc}))
    where = docs_of(registry, documents)
    by_id = registry.by_id()
    about = {e for e, docs in where.items() if doc in docs}
    hidden = {e for e in about if where[e] == {doc}}
    linker = Linker.from_registry(hide(registry, doc, hidden))
    proposals = extract_one(document, linker, pipelines, learned=learned)
    mapping = map_new(proposals, [by_id[e] for e in hidden])
    rules, learned_rules = _rule_tally(proposals, registry, document, mapping)
    facts, missed, wrong = _fact_tally(proposals, registry, doc, mapping)
    return Outcome(
        doc,
        *_entity_tallies(proposals, about, hidden, mapping, by_id),
        facts,
        rules,
        learned_rules,
        missed,
        wrong,
        *_entity_misses(proposals, hidden, mapping, by_id),
    )


_views: list[tuple[Registry, list[Document], Pipelines, Views]] = []


def learned_without(
    registry: Registry, documents: list[Document], pipelines: Pipelines, exclude: frozenset[str]
) -> LearnedPatterns:
    """The patterns the registry's anchors teach, the ``exclude`` documents' left out (the
    corpus parsed and linked once per registry, documents and pipelines)."""
    views = next(
        (v for r, d, p, v in _views if r is registry and d is documents and p is pipelines), None
    )
    if views is None:
        views = Views.of(documents, Linker.from_registry(registry), pipelines)
        _views[:] = [(registry, documents, pipelines, views)]
    return induce(registry, documents, pipelines, exclude, views)


def map_new(proposals: Proposals, hidden: list[EntitySpec]) -> dict[str, str]:
    """Proposed id -> the hidden curated entity it is (same type, a shared name or DOI)."""
    index = MentionIndex(EntityNames(entity_id=e.id, names=e.all_names()) for e in hidden)
    types = {e.id: e.type for e in hidden}
    dois = {e.props.get("doi"): e.id for e in hidden if e.props.get("doi")}
    mapping: dict[str, str] = {}
    # The matcher reads words, and leaves out a name's punctuation at its end or inside
    # ("Battery 2030+", "Winning in ecosystems: What is the value for me?"): a name written
    # exactly as curation writes it is that entity too.
    exact = {(e.type, _folded(n)): e.id for e in hidden for n in e.all_names()}
    for entity in proposals.entities:
        if entity.props.get("doi") in dois:
            mapping[entity.id] = dois[entity.props.get("doi")]
            continue
        same = [exact[k] for n in entity.all_names() if (k := (entity.type, _folded(n))) in exact]
        if same:
            mapping[entity.id] = same[0]
            continue
        for name in entity.all_names():
            whole = [
                m.entity_id
                for m in index.find(name, language="fi")
                if m.start == 0 and m.end == len(name) and types[m.entity_id] == entity.type
            ]
            if whole:
                mapping[entity.id] = sorted(whole)[0]
                break
    return mapping


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _entity_tallies(
    proposals: Proposals,
    about: set[str],
    hidden: set[str],
    mapping: dict[str, str],
    by_id: dict[str, EntitySpec],
) -> tuple[Tally, Tally]:
    linked, new = Tally(), Tally()
    proposed = {e.id for e in proposals.entities}
    linked_ids = {link.entity for link in proposals.links} | {
        x for f in proposals.facts for x in (f.s, f.o) if x in by_id and x not in proposed
    }
    for entity_id in about:
        kind = by_id[entity_id].type
        if kind in TARGET_TYPES:
            (new if entity_id in hidden else linked).expected[kind] += 1
    for entity_id in linked_ids:
        kind = by_id[entity_id].type
        if kind in TARGET_TYPES:
            linked.proposed[kind] += 1
            linked.tp[kind] += entity_id in about and entity_id not in hidden
    seen: set[str] = set()
    for entity in proposals.entities:
        new.proposed[entity.type] += 1
        target = mapping.get(entity.id)
        if target is not None and target not in seen:
            new.tp[entity.type] += 1
            seen.add(target)
    return linked, new


Triple = tuple[str, str, str]


def _entity_misses(
    proposals: Proposals, hidden: set[str], mapping: dict[str, str], by_id: dict[str, EntitySpec]
) -> tuple[list[Triple], list[Triple]]:
    found: set[str] = set()
    wrong: list[Triple] = []
    for entity in proposals.entities:
        target = mapping.get(entity.id)
        if target is None or target in found:
            wrong.append((entity.type, entity.name, entity.rule))
        else:
            found.add(target)
    missed = [
        (by_id[e].type, e, by_id[e].name) for e in hidden - found if by_id[e].type in TARGET_TYPES
    ]
    return sorted(missed), sorted(wrong)


def _fact_tally(
    proposals: Proposals, registry: Registry, doc: str, mapping: dict[str, str]
) -> tuple[Tally, list[Triple], list[Triple]]:
    tally = Tally()
    truth = {
        (f.item.s, predicate_of(f.item), f.item.o)
        for f in registry.facts
        if any(e.doc == doc for e in f.item.evidence)
    }
    truth = {t for t in truth if t[1] in TARGET_PREDICATES}
    for _, p, _ in truth:
        tally.expected[p] += 1
    found = {
        (mapping.get(f.s, f.s), predicate_of(f), mapping.get(f.o, f.o)) for f in proposals.facts
    }
    for s, p, o in found:
        tally.proposed[p] += 1
        tally.tp[p] += (s, p, o) in truth
    return tally, sorted(truth - found), sorted(found - truth)


def _rule_tally(
    proposals: Proposals, registry: Registry, document: Document, mapping: dict[str, str]
) -> tuple[Tally, Tally]:
    """Each rule's new entities (right when they map to a hidden entity, once) and facts of
    the measured predicates (right when curation states them from this document); the hand
    rules' and the learned patterns' apart."""
    tally, learned = Tally(), Tally()
    language = document.entry.language
    seen: set[str] = set()
    for entity in proposals.entities:
        if entity.type not in TARGET_TYPES:
            continue
        label = f"{language}:{entity.rule}"
        tally.proposed[label] += 1
        target = mapping.get(entity.id)
        if target is not None and target not in seen:
            tally.tp[label] += 1
            seen.add(target)
    truth = {
        (f.item.s, predicate_of(f.item), f.item.o)
        for f in registry.facts
        if any(e.doc == document.entry.id for e in f.item.evidence)
    }
    for fact in proposals.facts:
        key = (mapping.get(fact.s, fact.s), predicate_of(fact), mapping.get(fact.o, fact.o))
        if key[1] in TARGET_PREDICATES:
            label = f"{language}:{fact.rule}"
            into = learned if fact.rule.startswith(PREFIX) else tally
            into.proposed[label] += 1
            into.tp[label] += key in truth
    return tally, learned


def calibration_of(outcomes: list[Outcome]) -> Calibration:
    """What each rule proposed over ``outcomes`` and how much of it was right: the data of
    ``loaders/extract/calibration.yaml``."""
    rules = Tally()
    for outcome in outcomes:
        rules.add(outcome.rules)
    by_language: dict[Language, dict[str, Measured]] = {}
    for label, proposed in sorted(rules.proposed.items()):
        language, rule = label.split(":", 1)
        by_language.setdefault(cast(Language, language), {})[rule] = Measured(
            right=rules.tp[label], proposed=proposed
        )
    return Calibration(
        measured_on=f"leave one document out on the corpus ({len(outcomes)} documents)",
        rules=by_language,
    )
