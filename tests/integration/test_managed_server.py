"""The project-managed server: starts from Maven jars, refuses to start twice, stops cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from kgraph.db.server import ManagedNeo4j, ServerConfig
from kgraph.errors import MissingTool, ServerError
from kgraph.settings import Settings
from tests.ports import shifted_port


@pytest.fixture(scope="module")
def lifecycle_server(settings: Settings) -> Iterator[ManagedNeo4j]:
    """A third instance on its own ports, so stopping it disturbs no other test."""
    config = replace(
        ServerConfig.from_settings(settings, instance="lifecycle-test"),
        bolt_port=shifted_port(27687),
        http_port=shifted_port(27474),
        password="lifecycle-password",
    )
    server = ManagedNeo4j(config)
    server.reset()
    yield server
    server.stop()


@pytest.fixture
def stopped_server(lifecycle_server: ManagedNeo4j) -> ManagedNeo4j:
    """The lifecycle instance, stopped, whatever the test before it left (tests run shuffled)."""
    lifecycle_server.stop()
    return lifecycle_server


@pytest.fixture
def stopped_server_with_data(stopped_server: ManagedNeo4j) -> ManagedNeo4j:
    """Stopped, with a database that its first start created under its password."""
    stopped_server.start()
    stopped_server.stop()
    return stopped_server


def test_start_serves_bolt_http_and_browser_then_refuses_a_second_start(
    stopped_server: ManagedNeo4j,
) -> None:
    import urllib.request

    lifecycle_server = stopped_server
    pid = lifecycle_server.start()
    assert lifecycle_server.running_pid() == pid
    assert lifecycle_server.status().running

    c = lifecycle_server.config
    with GraphDatabase.driver(c.bolt_uri, auth=(c.user, c.password)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
    with urllib.request.urlopen(f"{c.http_url}/browser/", timeout=10) as page:
        assert b"Neo4j Browser" in page.read()

    with pytest.raises(ServerError, match="already running"):
        lifecycle_server.start()


def test_wrong_password_for_existing_data_is_explained(
    stopped_server_with_data: ManagedNeo4j,
) -> None:
    config = stopped_server_with_data.config
    stranger = ManagedNeo4j(replace(config, password="not-the-one-it-has"))
    with pytest.raises(ServerError, match="created with another one"):
        stranger.start()
    assert stranger.running_pid() is None


def test_stop_ends_the_process_and_removes_the_pid_file(lifecycle_server: ManagedNeo4j) -> None:
    if lifecycle_server.running_pid() is None:
        lifecycle_server.start()
    assert lifecycle_server.stop() is True
    assert lifecycle_server.running_pid() is None
    assert not lifecycle_server.pid_file.exists()
    assert lifecycle_server.status().message == "stopped"
    assert lifecycle_server.stop() is False


def test_missing_java_is_named(
    stopped_server: ManagedNeo4j, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MissingTool, match="'java' was not found"):
        stopped_server.start()


def test_missing_maven_is_named_when_jars_must_be_fetched(
    lifecycle_server: ManagedNeo4j, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    fresh = ManagedNeo4j(replace(lifecycle_server.config, lib_dir=tmp_path / "lib"))
    with pytest.raises(MissingTool, match="'mvn' was not found"):
        fresh.fetch_jars()
