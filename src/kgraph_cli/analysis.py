"""``kgraph centrality``: the most central entities, computed with networkx."""

from __future__ import annotations

from typing import Annotated

import typer

from kgraph_cli.common import fail, load_settings, open_graph, reports_errors


@reports_errors
def centrality_command(
    metric: Annotated[
        str, typer.Option(help="degree|betweenness|closeness|eigenvector|pagerank")
    ] = "betweenness",
    projection: Annotated[str, typer.Option(help="full|organisations|cities|coauthors")] = "full",
    type: Annotated[str | None, typer.Option(help="Only rank entities of this type")] = None,
    top: Annotated[int, typer.Option(min=1)] = 10,
    weighted: Annotated[
        bool, typer.Option(help="Use the projections' Newman weights (off: every link counts 1)")
    ] = True,
    stated_only: Annotated[
        bool, typer.Option(help="Leave inferred facts out of the network")
    ] = False,
) -> None:
    """The most central entities of the graph or of a projection (networkx)."""
    from kgraph.analysis import analytics

    if metric not in analytics.METRICS:
        raise fail(f"unknown metric '{metric}' (one of {', '.join(analytics.METRICS)})")
    if projection not in analytics.PROJECTIONS:
        raise fail(f"unknown projection '{projection}'")
    settings = load_settings()
    with open_graph(settings) as graph:
        g = analytics.to_networkx(graph)
    view = analytics.projection(g, projection, stated_only=stated_only)
    rows = analytics.centrality(view, metric, top=top, type=type, weighted=weighted)
    facts = "stated facts only" if stated_only else "stated and inferred facts"
    typer.echo(f"{metric} over {projection} ({view.number_of_nodes()} nodes, "
               f"{view.number_of_edges()} edges; {facts})")  # fmt: skip
    typer.echo(analytics.weighting(view, metric, weighted)["weighting"])
    for rank, row in enumerate(rows, start=1):
        typer.echo(f"{rank:>3}. {row['score']:.4f}  {row['name']}  ({row['id']})")
