"""Concrete facts from each of the five documents, as the loaded graph holds them, and checks
over the whole graph that every fact carries its evidence or its premises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kgraph.db.graph import Graph
from kgraph.query.lookups import FactFilter, find_facts
from kgraph.settings import Settings
from tests.support.loading import load_full

REPORT = "000_82ade397896eee5f"
INNOCITIES = "001_122f8e93b9dcce29"
KOKKOLA_PAGE = "002_c0e370ccb1799bf0"
ARTICLE = "003_abba59e65f6bad7a"
BATCIRCLE = "004_41c6bf29210348fa"


def one(graph: Graph, s: str, p: str, o: str) -> dict[str, Any]:
    [fact] = find_facts(graph, FactFilter(subjects=[s], predicate=p, objects=[o]))
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


# Graph-wide checks, each listing the facts that break it. Null-safe throughout: a missing
# list is an empty one, a passage id that names no passage meets OPTIONAL MATCH as null, and a
# comparison with null counts as a violation, so a broken fact cannot slip out of the count.

#: Facts (entity to entity) whose ``stated`` is missing: neither check below would see them.
UNMARKED_FACTS = """
MATCH (:Entity)-[r]->(:Entity) WHERE r.stated IS NULL
RETURN coalesce(r.fact_id, elementId(r)) AS fact ORDER BY fact
"""
#: Stated facts without evidence, or with an evidence entry whose passage is not there, is in
#: another document, or does not contain the anchor.
STATED_WITHOUT_EVIDENCE = """
MATCH (:Entity)-[r]->(:Entity) WHERE r.stated = true
WITH r, coalesce(r.evidence_passages, []) AS passages,
     coalesce(r.evidence_anchors, []) AS anchors, coalesce(r.evidence_docs, []) AS docs
UNWIND CASE size(passages) WHEN 0 THEN [null] ELSE range(0, size(passages) - 1) END AS i
OPTIONAL MATCH (p:Passage {id: passages[i]})
WITH r, i, p, passages, anchors, docs
WHERE i IS NULL OR p IS NULL OR size(anchors) <> size(passages) OR size(docs) <> size(passages)
   OR NOT coalesce(p.text CONTAINS anchors[i], false) OR NOT coalesce(p.doc_id = docs[i], false)
RETURN DISTINCT coalesce(r.fact_id, elementId(r)) AS fact ORDER BY fact
"""
#: Inferred facts without a rule, without premises, with a premise that is not a fact of the
#: graph, or whose premise passages are missing, not passages, or not the premises' own.
INFERRED_WITHOUT_PREMISES = """
MATCH (:Entity)-[r]->(:Entity) WHERE r.stated = false
WITH r, coalesce(r.derived_from, []) AS premises, coalesce(r.premise_passages, []) AS passages
OPTIONAL MATCH (:Entity)-[premise]->(:Entity) WHERE premise.fact_id IN premises
WITH r, premises, passages, collect(premise) AS found
WITH r, premises, passages, [f IN found | f.fact_id] AS found_ids,
     reduce(own = [], f IN found |
            own + coalesce(f.evidence_passages, []) + coalesce(f.premise_passages, [])) AS own
UNWIND CASE size(passages) WHEN 0 THEN [null] ELSE passages END AS passage_id
OPTIONAL MATCH (p:Passage {id: passage_id})
WITH r, premises, found_ids, own, passage_id, p
WHERE r.rule IS NULL OR size(premises) = 0 OR any(d IN premises WHERE NOT d IN found_ids)
   OR p IS NULL OR NOT passage_id IN own
RETURN DISTINCT coalesce(r.fact_id, elementId(r)) AS fact ORDER BY fact
"""


def broken(graph: Graph, check: str) -> list[str]:
    return [row["fact"] for row in graph.read(check)]


def test_every_fact_is_marked_stated_or_inferred(corpus_graph: Graph) -> None:
    assert broken(corpus_graph, UNMARKED_FACTS) == []


def test_every_stated_fact_has_evidence_whose_anchor_is_in_its_passage(
    corpus_graph: Graph,
) -> None:
    [row] = corpus_graph.read(
        "MATCH (:Entity)-[r {stated: true}]->(:Entity) "
        "RETURN count(r) AS facts, sum(size(r.evidence_passages)) AS entries"
    )
    assert row["facts"] > 400 and row["entries"] >= row["facts"]  # the check has work to do
    assert broken(corpus_graph, STATED_WITHOUT_EVIDENCE) == []


def test_inferred_facts_all_name_a_rule_premises_and_their_passages(corpus_graph: Graph) -> None:
    [row] = corpus_graph.read("MATCH (:Entity)-[r {stated: false}]->(:Entity) RETURN count(r) AS n")
    assert row["n"] > 30
    assert broken(corpus_graph, INFERRED_WITHOUT_PREMISES) == []


#: One fact of each kind to break, and how (the corpus graph holds each of these facts).
BATCIRCLE2_FUNDED = "project:batcircle2|FUNDED_BY|org:business-finland"
KIP_IN_ECSPP = "park:kip|MEMBER_OF|network:ecspp"
NOVELSUSMAT_FUNDED = "project:novelsusmat|FUNDED_BY|org:tt-100-foundation"
EERA_OULU = "org:university-of-oulu|MEMBER_OF|network:eera"
SAFELOOP_KOKKOLA = (
    "city:kokkola|PARTICIPATES_IN|project:safeloop|city_participates_via_organisation"
)
BREAKAGES = {
    # a dangling passage id, which a plain MATCH would have dropped with its row
    BATCIRCLE2_FUNDED: "SET r.evidence_passages = ['004_41c6bf29210348fa:p999']",
    # no evidence at all, which UNWIND over a null list would have dropped
    KIP_IN_ECSPP: "REMOVE r.evidence_passages, r.evidence_anchors, r.evidence_docs",
    # an anchor the passage does not contain
    NOVELSUSMAT_FUNDED: "SET r.evidence_anchors = [a IN r.evidence_anchors | a + ' (not said)']",
    # no stated mark: neither the stated nor the inferred check would look at it
    EERA_OULU: "REMOVE r.stated",
}


def _inferred(graph: Graph, n: int) -> list[str]:
    rows = graph.read(
        "MATCH (:Entity)-[r {stated: false}]->(:Entity) WHERE r.fact_id <> $keep "
        "RETURN r.fact_id AS id ORDER BY id LIMIT $n",
        {"keep": SAFELOOP_KOKKOLA, "n": n},
    )
    return [row["id"] for row in rows]


def test_the_graph_wide_checks_count_each_kind_of_broken_fact(
    empty_graph: Graph, settings: Settings, schema_file: Path
) -> None:
    load_full(empty_graph, settings.corpus_dir, settings.registry_dir, schema_file)
    bare, dangling, foreign, no_rule = _inferred(empty_graph, 4)
    inferred_breakages = {
        # no derived_from: size(null) = 0 is null, and a bare fact was not counted
        bare: "REMOVE r.derived_from",
        # a premise passage that is no passage
        dangling: "SET r.premise_passages = r.premise_passages + ['nowhere:p001']",
        # a real passage, but not one of its premises'
        foreign: "SET r.premise_passages = ['004_41c6bf29210348fa:p008']",
        no_rule: "REMOVE r.rule",
        SAFELOOP_KOKKOLA: "SET r.derived_from = r.derived_from + ['no|SUCH|fact']",
    }
    for fact_id, change in {**BREAKAGES, **inferred_breakages}.items():
        # the change is test text; the fact is named by parameter
        changed = empty_graph.write(
            f"MATCH ()-[r {{fact_id: $id}}]->() {change} RETURN count(r) AS n", {"id": fact_id}
        )
        assert changed == [{"n": 1}], fact_id

    assert broken(empty_graph, UNMARKED_FACTS) == [EERA_OULU]
    assert broken(empty_graph, STATED_WITHOUT_EVIDENCE) == sorted(
        [BATCIRCLE2_FUNDED, KIP_IN_ECSPP, NOVELSUSMAT_FUNDED]
    )
    assert broken(empty_graph, INFERRED_WITHOUT_PREMISES) == sorted(inferred_breakages)


def test_every_topic_stage_rule_names_real_entities(corpus_graph: Graph) -> None:
    from loaders.build.inference import TOPIC_STAGE

    ids = {r["id"] for r in corpus_graph.read("MATCH (e:Entity) RETURN e.id AS id")}
    named = set(TOPIC_STAGE) | {s for stages in TOPIC_STAGE.values() for s in stages}
    assert named <= ids
