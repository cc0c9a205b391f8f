"""The ``kgraph`` command: the managed server, the schema, loading, and the whole system."""

from __future__ import annotations

import typer

from kgraph.db import schema
from kgraph.db.server import ManagedNeo4j
from kgraph.settings import Settings
from kgraph_cli.analysis import centrality_command
from kgraph_cli.asking import ask_command
from kgraph_cli.common import (
    load_settings,
    login_line,
    managed_server,
    open_graph,
    reports_errors,
)
from kgraph_cli.database import neo4j_app, schema_app
from kgraph_cli.extracting import extract_command
from kgraph_cli.ingesting import ingest_command
from kgraph_cli.loading import (
    coverage_command,
    load_command,
    load_corpus,
    registry_app,
    synth_command,
)
from kgraph_cli.review import review_command

app = typer.Typer(help="The Finnish battery value chain as a Neo4j knowledge graph.")
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")
app.add_typer(registry_app, name="registry")
app.command("load")(load_command)
app.command("synth")(synth_command)
app.command("coverage")(coverage_command)
app.command("centrality")(centrality_command)
app.command("extract")(extract_command)
app.command("review")(review_command)
app.command("ingest")(ingest_command)
app.command("ask")(ask_command)


def _serve(settings: Settings) -> None:
    import uvicorn

    # The app asks for the password as it starts, inside uvicorn: a missing one is said here,
    # in one line, rather than in a traceback of the app's start-up.
    _ = settings.auth

    uvicorn.run(
        "kgraph_cli.desk:create_app_with_desk",
        factory=True,
        host=settings.api_host,
        port=settings.api_port,
        log_level="info",
    )


@app.command("serve")
@reports_errors
def serve() -> None:
    """Serve the HTTP API (uvicorn) on the configured address, in the foreground."""
    _serve(load_settings())


@app.command("up")
@reports_errors
def up() -> None:
    """Neo4j (unless NEO4J_URI is set), schema, load, then the API until Ctrl-C.

    A managed server that this command started is stopped again when the API stops.
    """
    settings = load_settings()
    server: ManagedNeo4j | None = None
    if settings.managed:
        candidate = managed_server(settings)
        if candidate.running_pid() is None:
            typer.echo("starting Neo4j ...")
            candidate.start()
            server = candidate
        typer.echo(candidate.status().message)
    try:
        with open_graph(settings) as graph:
            applied = schema.apply(graph, settings.schema_file)
            typer.echo(
                f"schema: {len(applied.created)} created, {len(applied.unchanged)} unchanged"
            )
            load_corpus(settings, graph)
        typer.echo(f"API on http://{settings.api_host}:{settings.api_port}/docs")
        if settings.managed:
            typer.echo(
                f"Neo4j Browser on http://{settings.host}:{settings.http_port}/browser/, "
                + login_line(settings)
            )
        _serve(settings)
    finally:
        if server is not None:
            typer.echo("stopping the Neo4j this command started ...")
            server.stop()
