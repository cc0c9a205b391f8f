"""``POST /cypher`` refuses every write and administration attempt, each for its own reason,
and leaves the graph as it was: the same counts and the same content hash, the same indexes
and constraints.

Two guards answer: the server's READ transaction refuses writes and schema changes, and the
text check refuses what a read transaction would still allow (LOAD CSV, USE, dbms.*, SHOW or
TERMINATE of others' work, administration commands, procedures outside the allowed list).
Each attack names the refusal it must get, so one refused for an unrelated reason (a file that
is not there, a URL that does not answer, a syntax error) fails instead of passing unnoticed.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from kgraph.db.graph import Graph
from kgraph.query.readonly import check_text
from tests.graph_state import graph_state

# The refusals, as ``kgraph.query.readonly`` and ``kgraph.db.graph.translate`` word them.
READ_TX = "writes are not allowed here: "
LOAD_CSV = "refused: LOAD CSV reads files and URLs"
USE = "refused: USE switches to another database"
DBMS = "refused: dbms procedures administer the server"
SHOW = "refused: SHOW may list indexes, constraints, procedures and functions only"
TERMINATE = "refused: TERMINATE ends other transactions"
ADMIN = "refused: administration commands manage databases, users, roles and privileges"
#: Neo4j itself parses one statement per query; a second one never runs.
ONE_STATEMENT = "Neo.ClientError.Statement.SyntaxError: Expected exactly one statement per query"


def procedure(name: str) -> str:
    return f"refused: procedure '{name}' is not one of the read-only procedures allowed here"


#: (what it tries, query, params, how it must be refused).
ATTACKS: list[tuple[str, str, dict[str, Any], str]] = [
    ("create", "CREATE (:Probe)", {}, READ_TX),
    ("merge", "MERGE (:Probe {id: 'x'})", {}, READ_TX),
    ("set", "MATCH (c:City) SET c.name = 'x'", {}, READ_TX),
    ("set from parameter", "MATCH (c:City) SET c += $p", {"p": {"name": "x"}}, READ_TX),
    ("remove property", "MATCH (c:City) REMOVE c.name", {}, READ_TX),
    ("remove label", "MATCH (c:City) REMOVE c:City", {}, READ_TX),
    ("delete", "MATCH ()-[r]->() DELETE r", {}, READ_TX),
    ("detach delete", "MATCH (c:City) DETACH DELETE c", {}, READ_TX),
    ("detach delete all", "MATCH (n) DETACH DELETE n", {}, READ_TX),
    # A file that exists and a URL that would answer: without the text check Neo4j would
    # read them (or fail for the file or the URL, which must not count as a refusal).
    (
        "load csv from a file",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        {},
        LOAD_CSV,
    ),
    (
        "load csv from a url",
        "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS r CREATE (:Probe)",
        {},
        LOAD_CSV,
    ),
    (
        "load csv behind a comment",
        "LOAD/* x */CSV FROM 'file:///etc/hosts' AS l RETURN l",
        {},
        LOAD_CSV,
    ),
    (
        "load csv behind a name that looks like a comment",
        "WITH 1 AS `x//` LOAD CSV FROM 'file:///etc/hosts' AS l RETURN l",
        {},
        LOAD_CSV,
    ),
    ("write procedure", "CALL db.createLabel('Probe')", {}, procedure("db.createLabel")),
    (
        "write procedure with parameter",
        "CALL db.createProperty($p)",
        {"p": "probe"},
        procedure("db.createProperty"),
    ),
    (
        "relationship type procedure",
        "CALL db.createRelationshipType('PROBE')",
        {},
        procedure("db.createRelationshipType"),
    ),
    (
        "absent apoc procedure",
        "CALL apoc.create.node(['Probe'], {}) YIELD node RETURN node",
        {},
        procedure("apoc.create.node"),
    ),
    ("dbms procedure", "CALL dbms.listConfig()", {}, DBMS),
    ("dbms procedure, quoted name", "CALL `dbms`.`listConfig`()", {}, DBMS),
    (
        "dbms security procedure",
        "CALL dbms.security.createUser('eve', 'eve-pass', false)",
        {},
        DBMS,
    ),
    (
        "admin procedure: clear query caches",
        "CALL db.clearQueryCaches()",
        {},
        procedure("db.clearQueryCaches"),
    ),
    (
        "admin procedure: query statistics",
        "CALL db.stats.collect('QUERIES')",
        {},
        procedure("db.stats.collect"),
    ),
    (
        "admin procedure: resample indexes",
        "CALL db.resampleOutdatedIndexes()",
        {},
        procedure("db.resampleOutdatedIndexes"),
    ),
    ("dbms kill", "CALL dbms.killTransaction('neo4j-transaction-1')", {}, DBMS),
    ("create index", "CREATE INDEX probe FOR (n:Probe) ON (n.x)", {}, READ_TX),
    (
        "create fulltext index",
        "CREATE FULLTEXT INDEX probe FOR (n:Probe) ON EACH [n.x]",
        {},
        READ_TX,
    ),
    ("drop index", "DROP INDEX kg_entity_name IF EXISTS", {}, READ_TX),
    (
        "create constraint",
        "CREATE CONSTRAINT probe FOR (n:Probe) REQUIRE n.id IS UNIQUE",
        {},
        READ_TX,
    ),
    ("drop constraint", "DROP CONSTRAINT kg_entity_id", {}, READ_TX),
    ("create database", "CREATE DATABASE probe", {}, ADMIN),
    ("create or replace database", "CREATE OR REPLACE DATABASE probe", {}, ADMIN),
    ("drop database", "DROP DATABASE neo4j", {}, ADMIN),
    ("stop database", "STOP DATABASE neo4j", {}, ADMIN),
    ("use another database", "USE system SHOW USERS", {}, USE),
    ("use, quoted name", "USE `system` SHOW DATABASES", {}, USE),
    ("use behind a comment", "/* read */ USE system MATCH (n) RETURN n", {}, USE),
    ("show users", "SHOW USERS", {}, SHOW),
    ("show current user", "SHOW CURRENT USER", {}, SHOW),
    ("show databases", "SHOW DATABASES YIELD name, address RETURN name, address", {}, SHOW),
    ("create user", "CREATE USER eve SET PASSWORD 'eve-password'", {}, ADMIN),
    ("change a password", "ALTER USER neo4j SET PASSWORD 'pwned-password'", {}, ADMIN),
    (
        "change own password",
        "ALTER CURRENT USER SET PASSWORD FROM 'kgraph-test-password' TO 'pwned-password'",
        {},
        ADMIN,
    ),
    ("grant a role", "GRANT ROLE admin TO neo4j", {}, ADMIN),
    ("revoke behind a comment", "/* x */ REVOKE ROLE admin FROM neo4j", {}, ADMIN),
    ("show transactions", "SHOW TRANSACTIONS", {}, SHOW),
    ("terminate transactions", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", {}, TERMINATE),
    ("show settings", "SHOW SETTINGS", {}, SHOW),
    ("multiple statements", "MATCH (n) RETURN count(n); CREATE (:Probe)", {}, ONE_STATEMENT),
    ("multiple statements, no space", "RETURN 1;MATCH (n) DETACH DELETE n", {}, ONE_STATEMENT),
    # Valid Cypher: a write after a comment must meet the READ transaction, not a parse error.
    (
        "write hidden after a block comment",
        "MATCH (n) WITH count(n) AS n /* read only */ CREATE (:Probe)",
        {},
        READ_TX,
    ),
    (
        "write hidden after a line comment",
        "MATCH (n) WITH count(n) AS n // harmless\nMERGE (:Probe)",
        {},
        READ_TX,
    ),
    ("write after a comment that looks like the end", "// RETURN 1\nCREATE (:Probe)", {}, READ_TX),
    ("write in a subquery", "CALL () { CREATE (:Probe) } RETURN 1", {}, READ_TX),
    ("write in an old-style subquery", "CALL { CREATE (:Probe) } RETURN 1", {}, READ_TX),
    ("write in foreach", "FOREACH (i IN [1, 2] | CREATE (:Probe))", {}, READ_TX),
    (
        "write in transactions",
        "UNWIND [1] AS i CALL (i) { CREATE (:Probe) } IN TRANSACTIONS",
        {},
        READ_TX,
    ),
    ("profiled write", "PROFILE CREATE (:Probe)", {}, READ_TX),
    ("dynamic label from a parameter", "CREATE (:$($label))", {"label": "Probe"}, READ_TX),
]


def _schema(graph: Graph) -> list[str]:
    rows = graph.read("SHOW INDEXES YIELD name RETURN name ORDER BY name")
    rows += graph.read("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name")
    return [row["name"] for row in rows]


@pytest.mark.parametrize(
    ("query", "params", "refusal"), [a[1:] for a in ATTACKS], ids=[a[0] for a in ATTACKS]
)
def test_cypher_refuses_writes_and_administration_and_changes_nothing(
    corpus_client: TestClient,
    corpus_graph: Graph,
    query: str,
    params: dict[str, Any],
    refusal: str,
) -> None:
    before, schema_before = graph_state(corpus_graph), _schema(corpus_graph)
    response = corpus_client.post("/cypher", json={"query": query, "params": params})
    if refusal == ONE_STATEMENT:
        assert (response.status_code, response.json()["error"]) == (400, "QueryError")
    else:
        assert response.status_code == 403, response.text
        assert response.json()["error"] == "ReadOnlyViolation"
    assert response.json()["detail"].startswith(refusal), response.text
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
    """The text check does not refuse reads that merely mention refused words, and they answer
    from the corpus graph: no city has that odd name, but it has nodes, indexes, labels and a
    fulltext index that finds Kokkola, and the three grants the documents report."""
    for query, n in (
        ("MATCH (c:City) WHERE c.name = 'LOAD CSV; USE system' RETURN count(c) AS n", 0),
        ("MATCH (n) // CREATE (:Probe)\nRETURN count(n) > 0 AS n", True),
        ("SHOW INDEXES YIELD name RETURN count(name) > 0 AS n", True),
        ("CALL db.labels() YIELD label RETURN count(label) > 0 AS n", True),
        ("CALL db.index.fulltext.queryNodes('kg_entity_names', 'Kokkola') YIELD node "
         "RETURN count(node) > 0 AS n", True),
        # GRANT is refused only where a statement starts; here it names the three grants.
        ("MATCH ()-[grant:FUNDED_BY]->() WITH grant ORDER BY grant.amount_eur "
         "RETURN count(grant) AS n", 3),
    ):  # fmt: skip
        response = corpus_client.post("/cypher", json={"query": query})
        assert response.status_code == 200, (query, response.text)
        assert response.json()["rows"] == [{"n": n}], query


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
