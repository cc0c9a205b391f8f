"""``/search``: every filter given is explained in each hit's ``because``, read from the real
graph. The final report (``000_…``) places UEF in Kuopio ("Kuopio (UEF)") and lists BATCircle3.0
(2024-2027) as funded by Business Finland with 13,4 miljoonaa euroa."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

FILTERS = ("stage", "topic", "programme", "funder", "status", "funded", "as_of", "city",
           "network")  # fmt: skip


def hits(client: TestClient, **params: str) -> list[dict[str, Any]]:
    response = client.get("/search", params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    assert items, f"no hits for {params}"
    return items


def test_a_city_filter_says_the_hit_is_the_city(corpus_client: TestClient) -> None:
    [hit] = hits(corpus_client, city="Kuopio")
    assert hit["because"]["city"] == [{"city": "Kuopio", "is_the_city": True}]


def test_an_organisation_in_a_city_gives_the_located_in_fact(corpus_client: TestClient) -> None:
    found = {h["id"]: h for h in hits(corpus_client, kind="Organisation", city="Kuopio")}
    [fact] = found["org:uef"]["because"]["city"]
    assert fact["fact_id"] == "org:uef|LOCATED_IN|city:kuopio"
    assert any(e["anchor"] == "Kuopio (UEF)" for e in fact["evidence"])


def test_a_projects_status_and_dates_come_with_their_evidence(corpus_client: TestClient) -> None:
    found = {h["id"]: h for h in hits(corpus_client, kind="Project", status="ongoing",
                                      as_of="2025-06-15")}  # fmt: skip
    because = found["project:batcircle3"]["because"]
    [status] = because["status"]
    assert status["status"] == "ongoing" and status["derived"] == ["status"]
    assert "2024–2027" in status["note"]
    [dates] = because["as_of"]
    assert (dates["start_year"], dates["end_year"]) == (2024, 2027)
    assert {e["anchor"] for e in dates["evidence"]} == {"BATCircle3.0 (2024-2027)"}


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "City", "funder": "Business Finland", "funded": "true", "as_of": "2025-06-15"},
        {"kind": "Organisation", "programme": "Horizon Europe", "status": "funded"},
        {"kind": "Project", "city": "Kokkola", "funder": "Business Finland"},
        {"kind": "Project", "network": "InnoCities", "funded": "true"},
        {"kind": "City", "stage": "recycling", "topic": "battery chemistry"},
        {"kind": "City", "network": "InnoCities"},
    ],
)
def test_every_filter_given_is_explained_in_every_hit(
    corpus_client: TestClient, params: dict[str, str]
) -> None:
    given = [name for name in FILTERS if name in params]
    for hit in hits(corpus_client, **params):
        because = hit["because"]
        assert set(FILTERS) <= set(because)
        for name in given:
            assert because[name], f"{hit['id']}: nothing says why it matched {name}"
        for name in set(FILTERS) - set(given):
            assert because[name] == [], f"{hit['id']}: {name} was not asked for"
        for name in given:
            for item in because[name]:
                if "evidence" in item and not item.get("derived") and item.get("stated", True):
                    assert item["evidence"], f"{hit['id']}: {name} item without evidence"
