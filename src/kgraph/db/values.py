"""Neo4j values as plain JSON-friendly Python, within bounds.

``plain`` serves kgraph's own queries: temporal values become ISO strings, and nesting past
``MAX_DEPTH`` is cut, so no value recurses without a bound. ``GraphValues`` serves a power
user's Cypher, whose values can be anything Neo4j builds: nodes, relationships and paths come
whole (element id, labels or type, endpoints, properties, without the load's bookkeeping),
and every cap (list items, nesting, the bytes of the answer) cuts instead of failing, saying
what it cut. ``RETURN range(1, 6000000)`` thus costs at most ``max_list_items`` conversions.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from dataclasses import dataclass, field
from typing import Any

# The driver's stand-in for a value it could not decode; public in its docs (Record), kept
# in a private module. A record raises BrokenRecordError for one at its top level only.
from neo4j._codec.hydration import BrokenHydrationObject
from neo4j.graph import Node, Path, Relationship

from kgraph.errors import Neo4jFault

#: Nesting that ``plain`` and the default caps follow; deeper values are cut to ``None``.
MAX_DEPTH = 64
#: Properties the load keeps for itself: a content hash, a relationship key, aliases as text.
INTERNAL_PROPERTIES = frozenset({"_hash", "_key", "aliases_text"})
_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def plain(value: Any, _depth: int = 0) -> Any:
    """Convert dicts, lists, Python and Neo4j dates/times to JSON-friendly values, recursing
    at most ``MAX_DEPTH`` levels (deeper values become ``None``)."""
    if _depth > MAX_DEPTH:
        return None
    if hasattr(value, "iso_format"):  # neo4j.time.Date, DateTime, Time, Duration
        return value.iso_format()  # before the tuple case: a Duration is a tuple
    if isinstance(value, BrokenHydrationObject):
        raise undecodable(value)
    if isinstance(value, dict):
        return {k: plain(v, _depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, _depth + 1) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


def undecodable(value: BrokenHydrationObject) -> Neo4jFault:
    """The error for a value of an answer the driver could not decode (inside a list or a
    map, where the record does not raise it): the server's fault, not the query's."""
    error = Neo4jFault(
        f"the driver cannot decode a value of Neo4j's answer: {type(value.error).__name__}: "
        f"{value.error}"
    )
    error.__cause__ = value.error
    return error


class Full(Exception):
    """The byte budget of an answer is spent (raised inside a conversion, caught by its user)."""


@dataclass
class GraphValues:
    """Converts a power user's values under caps, recording every cut in ``cuts``.

    ``budget`` is the bytes left for the answer; each conversion estimates what it adds
    (strings by length, before they are copied) and raises ``Full`` once it would pass it.
    """

    budget: int
    max_list_items: int = 10_000
    max_depth: int = MAX_DEPTH
    cuts: set[str] = field(default_factory=set)

    def row(self, keys: list[str], values: list[Any]) -> bytes:
        """One row as JSON bytes, charged to the budget; ``Full`` when it does not fit.

        The conversion charges lower bounds of what each value will take, so a row far too
        large stops early; the row's exact size is charged once it is encoded."""
        before = self.budget
        converted = {key: self.value(item, 1) for key, item in zip(keys, values, strict=True)}
        self.budget = before
        encoded = json.dumps(converted, ensure_ascii=False, allow_nan=False).encode()
        self.spend(len(encoded) + 1)
        return encoded

    def spend(self, size: int) -> None:
        if size > self.budget:
            self.budget = 0
            raise Full
        self.budget -= size

    def value(self, value: Any, depth: int) -> Any:
        """``value`` as JSON-friendly Python."""
        if depth > self.max_depth:
            self.cuts.add(f"values nested deeper than {self.max_depth} levels became null")
            return None
        if value is None or isinstance(value, bool | int):
            self.spend(1)
            return value
        if isinstance(value, float):
            self.spend(1)
            # JSON has no NaN or infinities: they come as JavaScript spells them.
            return value if math.isfinite(value) else _NON_FINITE[str(value)]
        if isinstance(value, str):
            self.spend(len(value) + 2)
            return value
        if isinstance(value, Node):
            return self._node(value, depth)
        if isinstance(value, Relationship):
            return self._relationship(value, depth)
        if isinstance(value, Path):
            return {
                "nodes": [self._node(n, depth + 1) for n in value.nodes],
                "relationships": [self._relationship(r, depth + 1) for r in value.relationships],
            }
        if hasattr(value, "iso_format"):  # neo4j.time values; a Duration is also a tuple
            return self.value(value.iso_format(), depth)
        if isinstance(value, dt.date | dt.datetime | dt.time):
            return self.value(value.isoformat(), depth)
        if isinstance(value, dict):
            return self._map(value, depth)
        if isinstance(value, list | tuple):  # a spatial Point is a tuple of coordinates
            return self._list(value, depth)
        if isinstance(value, bytes | bytearray):
            return self.value(base64.b64encode(value).decode(), depth)
        if isinstance(value, BrokenHydrationObject):
            raise undecodable(value)
        return self.value(str(value), depth)

    def _list(self, items: list[Any] | tuple[Any, ...], depth: int) -> list[Any]:
        if len(items) > self.max_list_items:
            self.cuts.add(f"lists longer than {self.max_list_items} items were cut to that many")
            items = items[: self.max_list_items]
        self.spend(2)
        return [self.value(item, depth + 1) for item in items]

    def _map(self, entries: dict[str, Any], depth: int) -> dict[str, Any]:
        self.spend(2)
        out = {}
        for key, item in entries.items():
            self.spend(len(key) + 4)
            out[key] = self.value(item, depth + 1)
        return out

    def _properties(self, entity: Node | Relationship, depth: int) -> dict[str, Any]:
        return self._map(
            {k: v for k, v in entity.items() if k not in INTERNAL_PROPERTIES}, depth + 1
        )

    def _node(self, node: Node, depth: int) -> dict[str, Any]:
        self.spend(50)
        return {
            "element_id": node.element_id,
            "labels": sorted(node.labels),
            "properties": self._properties(node, depth),
        }

    def _relationship(self, rel: Relationship, depth: int) -> dict[str, Any]:
        self.spend(60)
        return {
            "element_id": rel.element_id,
            "type": rel.type,
            "start": rel.start_node.element_id if rel.start_node is not None else None,
            "end": rel.end_node.element_id if rel.end_node is not None else None,
            "properties": self._properties(rel, depth),
        }
