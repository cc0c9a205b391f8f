"""Whose fault a failed ``POST /cypher`` is, and the status that says so.

The statement's faults (Neo4j's ``Neo.ClientError.Statement.*`` and ``Procedure.*`` codes:
syntax, types, arithmetic, a procedure's refusal) are the caller's: 400 ``QueryError``. A
parameter the driver cannot send (an integer past Neo4j's 64 bits) is the caller's input:
422 naming the parameter, before Neo4j sees it. A value of Neo4j's answer that the driver
cannot decode (a date past the year 9999, which Neo4j stores and Python cannot hold) is not
the caller's: the query is valid, the server cannot carry its answer; 500 ``Neo4jFault``,
logged with its cause, whether the value is a column or deep in a list (where the driver
leaves a stand-in object instead of raising, and its Python repr used to be the answer).
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi.testclient import TestClient


def failed(client: TestClient, status: int, query: str, **params: Any) -> dict[str, Any]:
    response = client.post("/cypher", json={"query": query, "params": params})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("RETURN 1 +", "Neo.ClientError.Statement.SyntaxError"),
        ("RETURN 1 / 0 AS n", "Neo.ClientError.Statement.ArithmeticError"),
        ("RETURN toInteger([1]) AS n", "Neo.ClientError.Statement.TypeError"),
        (
            "CALL db.index.fulltext.queryNodes('no_such_index', 'akku') YIELD node RETURN node",
            "Neo.ClientError.Procedure.ProcedureCallFailed",
        ),
        # Neo4j's lexer answers this with Neo.DatabaseError.General.UnknownError (the fuzzer's
        # find): an unterminated comment is still the statement's fault.
        ("/* `", "Neo.ClientError.Statement.SyntaxError"),
    ],
)
def test_the_statements_own_fault_is_the_callers_400(
    client: TestClient, query: str, code: str
) -> None:
    body = failed(client, 400, query)
    assert body["error"] == "QueryError"
    assert body["detail"].startswith(code + ":")


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"n": 2**63}, "n"),
        ({"n": -(2**63) - 1}, "n"),
        ({"ok": 1, "deep": [1, {"k": 2**70}]}, "deep"),
    ],
)
def test_an_integer_past_64_bits_is_the_callers_input_422_naming_the_parameter(
    client: TestClient, params: dict[str, Any], named: str
) -> None:
    body = failed(client, 422, "RETURN $n AS n", **params)
    assert body["error"] == "InputOutOfBounds"
    assert body["detail"].startswith(
        f"parameter '{named}' holds an integer outside Neo4j's 64-bit range"
    )


def test_the_largest_64_bit_integers_go_through(client: TestClient) -> None:
    response = client.post(
        "/cypher",
        json={"query": "RETURN $lo AS lo, $hi AS hi", "params": {"lo": -(2**63), "hi": 2**63 - 1}},
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [{"lo": -(2**63), "hi": 2**63 - 1}]


@pytest.mark.parametrize(
    "query",
    ["RETURN date('+99999-01-01') AS d", "RETURN [datetime('+99999-01-01T00:00Z')] AS d"],
)
def test_a_value_the_driver_cannot_decode_is_the_servers_500_and_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture, query: str
) -> None:
    with caplog.at_level(logging.ERROR, logger="api.errors"):
        body = failed(client, 500, query)
    assert (body["error"], body["type"]) == ("Neo4jFault", "urn:kgraph:error:Neo4jFault")
    assert body["detail"].startswith("the driver cannot decode a value of Neo4j's answer")
    [logged] = [r for r in caplog.records if r.name == "api.errors"]
    assert logged.getMessage() == "Neo4jFault on POST /cypher"
    assert logged.exc_info is not None and logged.exc_info[1] is not None
    assert logged.exc_info[1].__cause__ is not None  # the driver's own error, for the log
