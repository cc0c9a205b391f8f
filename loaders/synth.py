"""A synthetic battery ecosystem of any size, with the corpus graph's model, for scale tests.

``synthesize(units, seed)`` describes a landscape that grows linearly with ``units``: per unit
5 cities, 60 organisations, 100 people, 40 projects with consortia and funding, 60
publications and one source document whose passages state every fact. Fixed vocabularies
(27 countries, 6 value-chain stages, 40 topics, 12 programmes, 8 networks) do not grow.

It yields the same rows the corpus loader yields -- entity, passage, document, stated fact
and mention rows, built by ``loaders.rows`` from the same model types -- so the writer
and everything after it run exactly as for the corpus. What the generator replaces is the
reading: it writes each passage itself, so it knows which passage states each fact and which
entities the passage names, where the corpus loader finds out by cleaning text, resolving
anchors and matching names. Inferred facts come from the corpus's own ``infer()``, run per
project over its consortium and where the members are (only ``city_participates_via_organisation``
fires: the other rules need corpus topics and network hierarchies the generator does not make).

Everything is derived from ``(seed, kind, index)``, so node and relationship streams can be
produced separately and lazily, and the same seed always gives the same graph.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from kgraph.db.writer import NodeRow, RelRow
from kgraph.ontology import EntitySpec, FactSpec
from loaders import rows
from loaders.corpus import Document, ManifestEntry, Passage, passage_id
from loaders.evidence import Resolved
from loaders.inference import InferredFact, infer

PER_UNIT = {"cities": 5, "orgs": 60, "people": 100, "projects": 40, "publications": 60}
COUNTRIES = 27
_WORDS = yaml.safe_load((Path(__file__).with_name("synth_words.yaml")).read_text(encoding="utf-8"))
STAGES: tuple[str, ...] = tuple(_WORDS["stages"])
TOPICS = 40
PROGRAMMES = 12
NETWORKS = 8
ORG_KINDS: tuple[tuple[str, int], ...] = tuple(_WORDS["org_kinds"].items())
TITLES: tuple[str, ...] = tuple(_WORDS["titles"])
ROLES: tuple[str, ...] = tuple(_WORDS["roles"])
_SYLLABLES: tuple[str, ...] = tuple(_WORDS["syllables"])
_FIRST: tuple[str, ...] = tuple(_WORDS["first_names"])
_LAST: tuple[str, ...] = tuple(_WORDS["last_names"])
_START = dt.date(2015, 1, 1)


def _spec(entity: Entity) -> EntitySpec:
    """The registry model of a synthetic entity (built valid, so not validated again)."""
    return EntitySpec.model_construct(
        id=entity.id, type=entity.type, name=entity.name, name_fi=None, name_sv=None,
        aliases=[], props=entity.props, evidence=[],
    )  # fmt: skip


def _fact(s: str, p: str, o: str, props: dict[str, Any]) -> FactSpec:
    """The registry model of a stated synthetic fact, its period as dates, as infer() takes it."""
    start, end = props.get("valid_from"), props.get("valid_to")
    return FactSpec.model_construct(
        id=None, s=s, p=p, o=o, evidence=[],
        props={k: v for k, v in props.items() if k not in ("valid_from", "valid_to")},
        valid_from=dt.date.fromisoformat(start) if start else None,
        valid_to=dt.date.fromisoformat(end) if end else None,
    )  # fmt: skip


def _rng(seed: int, kind: str, index: int) -> random.Random:
    return random.Random(f"{seed}:{kind}:{index}")


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    props: dict[str, Any]


@dataclass(frozen=True)
class Statement:
    """One passage of a synthetic document and the facts it states."""

    text: str
    facts: list[tuple[str, str, str, dict[str, Any], str]]  # s, p, o, props, anchor
    named: list[str]  # entity ids the passage names, for MENTIONS
    #: what the corpus's inference would add, with the passage ids of its premises elsewhere
    inferred: list[tuple[InferredFact, list[str]]] = dataclasses.field(default_factory=list)


class Synth:
    """The synthetic landscape for ``units`` and ``seed``; rows are produced on demand."""

    def __init__(self, units: int, seed: int = 7) -> None:
        if units < 1:
            raise ValueError("units must be at least 1")
        self.units = units
        self.seed = seed
        self.n = {kind: per * units for kind, per in PER_UNIT.items()}
        self._memos: dict[str, dict[int, Entity]] = {}
        self._memos_of_specs: dict[str, EntitySpec] = {}  # organisations and cities, for infer()

    def _memo(self, kind: str, i: int, make: Callable[[int], Entity]) -> Entity:
        """Cities, organisations and people recur in many passages: made once each."""
        memo = self._memos.setdefault(kind, {})
        found = memo.get(i)
        if found is None:
            found = memo[i] = make(i)
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

    @cached_property
    def fixed(self) -> list[Entity]:
        out = [
            Entity(
                f"country:synth-{i}",
                "Country",
                f"{_word(_rng(self.seed, 'country', i), 3)}land",
                {},
            )
            for i in range(COUNTRIES)
        ]
        out += [
            Entity(f"stage:synth-{i}", "ValueChainStage", name, {"order": i + 1})
            for i, name in enumerate(STAGES)
        ]
        out += [
            Entity(
                f"topic:synth-{i}",
                "Topic",
                f"{_word(_rng(self.seed, 'topic', i), 3).lower()} chemistry",
                {},
            )
            for i in range(TOPICS)
        ]
        out += [
            Entity(
                f"programme:synth-{i}",
                "FundingProgramme",
                f"Programme {_word(_rng(self.seed, 'programme', i), 2)}",
                {},
            )
            for i in range(PROGRAMMES)
        ]
        out += [
            Entity(
                f"network:synth-{i}",
                "Network",
                f"{_word(_rng(self.seed, 'network', i), 2).upper()} Battery Network",
                {},
            )
            for i in range(NETWORKS)
        ]
        return out

    @cached_property
    def _names(self) -> dict[str, str]:
        """Names of the fixed vocabulary, which every passage quotes."""
        return {e.id: e.name for e in self.fixed}

    def city_entity(self, i: int) -> Entity:
        return self._memo("city_entity", i, self._make_city_entity)

    def _make_city_entity(self, i: int) -> Entity:
        rng = _rng(self.seed, "city", i)
        return Entity(self.city(i), "City", _word(rng, rng.randint(2, 4)), {})

    def org_entity(self, i: int) -> Entity:
        return self._memo("org_entity", i, self._make_org_entity)

    def _make_org_entity(self, i: int) -> Entity:
        rng = _rng(self.seed, "org", i)
        kind = rng.choices([k for k, _ in ORG_KINDS], [w for _, w in ORG_KINDS])[0]
        stem = _word(rng, rng.randint(2, 3))
        name = {
            "company": f"{stem} Battery Oy",
            "university": f"University of {stem}",
            "research_institute": f"{stem} Research Institute",
            "university_of_applied_sciences": f"{stem} University of Applied Sciences",
            "city_government": f"City of {stem}",
            "development_agency": f"{stem} Development",
            "funder": f"{stem} Foundation",
            "education_provider": f"{stem} Vocational College",
        }[kind]
        return Entity(self.org(i), "Organisation", f"{name} {i}", {"kind": kind})

    def person_entity(self, i: int) -> Entity:
        return self._memo("person_entity", i, self._make_person_entity)

    def _make_person_entity(self, i: int) -> Entity:
        rng = _rng(self.seed, "person", i)
        return Entity(
            self.person(i),
            "Person",
            f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {i}",
            {"title": rng.choice(TITLES)},
        )

    def project_entity(self, i: int) -> Entity:
        rng = _rng(self.seed, "project", i)
        start = _START + dt.timedelta(days=rng.randint(0, 3650))
        end = start + dt.timedelta(days=rng.randint(365, 1460))
        acronym = f"{_word(rng, 2).upper()}{i}"
        status = "ended" if end < dt.date(2026, 1, 1) else rng.choice(("funded", "ongoing"))
        return Entity(
            self.project(i),
            "Project",
            acronym,
            {
                "acronym": acronym,
                "status": status,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "budget_eur": rng.randint(50, 5000) * 1000,
            },
        )

    def publication_entity(self, i: int) -> Entity:
        rng = _rng(self.seed, "pub", i)
        title = f"On {_word(rng, 3).lower()} cathodes and {_word(rng, 3).lower()} recovery ({i})"
        return Entity(
            self.publication(i),
            "Publication",
            title,
            {
                "doi": f"10.5555/synth.{self.seed}.{i}",
                "year": rng.randint(2015, 2026),
            },
        )

    # -- who relates to whom -----------------------------------------------------------------
    def org_city(self, i: int) -> int:
        return _rng(self.seed, "org", i).randrange(self.n["cities"])

    @cached_property
    def funders(self) -> list[int]:
        """Indexes of funder organisations among the first 400, which fund every project."""
        found = [
            i
            for i in range(min(self.n["orgs"], 400))
            if self.org_entity(i).props["kind"] == "funder"
        ]
        return found or [0]

    # -- passages: each states facts and names entities ----------------------------------------
    def statements(self, unit: int) -> Iterator[Statement]:
        """The passages of document ``unit``: its share of cities, organisations, projects
        and publications, each with the facts it states."""
        names = self._names
        per = PER_UNIT
        for i in range(unit * per["cities"], (unit + 1) * per["cities"]):
            yield self._city_statement(i, names)
        for i in range(unit * per["orgs"], (unit + 1) * per["orgs"]):
            yield self._org_statement(i, names)
        for i in range(unit * per["projects"], (unit + 1) * per["projects"]):
            yield self._project_statement(i, names)
        for i in range(unit * per["publications"], (unit + 1) * per["publications"]):
            yield self._publication_statement(i, names)

    def _city_statement(self, i: int, names: dict[str, str]) -> Statement:
        rng = _rng(self.seed, "city-facts", i)
        city = self.city_entity(i)
        country = f"country:synth-{rng.randrange(COUNTRIES)}"
        topics = rng.sample(range(TOPICS), 3)
        stage = f"stage:synth-{rng.randrange(len(STAGES))}"
        text = (
            f"{city.name} lies in {names[country]}. Its battery specialisations are "
            + ", ".join(names[f"topic:synth-{t}"] for t in topics)
            + f", and it works on {names[stage]}."
        )
        facts: list[tuple[str, str, str, dict[str, Any], str]] = [
            (city.id, "LOCATED_IN", country, {}, names[country])
        ]
        facts += [
            (city.id, "SPECIALISES_IN", f"topic:synth-{t}", {}, names[f"topic:synth-{t}"])
            for t in topics
        ]
        facts.append((city.id, "COVERS_STAGE", stage, {}, names[stage]))
        return Statement(
            text, facts, [city.id, country, stage, *[f"topic:synth-{t}" for t in topics]]
        )

    def _org_statement(self, i: int, names: dict[str, str]) -> Statement:
        rng = _rng(self.seed, "org-facts", i)
        org = self.org_entity(i)
        city = self.city_entity(self.org_city(i))
        topics = rng.sample(range(TOPICS), 2)
        stage = f"stage:synth-{rng.randrange(len(STAGES))}"
        staff = [p for p in range(i * 100 // 60, (i + 1) * 100 // 60)] if self.n["people"] else []
        staff = [p for p in staff if p < self.n["people"]]
        facts: list[tuple[str, str, str, dict[str, Any], str]] = [
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
        if rng.random() < 0.3:
            network = f"network:synth-{rng.randrange(NETWORKS)}"
            facts.append((org.id, "MEMBER_OF", network, {}, names[network]))
            text += f" It is a member of {names[network]}."
            named.append(network)
        if staff:
            people = [self.person_entity(p) for p in staff]
            text += " Staff: " + "; ".join(f"{p.name}, {p.props['title']}" for p in people) + "."
            facts += [
                (p.id, "AFFILIATED_WITH", org.id, {"title": p.props["title"]}, p.name)
                for p in people
            ]
            named += [p.id for p in people]
        return Statement(text, facts, named)

    def consortium(self, i: int) -> list[int]:
        rng = _rng(self.seed, "consortium", i)
        size = min(self.n["orgs"], rng.randint(4, 24))
        return rng.sample(range(self.n["orgs"]), size)

    def _project_statement(self, i: int, names: dict[str, str]) -> Statement:
        rng = _rng(self.seed, "project-facts", i)
        project = self.project_entity(i)
        members = self.consortium(i)
        funder = self.org_entity(rng.choice(self.funders))
        programme = f"programme:synth-{rng.randrange(PROGRAMMES)}"
        topics = rng.sample(range(TOPICS), rng.randint(2, 4))
        stages = rng.sample(range(len(STAGES)), rng.randint(1, 2))
        grant = int(project.props["budget_eur"] * rng.uniform(0.4, 0.8))
        start, end = project.props["start"], project.props["end"]
        orgs = [self.org_entity(m) for m in members]
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
        facts: list[tuple[str, str, str, dict[str, Any], str]] = [
            (
                o.id,
                "PARTICIPATES_IN",
                project.id,
                {"role": "coordinator" if n == 0 else rng.choice(ROLES), **period},
                o.name,
            )
            for n, o in enumerate(orgs)
        ]
        facts += [
            (
                project.id,
                "FUNDED_BY",
                funder.id,
                {"amount_eur": grant, "programme": programme},
                funder.name,
            ),
            (project.id, "PART_OF_PROGRAMME", programme, {}, names[programme]),
            *[
                (project.id, "ADDRESSES_TOPIC", f"topic:synth-{t}", {}, names[f"topic:synth-{t}"])
                for t in topics
            ],
            *[
                (project.id, "COVERS_STAGE", f"stage:synth-{s}", {}, names[f"stage:synth-{s}"])
                for s in stages
            ],
        ]
        named = [
            project.id,
            funder.id,
            programme,
            *[o.id for o in orgs],
            *[f"topic:synth-{t}" for t in topics],
            *[f"stage:synth-{s}" for s in stages],
        ]
        return Statement(
            text, facts, list(dict.fromkeys(named)),
            self._participation_inferred(project, facts, members),
        )  # fmt: skip

    def _participation_inferred(
        self, project: Entity, facts: list[tuple[str, str, str, dict[str, Any], str]],
        members: list[int],
    ) -> list[tuple[InferredFact, list[str]]]:  # fmt: skip
        """What ``infer()`` derives from a project's consortium and where its members are.

        The rules run per project (its PARTICIPATES_IN facts and each member's LOCATED_IN),
        not over the whole synthetic set: every premise of a derived participation is in
        the project's chunk, so the result is the same and the stream stays lazy.
        """
        located: list[FactSpec] = []
        entities = {project.id: _spec(project)}
        specs = self._memos_of_specs
        premises: dict[str, list[str]] = {}
        for org_index in members:
            org, city = self.org_entity(org_index), self.city_entity(self.org_city(org_index))
            for entity in (org, city):
                if entity.id not in specs:
                    specs[entity.id] = _spec(entity)
                entities[entity.id] = specs[entity.id]
            located.append(_fact(org.id, "LOCATED_IN", city.id, {}))
            premises.setdefault(city.id, []).append(self.org_passage(org_index))
        parts = [_fact(s, p, o, props) for s, p, o, props, _ in facts if p == "PARTICIPATES_IN"]
        inferred = infer([*parts, *located], entities)
        by_city = sorted(inferred, key=lambda f: f.s)
        return [(fact, premises[fact.s]) for fact in by_city]

    def org_passage(self, i: int) -> str:
        """The id of organisation ``i``'s profile passage (its document's cities come first)."""
        unit, offset = divmod(i, PER_UNIT["orgs"])
        return passage_id(self.document_id(unit), PER_UNIT["cities"] + offset + 1)

    def _publication_statement(self, i: int, names: dict[str, str]) -> Statement:
        rng = _rng(self.seed, "pub-facts", i)
        pub = self.publication_entity(i)
        authors = [
            self.person_entity(a)
            for a in rng.sample(range(self.n["people"]), min(self.n["people"], rng.randint(2, 7)))
        ]
        topic = f"topic:synth-{rng.randrange(TOPICS)}"
        text = (
            f"{', '.join(a.name for a in authors)}: {pub.name}. "
            f"DOI {pub.props['doi']}, {pub.props['year']}; on {names[topic]}."
        )
        facts: list[tuple[str, str, str, dict[str, Any], str]] = [
            (a.id, "AUTHORED", pub.id, {"position": n + 1}, a.name) for n, a in enumerate(authors)
        ]
        facts.append((pub.id, "ADDRESSES_TOPIC", topic, {}, names[topic]))
        return Statement(text, facts, [pub.id, topic, *[a.id for a in authors]])

    # -- the rows the writer takes ------------------------------------------------------------
    def entities(self) -> Iterator[Entity]:
        yield from self.fixed
        for kind, make in (
            ("cities", self.city_entity),
            ("orgs", self.org_entity),
            ("people", self.person_entity),
            ("projects", self.project_entity),
            ("publications", self.publication_entity),
        ):
            for i in range(self.n[kind]):
                yield make(i)

    def _document(self, unit: int, statements: list[Statement]) -> Document:
        doc_id = self.document_id(unit)
        passages, offset = [], 0
        for ordinal, st in enumerate(statements):
            passages.append(
                Passage.model_construct(
                    id=passage_id(doc_id, ordinal + 1),
                    doc_id=doc_id,
                    ordinal=ordinal + 1,
                    kind="paragraph",
                    text=st.text,
                    start=offset,
                    end=offset + len(st.text),
                )
            )
            offset += len(st.text) + 2
        cleaned = "\n\n".join(st.text for st in statements)
        digest = hashlib.sha256(cleaned.encode()).hexdigest()
        entry = ManifestEntry.model_construct(
            id=doc_id,
            file=f"{doc_id}.txt",
            language="en",
            kind="synthetic",
            title=f"Synthetic ecosystem record {unit + 1}",
            publisher="kgraph synth",
            year=2026,
            notes=None,
            sha256=digest,
        )
        return Document.model_construct(
            entry=entry, raw_sha256=digest, cleaned="", passages=passages
        )

    def nodes(self) -> Iterator[NodeRow]:
        """Entities, then each document with its passages."""
        for entity in self.entities():
            yield rows.entity_row(_spec(entity), [], [])
        for unit in range(self.units):
            document = self._document(unit, list(self.statements(unit)))
            yield rows.document_row(document)
            for passage in document.passages:
                yield rows.passage_rows(passage)[0]

    def relationships(self) -> Iterator[RelRow]:
        """Per document: its HAS_PASSAGE links, the facts each passage states, its mentions."""
        for unit in range(self.units):
            statements = list(self.statements(unit))
            document = self._document(unit, statements)
            for passage, st in zip(document.passages, statements, strict=True):
                yield rows.passage_rows(passage)[1]
                for s, p, o, props, anchor in st.facts:
                    evidence = [Resolved(document.entry.id, passage.id, anchor)]
                    start, end = props.pop("valid_from", None), props.pop("valid_to", None)
                    yield rows.fact_row(
                        f"{s}|{p}|{o}", s, p, o, props, evidence,
                        dt.date.fromisoformat(start) if start else None,
                        dt.date.fromisoformat(end) if end else None,
                    )  # fmt: skip
                for inferred, elsewhere in st.inferred:
                    yield rows.inferred_row(inferred, [passage.id, *elsewhere])
                for entity_id in st.named:
                    yield rows.mention_row(passage.id, entity_id, 1)

    def node_count(self) -> int:
        """How many nodes ``nodes()`` yields: entities, documents and one passage per
        city, organisation, project and publication."""
        passages = sum(self.n[k] for k in ("cities", "orgs", "projects", "publications"))
        return len(self.fixed) + sum(self.n.values()) + self.units + passages

    def run_properties(self) -> dict[str, Any]:
        return {"source": "synth", "synth_units": self.units, "synth_seed": self.seed}
