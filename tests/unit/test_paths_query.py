"""The paths query: its hop bound comes from the caller, checked, never from a raw value."""

from __future__ import annotations

import re

import pytest

from kgraph.db import cypher
from kgraph.errors import QueryError
from kgraph.query import lookups


def bound(text: str) -> str:
    matches: list[str] = re.findall(r"\)\{1,(\w+)\}", text)
    [found] = matches
    return found


@pytest.mark.parametrize("max_hops", [1, 2, 4, cypher.MAX_HOPS])
def test_the_pattern_is_bounded_by_the_hops_asked_for(max_hops: int) -> None:
    assert bound(cypher.paths(max_hops)) == str(max_hops)


def test_the_most_hops_served_is_the_api_limit() -> None:
    assert lookups.MAX_HOPS == cypher.MAX_HOPS == 6


@pytest.mark.parametrize("max_hops", [0, -1, cypher.MAX_HOPS + 1, 100])
def test_hops_outside_one_to_max_are_refused(max_hops: int) -> None:
    with pytest.raises(QueryError, match=f"from 1 to {cypher.MAX_HOPS}"):
        cypher.paths(max_hops)


@pytest.mark.parametrize("max_hops", ["3", 2.5, True, "3]-(b)) DETACH DELETE a //"])
def test_hops_that_are_not_integers_are_refused(max_hops: object) -> None:
    with pytest.raises(QueryError, match="must be an integer"):
        cypher.paths(max_hops)  # type: ignore[arg-type]


def test_only_entities_are_on_the_way_and_the_search_knows_it() -> None:
    """The Entity condition is in the pattern the shortest-path search walks, not a filter
    applied after it (which can turn the search exhaustive)."""
    text = cypher.paths(2)
    assert "ALL SHORTEST (a) (()-[]-(:Entity)){1,2} (b)" in text
    assert "allShortestPaths" not in text and "WHERE all(" not in text


def test_entities_and_the_limit_are_parameters() -> None:
    text = cypher.paths(3)
    assert {"$from", "$to", "$limit"} <= set(re.findall(r"\$\w+", text))
    assert "{.id, .name, .type}" in text  # the map projection's braces survive the f-string
