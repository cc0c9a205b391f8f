"""Loading: ``kgraph load``, ``kgraph synth``, ``kgraph registry check``, ``kgraph coverage``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from kgraph.db import schema
from kgraph.db.graph import Graph
from kgraph.db.server import ManagedNeo4j
from kgraph.settings import Settings
from kgraph_cli.common import fail, load_settings, managed_server, open_graph, reports_errors
from loaders.load import Corpus, Loaded, LoadMode, Options, Synthetic, load

registry_app = typer.Typer(help="The curated registry in loaders/registry.")


def _bulk_server(settings: Settings) -> ManagedNeo4j:
    if not settings.managed:
        raise fail(
            "--bulk imports into the managed server's store on this machine; NEO4J_URI names "
            "another server, where `kgraph load` syncs as ever"
        )
    return managed_server(settings)


def corpus_source(settings: Settings, with_proposals: bool | None = None) -> Corpus:
    """The corpus of ``settings``, with the proposals when the load includes them (default:
    the setting ``load_proposals``)."""
    include = settings.load_proposals if with_proposals is None else with_proposals
    proposals = settings.proposals_dir if include else None
    return Corpus(settings.corpus_dir, settings.registry_dir, proposals, settings.kept_dir)


def load_lines(loaded: Loaded) -> list[str]:
    """What a corpus load did, in lines: its mode and why, and what changed (``kgraph load``
    prints them, the review desk shows them)."""
    if loaded.mode == "unchanged":
        return [
            f"{loaded.reason}: nothing read or written "
            f"({loaded.seconds:.2f} s; `kgraph load --verify` diffs the whole graph)"
        ]
    result, report = loaded.built, loaded.synced
    stats = ", ".join(f"{k} {v}" for k, v in result.stats.items())
    verb = "imported" if loaded.mode == "bulk" else "loaded"
    rebuilt = "what those documents own" if loaded.mode == "document" else "everything"
    n, r = report.nodes.summary(), report.relationships.summary()
    lines = [
        f"{verb} in {loaded.seconds:.2f} s ({loaded.load_id}): {stats}",
        f"  {loaded.mode} load: {loaded.reason}; {rebuilt} was rebuilt and diffed",
        f"  nodes: +{n['added']} ~{n['changed']} -{n['removed']}; "
        f"relationships: +{r['added']} ~{r['changed']} -{r['removed']}"
        + (" (nothing changed)" if report.unchanged else ""),
    ]
    if result.extracted is not None:
        lines += [f"  curation wins ({d.kind}) {d.key} at {d.where}: "
                  f"kept {d.kept}, proposed {d.proposed}"
                  for d in result.extracted.disagreements]  # fmt: skip
    return lines


def load_corpus(
    settings: Settings,
    graph: Graph,
    *,
    mode: LoadMode = "auto",
    server: ManagedNeo4j | None = None,
    with_proposals: bool | None = None,
) -> Loaded:
    """Load the corpus of ``settings`` into ``graph`` (``loaders.load``) and say what it did."""
    loaded = load(graph, corpus_source(settings, with_proposals), settings.schema_file,
                  mode=mode, server=server, options=load_options(settings))  # fmt: skip
    for line in load_lines(loaded):
        typer.echo(line)
    return loaded


def load_options(settings: Settings, **more: Any) -> Options:
    """How a load of ``settings`` writes: its database, history and time limit, and ``more``
    (``loaders.load.Options``)."""
    more = {"timeout_s": settings.load_timeout_s, **more}
    return Options(database=settings.neo4j_database, history=settings.load_history, **more)


@reports_errors
def load_command(
    verify: Annotated[
        bool,
        typer.Option(help="Build and diff the whole graph even when the inputs are unchanged"),
    ] = False,
    with_proposals: Annotated[
        bool | None,
        typer.Option(
            "--with-proposals/--without-proposals",
            help="Load unreviewed extraction proposals too (default: KGRAPH_LOAD_PROPOSALS)",
            show_default=False,
        ),
    ] = None,
    bulk: Annotated[
        bool,
        typer.Option(
            help="First load into an empty managed database through neo4j-admin import "
            "(the server is stopped for the import and started again)"
        ),
    ] = False,
) -> None:
    """Sync the corpus and the registry into the graph (one transaction; idempotent).

    Documents, registry files, the schema and the code are compared by digest with what the
    newest load read; when nothing changed the load says so and writes nothing.
    """
    settings = load_settings()
    server = _bulk_server(settings) if bulk else None
    mode: LoadMode = "bulk" if bulk else "verify" if verify else "auto"
    with open_graph(settings) as graph:
        schema.apply(graph, settings.schema_file)
        load_corpus(settings, graph, mode=mode, server=server, with_proposals=with_proposals)


@reports_errors
def synth_command(
    scale: Annotated[
        int, typer.Option(min=1, help="Size: about 430 nodes and 3,400 relationships per unit")
    ] = 1,
    seed: Annotated[int, typer.Option(help="The same seed gives the same graph")] = 7,
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per UNWIND query")] = 5000,
    progress: Annotated[bool, typer.Option(help="Show progress bars with rates")] = True,
    bulk: Annotated[
        bool, typer.Option(help="Import into an empty managed database with neo4j-admin")
    ] = False,
    verify: Annotated[
        bool, typer.Option(help="Diff the whole graph even if it holds this landscape already")
    ] = False,
) -> None:
    """Load a synthetic ecosystem of the given scale in place of the corpus (for scale tests).

    The load is a sync like any other: the graph afterwards holds the synthetic landscape
    only; `kgraph load` brings the corpus back. When the newest load generated the same scale
    and seed with the same code, nothing is generated or written (unless ``--verify``).
    """
    from kgraph_cli.progress import load_progress

    settings = load_settings()
    server = _bulk_server(settings) if bulk else None
    mode: LoadMode = "bulk" if bulk else "verify" if verify else "auto"
    source = Synthetic(scale, seed)
    with open_graph(settings) as graph:
        schema.apply(graph, settings.schema_file)
        from loaders.synth import Synth

        nodes = Synth(scale, seed).node_count()  # the progress bar's total, not a load
        totals: dict[str, int | None] = {"nodes": nodes, "relationships": None}
        with load_progress(totals, enabled=progress and sys.stderr.isatty()) as tell:
            options = load_options(settings, batch_size=batch_size, progress=tell)
            loaded = load(graph, source, settings.schema_file, mode=mode, server=server,
                          options=options)  # fmt: skip
    if loaded.mode == "unchanged":
        typer.echo(
            f"{loaded.reason} already ({loaded.load_id}): nothing generated or written "
            f"({loaded.seconds:.2f} s; `--verify` diffs the whole graph)"
        )
        return
    report = loaded.synced
    rels = report.counts["relationships"]
    typer.echo(
        f"synthetic scale {scale} (seed {seed}) loaded in {loaded.seconds:.1f} s "
        f"({report.load_id}): {report.counts['nodes']:,} nodes, {rels:,} relationships, "
        f"{rels / loaded.seconds:,.0f} relationships/s"
    )


@registry_app.command("check")
@reports_errors
def registry_check(
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Registry folder to check.")
    ] = None,
) -> None:
    """Validate the registry and find every anchor in the corpus; write nothing."""
    from loaders.build.pipeline import build

    settings = load_settings()
    result = build(settings.corpus_dir, directory or settings.registry_dir)
    typer.echo("registry OK: " + ", ".join(f"{k} {v}" for k, v in result.stats.items()))


@reports_errors
def coverage_command(
    show: Annotated[int, typer.Option(help="How many findings of each list to print")] = 50,
) -> None:
    """What the corpus names that the graph does not account for (exit 1 if unexplained).

    The same report every load records on its LoadRun (``GET /coverage``).
    """
    from loaders.build.pipeline import build

    settings = load_settings()
    result = build(settings.corpus_dir, settings.registry_dir)
    report = result.coverage
    never, silent = report.never_mentioned, report.silent
    typer.echo("graph: " + ", ".join(f"{k} {v}" for k, v in result.stats.items()))
    typer.echo(
        f"corpus findings: {report.accounted} accounted for, "
        f"{len(report.explained_by_omission)} deliberately left out (omissions.yaml), "
        f"{len(report.unexplained)} unexplained"
    )
    typer.echo(f"anchors verified: {report.anchors_verified}, not found: 0")
    typer.echo(
        f"entities never named in a passage: {len(never)} "
        f"({len(never) - len(silent)} of them backed by facts or anchors)"
    )
    typer.echo(f"values without evidence or a derived mark: {len(report.unsourced_values)}")
    for entry in never[:show]:
        typer.echo(f"  {'backed  ' if entry.backed else 'SILENT  '}{entry.entity_id}")
    for finding in report.unexplained[:show]:
        typer.echo(f"  UNEXPLAINED {finding.kind:<10} {finding.text!r} in {finding.passage_id}")
    for value in report.unsourced_values[:show]:
        typer.echo(f"  UNSOURCED   {value}")
    if report.unexplained or silent or report.unsourced_values:
        raise typer.Exit(code=1)
