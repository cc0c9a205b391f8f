"""Facts and entities over HTTP, each fact with its evidence or its rule."""

from __future__ import annotations

from fastapi.testclient import TestClient

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
    params = {"object": "project:batcircle3", "predicate": "PARTICIPATES_IN", "stated": "true"}
    during = corpus_client.get("/facts", params={**params, "as_of": "2025-06-15"}).json()
    before = corpus_client.get("/facts", params={**params, "as_of": "2020-01-01"}).json()
    assert during["items"]
    assert all(f["valid_from"] is None or f["valid_from"] <= "2025-06-15" for f in during["items"])
    assert len(before["items"]) < len(during["items"])


def test_facts_are_sorted_and_paged_deterministically(corpus_client: TestClient) -> None:
    first = corpus_client.get("/facts", params={"limit": 5}).json()["items"]
    second = corpus_client.get("/facts", params={"limit": 5, "offset": 5}).json()["items"]
    keys = [(f["subject"]["id"], f["predicate"], f["object"]["id"]) for f in first + second]
    assert keys == sorted(keys)
    assert len(set(keys)) == 10


def test_entity_lists_every_fact_with_evidence(corpus_client: TestClient) -> None:
    body = corpus_client.get("/entities/org:university-of-oulu").json()
    assert body["name"] == "University of Oulu"
    assert body["name_fi"] == "Oulun yliopisto"
    assert body["mentions"] > 10
    predicates = {f["predicate"] for f in body["facts"]}
    assert {"MEMBER_OF", "PARTICIPATES_IN", "LOCATED_IN"} <= predicates
    assert all(f["evidence"] or not f["stated"] for f in body["facts"])


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
