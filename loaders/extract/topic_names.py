"""Topics a place is said to focus on, named in its list: "Pori: teknologiametallit,
ympäristönäkökulma".

Topics are concepts, and their words are common words: a list item is a topic only where
the line says it is the place's focus, that is in the list after "City:" (a remark in
brackets may stand before the colon). An item the registry already names is linked, not
proposed; a new one is proposed only when it is a plain noun phrase in the nominative (one to
three words, lower case, no digits: "teknologiametallit"), for an item with more in it
("kestävyys akkukemian arvoketjussa", "– kennojen valmistus") does not say where the
topic's name ends.
"""

from __future__ import annotations

import re

from loaders.extract.context import NameSource
from loaders.extract.patterns import Rule
from loaders.extract.rules_places import LIST_AFTER_PLACE
from loaders.extract.spans import Span, proposed

#: An item, and the words that may lead it without being part of its name.
_ITEM = re.compile(r"(?:(?:erityisesti|especially|myös|also)\s+)?(?P<item>[^,;:()]+?)\s*$")
_SPLIT = re.compile(r",|\s(?:ja|sekä|and)\s")
_END = re.compile(r"[.;)\n]")
_MAX_WORDS = 3


def listed_topics(source: NameSource, rule: Rule) -> list[Span]:
    """The new topics of each "City: a, b ja c" list of the passage."""
    places = sorted(
        (s for s in (*source.linked, *source.found) if s.type == "City"), key=lambda s: s.start
    )
    heads = [p for p in places if LIST_AFTER_PLACE.match(source.text, p.end)]
    spans: list[Span] = []
    for i, place in enumerate(heads):
        colon = source.text.index(":", place.end) + 1
        stop = heads[i + 1].start if i + 1 < len(heads) else len(source.text)
        ended = _END.search(source.text, colon, stop)
        stop = ended.start() if ended else stop
        spans += _items(source, rule, colon, stop)
    return spans


def _items(source: NameSource, rule: Rule, start: int, stop: int) -> list[Span]:
    spans: list[Span] = []
    splits = list(_SPLIT.finditer(source.text, start, stop))
    starts = [start, *(m.end() for m in splits)]
    ends = [*(m.start() for m in splits), stop]
    for a, b in zip(starts, ends, strict=True):
        piece = source.text[a:b].rstrip()
        m = _ITEM.match(piece.lstrip())
        if m is None:
            continue
        at = a + (len(piece) - len(piece.lstrip())) + m.start("item")
        item = m["item"]
        end = at + len(item)
        if _plain(source, item, at) and not any(
            at < s.end and s.start < end for s in (*source.linked, *source.found)
        ):
            spans.append(proposed(at, end, item, "Topic", rule))
    return spans


def _plain(source: NameSource, item: str, at: int) -> bool:
    """A noun phrase of one to three lower-case words in the nominative (where the language
    marks case), ending in a noun."""
    words = item.split()
    if not 1 <= len(words) <= _MAX_WORDS or not item[:1].islower() or not item[:1].isalpha():
        return False
    if any(c.isdigit() for c in item):
        return False
    span = source.doc.char_span(at, at + len(item), alignment_mode="expand")
    if span is None or not len(span):
        return False
    if source.language == "fi" and any("Case=Nom" not in str(t.morph) for t in span):
        return False
    return span[-1].pos_ == "NOUN"
