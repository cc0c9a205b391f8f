"""Access: POST /cypher can require an API key, CORS is off unless configured, and the
Neo4j Browser guide stays readable from the Browser's origin either way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.settings import Settings

QUERY = {"query": "MATCH (c:City {id: $id}) RETURN c.name AS name", "params": {"id": "city:vaasa"}}
BROWSER = "http://localhost:7474"


@pytest.fixture
def guarded(corpus_graph: Graph, settings: Settings) -> Iterator[TestClient]:
    configured = settings.model_copy(
        update={"api_key": SecretStr("s3cret-key"), "cors_origins": ["https://analyst.example"]}
    )
    with TestClient(create_app(configured, graph=corpus_graph)) as client:
        yield client


@pytest.mark.parametrize(
    "headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}, {"X-API-Key": "s3cret-key "}]
)
def test_cypher_without_the_right_key_is_401(guarded: TestClient, headers: dict[str, str]) -> None:
    response = guarded.post("/cypher", json=QUERY, headers=headers)
    assert response.status_code == 401
    assert response.json() == {
        "type": "urn:kgraph:error:AccessDenied",
        "title": "A request lacks the API key that a protected endpoint needs",
        "status": 401,
        "detail": "this endpoint needs the API key in the X-API-Key header",
        "instance": "/cypher",
        "error": "AccessDenied",
    }


def test_cypher_with_the_key_answers_and_reads_need_none(guarded: TestClient) -> None:
    response = guarded.post("/cypher", json=QUERY, headers={"X-API-Key": "s3cret-key"})
    assert response.json()["rows"] == [{"name": "Vaasa"}]
    assert guarded.get("/resolve", params={"name": "Vaasa"}).status_code == 200


def test_openapi_documents_the_key(guarded: TestClient) -> None:
    spec: dict[str, Any] = guarded.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["APIKeyHeader"]["name"] == "X-API-Key"
    assert spec["paths"]["/cypher"]["post"]["security"] == [{"APIKeyHeader": []}]
    assert "security" not in spec["paths"]["/entities"]["get"]


def test_without_a_configured_key_cypher_needs_none(corpus_client: TestClient) -> None:
    assert corpus_client.post("/cypher", json=QUERY).status_code == 200


def test_cors_is_off_by_default(corpus_client: TestClient) -> None:
    simple = corpus_client.get("/entities", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers
    preflight = corpus_client.options(
        "/cypher",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 405
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_answers_the_configured_origin_only(guarded: TestClient) -> None:
    allowed = guarded.options(
        "/cypher",
        headers={
            "Origin": "https://analyst.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "X-API-Key, Content-Type",
        },
    )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://analyst.example"
    other = guarded.get("/entities", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    refused = guarded.options(
        "/cypher",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert refused.status_code == 400


@pytest.mark.parametrize("fixture", ["corpus_client", "guarded"])
def test_the_browser_guide_stays_open_to_the_browser(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    client: TestClient = request.getfixturevalue(fixture)
    preflight = client.options(
        "/guide", headers={"Origin": BROWSER, "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    guide = client.get("/guide", headers={"Origin": BROWSER})
    assert guide.status_code == 200
    assert guide.headers["access-control-allow-origin"] == "*"
