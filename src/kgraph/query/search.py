"""Composable search for cities, organisations and projects, each hit with the facts behind it.

Filters combine with AND. The project filters (programme, funder, status, funded, as_of)
apply to one and the same project: "cities that cover recycling and sit in funded Horizon
projects" is ``kind=City, stage=[recycling], programme=[horizon-europe], funded=True``.
The query text is assembled from constant fragments only; every value is a parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from kgraph.db.graph import Graph
from kgraph.query.questions import attach_evidence

Kind = Literal["City", "Organisation", "Project"]
FUNDED = ("funded", "ongoing", "ended")


@dataclass
class SearchFilter:
    kind: Kind
    stage: list[str] | None = None
    topic: list[str] | None = None
    programme: list[str] | None = None
    funder: list[str] | None = None
    status: list[str] | None = None
    funded: bool = False
    as_of: dt.date | None = None
    city: list[str] | None = None
    network: list[str] | None = None
    offset: int = 0
    limit: int = 50

    @property
    def constrains_projects(self) -> bool:
        return any([self.programme, self.funder, self.status, self.funded, self.as_of])


# The project predicate, on a variable named p.
_PROJECT_ACTIVE = """
  coalesce(p.start, CASE WHEN p.start_year IS NOT NULL
                         THEN date({year: p.start_year, month: 1, day: 1}) END) <= $as_of
  AND coalesce(p.end, CASE WHEN p.end_year IS NOT NULL
                           THEN date({year: p.end_year, month: 12, day: 31}) END) >= $as_of"""
_PROJECT_PARTS = {
    "programme": "EXISTS { (p)-[:PART_OF_PROGRAMME]->(g) WHERE g.id IN $programme }",
    "funder": "EXISTS { (p)-[:FUNDED_BY]->(f) WHERE f.id IN $funder }",
    "status": "p.status IN $status",
    "funded": "p.status IN $funded_statuses",
    "as_of": _PROJECT_ACTIVE,
}


def _project_predicate(f: SearchFilter) -> str:
    parts = [text for name, text in _PROJECT_PARTS.items() if getattr(f, name)]
    return " AND ".join(parts) or "true"


def _conditions(f: SearchFilter, project: str) -> list[str]:
    """WHERE conditions on the hit ``e`` for the given filter."""
    out: list[str] = []
    if f.stage:
        out.append("EXISTS { (e)-[:COVERS_STAGE]->(s) WHERE s.id IN $stage }")
    if f.topic:
        out.append("EXISTS { (e)-[:SPECIALISES_IN|ADDRESSES_TOPIC]->(t) WHERE t.id IN $topic }")
    if f.kind == "Project":
        if f.constrains_projects:
            out.append("EXISTS { MATCH (p:Project) WHERE p = e AND " + project + " }")
        if f.city:
            out.append("EXISTS { (c:City)-[:PARTICIPATES_IN]->(e) WHERE c.id IN $city }")
        if f.network:
            out.append(
                "EXISTS { (m)-[:MEMBER_OF]->(n) WHERE n.id IN $network "
                "AND EXISTS { (m)-[:PARTICIPATES_IN]->(e) } }"
            )
        return out
    if f.constrains_projects:
        out.append("EXISTS { (e)-[:PARTICIPATES_IN]->(p:Project) WHERE " + project + " }")
    if f.city:
        if f.kind == "City":
            out.append("e.id IN $city")
        else:
            out.append("EXISTS { (e)-[:LOCATED_IN]->(c) WHERE c.id IN $city }")
    if f.network:
        out.append("EXISTS { (e)-[:MEMBER_OF]->(n) WHERE n.id IN $network }")
    return out


def _support(f: SearchFilter, project: str) -> str:
    """Pattern comprehensions collecting the facts that made each hit match."""
    parts = [
        "stage: [(e)-[r:COVERS_STAGE]->(s) WHERE s.id IN coalesce($stage, []) "
        "| r {.*, stage: s.name}]",
        "topic: [(e)-[r:SPECIALISES_IN|ADDRESSES_TOPIC]->(t) WHERE t.id IN coalesce($topic, []) "
        "| r {.*, topic: t.name}]",
        "network: [(e)-[r:MEMBER_OF]->(n) WHERE n.id IN coalesce($network, []) "
        "| r {.*, network: n.name}]",
    ]
    if f.kind != "Project":
        parts.append(
            "projects: [(e)-[r:PARTICIPATES_IN]->(p:Project) WHERE $any_project AND "
            + project
            + " | r {.*, project: p.name, status: p.status}]"
        )
    return "{" + ", ".join(parts) + "}"


_LABELS: dict[Kind, str] = {"City": "City", "Organisation": "Organisation", "Project": "Project"}


def build_query(f: SearchFilter) -> str:
    project = _project_predicate(f)
    where = _conditions(f, project)
    return (
        f"MATCH (e:{_LABELS[f.kind]})\n"
        + ("WHERE " + "\n  AND ".join(where) + "\n" if where else "")
        + "WITH e ORDER BY e.name, e.id\n"
        + "WITH collect(e) AS hits\n"
        + "WITH size(hits) AS total, hits[$offset..$offset + $limit] AS page\n"
        # One row even for an empty page, so the total is always known.
        + "UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS e\n"
        + "RETURN total, e.id AS id, e.type AS type, e.name AS name, "
        + "e.status AS status, "
        + _support(f, project)
        + " AS because"
    )


def build_params(f: SearchFilter) -> dict[str, Any]:
    """The values of every parameter ``build_query`` may name, for the same filter."""
    return {
        "stage": f.stage, "topic": f.topic, "programme": f.programme, "funder": f.funder,
        "status": f.status, "funded_statuses": list(FUNDED), "as_of": f.as_of, "city": f.city,
        "network": f.network, "offset": f.offset, "limit": f.limit,
        "any_project": f.constrains_projects,
    }  # fmt: skip


def search(graph: Graph, f: SearchFilter) -> tuple[int, list[dict[str, Any]]]:
    """Entities of one kind matching every given filter, with the facts behind each match."""
    rows = graph.read(build_query(f), build_params(f))
    total = rows[0]["total"] if rows else 0
    hits = [{k: v for k, v in row.items() if k != "total"} for row in rows if row["id"]]
    return total, attach_evidence(graph, hits)
