"""``kgraph neo4j ...`` (the managed server) and ``kgraph schema apply``."""

from __future__ import annotations

from typing import Annotated

import typer

from kgraph.db import schema
from kgraph.settings import Settings
from kgraph_cli.common import (
    fail,
    load_settings,
    login_line,
    managed_server,
    open_graph,
    reports_errors,
)

neo4j_app = typer.Typer(help="The project-managed Neo4j server (unused when NEO4J_URI is set).")
schema_app = typer.Typer(help="The graph schema in graph/schema.cypher.")


def _refuse_when_external(settings: Settings) -> None:
    if not settings.managed:
        raise fail(f"NEO4J_URI is set ({settings.neo4j_uri}): kgraph manages no server then")


@neo4j_app.command("fetch")
@reports_errors
def neo4j_fetch() -> None:
    """Download the Neo4j jars from Maven Central (once)."""
    lib = managed_server(load_settings()).fetch_jars()
    typer.echo(f"Neo4j jars ready in {lib}")


@neo4j_app.command("start")
@reports_errors
def neo4j_start() -> None:
    """Start the managed server and wait until Bolt answers."""
    settings = load_settings()
    _refuse_when_external(settings)
    server = managed_server(settings)
    pid = server.start()
    typer.echo(f"Neo4j started (pid {pid}): {server.status().message}")
    typer.echo(login_line(settings))


@neo4j_app.command("stop")
@reports_errors
def neo4j_stop() -> None:
    """Stop the managed server."""
    settings = load_settings()
    _refuse_when_external(settings)
    stopped = managed_server(settings).stop()
    typer.echo("Neo4j stopped" if stopped else "Neo4j was not running")


@neo4j_app.command("status")
@reports_errors
def neo4j_status() -> None:
    """Say whether the managed server runs; exit 3 when it does not."""
    settings = load_settings()
    _refuse_when_external(settings)
    status = managed_server(settings).status()
    typer.echo(status.message)
    typer.echo(login_line(settings))
    if not status.running:
        raise typer.Exit(code=3)


@neo4j_app.command("reset")
@reports_errors
def neo4j_reset(
    yes: Annotated[bool, typer.Option("--yes", help="Really delete the data.")] = False,
) -> None:
    """Stop the managed server and delete its data (the jars stay)."""
    settings = load_settings()
    _refuse_when_external(settings)
    if not yes:
        raise fail("this deletes the managed server's data; repeat with --yes")
    managed_server(settings).reset()
    typer.echo("Neo4j data deleted")


@schema_app.command("apply")
@reports_errors
def schema_apply() -> None:
    """Create the constraints and indexes of graph/schema.cypher; drop retired kg_* ones."""
    settings = load_settings()
    with open_graph(settings) as graph:
        result = schema.apply(graph, settings.schema_file)
    typer.echo(
        f"schema applied: {len(result.created)} created, {len(result.dropped)} dropped, "
        f"{len(result.unchanged)} unchanged"
    )
    for name in result.created:
        typer.echo(f"  + {name}")
    for name in result.dropped:
        typer.echo(f"  - {name}")
