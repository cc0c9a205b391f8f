"""Rules about people: affiliations with titles, and publications with their authors in order
and their DOIs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft, anchors, quote, stated
from loaders.extract.patterns import Rule
from loaders.extract.spans import Span
from loaders.extract.words import Words


def between(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """Two names with nothing but the rule's ``between`` text in between: "Ulla Lassi,
    professor at the University of Oulu", "Anna Lähteen (Itä-Suomen yliopisto",
    "Oulun yliopiston professori Ulla Lassi" (``object_first``); with ``after``, the text
    after the second name must start with it ("Kokkola (LUT)": the bracket closes), with
    ``before``, the text before the first must end with it ("Professor X of Y"). A named
    group of the match is a prop of the fact, and must be a title of ``words.yaml`` (or end
    in one). A rule with ``cues`` reads only a sentence holding one."""
    drafts: list[Draft] = []
    if not rule.cued(sentence.lemmas):
        return drafts
    for s in sentence.of_type(*rule.subject):
        for o in sentence.of_type(*rule.object):
            first, second = (o, s) if rule.object_first else (s, o)
            if second.start <= first.end:
                continue
            m = rule.spans_between(sentence.text[first.end : second.start])
            if rule.after and not rule.starts(sentence.text[second.end : second.end + 8]):
                continue
            if rule.before and not rule.ends(sentence.text[max(0, first.start - 32) : first.start]):
                continue
            props = _titles(m, words) if m is not None else None
            if props is not None:
                drafts.append(stated(rule, s, o, quote(sentence.text, first, second), props))
    return drafts


#: A title a compound may end with ("koulutuspäällikkö": päällikkö); shorter ones ("dr", "ft")
#: end too many words.
_MIN_TITLE_END = 5


def _a_title(title: str, words: Words) -> bool:
    """Whether ``title`` is a title of ``words.yaml``, ends in one as its last word, or is a
    Finnish compound ending in one ("koulutuspäällikkö", "tutkimuspäällikkö")."""
    last = title.split(" ")[-1]
    return (
        title in words.titles
        or last in words.titles
        or any(len(t) >= _MIN_TITLE_END and last.endswith(t) for t in words.titles)
    )


def _titles(m: re.Match[str], words: Words) -> dict[str, str | int | float] | None:
    """The named groups of ``m`` as props, lower case; None when one is not a known title."""
    props: dict[str, str | int | float] = {}
    for key, value in m.groupdict().items():
        title = (value or "").strip().lower()
        if not title:
            continue
        if not _a_title(title, words):
            return None
        props[key] = title
    return props


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


def authorship(text: str, rule: Rule, pub: Span, authors: list[Span]) -> list[Draft]:
    """One AUTHORED fact per author, with the position in the list and the list's length."""
    total = len(authors)
    quoted = anchors(text, 0, min(len(text), max(a.end for a in authors)))
    return [
        stated(rule, a, pub, list(quoted), {"position": i, "authors_total": total})
        for i, a in enumerate(authors, start=1)
    ]
