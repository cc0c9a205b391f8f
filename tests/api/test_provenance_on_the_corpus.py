"""Provenance on the corpus graph itself: questions filter by it, and /proposals says when a
load left proposals out. Apart from test_proposals_api.py, whose module graph holds proposals:
in one module, a corpus_client test run between them would replace that graph."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_questions_show_and_filter_by_provenance(corpus_client: TestClient) -> None:
    rows = corpus_client.get("/questions/project_implementers").json()["rows"]
    assert {r["fact"]["provenance"] for r in rows} == {"curated", "inferred"}
    inferred = corpus_client.get(
        "/questions/project_implementers", params={"provenance": "inferred"}
    ).json()["rows"]
    assert inferred and len(inferred) == sum(r["fact"]["provenance"] == "inferred" for r in rows)
    refused = corpus_client.get("/questions/project_implementers", params={"provenance": "x"})
    assert refused.status_code == 422
    assert "provenance x is not one of curated, extracted, inferred" in refused.json()["detail"]


def test_without_proposals_loaded_the_list_says_so(corpus_client: TestClient) -> None:
    body = corpus_client.get("/proposals").json()
    assert (body["loaded"], body["documents"], body["facts"]) == (False, [], 0)
