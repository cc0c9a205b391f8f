"""The search query builder: the Cypher conditions it writes for each filter, and its params.

The text is pinned here; that the server accepts it and finds the right hits is the
integration tests' part (tests/api).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kgraph.query.search import SearchFilter, build_params, build_query

SHELL_END = (
    "WITH e ORDER BY e.name, e.id\n"
    "WITH collect(e) AS hits\n"
    "WITH size(hits) AS total, hits[$offset..$offset + $limit] AS page\n"
    "UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS e\n"
    "RETURN total, e.id AS id, e.type AS type, e.name AS name, e.status AS status, "
)
SUPPORT_SHARED = (
    "stage: [(e)-[r:COVERS_STAGE]->(s) WHERE s.id IN coalesce($stage, []) "
    "| r {.*, stage: s.name}], "
    "topic: [(e)-[r:SPECIALISES_IN|ADDRESSES_TOPIC]->(t) WHERE t.id IN coalesce($topic, []) "
    "| r {.*, topic: t.name}]"
)
NETWORK = (
    ", network: [(e)-[r:MEMBER_OF]->(n) WHERE n.id IN coalesce($network, []) "
    "| r {.*, network: n.name}]"
)
CITY_ITSELF = (
    ", city: [c IN [e] WHERE c.id IN coalesce($city, []) | {city: c.name, is_the_city: true}]"
)
VALUES = (
    "{.id, .name, .status, .status_note, .start, .end, .start_year, .end_year, "
    ".prop_evidence_keys, .prop_evidence_docs, .prop_evidence_passages, "
    ".prop_evidence_anchors, .derived_props}"
)
ACTIVE = """
  coalesce(p.start, CASE WHEN p.start_year IS NOT NULL
                         THEN date({year: p.start_year, month: 1, day: 1}) END) <= $as_of
  AND coalesce(p.end, CASE WHEN p.end_year IS NOT NULL
                           THEN date({year: p.end_year, month: 12, day: 31}) END) >= $as_of"""


def _projects_support(predicate: str) -> str:
    """The support of a City or Organisation hit from its projects: the participation (with
    the project's values), and the programme and funder facts of the same projects."""
    return (
        ", projects: [(e)-[r:PARTICIPATES_IN]->(p:Project) WHERE $any_project AND "
        + predicate
        + " | r {.*, project: p.name, status: p.status, values: p " + VALUES + "}]"
        ", programme: [(e)-[:PARTICIPATES_IN]->(p:Project)-[r:PART_OF_PROGRAMME]->(g) "
        "WHERE g.id IN coalesce($programme, []) AND " + predicate
        + " | r {.*, project: p.name, programme: g.name}]"
        ", funder: [(e)-[:PARTICIPATES_IN]->(p:Project)-[r:FUNDED_BY]->(f) "
        "WHERE f.id IN coalesce($funder, []) AND " + predicate
        + " | r {.*, project: p.name, funder: f.name}]"
    )  # fmt: skip


PROJECT_SUPPORT = (
    ", network: [(m)-[r:MEMBER_OF]->(n) WHERE n.id IN coalesce($network, []) "
    "AND EXISTS { (m)-[:PARTICIPATES_IN]->(e) } | r {.*, network: n.name, member: m.name}]"
    ", city: [(c:City)-[r:PARTICIPATES_IN]->(e) WHERE c.id IN coalesce($city, []) "
    "| r {.*, city: c.name}]"
    ", programme: [(e)-[r:PART_OF_PROGRAMME]->(g) WHERE g.id IN coalesce($programme, []) "
    "| r {.*, programme: g.name}]"
    ", funder: [(e)-[r:FUNDED_BY]->(f) WHERE f.id IN coalesce($funder, []) "
    "| r {.*, funder: f.name}]"
    ", values: e " + VALUES
)


def _where(query: str) -> str:
    """The WHERE clause of a built query, without the keyword ("" when there is none)."""
    head = query.split("WITH e ORDER BY", 1)[0]
    return head.split("WHERE ", 1)[1].rstrip("\n") if "\nWHERE " in head else ""


def test_a_kind_alone_matches_every_entity_of_it_one_page_at_a_time() -> None:
    assert build_query(SearchFilter(kind="City")) == (
        "MATCH (e:City)\n"
        + SHELL_END
        + "{"
        + SUPPORT_SHARED
        + NETWORK
        + CITY_ITSELF
        + _projects_support("true")
        + "} AS because"
    )


def test_a_project_search_reports_the_project_itself_not_projects_behind_it() -> None:
    assert build_query(SearchFilter(kind="Project")) == (
        "MATCH (e:Project)\n" + SHELL_END + "{" + SUPPORT_SHARED + PROJECT_SUPPORT + "} AS because"
    )


def test_an_organisation_search_matches_organisations() -> None:
    assert build_query(SearchFilter(kind="Organisation")).startswith(
        "MATCH (e:Organisation)\nWITH e ORDER BY e.name, e.id\n"
    )


def test_a_city_search_combines_its_filters_with_and_in_a_fixed_order() -> None:
    f = SearchFilter(
        kind="City",
        network=["network:n"],
        city=["city:kokkola"],
        topic=["topic:t"],
        stage=["stage:recycling"],
    )
    assert _where(build_query(f)) == "\n  AND ".join(
        [
            "EXISTS { (e)-[:COVERS_STAGE]->(s) WHERE s.id IN $stage }",
            "EXISTS { (e)-[:SPECIALISES_IN|ADDRESSES_TOPIC]->(t) WHERE t.id IN $topic }",
            "e.id IN $city",
            "EXISTS { (e)-[:MEMBER_OF]->(n) WHERE n.id IN $network }",
        ]
    )


def test_an_organisation_is_placed_in_a_city_by_where_it_is_located() -> None:
    f = SearchFilter(kind="Organisation", city=["city:vaasa"])
    assert _where(build_query(f)) == "EXISTS { (e)-[:LOCATED_IN]->(c) WHERE c.id IN $city }"


def test_project_filters_on_a_city_apply_to_one_and_the_same_project() -> None:
    f = SearchFilter(
        kind="City", stage=["stage:recycling"], programme=["programme:horizon"], funded=True
    )
    predicate = (
        "EXISTS { (p)-[:PART_OF_PROGRAMME]->(g) WHERE g.id IN $programme }"
        " AND p.status IN $funded_statuses"
    )
    query = build_query(f)
    assert _where(query) == (
        "EXISTS { (e)-[:COVERS_STAGE]->(s) WHERE s.id IN $stage }\n"
        "  AND EXISTS { (e)-[:PARTICIPATES_IN]->(p:Project) WHERE " + predicate + " }"
    )
    # The facts behind the hit list the same projects the condition accepted.
    assert query.endswith(_projects_support(predicate) + "} AS because")


def test_the_project_predicate_joins_every_project_filter_in_a_fixed_order() -> None:
    f = SearchFilter(
        kind="Organisation",
        as_of=dt.date(2024, 6, 1),
        funded=True,
        status=["ongoing"],
        funder=["org:business-finland"],
        programme=["programme:jtf"],
    )
    predicate = " AND ".join(
        [
            "EXISTS { (p)-[:PART_OF_PROGRAMME]->(g) WHERE g.id IN $programme }",
            "EXISTS { (p)-[:FUNDED_BY]->(f) WHERE f.id IN $funder }",
            "p.status IN $status",
            "p.status IN $funded_statuses",
            ACTIVE,
        ]
    )
    assert _where(build_query(f)) == (
        "EXISTS { (e)-[:PARTICIPATES_IN]->(p:Project) WHERE " + predicate + " }"
    )


def test_a_project_search_puts_the_project_filters_on_the_hit_itself() -> None:
    f = SearchFilter(
        kind="Project", status=["ended"], city=["city:kokkola"], network=["network:batcircle"]
    )
    assert _where(build_query(f)) == "\n  AND ".join(
        [
            "EXISTS { MATCH (p:Project) WHERE p = e AND p.status IN $status }",
            "EXISTS { (c:City)-[:PARTICIPATES_IN]->(e) WHERE c.id IN $city }",
            "EXISTS { (m)-[:MEMBER_OF]->(n) WHERE n.id IN $network "
            "AND EXISTS { (m)-[:PARTICIPATES_IN]->(e) } }",
        ]
    )


def test_a_project_search_by_stage_and_topic_checks_the_project() -> None:
    f = SearchFilter(kind="Project", stage=["stage:s"], topic=["topic:t"])
    assert _where(build_query(f)) == (
        "EXISTS { (e)-[:COVERS_STAGE]->(s) WHERE s.id IN $stage }\n"
        "  AND EXISTS { (e)-[:SPECIALISES_IN|ADDRESSES_TOPIC]->(t) WHERE t.id IN $topic }"
    )


@pytest.mark.parametrize(
    ("filters", "constrains"),
    [
        ({}, False),
        ({"stage": ["stage:s"], "topic": ["topic:t"], "city": ["city:c"]}, False),
        ({"network": ["network:n"]}, False),
        ({"programme": ["programme:p"]}, True),
        ({"funder": ["org:f"]}, True),
        ({"status": ["prepared"]}, True),
        ({"funded": True}, True),
        ({"as_of": dt.date(2025, 1, 1)}, True),
        ({"programme": [], "status": []}, False),
    ],
)
def test_only_project_filters_constrain_the_projects(
    filters: dict[str, object], constrains: bool
) -> None:
    f = SearchFilter(kind="City", **filters)  # type: ignore[arg-type]
    assert f.constrains_projects is constrains
    assert build_params(f)["any_project"] is constrains
    assert ("(e)-[:PARTICIPATES_IN]->(p:Project) WHERE " in _where(build_query(f))) is constrains


def test_every_value_goes_in_as_a_parameter() -> None:
    f = SearchFilter(
        kind="Organisation",
        stage=["stage:s"],
        topic=["topic:t"],
        programme=["programme:p"],
        funder=["org:f"],
        status=["ongoing"],
        funded=True,
        as_of=dt.date(2024, 5, 17),
        city=["city:c"],
        network=["network:n"],
        offset=20,
        limit=10,
    )
    assert build_params(f) == {
        "stage": ["stage:s"],
        "topic": ["topic:t"],
        "programme": ["programme:p"],
        "funder": ["org:f"],
        "status": ["ongoing"],
        "funded_statuses": ["funded", "ongoing", "ended"],
        "as_of": dt.date(2024, 5, 17),
        "city": ["city:c"],
        "network": ["network:n"],
        "offset": 20,
        "limit": 10,
        "any_project": True,
    }
    query = build_query(f)
    for value in ("stage:s", "topic:t", "programme:p", "org:f", "ongoing", "2024", "city:c"):
        assert value not in query
    assert set(re.findall(r"\$(\w+)", query)) == set(build_params(f))


def test_the_first_page_of_fifty_is_the_default() -> None:
    params = build_params(SearchFilter(kind="Project"))
    assert (params["offset"], params["limit"]) == (0, 50)
    assert params["any_project"] is False
    assert params["stage"] is None
