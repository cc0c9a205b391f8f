"""Rules about places and groups: membership of networks, location, city specialisations."""

from __future__ import annotations

import itertools

from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft, quote, stated
from loaders.extract.patterns import Rule
from loaders.extract.words import Words


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


def specialisations(sentence: Sentence, state: State, rule: Rule, words: Words) -> list[Draft]:
    """ "(Kokkola: akkukemia, katodimateriaalit, ..., Kuopio: anodimateriaalit, ...)": each
    city's list of known topics, up to the next city; a topic follows a colon, a comma or a
    conjunction (``before``)."""
    drafts = []
    cities = [c for c in sentence.of_type(*rule.subject) if sentence.text[c.end : c.end + 1] == ":"]
    for i, city in enumerate(cities):
        end = cities[i + 1].start if i + 1 < len(cities) else sentence.end
        for topic in sentence.of_type(*rule.object):
            lead = sentence.text[max(0, topic.start - 6) : topic.start]
            if city.end < topic.start < end and rule.ends(lead):
                drafts.append(stated(rule, city, topic, quote(sentence.text, city, topic)))
    return drafts
