"""Periods in Finnish and English text: "1.1.2024 – 31.12.2026", "from January 2025 until
December 2027", "vuosille 2021 – 2027", "from the start of 2025 to the end of 2027", "vuoden
2025 alusta vuoden 2027 loppuun", as (start, end) dates.

A month without a day starts on its first and ends on its last day; a year alone, on 1 January
and 31 December, and the period says so (``precision``), as the curated registry does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]

_DASH = r"\s*[–—-]\s*"
_DMY = r"(\d{1,2})\.(\d{1,2})\.(\d{4})"
_NUMERIC = re.compile(rf"(?<![\d.]){_DMY}{_DASH}{_DMY}(?![\d])")
_YEARS = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2})(?![\d])")

_MONTHS_EN = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH = "|".join(_MONTHS_EN)
_ENGLISH = re.compile(
    rf"\bfrom\s+(?:(\d{{1,2}})\s+)?({_MONTH})\s+(\d{{4}})\s+(?:until|to|till|through)\s+"
    rf"(?:(\d{{1,2}})\s+)?({_MONTH})\s+(\d{{4}})",
    re.IGNORECASE,
)

#: A period in words, whole years: "from the start of 2025 to the end of 2027", "vuoden 2025
#: alusta vuoden 2027 loppuun".
_YEARS_IN_WORDS = re.compile(
    r"\b(?:from\s+)?(?:the\s+)?(?:start|beginning)\s+of\s+((?:19|20)\d{2})\s+"
    r"(?:to|until|till|through)\s+(?:the\s+)?end\s+of\s+((?:19|20)\d{2})\b"
    r"|\bvuoden\s+((?:19|20)\d{2})\s+(?:alusta|alusta alkaen)\s+vuoden\s+((?:19|20)\d{2})\s+"
    r"(?:loppuun|loppuun asti|loppuun saakka)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Period:
    """A period found in a text: its dates, how precise they are, and where it was written."""

    start: dt.date
    end: dt.date
    precision: Precision
    text: str
    at: int


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def find_periods(text: str) -> list[Period]:
    """Every period in ``text``, in order; impossible dates and reversed periods are left out."""
    found: list[Period] = []
    for m in _NUMERIC.finditer(text):
        start, end = _date(*m.group(1, 2, 3)), _date(*m.group(4, 5, 6))
        if start and end and start <= end:
            found.append(Period(start, end, "day", m.group(), m.start()))
    for m in _ENGLISH.finditer(text):
        period = _english(m)
        if period is not None:
            found.append(period)
    for m in _YEARS_IN_WORDS.finditer(text):
        first, last = (int(y) for y in (m.group(1, 2) if m.group(1) else m.group(3, 4)))
        if first <= last:
            found.append(
                Period(dt.date(first, 1, 1), dt.date(last, 12, 31), "year", m.group(), m.start())
            )
    taken = [(p.at, p.at + len(p.text)) for p in found]
    for m in _YEARS.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        first, last = int(m.group(1)), int(m.group(2))
        if first <= last:
            found.append(
                Period(dt.date(first, 1, 1), dt.date(last, 12, 31), "year", m.group(), m.start())
            )
    return sorted(found, key=lambda p: p.at)


def _english(m: re.Match[str]) -> Period | None:
    d1, m1, y1, d2, m2, y2 = m.groups()
    month1, month2 = _MONTHS_EN[m1.lower()], _MONTHS_EN[m2.lower()]
    try:
        start = dt.date(int(y1), month1, int(d1) if d1 else 1)
        end = dt.date(int(y2), month2, int(d2)) if d2 else _month_end(int(y2), month2)
    except ValueError:
        return None
    if end < start:
        return None
    return Period(start, end, "day" if d1 and d2 else "month", m.group(), m.start())
