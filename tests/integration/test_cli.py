"""The ``kgraph`` command line, run as a user runs it: a subprocess, its exit code and output.

Errors end in one line on stderr, ``error: ...``, exit code 1 and no traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from kgraph.db import schema
from kgraph.db.graph import Graph
from kgraph.db.server import ManagedNeo4j, ServerConfig
from kgraph.settings import OLD_DEV_PASSWORD, Settings
from tests.conftest import Target
from tests.ports import shifted_port
from tests.support.small_registry import FUNDING, FUNDING_ENTITIES, REPORT, write_registry

KGRAPH = Path(sys.executable).with_name("kgraph")
ENTITIES = (
    """\
- id: city:kokkola
  type: City
  name: Kokkola
"""
    + FUNDING_ENTITIES
)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def clean_environ(**given: str) -> dict[str, str]:
    """The caller's environment without kgraph's settings (but the corpus), plus ``given``."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("NEO4J_", "KGRAPH_")) or name == "KGRAPH_CORPUS_DIR"
    }
    return {**kept, **given}


def kgraph(*args: str, cwd: Path, **env: str) -> Run:
    # cwd: a folder without a .env, so only what the test sets is configured.
    done = subprocess.run([str(KGRAPH), *args], env=clean_environ(**env), cwd=cwd,
                          capture_output=True, text=True, timeout=180, check=False)  # fmt: skip
    return Run(done.returncode, done.stdout, done.stderr)


def failed_with(run: Run, message: str) -> bool:
    """Exit 1, nothing on stdout, and exactly the one line ``error: message`` on stderr."""
    return (run.code, run.out, run.err) == (1, "", f"error: {message}\n")


def on(target: Target) -> dict[str, str]:
    """The environment that points the CLI at the test server."""
    user, password = target.auth
    return {"NEO4J_URI": target.uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password,
            "NEO4J_DATABASE": target.database}  # fmt: skip


def small_registry(root: Path, facts: str = FUNDING) -> Path:
    return write_registry(root, ENTITIES, facts)


# -- the managed server ------------------------------------------------------------------------
@pytest.fixture
def cli_home(tmp_path: Path, settings: Settings) -> Iterator[dict[str, str]]:
    """A managed instance of its own (own home, own ports); the jars are the project's."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "lib").symlink_to(settings.home / "lib", target_is_directory=True)
    env = {"KGRAPH_HOME": str(home), "KGRAPH_BOLT_PORT": str(shifted_port(47687)),
           "KGRAPH_HTTP_PORT": str(shifted_port(47474))}  # fmt: skip
    yield env
    instance = Settings(_env_file=None, neo4j_uri=None, home=home,  # type: ignore[call-arg]
                        bolt_port=int(env["KGRAPH_BOLT_PORT"]),
                        http_port=int(env["KGRAPH_HTTP_PORT"]))  # fmt: skip
    ManagedNeo4j(ServerConfig.from_settings(instance)).stop()  # if the test stopped midway


def test_neo4j_start_status_stop_and_reset(cli_home: dict[str, str], tmp_path: Path) -> None:
    home, bolt = Path(cli_home["KGRAPH_HOME"]), cli_home["KGRAPH_BOLT_PORT"]
    http = cli_home["KGRAPH_HTTP_PORT"]

    stopped = kgraph("neo4j", "status", cwd=tmp_path, **cli_home)
    # The installation's own password is made the first time it is needed, and shown.
    password = (home / "neo4j-password").read_text().strip()
    login = re.escape(f"login: user neo4j, password {password} (kept in {home}/neo4j-password)")
    assert stopped.code == 3 and re.fullmatch(rf"stopped\n{login}\n", stopped.out), stopped
    assert len(password) >= 32 and password != OLD_DEV_PASSWORD

    started = kgraph("neo4j", "start", cwd=tmp_path, **cli_home)
    running = (
        rf"running \(pid (\d+)\), Bolt on bolt://127\.0\.0\.1:{bolt}, "
        rf"Browser at http://127\.0\.0\.1:{http}/browser/"
    )
    match = re.fullmatch(rf"Neo4j started \(pid (\d+)\): {running}\n{login}\n", started.out)
    assert started.code == 0 and match, started
    pid = int(match[1])
    assert (home / "server" / "neo4j.pid").read_text().strip() == str(pid)
    with GraphDatabase.driver(f"bolt://127.0.0.1:{bolt}", auth=("neo4j", password)) as d:
        assert d.execute_query("RETURN 1 AS one").records[0]["one"] == 1

    again = kgraph("neo4j", "start", cwd=tmp_path, **cli_home)
    assert failed_with(again, f"Neo4j is already running (pid {pid}); stop it first"), again
    status = kgraph("neo4j", "status", cwd=tmp_path, **cli_home)
    assert status.code == 0 and re.fullmatch(rf"{running}\n{login}\n", status.out), status
    chosen = kgraph("neo4j", "status", cwd=tmp_path, **cli_home, NEO4J_PASSWORD="mine-1234")
    assert chosen.out.endswith("\nlogin: user neo4j, password from NEO4J_PASSWORD\n"), chosen

    assert kgraph("neo4j", "stop", cwd=tmp_path, **cli_home) == Run(0, "Neo4j stopped\n", "")
    assert not (home / "server" / "neo4j.pid").exists()
    assert kgraph("neo4j", "stop", cwd=tmp_path, **cli_home).out == "Neo4j was not running\n"
    assert kgraph("neo4j", "status", cwd=tmp_path, **cli_home).code == 3

    assert (home / "server" / "data" / "databases").is_dir()
    reset = kgraph("neo4j", "reset", "--yes", cwd=tmp_path, **cli_home)
    assert reset == Run(0, "Neo4j data deleted\n", "")
    assert not (home / "server" / "data").exists()
    assert (home / "lib" / ".complete").is_file()  # the jars stay


def test_reset_without_yes_deletes_nothing(cli_home: dict[str, str], tmp_path: Path) -> None:
    data = Path(cli_home["KGRAPH_HOME"]) / "server" / "data"
    (data / "databases").mkdir(parents=True)
    refused = kgraph("neo4j", "reset", cwd=tmp_path, **cli_home)
    assert failed_with(refused, "this deletes the managed server's data; repeat with --yes")
    assert (data / "databases").is_dir()


@pytest.mark.parametrize("command", ["start", "stop", "status", "reset"])
def test_the_server_commands_refuse_when_neo4j_uri_is_set(tmp_path: Path, command: str) -> None:
    refused = kgraph("neo4j", command, cwd=tmp_path, NEO4J_URI="bolt://127.0.0.1:7999")
    assert failed_with(
        refused, "NEO4J_URI is set (bolt://127.0.0.1:7999): kgraph manages no server then"
    ), refused


@pytest.mark.parametrize("command", [["load", "--bulk"], ["synth", "--bulk"]])
def test_bulk_loads_refuse_a_server_kgraph_does_not_manage(
    tmp_path: Path, command: list[str]
) -> None:
    refused = kgraph(*command, cwd=tmp_path, NEO4J_URI="bolt://127.0.0.1:7999")
    assert failed_with(
        refused,
        "--bulk imports into the managed server's store on this machine; NEO4J_URI names "
        "another server, where `kgraph load` syncs as ever",
    ), refused


# -- schema, registry, coverage ------------------------------------------------------------------
def test_schema_apply_creates_what_is_missing_and_drops_what_is_retired(
    empty_graph: Graph, target: Target, settings: Settings, tmp_path: Path
) -> None:
    declared = len(schema.parse(settings.schema_file))
    empty_graph.run_autocommit("DROP CONSTRAINT kg_passage_id")
    empty_graph.run_autocommit("CREATE INDEX kg_retired_test FOR (n:Passage) ON (n.kind)")
    applied = kgraph("schema", "apply", cwd=tmp_path, **on(target))
    assert applied == Run(0, f"schema applied: 1 created, 1 dropped, {declared - 1} unchanged\n"
                             "  + kg_passage_id\n  - kg_retired_test\n", "")  # fmt: skip
    names = {r["name"] for r in empty_graph.read("SHOW CONSTRAINTS YIELD name")}
    names |= {r["name"] for r in empty_graph.read("SHOW INDEXES YIELD name")}
    assert "kg_passage_id" in names and "kg_retired_test" not in names
    again = kgraph("schema", "apply", cwd=tmp_path, **on(target))
    assert again.out == f"schema applied: 0 created, 0 dropped, {declared} unchanged\n"


def test_registry_check_reports_what_it_would_load(tmp_path: Path) -> None:
    checked = kgraph("registry", "check", "--dir", str(small_registry(tmp_path)), cwd=tmp_path)
    assert checked.code == 0 and checked.err == ""
    stats = dict(
        item.rsplit(" ", 1)
        for item in checked.out.strip().removeprefix("registry OK: ").split(", ")
    )
    # Three entities and one fact (FUNDED_BY, anchored in doc 000) over the five documents.
    assert {k: stats[k] for k in ("documents", "entities", "facts_stated", "evidence_anchors")} == {
        "documents": "5", "entities": "3", "facts_stated": "1", "evidence_anchors": "1",
    }  # fmt: skip


def test_registry_check_names_the_bad_entry_in_one_line(tmp_path: Path) -> None:
    broken = FUNDING.replace("o: org:business-finland", "o: org:no-such-funder")
    checked = kgraph("registry", "check", "--dir", str(small_registry(tmp_path, broken)),
                     cwd=tmp_path)  # fmt: skip
    assert failed_with(
        checked, "registry/facts.yaml:1: object 'org:no-such-funder' is not a defined entity"
    ), checked


def test_coverage_exits_0_on_the_project_registry(tmp_path: Path) -> None:
    report = kgraph("coverage", "--show", "0", cwd=tmp_path)
    assert report.code == 0, report
    assert ", 0 unexplained\n" in report.out
    assert "UNEXPLAINED" not in report.out and "SILENT" not in report.out


def test_coverage_exits_1_when_the_corpus_names_what_the_registry_lacks(tmp_path: Path) -> None:
    folder = small_registry(tmp_path)
    report = kgraph("coverage", "--show", "1", cwd=tmp_path, KGRAPH_REGISTRY_DIR=str(folder))
    assert report.code == 1 and report.err == ""
    # Three entities cannot account for the corpus: the report's second passage already
    # names Vaasa and Finland ("Suomessa"), which this registry does not know.
    [line] = [line for line in report.out.splitlines() if "UNEXPLAINED" in line]
    assert line.endswith(f"in {REPORT}:p002")
    unexplained = re.search(r", (\d+) unexplained$", report.out.splitlines()[1])
    assert unexplained and int(unexplained[1]) > 0


# -- analytics and the one-line errors -----------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--metric", "fame"],
         "unknown metric 'fame' (one of degree, betweenness, closeness, eigenvector, pagerank)"),
        (["--projection", "towns"], "unknown projection 'towns'"),
    ],
)  # fmt: skip
def test_centrality_refuses_an_unknown_metric_or_projection(
    tmp_path: Path, args: list[str], message: str
) -> None:
    # Refused before any connection: no Neo4j is configured or needed here.
    assert failed_with(kgraph("centrality", *args, cwd=tmp_path), message)


def test_invalid_settings_are_one_line_naming_each_setting(tmp_path: Path) -> None:
    run = kgraph("neo4j", "status", cwd=tmp_path, KGRAPH_BOLT_PORT="0", KGRAPH_HEAP="1gb")
    assert failed_with(
        run,
        "invalid settings: bolt_port: Input should be greater than or equal to 1; "
        "heap: String should match pattern '^\\d+[mg]$'",
    ), run


def test_a_placeholder_password_in_production_is_one_line(tmp_path: Path) -> None:
    run = kgraph("schema", "apply", cwd=tmp_path, KGRAPH_ENV="production",
                 NEO4J_PASSWORD=OLD_DEV_PASSWORD)  # fmt: skip
    assert failed_with(
        run, "NEO4J_PASSWORD is a placeholder; set a real password when KGRAPH_ENV=production"
    ), run


def test_a_neo4j_of_the_users_own_without_a_password_is_one_line(tmp_path: Path) -> None:
    run = kgraph("schema", "apply", cwd=tmp_path, NEO4J_URI="bolt://127.0.0.1:7999")
    assert failed_with(
        run,
        "NEO4J_URI points at a Neo4j kgraph does not manage (bolt://127.0.0.1:7999): "
        "set NEO4J_PASSWORD to its password",
    ), run


def test_refused_credentials_are_one_line(target: Target, tmp_path: Path) -> None:
    run = kgraph("centrality", "--top", "1", cwd=tmp_path,
                 **{**on(target), "NEO4J_PASSWORD": "not-the-password"})  # fmt: skip
    assert failed_with(
        run,
        "Neo4j refused the credentials: The client is unauthorized due to authentication failure.",
    ), run
