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


def _allowed_origin(url: str, origin: str, method: str = "GET") -> str | None:
    """The Access-Control-Allow-Origin Neo4j answers a request from a page of ``origin``."""
    import urllib.request

    headers = {"Origin": origin}
    if method == "OPTIONS":  # the preflight of a fetch() that sends credentials
        headers |= {"Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "authorization,content-type"}  # fmt: skip
    request = urllib.request.Request(url, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=10) as answer:
        allowed: str | None = answer.headers.get("Access-Control-Allow-Origin")
        return allowed


def test_neo4j_http_admits_the_browsers_origin_only(stopped_server: ManagedNeo4j) -> None:
    """Before, Neo4j answered ``*``: any page could POST Cypher to 127.0.0.1:7474 with the
    password. Neo4j sends one fixed value (and Vary: Origin); a browser lets a page read the
    answer only when that value is the page's own origin."""
    stopped_server.start()
    c = stopped_server.config
    commit = f"{c.http_url}/db/neo4j/tx/commit"
    for url, method in ((f"{c.http_url}/", "GET"), (commit, "OPTIONS")):
        assert _allowed_origin(url, c.http_url, method) == c.http_url
        for stranger in ("https://evil.example", "http://localhost:8000", "null"):
            allowed = _allowed_origin(url, stranger, method)
            assert allowed not in ("*", stranger), (url, method, stranger, allowed)


def test_wrong_password_for_existing_data_is_explained(
    stopped_server_with_data: ManagedNeo4j,
) -> None:
    config = stopped_server_with_data.config
    stranger = ManagedNeo4j(replace(config, password="not-the-one-it-has",
                                    password_source="home/neo4j-password"))  # fmt: skip
    with pytest.raises(ServerError, match="created with another one") as refused:
        stranger.start()
    assert "Neo4j refused the password (home/neo4j-password)" in str(refused.value)
    assert "`kgraph neo4j reset --yes`" in str(refused.value)
    assert "set NEO4J_PASSWORD to the one the data has" in str(refused.value)
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
