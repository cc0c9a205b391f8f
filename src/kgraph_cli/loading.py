"""Loading: ``kgraph load``, ``kgraph synth``, ``kgraph registry check``, ``kgraph coverage``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kgraph.db import schema
from kgraph.db.graph import Graph
from kgraph.db.server import ManagedNeo4j
from kgraph.settings import Settings
from kgraph_cli.common import fail, load_settings, managed_server, open_graph, reports_errors

if TYPE_CHECKING:
    from kgraph.db.writer import SyncReport
    from loaders.build.pipeline import Build
    from loaders.plan.unchanged import Unchanged

registry_app = typer.Typer(help="The curated registry in loaders/registry.")


def _bulk_server(settings: Settings) -> ManagedNeo4j:
    if not settings.managed:
        raise fail(
            "--bulk imports into the managed server's store on this machine; NEO4J_URI names "
            "another server, where `kgraph load` syncs as ever"
        )
    return managed_server(settings)


def proposals_folder(settings: Settings, with_proposals: bool | None) -> Path | None:
    """The proposals folder when the load includes them (default: ``load_proposals``)."""
    include = settings.load_proposals if with_proposals is None else with_proposals
    return settings.proposals_dir if include else None


def bulk_load_corpus(
    settings: Settings, graph: Graph, server: ManagedNeo4j, with_proposals: bool | None = None
) -> None:
    """A first load of the corpus through neo4j-admin import (the database must be empty)."""
    import time

    from kgraph.db.bulk import bulk_load
    from loaders.build.pipeline import build, run_properties
    from loaders.plan.inputs import read_inputs

    started = time.perf_counter()
    proposals = proposals_folder(settings, with_proposals)
    inputs = read_inputs(settings.corpus_dir, settings.registry_dir, settings.schema_file,
                         proposals)  # fmt: skip
    result = build(settings.corpus_dir, settings.registry_dir, proposals)
    wanted = result.graph_input
    report = bulk_load(
        server, graph, wanted.nodes, wanted.relationships, run_properties(result, inputs),
        settings.schema_file, database=settings.neo4j_database,
    )  # fmt: skip
    typer.echo(
        f"imported in {time.perf_counter() - started:.2f} s ({report.load_id}): "
        f"{report.counts['nodes']} nodes, {report.counts['relationships']} relationships"
    )


def load_corpus(
    settings: Settings, graph: Graph, *, verify: bool = False, with_proposals: bool | None = None
) -> None:
    """Sync the corpus and the registry into ``graph`` and say what changed.

    Unless ``verify``, a load whose inputs are those of the newest LoadRun stops there, and
    one where only documents changed rebuilds and diffs what they own (``loaders.plan.partial``).
    Unreviewed proposals join when ``with_proposals`` (default: the setting ``load_proposals``).
    """
    import time

    from loaders.plan.unchanged import load_if_changed

    started = time.perf_counter()
    outcome = load_if_changed(
        graph, settings.corpus_dir, settings.registry_dir, settings.schema_file,
        proposals_folder(settings, with_proposals), verify=verify,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    for line in load_lines(outcome, seconds):
        typer.echo(line)


def load_lines(outcome: Unchanged | tuple[Build, SyncReport], seconds: float) -> list[str]:
    """What a load did, in lines (``kgraph load`` prints them, the review desk shows them)."""
    if not isinstance(outcome, tuple):  # Unchanged
        return [
            f"inputs unchanged since load {outcome.load_id}: nothing read or written "
            f"({seconds:.2f} s; `kgraph load --verify` diffs the whole graph)"
        ]
    result, report = outcome
    stats = ", ".join(f"{k} {v}" for k, v in result.stats.items())
    rebuilt = "what those documents own" if result.mode == "document" else "everything"
    n, r = report.nodes.summary(), report.relationships.summary()
    lines = [
        f"loaded in {seconds:.2f} s ({report.load_id}): {stats}",
        f"  {result.mode} load: {result.mode_reason}; {rebuilt} was rebuilt and diffed",
        f"  nodes: +{n['added']} ~{n['changed']} -{n['removed']}; "
        f"relationships: +{r['added']} ~{r['changed']} -{r['removed']}"
        + (" (nothing changed)" if report.unchanged else ""),
    ]
    if result.extracted is not None:
        lines += [f"  curation wins ({d.kind}) {d.key} at {d.where}: "
                  f"kept {d.kept}, proposed {d.proposed}"
                  for d in result.extracted.disagreements]  # fmt: skip
    return lines


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
    with open_graph(settings) as graph:
        schema.apply(graph, settings.schema_file)
        if server is not None:
            bulk_load_corpus(settings, graph, server, with_proposals)
        else:
            load_corpus(settings, graph, verify=verify, with_proposals=with_proposals)


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
    import time

    from kgraph.db.writer import sync
    from kgraph_cli.progress import load_progress
    from loaders.plan.inputs import synth_digest
    from loaders.plan.unchanged import newest_load_read

    settings = load_settings()
    server = _bulk_server(settings) if bulk else None
    with open_graph(settings) as graph:
        started = time.perf_counter()
        found = None if verify else newest_load_read(graph, synth_digest(scale, seed))
        if found is not None:
            typer.echo(
                f"synthetic scale {scale} (seed {seed}) is the graph's newest load already "
                f"({found.load_id}): nothing generated or written "
                f"({time.perf_counter() - started:.2f} s; `--verify` diffs the whole graph)"
            )
            return
        from loaders.synth import Synth

        synth = Synth(scale, seed)
        schema.apply(graph, settings.schema_file)
        totals: dict[str, int | None] = {"nodes": synth.node_count(), "relationships": None}
        started = time.perf_counter()
        if server is not None:
            from kgraph.db.bulk import bulk_load

            report = bulk_load(
                server, graph, synth.nodes(), synth.relationships(),
                synth.run_properties(), settings.schema_file, database=settings.neo4j_database,
            )  # fmt: skip
        else:
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
