"""GET /resolve finds entities from any surface form: Finnish cases, Swedish, English, typos."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def best(client: TestClient, name: str, **params: str) -> dict[str, object]:
    response = client.get("/resolve", params={"name": name, **params})
    assert response.status_code == 200, response.text
    matches = response.json()
    assert matches, f"nothing resolved for {name!r}"
    first: dict[str, object] = matches[0]
    return first


@pytest.mark.parametrize(
    ("surface", "entity_id"),
    [
        ("Oulun yliopistolle", "org:university-of-oulu"),  # allative
        ("Kokkolassa", "city:kokkola"),  # inessive
        ("Itä-Suomen yliopiston", "org:uef"),  # genitive of a hyphenated name
        ("Lappeenrannassa", "city:lappeenranta"),  # nt -> nn gradation
        ("Turussa", "city:turku"),  # k -> zero gradation
        ("Jyväskylän yliopistossa", "org:university-of-jyvaskyla"),
        ("Business Finlandin", "org:business-finland"),
        ("BATCircle3.0:n", "project:batcircle3"),
        ("EERAn", "network:eera"),
    ],
)
def test_resolve_finds_inflected_finnish_names(
    corpus_client: TestClient, surface: str, entity_id: str
) -> None:
    match = best(corpus_client, surface)
    assert (match["id"], match["how"], match["score"]) == (entity_id, "inflected", 0.95)


@pytest.mark.parametrize(
    ("surface", "entity_id"),
    [("Vasa", "city:vaasa"), ("Björneborg", "city:pori"), ("Åbo", "city:turku"),
     ("University of Oulu", "org:university-of-oulu"), ("M.ERANET", "programme:m-era-net"),
     ("Battery2030", "network:battery2030plus")],
)  # fmt: skip
def test_resolve_finds_swedish_english_and_variant_names_exactly(
    corpus_client: TestClient, surface: str, entity_id: str
) -> None:
    match = best(corpus_client, surface)
    assert (match["id"], match["score"]) == (entity_id, 1.0)


def test_resolve_forgives_a_misspelling(corpus_client: TestClient) -> None:
    match = best(corpus_client, "Univeristy of Oulu")
    assert match["id"] == "org:university-of-oulu"
    assert match["how"] == "fuzzy"
    assert 0.7 < float(str(match["score"])) < 0.9


def test_resolve_filters_by_type(corpus_client: TestClient) -> None:
    matches = corpus_client.get("/resolve", params={"name": "Kokkola", "type": "Organisation"})
    ids = [m["id"] for m in matches.json()]
    assert ids[0] == "org:city-of-kokkola"
    assert "city:kokkola" not in ids


def test_resolve_returns_nothing_for_nonsense(corpus_client: TestClient) -> None:
    assert corpus_client.get("/resolve", params={"name": "qqqxxzzv"}).json() == []


def test_resolve_rejects_an_empty_name_with_422(corpus_client: TestClient) -> None:
    response = corpus_client.get("/resolve", params={"name": ""})
    assert response.status_code == 422
