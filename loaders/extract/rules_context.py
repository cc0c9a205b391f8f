"""Facts one sentence states of names another gives: a plural demonstrative pointing back to
the projects listed in the sentence before ("näihin", "these projects"), and the examples a
sentence lists after "kuten" / "such as" for the projects its subjects take part in.

Each function applies the rules of ``patterns/<language>.yaml`` whose ``code`` names it."""

from __future__ import annotations

import itertools
import re

from kgraph.parse.amounts import find_amounts
from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft, anchors, stated
from loaders.extract.patterns import Rule
from loaders.extract.spans import Span
from loaders.extract.words import Words

#: What may stand between the names of one list: commas, "ja", "sekä", "and", "as well as",
#: an article ("A and the B").
_JOINER = re.compile(r"(?:[\s,;]+|\b(?:ja|sekä|and|as well as|the)\b)+")
_UNNAMED = r"[A-ZÅÄÖ][\w.&-]*(?: [a-zåäö][\w-]*)?"
#: Between two names of one list: joiners, and items no rule named, each between joiners.
_GAP = re.compile(rf"{_JOINER.pattern}(?:{_UNNAMED}{_JOINER.pattern})*")
#: From a list's last name to what follows the list: items no rule named after joiners.
_LAST_GAP = re.compile(rf"(?:{_JOINER.pattern}{_UNNAMED})*\s*")
#: What may stand before a list's first name: spaces, an article ("are the University of ...").
_LEAD = re.compile(r"\s*(?:the\s+)?")
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
    if _determines_other_things(sentence, at, rule):
        return []
    drafts = []
    for subject in sentence.of_type(*rule.subject):
        said = anchors(
            sentence.text, min(at, subject.start), max(at + len(pointer[0]), subject.end)
        )
        for project in projects:
            named = anchors(sentence.text, project.start, project.end)
            drafts.append(stated(rule, subject, project, [*named, *said]))
    return drafts


def _determines_other_things(sentence: Sentence, at: int, rule: Rule) -> bool:
    """ "näihin kysymyksiin", "these challenges": a demonstrative that determines a noun (the
    parse's ``det``) points to that noun's things, not to the projects before, unless the noun
    is one ``refers_back`` says means projects ("näihin hankkeisiin", "these projects")."""
    if sentence.parse is None:
        return False
    token = next((t for t in sentence.parse if t.idx == at), None)
    if token is None or token.dep_ != "det":
        return False
    noun = token.head
    start, end = min(token.idx, noun.idx), max(token.idx, noun.idx) + len(noun.text)
    return not rule.points_back(sentence.text[start:end])


def examples(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "Oulun yliopisto, Aalto-yliopisto ja LUT ovat mukana tutkimushankkeissa, kuten
    BATCircle2.0 ja BATCircle3.0", "A and B take part in projects such as P and Q": each name
    listed right before the rule's ``text`` takes part in each project listed right after it
    (the examples are projects they take part in). Both lists must be nothing but names and
    joiners; a name elsewhere in the sentence is no end."""
    drafts: list[Draft] = []
    for m in _regex(rule.text).finditer(sentence.words):
        at, to = sentence.start + m.start(), sentence.start + m.end()
        subjects = _listed_up_to(sentence, at, rule.subject)
        for o in _listed_from(sentence, to, rule.object):
            quoted = anchors(sentence.text, subjects[0].start, o.end) if subjects else []
            drafts += [stated(rule, s, o, quoted) for s in subjects]
    return drafts


#: What a list's group is not, by the kind it is: members of a network are no project's
#: partners, and a project's partners no network's members.
_OTHER_GROUP = {"Network": "Project", "Project": "Network"}


def members_listed(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "Sopimuskaupunkien kehitys perustuu ... . Mukana ovat Helsinki, Espoo ... ja Kokkola",
    "The alliance grew this year. Its members are A, B and C", "NordCat is a new project. Its
    members are A and B": a sentence that opens with the rule's ``text`` and then lists names
    of the rule's subject types to its end lists the members of the one group (a network, or
    a project: the rule's ``object``) the sentence before (in the same passage) names. Neither
    sentence may name a group of the other kind, the listing sentence none at all, and neither
    hold what ``not_text`` says (a negation; a project or an event they may speak of without
    naming it: "mukana" is then taking part in that)."""
    before = state.previous
    opening = _regex(rule.text).match(sentence.words) if rule.text else None
    if opening is None or before is None or rule.excluded(before.words):
        return []
    other = [_OTHER_GROUP[t] for t in rule.object if t in _OTHER_GROUP]
    if sentence.of_type(*other, *rule.object) or before.of_type(*other):
        return []
    groups = {n.entity_id: n for n in before.of_type(*rule.object)}
    if len(groups) != 1:
        return []
    group = next(iter(groups.values()))
    start = sentence.start + opening.end()
    members = _listed_from(sentence, start, rule.subject)
    if len(members) < 2 or not _CLOSING.fullmatch(sentence.text, members[-1].end, sentence.end):
        return []
    named = anchors(sentence.text, group.start, group.end)
    said = anchors(sentence.text, sentence.start, start)
    return [
        stated(rule, m, group, [*named, *said, *anchors(sentence.text, m.start, m.end)])
        for m in members
    ]


def _listed_up_to(sentence: Sentence, at: int, types: tuple[str, ...]) -> list[Span]:
    """The names of ``types`` of the list that ends right at ``at``: names and joiners back
    from it, where an item no rule named ("LUT yliopisto") may stand between joiners (it
    gives no fact, but the list goes on through it)."""
    names = sorted(sentence.of_type(*types), key=lambda s: s.start)
    listed: list[Span] = []
    end = at
    for span in reversed(names):
        if span.end > end:
            continue
        gap = sentence.text[span.end : end]
        if (_LAST_GAP if not listed else _GAP).fullmatch(gap) is None:
            break
        listed.insert(0, span)
        end = span.start
    return listed


def _listed_from(sentence: Sentence, at: int, types: tuple[str, ...]) -> list[Span]:
    """The list of names of ``types`` that starts right at ``at`` (spaces aside)."""
    names = sorted(sentence.of_type(*types), key=lambda s: s.start)
    listed: list[Span] = []
    start = at
    for span in names:
        gap = sentence.text[start : span.start]
        if span.start < start:
            continue
        if not (_LEAD if not listed else _JOINER).fullmatch(gap):
            break
        listed.append(span)
        start = span.end
    return listed


def listed_funded(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "The Battery Research Foundation has decided to fund six projects ..." over a list
    "• ColdCell – coordinated by ... – EUR 450,000": each list item's project is funded by the
    one funder (the rule's ``object``) the paragraph's sentence names before its ``text`` (with
    the item's sum, by the one amount parser). Any passage but a list item ends the list's
    funder (``document._advance``); a negation says nothing."""
    if sentence.passage_kind != "list_item":
        cue = _regex(rule.text).search(sentence.words) if rule.text else None
        funders = sentence.of_type(*rule.object)
        at = sentence.start + cue.start() if cue else -1
        before = {f.entity_id: f for f in funders if f.end <= at}
        if cue is not None and len(before) == 1 and not sentence.of_type(*rule.subject):
            funder = next(iter(before.values()))
            state.list_funder = (
                funder,
                tuple(anchors(sentence.text, sentence.start, sentence.end)),
            )
        return []
    if state.list_funder is None or state.item_project is None:
        return []
    if sentence.text[: sentence.start].strip():
        return []  # read once an item, at its first sentence
    funder, said = state.list_funder
    amounts = find_amounts(sentence.text)
    props: dict[str, str | int | float] = (
        {"amount_eur": amounts[0].eur} if len(amounts) == 1 else {}
    )
    item = anchors(sentence.text, sentence.start, sentence.end)
    return [stated(rule, state.item_project, funder, [*said, *item], props)]
