"""Dates and times in a question, in Finnish and English: "in June 2025", "kesäkuussa 2025",
"1.6.2026", "2025-06-15", "15 June 2025", "vuonna 2024", "nyt", "this year".

Each is a period (``start``..``end``) with its precision, as ``dates`` reads the ranges of
documents (the same ``Precision``, the same month ends); ``dates`` finds ranges, this module
single dates and months with the words of a language (month names, "now", "this year"),
given as data by the caller (``/ask``'s rules files). "now" is the ``today`` the caller
passes, so a reading is reproducible.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from kgraph.parse.dates import Precision, _month_end

_Add = Callable[[dt.date | None, dt.date | None, Precision, "re.Match[str]"], None]


class DateWords(BaseModel):
    """A language's words for dates, as its rules file gives them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Twelve month names in order; a word starting with one is that month
    #: (Finnish "kesäkuussa", "kesäkuun" start with "kesäkuu").
    months: list[str] = Field(min_length=12, max_length=12)
    #: Words or phrases meaning today ("now", "nyt", "tällä hetkellä").
    today: list[str] = Field(default_factory=list)
    #: Words or phrases meaning the current year ("this year", "tänä vuonna").
    this_year: list[str] = Field(default_factory=list)
    #: Words that may stand before a date and belong to it ("in", "on", "vuonna").
    lead: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class When:
    """A date or period found in a question, with the characters it was read from."""

    start: dt.date
    end: dt.date
    precision: Precision
    text: str
    at: int
    end_at: int


_YEAR = r"((?:19|20)\d{2})"


def _day(year: str, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def _alternation(words: list[str]) -> str:
    ordered = sorted({w.casefold() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


class DateReader:
    """Finds the dates of one language in a question."""

    def __init__(self, words: DateWords) -> None:
        self.words = words
        months = _alternation(words.months)
        lead = _alternation(words.lead) if words.lead else None
        pre = rf"(?:\b(?:{lead})\s+)?" if lead else ""
        self._month_of = [m.casefold() for m in words.months]
        # Order matters: the first pattern that reads a span wins it.
        self._patterns: list[tuple[str, re.Pattern[str]]] = [
            ("iso", re.compile(rf"{pre}(?<![\d.]){_YEAR}-(\d{{2}})-(\d{{2}})(?![\d])", re.I)),
            ("dmy", re.compile(rf"{pre}(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.{_YEAR}(?![\d])", re.I)),
            ("day_month", re.compile(
                rf"{pre}(?<![\d.])(\d{{1,2}})\.?\s+({months})\w*\s+{_YEAR}(?![\d])", re.I)),
            ("month_day", re.compile(
                rf"{pre}\b({months})\w*\s+(\d{{1,2}}),?\s+{_YEAR}(?![\d])", re.I)),
            ("month", re.compile(rf"{pre}\b({months})\w*\s+{_YEAR}(?![\d])", re.I)),
            ("year", re.compile(rf"{pre}(?<![\w.-]){_YEAR}(?![\w.+-])", re.I)),
        ]  # fmt: skip
        self._today = (
            re.compile(rf"\b(?:{_alternation(words.today)})\b", re.I) if words.today else None
        )
        self._this_year = (
            re.compile(rf"\b(?:{_alternation(words.this_year)})\b", re.I)
            if words.this_year
            else None
        )

    def _month(self, word: str) -> int:
        folded = word.casefold()
        return next(i for i, m in enumerate(self._month_of, start=1) if folded.startswith(m))

    def find(self, text: str, today: dt.date) -> list[When]:
        """Every date in ``text``, in order; impossible dates ("31.2.2025") are left out."""
        found: list[When] = []
        taken: list[tuple[int, int]] = []

        def add(start: dt.date | None, end: dt.date | None, p: Precision, m: re.Match[str]) -> None:
            if any(a < m.end() and m.start() < b for a, b in taken):
                return
            taken.append((m.start(), m.end()))
            if start is not None and end is not None:
                found.append(When(start, end, p, m.group().strip(), m.start(), m.end()))

        for kind, pattern in self._patterns:
            for m in pattern.finditer(text):
                self._read(kind, m, add)
        if self._today is not None:
            for m in self._today.finditer(text):
                add(today, today, "day", m)
        if self._this_year is not None:
            for m in self._this_year.finditer(text):
                add(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31), "year", m)
        return sorted(found, key=lambda w: w.at)

    def _read(self, kind: str, m: re.Match[str], add: _Add) -> None:
        g = m.groups()
        if kind == "iso":
            day = _day(g[0], int(g[1]), g[2]) if 1 <= int(g[1]) <= 12 else None
            add(day, day, "day", m)
        elif kind == "dmy":
            day = _day(g[2], int(g[1]), g[0]) if 1 <= int(g[1]) <= 12 else None
            add(day, day, "day", m)
        elif kind == "day_month":
            day = _day(g[2], self._month(g[1]), g[0])
            add(day, day, "day", m)
        elif kind == "month_day":
            day = _day(g[2], self._month(g[0]), g[1])
            add(day, day, "day", m)
        elif kind == "month":
            year, month = int(g[1]), self._month(g[0])
            add(dt.date(year, month, 1), _month_end(year, month), "month", m)
        else:
            year = int(g[0])
            add(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", m)
