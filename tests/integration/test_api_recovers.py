"""While Neo4j is down the API answers 503 within a second with a reason, and recovers by
itself when Neo4j is back. The app opens its own driver, exactly as in production."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.main import create_app
from kgraph.db.server import ManagedNeo4j
from kgraph.settings import Settings
from tests.support import own_server as instances


@pytest.fixture(scope="module")
def own_server(settings: Settings) -> Iterator[ManagedNeo4j]:
    """An instance of its own, so stopping it disturbs no other test."""
    with instances.own_server(
        settings, "recovery-test", 37687, 37474, "recovery-password"
    ) as server:
        yield server


def _timed(client: TestClient, path: str) -> tuple[float, int, dict[str, object]]:
    started = time.perf_counter()
    response = client.get(path)
    return time.perf_counter() - started, response.status_code, response.json()


def test_503_within_a_second_while_neo4j_is_down_and_recovery_without_restart(
    own_server: ManagedNeo4j, settings: Settings
) -> None:
    c = own_server.config
    pointed = settings.model_copy(
        update={"neo4j_uri": c.bolt_uri, "neo4j_password": SecretStr(c.password)}
    )
    with TestClient(create_app(pointed)) as client:
        assert client.get("/entities").status_code == 200

        own_server.stop()
        down = [_timed(client, "/entities") for _ in range(3)]
        for seconds, status, body in down:
            assert status == 503
            assert body["error"] == "GraphUnavailable"
            assert "unreachable" in str(body["detail"])
            assert seconds < 1.0
        answer = client.get("/resolve", params={"name": "Kokkola"})
        assert answer.status_code == 503 and answer.headers["Retry-After"]
        seconds, status, health = _timed(client, "/health")
        assert status == 503 and seconds < 1.0
        assert health["status"] == "degraded"
        assert health["neo4j"]["up"] is False  # type: ignore[index]
        assert "Neo4j is unreachable" in health["neo4j"]["error"]  # type: ignore[index]

        own_server.start()
        # The very first request after the restart is answered: nothing to reset by hand.
        # (It may be slow: a freshly started Neo4j compiles its first queries.)
        recovered, status, _ = _timed(client, "/entities")
        assert status == 200
        assert client.get("/health").json()["neo4j"]["up"] is True
    slowest = max(s for s, _, _ in down)
    print(f"down: 503 within {slowest:.3f} s; first request after restart: 200, {recovered:.2f} s")
