"""Tables of projects, as a PDF's or a page's text keeps them: a header line of column titles
("Project  Our role  Funder  Period", "Hanke  Rooli  Rahoittaja  Kesto") and a line per row
("NordBatt  coordinator  Business Finland  2025–2027"). Cleaning joins a row's cells with one
space, so a row is read by the header's order of columns: a project's name, a role word, a
funder's or coordinator's name, a period, an amount, each where the one before ended.

Precision: the header must be nothing but column titles of ``words.yaml`` (``table_columns``)
with a project column, and a row nothing but its cells in that order (a sentence under a
header is prose, and ends the table). A cell is a name only where the linker or a name rule
found one that fills it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kgraph.parse.amounts import find_amounts
from kgraph.parse.dates import Period, find_periods
from loaders.extract.spans import Span
from loaders.extract.words import Words

#: The entity types a column of names holds.
NAME_COLUMNS = {
    "project": ("Project",),
    "funder": ("Organisation", "FundingProgramme"),
    "coordinator": ("Organisation",),
}
_GAP = re.compile(r"[\s|]*")


def _skip_gap(text: str, at: int, end: int) -> int:
    """Past the spaces and bars between two cells."""
    gap = _GAP.match(text, at, end)
    return gap.end() if gap else at


@dataclass(frozen=True)
class Row:
    """One row read: the names of its name columns, its role word, period and amount."""

    names: dict[str, Span] = field(default_factory=dict)
    role: str = ""
    period: Period | None = None
    amount_eur: int | None = None


def header(text: str, words: Words) -> tuple[str, ...]:
    """The columns a header line names, in order; none unless it is nothing but column titles
    and one of them is the project's."""
    rest = " ".join(text.split()).strip(" |").casefold()
    columns: list[str] = []
    while rest:
        found = next(
            (
                (title, kind)
                for title, kind in words.table_columns
                if rest.startswith(title) and rest[len(title) : len(title) + 1] in ("", " ", "|")
            ),
            None,
        )
        if found is None:
            return ()
        columns.append(found[1])
        rest = rest[len(found[0]) :].strip(" |")
    return tuple(columns) if "project" in columns else ()


def row(
    text: str, start: int, end: int, spans: list[Span], columns: tuple[str, ...], words: Words
) -> Row | None:
    """``text[start:end]`` read as a row of ``columns``; None unless every cell is filled, in
    order, and nothing is left over."""
    names: dict[str, Span] = {}
    role, period, amount = "", None, None
    at = start
    for column in columns:
        at = _skip_gap(text, at, end)
        if column in NAME_COLUMNS:
            span = next(
                (s for s in spans if s.start == at and s.type in NAME_COLUMNS[column]), None
            )
            if span is None or span.end > end:
                return None
            names[column], at = span, span.end
        elif column == "role":
            m = re.match(r"[\w-]+", text[at:end])
            if m is None or m[0].casefold() not in words.table_roles:
                return None
            role, at = words.table_roles[m[0].casefold()], at + m.end()
        elif column == "period":
            periods = [p for p in find_periods(text[at:end]) if p.at == 0]
            if not periods:
                return None
            period, at = periods[0], at + len(periods[0].text)
        elif column == "amount":
            amounts = [a for a in find_amounts(text[at:end]) if a.at == 0]
            if not amounts:
                return None
            amount, at = amounts[0].eur, at + len(amounts[0].text)
    if text[at:end].strip(" .|"):
        return None
    return Row(names, role, period, amount)


def columns_after(
    columns: tuple[str, ...], text: str, spans: list[Span], words: Words
) -> tuple[str, ...]:
    """The table a passage leaves open: its own columns if it is a header, the table it is a
    row of, else none (prose ends a table)."""
    found = header(text, words)
    if found:
        return found
    if columns and row(text, 0, len(text), spans, columns, words) is not None:
        return columns
    return ()
