"""Facts and entities over HTTP, each fact with its evidence or its rule."""

from __future__ import annotations

from fastapi.testclient import TestClient

from kgraph.db.graph import Graph

REPORT = "000_82ade397896eee5f"


def test_facts_answer_who_funds_batcircle3_with_evidence(corpus_client: TestClient) -> None:
    body = corpus_client.get(
        "/facts", params={"subject": "BATCircle3.0", "predicate": "FUNDED_BY"}
    ).json()
    [fact] = body["items"]
    assert fact["object"]["id"] == "org:business-finland"
    assert fact["props"]["amount_eur"] == 13_400_000
    assert fact["stated"] is True and fact["rule"] is None
    evidence = fact["evidence"][0]
    assert evidence["doc_id"] == REPORT
    assert evidence["passage_id"].startswith(REPORT + ":p")
    assert "13,4 miljoonaa euroa" in evidence["excerpt"]


def test_facts_accept_an_inflected_finnish_object_name(corpus_client: TestClient) -> None:
    body = corpus_client.get(
        "/facts", params={"predicate": "MEMBER_OF", "object": "EERAn", "stated": "true"}
    ).json()
    members = sorted(f["subject"]["id"] for f in body["items"])
    assert members == ["org:lut-university", "org:university-of-oulu"]


def test_inferred_facts_carry_their_rule_and_premises(corpus_client: TestClient) -> None:
    body = corpus_client.get(
        "/facts", params={"subject": "city:kokkola", "object": "SAFELOOP", "stated": "false"}
    ).json()
    [fact] = body["items"]
    assert fact["predicate"] == "PARTICIPATES_IN"
    assert fact["rule"] == "city_participates_via_organisation"
    assert "org:university-of-oulu|PARTICIPATES_IN|project:safeloop" in fact["derived_from"]
    assert fact["evidence"] == [] and fact["premise_passages"]


def test_facts_as_of_a_date_keep_only_what_held_then(corpus_client: TestClient) -> None:
    # The Kokkola page: BATTValley was carried out by the University of Oulu and Chydenius,
    # "Toteutusaika 1.6.2021 – 31.12.2021"; on both days it held, before and after it did not.
    params = {"object": "project:battvalley", "predicate": "PARTICIPATES_IN", "stated": "true"}

    def implementers(as_of: str) -> list[str]:
        body = corpus_client.get("/facts", params={**params, "as_of": as_of}).json()
        return sorted(f["subject"]["id"] for f in body["items"])

    both = ["org:chydenius", "org:university-of-oulu"]
    assert implementers("2021-06-01") == implementers("2021-12-31") == both
    assert implementers("2021-05-31") == []  # before valid_from
    assert implementers("2022-01-01") == []  # after valid_to


def test_facts_are_sorted_and_paged_deterministically(corpus_client: TestClient) -> None:
    first = corpus_client.get("/facts", params={"limit": 5}).json()["items"]
    second = corpus_client.get("/facts", params={"limit": 5, "offset": 5}).json()["items"]
    keys = [(f["subject"]["id"], f["predicate"], f["object"]["id"]) for f in first + second]
    assert keys == sorted(keys)
    assert len(set(keys)) == 10


def test_entity_lists_every_fact_with_evidence(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    body = corpus_client.get("/entities/org:university-of-oulu").json()
    assert body["name"] == "University of Oulu"
    assert body["name_fi"] == "Oulun yliopisto"
    assert body["mentions"] > 10
    in_graph = corpus_graph.read(
        "MATCH (:Entity {id: $id})-[r]->(:Entity) RETURN r.fact_id AS id "
        "UNION ALL MATCH (:Entity)-[r]->(:Entity {id: $id}) RETURN r.fact_id AS id",
        {"id": "org:university-of-oulu"},
    )
    assert sorted(f["fact_id"] for f in body["facts"]) == sorted(r["id"] for r in in_graph)
    predicates = {f["predicate"] for f in body["facts"]}
    assert {"MEMBER_OF", "PARTICIPATES_IN", "LOCATED_IN"} <= predicates
    for fact in body["facts"]:  # evidence if stated, a rule and premises if inferred
        if fact["stated"]:
            assert fact["evidence"], fact["fact_id"]
        else:
            assert fact["rule"] and fact["derived_from"] and fact["premise_passages"], fact


def test_unknown_entity_is_404_with_close_suggestions(corpus_client: TestClient) -> None:
    response = corpus_client.get("/entities/city:kokola")
    assert response.status_code == 404
    assert "city:kokkola" in response.json()["suggestions"]


def test_entities_filter_by_type_and_text(corpus_client: TestClient) -> None:
    body = corpus_client.get("/entities", params={"type": "Network", "q": "eera"}).json()
    assert [e["id"] for e in body["items"]] == ["network:eera-jp-es", "network:eera"]
    assert body["total"] == 2


def test_unknown_predicate_is_404_with_suggestions(corpus_client: TestClient) -> None:
    response = corpus_client.get("/facts", params={"predicate": "FUNDED"})
    assert response.status_code == 404
    assert "FUNDED_BY" in response.json()["suggestions"]
