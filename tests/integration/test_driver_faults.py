"""Neo4j's failures that are not the statement's, through a real server: ``Neo4jFault``.

``QueryError`` (400 over HTTP) means the caller's Cypher is wrong. A uniqueness constraint
broken by a write, or a result used after it was consumed (a bug in kgraph's own code), is
not a caller's mistake: it is the server's fault, reported as such and never as bad Cypher.
"""

from __future__ import annotations

import pytest
from neo4j import ManagedTransaction

from kgraph.db.graph import Graph
from kgraph.errors import Neo4jFault, QueryError


def test_a_broken_uniqueness_constraint_is_a_fault_not_bad_cypher(empty_graph: Graph) -> None:
    # graph/schema.cypher makes Entity ids unique.
    with pytest.raises(Neo4jFault, match=r"Neo\.ClientError\.Schema\.ConstraintValidationFailed"):
        empty_graph.write("CREATE (:Entity {id: 'city:twin'}), (:Entity {id: 'city:twin'})")
    assert empty_graph.read("MATCH (e:Entity) RETURN count(e) AS n") == [{"n": 0}]


def test_a_result_used_after_it_was_consumed_is_a_fault_not_bad_cypher(
    empty_graph: Graph,
) -> None:
    def misuse(tx: ManagedTransaction) -> object:
        result = tx.run("RETURN 1 AS one")
        result.consume()
        return result.single()  # the driver refuses: a programming error, ours

    with pytest.raises(Neo4jFault, match="ResultConsumedError") as raised:
        empty_graph.in_read_tx(misuse, timeout_s=5)
    assert not isinstance(raised.value, QueryError)
