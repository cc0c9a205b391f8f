"""The cells of the importer's CSV files: each value's column type and its text, every field
quoted, list items joined by ``ARRAY_DELIMITER``.

A large load formats millions of cells, so the common types have formatters without the
isinstance chain of ``cell`` (chosen once per shape of row by ``db.bulk_files``); a text with a
line break or the delimiter raises ``Special`` and takes ``cell``'s checking way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from kgraph.errors import LoadInterrupted

#: Between list items and between labels (the importer's --array-delimiter).
ARRAY_DELIMITER = "\x1f"

_SCALAR = {str: "string", bool: "boolean", int: "long", float: "double", dt.date: "date"}


def _type_of(value: Any, where: str) -> str:
    if isinstance(value, list):
        item_types = {_type_of(item, where) for item in value}
        if len(item_types) != 1:
            raise LoadInterrupted(f"{where}: a list mixes {sorted(item_types)}; nothing imported")
        return f"{item_types.pop()}[]"
    for kind in (bool, dt.datetime, dt.date, int, float, str):
        if isinstance(value, kind):
            if kind is dt.datetime:
                return "datetime"
            return _SCALAR[kind]
    raise LoadInterrupted(f"{where}: a {type(value).__name__} cannot be imported")


def cell(value: Any, where: str) -> str:
    """A value's text in its cell, checked (``where`` names it in the error)."""
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(cell(item, where) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    text = str(value) if not isinstance(value, float) else repr(value)
    if ARRAY_DELIMITER in text:
        raise LoadInterrupted(f"{where}: text holds the import's list delimiter U+001F")
    return text


def shape_of(props: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    """The properties' names and column types, sorted: a file's header after its ids."""
    return tuple(sorted((key, _type_of(value, f"{where}.{key}")) for key, value in props.items()))


def csv_line(cells: list[str]) -> str:
    """The cells as one CSV line, every field quoted (the importer's dialect; what
    ``csv.writer`` with QUOTE_ALL writes, at a sixth of its cost: a quote in a cell is rare,
    and found by counting the quotes the join put in)."""
    body = '","'.join(cells)
    if body.count('"') != 2 * len(cells) - 2:
        body = '","'.join(cell.replace('"', '""') for cell in cells)
    return f'"{body}"\n'


class Special(Exception):
    """A cell the fast formatters leave to ``cell``: a newline, or the list delimiter."""


def _text(value: str) -> str:
    if ARRAY_DELIMITER in value or "\n" in value or "\r" in value:
        raise Special
    return value


def _texts(value: list[str]) -> str:
    joined = ARRAY_DELIMITER.join(value)
    if joined.count(ARRAY_DELIMITER) != len(value) - 1 or "\n" in joined or "\r" in joined:
        raise Special
    return joined


def _iso(value: dt.date) -> str:
    return value.isoformat()


def _boolean(value: bool) -> str:
    return "true" if value else "false"


#: Formatters by the exact type of a value (of a list's items): the same text as ``cell``,
#: without its isinstance chain. Other types (subclasses) go through ``cell`` itself.
_FAST: dict[type, Callable[[Any], str]] = {
    str: _text, int: str, float: repr, bool: _boolean, dt.date: _iso, dt.datetime: _iso,
}  # fmt: skip
_FAST_LISTS: dict[type, Callable[[Any], str]] = {str: _texts}


def formatter(value: Any) -> Callable[[Any], str]:
    """The formatter of a column whose value is like ``value`` (same type, same item type)."""
    kind = type(value)
    if kind is list and len({type(item) for item in value}) == 1:
        item = type(value[0])
        if item in _FAST_LISTS:
            return _FAST_LISTS[item]
        if item in _FAST:
            fast = _FAST[item]
            return lambda items: _texts([fast(item) for item in items])
    return _FAST.get(kind) or _other


def _other(value: Any) -> str:
    try:
        text = cell(value, "")
    except LoadInterrupted as e:
        raise Special from e
    if "\n" in text or "\r" in text:
        raise Special
    return text


def signature_of(props: dict[str, Any]) -> tuple[Any, ...]:
    """What decides a row's file and its cells' formats: its property names and the exact
    types of their values (and of list items), cheap to take for every row."""
    types = tuple(map(type, props.values()))
    if list not in types:
        return (tuple(props), types)
    items = tuple(frozenset(map(type, v)) for v in props.values() if type(v) is list)
    return (tuple(props), types, items)
