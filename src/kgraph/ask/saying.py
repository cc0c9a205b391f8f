"""A reading said back in the question's language, from the phrases of its rules file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kgraph.ask.reading import Param, Reading
from kgraph.ask.rules import SEARCH, Lexicon
from kgraph.query.search import SearchFilter

#: The order filters are said in (the search's own order).
_FILTERS = ("stage", "topic", "programme", "funder", "city", "network", "funded", "as_of")


def _date(value: str, language: str) -> str:
    day = dt.date.fromisoformat(value)
    return f"{day.day}.{day.month}.{day.year}" if language == "fi" else day.isoformat()


def said_value(param: Param, lexicon: Lexicon) -> str:
    """A parameter as the sentence says it back: names in the language, dates as written."""
    if param.entities:
        names = [(e.name_fi or e.name) if lexicon.language == "fi" else e.name
                 for e in param.entities]  # fmt: skip
        joiner = f" {lexicon.said['and']} "
        return joiner.join(names)
    if isinstance(param.value, str) and param.name in ("date", "as_of"):
        template = lexicon.said[param.note or "date"]
        return str(template.format(date=_date(param.value, lexicon.language), words=param.words))
    return str(param.value)


def say(reading: Reading, lexicon: Lexicon) -> str:
    """The question a reading runs, as a sentence in the reading's language."""
    values = {p.name: said_value(p, lexicon) for p in reading.params}
    rule = reading.rule
    if rule.run == SEARCH:
        return _say_search(reading, lexicon, values)
    missing = [name for name in rule.optional if name not in values]
    template = rule.says_all if missing and rule.says_all else rule.says
    return template.format_map(_Blank(values))


def _say_search(reading: Reading, lexicon: Lexicon, values: dict[str, str]) -> str:
    kind = reading.rule.kind or "City"
    phrases: dict[str, Any] = lexicon.said["project_filters" if kind == "Project" else "filters"]
    pieces = [
        str(phrases[name]).format_map(_Blank(values))
        for name in _FILTERS
        if name in values and name in phrases
    ]
    joiner = f" {lexicon.said['and']} "
    return f"{lexicon.said['search'][kind]} {joiner.join(pieces) or lexicon.said['all']}?"


class _Blank(dict[str, str]):
    """Formatting values where a name left out reads as nothing rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def search_filter(reading: Reading, limit: int = 50) -> SearchFilter:
    """The search a reading runs."""
    values = reading.values()
    as_of = values.get("as_of")
    return SearchFilter(
        kind=reading.rule.kind or "City", stage=values.get("stage"), topic=values.get("topic"),
        programme=values.get("programme"), funder=values.get("funder"),
        funded=bool(values.get("funded")),
        as_of=dt.date.fromisoformat(as_of) if as_of else None, city=values.get("city"),
        network=values.get("network"), limit=limit,
    )  # fmt: skip
