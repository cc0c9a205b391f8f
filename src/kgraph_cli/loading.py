"""Loading: ``kgraph load``, ``kgraph synth``, ``kgraph registry check``, ``kgraph coverage``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kgraph.db import schema
from kgraph.db.graph import Graph
from kgraph.settings import Settings
from kgraph_cli.common import load_settings, open_graph, reports_errors

registry_app = typer.Typer(help="The curated registry in loaders/registry.")


def load_corpus(settings: Settings, graph: Graph, *, verify: bool = False) -> None:
    """Sync the corpus and the registry into ``graph`` and say what changed.

    Unless ``verify``, a load whose inputs are those of the newest LoadRun stops there.
    """
    import time

    from loaders.pipeline import load
    from loaders.unchanged import Unchanged, load_if_changed

    started = time.perf_counter()
    args = (graph, settings.corpus_dir, settings.registry_dir, settings.schema_file)
    outcome = load(*args) if verify else load_if_changed(*args)
    seconds = time.perf_counter() - started
    if isinstance(outcome, Unchanged):
        typer.echo(
            f"inputs unchanged since load {outcome.load_id}: nothing read or written "
            f"({seconds:.2f} s; `kgraph load --verify` diffs the whole graph)"
        )
        return
    result, report = outcome
    stats = ", ".join(f"{k} {v}" for k, v in result.stats.items())
    typer.echo(f"loaded in {seconds:.2f} s ({report.load_id}): {stats}")
    n, r = report.nodes.summary(), report.relationships.summary()
    typer.echo(
        f"  nodes: +{n['added']} ~{n['changed']} -{n['removed']}; "
        f"relationships: +{r['added']} ~{r['changed']} -{r['removed']}"
        + (" (nothing changed)" if report.unchanged else "")
    )


@reports_errors
def load_command(
    verify: Annotated[
        bool,
        typer.Option(help="Build and diff the whole graph even when the inputs are unchanged"),
    ] = False,
) -> None:
    """Sync the corpus and the registry into the graph (one transaction; idempotent).

    Documents, registry files, the schema and the code are compared by digest with what the
    newest load read; when nothing changed the load says so and writes nothing.
    """
    settings = load_settings()
    with open_graph(settings) as graph:
        schema.apply(graph, settings.schema_file)
        load_corpus(settings, graph, verify=verify)


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

    from kgraph.db.writer import sync
    from kgraph_cli.progress import load_progress
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


@reports_errors
def coverage_command(
    show: Annotated[int, typer.Option(help="How many findings of each list to print")] = 50,
) -> None:
    """What the corpus names that the graph does not account for (exit 1 if unexplained)."""
    from loaders.coverage import measure
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
