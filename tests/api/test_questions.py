"""Every catalogue question runs on the real corpus graph and gives the answer the documents
give (each expectation was checked by reading the documents)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.query.questions import Catalogue
from kgraph.settings import Settings

REPORT, INNOCITIES, KOKKOLA_PAGE = (
    "000_82ade397896eee5f",
    "001_122f8e93b9dcce29",
    "002_c0e370ccb1799bf0",
)


def ask(client: TestClient, name: str, **params: str) -> list[dict[str, Any]]:
    response = client.get(f"/questions/{name}", params=params)
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["rows"]
    return rows


def test_catalogue_lists_at_least_15_questions_with_cypher_and_params(
    corpus_client: TestClient,
) -> None:
    catalogue = corpus_client.get("/questions").json()
    assert len(catalogue) >= 15
    assert all(q["cypher"] and q["description"] for q in catalogue)
    assert {q["name"] for q in catalogue} == {q.name for q in Catalogue()}


def test_users_example_cities_covering_recycling_in_funded_horizon_projects(
    corpus_client: TestClient,
) -> None:
    [row] = ask(corpus_client, "cities_on_stage_in_programme_projects")
    assert row["name"] == "Kokkola"
    # Covers recycling: inferred from Kokkola's circular-economy focus (the Kokkola page).
    assert row["covers_stage"]["rule"] == "covers_stage_via_topic"
    assert row["covers_stage"]["via"] == "topic:circular-economy"
    assert {e["doc_id"] for e in row["covers_stage"]["premise_evidence"]} == {KOKKOLA_PAGE}
    # Sits in SAFELOOP and SPRINT (Horizon Europe) through the University of Oulu.
    projects = {p["name"]: p for p in row["projects"]}
    assert set(projects) == {"SAFELOOP", "SPRINT"}
    assert projects["SAFELOOP"]["participation"]["via"] == "org:university-of-oulu"
    evidence = projects["SAFELOOP"]["in_programme"]["evidence"]
    assert evidence[0]["doc_id"] == REPORT
    assert "Horizon Europe/SAFELOOP" in evidence[0]["excerpt"]


def test_the_example_with_other_parameters_is_one_request(corpus_client: TestClient) -> None:
    rows = ask(
        corpus_client, "cities_on_stage_in_programme_projects", stage="chemicals",
        programme="M-ERA.NET",
    )  # fmt: skip
    assert [r["name"] for r in rows] == ["Kokkola"]
    assert {p["name"] for p in rows[0]["projects"]} == {"3Interfaces", "GENSIB"}


def test_who_funds_batcircle3_and_with_how_much(corpus_client: TestClient) -> None:
    [row] = ask(corpus_client, "project_funding", project="BATCircle3.0")
    assert (row["funder"], row["amount_eur"]) == ("Business Finland", 13_400_000)
    assert row["programme"] == "Hydrogen & Batteries – Dual Helix of Decarbonization"
    assert "13,4 miljoonaa euroa" in row["fact"]["evidence"][0]["excerpt"]


def test_funding_by_funder_totals(corpus_client: TestClient) -> None:
    totals = {r["funder"]: r["total_eur"] for r in ask(corpus_client, "funding_by_funder")}
    assert totals["Business Finland"] == 13_400_000 + 10_800_000  # BATCircle3.0 + 2.0
    assert totals["Technology Industries of Finland Centennial Foundation"] == 500_000


def test_projects_running_in_june_2025(corpus_client: TestClient) -> None:
    rows = ask(corpus_client, "projects_active_on", date="2025-06-15")
    names = {r["project"] for r in rows}
    assert {"BATCircle3.0", "NovelSusMat", "KIP-Kierto", "DustSense", "KIP Competence Center",
            "Industrial Big Data"} <= names  # fmt: skip
    assert "HySpot" not in names and "BATTValley" not in names  # ended in 2022 and 2021


def test_projects_running_on_a_bad_date_is_a_422(corpus_client: TestClient) -> None:
    response = corpus_client.get("/questions/projects_active_on", params={"date": "June 2025"})
    assert response.status_code == 422
    assert "ISO date" in response.json()["detail"]


def test_who_implements_kip_kierto(corpus_client: TestClient) -> None:
    rows = ask(corpus_client, "project_implementers", project="KIP-Kierto")
    stated = {(r["actor"], r["role"]) for r in rows if r["fact"]["stated"]}
    assert stated == {("Centria University of Applied Sciences", "implementer"),
                      ("Natural Resources Institute Finland", "implementer")}  # fmt: skip


def test_city_specialisations_per_stage(corpus_client: TestClient) -> None:
    stages = {
        r["stage"]: {c["city"] for c in r["cities"]}
        for r in ask(corpus_client, "stages_and_cities")
    }
    assert stages["Recycling and reuse"] == {"Jyväskylä", "Kokkola", "Turku"}
    assert stages["Raw materials"] == {"Jyväskylä", "Pori"}
    assert stages["Anode materials production"] == {"Kuopio"}


def test_city_specialisations_of_kuopio(corpus_client: TestClient) -> None:
    rows = ask(corpus_client, "city_specialisations", city="Kuopiossa")
    topics = {r["specialisation"] for r in rows}
    assert {"Anode materials", "The sulfate question"} <= topics
    assert all(r["fact"]["evidence"][0]["doc_id"] == INNOCITIES for r in rows
               if r["specialisation"] == "Anode materials")  # fmt: skip


def test_city_profile_of_kokkola(corpus_client: TestClient) -> None:
    [row] = ask(corpus_client, "city_profile", city="Karleby")
    assert row["name_sv"] == "Karleby"
    assert "Kokkola Industrial Park" in row["located_here"]
    assert {"SAFELOOP", "BATCircle3.0"} <= set(row["projects"])


def test_cities_collaborate_through_shared_projects(corpus_client: TestClient) -> None:
    pairs = {(r["city_a"], r["city_b"]): r for r in ask(corpus_client, "city_collaboration")}
    kokkola_kuopio = pairs[("Kokkola", "Kuopio")]
    assert "BATCircle3.0" in kokkola_kuopio["projects"]


def test_coauthorship(corpus_client: TestClient) -> None:
    pairs = {(r["author_a"], r["author_b"]): r for r in ask(corpus_client, "coauthorship")}
    assert pairs[("Anna Lähde", "Ulla Lassi")]["shared_publications"] == 2
    assert sorted(pairs[("Anna Lähde", "Ulla Lassi")]["dois"]) == [
        "10.1088/2516-1083/ada90f", "10.1557/s43578-024-01282-z"]  # fmt: skip


def test_publications_of_ulla_lassi_with_authors_in_order(corpus_client: TestClient) -> None:
    rows = {r["doi"]: r for r in ask(corpus_client, "person_publications", person="Ulla Lassi")}
    ahmed = rows["10.1088/2516-1083/ada90f"]
    assert ahmed["authors"] == ["Humna Ahmed", "Glaydson Simoes dos Reis", "Palanivel Molaiyan",
                                "Anna Lähde", "Ulla Lassi"]  # fmt: skip
    assert ahmed["position"] == 5 and ahmed["year"] == 2025


def test_network_membership_of_eera(corpus_client: TestClient) -> None:
    rows = ask(corpus_client, "network_members", network="EERA")
    assert {r["member"] for r in rows} == {"University of Oulu", "LUT University"}


def test_organisation_projects_of_centria(corpus_client: TestClient) -> None:
    rows = ask(corpus_client, "organisation_projects", organisation="Centrian")
    assert {
        "KIP-Kierto",
        "Pre-study of a cooperation model for the Kokkola-area hydrogen value chain",
    } <= {r["project"] for r in rows}


def test_projects_by_programme_horizon(corpus_client: TestClient) -> None:
    rows = ask(corpus_client, "projects_by_programme", programme="Horizon Europe")
    assert {r["project"] for r in rows} == {"SAFELOOP", "SPRINT"}


def test_value_chain_overview_counts_stated_and_inferred(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    rows = {r["stage_id"]: r for r in ask(corpus_client, "value_chain_overview")}
    links = corpus_graph.read(
        "MATCH (stage:ValueChainStage) OPTIONAL MATCH ()-[c:COVERS_STAGE]->(stage) "
        "RETURN stage.id AS id, count(CASE WHEN c.stated = true THEN 1 END) AS stated, "
        "count(CASE WHEN c.stated = false THEN 1 END) AS inferred"
    )
    assert {r["id"]: (r["stated"], r["inferred"]) for r in links} == {
        stage: (row["stated_links"], row["inferred_links"]) for stage, row in rows.items()
    }
    # No document states a city's recycling link: Kokkola's, for one, is inferred from its
    # circular-economy focus (the Kokkola page), so recycling's links are all inferred.
    recycling = rows["stage:recycling"]
    assert recycling["cities"] == 3
    assert recycling["stated_links"] == 0 and recycling["inferred_links"] >= recycling["cities"]
    assert rows["stage:chemicals"]["stated_links"] >= 1


def test_coverage_tells_no_evidence_from_single_source(corpus_client: TestClient) -> None:
    rows = ask(corpus_client, "coverage_city_stage", city="Vaasa")
    backing = {r["stage"]: r["backing"] for r in rows}
    assert set(backing.values()) == {"no evidence"}  # Vaasa: energy storage, no chain stage
    kokkola = {r["stage"]: r for r in ask(corpus_client, "coverage_city_stage", city="Kokkola")}
    assert kokkola["Recycling and reuse"]["backing"] in {"single source", "corroborated"}


def test_single_source_facts_name_their_only_document(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    rows = ask(corpus_client, "single_source_facts", predicate="PARTICIPATES_IN")
    sources = {
        row["id"]: row["docs"]
        for row in corpus_graph.read(
            "MATCH (:Entity)-[r:PARTICIPATES_IN {stated: true}]->(:Entity) "
            "UNWIND coalesce(r.evidence_docs, [null]) AS doc "
            "RETURN r.fact_id AS id, collect(DISTINCT doc) AS docs"
        )
    }
    # The report and the InnoCities page both name Kokkola in the leadership project: two
    # sources, so it must be left out.
    leadership = sources["city:kokkola|PARTICIPATES_IN|project:leadership"]
    assert {REPORT, INNOCITIES} <= set(leadership)
    assert {r["predicate"] for r in rows} == {"PARTICIPATES_IN"}
    assert {r["fact"]["fact_id"]: [r["only_source"]] for r in rows} == {
        fact: docs for fact, docs in sources.items() if len(docs) == 1
    }
    for row in rows:  # the one document is the one the evidence comes from
        assert {e["doc_id"] for e in row["fact"]["evidence"]} == {row["only_source"]}


def test_entity_mentions_in_any_case_form(corpus_client: TestClient) -> None:
    rows = ask(corpus_client, "entity_mentions", entity="Lappeenranta")
    assert {r["doc_id"] for r in rows} >= {REPORT, INNOCITIES, KOKKOLA_PAGE}


def test_fact_evidence_down_to_the_passage(corpus_client: TestClient) -> None:
    [row] = ask(corpus_client, "fact_evidence")
    assert (row["subject"], row["predicate"], row["object"]) == (
        "BATCircle3.0", "FUNDED_BY", "Business Finland")  # fmt: skip
    assert any("13,4 miljoonaa euroa" in p["text"] for p in row["passages"])


def test_source_disagreements_are_recorded(corpus_client: TestClient) -> None:
    rows = ask(corpus_client, "source_disagreements")
    kinds = {r["kind"] for r in rows}
    assert "count_mismatch" in kinds
    counts = [r for r in rows if r["kind"] == "count_mismatch"]
    assert any("16" in r["description"] and "18" in r["description"] for r in counts)


@pytest.mark.parametrize("name", [q.name for q in Catalogue()])
def test_every_question_answers_with_defaults(corpus_client: TestClient, name: str) -> None:
    """Each question's defaults are an example the corpus answers, whole, under the cap."""
    response = corpus_client.get(f"/questions/{name}")
    assert response.status_code == 200
    body = response.json()
    assert body["rows"], "the default parameters find nothing in the corpus"
    assert body["truncated"] is False
    assert set(body["params"]) == set(Catalogue().get(name).params)


def test_unknown_question_is_404_with_suggestions(corpus_client: TestClient) -> None:
    response = corpus_client.get("/questions/project_fundings")
    assert response.status_code == 404
    assert "project_funding" in response.json()["suggestions"]


def test_an_answer_longer_than_the_row_cap_is_cut_and_says_so(
    corpus_graph: Graph, settings: Settings
) -> None:
    capped = settings.model_copy(update={"row_cap": 2})
    with TestClient(create_app(capped, graph=corpus_graph)) as client:
        cut = client.get("/questions/value_chain_overview").json()
        whole = client.get("/questions/project_funding").json()

    assert cut["row_count"] == 2 and cut["truncated"] is True
    assert whole["row_count"] == 1 and whole["truncated"] is False
