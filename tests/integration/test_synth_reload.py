"""Re-syncing synthetic data: the same scale writes nothing, a smaller one removes the rest."""

from __future__ import annotations

from kgraph.db.graph import Graph
from kgraph.db.writer import sync
from loaders.synth import Synth

UNITS = 3


def test_reloading_the_same_scale_changes_nothing_and_a_smaller_one_removes(
    empty_graph: Graph,
) -> None:
    first = Synth(UNITS)
    sync(empty_graph, first.nodes(), first.relationships(), first.run_properties())
    same = Synth(UNITS)
    again = sync(empty_graph, same.nodes(), same.relationships(), same.run_properties())
    smaller = Synth(UNITS - 1)
    shrunk = sync(empty_graph, smaller.nodes(), smaller.relationships(), smaller.run_properties())

    assert again.unchanged
    assert shrunk.nodes.summary()["added"] == 0
    assert shrunk.nodes.summary()["removed"] == same.node_count() - smaller.node_count()
    [left] = empty_graph.read("MATCH (n:Entity) RETURN count(n) AS n")
    assert left["n"] == sum(1 for _ in smaller.entities())
