"""``kgraph ingest PATH``: a new document into the corpus, its proposals, and the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kgraph.db import schema
from kgraph.errors import KGraphError
from kgraph.settings import Settings
from kgraph_cli.common import fail, load_settings, open_graph, reports_errors
from kgraph_cli.loading import load_corpus


def extractor() -> Any | None:
    """The extractor's entry point, or None without the ``extract`` extra (spaCy)."""
    import importlib

    try:  # imported by name: spaCy and its Finnish model come with the optional extra
        run = importlib.import_module("loaders.proposals.run")
    except ImportError:
        return None
    return getattr(run, "extract_corpus", None)


def _extract(settings: Settings, doc_id: str) -> None:
    """Propose entities and facts for the new document, when the extractor is there."""
    from loaders.sources.registry import load_registry

    extract = extractor()
    if extract is None:
        typer.echo("  extraction skipped: the extractor needs the 'extract' extra (spaCy)")
        return
    try:
        done = extract(settings.corpus_dir, load_registry(settings.registry_dir),
                       settings.proposals_dir, doc_id)  # fmt: skip
    except (KGraphError, ImportError, OSError) as error:
        raise fail(
            f"{doc_id} is in the corpus, but extraction failed: {error}; "
            f"run `kgraph extract {doc_id}` once that is fixed"
        ) from error
    for item in done:
        proposals = item.proposals
        typer.echo(
            f"  proposed {len(proposals.entities)} entities, {len(proposals.facts)} facts, "
            f"{len(proposals.links)} links to known entities: {item.path.name}"
        )


@reports_errors
def ingest_command(
    path: Annotated[
        Path, typer.Argument(help="The document: a PDF, a saved web page (.html), .docx or text")
    ],
    language: Annotated[str, typer.Option(help="fi or en")],
    title: Annotated[
        str | None,
        typer.Option(help="A descriptive title for the manifest (default: the file's own)"),
    ] = None,
    kind: Annotated[str, typer.Option(help="report, web page, news article, ...")] = "document",
    publisher: Annotated[str, typer.Option(help="Who published it")] = "unknown",
    year: Annotated[int | None, typer.Option(help="Year of publication")] = None,
    extract: Annotated[
        bool, typer.Option(help="Propose its entities and facts (when the extractor is installed)")
    ] = True,
    load: Annotated[bool, typer.Option(help="Load the graph afterwards")] = False,
) -> None:
    """Add a document (PDF, saved web page, Word file or text, told by its content) to the
    corpus folder with its extracted text and its manifest entry, propose its entities and
    facts, and with --load load the graph. Bad input changes nothing."""
    from loaders.sources.ingest import ingest

    settings = load_settings()
    entry = ingest(settings.corpus_dir, path, title=title, language=language, kind=kind,
                   publisher=publisher, year=year, max_bytes=settings.ingest_max_bytes)  # fmt: skip
    typer.echo(f"added {entry.id} ({entry.language}, sha256 {entry.sha256[:12]}…): {entry.title}")
    if entry.original is not None:
        typer.echo(f"  text extracted by {entry.extractor} {entry.extractor_version}; "
                   f"original kept as {entry.original}")  # fmt: skip
    if extract:
        _extract(settings, entry.id)
    if load:
        with open_graph(settings) as graph:
            schema.apply(graph, settings.schema_file)
            load_corpus(settings, graph)
