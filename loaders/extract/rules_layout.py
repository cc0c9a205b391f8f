"""Layout as structure: a section or a "Key:" line gives its role to what it lists.

A page may say who takes part, who coordinates and who funds without a sentence: a heading
("Consortium", "Partners", "Funding", "Kumppanit", "Rahoitus") over list items, a paragraph
ending "The partners are:" before them, or a line "Partners: A, B and C" / "Rahoittaja: X".
The rules of ``patterns/<language>.yaml`` whose ``code`` is ``sections`` name the section's
words (``heading``) and the line's key (``line``); the role is the rule's predicate, and the
project is the one the page is about (``State.page_project``: the one its section named,
else the one the document named; none when two are named).

Precision: an item or a line gives a fact only when it is nothing but names of the rule's
types joined by commas, "and", "ja", "sekä" (an acronym in brackets, and for funding an amount,
may stand beside them): a sentence in a list is prose, which these rules do not read, and a
navigation line names nothing the rule types.
"""

from __future__ import annotations

import re

from kgraph.parse.amounts import find_amounts
from kgraph.parse.dates import find_periods
from loaders.extract.context import Sentence, State, titled
from loaders.extract.drafts import Draft, anchors, stated
from loaders.extract.patterns import Rule
from loaders.extract.spans import Span
from loaders.extract.tables import row
from loaders.extract.words import Words

_BULLET = re.compile(r"\W*")
_KEY = re.compile(r"^[^:]{1,40}:")
#: What may stand between the names of a list: punctuation, conjunctions, articles, and an
#: acronym in brackets ("(GTK)").
_JOINERS = re.compile(
    r"[\s,;.&/]+|\b(?:and|ja|sekä|the)\b|\((?:[A-ZÅÄÖ][\w&.-]{0,11})\)|[•*–—-]", re.IGNORECASE
)


def _titled(state: State, rule: Rule) -> bool:
    """Whether the section's short title, or the words introducing the list, hold one of the
    rule's ``heading`` words as a whole word."""
    return titled(rule.heading, state.section, state.list_intro)


def _listed_text(sentence: Sentence, rule: Rule, state: State) -> tuple[int, int] | None:
    """Where the list is, in the passage's offsets: after the key of a "Key:" line, or the
    whole sentence of a list item under the rule's section; None when neither."""
    words = sentence.words
    if rule.starts_line(words):
        key = _KEY.match(words.lstrip(" •*-–\t"))
        if key is None:
            return None
        at = sentence.start + (len(words) - len(words.lstrip(" •*-–\t"))) + key.end()
        return at, sentence.end
    if sentence.passage_kind == "list_item" and _titled(state, rule):
        bullet = _BULLET.match(words)
        return sentence.start + (bullet.end() if bullet else 0), sentence.end
    return None


def _only_names(text: str, start: int, end: int, names: list[Span], extra: list[str]) -> bool:
    """Whether ``text[start:end]`` is nothing but ``names`` and the joiners of a list (and the
    ``extra`` pieces of text, such as an amount)."""
    rest = list(text[start:end])
    for span in names:
        for i in range(span.start - start, span.end - start):
            rest[i] = " "
    left = "".join(rest)
    for piece in extra:
        left = left.replace(piece, " ")
    return bool(names) and _JOINERS.sub("", left) == ""


def sections(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """The names a section's list item or a "Key:" line lists, each in the rule's role for the
    page's project: "Consortium" over "• University of Jyväskylä", "Partners: A, B and C",
    "Koordinaattori: X", "Rahoittaja: Business Finland, 2,4 miljoonaa euroa" (with the amount,
    read by the one amount parser)."""
    where = _listed_text(sentence, rule, state)
    project = state.page_project
    if where is None or project is None:
        return []
    start, end = where
    listed_are_subjects = "Project" in rule.object
    types = rule.subject if listed_are_subjects else rule.object
    names = [
        s
        for s in sentence.of_type(*types)
        if start <= s.start and s.end <= end and s.entity_id != project.entity_id
    ]
    amounts = find_amounts(sentence.text[start:end]) if rule.predicate == "FUNDED_BY" else []
    if not _only_names(sentence.text, start, end, names, [a.text for a in amounts]):
        return []
    props: dict[str, str | int | float] = {"amount_eur": amounts[0].eur} if amounts else {}
    drafts = []
    for name in names:
        quoted = anchors(sentence.text, sentence.start, max(name.end, sentence.end))
        s, o = (name, project) if listed_are_subjects else (project, name)
        draft = stated(rule, s, o, quoted, props if len(names) == 1 else {})
        drafts.append(draft)
    return drafts


def section_period(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """A section headed "Duration"/"Kesto", or a line "Duration: ...", gives the page's project
    its period, by the one date parser: "From the start of 2025 to the end of 2027" (whole
    years too: the section says it is the project's duration). A project whose list item
    already dated it keeps that."""
    project = state.page_project
    keyed = rule.starts_line(sentence.words)
    if project is None or not (keyed or _titled(state, rule)):
        return []
    found = find_periods(sentence.words)
    if found and project.entity_id not in state.periods:
        first = found[0]
        state.periods[project.entity_id] = (first.start.isoformat(), first.end.isoformat())
    return []


def table_rows(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """A row of a table of projects (``tables.py``) under its header: the funder column gives
    FUNDED_BY (with the amount column's sum), the coordinator column COORDINATES, and a rule
    without a predicate the period column's dates, the project's period. Read once per row,
    at its first sentence."""
    if not state.table or sentence.text[: sentence.start].strip():
        return []
    text = sentence.text
    read = row(text, 0, len(text), list(sentence.spans), state.table, words)
    if read is None or "project" not in read.names:
        return []
    project = read.names["project"]
    if rule.predicate is None:
        if read.period is not None and project.entity_id not in state.periods:
            state.periods[project.entity_id] = (
                read.period.start.isoformat(),
                read.period.end.isoformat(),
            )
        return []
    quoted = anchors(text, 0, len(text))
    if rule.predicate == "FUNDED_BY" and "funder" in read.names:
        props: dict[str, str | int | float] = (
            {"amount_eur": read.amount_eur} if read.amount_eur is not None else {}
        )
        return [stated(rule, project, read.names["funder"], quoted, props)]
    if rule.predicate == "COORDINATES" and "coordinator" in read.names:
        return [stated(rule, read.names["coordinator"], project, quoted)]
    return []
