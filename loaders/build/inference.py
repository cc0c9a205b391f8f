"""Inference rules: facts the graph derives from stated ones. All of them live here.

Each inferred fact carries the rule's name and the keys of the stated facts it stands on,
so an answer can say "inferred by covers_stage_via_topic from ..." and still point to the
passages behind its premises. A rule never re-states a fact that is already stated.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kgraph.ontology import EntitySpec, FactSpec, fact_key

#: Which value-chain stage a topic belongs to. Domain knowledge, read from the report's
#: description of the chain (doc 000, section 3.1: recycling goes with the circular economy,
#: chemicals with battery-chemical production, and so on).
TOPIC_STAGE: dict[str, tuple[str, ...]] = {
    # Recycling and reuse: "Suomessa panostetaan kiertotalousratkaisuihin".
    "topic:circular-economy": ("stage:recycling",),
    "topic:battery-recycling": ("stage:recycling",),
    "topic:mechanical-recycling": ("stage:recycling",),
    "topic:pyro-hydrometallurgy": ("stage:recycling",),
    # Chemicals: raw materials refined into battery-grade chemicals (sulfate-based processes,
    # separation and refining belong here).
    "topic:battery-chemicals-manufacturing": ("stage:chemicals",),
    "topic:battery-materials-refining": ("stage:chemicals",),
    "topic:sulfate-question": ("stage:chemicals",),
    "topic:sodium-sulphate": ("stage:chemicals",),
    "topic:separation-technologies": ("stage:chemicals",),
    # Cathode and anode materials: the specific stage and the combined one of the report.
    "topic:cathode-materials": ("stage:cathode-materials", "stage:cathode-anode-materials"),
    "topic:drx-cathodes": ("stage:cathode-materials", "stage:cathode-anode-materials"),
    "topic:anode-materials": ("stage:anode-materials", "stage:cathode-anode-materials"),
    "topic:silicon-carbon-anodes": ("stage:anode-materials", "stage:cathode-anode-materials"),
    "topic:biomass-electrode-materials": ("stage:anode-materials",
                                          "stage:cathode-anode-materials"),
    "topic:electrode-materials": ("stage:cathode-anode-materials",),
    # Cells.
    "topic:battery-cell-manufacturing": ("stage:cells",),
    "topic:battery-cell-testing": ("stage:cells",),
    # Raw materials: "Litium, nikkeli ja koboltti ... niiden louhinta ja jalostus".
    "topic:critical-raw-materials": ("stage:raw-materials",),
    "topic:technology-metals": ("stage:raw-materials",),
    "topic:battery-metals": ("stage:raw-materials",),
    "topic:mining": ("stage:raw-materials",),
}  # fmt: skip


@dataclass
class InferredFact:
    """A fact a rule derived, with the stated facts it stands on."""

    s: str
    p: str
    o: str
    rule: str
    derived_from: list[str] = field(default_factory=list)
    props: dict[str, str] = field(default_factory=dict)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @property
    def key(self) -> str:
        return fact_key(self.s, self.p, self.o, self.rule)


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    apply: Callable[[list[FactSpec], dict[str, EntitySpec]], Iterable[InferredFact]]


def _by_predicate(facts: list[FactSpec], predicate: str) -> list[FactSpec]:
    return [f for f in facts if f.p == predicate]


def _covers_stage_via_topic(
    facts: list[FactSpec], entities: dict[str, EntitySpec]
) -> Iterable[InferredFact]:
    for fact in [*_by_predicate(facts, "SPECIALISES_IN"), *_by_predicate(facts, "ADDRESSES_TOPIC")]:
        for stage in TOPIC_STAGE.get(fact.o, ()):
            if stage in entities:
                yield InferredFact(
                    fact.s, "COVERS_STAGE", stage, "covers_stage_via_topic", [fact.key],
                    props={"via": fact.o},
                    valid_from=fact.valid_from, valid_to=fact.valid_to,
                )  # fmt: skip


def _city_participates_via_organisation(
    facts: list[FactSpec], entities: dict[str, EntitySpec]
) -> Iterable[InferredFact]:
    cities: dict[str, list[FactSpec]] = defaultdict(list)
    for located in _by_predicate(facts, "LOCATED_IN"):
        target = entities.get(located.o)
        if target is not None and target.type == "City":
            cities[located.s].append(located)
    for part in _by_predicate(facts, "PARTICIPATES_IN"):
        subject = entities.get(part.s)
        if subject is None or subject.type != "Organisation":
            continue
        for located in cities.get(part.s, []):
            yield InferredFact(
                located.o, "PARTICIPATES_IN", part.o, "city_participates_via_organisation",
                [part.key, located.key],
                props={"role": "via_organisation", "via": part.s},
                valid_from=part.valid_from, valid_to=part.valid_to,
            )  # fmt: skip


def _member_of_parent_network(
    facts: list[FactSpec], entities: dict[str, EntitySpec]
) -> Iterable[InferredFact]:
    parents: dict[str, list[FactSpec]] = defaultdict(list)
    for part in _by_predicate(facts, "PART_OF"):
        child, parent = entities.get(part.s), entities.get(part.o)
        if child and parent and child.type == parent.type == "Network":
            parents[part.s].append(part)
    for member in _by_predicate(facts, "MEMBER_OF"):
        for part in parents.get(member.o, []):
            yield InferredFact(
                member.s, "MEMBER_OF", part.o, "member_of_parent_network",
                [member.key, part.key], props={"via": member.o},
            )  # fmt: skip


RULES: tuple[Rule, ...] = (
    Rule(
        "covers_stage_via_topic",
        "A city, organisation or project that specialises in or addresses a topic covers the "
        "value-chain stage that topic belongs to (TOPIC_STAGE).",
        _covers_stage_via_topic,
    ),
    Rule(
        "city_participates_via_organisation",
        "A city takes part in a project when an organisation located in it does.",
        _city_participates_via_organisation,
    ),
    Rule(
        "member_of_parent_network",
        "A member of a sub-network (e.g. an EERA joint programme) is a member of its parent.",
        _member_of_parent_network,
    ),
)


def infer(facts: list[FactSpec], entities: dict[str, EntitySpec]) -> list[InferredFact]:
    """Apply every rule once; merge duplicates; drop what is already stated."""
    stated = {(f.s, f.p, f.o) for f in facts}
    merged: dict[str, InferredFact] = {}
    for rule in RULES:
        for fact in rule.apply(facts, entities):
            if (fact.s, fact.p, fact.o) in stated or fact.s == fact.o:
                continue
            existing = merged.get(fact.key)
            if existing is None:
                merged[fact.key] = fact
            else:
                for premise in fact.derived_from:
                    if premise not in existing.derived_from:
                        existing.derived_from.append(premise)
    return sorted(merged.values(), key=lambda f: f.key)
