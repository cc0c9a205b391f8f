"""Names the layout or a phrase gives whole: a news item's source line, a title after a label,
and a name in a shape a rule writes as a regular expression (a titled report, an occasion with
its date, a network defined as one).

* ``source_lines``: "Yle 24.3.2023 | Exploration in Finland has increased (external link)",
  a publisher, a date and a headline: the headline is a Publication with its ``date``,
  ``year`` and ``venue`` (the publisher); an Event instead where the passage after it starts
  with an event's head word ("Webinar about ..."). A publisher of one to three words the
  registry and the other rules do not know is an organisation.
* ``labelled_titles``: "Previous article: Sharing the lessons of the industry" (a label at the
  start of the line, the rule's ``line``), and a one-line headline in the passage after one
  ending in a label ("News Published:", the rule's ``before``).
* ``shapes``: each of the rule's ``text`` expressions names its ``name`` group as the rule's
  (first) type; a ``date`` group with a year is the entity's ``date``; an ``acronym`` group
  must be spelled by the name's capitals. "the Best Practices for Industrial Parks report",
  "the project's final seminar on 25 June 2025", "Battery 2030+ is a European research
  initiative", "BloombergNEF (BNEF)".
* ``places_listed``: the one-word names of a list the text says are places: "Antwerp and
  Rotterdam are ports", "the cities of Kokkola, Pori and Vaasa".

Precision: a title is a line of at least three words that starts with a capital and is no
sentence of prose (no full stop at its end); a shape's name is never exactly a name the
registry or another rule gave.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from kgraph.ontology import EntityType
from loaders.extract.candidates import base_name, head_type
from loaders.extract.context import NameSource
from loaders.extract.patterns import Rule
from loaders.extract.spans import Span, proposed

_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}
_MIN_TITLE_WORDS = 3


def date_of(text: str) -> str | None:
    """An ISO date of "24.3.2023", "12.5.21" (two-digit years are this century's), "25 June
    2025" or "June 25, 2025"; None without a year or for an impossible date."""
    numeric = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})", text.strip())
    if numeric:
        day, month, year = (int(g) for g in numeric.groups())
        return _iso(year + 2000 if year < 100 else year, month, day)
    words = re.fullmatch(
        r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)|([A-Za-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?)"
        r"\s+(\d{4})",
        text.strip(),
    )
    if words:
        named = _MONTHS.get((words[2] or words[3]).casefold())
        return _iso(int(words[5]), named, int(words[1] or words[4])) if named else None
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _title(text: str) -> bool:
    """A headline: a capital first, three words or more, no full stop at its end."""
    words = text.split()
    return (
        len(words) >= _MIN_TITLE_WORDS
        and text[:1].isupper()
        and not text.rstrip().endswith(".")
        and "\n" not in text.strip()
    )


def _named(source: NameSource, start: int, end: int) -> bool:
    """Whether the registry or another rule gave exactly ``start:end`` a name."""
    return any(s.start == start and s.end == end for s in (*source.linked, *source.found))


def source_lines(source: NameSource, rule: Rule) -> list[Span]:
    """ "Publisher d.m.yyyy | Headline": the headline as a Publication (or an Event, where the
    next passage opens with an event's head word), and an unknown publisher as an
    organisation. The rule's ``line`` expressions name the groups ``publisher``, ``date`` and
    ``title``."""
    spans: list[Span] = []
    for pattern in rule.line:
        for m in re.finditer(pattern, source.text, re.MULTILINE):
            title, date = m["title"].strip(), date_of(m["date"])
            if not _title(title) or date is None:
                continue
            first = re.match(r"\W*(\w+)", source.after_text)
            opened = head_type(source.words, first[1]) if first else None
            kind: EntityType = "Event" if opened and opened[0] == "Event" else "Publication"
            start = m.start("title")
            props: tuple[tuple[str, str | int], ...] = (
                *((("title", title),) if kind == "Publication" else ()),
                ("date", date),
                *((("year", int(date[:4])), ("venue", m["publisher"])) if kind != "Event" else ()),
            )
            spans.append(_span(start, start + len(title), title, kind, rule, props))
            publisher = _publisher(source, rule, m)
            if publisher is not None:
                spans.append(publisher)
    return spans


def _publisher(source: NameSource, rule: Rule, m: re.Match[str]) -> Span | None:
    start, end = m.span("publisher")
    known = [s for s in (*source.linked, *source.found) if s.start < end and start < s.end]
    if known or any(c.isdigit() for c in m["publisher"]):
        return None
    name = m["publisher"]
    return _span(start, end, name, "Organisation", rule)


def labelled_titles(source: NameSource, rule: Rule) -> list[Span]:
    """ "Previous article: Title" (a ``line`` label, the rest of its line the title), and a
    one-line headline after a passage that ends in a ``before`` label ("News Published:")."""
    spans: list[Span] = []
    for pattern in rule.line:
        for m in re.finditer(rf"^\W*(?:{pattern})\s*", source.text, re.MULTILINE):
            line_end = source.text.find("\n", m.end())
            end = len(source.text) if line_end < 0 else line_end
            title = source.text[m.end() : end].strip()
            if _title(title):
                spans.append(_span(m.end(), m.end() + len(title), title, rule.subject[0], rule))
    label = any(re.search(rf"(?:{p})\s*$", source.before_text) for p in rule.before)
    title = source.text.strip()
    if label and _title(title) and not _named(source, 0, len(source.text)):
        start = source.text.index(title)
        spans.append(_span(start, start + len(title), title, rule.subject[0], rule))
    return spans


def shapes(source: NameSource, rule: Rule) -> list[Span]:
    """The ``name`` group of each of the rule's ``text`` expressions, as the rule's first type;
    a ``date`` group with a year its ``date``."""
    spans: list[Span] = []
    for pattern in rule.text:
        for m in re.finditer(pattern, source.text):
            start, end = m.span("name")
            groups = m.groupdict()
            if _named(source, start, end) or not _spells(m["name"], groups.get("acronym")):
                continue
            date = date_of(groups["date"]) if groups.get("date") else None
            props: tuple[tuple[str, str | int], ...] = (("date", date),) if date else ()
            span = _span(start, end, _base_of(source, start, end), rule.subject[0], rule, props)
            spans.append(replace(span, surface=m["name"]))
    return spans


def _spells(name: str, acronym: str | None) -> bool:
    """Whether the capitals of ``name`` spell ``acronym`` ("BloombergNEF" and "BNEF"); true
    where the shape names no acronym."""
    return acronym is None or "".join(c for c in name if c.isupper()) == acronym


def places_listed(source: NameSource, rule: Rule) -> list[Span]:
    """Each one-word name of the ``names`` group of the rule's ``text`` expressions, as the
    rule's first type: "Antwerp and Rotterdam are ports", "the cities of Kokkola, Pori and
    Vaasa". A name the registry or another rule gave stands as it is."""
    spans: list[Span] = []
    for pattern in rule.text:
        for m in re.finditer(pattern, source.text):
            for name in re.finditer(r"[A-ZÅÄÖ][\w-]+", m["names"]):
                start, end = m.start("names") + name.start(), m.start("names") + name.end()
                taken = any(
                    s.start < end and start < s.end for s in (*source.linked, *source.found)
                )
                if not taken:
                    spans.append(_span(start, end, name.group(), rule.subject[0], rule))
    return spans


def _base_of(source: NameSource, start: int, end: int) -> str:
    """The name at ``start:end`` in base form where the language inflects its head word
    ("loppuseminaarissa" -> "loppuseminaari"), else as written."""
    written = source.text[start:end]
    tokens = source.doc.char_span(start, end, alignment_mode="expand")
    if source.language != "fi" or tokens is None:
        return written
    return base_name(list(tokens), source.words)


def _span(
    start: int,
    end: int,
    name: str,
    of_type: EntityType,
    rule: Rule,
    props: tuple[tuple[str, str | int], ...] = (),
) -> Span:
    kind = "other" if of_type == "Organisation" else None
    return proposed(start, end, name, of_type, rule, kind=kind, props=props)
