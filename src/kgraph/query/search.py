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

from kgraph.db import cypher
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


def build_query(f: SearchFilter) -> str:
    """The search's query text for the filters ``f`` sets (their values are parameters)."""
    return cypher.search(f.kind, {name for name in cypher.SEARCH_FILTERS if getattr(f, name)})


def build_params(f: SearchFilter) -> dict[str, Any]:
    """The values of every parameter ``build_query`` may name, for the same filter."""
    return {
        "stage": f.stage, "topic": f.topic, "programme": f.programme, "funder": f.funder,
        "status": f.status, "funded_statuses": list(FUNDED), "as_of": f.as_of, "city": f.city,
        "network": f.network, "offset": f.offset, "limit": f.limit,
        "any_project": f.constrains_projects,
    }  # fmt: skip


_DATES = ("start", "end", "start_year", "end_year")


def search(graph: Graph, f: SearchFilter) -> tuple[int, list[dict[str, Any]]]:
    """Entities of one kind matching every given filter, with the facts behind each match.

    Each hit's ``because`` has one entry per filter (empty for a filter not given): the facts
    it matched by, and for ``status``, ``funded`` and ``as_of`` the project values tested,
    each with the evidence of the value or the curator's note when the value was reasoned.
    """
    rows = graph.read(build_query(f), build_params(f))
    total = rows[0]["total"] if rows else 0
    hits = [{k: v for k, v in row.items() if k != "total"} for row in rows if row["id"]]
    shaped = attach_evidence(graph, hits)
    for hit in shaped:
        hit["because"] = _because(hit["because"], f)
    return total, shaped


def _because(because: dict[str, Any], f: SearchFilter) -> dict[str, Any]:
    """The project values behind status, funded and as_of, split out of the raw support."""
    own = because.pop("values", None)
    projects = [own] if own else [p.pop("values") for p in because.get("projects", [])]
    because["status"] = [_value(p, ("status",)) for p in projects] if f.status else []
    because["funded"] = [_value(p, ("status",)) for p in projects] if f.funded else []
    because["as_of"] = [_value(p, _DATES) for p in projects] if f.as_of else []
    return because


def _value(project: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """A project's values of ``keys`` with where each comes from."""
    evidence = project.get("props_evidence", {})
    derived = [k for k in project.get("derived", []) if k in keys]
    out: dict[str, Any] = {"project": project.get("name"), "project_id": project.get("id")}
    out.update({k: project.get(k) for k in keys if project.get(k) is not None})
    out["evidence"] = [item for k in keys for item in evidence.get(k, [])]
    out["derived"] = derived
    if "status" in derived and project.get("status_note"):
        out["note"] = project["status_note"]
    return out
