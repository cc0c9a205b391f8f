"""The tests talk to a real Neo4j through Bolt: a write is read back."""

from __future__ import annotations

import pytest

from kgraph.db.graph import Graph
from kgraph.errors import QueryError, ReadOnlyViolation


def test_a_written_node_is_read_back_through_bolt(empty_graph: Graph) -> None:
    empty_graph.write("CREATE (:Probe {id: $id, name: $name})", {"id": "p1", "name": "Kokkola"})
    rows = empty_graph.read("MATCH (p:Probe {id: $id}) RETURN p.name AS name", {"id": "p1"})
    assert rows == [{"name": "Kokkola"}]


def test_server_is_neo4j_5_26_community_or_newer_5(empty_graph: Graph) -> None:
    info = empty_graph.ping()
    assert info["version"].startswith("5.")
    major, minor = (int(part) for part in info["version"].split(".")[:2])
    assert (major, minor) >= (5, 26)


def test_read_transaction_refuses_a_write(empty_graph: Graph) -> None:
    with pytest.raises(ReadOnlyViolation):
        empty_graph.in_read_tx(lambda tx: tx.run("CREATE (:Probe)").consume(), timeout_s=5)
    assert empty_graph.read("MATCH (p:Probe) RETURN count(p) AS n") == [{"n": 0}]


def test_syntax_error_becomes_query_error(empty_graph: Graph) -> None:
    with pytest.raises(QueryError, match="SyntaxError"):
        empty_graph.read("MATCH (n RETURN n")
