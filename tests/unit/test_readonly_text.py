"""The text check of read-only Cypher: what it refuses, and that quoting does not hide it."""

from __future__ import annotations

import pytest

from kgraph.errors import ReadOnlyViolation
from kgraph.query.readonly import check_text


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("CALL `dbms`.`listConfig`()", "dbms procedures"),
        ("CALL dbms /* x */ . listConfig()", "dbms procedures"),
        ("WITH 1 AS `x//` LOAD CSV FROM 'file:///etc/hosts' AS l RETURN l", "LOAD CSV"),
        ("RETURN '/*' AS a LOAD CSV FROM 'x' AS l RETURN l // */", "LOAD CSV"),
        ("USE `system` SHOW USERS", "USE switches"),
        ("SHOW TRANSACTIONS YIELD transactionId TERMINATE TRANSACTIONS transactionId", "TERMINATE"),
        ("SHOW DATABASES", "SHOW may list"),
        ("show   current user", "SHOW may list"),
        ("CALL db.clearQueryCaches()", "procedure 'db.clearQueryCaches'"),
        ("CALL `db`.`stats`.`collect`('QUERIES')", "procedure 'db.stats.collect'"),
        ("CALL apoc.cypher.runWrite('CREATE (n)', {})", "procedure 'apoc.cypher.runWrite'"),
    ],
)
def test_refused_with_the_reason(query: str, reason: str) -> None:
    with pytest.raises(ReadOnlyViolation, match="refused") as caught:
        check_text(query)
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (c:City) WHERE c.name = 'LOAD CSV; USE system; CALL dbms.x()' RETURN c",
        "MATCH (n) // CALL dbms.listConfig()\nRETURN n",
        "SHOW INDEXES",
        "SHOW ALL CONSTRAINTS YIELD name RETURN name",
        "SHOW USER DEFINED FUNCTIONS",
        "CALL db.labels()",
        "CALL db.schema.visualization()",
        "CALL () { MATCH (n) RETURN count(n) AS c } RETURN c",
        "MATCH (n) CALL (n) { RETURN n.id AS id } RETURN id",
        "MATCH (n:`Kokkola City`) RETURN n.show AS shown, n.`user` AS used",
    ],
)
def test_reads_pass(query: str) -> None:
    check_text(query)


def test_an_overlong_query_is_refused() -> None:
    with pytest.raises(ReadOnlyViolation, match="longer than"):
        check_text("RETURN 1 " + " " * 20_000)


def test_a_query_of_exactly_the_limit_passes() -> None:
    query = "RETURN 1"
    check_text(query + " " * (20_000 - len(query)))


def test_an_overlong_query_names_the_limit() -> None:
    with pytest.raises(ReadOnlyViolation) as caught:
        check_text("RETURN 1" + " " * 20_000)
    assert str(caught.value) == "the query is longer than 20000 characters"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("LOAD CSV FROM 'x' AS l RETURN l", "refused: LOAD CSV reads files and URLs"),
        (
            "SHOW SETTINGS",
            "refused: SHOW may list indexes, constraints, procedures and functions only",
        ),
        (
            "CALL db.stats.retrieve('GRAPH COUNTS')",
            "refused: procedure 'db.stats.retrieve' is not one of the read-only procedures "
            "allowed here (schema overviews and index searches)",
        ),
    ],
)
def test_a_refusal_tells_the_user_what_is_allowed(query: str, message: str) -> None:
    with pytest.raises(ReadOnlyViolation) as caught:
        check_text(query)
    assert str(caught.value) == message
