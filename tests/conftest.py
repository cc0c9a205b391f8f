"""Test fixtures: one real Neo4j per session, and a known graph state per test.

Which server:
1. ``NEO4J_URI`` set: that server (its database is wiped by the tests!);
2. else a Docker engine answers: testcontainers' Neo4j 5.26 container;
3. else the project-managed server, in its own instance ``test-server`` on ports
   17687/17474, so it can run beside the one ``make up`` started.

Two tiers: everything under ``tests/unit/`` is pure (no server, seconds); everything else is
marked ``integration`` here, by folder, so ``-m "not integration"`` runs without Neo4j. A unit
test that asks for a fixture of the server is an error at collection, not a slow surprise.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kgraph.db import cypher, schema
from kgraph.db.graph import Graph, connect
from kgraph.db.server import ManagedNeo4j, ServerConfig
from kgraph.settings import Settings
from tests.ports import shifted_port

TEST_PASSWORD = "kgraph-test-password"
UNIT_DIR = Path(__file__).resolve().parent / "unit"
SERVER_FIXTURES = frozenset({"target", "session_graph"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test outside ``tests/unit/`` as ``integration``; keep the unit tier pure."""
    for item in items:
        if UNIT_DIR in item.path.parents:
            needs = SERVER_FIXTURES & set(getattr(item, "fixturenames", ()))
            if needs:
                raise pytest.UsageError(
                    f"{item.nodeid}: a unit test may not use the server fixture(s) {sorted(needs)}"
                    "; move it to tests/integration/ or tests/api/"
                )
        else:
            item.add_marker(pytest.mark.integration)


@dataclass(frozen=True)
class Target:
    uri: str
    auth: tuple[str, str]
    database: str
    kind: str  # "external" | "testcontainers" | "managed"


def _docker_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        probe = subprocess.run(["docker", "info"], capture_output=True, timeout=15, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def test_server_config(settings: Settings) -> ServerConfig:
    """The managed test instance: own folder, own ports, own password."""
    base = ServerConfig.from_settings(settings, instance="test-server")
    return ServerConfig(
        **{
            **base.__dict__,
            "bolt_port": shifted_port(17687),
            "http_port": shifted_port(17474),
            "password": TEST_PASSWORD,
        }
    )


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def target(settings: Settings) -> Iterator[Target]:
    if settings.neo4j_uri:
        yield Target(settings.neo4j_uri, settings.auth, settings.neo4j_database, "external")
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26-community", password=TEST_PASSWORD) as container:
            uri = container.get_connection_url()
            yield Target(uri, ("neo4j", TEST_PASSWORD), "neo4j", "testcontainers")
        return
    server = ManagedNeo4j(test_server_config(settings))
    server.reset()  # a known state: no data left from an earlier run
    server.start()
    try:
        yield Target(server.config.bolt_uri, ("neo4j", TEST_PASSWORD), "neo4j", "managed")
    finally:
        server.stop()


@pytest.fixture(scope="session")
def session_graph(target: Target, settings: Settings) -> Iterator[Graph]:
    graph = Graph(connect(target.uri, target.auth), target.database, timeout_s=30.0)
    graph.driver.verify_connectivity()
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def schema_file(settings: Settings) -> Path:
    return settings.schema_file


_CORPUS_STATE: dict[str, object] = {}


def _emptied(graph: Graph, schema_file: Path) -> Graph:
    """Delete every node, apply the schema, and mark the corpus graph as gone."""
    _CORPUS_STATE.clear()
    graph.run_autocommit(cypher.WIPE)
    schema.apply(graph, schema_file)
    return graph


@pytest.fixture
def empty_graph(session_graph: Graph, schema_file: Path) -> Graph:
    """The database with no data and the project's schema applied."""
    return _emptied(session_graph, schema_file)


@pytest.fixture(scope="module")
def module_empty_graph(session_graph: Graph, schema_file: Path) -> Graph:
    """Like ``empty_graph``, once per module: its tests share what they load into it."""
    return _emptied(session_graph, schema_file)


@pytest.fixture
def corpus_graph(session_graph: Graph, settings: Settings, schema_file: Path) -> Graph:
    """The database holding exactly the real corpus graph (loaded once, reused while intact).

    Tests using it must not write; those that do use ``empty_graph``, which marks it stale.
    """
    from tests.support.loading import load_full

    if not _CORPUS_STATE:
        _emptied(session_graph, schema_file)
        result, _ = load_full(
            session_graph, settings.corpus_dir, settings.registry_dir, schema_file
        )
        _CORPUS_STATE["stats"] = result.stats
    return session_graph


@pytest.fixture
def corpus_graph_to_reload(corpus_graph: Graph) -> Iterator[Graph]:
    """The corpus graph for a test that loads into it again (a new LoadRun, say).

    Afterwards it counts as stale, so the next test that reads the corpus graph gets a fresh
    load and not the history this test left.
    """
    yield corpus_graph
    _CORPUS_STATE.clear()
