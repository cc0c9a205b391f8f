"""Rules about projects: implementers and partners, coordinators, funders with amounts,
programmes, periods, and whether a project is funded or only prepared."""

from __future__ import annotations

import re

from kgraph.parse.amounts import find_amounts
from kgraph.parse.dates import find_periods
from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft, anchors, quote
from loaders.extract.words import Words

ORGS = ("Organisation",)
_IMPLEMENTER_LINE = re.compile(
    r"^\W*(?:Toteuttaja(?:t)?\b|Hankkeen toteuttaja\w*\s+toimiv|Implement(?:ed by|ers?)\b)"
)
_PERIOD_LINE = re.compile(r"^\W*(?:Toteutusaika|Kesto|Duration|Project period)\b", re.I)


def implementers(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """ "Toteuttajat: A ja B" under a project's list item: each organisation implements it."""
    project = state.item_project
    if project is None or not _IMPLEMENTER_LINE.match(sentence.words):
        return []
    drafts = []
    for org in sentence.of_type(*ORGS):
        draft = Draft(
            org.entity_id,
            "PARTICIPATES_IN",
            project.entity_id,
            "implementer-line",
            0.9,
            anchors(sentence.text, sentence.start, org.end),
            {"role": "implementer"},
        )
        drafts.append(draft)
        state.item_facts.append(draft)
    return drafts


def period(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """ "Toteutusaika 1.3.2024 – 28.2.2025" under a project's item, "The X project runs from
    January 2025 until December 2027": the project runs then, and so do the item's facts."""
    found = [p for p in find_periods(sentence.words) if p.precision != "year"]
    named = sentence.of_type("Project")
    if _PERIOD_LINE.match(sentence.words):
        project = state.item_project
    elif words.cue("period", set(sentence.lemmas)) and named:
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


def funders(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """ "Business Finland myönsi hankkeelle 13,4 miljoonaa euroa", "X has granted the Y
    consortium with 10.8 million euros": the project is funded by X, with the amount."""
    if not words.cue("funder", set(sentence.lemmas)):
        return []
    projects = sentence.of_type("Project")
    project = projects[0] if projects else (state.passage_project or state.last_project)
    orgs = [o for o in sentence.of_type(*ORGS) if _before_funding_verb(sentence, o)]
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
    draft = Draft(
        project.entity_id,
        "FUNDED_BY",
        funder.entity_id,
        "funder-sentence",
        0.85,
        anchors(sentence.text, start, end),
        props,
    )
    state.item_facts.append(draft)
    return [draft]


_FUNDING_VERB = re.compile(
    r"\b(?:myönsi|myöntää|myönnettiin|rahoitta\w*|rahoittajana|has granted|granted|funded|funds"
    r"|awarded)\b"
)


def _before_funding_verb(sentence: Sentence, org: object) -> bool:
    """The funder is named right before the verb ("X myönsi", "X has granted") or right after
    "funded by"; an organisation elsewhere in the sentence is a recipient or a bystander."""
    assert hasattr(org, "end") and hasattr(org, "start")
    after = sentence.text[org.end : org.end + 20]
    before = sentence.text[max(sentence.start, org.start - 14) : org.start]
    return bool(re.match(r"\s*(?::n\s)?" + _FUNDING_VERB.pattern, after)) or bool(
        re.search(
            r"(?:funded|financed|rahoittajana(?: on| toimii)?) by\s*$|rahoittajana\s*$", before
        )
    )


def programmes(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """ "Hanke on osa X -ohjelmaa", "part of the X programme" -> the project belongs to it;
    "X-ohjelmaan kv-hankkeen valmistelu" (preparing a proposal) -> it does not: prepared is
    not funded, so that is a link of its own kind."""
    found = sentence.of_type("FundingProgramme")
    if not found:
        return []
    projects = sentence.of_type("Project")
    project = projects[0] if projects else state.last_project
    if project is None:
        return []
    programme = found[0]
    span = [programme, *([project] if project in projects else [])]
    if words.cue("prepared", set(sentence.lemmas)):
        return [
            Draft(
                project.entity_id,
                "RELATED_TO",
                programme.entity_id,
                "prepares-for",
                0.8,
                quote(sentence.text, *span),
                {"relation": "prepares_proposal_for"},
            )
        ]
    if not re.search(r"\bosa\b|\bpart of\b|\bunder\b|\bfunded (?:by|from|under)\b", sentence.words):
        return []
    return [
        Draft(
            project.entity_id,
            "PART_OF_PROGRAMME",
            programme.entity_id,
            "part-of-programme",
            0.85,
            quote(sentence.text, *span),
        )
    ]


_COORD_BY = re.compile(r"(?:sitä koordinoi|koordinoi|coordinated by|led by)\s*(?:the\s+)?$")
_COORD_OF = re.compile(r"^(?::n|n)?\s+(?:koordinoima\w*|coordinates|leads)\b")


def coordinators(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """ "sitä koordinoi Aalto-yliopisto", "coordinated by X", "X:n koordinoima P"."""
    drafts = []
    projects = sentence.of_type("Project", "Network")
    for org in sentence.of_type(*ORGS):
        before = sentence.text[max(sentence.start, org.start - 24) : org.start]
        after = sentence.text[org.end : org.end + 24]
        if _COORD_BY.search(before):
            pronoun = re.search(r"\b(?:sitä|sitä myös|it is|it was)\s+\w*\s*$", before)
            target = (
                state.passage_project or state.last_project
                if pronoun or not projects
                else projects[0]
            )
        elif _COORD_OF.match(after):
            later = [p for p in projects if p.start > org.end]
            target = later[0] if later else None
        else:
            continue
        if target is not None:
            span = [org, *([target] if target in projects else [])]
            drafts.append(
                Draft(
                    org.entity_id,
                    "COORDINATES",
                    target.entity_id,
                    "coordinator",
                    0.85,
                    quote(sentence.text, *span),
                )
            )
    return drafts


def status(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """A project listed under "Rahoitetut hankkeet"/"Funded projects" is funded."""
    project = state.item_project
    if (
        project is not None
        and project.new
        and any(h in state.heading for h in words.cues["funded_heading"])
    ):
        state.statuses.setdefault(project.entity_id, "funded")
    return []


#: "näihin osallistui ...": the places took part in things named before, not in the project.
_BACK_REFERENCE = re.compile(r"\b(?:näihin|näissä|niihin|niissä|these|them)\b", re.I)


def participants(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """ "Mukana ovat seuraavat kaupunkiseudut: Kokkola, Vaasa ...", "mukana ovat olleet Kokkola
    (Oulun yliopisto), Lappeenranta (LUT)", "cities taking part in the X project": the places
    listed take part in the project the sentence (or its passage, or its section) is about."""
    if not words.cue("participant", set(sentence.lemmas)) or _BACK_REFERENCE.search(sentence.words):
        return []
    named = sentence.of_type("Project")
    project = named[0] if named else (state.passage_project or state.last_project)
    if project is None:
        return []
    return [
        Draft(
            place.entity_id,
            "PARTICIPATES_IN",
            project.entity_id,
            "participant-places",
            0.8,
            quote(sentence.text, place),
            {"role": "participant"},
        )
        for place in sentence.of_type("City", "Region")
    ]
