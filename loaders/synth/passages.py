"""What each synthetic passage says: its text, the facts it states and the entities it names.

A document per scale unit holds one passage per city, organisation, project and publication
of that unit, in that order. The generator writes each passage itself, so it knows which
passage states each fact and which entities it names, where the corpus loader finds out by
cleaning text, resolving anchors and matching names. Inferred facts come from the corpus's
own ``infer()``, run per project over its consortium and where the members are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kgraph.ontology import EntitySpec, FactSpec
from loaders.build.inference import InferredFact, infer
from loaders.synth.entities import Entity, Landscape, spec
from loaders.synth.words import (
    COUNTRIES,
    NETWORKS,
    PER_UNIT,
    PROGRAMMES,
    ROLES,
    STAGES,
    TOPICS,
    rng,
)

#: A stated fact: subject, predicate, object, properties, and the passage text it is read from.
Fact = tuple[str, str, str, dict[str, Any], str]


@dataclass(frozen=True)
class Statement:
    """One passage of a synthetic document and the facts it states."""

    text: str
    facts: list[Fact]
    named: list[str]  # entity ids the passage names, for MENTIONS
    #: what the corpus's inference would add, with the passage ids of its premises elsewhere
    inferred: list[tuple[InferredFact, list[str]]] = dataclasses.field(default_factory=list)


def statements(land: Landscape, unit: int, *, with_inferred: bool = True) -> Iterator[Statement]:
    """The passages of document ``unit``: its share of cities, organisations, projects
    and publications, each with the facts it states (and, ``with_inferred``, what the
    inference adds: the costliest part, which the passages' nodes do not need)."""
    names = land.names
    per = PER_UNIT
    for i in range(unit * per["cities"], (unit + 1) * per["cities"]):
        yield _city_statement(land, i, names)
    for i in range(unit * per["orgs"], (unit + 1) * per["orgs"]):
        yield _org_statement(land, i, names)
    for i in range(unit * per["projects"], (unit + 1) * per["projects"]):
        yield _project_statement(land, i, names, with_inferred)
    for i in range(unit * per["publications"], (unit + 1) * per["publications"]):
        yield _publication_statement(land, i, names)


def _city_statement(land: Landscape, i: int, names: dict[str, str]) -> Statement:
    stream = rng(land.seed, "city-facts", i)
    city = land.city_entity(i)
    country = f"country:synth-{stream.randrange(COUNTRIES)}"
    topics = stream.sample(range(TOPICS), 3)
    stage = f"stage:synth-{stream.randrange(len(STAGES))}"
    text = (
        f"{city.name} lies in {names[country]}. Its battery specialisations are "
        + ", ".join(names[f"topic:synth-{t}"] for t in topics)
        + f", and it works on {names[stage]}."
    )
    facts: list[Fact] = [(city.id, "LOCATED_IN", country, {}, names[country])]
    facts += [
        (city.id, "SPECIALISES_IN", f"topic:synth-{t}", {}, names[f"topic:synth-{t}"])
        for t in topics
    ]
    facts.append((city.id, "COVERS_STAGE", stage, {}, names[stage]))
    return Statement(text, facts, [city.id, country, stage, *[f"topic:synth-{t}" for t in topics]])


def _org_statement(land: Landscape, i: int, names: dict[str, str]) -> Statement:
    stream = rng(land.seed, "org-facts", i)
    org = land.org_entity(i)
    city = land.city_entity(land.org_city(i))
    topics = stream.sample(range(TOPICS), 2)
    stage = f"stage:synth-{stream.randrange(len(STAGES))}"
    staff = [p for p in range(i * 100 // 60, (i + 1) * 100 // 60)] if land.n["people"] else []
    staff = [p for p in staff if p < land.n["people"]]
    facts: list[Fact] = [
        (org.id, "LOCATED_IN", city.id, {}, city.name),
        *[
            (org.id, "SPECIALISES_IN", f"topic:synth-{t}", {}, names[f"topic:synth-{t}"])
            for t in topics
        ],
        (org.id, "COVERS_STAGE", stage, {}, names[stage]),
    ]
    text = (
        f"{org.name} in {city.name} works on "
        + " and ".join(names[f"topic:synth-{t}"] for t in topics)
        + f" at the {names[stage]} stage."
    )
    named = [org.id, city.id, stage, *[f"topic:synth-{t}" for t in topics]]
    if stream.random() < 0.3:
        network = f"network:synth-{stream.randrange(NETWORKS)}"
        facts.append((org.id, "MEMBER_OF", network, {}, names[network]))
        text += f" It is a member of {names[network]}."
        named.append(network)
    if staff:
        people = [land.person_entity(p) for p in staff]
        text += " Staff: " + "; ".join(f"{p.name}, {p.props['title']}" for p in people) + "."
        facts += [
            (p.id, "AFFILIATED_WITH", org.id, {"title": p.props["title"]}, p.name) for p in people
        ]
        named += [p.id for p in people]
    return Statement(text, facts, named)


def _project_statement(
    land: Landscape, i: int, names: dict[str, str], with_inferred: bool
) -> Statement:
    stream = rng(land.seed, "project-facts", i)
    project = land.project_entity(i)
    members = land.consortium(i)
    funder = land.org_entity(stream.choice(land.funders))
    programme = f"programme:synth-{stream.randrange(PROGRAMMES)}"
    topics = stream.sample(range(TOPICS), stream.randint(2, 4))
    stages = stream.sample(range(len(STAGES)), stream.randint(1, 2))
    grant = int(project.props["budget_eur"] * stream.uniform(0.4, 0.8))
    start, end = project.props["start"], project.props["end"]
    orgs = [land.org_entity(m) for m in members]
    text = (
        f"{project.name} ({start} to {end}) is coordinated by {orgs[0].name} with "
        + ", ".join(o.name for o in orgs[1:])
        + f". {funder.name} funds it with EUR {grant} from {names[programme]}. "
        + "It addresses "
        + ", ".join(names[f"topic:synth-{t}"] for t in topics)
        + " and covers "
        + ", ".join(names[f"stage:synth-{s}"] for s in stages)
        + "."
    )
    period = {"valid_from": start, "valid_to": end}
    facts: list[Fact] = [
        (
            o.id,
            "PARTICIPATES_IN",
            project.id,
            {"role": "coordinator" if n == 0 else stream.choice(ROLES), **period},
            o.name,
        )
        for n, o in enumerate(orgs)
    ]
    facts += [
        (project.id, "FUNDED_BY", funder.id, {"amount_eur": grant, "programme": programme},
         funder.name),
        (project.id, "PART_OF_PROGRAMME", programme, {}, names[programme]),
        *[
            (project.id, "ADDRESSES_TOPIC", f"topic:synth-{t}", {}, names[f"topic:synth-{t}"])
            for t in topics
        ],
        *[
            (project.id, "COVERS_STAGE", f"stage:synth-{s}", {}, names[f"stage:synth-{s}"])
            for s in stages
        ],
    ]  # fmt: skip
    named = [
        project.id,
        funder.id,
        programme,
        *[o.id for o in orgs],
        *[f"topic:synth-{t}" for t in topics],
        *[f"stage:synth-{s}" for s in stages],
    ]
    inferred = _participation_inferred(land, project, facts, members) if with_inferred else []
    return Statement(text, facts, list(dict.fromkeys(named)), inferred)


def _fact(s: str, p: str, o: str, props: dict[str, Any]) -> FactSpec:
    """The registry model of a stated synthetic fact, its period as dates, as infer() takes it."""
    start, end = props.get("valid_from"), props.get("valid_to")
    return FactSpec.model_construct(
        id=None, s=s, p=p, o=o, evidence=[],
        props={k: v for k, v in props.items() if k not in ("valid_from", "valid_to")},
        valid_from=dt.date.fromisoformat(start) if start else None,
        valid_to=dt.date.fromisoformat(end) if end else None,
    )  # fmt: skip


def _participation_inferred(
    land: Landscape, project: Entity, facts: list[Fact], members: list[int]
) -> list[tuple[InferredFact, list[str]]]:
    """What ``infer()`` derives from a project's consortium and where its members are.

    The rules run per project (its PARTICIPATES_IN facts and each member's LOCATED_IN),
    not over the whole synthetic set: every premise of a derived participation is in
    the project's chunk, so the result is the same and the stream stays lazy. Only
    ``city_participates_via_organisation`` fires: the other rules need corpus topics and
    network hierarchies the generator does not make.
    """
    located: list[FactSpec] = []
    entities: dict[str, EntitySpec] = {project.id: spec(project)}
    premises: dict[str, list[str]] = {}
    for org_index in members:
        org, city = land.org_entity(org_index), land.city_entity(land.org_city(org_index))
        for entity in (org, city):
            entities[entity.id] = land.memo_spec(entity)
        located.append(land.memo_fact(org.id, "LOCATED_IN", city.id, _fact))
        premises.setdefault(city.id, []).append(land.org_passage(org_index))
    parts = [_fact(s, p, o, props) for s, p, o, props, _ in facts if p == "PARTICIPATES_IN"]
    inferred = infer([*parts, *located], entities)
    by_city = sorted(inferred, key=lambda f: f.s)
    return [(fact, premises[fact.s]) for fact in by_city]


def _publication_statement(land: Landscape, i: int, names: dict[str, str]) -> Statement:
    stream = rng(land.seed, "pub-facts", i)
    pub = land.publication_entity(i)
    people = land.n["people"]
    authors = [
        land.person_entity(a)
        for a in stream.sample(range(people), min(people, stream.randint(2, 7)))
    ]
    topic = f"topic:synth-{stream.randrange(TOPICS)}"
    text = (
        f"{', '.join(a.name for a in authors)}: {pub.name}. "
        f"DOI {pub.props['doi']}, {pub.props['year']}; on {names[topic]}."
    )
    facts: list[Fact] = [
        (a.id, "AUTHORED", pub.id, {"position": n + 1}, a.name) for n, a in enumerate(authors)
    ]
    facts.append((pub.id, "ADDRESSES_TOPIC", topic, {}, names[topic]))
    return Statement(text, facts, [pub.id, topic, *[a.id for a in authors]])
