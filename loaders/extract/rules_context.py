"""Facts one sentence states of names another gives: a plural demonstrative pointing back to
the projects listed in the sentence before ("näihin", "these projects").

Each function applies the rules of ``patterns/<language>.yaml`` whose ``code`` names it."""

from __future__ import annotations

import itertools
import re

from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft, anchors, stated
from loaders.extract.patterns import Rule
from loaders.extract.spans import Span
from loaders.extract.words import Words

#: What may stand between the names of one list: commas, "ja", "sekä", "and", "as well as",
#: an article ("A and the B").
_JOINER = re.compile(r"(?:[\s,;]+|\b(?:ja|sekä|and|as well as|the)\b)+")
#: What may follow a list that closes its sentence.
_CLOSING = re.compile(r"[\s.,;:!?)\]”\"]*")


def _regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _one_list(text: str, names: tuple[Span, ...] | list[Span]) -> bool:
    """Whether the names stand side by side as one list, nothing but joiners between them."""
    return all(
        a.end <= b.start and _JOINER.fullmatch(text[a.end : b.start]) is not None
        for a, b in itertools.pairwise(names)
    )


def _antecedents(sentence: Sentence, state: State, rule: Rule) -> tuple[Span, ...]:
    """The projects a plural demonstrative points back to: those the sentence before (in the
    same passage) lists, two or more as one list, when the list closes that sentence (the
    nearest thing a "näihin" can mean) or the demonstrative says it means projects
    (``refers_back``: "näihin hankkeisiin", "these projects")."""
    listed = state.previous_projects
    if len(listed) < 2 or not _one_list(sentence.text, listed):
        return ()
    closes = _CLOSING.fullmatch(sentence.text[listed[-1].end : sentence.start]) is not None
    return listed if closes or rule.points_back(sentence.words) else ()


def points_back(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "... saivat myönteisen rahoituspäätöksen: EKOAKKU, BATTCHEM ja BATTEdu. Näihin
    osallistui useita paikkakuntia (Vaasa, Turku)": each name of the rule's subject types in
    the sentence takes part in each project the demonstrative (``text``) points back to, when
    a cue ("osallistua", "mukana", "take part") says they take part. A negation keeps the
    rule out of the sentence (``not_text``)."""
    if not rule.cues or not rule.cued(sentence.lemmas) or not rule.text:
        return []
    pointer = _regex(rule.text).search(sentence.words)
    projects = _antecedents(sentence, state, rule) if pointer else ()
    if pointer is None or not projects:
        return []
    at = sentence.start + pointer.start()
    drafts = []
    for subject in sentence.of_type(*rule.subject):
        said = anchors(
            sentence.text, min(at, subject.start), max(at + len(pointer[0]), subject.end)
        )
        for project in projects:
            named = anchors(sentence.text, project.start, project.end)
            drafts.append(stated(rule, subject, project, [*named, *said]))
    return drafts
