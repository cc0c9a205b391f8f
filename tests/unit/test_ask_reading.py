# ruff: noqa: E501  (a table reads best one row a line)
"""Reading rules of /ask, one table row (at least) per rule and language: the sentence, the
rule that must read it and what it must run. The names resolve through the real resolver,
built here from the curated registry's entities (no server)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from kgraph.ask.reading import understand
from kgraph.ask.rules import Lexicon, lexicons
from kgraph.ask.saying import say
from kgraph.names.resolve import Resolver
from loaders.sources.registry import load_registry

REGISTRY = Path(__file__).resolve().parents[2] / "loaders" / "registry"
TODAY = dt.date(2025, 6, 15)
B3 = "project:batcircle3"
OULU_UNI = "org:university-of-oulu"
HORIZON = "programme:horizon-europe"
RECYCLING = "stage:recycling"

#: (language, rule, sentence, what it runs)
TABLE: list[tuple[str, str, str, dict[str, Any]]] = [
    ("en", "cities-stage-programme",
     "which cities cover recycling and also sit in funded Horizon projects",
     {"stage": RECYCLING, "programme": HORIZON}),
    ("fi", "cities-stage-programme",
     "Mitkä kaupungit kattavat kierrätyksen ja ovat rahoitetuissa Horizon Europe -hankkeissa?",
     {"stage": RECYCLING, "programme": HORIZON}),
    ("en", "city-profile", "Tell me about Karleby", {"city": "city:kokkola"}),
    ("fi", "city-profile", "Vaasan profiili", {"city": "city:vaasa"}),
    ("en", "city-specialisations", "What does Kokkola specialise in?", {"city": "city:kokkola"}),
    ("fi", "city-specialisations", "Mihin Turku on erikoistunut?", {"city": "city:turku"}),
    ("en", "coverage-city-stage", "How well backed is Vaasa's work on each stage?",
     {"city": "city:vaasa"}),
    ("fi", "coverage-city-stage", "Kuinka hyvin lähteet tukevat Porin työtä?",
     {"city": "city:pori"}),
    ("en", "entity-mentions", "Where is Keliber mentioned?", {"entity": "org:keliber"}),
    ("fi", "entity-mentions", "Missä Keliber mainitaan?", {"entity": "org:keliber"}),
    ("en", "fact-evidence-funding", "What is the evidence that Business Finland funds BATCircle3.0?",
     {"fact_id": f"{B3}|FUNDED_BY|org:business-finland"}),
    ("fi", "fact-evidence-funding", "Mihin perustuu tieto, että Business Finland rahoittaa BATCircle3.0:aa?",
     {"fact_id": f"{B3}|FUNDED_BY|org:business-finland"}),
    ("en", "fact-evidence-participation", "Evidence that the University of Oulu takes part in BATCircle3.0",
     {"fact_id": f"{OULU_UNI}|PARTICIPATES_IN|{B3}"}),
    ("fi", "fact-evidence-participation", "Mihin perustuu, että Oulun yliopisto osallistuu BATCircle3.0:aan?",
     {"fact_id": f"{OULU_UNI}|PARTICIPATES_IN|{B3}"}),
    ("en", "funding-by-funder", "How much has each funder granted?", {}),
    ("fi", "funding-by-funder", "Kuinka paljon kukin rahoittaja on myöntänyt?", {}),
    ("en", "network-members", "Who are the members of EERA?", {"network": "network:eera"}),
    ("fi", "network-members", "InnoCities-verkoston jäsenet", {"network": "network:innocities"}),
    ("en", "organisation-projects", "projects of Oulu's university", {"organisation": OULU_UNI}),
    ("fi", "organisation-projects", "Oulun yliopiston hankkeet", {"organisation": OULU_UNI}),
    ("en", "person-publications", "What has Ulla Lassi published?", {"person": "person:ulla-lassi"}),
    ("fi", "person-publications", "Ulla Lassin julkaisut", {"person": "person:ulla-lassi"}),
    ("en", "project-funding", "Who funds BATCircle 3.0?", {"project": B3}),
    ("fi", "project-funding", "Kuka rahoittaa BATCircle3.0:aa?", {"project": B3}),
    ("en", "project-implementers", "Which organisations take part in BATCircle3.0?", {"project": B3}),
    ("fi", "project-implementers", "Ketkä toteuttavat BATCircle3.0-hanketta?", {"project": B3}),
    ("en", "projects-active-on", "Which projects were running in June 2025?", {"date": "2025-06-01"}),
    ("en", "projects-active-on", "Projects running on 15 June 2025", {"date": "2025-06-15"}),
    ("en", "projects-active-on", "Which projects are running this year?", {"date": "2025-01-01"}),
    ("en", "projects-active-on", "Projects running now", {"date": "2025-06-15"}),
    ("fi", "projects-active-on", "Mitkä hankkeet olivat käynnissä kesäkuussa 2025?",
     {"date": "2025-06-01"}),
    ("fi", "projects-active-on", "Hankkeet käynnissä 1.6.2026", {"date": "2026-06-01"}),
    ("fi", "projects-active-on", "Mitkä hankkeet ovat käynnissä nyt?", {"date": "2025-06-15"}),
    ("fi", "projects-active-on", "Hankkeet käynnissä vuonna 2024", {"date": "2024-01-01"}),
    ("en", "projects-by-programme", "Which projects belong to Horizon Europe?", {"programme": HORIZON}),
    ("fi", "projects-by-programme", "M-ERA.NET-ohjelman hankkeet", {"programme": "programme:m-era-net"}),
    ("en", "single-source-facts", "Which funding facts rest on a single source?",
     {"predicate": "FUNDED_BY"}),
    ("fi", "single-source-facts", "Mitkä tiedot ovat yhden lähteen varassa?", {}),
    ("en", "source-disagreements", "Where do the sources disagree?", {}),
    ("fi", "source-disagreements", "Missä lähteet ovat ristiriidassa?", {}),
    ("en", "stages-and-cities", "Which cities work on each stage of the value chain?", {}),
    ("fi", "stages-and-cities", "Mitkä kaupungit toimivat arvoketjun kussakin vaiheessa?", {}),
    ("en", "value-chain-overview", "The value chain at a glance", {}),
    ("fi", "value-chain-overview", "Arvoketju yhdellä silmäyksellä", {}),
    ("en", "city-collaboration", "Which cities work together?", {}),
    ("fi", "city-collaboration", "Mitkä kaupungit tekevät yhteistyötä?", {}),
    ("en", "coauthorship", "Who has published with whom?", {}),
    ("fi", "coauthorship", "Kuka on julkaissut kenen kanssa?", {}),
    ("en", "search-cities", "Which cities cover recycling and sit in Horizon Europe projects?",
     {"kind": "City", "stage": [RECYCLING], "programme": [HORIZON]}),
    ("fi", "search-cities", "Mitkä kaupungit kuuluvat InnoCities-verkostoon ja kattavat kierrätyksen?",
     {"kind": "City", "stage": [RECYCLING], "network": ["network:innocities"]}),
    ("en", "search-organisations", "Which organisations are located in Kokkola?",
     {"kind": "Organisation", "city": ["city:kokkola"]}),
    ("fi", "search-organisations", "Mitkä organisaatiot sijaitsevat Kokkolassa?",
     {"kind": "Organisation", "city": ["city:kokkola"]}),
    ("en", "search-projects", "Funded projects of Horizon Europe",
     {"kind": "Project", "programme": [HORIZON], "funded": True}),
    ("en", "search-projects", "Projects funded by Business Finland",
     {"kind": "Project", "funder": ["org:business-finland"]}),
    ("fi", "search-projects", "Rahoitetut Horizon Europe -hankkeet",
     {"kind": "Project", "programme": [HORIZON], "funded": True}),
    ("fi", "search-projects", "Business Finlandin rahoittamat hankkeet",
     {"kind": "Project", "funder": ["org:business-finland"]}),
]  # fmt: skip


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    entities = [
        {"id": e.item.id, "type": e.item.type, "name": e.item.name, "name_fi": e.item.name_fi,
         "name_sv": e.item.name_sv, "aliases": list(e.item.aliases), "identifiers": []}
        for e in load_registry(REGISTRY).entities
    ]  # fmt: skip
    return Resolver(entities)


@pytest.fixture(scope="module")
def rules() -> dict[str, Lexicon]:
    return lexicons()


@pytest.mark.parametrize(("language", "rule", "sentence", "runs"), TABLE)
def test_the_rule_reads_its_sentence(
    resolver: Resolver,
    rules: dict[str, Lexicon],
    language: str,
    rule: str,
    sentence: str,
    runs: dict[str, Any],
) -> None:
    understood = understand(sentence, rules, resolver, TODAY)
    reading = understood.reading
    assert (reading.language, reading.rule.id) == (language, rule)
    assert reading.values() == runs
    assert say(reading, rules[language])


def test_every_rule_of_every_language_has_a_row(rules: dict[str, Lexicon]) -> None:
    covered = {(language, rule) for language, rule, _, _ in TABLE}
    every = {(lexicon.language, r.id) for lexicon in rules.values() for r in lexicon.rules}
    assert every - covered == set()
