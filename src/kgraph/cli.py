"""The ``kgraph`` command line: the managed server, the schema, loading, and the whole system."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from pydantic import ValidationError

from kgraph import schema
from kgraph.db import Graph, connect
from kgraph.errors import KGraphError
from kgraph.neo4j_server import ManagedNeo4j, ServerConfig
from kgraph.settings import Settings

app = typer.Typer(help="The Finnish battery value chain as a Neo4j knowledge graph.")
neo4j_app = typer.Typer(help="The project-managed Neo4j server (unused when NEO4J_URI is set).")
schema_app = typer.Typer(help="The graph schema in graph/schema.cypher.")
registry_app = typer.Typer(help="The curated registry in loaders/registry.")
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")
app.add_typer(registry_app, name="registry")

P = ParamSpec("P")
R = TypeVar("R")


def _fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


def _one_line(error: ValidationError) -> str:
    """Each invalid setting and why, on one line (the values are left out: one is a password)."""
    return "; ".join(
        f"{'.'.join(str(part) for part in e['loc']) or 'settings'}: {e['msg']}"
        for e in error.errors()
    )


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn kgraph errors into one readable line and exit code 1, not a traceback."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except KGraphError as error:
            raise _fail(str(error)) from error
        except ValidationError as error:
            raise _fail(f"invalid settings: {_one_line(error)}") from error

    return wrapper


def load_settings() -> Settings:
    return Settings()


def _server(settings: Settings) -> ManagedNeo4j:
    return ManagedNeo4j(ServerConfig.from_settings(settings))


@contextlib.contextmanager
def open_graph(settings: Settings) -> Iterator[Graph]:
    """A Graph on the configured server, closed on exit."""
    graph = Graph(
        connect(settings.bolt_uri, settings.auth),
        settings.neo4j_database,
        settings.query_timeout_s,
    )
    try:
        yield graph
    finally:
        graph.close()


# -- neo4j ---------------------------------------------------------------------------------
def _refuse_when_external(settings: Settings) -> None:
    if not settings.managed:
        raise _fail(f"NEO4J_URI is set ({settings.neo4j_uri}): kgraph manages no server then")


@neo4j_app.command("fetch")
@reports_errors
def neo4j_fetch() -> None:
    """Download the Neo4j jars from Maven Central (once)."""
    lib = _server(load_settings()).fetch_jars()
    typer.echo(f"Neo4j jars ready in {lib}")


@neo4j_app.command("start")
@reports_errors
def neo4j_start() -> None:
    """Start the managed server and wait until Bolt answers."""
    settings = load_settings()
    _refuse_when_external(settings)
    server = _server(settings)
    pid = server.start()
    typer.echo(f"Neo4j started (pid {pid}): {server.status().message}")


@neo4j_app.command("stop")
@reports_errors
def neo4j_stop() -> None:
    """Stop the managed server."""
    settings = load_settings()
    _refuse_when_external(settings)
    stopped = _server(settings).stop()
    typer.echo("Neo4j stopped" if stopped else "Neo4j was not running")


@neo4j_app.command("status")
@reports_errors
def neo4j_status() -> None:
    """Say whether the managed server runs; exit 3 when it does not."""
    settings = load_settings()
    _refuse_when_external(settings)
    status = _server(settings).status()
    typer.echo(status.message)
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
        raise _fail("this deletes the managed server's data; repeat with --yes")
    _server(settings).reset()
    typer.echo("Neo4j data deleted")


# -- schema --------------------------------------------------------------------------------
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


# -- loading -------------------------------------------------------------------------------
def _load(settings: Settings, graph: Graph) -> None:
    import time

    from loaders.pipeline import load

    started = time.perf_counter()
    result, report = load(graph, settings.corpus_dir, settings.registry_dir, settings.schema_file)
    seconds = time.perf_counter() - started
    stats = ", ".join(f"{k} {v}" for k, v in result.stats.items())
    typer.echo(f"loaded in {seconds:.2f} s ({report.load_id}): {stats}")
    n, r = report.nodes.summary(), report.relationships.summary()
    typer.echo(
        f"  nodes: +{n['added']} ~{n['changed']} -{n['removed']}; "
        f"relationships: +{r['added']} ~{r['changed']} -{r['removed']}"
        + (" (nothing changed)" if report.unchanged else "")
    )


@app.command("load")
@reports_errors
def load_command() -> None:
    """Sync the corpus and the registry into the graph (one transaction; idempotent)."""
    settings = load_settings()
    with open_graph(settings) as graph:
        schema.apply(graph, settings.schema_file)
        _load(settings, graph)


@app.command("synth")
@reports_errors
def synth_command(
    scale: Annotated[
        int, typer.Option(min=1, help="Size: about 430 nodes and 3,400 relationships per unit")
    ] = 1,
    seed: Annotated[int, typer.Option(help="The same seed gives the same graph")] = 7,
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per UNWIND query")] = 5000,
    progress: Annotated[bool, typer.Option(help="Show progress bars with rates")] = True,
) -> None:
    """Load a synthetic ecosystem of the given scale in place of the corpus (for scale tests).

    The load is a sync like any other: the graph afterwards holds the synthetic landscape
    only; `kgraph load` brings the corpus back.
    """
    import time

    from kgraph.progress import load_progress
    from kgraph.writer import sync
    from loaders.synth import Synth

    settings = load_settings()
    synth = Synth(scale, seed)
    with open_graph(settings) as graph:
        schema.apply(graph, settings.schema_file)
        totals: dict[str, int | None] = {"nodes": synth.node_count(), "relationships": None}
        started = time.perf_counter()
        with load_progress(totals, enabled=progress and sys.stderr.isatty()) as tell:
            report = sync(
                graph, synth.nodes(), synth.relationships(), synth.run_properties(),
                timeout_s=settings.load_timeout_s, batch_size=batch_size, progress=tell,
            )  # fmt: skip
        seconds = time.perf_counter() - started
    rels = report.counts["relationships"]
    typer.echo(
        f"synthetic scale {scale} (seed {seed}) loaded in {seconds:.1f} s ({report.load_id}): "
        f"{report.counts['nodes']:,} nodes, {rels:,} relationships, "
        f"{rels / seconds:,.0f} relationships/s"
    )


@registry_app.command("check")
@reports_errors
def registry_check(
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Registry folder to check.")
    ] = None,
) -> None:
    """Validate the registry and find every anchor in the corpus; write nothing."""
    from loaders.pipeline import build

    settings = load_settings()
    result = build(settings.corpus_dir, directory or settings.registry_dir)
    typer.echo("registry OK: " + ", ".join(f"{k} {v}" for k, v in result.stats.items()))


@app.command("coverage")
@reports_errors
def coverage_command(
    show: Annotated[int, typer.Option(help="How many findings of each list to print")] = 50,
) -> None:
    """What the corpus names that the graph does not account for (exit 1 if unexplained)."""
    from kgraph.coverage import measure
    from loaders.pipeline import build

    settings = load_settings()
    result = build(settings.corpus_dir, settings.registry_dir)
    report = measure(result.documents, result.registry, len(result.evidence))
    backed = {f.item.s for f in result.registry.facts} | {f.item.o for f in result.registry.facts}
    backed |= {e.item.id for e in result.registry.entities if e.item.evidence}
    silent = [e for e in report.never_mentioned if e not in backed]
    typer.echo("graph: " + ", ".join(f"{k} {v}" for k, v in result.stats.items()))
    typer.echo(
        f"corpus findings: {report.accounted} accounted for, "
        f"{len(report.explained_by_omission)} deliberately left out (omissions.yaml), "
        f"{len(report.unexplained)} unexplained"
    )
    typer.echo(f"anchors verified: {report.anchors_verified}, not found: 0")
    typer.echo(
        f"entities never named in a passage: {len(report.never_mentioned)} "
        f"({len(report.never_mentioned) - len(silent)} of them backed by facts or anchors)"
    )
    for entity_id in report.never_mentioned[:show]:
        typer.echo(f"  {'backed  ' if entity_id in backed else 'SILENT  '}{entity_id}")
    for finding in report.unexplained[:show]:
        typer.echo(f"  UNEXPLAINED {finding.kind:<10} {finding.text!r} in {finding.passage_id}")
    if report.unexplained or silent:
        raise typer.Exit(code=1)


# -- analytics -----------------------------------------------------------------------------
@app.command("centrality")
@reports_errors
def centrality_command(
    metric: Annotated[
        str, typer.Option(help="degree|betweenness|closeness|eigenvector|pagerank")
    ] = "betweenness",
    projection: Annotated[str, typer.Option(help="full|organisations|cities|coauthors")] = "full",
    type: Annotated[str | None, typer.Option(help="Only rank entities of this type")] = None,
    top: Annotated[int, typer.Option(min=1)] = 10,
) -> None:
    """The most central entities of the graph or of a projection (networkx)."""
    from kgraph import analytics

    if metric not in analytics.METRICS:
        raise _fail(f"unknown metric '{metric}' (one of {', '.join(analytics.METRICS)})")
    if projection not in ("full", "organisations", "cities", "coauthors"):
        raise _fail(f"unknown projection '{projection}'")
    settings = load_settings()
    with open_graph(settings) as graph:
        g = analytics.to_networkx(graph)
    view = analytics.projection(g, projection)  # type: ignore[arg-type]
    rows = analytics.centrality(view, metric, top=top, type=type)
    typer.echo(f"{metric} over {projection} ({view.number_of_nodes()} nodes, "
               f"{view.number_of_edges()} edges)")  # fmt: skip
    for rank, row in enumerate(rows, start=1):
        typer.echo(f"{rank:>3}. {row['score']:.4f}  {row['name']}  ({row['id']})")


# -- the whole system ------------------------------------------------------------------------
def _serve(settings: Settings) -> None:
    import uvicorn

    uvicorn.run(
        "api.main:create_app",
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
        candidate = _server(settings)
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
            _load(settings, graph)
        typer.echo(
            f"API on http://{settings.api_host}:{settings.api_port}/docs "
            f"(Browser: http://{settings.host}:{settings.http_port}/browser/, "
            f"user {settings.neo4j_user})"
        )
        _serve(settings)
    finally:
        if server is not None:
            typer.echo("stopping the Neo4j this command started ...")
            server.stop()


def main() -> None:  # pragma: no cover - console entry
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
