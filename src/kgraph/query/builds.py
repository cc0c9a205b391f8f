"""What a power user's query may build, bounded before Neo4j runs it.

Neo4j checks its time limit between rows, not inside an expression:
``any(x IN range(1, 10000000000) WHERE x < 0)`` ran on for minutes after its limit,
terminated but busy, and nothing (not even ``TERMINATE``) stops it before the loop ends. So
every ``range()`` outside a plain ``UNWIND`` (whose rows Neo4j does check) must have bounds
known before the query runs (numbers, parameters, or ``size()`` of something), the spans
multiplied together must stay under ``MAX_RANGE_ITEMS``, and a large parameter repeated that
many times must stay under ``MAX_BUILT_CHARS``.

A range nested in the brackets of another's loop (``[a IN range(..) | [b IN range(..) | ..]]``)
counts once per item of the outer one. What is not bounded here: loops over lists the query
builds from rows (``collect``), nested; Neo4j ends those only when they end, and the API keeps
the request's place until then (``kgraph.query.adhoc.settle``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from kgraph.errors import InputOutOfBounds
from kgraph.query.readonly import cypher_code

#: Items of all the ranges a query iterates in expressions, multiplied (one ``any`` over 10^9
#: items took 4.7 s; over 10^10, minutes).
MAX_RANGE_ITEMS = 10_000_000
#: Characters a query may build by repeating its largest parameter over its ranges.
MAX_BUILT_CHARS = 20_000_000
#: Parameters smaller than this do not count towards ``MAX_BUILT_CHARS``.
LARGE_PARAM_CHARS = 1024


_RANGE = re.compile(r"(?<![\w.$])range\s*\(", re.IGNORECASE)
_UNWIND_BEFORE = re.compile(r"\bUNWIND\s*$", re.IGNORECASE)
_AS_AFTER = re.compile(r"^\s*AS\b", re.IGNORECASE)
_ARG_TOKEN = re.compile(
    r"\s*(?:(?P<int>0x[0-9a-f]+|0o[0-7]+|\d+)(?![\w.])|\$(?P<param>\w+)|(?P<op>[-+*()])"
    r"|(?P<size>(?:size|length)\s*\())",
    re.IGNORECASE,
)


def check_builds(query: str, params: Mapping[str, Any]) -> None:
    """Refuse a query whose ranges, or a large parameter repeated over them, would build more
    than the bounds allow, or whose range bounds are not known before it runs."""
    code = cypher_code(query)
    loops: list[tuple[int, int, int]] = []  # a range's start, its loop's end, items within
    items = 1
    for start, call in _ranges(code):
        if _UNWIND_BEFORE.search(code[:start]) and _AS_AFTER.match(code[start + len(call) :]):
            continue  # UNWIND range(...) AS x: one row per item, and Neo4j checks every row
        # A range inside the brackets of another's loop runs once per item of that one.
        outer = max((n for s, end, n in loops if s < start <= end), default=1)
        within = outer * _span(call, params)
        loops.append((start, _enclosing_end(code, start), within))
        items = max(items, within)
        if items > MAX_RANGE_ITEMS:
            raise InputOutOfBounds(
                f"the query's ranges hold more than {MAX_RANGE_ITEMS} items, nested ones "
                "multiplied; Neo4j does not stop a loop over them at the time limit"
            )
    large = max((_chars(v) for v in params.values()), default=0)
    if large >= LARGE_PARAM_CHARS and items > 1 and items * large > MAX_BUILT_CHARS:
        raise InputOutOfBounds(
            f"the query could repeat a parameter of {large} characters {items} times, more "
            f"than the {MAX_BUILT_CHARS} characters a query may build"
        )


def _ranges(code: str) -> Iterator[tuple[int, str]]:
    """Each ``range(...)`` call: where it starts, and its text up to the closing bracket."""
    for found in _RANGE.finditer(code):
        yield found.start(), code[found.start() : _closing(code, found.end() - 1) + 1]


def _enclosing_end(code: str, at: int) -> int:
    """Where the innermost bracket around position ``at`` closes (``at`` itself when none):
    a loop over a range reaches that far."""
    depth = 0
    for back in range(at - 1, -1, -1):
        depth += {")": 1, "]": 1, "}": 1, "(": -1, "[": -1, "{": -1}.get(code[back], 0)
        if depth < 0:
            return _closing(code, back)
    return at


def _closing(text: str, opening: int) -> int:
    """Where the bracket opened at ``opening`` closes (the end of the text if it does not)."""
    depth = 0
    for at in range(opening, len(text)):
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(text[at], 0)
        if depth == 0:
            return at
    return len(text) - 1


def _span(call: str, params: Mapping[str, Any]) -> int:
    """How many items ``range(start, end[, step])`` holds; 1 when a bound comes from
    ``size()`` (the length of something already built); InputOutOfBounds when unknown."""
    values = [_value(arg, params) for arg in _top_level_split(call[call.index("(") + 1 : -1])]
    if len(values) not in (2, 3):
        raise InputOutOfBounds("range() takes two or three arguments")
    start, end, step = [*values, 1][:3]
    if start is None or end is None or step is None or step == 0:
        return 1  # a size(), or what Neo4j refuses itself (a step of 0, a bound not an integer)
    return max(0, (end - start) // step + 1)


def _top_level_split(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


_UNKNOWN = (
    "range() bounds must be numbers, parameters or size() here (so that how many items it "
    "holds is known before the query runs)"
)


def _value(arg: str, params: Mapping[str, Any]) -> int | None:
    """A bound of a range from numbers, parameters and ``+ - * ( )``; None when it holds
    ``size()`` or ``length()`` or a parameter that is not an integer; InputOutOfBounds when
    it holds anything else (a variable, another function)."""
    tokens: list[int | str] = []
    position, unknown = 0, False
    while position < len(arg.rstrip()):
        found = _ARG_TOKEN.match(arg, position)
        if found is None:
            raise InputOutOfBounds(_UNKNOWN)
        position = found.end()
        if found["size"]:
            unknown = True
            position = _closing(arg, position - 1) + 1
            tokens.append(0)
        elif found["param"]:
            value = params.get(found["param"])
            known = isinstance(value, int) and not isinstance(value, bool)
            unknown |= not known
            tokens.append(value if known else 0)  # type: ignore[arg-type]
        elif found["int"]:
            tokens.append(int(found["int"], 0))
        else:
            tokens.append(found["op"])
    if unknown:
        return None
    value, rest = _sum(tokens)
    if rest:
        raise InputOutOfBounds(_UNKNOWN)
    return value


def _sum(tokens: list[int | str]) -> tuple[int, list[int | str]]:
    """``term (('+' | '-') term)*``, and the tokens left."""
    value, rest = _product(tokens)
    while rest and rest[0] in ("+", "-"):
        sign, (term, rest) = rest[0], _product(rest[1:])
        value = value + term if sign == "+" else value - term
    return value, rest


def _product(tokens: list[int | str]) -> tuple[int, list[int | str]]:
    value, rest = _factor(tokens)
    while rest and rest[0] == "*":
        factor, rest = _factor(rest[1:])
        value *= factor
    return value, rest


def _factor(tokens: list[int | str]) -> tuple[int, list[int | str]]:
    if not tokens:
        raise InputOutOfBounds(_UNKNOWN)
    head, rest = tokens[0], tokens[1:]
    if head == "-":
        value, rest = _factor(rest)
        return -value, rest
    if head == "(":
        value, rest = _sum(rest)
        if not rest or rest[0] != ")":
            raise InputOutOfBounds(_UNKNOWN)
        return value, rest[1:]
    if isinstance(head, int):
        return head, rest
    raise InputOutOfBounds(_UNKNOWN)


def _chars(value: Any) -> int:
    """About how many characters a parameter takes when Neo4j builds it into an answer."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, Mapping):
        return sum(len(str(k)) + _chars(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return sum(_chars(v) + 1 for v in value)
    return 8
