"""The fact filter: which query a listing and its count run, with one set of parameters, and
unknown names refused before any query (no database: it builds text and a dict)."""

from __future__ import annotations

import datetime as dt

import pytest

from kgraph.db import cypher
from kgraph.errors import NotFound
from kgraph.query.lookups import FactFilter


@pytest.mark.parametrize(
    ("where", "listing", "count"),
    [
        (FactFilter(subjects=["a"]), cypher.FACTS_FROM_SUBJECT, cypher.COUNT_FACTS_FROM_SUBJECT),
        (FactFilter(objects=["b"]), cypher.FACTS_FROM_OBJECT, cypher.COUNT_FACTS_FROM_OBJECT),
        (FactFilter(predicate="FUNDED_BY"), cypher.FACTS_ALL, cypher.COUNT_FACTS_ALL),
    ],
)
def test_the_listing_and_its_count_start_from_the_same_end(
    where: FactFilter, listing: str, count: str
) -> None:
    assert (where.query(count=False), where.query(count=True)) == (listing, count)


def test_the_listing_and_the_count_take_the_same_parameters() -> None:
    where = FactFilter(
        subjects=["org:a"], predicate="FUNDED_BY", stated=True, provenance="curated",
        as_of=dt.date(2025, 1, 1), undated=False,
    )  # fmt: skip
    assert where.params() == {
        "subjects": ["org:a"], "objects": None, "predicate": "FUNDED_BY", "stated": True,
        "provenance": "curated", "as_of": dt.date(2025, 1, 1), "undated_too": False,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("where", "kind", "close"),
    [
        (FactFilter(predicate="FUNDED_BYY"), "predicate", "FUNDED_BY"),
        (FactFilter(provenance="curatd"), "provenance", "curated"),
    ],
)
def test_an_unknown_predicate_or_provenance_is_not_found_with_suggestions(
    where: FactFilter, kind: str, close: str
) -> None:
    with pytest.raises(NotFound) as raised:
        where.query(count=False)
    assert raised.value.what == kind
    assert close in raised.value.suggestions
