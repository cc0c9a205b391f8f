"""``/facts`` counts what it matches and says what ``as_of`` does with undated facts."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def page(client: TestClient, **params: str) -> dict[str, Any]:
    response = client.get("/facts", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_total_counts_every_matching_fact_not_just_the_page(
    corpus_client: TestClient,
) -> None:
    first = page(corpus_client, predicate="PARTICIPATES_IN", limit="5")
    every = page(corpus_client, predicate="PARTICIPATES_IN", limit="1000")
    assert first["total"] == every["total"] == len(every["items"]) > 5
    assert len(first["items"]) == 5 and first["as_of"] is None


def test_as_of_includes_undated_facts_by_default_and_says_so(corpus_client: TestClient) -> None:
    answer = page(corpus_client, as_of="2019-01-01", limit="1000")
    rule = answer["as_of"]
    assert (rule["date"], rule["undated"]) == ("2019-01-01", "include")
    undated = [f for f in answer["items"] if f["valid_from"] is None and f["valid_to"] is None]
    assert rule["undated_matched"] == len(undated) == answer["total"] > 0


def test_as_of_can_leave_undated_facts_out(corpus_client: TestClient) -> None:
    answer = page(corpus_client, as_of="2025-06-15", undated="exclude", limit="1000")
    assert answer["as_of"]["undated"] == "exclude" and answer["as_of"]["undated_matched"] == 0
    assert answer["total"] == len(answer["items"]) > 0
    for fact in answer["items"]:
        assert fact["valid_from"] or fact["valid_to"]
        assert (fact["valid_from"] or "0000") <= "2025-06-15" <= (fact["valid_to"] or "9999")
    # 2019: before every dated fact of the corpus.
    assert page(corpus_client, as_of="2019-01-01", undated="exclude")["total"] == 0


def test_an_unknown_undated_choice_is_a_422(corpus_client: TestClient) -> None:
    response = corpus_client.get("/facts", params={"as_of": "2025-01-01", "undated": "maybe"})
    assert response.status_code == 422
