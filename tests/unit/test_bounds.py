"""The bounds checked before Neo4j sees a power user's query and parameters."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.errors import InputOutOfBounds
from kgraph.query import bounds


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
    ],
)
def test_parameters_out_of_bounds_are_refused(params: dict[str, Any], message: str) -> None:
    with pytest.raises(InputOutOfBounds, match=message):
        bounds.check_params(params)


def test_ordinary_parameters_pass() -> None:
    bounds.check_params({"ids": ["city:vaasa", "city:oulu"], "limit": 10, "m": _nested(31)})
