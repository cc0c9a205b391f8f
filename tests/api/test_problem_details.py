"""Every error answer is one shape: RFC 9457 problem details, kgraph's errors and FastAPI's own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.main import create_app
from api.models import Problem
from kgraph.db.graph import Graph
from kgraph.settings import Settings

PROBLEM_MEMBERS = {"type", "title", "status", "detail", "instance", "error"}


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body.keys() >= PROBLEM_MEMBERS
    assert body["status"] == status
    assert isinstance(body["detail"], str) and body["detail"]
    Problem.model_validate(body)
    return body


def test_a_missing_entity_is_a_problem_with_its_suggestions(corpus_client: TestClient) -> None:
    body = _problem(corpus_client.get("/entities/org:university-of-oulu-x"), 404)
    assert body["type"] == "urn:kgraph:error:NotFound"
    assert body["title"] == "An entity, question or other named thing does not exist"
    assert body["error"] == "NotFound"
    assert body["instance"] == "/entities/org:university-of-oulu-x"
    assert body["detail"] == "no entity 'org:university-of-oulu-x'"
    assert "org:university-of-oulu" in body["suggestions"]


def test_a_bad_question_parameter_is_a_problem(corpus_client: TestClient) -> None:
    response = corpus_client.get("/questions/projects_active_on", params={"date": "June 2025"})
    body = _problem(response, 422)
    assert (body["error"], body["type"]) == ("QuestionError", "urn:kgraph:error:QuestionError")
    assert body["instance"] == "/questions/projects_active_on"


def test_fastapis_validation_error_is_a_problem_naming_each_field(client: TestClient) -> None:
    body = _problem(client.get("/facts", params={"limit": "many"}), 422)
    assert body["type"] == "about:blank"
    assert body["error"] == "RequestValidationError"
    assert body["detail"].startswith("query.limit: ")
    assert [e["loc"] for e in body["errors"]] == [["query", "limit"]]
    assert "input" not in body["errors"][0]


def test_an_unknown_route_is_a_problem(client: TestClient) -> None:
    body = _problem(client.get("/no/such/route"), 404)
    assert body == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "Not Found",
        "instance": "/no/such/route",
        "error": "HTTPException",
    }


def test_a_wrong_method_is_a_problem_that_keeps_allow(client: TestClient) -> None:
    response = client.delete("/facts")
    body = _problem(response, 405)
    assert (body["title"], body["instance"]) == ("Method Not Allowed", "/facts")
    assert response.headers["allow"] == "GET"


def test_graph_unavailable_is_a_problem_with_retry_after(settings: Settings) -> None:
    unreachable = settings.model_copy(
        update={"neo4j_uri": "bolt://127.0.0.1:9", "neo4j_password": SecretStr("its-own-password")}
    )
    with TestClient(create_app(unreachable)) as client:
        response = client.get("/facts")
    body = _problem(response, 503)
    assert body["error"] == "GraphUnavailable"
    assert response.headers["retry-after"] == "5"


@pytest.fixture
def failing_client(empty_graph: Graph, settings: Settings) -> Iterator[TestClient]:
    """The app with one route that fails the way a bug would, with internals in its message."""
    app: FastAPI = create_app(settings, graph=empty_graph)

    def broken() -> None:
        raise RuntimeError("password=hunter2 at /srv/kgraph/secret.py line 3")

    app.add_api_route("/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_an_unhandled_exception_is_a_500_problem_without_internals(
    failing_client: TestClient,
) -> None:
    response = failing_client.get("/broken")
    body = _problem(response, 500)
    assert body == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "the server failed to answer; the error is in its log",
        "instance": "/broken",
        "error": "InternalError",
    }
    assert "hunter2" not in response.text and "Traceback" not in response.text


def test_openapi_documents_the_problem_for_every_route(client: TestClient) -> None:
    spec: dict[str, Any] = client.get("/openapi.json").json()
    problem_ref = {"$ref": "#/components/schemas/Problem"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status in ("4XX", "5XX"):
                content = operation["responses"][status]["content"]
                assert content["application/problem+json"]["schema"] == problem_ref, (path, method)
            assert "422" not in operation["responses"] or "HTTPValidationError" not in str(
                operation["responses"]["422"]
            )
