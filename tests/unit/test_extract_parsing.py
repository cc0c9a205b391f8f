"""Sums, periods and references as the extractor reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from kgraph.parse.amounts import find_amounts
from kgraph.parse.dates import find_periods
from loaders.extract.rules_people import parse_reference, person_name
from loaders.extract.spans import slug


@pytest.mark.parametrize(
    ("text", "euros"),
    [
        ("Business Finland myönsi hankkeelle 13,4 miljoonaa euroa.", 13_400_000),
        ("granted the consortium with 1.8 million euros", 1_800_000),
        ("a grant of €1.8 million", 1_800_000),
        ("Lassi 500 000 euroa, yhdessä", 500_000),
        ("EUR 500,000 for the pilot", 500_000),
        ("2 miljoonan euron rahoitus", 2_000_000),
    ],
)
def test_sums_in_euros_in_finnish_and_english(text: str, euros: int) -> None:
    assert [a.eur for a in find_amounts(text)] == [euros]


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Toteutusaika: 1.9.2023 – 31.8.2026", "2023-09-01", "2026-08-31", "day"),
        ("Toteutusaika 1.1.2024 - 31.12.2026", "2024-01-01", "2026-12-31", "day"),
        ("runs from January 2025 until December 2027.", "2025-01-01", "2027-12-31", "month"),
        ("from 3 March 2024 to 28 February 2025", "2024-03-03", "2025-02-28", "day"),
        ("ekosysteemisopimuksen vuosille 2021 – 2027.", "2021-01-01", "2027-12-31", "year"),
        ("From the start of 2025 to the end of 2027.", "2025-01-01", "2027-12-31", "year"),
        ("vuoden 2025 alusta vuoden 2027 loppuun", "2025-01-01", "2027-12-31", "year"),
    ],
)
def test_periods(text: str, start: str, end: str, precision: str) -> None:
    (period,) = find_periods(text)
    assert (period.start, period.end, period.precision) == (
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end),
        precision,
    )


def test_impossible_and_reversed_periods_are_not_periods() -> None:
    assert find_periods("31.2.2024 – 1.3.2024 and 1.1.2026 – 1.1.2025") == []


def test_a_reference_gives_authors_in_order_title_venue_and_doi() -> None:
    reference = parse_reference(
        "Rostami, Hossein; Valio, Johanna; Tynjälä, Pekka; Lassi, Ulla; Suominen, Pekka, 2024,\n"
        "Life Cycle of LiFePO4 Batteries: Production, Recycling, and Market Trends, Chem-\n"
        "PhysChem, e202400459, DOI: 10.1002/cphc.202400459"
    )
    assert reference is not None
    assert [person_name(a) for a in reference.authors] == [
        "Hossein Rostami",
        "Johanna Valio",
        "Pekka Tynjälä",
        "Ulla Lassi",
        "Pekka Suominen",
    ]
    assert reference.year == 2024
    assert (
        reference.title
        == "Life Cycle of LiFePO4 Batteries: Production, Recycling, and Market Trends"
    )
    assert reference.doi == "10.1002/cphc.202400459"


def test_ids_follow_the_registry_slugs() -> None:
    assert slug("Vaasan yliopisto") == "vaasan-yliopisto"
    assert slug("Wärtsilä Oy") == "wartsila-oy"
    assert slug("BATCircle3.0") == "batcircle3.0"
