"""The example each question's OpenAPI operation shows answers with rows on the corpus."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kgraph.query.questions import Catalogue

CATALOGUE = Catalogue()


@pytest.mark.parametrize("name", sorted(CATALOGUE.questions))
def test_the_documented_example_answers_with_rows(corpus_client: TestClient, name: str) -> None:
    spec = corpus_client.get("/openapi.json").json()
    operation = spec["paths"][f"/questions/{name}"]["get"]
    example = {
        p["name"]: p["examples"]["corpus"]["value"]
        for p in operation.get("parameters", [])
        if "examples" in p
    }
    assert example == CATALOGUE.get(name).examples()

    response = corpus_client.get(f"/questions/{name}", params=example)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["row_count"] >= 1, f"{name} with {example} answered no rows"
    # The examples are names as the documents spell them: each resolves exactly.
    assert body["warnings"] == []
    assert {r["parameter"] for r in body["resolved"]} == {
        n for n in example if CATALOGUE.get(name).params[n].type == "entity"
    }
