"""Projects named only by a list the sentence says is a list of projects.

"Muita kansallisia hankkeita, jotka saivat myönteisen rahoituspäätöksen: EKOAKKU, BATTCHEM,
AKILIT ja BATTEdu", "Rahoitettuja hankkeita olivat mm. Horizon Europe/SAFELOOP ja
M.ERANET/GENSIB", "projects such as ReLiBa and GridCell": the sentence's own words (the rule's
``text``, ending where the list starts) say what the names are, so each is a project, though
no "-hanke" or "project" stands beside it.

Precision: from the cue to the end of its sentence there must be nothing but names and the
joiners of a list (a comma, "ja", "sekä", "and", "mm."), or the list gives nothing (prose after
the cue is not a list); a relative clause about the list (", jotka ...", ", which ...") ends
it. A list after the object of the sentence's verb names that object's things, not the
projects, and gives nothing ("Molemmat hankkeet tutkivat kolmea katodimateriaalia: NMC811,
LFP ja LMFP", "The projects tested three cathode chemistries: ..."); an object inside a
relative clause about the projects does not count. A name the registry or another rule gave
stands as one item and is not proposed again; a programme or call before a slash ("Horizon
Europe/", "M.ERANET/") qualifies the name after it. A new name must look like a project's
acronym: one word with a second capital or a digit beside its first capital ("EKOAKKU",
"BATTEdu", "3Interfaces", "BATCircle3.0"); a plain word ("Helsinki", "Kierrätys") is not proposed.
"""

from __future__ import annotations

import re

from loaders.extract.context import NameSource
from loaders.extract.patterns import Rule
from loaders.extract.spans import Span, proposed

_JOINER = re.compile(r"(?:[\s,;]+|\b(?:ja|sekä|and|as well as|mm\.|esim\.)(?!\w))+")
_WORD = re.compile(r"[A-ZÅÄÖ0-9][\w.+&-]*[\w+]")
#: "Horizon Europe/", "M.ERANET/": the programme or call a listed project was funded in.
_QUALIFIER = re.compile(r"[A-ZÅÄÖ][\w.+&-]*(?: [A-ZÅÄÖ][\w.+&-]*){0,3}/")
_MIN_LENGTH = 3
#: ", jotka keskittyvät ...", ", which ...": a relative clause about the list ends it.
_RELATIVE = re.compile(r",\s*(?:joka|jotka|jonka|joiden|joita|joissa|which|that|who)\b")


def acronym_shaped(word: str) -> bool:
    """A project's short name: a capital and a second capital or a digit ("EKOAKKU",
    "BATTEdu", "3Interfaces", "BATCircle3.0"), not a plain capitalised word."""
    capitals = sum(c.isupper() for c in word)
    digits = any(c.isdigit() for c in word)
    return len(word) >= _MIN_LENGTH and capitals >= 1 and (capitals >= 2 or digits)


def listed_projects(source: NameSource, rule: Rule) -> list[Span]:
    """The new projects of each list a ``text`` cue introduces (see the module's docstring)."""
    if not rule.text:
        return []
    known = [*source.linked, *source.found]
    spans: list[Span] = []
    cues = re.compile("|".join(f"(?:{p})" for p in rule.text))
    for cue in cues.finditer(source.text):
        sentence = next(
            (s for s in source.doc.sents if s.start_char <= cue.end() <= s.end_char), None
        )
        if sentence is None:
            continue
        stop = sentence.start_char + len(sentence.text.rstrip().rstrip(".;!?"))
        relative = _RELATIVE.search(source.text, cue.end(), stop)
        stop = relative.start() if relative else stop
        if _names_an_object(source, cue):
            continue
        for start, end in _items(source.text, cue.end(), stop, known):
            name = source.text[start:end]
            if not any(s.start < end and start < s.end for s in [*known, *spans]):
                spans.append(_project(start, end, name, rule))
    return spans


#: The parse's relations of a verb's object.
_OBJECTS = frozenset({"obj", "dobj"})


def _names_an_object(source: NameSource, cue: re.Match[str]) -> bool:
    """Whether, between the cue's project word and the list, a noun is the object of the
    sentence's verb ("tutkivat kolmea katodimateriaalia:", "tested three cathode
    chemistries:"): the list after it names those things, not the projects. What a relative
    clause about the projects says ("hankkeita, joita valmisteltiin ja jotka saivat
    rahoituspäätöksen:") is not read."""
    word = re.match(r"\w+", source.text[cue.start() :])
    after = cue.start() + (word.end() if word else 0)
    relative = _RELATIVE.search(source.text, after, cue.end())
    upto = relative.start() if relative else cue.end()
    return any(
        after <= t.idx < upto and t.dep_ in _OBJECTS and t.pos_ in ("NOUN", "PROPN")
        for t in source.doc
    )


def _items(text: str, start: int, end: int, known: list[Span]) -> list[tuple[int, int]]:
    """The new names listed in ``text[start:end]``, or none when it is not only a list."""
    items: list[tuple[int, int]] = []
    at = start
    while at < end:
        joined = _JOINER.match(text, at, end)
        if joined is not None and joined.end() > at:
            at = joined.end()
            continue
        qualifier = _QUALIFIER.match(text, at, end)
        if qualifier is not None:
            at = qualifier.end()
            continue
        stands = max((s.end for s in known if s.start == at and s.end <= end), default=None)
        if stands is not None:
            at = stands + (text[stands : stands + 1] == "/")
            continue
        word = _WORD.match(text, at, end)
        if word is None or not acronym_shaped(word.group()) or not _ends_item(text, word, end):
            return []
        items.append((word.start(), word.end()))
        at = word.end()
    return items


def _ends_item(text: str, word: re.Match[str], end: int) -> bool:
    """Whether the word is a whole item: the list's end or a joiner follows it."""
    return word.end() == end or _JOINER.match(text, word.end(), end) is not None


def _project(start: int, end: int, name: str, rule: Rule) -> Span:
    return proposed(start, end, name, "Project", rule)


#: A list item's opening name and the dash or colon after it: "• ColdCell – coordinated by ...".
_ITEM_HEAD = re.compile(r"\W*(?P<name>[A-ZÅÄÖ0-9][\w.+&-]*[\w+])\s*[–—:-]\s+")


def item_projects(source: NameSource, rule: Rule) -> list[Span]:
    """A list item that opens with a project's short name, a dash or a colon, and a project's
    role ("• ColdCell – coordinated by Aalto University – EUR 450,000", "• AkkuTaito:
    koordinaattori Centria"): the rule's ``text`` says the rest is about a project (who
    coordinates, leads or funds it), so the name is one. The name must look like a project's
    acronym (``acronym_shaped``) and not be named already."""
    if source.passage_kind != "list_item" or not rule.text:
        return []
    head = _ITEM_HEAD.match(source.text)
    if head is None or not acronym_shaped(head["name"]):
        return []
    if not rule.in_text(source.text[head.end() :]):
        return []
    start, end = head.span("name")
    if any(s.start < end and start < s.end for s in [*source.linked, *source.found]):
        return []
    return [_project(start, end, head["name"], rule)]
