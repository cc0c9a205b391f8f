"""GET /health reports the API, Neo4j and what the graph holds."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app
from kgraph.db.graph import Graph, connect
from kgraph.settings import Settings


def test_health_reports_neo4j_version_database_and_counts(
    client: TestClient, empty_graph: Graph
) -> None:
    empty_graph.write("CREATE (:Entity:City {id: 'city:vaasa', name: 'Vaasa'})")
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["neo4j"]["up"] is True
    assert body["neo4j"]["version"].startswith("5.")
    assert body["neo4j"]["database"] == "neo4j"
    assert body["neo4j"]["nodes"] == 1
    assert body["neo4j"]["labels"] == {"City": 1, "Entity": 1}


def test_health_is_503_with_a_reason_when_neo4j_is_unreachable(settings: Settings) -> None:
    dead = Graph(connect("bolt://127.0.0.1:9", ("neo4j", "x"), connection_timeout=1.0), "neo4j")
    try:
        with TestClient(create_app(settings, graph=dead)) as client:
            response = client.get("/health")
    finally:
        dead.close()
    assert response.status_code == 503
    assert response.json()["neo4j"]["up"] is False
    assert "unreachable" in response.json()["neo4j"]["error"]
