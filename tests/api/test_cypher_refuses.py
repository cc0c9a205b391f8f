"""``POST /cypher`` refuses every write and administration attempt and leaves the graph as it
was: the same counts and the same content hash, the same indexes and constraints.

The server enforces read-only access (a READ transaction); the text check refuses what a read
transaction would still allow (LOAD CSV, USE, dbms.*, SHOW/TERMINATE of others' work).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from kgraph.db.graph import Graph
from kgraph.query.readonly import check_text
from tests.graph_state import graph_state

#: (what it tries, query, params). Each must be refused with a 4xx and a reason.
ATTACKS: list[tuple[str, str, dict[str, Any]]] = [
    ("create", "CREATE (:Probe)", {}),
    ("merge", "MERGE (:Probe {id: 'x'})", {}),
    ("set", "MATCH (c:City) SET c.name = 'x'", {}),
    ("set from parameter", "MATCH (c:City) SET c += $p", {"p": {"name": "x"}}),
    ("remove property", "MATCH (c:City) REMOVE c.name", {}),
    ("remove label", "MATCH (c:City) REMOVE c:City", {}),
    ("delete", "MATCH ()-[r]->() DELETE r", {}),
    ("detach delete", "MATCH (c:City) DETACH DELETE c", {}),
    ("detach delete all", "MATCH (n) DETACH DELETE n", {}),
    ("load csv from a file", "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", {}),
    (
        "load csv from a url",
        "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS r CREATE (:Probe)",
        {},
    ),
    ("load csv behind a comment", "LOAD/* x */CSV FROM 'file:///etc/hosts' AS l RETURN l", {}),
    (
        "load csv behind a name that looks like a comment",
        "WITH 1 AS `x//` LOAD CSV FROM 'file:///etc/hosts' AS l RETURN l",
        {},
    ),
    ("write procedure", "CALL db.createLabel('Probe')", {}),
    ("write procedure with parameter", "CALL db.createProperty($p)", {"p": "probe"}),
    ("relationship type procedure", "CALL db.createRelationshipType('PROBE')", {}),
    ("absent apoc procedure", "CALL apoc.create.node(['Probe'], {}) YIELD node RETURN node", {}),
    ("dbms procedure", "CALL dbms.listConfig()", {}),
    ("dbms procedure, quoted name", "CALL `dbms`.`listConfig`()", {}),
    ("dbms security procedure", "CALL dbms.security.createUser('eve', 'eve-pass', false)", {}),
    ("admin procedure: clear query caches", "CALL db.clearQueryCaches()", {}),
    ("admin procedure: query statistics", "CALL db.stats.collect('QUERIES')", {}),
    ("admin procedure: resample indexes", "CALL db.resampleOutdatedIndexes()", {}),
    ("dbms kill", "CALL dbms.killTransaction('neo4j-transaction-1')", {}),
    ("create index", "CREATE INDEX probe FOR (n:Probe) ON (n.x)", {}),
    ("create fulltext index", "CREATE FULLTEXT INDEX probe FOR (n:Probe) ON EACH [n.x]", {}),
    ("drop index", "DROP INDEX kg_entity_name IF EXISTS", {}),
    ("create constraint", "CREATE CONSTRAINT probe FOR (n:Probe) REQUIRE n.id IS UNIQUE", {}),
    ("drop constraint", "DROP CONSTRAINT kg_entity_id", {}),
    ("create database", "CREATE DATABASE probe", {}),
    ("drop database", "DROP DATABASE neo4j", {}),
    ("stop database", "STOP DATABASE neo4j", {}),
    ("use another database", "USE system SHOW USERS", {}),
    ("use, quoted name", "USE `system` SHOW DATABASES", {}),
    ("use behind a comment", "/* read */ USE system MATCH (n) RETURN n", {}),
    ("show users", "SHOW USERS", {}),
    ("show current user", "SHOW CURRENT USER", {}),
    ("show databases", "SHOW DATABASES YIELD name, address RETURN name, address", {}),
    ("create user", "CREATE USER eve SET PASSWORD 'eve-password'", {}),
    ("change a password", "ALTER USER neo4j SET PASSWORD 'pwned-password'", {}),
    (
        "change own password",
        "ALTER CURRENT USER SET PASSWORD FROM 'kgraph-test-password' TO 'pwned-password'",
        {},
    ),
    ("show transactions", "SHOW TRANSACTIONS", {}),
    ("terminate transactions", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", {}),
    ("show settings", "SHOW SETTINGS", {}),
    ("multiple statements", "MATCH (n) RETURN count(n); CREATE (:Probe)", {}),
    ("multiple statements, no space", "RETURN 1;MATCH (n) DETACH DELETE n", {}),
    (
        "write hidden after a block comment",
        "MATCH (n) RETURN n /* read only */ CREATE (:Probe)",
        {},
    ),
    (
        "write hidden after a line comment",
        "MATCH (n) RETURN count(n) // harmless\nMERGE (:Probe)",
        {},
    ),
    ("write after a comment that looks like the end", "// RETURN 1\nCREATE (:Probe)", {}),
    ("write in a subquery", "CALL () { CREATE (:Probe) } RETURN 1", {}),
    ("write in an old-style subquery", "CALL { CREATE (:Probe) } RETURN 1", {}),
    ("write in foreach", "FOREACH (i IN [1, 2] | CREATE (:Probe))", {}),
    ("write in transactions", "UNWIND [1] AS i CALL (i) { CREATE (:Probe) } IN TRANSACTIONS", {}),
    ("profiled write", "PROFILE CREATE (:Probe)", {}),
    ("dynamic label from a parameter", "CREATE (:$($label))", {"label": "Probe"}),
]


def _schema(graph: Graph) -> list[str]:
    rows = graph.read("SHOW INDEXES YIELD name RETURN name ORDER BY name")
    rows += graph.read("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name")
    return [row["name"] for row in rows]


@pytest.mark.parametrize(("query", "params"), [a[1:] for a in ATTACKS], ids=[a[0] for a in ATTACKS])
def test_cypher_refuses_writes_and_administration_and_changes_nothing(
    corpus_client: TestClient, corpus_graph: Graph, query: str, params: dict[str, Any]
) -> None:
    before, schema_before = graph_state(corpus_graph), _schema(corpus_graph)
    response = corpus_client.post("/cypher", json={"query": query, "params": params})
    assert response.status_code in (400, 403), response.text
    assert response.json()["error"] in ("ReadOnlyViolation", "QueryError")
    assert response.json()["detail"]
    assert graph_state(corpus_graph) == before
    assert _schema(corpus_graph) == schema_before


def test_a_write_passed_as_a_parameter_value_is_only_data(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    before = graph_state(corpus_graph)
    attack = "CREATE (:Probe) WITH 1 AS x MATCH (n) DETACH DELETE n"
    response = corpus_client.post(
        "/cypher",
        json={
            "query": "OPTIONAL MATCH (c:City {id: $q}) RETURN $q AS q, count(c) AS found",
            "params": {"q": attack},
        },
    )
    assert response.status_code == 200
    assert response.json()["rows"] == [{"q": attack, "found": 0}]
    assert graph_state(corpus_graph) == before


def test_the_same_queries_still_read(corpus_client: TestClient) -> None:
    """The text check does not refuse reads that merely mention refused words."""
    for query in (
        "MATCH (c:City) WHERE c.name = 'LOAD CSV; USE system' RETURN count(c) AS n",
        "MATCH (n) // CREATE (:Probe)\nRETURN count(n) > 0 AS n",
        "SHOW INDEXES YIELD name RETURN count(name) > 0 AS n",
        "CALL db.labels() YIELD label RETURN count(label) > 0 AS n",
        "CALL db.index.fulltext.queryNodes('kg_entity_names', 'Kokkola') YIELD node "
        "RETURN count(node) > 0 AS n",
    ):
        response = corpus_client.post("/cypher", json={"query": query})
        assert response.status_code == 200, (query, response.text)


def test_the_read_transaction_refuses_a_write_the_text_check_lets_through(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    """The server is the guard: a plain write passes the text check and is refused by the
    READ transaction's access mode."""
    check_text("MERGE (p:Probe {id: 'x'}) RETURN p")
    before = graph_state(corpus_graph)
    response = corpus_client.post("/cypher", json={"query": "MERGE (p:Probe {id: 'x'}) RETURN p"})
    assert response.status_code == 403
    assert response.json()["error"] == "ReadOnlyViolation"
    assert "writes are not allowed" in response.json()["detail"]
    assert graph_state(corpus_graph) == before
