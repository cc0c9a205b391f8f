"""Concrete facts from each of the five documents, as the loaded graph holds them."""

from __future__ import annotations

from typing import Any

from kgraph.db.graph import Graph
from kgraph.query.lookups import find_facts

REPORT = "000_82ade397896eee5f"
INNOCITIES = "001_122f8e93b9dcce29"
KOKKOLA_PAGE = "002_c0e370ccb1799bf0"
ARTICLE = "003_abba59e65f6bad7a"
BATCIRCLE = "004_41c6bf29210348fa"


def one(graph: Graph, s: str, p: str, o: str) -> dict[str, Any]:
    [fact] = find_facts(graph, subjects=[s], predicate=p, objects=[o])
    return fact


def docs(fact: dict[str, Any]) -> set[str]:
    return {e["doc_id"] for e in fact["evidence"]}


def test_report_business_finland_granted_batcircle3_13_4_million(corpus_graph: Graph) -> None:
    fact = one(corpus_graph, "project:batcircle3", "FUNDED_BY", "org:business-finland")
    assert fact["props"]["amount_eur"] == 13_400_000
    assert fact["props"]["programme"] == "programme:bf-hydrogen-batteries"
    assert docs(fact) == {REPORT}


def test_report_novelsusmat_500000_from_the_centennial_foundation(corpus_graph: Graph) -> None:
    fact = one(corpus_graph, "project:novelsusmat", "FUNDED_BY", "org:tt-100-foundation")
    assert fact["props"]["amount_eur"] == 500_000


def test_report_oulu_and_lut_are_eera_members(corpus_graph: Graph) -> None:
    for member in ("org:university-of-oulu", "org:lut-university"):
        fact = one(corpus_graph, member, "MEMBER_OF", "network:eera")
        assert fact["stated"] and docs(fact) == {REPORT}
        assert "ovat EERAn" in fact["evidence"][0]["excerpt"]


def test_report_publication_dois_and_author_order(corpus_graph: Graph) -> None:
    rows = corpus_graph.read(
        "MATCH (p:Person)-[a:AUTHORED]->(pub:Publication {doi: $doi}) "
        "RETURN p.name AS name ORDER BY a.position",
        {"doi": "10.1557/s43578-024-01282-z"},
    )
    names = [r["name"] for r in rows]
    assert (names[0], names[-1], len(names)) == ("Anna Lähde", "Jorma Jokiniemi", 9)


def test_innocities_page_kuopio_and_lappeenranta_specialisations(corpus_graph: Graph) -> None:
    sulfate = one(corpus_graph, "city:kuopio", "SPECIALISES_IN", "topic:sulfate-question")
    separation = one(
        corpus_graph, "city:lappeenranta", "SPECIALISES_IN", "topic:separation-technologies"
    )
    assert docs(sulfate) == {INNOCITIES} and docs(separation) == {INNOCITIES}


def test_innocities_page_kip_is_an_ecspp_member(corpus_graph: Graph) -> None:
    fact = one(corpus_graph, "park:kip", "MEMBER_OF", "network:ecspp")
    assert INNOCITIES in docs(fact)


def test_kokkola_page_kip_kierto_implementers_and_dates(corpus_graph: Graph) -> None:
    for implementer in ("org:centria", "org:luke"):
        fact = one(corpus_graph, implementer, "PARTICIPATES_IN", "project:kip-kierto")
        assert (fact["valid_from"], fact["valid_to"]) == ("2024-01-01", "2026-12-31")
        assert fact["props"]["role"] == "implementer"
        assert docs(fact) == {KOKKOLA_PAGE}


def test_kokkola_page_lists_18_cities_though_it_says_16(corpus_graph: Graph) -> None:
    rows = corpus_graph.read(
        "MATCH (c:City)-[r:MEMBER_OF {stated: true}]->"
        "(:Network {id: 'network:ecosystem-agreement-cities'}) RETURN count(c) AS n"
    )
    assert rows == [{"n": 18}]


def test_kokkola_page_battvalley_evidence_points_at_its_own_paragraph(corpus_graph: Graph) -> None:
    battvalley = one(corpus_graph, "org:university-of-oulu", "PARTICIPATES_IN",
                     "project:battvalley")  # fmt: skip
    hyspot = one(corpus_graph, "org:university-of-oulu", "PARTICIPATES_IN", "project:hyspot")
    assert {e["passage_id"] for e in battvalley["evidence"]}.isdisjoint(
        {e["passage_id"] for e in hyspot["evidence"]}
    )
    assert any("31.12.2021" in e["excerpt"] for e in battvalley["evidence"])


def test_article_speakers_and_their_titles(corpus_graph: Graph) -> None:
    fact = one(corpus_graph, "person:jonne-sandberg", "AFFILIATED_WITH", "org:city-of-kokkola")
    assert fact["props"]["title"] == "development director"
    assert docs(fact) == {ARTICLE}
    spoke = one(corpus_graph, "person:jonne-sandberg", "SPOKE_AT", "event:final-seminar-2025")
    assert spoke["valid_from"] == "2025-06-25"


def test_batcircle_page_finland_4th_worldwide_1st_in_europe(corpus_graph: Graph) -> None:
    fact = one(corpus_graph, "country:finland", "RANKED_IN", "ranking:bnef-li-ion-supply-chain")
    assert (fact["props"]["rank_world"], fact["props"]["rank_europe"]) == (4, 1)
    assert docs(fact) == {BATCIRCLE}


def test_batcircle_page_batcircle2_got_10_8_million(corpus_graph: Graph) -> None:
    fact = one(corpus_graph, "project:batcircle2", "FUNDED_BY", "org:business-finland")
    assert fact["props"]["amount_eur"] == 10_800_000


def test_every_stated_fact_has_evidence_whose_anchor_is_in_its_passage(
    corpus_graph: Graph,
) -> None:
    rows = corpus_graph.read(
        "MATCH ()-[r]->() WHERE r.stated "
        "UNWIND range(0, size(r.evidence_passages) - 1) AS i "
        "MATCH (p:Passage {id: r.evidence_passages[i]}) "
        "RETURN count(*) AS checked, "
        "sum(CASE WHEN p.text CONTAINS r.evidence_anchors[i] THEN 0 ELSE 1 END) AS missing"
    )
    assert rows[0]["checked"] > 400
    assert rows[0]["missing"] == 0


def test_inferred_facts_all_name_a_rule_and_premises(corpus_graph: Graph) -> None:
    rows = corpus_graph.read(
        "MATCH ()-[r]->() WHERE r.stated = false "
        "RETURN count(r) AS n, sum(CASE WHEN r.rule IS NULL OR size(r.derived_from) = 0 "
        "THEN 1 ELSE 0 END) AS bare"
    )
    assert rows[0]["n"] > 30 and rows[0]["bare"] == 0


def test_every_topic_stage_rule_names_real_entities(corpus_graph: Graph) -> None:
    from loaders.inference import TOPIC_STAGE

    ids = {r["id"] for r in corpus_graph.read("MATCH (e:Entity) RETURN e.id AS id")}
    named = set(TOPIC_STAGE) | {s for stages in TOPIC_STAGE.values() for s in stages}
    assert named <= ids
