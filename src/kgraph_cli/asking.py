"""``kgraph ask``: a question as a sentence, answered on the configured graph."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from kgraph_cli.common import load_settings, open_graph, reports_errors


@reports_errors
def ask_command(
    sentence: Annotated[str, typer.Argument(help="The question, in Finnish or English")],
    lang: Annotated[
        str | None, typer.Option(help="fi or en (default: the one that understands more)")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what was understood and the rows as JSON")
    ] = False,
) -> None:
    """What the sentence was read as, and the answer's entities (or the words not understood)."""
    from kgraph.ask.answer import ask
    from kgraph.names.resolve import Resolver
    from kgraph.query.questions import Catalogue

    settings = load_settings()
    with open_graph(settings) as graph:
        answered = ask(
            graph, Catalogue(), Resolver.from_graph(graph), sentence, dt.date.today(),
            language=lang, row_cap=settings.row_cap,
        )  # fmt: skip
    if as_json:
        body = {"understood": answered.understood(), "items": answered.items,
                "alternatives": answered.alternatives,
                "rows": answered.rows if answered.question else answered.hits}  # fmt: skip
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2, default=str))
        return
    understood = answered.understood()
    typer.echo(f"understood ({answered.language}): {answered.said}")
    typer.echo(f"ran: {understood['link']}")
    for p in understood["params"]:
        typer.echo(f'  {p["name"]} = {p["value"]}  <- "{p["words"]}"')
    count = len(answered.rows) if answered.question else answered.total
    typer.echo(f"{count} rows; {len(answered.items)} items")
    for item in answered.items:
        typer.echo(f"  {item['name']}  ({item['id']})")
    for other in answered.alternatives:
        typer.echo(f"also possible: {other['said']}  {other['link']}")
