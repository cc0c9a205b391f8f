"""``kgraph extract``: a document's proposed entities and facts, written for review."""

from __future__ import annotations

from typing import Annotated

import orjson
import typer

from kgraph_cli.common import fail, load_settings, reports_errors


@reports_errors
def extract_command(
    doc_id: Annotated[str | None, typer.Argument(help="A document id of corpus.yaml.")] = None,
    all_new: Annotated[
        bool, typer.Option("--all-new", help="Every document that is new or changed.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the proposals as JSON.")] = False,
) -> None:
    """Propose entities and facts for one document (or all new or changed ones).

    Writes <proposals_dir>/<doc id>.yaml; the same document gives the same bytes every time.
    """
    from loaders.extract.nlp import load_pipelines
    from loaders.proposals.run import extract_corpus
    from loaders.sources.registry import load_registry

    if (doc_id is None) == (not all_new):
        raise fail("give a document id or --all-new (not both)")
    settings = load_settings()
    registry = load_registry(settings.registry_dir)
    done = extract_corpus(settings.corpus_dir, registry, settings.proposals_dir, doc_id)
    if done:  # the pipelines were loaded (once per process): say which ran on rules only
        for why in load_pipelines().missing.values():
            typer.echo(f"warning: {why}", err=True)
    if as_json:
        items = [e.proposals.model_dump(mode="json", exclude_defaults=True) for e in done]
        payload = items[0] if doc_id is not None else items
        typer.echo(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode())
        return
    if not done:
        typer.echo("no new or changed documents")
    for extracted in done:
        p = extracted.proposals
        typer.echo(
            f"{p.doc}: {len(p.entities)} new entities, {len(p.links)} links, "
            f"{len(p.facts)} facts, {len(p.rejected)} rejections kept -> {extracted.path}"
        )
