"""Names of funding programmes written before their head word, as Finnish writes them.

A Finnish name of several words takes its head after a hyphen ("Uudistuva ja osaava Suomi
2021–2027 -ohjelmaa", "Tulevaisuuden tekijät 2024-rahoitusta"): the head inflects, the name
stays as written. Where the name starts is read back from the head, word by word: a name's
words are capitalised ("Hydrogen", "Suomi"), numbers ("2021–2027"), the joiners of a name
("ja", "&", "–", English "of", "and") or words in the nominative between them ("osaava",
"tekijät"); the first word of any other kind ends it ("sekä", "tavoitteita",
"100-vuotissäätiön"), and so does a name the text already gives ("Business Finlandin") or a
capitalised genitive before another capitalised word (its owner: "Akatemian Akkututkimus").
The name starts at its first capitalised word. The rule's ``after`` patterns are the heads.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders.extract.context import NameSource
from loaders.extract.patterns import Rule
from loaders.extract.spans import CONCEPT_TYPES, PLACE_TYPES, Span, proposed

_NUMBER = re.compile(r"^\d[\d.,]*(?:[-–]\d+)?$")
_JOINERS = frozenset({"ja", "&", "–", "-", "+", "of", "and", "for", "the", "in"})
#: The most words a name read back from its head may have.
_MAX_WORDS = 8


def finnish_programmes(source: NameSource, rule: Rule) -> list[Span]:
    """ "X -ohjelma" and the rule's other heads: X, read back from the head."""
    spans: list[Span] = []
    for head in rule.heads_in(source.text):
        words = _name_before(source, head.start())
        if not words:
            continue
        start, end = words[0][0], words[-1][1]
        name = source.text[start:end]
        spans.append(proposed(start, end, name, "FundingProgramme", rule))
    return spans


def _name_before(source: NameSource, at: int) -> list[tuple[int, int]]:
    """The words of the name that ends at ``at``, as (start, end) offsets, first to last."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", source.text[:at])]
    # a place or a concept inside the name is part of it ("Suomi", "Hydrogen"), as spans.py
    # lets it be; any other known name is not ("Business Finlandin")
    known = [(s.start, s.end) for s in source.linked if s.type not in PLACE_TYPES | CONCEPT_TYPES]
    taken: list[tuple[int, int]] = []
    for start, end in reversed(words[-(_MAX_WORDS + 4) :]):
        word = source.text[start:end]
        if any(a < end and start < b for a, b in known) or not _of_a_name(source, start, word):
            break
        if taken and _owner(source, start, word, source.text[taken[0][0] : taken[0][1]]):
            break
        taken.insert(0, (start, end))
    while taken and not source.text[taken[0][0]].isupper():
        taken.pop(0)
    if not taken or len(taken) > _MAX_WORDS:
        return []
    return taken if _a_name(source, taken) else []


def _of_a_name(source: NameSource, start: int, word: str) -> bool:
    if word in _JOINERS or _NUMBER.match(word):
        return True
    if not word[:1].isalnum() or not word[-1:].isalnum():
        return False  # "(Oulun", "yliopisto,", "2024)": a name does not cross punctuation
    if word[:1].isupper():
        return True
    token = _token_at(source, start)
    return token is not None and "Case=Nom" in str(token.morph) and token.pos_ in {"ADJ", "NOUN"}


def _owner(source: NameSource, start: int, word: str, next_word: str) -> bool:
    """A capitalised genitive before a capitalised word: the owner of the name after it."""
    token = _token_at(source, start)
    genitive = token is not None and "Case=Gen" in str(token.morph)
    return genitive and word[:1].isupper() and next_word[:1].isupper()


def _a_name(source: NameSource, taken: list[tuple[int, int]]) -> bool:
    """One word capitalised only by its place at a sentence's start is no name ("Ohjelma")."""
    if len(taken) > 1:
        return True
    start, end = taken[0]
    word = source.text[start:end]
    token = _token_at(source, start)
    at_start = token is not None and token.is_sent_start
    return not at_start or any(c.isupper() or c.isdigit() for c in word[1:])


def _token_at(source: NameSource, start: int) -> Token | None:
    span = source.doc.char_span(start, start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


#: "Horizon Europe/SAFELOOP", "M.ERANET/3Interfaces": a programme's name (up to three
#: capitalised words), a slash, a project's one-word name (a second capital or a digit in it).
_PAIR = re.compile(
    r"(?<![\w/.])(?P<programme>[A-ZÅÄÖ][\w.+-]*(?: [A-ZÅÄÖ][\w.+-]*){0,2})"
    r"/(?P<project>[A-ZÅÄÖ0-9][\w+-]*[A-ZÅÄÖ0-9][\w.+-]*?)(?=[.,;:)]?(?:\s|$))"
)


def programme_project_pairs(source: NameSource, rule: Rule) -> list[Span]:
    """ "Rahoitettuja hankkeita olivat Horizon Europe/SAFELOOP, M.ERANET/GENSIB": in a passage
    that says it lists projects (the rule's ``text``), each "programme/project" pair names a
    project, and its programme where the same list pairs a programme the registry knows
    ("Horizon Europe") the same way: the unknown "M.ERANET" stands where a programme stands.
    Without a known programme in the list, a slash between two names says nothing of them."""
    if not rule.in_text(source.text):
        return []
    pairs = list(_PAIR.finditer(source.text))
    known = {(s.start, s.end): s for s in source.linked}
    if not any(
        (m.start("programme"), m.end("programme")) in known
        and known[(m.start("programme"), m.end("programme"))].type == "FundingProgramme"
        for m in pairs
    ):
        return []
    spans: list[Span] = []
    for m in pairs:
        for group, kind in (("programme", "FundingProgramme"), ("project", "Project")):
            start, end = m.start(group), m.end(group)
            if any(start < s.end and s.start < end for s in source.linked):
                continue
            if kind in rule.subject:
                spans.append(proposed(start, end, m[group], kind, rule))
    return spans
