"""Names are resolved as the type each parameter expects, said back, and never widen an answer.

Each case was answered wrongly before with a 200: Oulu as the city for an organisation, the
BATCircle family for "Batcircle 3", a misspelt parameter ignored, a name like nothing
resolving to a faint fuzzy match or to an empty page.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def ok(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def said_back(body: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [(r["parameter"], r["given"], r["id"], r["how"]) for r in body["resolved"]]


def test_an_organisation_parameter_takes_oulu_as_the_university(
    corpus_client: TestClient,
) -> None:
    body = ok(corpus_client, "/questions/organisation_projects", organisation="Oulu")
    assert said_back(body) == [("organisation", "Oulu", "org:university-of-oulu", "fuzzy")]
    assert body["resolved"][0]["expected_type"] == "Organisation"
    assert body["row_count"] >= 1
    assert any("'Oulu' is not an exact name" in w for w in body["warnings"])


def test_batcircle_3_is_batcircle30_not_the_family(corpus_client: TestClient) -> None:
    body = ok(corpus_client, "/questions/project_funding", project="Batcircle 3")
    assert said_back(body) == [("project", "Batcircle 3", "project:batcircle3", "fuzzy")]
    assert [(r["funder_id"], r["amount_eur"]) for r in body["rows"]] == [
        ("org:business-finland", 13_400_000)
    ]
    assert body["warnings"]


def test_an_exact_name_is_said_back_without_a_warning(corpus_client: TestClient) -> None:
    body = ok(corpus_client, "/search", kind="Organisation", city="Kuopio")
    assert said_back(body) == [("city", "Kuopio", "city:kuopio", "exact")]
    assert body["resolved"][0]["score"] == 1.0
    assert body["warnings"] == []


def test_facts_and_paths_say_back_their_names(corpus_client: TestClient) -> None:
    facts = ok(corpus_client, "/facts", subject="BATCircle3.0", predicate="FUNDED_BY")
    assert said_back(facts) == [("subject", "BATCircle3.0", "project:batcircle3", "exact")]
    paths = ok(corpus_client, "/paths", **{"from": "Kokkolassa", "to": "Oulu"})
    assert said_back(paths) == [
        ("from", "Kokkolassa", "city:kokkola", "inflected"),
        ("to", "Oulu", "city:oulu", "exact"),
    ]
    assert len(paths["warnings"]) == 1 and paths["warnings"][0].startswith("from:")


@pytest.mark.parametrize(
    "given", ["10.1002/cphc.202400459", "https://doi.org/10.1002/cphc.202400459"]
)
def test_a_doi_resolves_to_its_publication(corpus_client: TestClient, given: str) -> None:
    body = ok(corpus_client, "/facts", subject=given)
    assert said_back(body) == [("subject", given, "pub:rostami-2024-lifepo4", "identifier")]
    assert body["items"], "the publication's facts"
    assert body["warnings"] == []


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/facts", {"subject": "Nowhereville"}, "subject"),
        ("/search", {"city": "Atlantis"}, "city"),
        ("/questions/project_funding", {"project": "Nowhereville"}, "project"),
        ("/paths", {"from": "Atlantis", "to": "Oulu"}, "from"),
    ],
)
def test_a_name_that_resolves_to_nothing_is_404_with_suggestions(
    corpus_client: TestClient, path: str, params: dict[str, str], parameter: str
) -> None:
    response = corpus_client.get(path, params=params)
    assert response.status_code == 404, response.text
    body = response.json()
    assert body["error"] == "NotFound"
    assert f"parameter '{parameter}'" in body["detail"]
    assert body["suggestions"], "close ids are offered"


def test_a_misspelt_search_parameter_is_422_naming_it(corpus_client: TestClient) -> None:
    response = corpus_client.get("/search", params={"citty": "Kuopio"})
    assert response.status_code == 422
    body = response.json()
    assert [e["loc"] for e in body["errors"]] == [["query", "citty"]]
    assert "citty" in body["detail"] and "city" in body["detail"]


def _get_operations(client: TestClient) -> list[str]:
    spec = client.get("/openapi.json").json()
    return sorted(path for path, ops in spec["paths"].items() if "get" in ops)


def test_every_route_refuses_an_unknown_query_parameter(corpus_client: TestClient) -> None:
    answers = {}
    for path in _get_operations(corpus_client):
        concrete = path.replace("{entity_id}", "city:kokkola")
        response = corpus_client.get(concrete, params={"no_such_parameter": "1"})
        answers[path] = (response.status_code, "no_such_parameter" in response.text)
    assert {path: answer for path, answer in answers.items() if answer != (422, True)} == {}
    assert len(answers) >= 30, "the questions' operations are among them"
