"""The bounds checked before Neo4j sees a power user's query and parameters."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.errors import InputOutOfBounds
from kgraph.query import bounds, builds


@pytest.mark.parametrize(
    ("code", "depth"),
    [
        ("RETURN 1", 0),
        ("RETURN ((1))", 2),
        ("RETURN [{a: (1)}]", 3),
        ("RETURN CASE WHEN true THEN CASE WHEN true THEN 1 END END", 2),
        ("RETURN NOT NOT NOT true", 3),
        ("RETURN (NOT NOT true)", 3),
        ("MATCH (a) RETURN a", 1),
    ],
)
def test_nesting_depth_counts_brackets_case_and_not(code: str, depth: int) -> None:
    assert bounds.nesting_depth(code) == depth


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("RETURN " + "(" * 65 + "1" + ")" * 65, "nests deeper than 64"),
        ("RETURN " + "NOT " * 65 + "true", "nests deeper than 64"),
        ("RETURN " + "+".join(["1"] * 502), "more than 500 operators"),
        ("MATCH (a)" + "-->()" * 25 + " RETURN a", "more than 24 relationship patterns"),
        ("RETURN '\ud800'", "lone surrogate"),
        ("RETURN 1" + " " * 20_000, "longer than 20000"),
    ],
)
def test_queries_out_of_bounds_are_refused(query: str, message: str) -> None:
    with pytest.raises(InputOutOfBounds, match=message):
        bounds.check_query(query)


def test_brackets_inside_strings_and_comments_do_not_count() -> None:
    bounds.check_query("RETURN '" + "(" * 500 + "' AS x // " + "[" * 500)


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = {"a": value}
    return value


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({f"p{i}": i for i in range(101)}, "more than 100 parameters"),
        ({"p": _nested(900)}, "nests deeper than 32"),
        ({"p": list(range(100_001))}, "more than 100000 values"),
        ({"p": "x" * 1_000_001}, "more than 1000000 characters"),
        ({"\udc00": 1}, "a parameter name holds a lone surrogate"),
        ({"p": ["ok", {"k\ud800": 1}]}, "a key in parameter 'p' holds a lone surrogate"),
        ({"p": [["\ud800"]]}, "parameter 'p' holds a lone surrogate"),
        ({"n": 2**63}, "parameter 'n' holds an integer outside Neo4j's 64-bit range"),
        ({"n": -(2**63) - 1}, "parameter 'n' holds an integer outside Neo4j's 64-bit range"),
        ({"p": [1, {"k": 2**70}]}, "parameter 'p' holds an integer outside"),
    ],
)
def test_parameters_out_of_bounds_are_refused(params: dict[str, Any], message: str) -> None:
    with pytest.raises(InputOutOfBounds, match=message):
        bounds.check_params(params)


def test_ordinary_parameters_pass() -> None:
    bounds.check_params({"ids": ["city:vaasa", "city:oulu"], "limit": 10, "m": _nested(31)})
    bounds.check_params({"lowest": -(2**63), "highest": 2**63 - 1, "flag": True})


@pytest.mark.parametrize(
    ("query", "params", "message"),
    [
        # Issue 22's loops: Neo4j ran each for minutes past its time limit.
        ("RETURN any(x IN range(1, 10000000000) WHERE x < 0)", {}, "more than 10000000 items"),
        ("RETURN reduce(s = 0, x IN range(1, 10000000000) | s + x)", {}, "more than 10000000"),
        ("RETURN any(x IN range(1, 9000000000000000000) WHERE x < 0)", {}, "more than"),
        ("RETURN any(x IN range(1, $n) WHERE x < 0)", {"n": 10**10}, "more than 10000000"),
        ("RETURN any(x IN range(1, 1000 * 1000 * 1000 * 10) WHERE x < 0)", {}, "more than"),
        ("RETURN [a IN range(1, 10000) | size([b IN range(1, 10000) | b])]", {}, "nested"),
        ("RETURN [i IN range(1, 300) | $a]", {"a": "x" * 1_000_000}, "repeat a parameter"),
        ("WITH 10000000000 AS n RETURN any(x IN range(1, n) WHERE x < 0)", {}, "must be numbers"),
        ("RETURN any(x IN range(1, toInteger('1' + '0' * 12)) WHERE x < 0)", {}, "must be"),
        ("RETURN 0 IN RANGE (1, 10000000000)", {}, "more than"),
    ],
)
def test_what_a_query_would_build_is_bounded(
    query: str, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputOutOfBounds, match=message):
        builds.check_builds(query, params)


@pytest.mark.parametrize(
    "query",
    [
        "RETURN range(1, 6000000) AS r",  # built once, capped in the answer
        "UNWIND range(1, 2000000000) AS i RETURN count(i)",  # rows: Neo4j checks each
        "RETURN range(1, 100000) AS a, range(1, 1000) AS b",  # side by side, not nested
        "RETURN any(a IN range(1, 1000) WHERE any(b IN range(1, 1000) WHERE a = b))",
        "RETURN [i IN range(0, size($l) - 1) | $l[i]]",
        "RETURN range(0x10, -(-5) * 3, 2), range(1, $n)",
        "RETURN reduce(s = 'x', i IN range(1, 5) | s + s), 'range(1, n)' AS text",
        "MATCH (n) RETURN n.range AS range // range(1, n)",
    ],
)
def test_bounded_ranges_pass(query: str) -> None:
    builds.check_builds(query, {"l": [1, 2], "n": 10})
