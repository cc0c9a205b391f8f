"""While Neo4j is down the API answers 503 with a reason, and recovers by itself."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from kgraph.db import Graph, connect
from kgraph.neo4j_server import ManagedNeo4j, ServerConfig
from kgraph.settings import Settings
from tests.ports import shifted_port


@pytest.fixture(scope="module")
def own_server(settings: Settings) -> Iterator[ManagedNeo4j]:
    """An instance of its own, so stopping it disturbs no other test."""
    config = replace(
        ServerConfig.from_settings(settings, instance="recovery-test"),
        bolt_port=shifted_port(37687),
        http_port=shifted_port(37474),
        password="recovery-password",
        guide_url=None,
    )
    server = ManagedNeo4j(config)
    server.reset()
    server.start()
    yield server
    server.stop()


def test_503_while_neo4j_is_down_and_recovery_without_restart(
    own_server: ManagedNeo4j, settings: Settings
) -> None:
    c = own_server.config
    graph = Graph(
        connect(c.bolt_uri, (c.user, c.password), connection_timeout=1.0,
                max_transaction_retry_time=0.5),
        "neo4j",
    )  # fmt: skip
    try:
        with TestClient(create_app(settings, graph=graph)) as client:
            assert client.get("/entities").status_code == 200

            own_server.stop()
            down = client.get("/entities")
            assert down.status_code == 503
            assert down.json()["error"] == "GraphUnavailable"
            assert "unreachable" in down.json()["detail"]
            assert down.headers["Retry-After"]
            health = client.get("/health")
            assert health.status_code == 503 and health.json()["neo4j"]["up"] is False

            own_server.start()
            assert client.get("/entities").status_code == 200
            assert client.get("/health").json()["neo4j"]["up"] is True
    finally:
        graph.close()
