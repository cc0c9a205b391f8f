"""What /ask refuses, and how: words not understood (422) and names not found (404) are
named; a bad rules file names its file and line; dates read the same in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kgraph.ask.reading import understand
from kgraph.ask.rules import lexicons, parse_lexicon
from kgraph.errors import NotFound, NotUnderstood, ReadingRuleError
from kgraph.names.resolve import Resolver
from kgraph.parse.when import DateReader
from tests.unit.test_ask_reading import TODAY
from tests.unit.test_ask_reading import resolver as resolver

RULES = Path(__file__).resolve().parents[2] / "src" / "kgraph" / "ask" / "rules"


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Which cities do not cover recycling?", ["not"]),
        ("Which projects except BATCircle3.0 are funded?", ["except"]),
        ("What is the weather in Oulu?", ["weather"]),
        ("Mitkä kaupungit eivät kata kierrätystä?", ["eivät"]),
        ("Mitkä hankkeet paitsi BATCircle3.0 ovat rahoitettuja?", ["paitsi"]),
    ],
)
def test_a_word_not_understood_is_named_and_nothing_runs(
    resolver: Resolver,
    sentence: str,
    words: list[str],
) -> None:
    with pytest.raises(NotUnderstood) as refused:
        understand(sentence, lexicons(), resolver, TODAY)
    assert set(words) <= set(refused.value.words)


def test_a_name_not_found_where_a_project_is_expected_is_a_404(resolver: Resolver) -> None:
    with pytest.raises(NotFound) as refused:
        understand("Who funds Nokia Battery Works?", lexicons(), resolver, TODAY)
    assert (refused.value.what, refused.value.key) == ("Project", "Nokia Battery Works")


def test_an_entity_of_the_wrong_type_is_refused_not_retyped(resolver: Resolver) -> None:
    with pytest.raises(NotUnderstood) as refused:
        understand("Who funds Kokkola?", lexicons(), resolver, TODAY)
    assert refused.value.words == ["Kokkola"]


def test_funded_never_reads_as_all_projects_of_a_programme(resolver: Resolver) -> None:
    reading = understand("Funded Horizon Europe projects", lexicons(), resolver, TODAY).reading
    assert reading.run == "search" and reading.values()["funded"] is True


def test_a_month_runs_its_first_day_and_offers_its_last(resolver: Resolver) -> None:
    understood = understand("Which projects were running in June 2025?", lexicons(), resolver,
                            TODAY)  # fmt: skip
    assert understood.reading.values() == {"date": "2025-06-01"}
    assert "/questions/projects_active_on?date=2025-06-30" in [
        a.link() for a in understood.alternatives
    ]


@pytest.mark.parametrize(
    ("language", "text", "start", "end", "precision"),
    [
        ("en", "in June 2025", "2025-06-01", "2025-06-30", "month"),
        ("fi", "kesäkuussa 2025", "2025-06-01", "2025-06-30", "month"),
        ("fi", "1.6.2026", "2026-06-01", "2026-06-01", "day"),
        ("en", "on 2025-06-15", "2025-06-15", "2025-06-15", "day"),
        ("en", "15 June 2025", "2025-06-15", "2025-06-15", "day"),
        ("en", "June 15, 2025", "2025-06-15", "2025-06-15", "day"),
        ("fi", "15. kesäkuuta 2025", "2025-06-15", "2025-06-15", "day"),
        ("fi", "vuonna 2024", "2024-01-01", "2024-12-31", "year"),
        ("fi", "nyt", "2025-06-15", "2025-06-15", "day"),
        ("en", "this year", "2025-01-01", "2025-12-31", "year"),
        ("fi", "tänä vuonna", "2025-01-01", "2025-12-31", "year"),
    ],
)
def test_dates_in_both_languages(
    language: str, text: str, start: str, end: str, precision: str
) -> None:
    found = DateReader(lexicons()[language].dates).find(text, TODAY)
    assert [(w.start.isoformat(), w.end.isoformat(), w.precision) for w in found] == [
        (start, end, precision)
    ]


def test_an_impossible_date_is_no_date() -> None:
    assert DateReader(lexicons()["fi"].dates).find("31.2.2025", dt.date(2025, 1, 1)) == []


def test_a_bad_rule_names_its_file_and_line(tmp_path: Path) -> None:
    text = (RULES / "en.yaml").read_text(encoding="utf-8")
    bad = text.replace("    needs: [fund, how_much]", "    needs: [fund, how_mutch]")
    line = bad.splitlines().index("    needs: [fund, how_mutch]") + 1
    (tmp_path / "en.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(ReadingRuleError) as refused:
        parse_lexicon(tmp_path / "en.yaml")
    assert refused.value.file == "en.yaml" and "how_mutch" in refused.value.reason
    assert refused.value.line is not None and abs(refused.value.line - line) <= 2


def test_a_rule_running_an_unknown_question_is_refused(tmp_path: Path) -> None:
    from kgraph.query.questions import Catalogue

    text = (RULES / "en.yaml").read_text(encoding="utf-8")
    bad = text.replace("run: coauthorship", "run: coauthors")
    (tmp_path / "en.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(ReadingRuleError, match="no question 'coauthors'"):
        parse_lexicon(tmp_path / "en.yaml", Catalogue())
