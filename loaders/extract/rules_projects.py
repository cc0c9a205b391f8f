"""Rules about projects: implementers and partners, coordinators, funders with amounts,
programmes, periods, and whether a project is funded or only prepared.

Each function applies the rules of ``patterns/<language>.yaml`` whose ``code`` names it; the
words it looks for are the rule's (cues, line starts, the text before or after a name)."""

from __future__ import annotations

import itertools
import re

from kgraph.parse.amounts import find_amounts
from kgraph.parse.dates import find_periods
from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft, anchors, quote, stated
from loaders.extract.patterns import Rule
from loaders.extract.spans import PLACE_TYPES, Span
from loaders.extract.words import Words


def implementers(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "Toteuttajat: A ja B" under a project's list item: each organisation implements it."""
    project = state.item_project
    if project is None or not rule.starts_line(sentence.words):
        return []
    drafts = []
    for org in sentence.of_type(*rule.subject):
        draft = stated(rule, org, project, anchors(sentence.text, sentence.start, org.end))
        drafts.append(draft)
        state.item_facts.append(draft)
    return drafts


def period(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "Toteutusaika 1.3.2024 – 28.2.2025" under a project's item, "The X project runs from
    January 2025 until December 2027": the project runs then, and so do the item's facts."""
    found = [p for p in find_periods(sentence.words) if p.precision != "year"]
    named = sentence.of_type(*rule.subject)
    if rule.starts_line(sentence.words):
        project = state.item_project
    elif rule.cues and rule.cued(sentence.lemmas) and named:
        project = named[0]
    else:
        return []
    if project is None or not found:
        return []
    first = found[0]
    at = sentence.start + first.at
    quoted = anchors(sentence.text, sentence.start, at + len(first.text))
    for draft in [d for d in state.item_facts if project.entity_id in (d.s, d.o)]:
        draft.valid_from, draft.valid_to = first.start, first.end
        draft.anchors += quoted
    state.periods[project.entity_id] = (first.start.isoformat(), first.end.isoformat())
    return []


def funders(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "Business Finland myönsi hankkeelle 13,4 miljoonaa euroa", "X has granted the Y
    consortium with 10.8 million euros": the project is funded by X, with the amount.

    The funder is named right before the funding verb (``after``: "X myönsi", "X has
    granted") or right after "funded by" (``before``); an organisation elsewhere in the
    sentence is a recipient or a bystander."""
    if not rule.cues or not rule.cued(sentence.lemmas):
        return []
    projects = sentence.of_type(*rule.subject)
    project = state.project_of(projects)
    orgs = [o for o in sentence.of_type(*rule.object) if _names_the_funder(sentence, o, rule)]
    if project is None or not orgs:
        return []
    funder = orgs[0]
    props: dict[str, str | int | float] = {}
    amounts = find_amounts(sentence.words)
    if amounts:
        props["amount_eur"] = amounts[0].eur
    end = max(funder.end, project.end if project in projects else funder.end)
    if amounts:
        end = max(end, sentence.start + amounts[0].at + len(amounts[0].text))
    start = min(funder.start, project.start if project in projects else funder.start)
    draft = stated(rule, project, funder, anchors(sentence.text, start, end), props)
    state.item_facts.append(draft)
    return [draft]


def _names_the_funder(sentence: Sentence, org: Span, rule: Rule) -> bool:
    after = sentence.text[org.end : org.end + 20]
    before = sentence.text[max(sentence.start, org.start - 14) : org.start]
    return rule.starts(after) or rule.ends(before)


def programmes(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "Hanke on osa X -ohjelmaa", "part of the X programme", "Se toimii X-ohjelman
    puitteissa" -> the project (or network) belongs to it; "X-ohjelmaan kv-hankkeen
    valmistelu" (preparing a proposal) -> a rule of its own says so: prepared is not funded.
    The sentence's project or network, else the passage's first ("Hanke on osa ...", "Se on
    osa ...": what the passage is about, not "aiemmille BATCircle-hankkeille" named in
    passing), else the project named last."""
    found = sentence.of_type(*rule.object)
    if not found or not rule.cued(sentence.lemmas) or not rule.in_text(sentence.words):
        return []
    projects = sentence.of_type(*rule.subject)
    project = projects[0] if projects else state.passage_first(rule.subject)
    if project is None and "Project" in rule.subject:
        project = state.last_project
    if project is None:
        return []
    programme = found[0]
    span = [programme, *([project] if project in projects else [])]
    return [stated(rule, project, programme, quote(sentence.text, *span))]


def coordinators(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "sitä koordinoi Aalto-yliopisto", "coordinated by X" (``before`` the organisation),
    "X:n koordinoima P" (``after`` it); "sitä", "it is" (``refers_back``) are the passage's
    project, and so is a sentence that names none."""
    drafts = []
    targets = sentence.of_type(*rule.object)
    for org in sentence.of_type(*rule.subject):
        before = sentence.text[max(sentence.start, org.start - 24) : org.start]
        after = sentence.text[org.end : org.end + 24]
        target: Span | None
        if rule.ends(before):
            pronoun = rule.points_back(before)
            target = (
                state.passage_project or state.last_project
                if pronoun or not targets
                else targets[0]
            )
        elif rule.starts(after):
            later = [p for p in targets if p.start > org.end]
            target = later[0] if later else None
        else:
            continue
        if target is not None:
            span = [org, *([target] if target in targets else [])]
            drafts.append(stated(rule, org, target, quote(sentence.text, *span)))
    return drafts


def status(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """A new project listed under "Rahoitetut hankkeet"/"Funded projects" is funded (the
    rule's ``props``: status)."""
    project = state.item_project
    if project is not None and project.new and any(h in state.heading for h in rule.heading):
        state.statuses.setdefault(project.entity_id, str(rule.props["status"]))
    return []


def participants(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "Mukana ovat seuraavat kaupunkiseudut: Kokkola, Vaasa ...", "mukana ovat olleet Kokkola
    (Oulun yliopisto), Lappeenranta (LUT)", "cities taking part in the X project": the places
    listed take part in the project the sentence (or its passage, or its section) is about.
    ``not_text`` ("näihin osallistui"): the places took part in things named before. A place
    in the elative or ablative ("yrityksiä Kokkolasta ja Pori-Harjavalta alueelta": companies
    *from* there) is where the participants come from, not one of them."""
    if not rule.cues or not rule.cued(sentence.lemmas) or not rule.in_text(sentence.words):
        return []
    project = state.project_of(sentence.of_type(*rule.object))
    if project is None:
        return []
    return [
        stated(rule, place, project, quote(sentence.text, place))
        for place in sentence.of_type(*rule.subject)
        if not _said_from(sentence, place) and not _where_an_organisation_is(sentence, place)
    ]


def _where_an_organisation_is(sentence: Sentence, place: Span) -> bool:
    """ "Itä-Suomen yliopisto (Kuopio)": a place alone in brackets right after an organisation
    says where the organisation is; the organisation takes part, not the place."""
    before = [s for s in sentence.spans if s.end <= place.start]
    if not before:
        return False
    org = max(before, key=lambda s: s.end)
    opened = re.fullmatch(r"\s*\(\s*", sentence.text[org.end : place.start]) is not None
    closed = sentence.text[place.end : place.end + 1] == ")"
    return org.type == "Organisation" and opened and closed


#: Finnish cases of "from" (elative "Kokkolasta", ablative "alueelta").
_FROM_CASES = frozenset({"Ela", "Abl"})


def _said_from(sentence: Sentence, span: Span) -> bool:
    """Whether the parse puts the name's last word in a case of "from"."""
    if sentence.parse is None:
        return False
    words = [t for t in sentence.parse if span.start <= t.idx < span.end]
    return bool(words) and bool(set(words[-1].morph.get("Case", [])) & _FROM_CASES)


def represented(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "mukana ovat olleet Kokkola (Oulun yliopisto), Lappeenranta (LUT)", "Kokkola
    (University of Oulu) is taking part": the organisation in brackets right after a place
    (``between``: the opening bracket) takes part in the project for that place (``represents``
    it), in a sentence a cue says is about taking part. The project is the sentence's, else
    the passage's or the one named last, as for the places themselves (``participants``)."""
    if not rule.cues or not rule.cued(sentence.lemmas) or not rule.in_text(sentence.words):
        return []
    project = state.project_of(sentence.of_type(*rule.object))
    if project is None:
        return []
    drafts = []
    for place, org in itertools.pairwise(sentence.spans):
        if place.type not in PLACE_TYPES or org.type not in rule.subject:
            continue
        closed = sentence.text[org.end : org.end + 1] in (")", ",")
        if rule.spans_between(sentence.text[place.end : org.start]) is None or not closed:
            continue
        props: dict[str, str | int | float] = {"represents": place.entity_id}
        drafts.append(stated(rule, org, project, quote(sentence.text, place, org), props))
    return drafts
