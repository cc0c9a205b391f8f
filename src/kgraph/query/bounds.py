"""Bounds on a power user's query and parameters, checked before Neo4j sees either.

Neo4j's parser recurses once per level of nesting and per link of some chains, on a thread
whose stack overflows at a few hundred levels (800 nested parentheses, 400 nested lists,
500 ``NOT``s, 3,000 ``+``s: each left a worker without an answer for 120 s); its planner's
cost grows steeply with the relationship patterns of one query (40 hops took 18 s to plan,
outside the transaction's time limit). The bounds here sit far below those figures and far
above what a question needs. Parameters are bounded in number, size and depth, no string
anywhere may hold a lone surrogate (UTF-8, which Bolt speaks, cannot encode one), and no
integer may fall outside the 64 bits Neo4j stores (the driver cannot send one).

What a query may build (its ranges) is bounded in ``kgraph.query.builds``.

Every refusal is an ``InputOutOfBounds`` naming the bound; none echoes the input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kgraph.errors import InputOutOfBounds
from kgraph.query.readonly import MAX_QUERY_CHARS, cypher_code

#: Levels of brackets, CASE ... END and runs of NOT, at most.
MAX_NESTING = 64
#: Operators (arithmetic, comparison, boolean, pattern arrows) in one query, at most.
MAX_OPERATORS = 500
#: Relationship patterns (hops written out) in one query, at most: the planner's cost.
MAX_RELATIONSHIP_PATTERNS = 24
MAX_PARAMS = 100
MAX_PARAM_DEPTH = 32
#: Values (every list item, map entry and scalar) in all the parameters together.
MAX_PARAM_VALUES = 100_000
#: Characters of every string and key in all the parameters together.
MAX_PARAM_CHARS = 1_000_000
#: Neo4j's integers: 64-bit signed.
MIN_INT, MAX_INT = -(2**63), 2**63 - 1

_SURROGATE = re.compile("[\ud800-\udfff]")
_NESTING = re.compile(r"[(\[{]|[)\]}]|\bCASE\b|\bEND\b|(?:\bNOT\b\s*)+", re.IGNORECASE)
_OPERATOR = re.compile(r"\b(?:AND|OR|XOR)\b|=~|<>|<=|>=|[-+*/%^<>=]", re.IGNORECASE)
_HOP = re.compile(r"\)\s*<?-")


def check_query(query: str) -> None:
    """Refuse a query outside the bounds: length, encoding, nesting, operators, patterns."""
    if len(query) > MAX_QUERY_CHARS:
        raise InputOutOfBounds(f"the query is longer than {MAX_QUERY_CHARS} characters")
    if _SURROGATE.search(query):
        raise InputOutOfBounds(_surrogate("the query"))
    code = cypher_code(query)
    if nesting_depth(code) > MAX_NESTING:
        raise InputOutOfBounds(
            f"the query nests deeper than {MAX_NESTING} levels (brackets, CASE, NOT)"
        )
    if len(_OPERATOR.findall(code)) > MAX_OPERATORS:
        raise InputOutOfBounds(f"the query has more than {MAX_OPERATORS} operators")
    if len(_HOP.findall(code)) > MAX_RELATIONSHIP_PATTERNS:
        raise InputOutOfBounds(
            f"the query has more than {MAX_RELATIONSHIP_PATTERNS} relationship patterns"
        )


def nesting_depth(code: str) -> int:
    """The deepest nesting of brackets, CASE ... END and runs of NOT in screened code."""
    depth = deepest = 0
    for token in _NESTING.finditer(code):
        text = token[0]
        if text in "([{" or text.upper() == "CASE":
            depth += 1
            deepest = max(deepest, depth)
        elif text in ")]}" or text.upper() == "END":
            depth = max(0, depth - 1)
        else:  # NOT NOT NOT x: one level per NOT, for x only
            deepest = max(deepest, depth + len(text.split()))
    return deepest


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse parameters outside the bounds: count, depth, values, characters, encoding,
    integers past 64 bits."""
    if len(params) > MAX_PARAMS:
        raise InputOutOfBounds(f"more than {MAX_PARAMS} parameters")
    values = chars = 0
    stack: list[tuple[str, Any, int]] = [(str(k), v, 1) for k, v in params.items()]
    for key in params:
        chars += _text(key, "a parameter name")
    while stack:
        name, value, depth = stack.pop()
        values += 1
        if values > MAX_PARAM_VALUES:
            raise InputOutOfBounds(f"the parameters hold more than {MAX_PARAM_VALUES} values")
        if depth > MAX_PARAM_DEPTH:
            raise InputOutOfBounds(
                f"parameter '{name[:60]}' nests deeper than {MAX_PARAM_DEPTH} levels"
            )
        if isinstance(value, str):
            chars += _text(value, f"parameter '{name[:60]}'")
        elif isinstance(value, int) and not MIN_INT <= value <= MAX_INT:
            raise InputOutOfBounds(
                f"parameter '{name[:60]}' holds an integer outside Neo4j's 64-bit range "
                f"({MIN_INT} to {MAX_INT})"
            )
        elif isinstance(value, Mapping):
            for key, item in value.items():
                chars += _text(str(key), f"a key in parameter '{name[:60]}'")
                stack.append((name, item, depth + 1))
        elif isinstance(value, list | tuple):
            stack.extend((name, item, depth + 1) for item in value)
        if chars > MAX_PARAM_CHARS:
            raise InputOutOfBounds(f"the parameters hold more than {MAX_PARAM_CHARS} characters")


def _text(value: str, where: str) -> int:
    if _SURROGATE.search(value):
        raise InputOutOfBounds(_surrogate(where))
    return len(value)


def _surrogate(where: str) -> str:
    return f"{where} holds a lone surrogate (U+D800 to U+DFFF), which UTF-8 cannot encode"
