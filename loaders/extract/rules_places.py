"""Rules about places and groups: membership of networks, location, city specialisations."""

from __future__ import annotations

import itertools
import re

from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft, quote, stated
from loaders.extract.patterns import Rule
from loaders.extract.words import Words

#: What follows a place whose list of topics comes next: a colon, perhaps after a remark in
#: brackets ("Lappeenranta (sisältäen myös Kotka-Hamina):").
LIST_AFTER_PLACE = re.compile(r"(?:\s*\([^()]{1,80}\))?:")


def membership(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "X on jäsen Y:ssä", "X ja Z ovat Y:n jäseniä", "X is a member of Y", "verkosto, johon
    kuuluvat A, B ja C": the members of the one network the sentence names, when a cue says
    so (two networks: which one is meant is not said; one named twice, "Platformissa
    (ECSPP)", is one)."""
    if not rule.cues or not rule.cued(sentence.lemmas):
        return []
    networks = sentence.of_type(*rule.object)
    if len({n.entity_id for n in networks}) != 1:
        return []
    network = networks[0]
    return [
        stated(rule, member, network, quote(sentence.text, member, network))
        for member in sentence.of_type(*rule.subject)
    ]


def adjacent(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """Two names side by side with the rule's ``between`` text in between (and its ``before``
    text before the first): "the Port of Antwerp in Belgium", "in Knapsack, Germany",
    "(Itä-Suomen yliopisto, Kuopio)"."""
    drafts = []
    for left, right in itertools.pairwise(sentence.spans):
        if left.type not in rule.subject or right.type not in rule.object:
            continue
        if rule.spans_between(sentence.text[left.end : right.start]) is None:
            continue
        lead = sentence.text[max(0, left.start - 24) : left.start]
        if rule.before and not rule.ends(lead):
            continue
        drafts.append(stated(rule, left, right, quote(sentence.text, left, right)))
    return drafts


def named_by_place(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """A unit named by its place is there: "Kokkolan kaupunki", "Kokkolan yliopistokeskus
    Chydenius", "Kokkolan suurteollisuusalue" (the place first, what follows it matching
    ``after``), "City of Kokkola", "Port of Antwerp" (the place last, the name up to its end
    matching ``before``). The rule's head words say which units: a university named after a
    city ("Oulun yliopisto") is not, for curation places a university where its units are."""
    drafts = []
    for unit in sentence.of_type(*rule.subject):
        for place in sentence.inner:
            if place.type not in rule.object or not place.inside(unit):
                continue
            first = place.start == unit.start and rule.starts(sentence.text[place.start : unit.end])
            last = place.end == unit.end and rule.ends(sentence.text[unit.start : place.end])
            if first or last:
                drafts.append(stated(rule, unit, place, quote(sentence.text, unit)))
    return drafts


def specialisations(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "(Kokkola: akkukemia, katodimateriaalit, ..., Kuopio: anodimateriaalit, ...)": each
    city's list of topics, up to the next city; a topic follows a colon, a comma or a
    conjunction (``before``). A remark in brackets may stand between the city and its colon
    ("Lappeenranta (sisältäen myös Kotka-Hamina): erotusteknologiat")."""
    drafts = []
    cities = [
        c for c in sentence.of_type(*rule.subject) if LIST_AFTER_PLACE.match(sentence.text, c.end)
    ]
    for i, city in enumerate(cities):
        end = cities[i + 1].start if i + 1 < len(cities) else sentence.end
        for topic in sentence.of_type(*rule.object):
            lead = sentence.text[max(0, topic.start - 16) : topic.start]
            if city.end < topic.start < end and rule.ends(lead):
                drafts.append(stated(rule, city, topic, quote(sentence.text, city, topic)))
    return drafts


def topic_headed_item(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "• Litiumioniakkujen materiaalit ja kierrätys: Oulun yliopisto ja Aalto-yliopisto ovat
    mukana ...": a list item headed by topics and a colon; the organisations its first
    sentence names work on those topics. The head must be short and name nothing but topics
    (``object``), so "• Rahoitus: Business Finland myönsi ..." gives nothing."""
    if sentence.passage_kind != "list_item" or sentence.text[: sentence.start].strip(" •*-–"):
        return []
    colon = sentence.text.find(":", sentence.start, sentence.end)
    if colon < 0 or len(sentence.text[sentence.start : colon].split()) > _HEAD_WORDS:
        return []
    head = [s for s in sentence.spans if s.end <= colon]
    if not head or any(s.type not in rule.object for s in head):
        return []
    return [
        stated(rule, org, topic, quote(sentence.text, topic, org))
        for org in sentence.of_type(*rule.subject)
        if org.start > colon
        for topic in head
    ]


#: The most words a list item's head before its colon may have to be read as its topics.
_HEAD_WORDS = 6
