"""Read ``graph/schema.cypher`` and apply it to a database, idempotently."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.errors import SchemaError

PREFIX = "kg_"

_STATEMENT = re.compile(
    r"""^CREATE\s+(?P<kind>CONSTRAINT|(?:RANGE\s+|TEXT\s+|POINT\s+|FULLTEXT\s+)?INDEX)\s+
        (?P<name>\w+)\s+IF\s+NOT\s+EXISTS\s+
        FOR\s+(?P<pattern>\(\w+:\w+\)|\(\)-\[\w+:\w+\]-\(\))\s+
        (?:REQUIRE\s+(?P<required>.+?)\s+IS\s+(?:UNIQUE|NODE\s+KEY|NOT\s+NULL)
          |ON\s+(?P<indexed>(?:EACH\s*)?[\[(].+[\])]))\s*$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_LABEL = re.compile(r":(\w+)")
_PROPERTY = re.compile(r"\w+\.(\w+)")


@dataclass(frozen=True)
class SchemaItem:
    """One constraint or index as the file declares it."""

    name: str
    kind: str  # "CONSTRAINT", "RANGE", "FULLTEXT", ...
    label: str
    properties: tuple[str, ...]
    statement: str
    line: int


def _statements(text: str) -> list[tuple[int, str]]:
    """Split the file into (first line number, statement) pairs, dropping ``//`` comments."""
    out: list[tuple[int, str]] = []
    buffer: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("//", 1)[0].strip()
        if not line:
            continue
        if not buffer:
            start = number
        buffer.append(line)
        if line.endswith(";"):
            out.append((start, " ".join(buffer)[:-1].strip()))
            buffer = []
    if buffer:
        out.append((start, " ".join(buffer)))
    return out


def parse(path: Path) -> list[SchemaItem]:
    """Parse the schema file; errors name the file, the line and the problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SchemaError(f"{path}: cannot read the schema file: {error}") from error
    items: list[SchemaItem] = []
    seen: set[str] = set()
    for line, statement in _statements(text):
        match = _STATEMENT.match(statement)
        if match is None:
            raise SchemaError(
                f"{path}:{line}: not a 'CREATE CONSTRAINT|INDEX name IF NOT EXISTS FOR ... ;' "
                "statement (is a semicolon missing?)"
            )
        name = match["name"]
        if not name.startswith(PREFIX):
            raise SchemaError(f"{path}:{line}: name '{name}' must start with '{PREFIX}'")
        if name in seen:
            raise SchemaError(f"{path}:{line}: '{name}' is declared twice")
        seen.add(name)
        kind = match["kind"].upper().split()[0]
        kind = "RANGE" if kind == "INDEX" else kind
        label = _LABEL.search(match["pattern"])
        items.append(
            SchemaItem(
                name=name,
                kind=kind,
                label=label[1] if label else "",
                properties=tuple(_PROPERTY.findall(match["required"] or match["indexed"])),
                statement=statement,
                line=line,
            )
        )
    return items


@dataclass(frozen=True)
class AppliedSchema:
    created: list[str]
    dropped: list[str]
    unchanged: list[str]


def existing_names(graph: Graph) -> tuple[set[str], set[str]]:
    """Names of kg_* constraints and of kg_* indexes not owned by a constraint."""
    constraints = {row["name"] for row in graph.read(cypher.CONSTRAINT_NAMES)}
    indexes = {
        row["name"] for row in graph.read(cypher.INDEX_NAMES) if row["owningConstraint"] is None
    }
    return (
        {n for n in constraints if n.startswith(PREFIX)},
        {n for n in indexes if n.startswith(PREFIX)},
    )


def apply(graph: Graph, path: Path, await_s: int = 120) -> AppliedSchema:
    """Create what the file declares and drop kg_* items it no longer declares.

    Each statement may take up to ``await_s``: a constraint created over a database that
    holds data (a bulk import's) builds its index before it answers."""
    items = parse(path)
    limit = float(await_s) + 10
    constraints, indexes = existing_names(graph)
    present = constraints | indexes
    created: list[str] = []
    for item in items:
        if item.name not in present:
            graph.run_autocommit(item.statement, timeout_s=limit)
            created.append(item.name)
    wanted = {item.name for item in items}
    dropped: list[str] = []
    # Names come from SHOW output filtered to our prefix; Cypher cannot take them as parameters.
    for name in sorted(constraints - wanted):
        graph.run_autocommit(cypher.drop_constraint(name), timeout_s=limit)
        dropped.append(name)
    for name in sorted(indexes - wanted):
        graph.run_autocommit(cypher.drop_index(name), timeout_s=limit)
        dropped.append(name)
    graph.run_autocommit(cypher.await_indexes(await_s), timeout_s=limit)
    unchanged = sorted(wanted - set(created))
    return AppliedSchema(created=created, dropped=dropped, unchanged=unchanged)
