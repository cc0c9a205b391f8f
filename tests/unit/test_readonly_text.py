"""The text check of read-only Cypher: what it refuses, and that quoting does not hide it."""

from __future__ import annotations

import pytest

from kgraph.errors import ReadOnlyViolation
from kgraph.query.readonly import check_plan, check_text, cypher_code


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


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # Neo4j decodes \uXXXX before it reads the query: code, names and comment ends alike.
        ("CALL db.l\\u0061bels()", "CALL db.labels()"),
        ("RETURN 1 // x\\u000aCALL dbms.x()", "RETURN 1   CALL dbms.x()"),
        # An escaped backslash is not the start of an escape.
        ("RETURN '\\\\u0027' AS x", "RETURN   AS x"),
        # A // comment ends at \r too (the gap of issue #11), and at every other line end.
        ("RETURN 1 // x\rCALL dbms.x()", "RETURN 1  CALL dbms.x()"),
        ("RETURN 1 // x\u2028CALL dbms.x()", "RETURN 1  CALL dbms.x()"),
        ("RETURN\u3000`db`.`x`", "RETURN  db . x "),
    ],
)
def test_the_screen_reads_the_text_as_cypher_does(query: str, code: str) -> None:
    assert " ".join(cypher_code(query).split()) == " ".join(code.split())


@pytest.mark.parametrize(
    "query",
    [
        "// harmless\rCALL dbms.listConfig()",
        "// harmless\r\nSHOW SETTINGS",
        "/* x */ TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "CALL dbms\\u002elistConfig()",
        "\\u004cOAD CSV FROM 'http://127.0.0.1:9/x' AS l RETURN l",
        "CALL db.cl\\u0065arQueryCaches()",
    ],
)
def test_hidden_attacks_are_refused_by_the_screen(query: str) -> None:
    with pytest.raises(ReadOnlyViolation, match="refused"):
        check_text(query)


def _plan(*operators: str, details: str = "") -> dict[str, object]:
    leaf = operators[-1] + "@neo4j"
    plan: dict[str, object] = {"operatorType": leaf, "args": {"Details": details}}
    for name in reversed(operators[:-1]):
        plan = {"operatorType": name + "@neo4j", "args": {}, "children": [plan]}
    return plan


@pytest.mark.parametrize(
    ("query_type", "plan", "message"),
    [
        ("w", _plan("ProduceResults", "Create"), "plans this query as one that writes"),
        ("s", _plan("ProduceResults", "ProcedureCall"), "changes the schema or the server"),
        ("r", _plan("ProduceResults", "ShowSettings"), "operator ShowSettings"),
        ("r", _plan("ProduceResults", "TerminateTransactions"), "operator TerminateTransactions"),
        ("r", _plan("ProduceResults", "Filter", "LoadCSV"), "operator LoadCSV"),
        ("r", _plan("ProduceResults", "ProcedureCall", details="db.stats.retrieve(x) :: (a)"),
         "procedure 'db.stats.retrieve'"),
        ("r", None, "no plan"),
    ],
)  # fmt: skip
def test_the_plan_check_refuses_what_is_not_a_plain_read(
    query_type: str, plan: dict[str, object] | None, message: str
) -> None:
    with pytest.raises(ReadOnlyViolation, match=message):
        check_plan(query_type, plan)


def test_the_plan_check_admits_reads_and_the_allowed_procedures() -> None:
    check_plan("r", _plan("ProduceResults", "Sort", "Expand(All)", "NodeByLabelScan"))
    check_plan("r", _plan("ProduceResults", "ProcedureCall", details="db.labels() :: (label)"))


@pytest.mark.parametrize(
    "query",
    [
        # Issue 22: planner internals, planner traces into the server's log, the costliest plan.
        "CYPHER debug=tostring MATCH (n) RETURN n",
        "CYPHER debug=printcostcomparisons MATCH (a)-->(b) RETURN a",
        "CYPHER debug=inverse_cost MATCH (n) RETURN n",
        "cypher  DEBUG = tostring RETURN 1",
        "CYPHER 5 runtime=slotted debug=tostring RETURN 1",
        "EXPLAIN CYPHER debug=tostring RETURN 1",
        "CYPHER `debug`=tostring RETURN 1",
        "CYPHER d\\u0065bug=tostring RETURN 1",
        "CYPHER replan=force RETURN 1",
        "CYPHER runtime=nonsense RETURN 1",
    ],
)
def test_query_options_off_the_allow_list_are_refused(query: str) -> None:
    with pytest.raises(ReadOnlyViolation, match="query option"):
        check_text(query)


@pytest.mark.parametrize(
    "query",
    [
        "CYPHER runtime=slotted MATCH (n) RETURN n",
        "CYPHER 5 planner=cost runtime=interpreted RETURN 1",
        "CYPHER expressionEngine=interpreted RETURN 1",
        "WITH 1 AS cypher WHERE cypher = 1 RETURN cypher",
        "RETURN 'CYPHER debug=tostring' AS text",
    ],
)
def test_allowed_query_options_pass(query: str) -> None:
    check_text(query)
