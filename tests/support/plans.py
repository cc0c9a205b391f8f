"""Read the planner's plans: does a query start from a full scan where an index would serve?

A plan that scans every node of a label and then filters on a property that label has an
index for has missed the index (a typo in a label, a function around the property, a type
mismatch). An all-nodes scan is never wanted in a catalogue query.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kgraph.db.graph import Graph

_INDEXES = """
SHOW INDEXES YIELD type, entityType, labelsOrTypes, properties
WHERE entityType = 'NODE' AND type = 'RANGE'
RETURN labelsOrTypes AS labels, properties
"""
_LABEL_SCAN = re.compile(r"^\s*`?(\w+)`?:`?(\w+)`?\s*$")


@dataclass(frozen=True)
class MissedIndex:
    operator: str
    detail: str
    reason: str

    def __str__(self) -> str:
        return f"{self.operator} ({self.detail}): {self.reason}"


def indexed_properties(graph: Graph) -> set[tuple[str, str]]:
    """(label, property) pairs a range index (or uniqueness constraint) covers first."""
    return {(row["labels"][0], row["properties"][0]) for row in graph.read(_INDEXES)}


def _operator(node: dict[str, Any]) -> str:
    return str(node.get("operatorType", "")).split("@", 1)[0]


def _detail(node: dict[str, Any]) -> str:
    args = node.get("args") or node.get("arguments") or {}
    return str(args.get("Details", ""))


def _walk(
    node: dict[str, Any], above: tuple[dict[str, Any], ...] = ()
) -> Iterator[tuple[dict[str, Any], tuple[dict[str, Any], ...]]]:
    yield node, above
    for child in node.get("children", []):
        yield from _walk(child, (node, *above))


def missed_indexes(plan: dict[str, Any], indexed: set[tuple[str, str]]) -> list[MissedIndex]:
    """Full scans in ``plan`` that an index could have replaced."""
    found: list[MissedIndex] = []
    for node, above in _walk(plan):
        operator = _operator(node)
        if operator == "AllNodesScan":
            found.append(MissedIndex(operator, _detail(node), "scans every node in the graph"))
        if operator != "NodeByLabelScan":
            continue
        match = _LABEL_SCAN.match(_detail(node))
        if not match:
            continue
        variable, label = match.groups()
        uses = re.compile(rf"\b{re.escape(variable)}\.(\w+)\s*(=|IN\b|STARTS WITH|<|>)")
        for ancestor in above:
            if _operator(ancestor) != "Filter":
                continue
            for prop, _ in uses.findall(_detail(ancestor)):
                if (label, prop) in indexed:
                    found.append(MissedIndex(
                        operator, _detail(node),
                        f"filters {variable}.{prop} afterwards, which an index on "
                        f":{label}({prop}) serves",
                    ))  # fmt: skip
    return found
