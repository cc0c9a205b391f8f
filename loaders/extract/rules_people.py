"""Rules about people: affiliations with titles, and publications with their authors in order
and their DOIs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft, anchors, quote
from loaders.extract.spans import Span
from loaders.extract.words import Words

_TITLE_AT = re.compile(r"^,\s+(?:(?P<title>[A-Za-z][A-Za-z .-]{1,40}?),?\s+)?at\s+(?:the\s+)?$")


def affiliations(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """ "Ulla Lassi, professor at the University of Oulu"; "Anna Lähteen (Itä-Suomen yliopisto,
    Kuopio)"; "Oulun yliopiston professori Ulla Lassi"."""
    drafts: list[Draft] = []
    people = sentence.of_type("Person")
    orgs = sentence.of_type("Organisation")
    for person in people:
        for org in orgs:
            between = sentence.text[person.end : org.start]
            title = _title_between(between, words) if org.start > person.end else None
            if title is not None:
                props: dict[str, str | int | float] = {"title": title} if title else {}
                drafts.append(
                    Draft(
                        person.entity_id,
                        "AFFILIATED_WITH",
                        org.entity_id,
                        "person-title-at",
                        0.9,
                        quote(sentence.text, person, org),
                        props,
                    )
                )
            elif org.end <= person.start:
                gap = sentence.text[org.end : person.start]
                m = re.fullmatch(r"(?::n|n)?\s+(\w+)\s+", gap)
                if m and m[1].lower() in words.titles:
                    drafts.append(
                        Draft(
                            person.entity_id,
                            "AFFILIATED_WITH",
                            org.entity_id,
                            "org-title-person-fi",
                            0.85,
                            quote(sentence.text, org, person),
                            {"title_fi": m[1].lower()},
                        )
                    )
    return drafts


def _title_between(between: str, words: Words) -> str | None:
    """The title in ", professor at the " ('' for ", at" or "(" before the organisation)."""
    if re.fullmatch(r"\s*\(\s*", between):
        return ""
    m = _TITLE_AT.match(between)
    if m is None:
        return None
    title = (m["title"] or "").strip().lower()
    if title and not any(w in words.titles for w in [title, title.split(" ")[-1]]):
        return None
    return title


# --- publications ---------------------------------------------------------------------------

_AUTHOR = r"[A-ZÅÄÖÜ][\w'’ -]*?, [A-ZÅÄÖÜ][\w'’.-]*(?: [A-ZÅÄÖÜ][\w'’.-]*)?"
_REFERENCE = re.compile(
    rf"^(?P<authors>{_AUTHOR}(?:; {_AUTHOR})*), (?P<year>(?:19|20)\d\d), (?P<rest>.+?),?"
    r"\s*DOI:\s*(?P<doi>10\.\d{4,9}/\S+?)\.?\s*$",
    re.S,
)
_NUMERIC_PART = re.compile(r"^[\deE–-]+$|^\d+[-–]\d+$|^e\d+$")


@dataclass(frozen=True)
class Reference:
    authors: list[str]  # "Surname, Given"
    year: int
    title: str | None
    venue: str | None
    doi: str
    authors_end: int  # where the author list ends in the text


def parse_reference(text: str) -> Reference | None:
    """A reference list item: "Surname, Given; ..., 2024, Title, Venue, 39, 944-954, DOI: ..."."""
    m = _REFERENCE.match(" ".join(text.split()))
    if m is None:
        return None
    parts = [p.strip() for p in m["rest"].split(", ")]
    while parts and _NUMERIC_PART.match(parts[-1]):
        parts.pop()
    venue = parts.pop() if parts else None
    title = ", ".join(parts) or None
    authors = m["authors"].split("; ")
    return Reference(authors, int(m["year"]), title, venue, m["doi"].rstrip("."), len(m["authors"]))


def person_name(citation: str) -> str:
    """ "Lassi, Ulla" -> "Ulla Lassi"."""
    surname, _, given = citation.partition(", ")
    return f"{given} {surname}".strip()


def authorship(text: str, reference: Reference, pub: Span, authors: list[Span]) -> list[Draft]:
    """One AUTHORED fact per author, with the position in the list and the list's length."""
    total = len(authors)
    quoted = anchors(text, 0, min(len(text), max(a.end for a in authors)))
    return [
        Draft(
            a.entity_id,
            "AUTHORED",
            pub.entity_id,
            "reference-authors",
            0.95,
            list(quoted),
            {"position": i, "authors_total": total},
        )
        for i, a in enumerate(authors, start=1)
    ]
