"""Rules about places and groups: membership of networks, location, city specialisations."""

from __future__ import annotations

import itertools
import re

from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft, quote
from loaders.extract.spans import PLACE_TYPES
from loaders.extract.words import Words

MEMBERS = ("City", "Organisation", "IndustrialPark", "Region")


def membership(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """ "X on jäsen Y:ssä", "X ja Z ovat Y:n jäseniä", "X is a member of Y", "verkosto, johon
    kuuluvat A, B ja C": the members of a network the sentence names, when it says so."""
    if not words.cue("member", set(sentence.lemmas)):
        return []
    networks = sentence.of_type("Network")
    if len(networks) != 1:
        return []
    network = networks[0]
    drafts = []
    for member in sentence.of_type(*MEMBERS):
        drafts.append(
            Draft(
                member.entity_id,
                "MEMBER_OF",
                network.entity_id,
                "member-cue",
                0.8,
                quote(sentence.text, member, network),
            )
        )
    return drafts


_IN = re.compile(r"^\s+(?:in|at|located in|based in|sijaitsee)\s+$")
_COMMA = re.compile(r"^,\s+$")
_LOCATABLE = ("Organisation", "IndustrialPark", "Event", "City")


def location(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """ "the Port of Antwerp in Belgium", "in Knapsack, Germany", "(Itä-Suomen yliopisto,
    Kuopio)": a thing in a place, a city in a country."""
    drafts = []
    spans = list(sentence.spans)
    for left, right in itertools.pairwise(spans):
        gap = sentence.text[left.end : right.start]
        if right.type not in PLACE_TYPES or left.type not in _LOCATABLE:
            continue
        city_in_country = left.type == "City" and right.type == "Country" and _COMMA.match(gap)
        thing_in_place = left.type != "City" and _IN.match(gap)
        org_comma_city = (
            left.type == "Organisation"
            and right.type == "City"
            and _COMMA.match(gap)
            and sentence.text[max(0, left.start - 1) : left.start] == "("
        )
        if city_in_country or thing_in_place or org_comma_city:
            drafts.append(
                Draft(
                    left.entity_id,
                    "LOCATED_IN",
                    right.entity_id,
                    "in-place",
                    0.8,
                    quote(sentence.text, left, right),
                )
            )
    return drafts


def specialisations(sentence: Sentence, state: State, words: Words) -> list[Draft]:
    """ "(Kokkola: akkukemia, katodimateriaalit, ..., Kuopio: anodimateriaalit, ...)": each
    city's list of known topics, up to the next city."""
    drafts = []
    cities = [c for c in sentence.of_type("City") if sentence.text[c.end : c.end + 1] == ":"]
    for i, city in enumerate(cities):
        end = cities[i + 1].start if i + 1 < len(cities) else sentence.end
        for topic in sentence.of_type("Topic"):
            lead = sentence.text[max(0, topic.start - 6) : topic.start]
            if city.end < topic.start < end and re.search(r"(?::|,|\bja|\bsekä) $", lead):
                drafts.append(
                    Draft(
                        city.entity_id,
                        "SPECIALISES_IN",
                        topic.entity_id,
                        "city-colon-topics",
                        0.8,
                        quote(sentence.text, city, topic),
                    )
                )
    return drafts
