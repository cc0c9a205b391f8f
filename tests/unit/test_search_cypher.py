"""The search query's text from db/cypher.py: which filters are set decides its conditions."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kgraph.db import cypher
from kgraph.errors import QueryError
from kgraph.query.search import SearchFilter, build_query


def where(text: str) -> str:
    """The WHERE clause of the search (between the MATCH and the ordering)."""
    match = re.search(r"\nWHERE (.*?)\nWITH e ORDER BY", text, re.DOTALL)
    return match[1] if match else ""


def test_no_filter_no_where() -> None:
    text = build_query(SearchFilter("City"))
    assert text.startswith("MATCH (e:City)\nWITH e ORDER BY e.name, e.id\n")
    assert where(text) == ""


@pytest.mark.parametrize(
    ("kind", "filters", "condition"),
    [
        ("City", {"stage": ["s"]}, "EXISTS { (e)-[:COVERS_STAGE]->(s) WHERE s.id IN $stage }"),
        ("Organisation", {"topic": ["t"]}, "(e)-[:SPECIALISES_IN|ADDRESSES_TOPIC]->(t)"),
        ("City", {"city": ["c"]}, "e.id IN $city"),
        ("Organisation", {"city": ["c"]}, "(e)-[:LOCATED_IN]->(c) WHERE c.id IN $city"),
        ("Project", {"city": ["c"]}, "(c:City)-[:PARTICIPATES_IN]->(e) WHERE c.id IN $city"),
        ("Organisation", {"network": ["n"]}, "(e)-[:MEMBER_OF]->(n) WHERE n.id IN $network"),
        ("Project", {"network": ["n"]}, "EXISTS { (m)-[:PARTICIPATES_IN]->(e) }"),
        ("City", {"funded": True}, "(e)-[:PARTICIPATES_IN]->(p:Project) WHERE p.status IN"),
        ("Project", {"status": ["ended"]}, "MATCH (p:Project) WHERE p = e AND p.status IN $status"),
    ],
)
def test_each_filter_adds_its_condition(
    kind: str, filters: dict[str, object], condition: str
) -> None:
    assert condition in where(build_query(SearchFilter(kind, **filters)))  # type: ignore[arg-type]


def test_project_filters_constrain_one_and_the_same_project() -> None:
    text = where(build_query(SearchFilter("City", programme=["h"], funder=["f"], funded=True)))
    [project] = re.findall(r"EXISTS \{ \(e\)-\[:PARTICIPATES_IN\]->\(p:Project\) WHERE (.*)", text)
    assert "$programme" in project and "$funder" in project and "$funded_statuses" in project


def test_conditions_combine_with_and() -> None:
    text = where(build_query(SearchFilter("Organisation", stage=["s"], topic=["t"], city=["c"])))
    assert text.count("\n  AND ") == 2


def test_as_of_compares_the_project_dates_with_the_parameter() -> None:
    text = where(build_query(SearchFilter("Project", as_of=dt.date(2024, 6, 1))))
    assert "<= $as_of" in text and ">= $as_of" in text and "2024" not in text


def test_values_never_enter_the_text() -> None:
    hostile = "x') DETACH DELETE e //"
    text = build_query(SearchFilter("City", stage=[hostile], city=[hostile], network=[hostile]))
    assert hostile not in text


def test_only_projects_have_no_projects_support() -> None:
    assert "projects: [" in build_query(SearchFilter("City"))
    assert "projects: [" not in build_query(SearchFilter("Project"))


@pytest.mark.parametrize("kind", ["Person", "City) DETACH DELETE (e", ""])
def test_a_kind_outside_the_searchable_ones_is_refused(kind: str) -> None:
    with pytest.raises(QueryError, match="cannot search for"):
        cypher.search(kind, set())


def test_an_unknown_filter_is_refused() -> None:
    with pytest.raises(QueryError, match="unknown search filters: colour"):
        cypher.search("City", {"stage", "colour"})
