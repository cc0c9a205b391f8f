"""Who exists in the synthetic ecosystem, and who relates to whom, derived from indexes alone.

A ``Landscape`` names every entity from its kind and index (``city:synth-3``), makes each one
from its own random stream, and says where organisations are, who funds and who forms each
project's consortium. It writes no passage: ``passages`` does, on top of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from kgraph.ontology import EntitySpec, EntityType, FactSpec
from loaders.sources.corpus import passage_id
from loaders.synth.words import (
    COUNTRIES,
    FIRST_NAMES,
    LAST_NAMES,
    NETWORKS,
    ORG_KINDS,
    PER_UNIT,
    PROGRAMMES,
    STAGES,
    START,
    TITLES,
    TOPICS,
    rng,
    word,
)

#: How each kind of organisation is named, around a made-up stem.
_ORG_NAMES = {
    "company": "{} Battery Oy",
    "university": "University of {}",
    "research_institute": "{} Research Institute",
    "university_of_applied_sciences": "{} University of Applied Sciences",
    "city_government": "City of {}",
    "development_agency": "{} Development",
    "funder": "{} Foundation",
    "education_provider": "{} Vocational College",
}


@dataclass(frozen=True)
class Entity:
    id: str
    type: EntityType
    name: str
    props: dict[str, Any]


def spec(entity: Entity) -> EntitySpec:
    """The registry model of a synthetic entity (built valid, so not validated again).

    Every field is given: for one left out, pydantic's ``model_construct`` calls its default
    factory through ``inspect.signature``, which cost 0.6 ms an entity (half of ``nodes()``).
    """
    return EntitySpec.model_construct(
        id=entity.id, type=entity.type, name=entity.name, name_fi=None, name_sv=None,
        aliases=[], props=entity.props, evidence=[], props_evidence={}, derived=[],
    )  # fmt: skip


class Landscape:
    """The entities for ``units`` and ``seed``, each made on demand."""

    def __init__(self, units: int, seed: int = 7) -> None:
        if units < 1:
            raise ValueError("units must be at least 1")
        self.units = units
        self.seed = seed
        self.n = {kind: per * units for kind, per in PER_UNIT.items()}
        self._memos: dict[str, dict[int, Entity]] = {}
        self._memos_of_specs: dict[str, EntitySpec] = {}  # organisations and cities, for infer()
        self._memos_of_facts: dict[tuple[str, str, str], FactSpec] = {}  # where organisations are
        self._org_cities: dict[int, int] = {}

    def _memo(self, kind: str, i: int, make: Callable[[int], Entity]) -> Entity:
        """Cities, organisations and people recur in many passages: made once each."""
        memo = self._memos.setdefault(kind, {})
        found = memo.get(i)
        if found is None:
            found = memo[i] = make(i)
        return found

    def memo_spec(self, entity: Entity) -> EntitySpec:
        """The registry model of an entity that recurs (organisations, cities), made once."""
        found = self._memos_of_specs.get(entity.id)
        if found is None:
            found = self._memos_of_specs[entity.id] = spec(entity)
        return found

    def memo_fact(
        self, s: str, p: str, o: str, make: Callable[[str, str, str, dict[str, Any]], FactSpec]
    ) -> FactSpec:
        """The registry model of a fact without properties that recurs (where each
        organisation is, a premise of every project it is in), made once."""
        found = self._memos_of_facts.get((s, p, o))
        if found is None:
            found = self._memos_of_facts[(s, p, o)] = make(s, p, o, {})
        return found

    # -- ids and names, derived from the index alone -------------------------------------------
    def city(self, i: int) -> str:
        return f"city:synth-{i}"

    def org(self, i: int) -> str:
        return f"org:synth-{i}"

    def person(self, i: int) -> str:
        return f"person:synth-{i}"

    def project(self, i: int) -> str:
        return f"project:synth-{i}"

    def publication(self, i: int) -> str:
        return f"pub:synth-{i}"

    def document_id(self, unit: int) -> str:
        return f"synth-{self.seed}-{unit}"

    def org_passage(self, i: int) -> str:
        """The id of organisation ``i``'s profile passage (its document's cities come first)."""
        unit, offset = divmod(i, PER_UNIT["orgs"])
        return passage_id(self.document_id(unit), PER_UNIT["cities"] + offset + 1)

    @cached_property
    def fixed(self) -> list[Entity]:
        """The vocabulary that does not grow: countries, stages, topics, programmes, networks."""
        stages = [
            Entity(f"stage:synth-{i}", "ValueChainStage", name, {"order": i + 1})
            for i, name in enumerate(STAGES)
        ]
        return [
            *self._made_up("country", "Country", COUNTRIES, 3, "{}land"),
            *stages,
            *self._made_up("topic", "Topic", TOPICS, 3, "{} chemistry", str.lower),
            *self._made_up("programme", "FundingProgramme", PROGRAMMES, 2, "Programme {}"),
            *self._made_up("network", "Network", NETWORKS, 2, "{} Battery Network", str.upper),
        ]

    def _made_up(
        self, kind: str, type_: EntityType, count: int, syllables: int, name: str,
        case: Callable[[str], str] = str,
    ) -> list[Entity]:  # fmt: skip
        """``count`` entities of a fixed kind, each named by a made-up word in ``name``."""
        return [
            Entity(
                f"{kind}:synth-{i}",
                type_,
                name.format(case(word(rng(self.seed, kind, i), syllables))),
                {},
            )
            for i in range(count)
        ]

    @cached_property
    def names(self) -> dict[str, str]:
        """Names of the fixed vocabulary, which every passage quotes."""
        return {e.id: e.name for e in self.fixed}

    # -- the entities that grow with the scale -----------------------------------------------
    def city_entity(self, i: int) -> Entity:
        return self._memo("city_entity", i, self._make_city_entity)

    def _make_city_entity(self, i: int) -> Entity:
        stream = rng(self.seed, "city", i)
        return Entity(self.city(i), "City", word(stream, stream.randint(2, 4)), {})

    def org_entity(self, i: int) -> Entity:
        return self._memo("org_entity", i, self._make_org_entity)

    def _make_org_entity(self, i: int) -> Entity:
        stream = rng(self.seed, "org", i)
        kind = stream.choices([k for k, _ in ORG_KINDS], [w for _, w in ORG_KINDS])[0]
        name = _ORG_NAMES[kind].format(word(stream, stream.randint(2, 3)))
        return Entity(self.org(i), "Organisation", f"{name} {i}", {"kind": kind})

    def person_entity(self, i: int) -> Entity:
        return self._memo("person_entity", i, self._make_person_entity)

    def _make_person_entity(self, i: int) -> Entity:
        stream = rng(self.seed, "person", i)
        return Entity(
            self.person(i),
            "Person",
            f"{stream.choice(FIRST_NAMES)} {stream.choice(LAST_NAMES)} {i}",
            {"title": stream.choice(TITLES)},
        )

    def project_entity(self, i: int) -> Entity:
        stream = rng(self.seed, "project", i)
        start = START + dt.timedelta(days=stream.randint(0, 3650))
        end = start + dt.timedelta(days=stream.randint(365, 1460))
        acronym = f"{word(stream, 2).upper()}{i}"
        status = "ended" if end < dt.date(2026, 1, 1) else stream.choice(("funded", "ongoing"))
        return Entity(
            self.project(i),
            "Project",
            acronym,
            {
                "acronym": acronym,
                "status": status,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "budget_eur": stream.randint(50, 5000) * 1000,
            },
        )

    def publication_entity(self, i: int) -> Entity:
        stream = rng(self.seed, "pub", i)
        title = (
            f"On {word(stream, 3).lower()} cathodes and {word(stream, 3).lower()} recovery ({i})"
        )
        return Entity(
            self.publication(i),
            "Publication",
            title,
            {"doi": f"10.5555/synth.{self.seed}.{i}", "year": stream.randint(2015, 2026)},
        )

    def _growing(self) -> tuple[tuple[str, Callable[[int], Entity]], ...]:
        return (
            ("cities", self.city_entity),
            ("orgs", self.org_entity),
            ("people", self.person_entity),
            ("projects", self.project_entity),
            ("publications", self.publication_entity),
        )

    def entities(self) -> Iterator[Entity]:
        """Every entity: the fixed vocabulary, then each growing kind by index."""
        yield from self.fixed
        for kind, make in self._growing():
            for i in range(self.n[kind]):
                yield make(i)

    def unit_entities(self, unit: int) -> Iterator[Entity]:
        """The growing entities that unit ``unit`` adds: its ``PER_UNIT`` of each kind."""
        for kind, make in self._growing():
            per = PER_UNIT[kind]
            for i in range(unit * per, (unit + 1) * per):
                yield make(i)

    # -- who relates to whom -----------------------------------------------------------------
    def org_city(self, i: int) -> int:
        """Where organisation ``i`` is (asked for every passage that names it: kept)."""
        found = self._org_cities.get(i)
        if found is None:
            found = self._org_cities[i] = rng(self.seed, "org", i).randrange(self.n["cities"])
        return found

    @cached_property
    def funders(self) -> list[int]:
        """Indexes of funder organisations among the first 400, which fund every project."""
        found = [
            i
            for i in range(min(self.n["orgs"], 400))
            if self.org_entity(i).props["kind"] == "funder"
        ]
        return found or [0]

    def consortium(self, i: int) -> list[int]:
        stream = rng(self.seed, "consortium", i)
        size = min(self.n["orgs"], stream.randint(4, 24))
        return stream.sample(range(self.n["orgs"]), size)
