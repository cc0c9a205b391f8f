"""Spans that name something new: an organisation, person, project, network, programme or
event the registry does not hold, with its type and its name in base form.

Finnish names inflect only in their head word: "Vaasan yliopistolle" is "Vaasan yliopisto",
the genitive attribute "Vaasan" stays as written and the head takes its lemma from spaCy's
Finnish pipeline. Sources, most trusted first: the Finnish pipeline's named entities typed by
their head word; project names written "X-hanke"/"X -hankkeen"; a place's genitive before an
organisation's head word ("Vaasan yliopisto"); English and Swedish name shapes ("University of
Vaasa", "Vasa universitet", "X University", "City of X"); a person named with a title; a name listed
where the text says its items are organisations ("Partners include A, B and the companies C
and D", "• Fortum" under "Consortium").
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kgraph.ontology import EntityType
from loaders.extract.context import NameSource, titled
from loaders.extract.patterns import Rule
from loaders.extract.places import known_place
from loaders.extract.spans import PLACE_TYPES, Span, proposed
from loaders.extract.words import Words

_CAP = r"[A-ZÅÄÖ][\w+&'’-]*(?:\.\d+)?"
_PROJECT_FI = re.compile(
    rf"(?P<name>(?:{_CAP}|\d[\w.]*)(?:[ ](?:{_CAP}|\d[\w.]*)){{0,3}})"
    r"(?:-|\s[-–]\s?)(?:hanke|hankkee\w*|hanketta|projekti\w*)\b"
)
_PROJECT_FI_AFTER = re.compile(r"\b[Hh]anke (?P<name>[A-ZÅÄÖ][\w.+-]*[A-ZÅÄÖ0-9][\w.+-]*)")
_PERSON = r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
_EN_PERSON_TITLED = re.compile(
    rf"(?P<name>{_PERSON}(?: {_PERSON}){{1,2}}), (?P<title>[a-zA-Z ]{{2,40}}?) at "
)
_EN_PERSON_SAYS = re.compile(
    r"(?:says|said|according to|explains|reminds us|thinks) "
    rf"(?P<name>{_PERSON}(?: {_PERSON}){{1,2}})\b"
)
_EN_ORG = re.compile(
    rf"(?P<name>(?:University|City|Port|Ministry) of(?: the)? {_CAP}(?: {_CAP})?"
    # "VTT Technical Research Centre of Finland Ltd": a company's whole name, "of" inside
    rf"|(?:{_CAP} ){{1,4}}of (?:the )?(?:{_CAP} ){{1,2}}(?:Oy|Oyj|Ltd|Inc|Plc)"
    # "VTT Technical Research Centre of Finland": a centre's or institute's name of a place
    rf"|(?:{_CAP} ){{1,4}}(?:Centre|Center|Institute) of (?:the )?{_CAP}"
    rf"|(?:{_CAP} ){{1,3}}(?:University(?: of Applied Sciences)?|Institute|Consortium|Oy|Oyj|Ltd"
    r"|Foundation|Agency|Association)"
    rf"|{_CAP} (?:universitet|högskola|yrkeshögskola|stad))\b"
)
_EN_EVENT = re.compile(
    rf"(?P<name>(?:the )?(?:{_CAP} ){{1,4}}"
    r"(?:Summit|Conference|Forum|Week|Day|Seminar|Symposium|Expo))\b"
)
_EN_PROJECT = re.compile(rf"(?P<name>{_CAP}(?: {_CAP}){{0,3}}) (?:project|consortium)\b")
#: "a new consortium, ReLiBa (Recovery of Lithium from Batteries)": a one-word name with a
#: second capital or a digit, in apposition, its long name in brackets after it.
_EN_PROJECT_APPOSED = re.compile(
    r"\b(?:project|consortium|initiative),\s+(?P<name>[A-ZÅÄÖ][\w.+-]*[A-ZÅÄÖ0-9][\w.+-]*)\s*\("
)
#: "NordCat is a new research project": the same kind of one-word name, which the sentence
#: says is a project.
_EN_PROJECT_APPOSITION = re.compile(
    r"(?P<name>[A-ZÅÄÖ][\w.+-]*[A-ZÅÄÖ0-9][\w.+-]*), (?:a|an|the) (?:[\w-]+ ){0,3}?"
    r"(?:project|consortium)\b"
)
_EN_PROJECT_DEFINED = re.compile(
    r"(?P<name>[A-ZÅÄÖ][\w.+-]*[A-ZÅÄÖ0-9][\w.+-]*) (?:is|was) (?:a|an|the) "
    r"(?:[\w-]+ ){0,3}?(?:project|consortium)\b"
)
_OF_BEFORE = re.compile(r"\bof (?:the )?$")
_STOP_FIRST = frozenset({"The", "A", "An", "This", "That", "Our", "Their", "When", "From", "In"})


#: Finnish case endings a foreign name takes ("Platformissa"): cut only when what is left is a
#: known head word, so a Finnish word is never cut by guesswork.
_FOREIGN_ENDINGS = (
    "issa",
    "issä",
    "ssa",
    "ssä",
    "sta",
    "stä",
    "lla",
    "llä",
    "lle",
    "lta",
    "ltä",
    "iin",
    "ia",
    "in",
    "n",
)


def _base(tokens: list[Token], words: Words | None = None) -> str:
    """A name in base form: the head (last) word's lemma, the words before it as written."""
    head = tokens[-1]
    before = head.doc.text[tokens[0].idx : head.idx] if len(tokens) > 1 else ""
    lemma = head.lemma_ or head.text
    inflected = "Case=Nom" not in str(head.morph) and head.pos_ in {"NOUN", "PROPN"}
    word = head.text
    if inflected and lemma and lemma.lower() != head.text.lower():
        word = lemma[:1].upper() + lemma[1:] if head.text[:1].isupper() else lemma
    elif inflected and words is not None:
        word = _foreign_base(head.text, words)
    return (before + word).strip()


def base_name(tokens: list[Token], words: Words | None = None) -> str:
    """A name in base form, its head word's lemma ("loppuseminaarissa" -> "loppuseminaari")."""
    return _base(tokens, words)


def _foreign_base(word: str, words: Words) -> str:
    for ending in _FOREIGN_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem.lower() in words.heads:
            return stem
    return word


def head_type(words: Words, head: str) -> tuple[EntityType, str | None] | None:
    """The type a head word gives, also at the end of a compound ("akkuverkosto": a network)."""
    word = head.lower().rsplit("-", 1)[-1]
    if word in words.heads:
        return words.heads[word]
    ends = [w for w in words.heads if len(w) >= 5 and word.endswith(w) and len(word) > len(w) + 2]
    return words.heads[max(ends, key=len)] if ends else None


def _typed(words: Words, head_lemma: str, label: str) -> tuple[EntityType, str | None] | None:
    found = head_type(words, head_lemma) if label != "PERSON" else None
    if found is not None:
        return found
    if label == "ORG":
        return ("Organisation", "other")
    if label == "PERSON":
        return ("Person", None)
    return None


def named_entities(source: NameSource, rule: Rule) -> list[Span]:
    """The pipeline's named entities of the rule's ``labels``, when they look like names."""
    return [
        span
        for ent in source.doc.ents
        if ent.label_ in rule.labels and (span := _from_entity(ent, source.words, rule))
    ]


def _from_entity(ent: SpacySpan, words: Words, rule: Rule) -> Span | None:
    """A named entity of the Finnish pipeline as a new-name span, when it looks like a name.

    Refused, for precision: a span across punctuation ("Turku: kiertotalous"), one that starts
    in lower case or has no proper noun or acronym in it ("Kansallisen verkoston" at the start
    of a heading), a one-word organisation of unknown kind unless an acronym of at most five
    letters ("UEF"; not "LinkedIn", "Natriumioniakut"), a person of fewer than two words; a
    name that fills a bracket after a word in lower case, which glosses or abbreviates the
    common words before it ("tutkimus- ja innovaatio-ohjelmaa (SRIA)", "nopeampi kehittäminen
    (Materials Acceleration Platform)"); a web page's title ending in its site's section
    ("Energy Storage - Home").
    """
    if any(t.is_punct and t.text not in "-–&" for t in ent) or not ent.text[:1].isupper():
        return None
    if _gloss(ent) or _page_title(ent.text):
        return None
    tokens = list(ent)
    if not any(
        t.pos_ == "PROPN" or t.text.isupper() or (t.text[:1].isupper() and not t.is_sent_start)
        for t in tokens
    ):
        return None
    head = tokens[-1]
    known_head = head_type(words, head.lemma_ or head.text) or head_type(
        words, _foreign_base(head.text, words)
    )
    typed = known_head if ent.label_ != "PERSON" else None
    typed = typed or _typed(words, head.lemma_ or head.text, ent.label_)
    if typed is None:
        return None
    kind, org_kind = typed
    if kind == "Project":
        return None  # projects come from the "X-hanke" shape, which names them exactly
    if kind == "Person" and (len(tokens) < 2 or any(t.text.isupper() for t in tokens)):
        return None
    acronym = ent.text.isupper() and 2 <= len(ent.text) <= 5
    if len(tokens) == 1 and known_head is None and kind == "Organisation" and not acronym:
        return None
    return _span(
        ent.start_char,
        ent.end_char,
        ent.text,
        kind,
        _base(tokens, words),
        org_kind,
        rule,
    )


def _gloss(ent: SpacySpan) -> bool:
    """Whether ``ent`` fills a bracket after words in lower case: "(SRIA)" after "tutkimus- ja
    innovaatio-ohjelmaa" abbreviates them and names no organisation of its own. After a name
    ("Oulun yliopisto (UO)", "Lappeenrannan teknillinen yliopisto (LUT)") a capital stands
    among the three words before the bracket."""
    text = ent.doc.text
    before = text[: ent.start_char].rstrip(" ")
    after = text[ent.end_char :].lstrip(" ")
    if not (before.endswith("(") and after.startswith(")")):
        return False
    words = before[:-1].split()[-_GLOSSED_WORDS:]
    return bool(words) and all(w[:1].islower() for w in words)


#: How many words before a bracket are read to tell a gloss from a name's acronym.
_GLOSSED_WORDS = 3


#: A page's title written as "Title - Section" by the site: the section is no part of a name.
_PAGE_SECTION = re.compile(r"\s[-–|]\s(?:Home|Etusivu|Kotisivu|Startsida)$")


def _page_title(text: str) -> bool:
    return _PAGE_SECTION.search(text) is not None


def genitive_heads(source: NameSource, rule: Rule) -> list[Span]:
    """A proper noun in the genitive before an organisation's head word: "Vaasan yliopistolle"."""
    doc, words = source.doc, source.words
    spans: list[Span] = []
    for token in doc[:-1]:
        head = doc[token.i + 1]
        typed = words.heads.get((head.lemma_ or "").lower())
        if (
            token.pos_ == "PROPN"
            and "Case=Gen" in str(token.morph)
            and typed is not None
            and typed[0] == "Organisation"
        ):
            name = _base([token, head])
            spans.append(
                _span(
                    token.idx,
                    head.idx + len(head.text),
                    doc.text[token.idx : head.idx + len(head.text)],
                    "Organisation",
                    name,
                    typed[1],
                    rule,
                )
            )
    return spans


def finnish_projects(source: NameSource, rule: Rule) -> list[Span]:
    """ "AkkuMeri-hanke", "BATCircle3.0 -hankkeen", "hanke EKOAKKU": a project's name."""
    spans = []
    for pattern in (_PROJECT_FI, _PROJECT_FI_AFTER):
        for m in pattern.finditer(source.text):
            name = m["name"].strip()
            if len(name) < 3 or name.lower() in {"hanke", "tämä", "kv"}:
                continue
            spans.append(
                _span(
                    m.start("name"),
                    m.end("name"),
                    m["name"],
                    "Project",
                    name,
                    None,
                    rule,
                )
            )
    return spans


def english_organisations(source: NameSource, rule: Rule) -> list[Span]:
    """ "University of Vaasa", "Centria University of Applied Sciences", "Vasa universitet".

    Not the tail of a longer name the shapes do not cover: "... Centre of Finland Ltd" is not
    the company "Finland Ltd"."""
    spans: list[Span] = []
    for m in _EN_ORG.finditer(source.text):
        name = m["name"]
        first = name.split(" ", 1)[0]
        if first in _STOP_FIRST or _OF_BEFORE.search(source.text, 0, m.start()):
            continue
        kind, org_kind = _english_type(name, source.words)
        spans.append(_span(m.start(), m.end(), name, kind, name, org_kind, rule))
    return spans


def english_people(source: NameSource, rule: Rule) -> list[Span]:
    """ "Maria Virtanen, professor at ...", "says Maria Virtanen"; a title written before the
    name ("says Professor Maria Virtanen") is no part of it."""
    found = [*_EN_PERSON_TITLED.finditer(source.text), *_EN_PERSON_SAYS.finditer(source.text)]
    spans = []
    for m in found:
        start, name = m.start("name"), m["name"]
        first, _, rest = name.partition(" ")
        if first.lower().rstrip(".") in source.words.titles and " " in rest:
            start, name = start + len(first) + 1, rest
        spans.append(_span(start, m.end("name"), name, "Person", name, None, rule))
    return spans


def english_projects(source: NameSource, rule: Rule) -> list[Span]:
    """ "the GridCell project", "the GridCell consortium"; not "Recycling consortium ..." at
    the start of a headline or sentence, a common word capitalised by its place. "a new
    consortium, ReLiBa (Recovery of ...)": a name in apposition with its long name after it;
    "NordCat is a new research project", "SoNordic, a new research project": such a name the
    sentence says is a project."""
    spans: list[Span] = []
    for m in [
        *_EN_PROJECT_APPOSED.finditer(source.text),
        *_EN_PROJECT_DEFINED.finditer(source.text),
        *_EN_PROJECT_APPOSITION.finditer(source.text),
    ]:
        spans.append(
            _span(m.start("name"), m.end("name"), m["name"], "Project", m["name"], None, rule)
        )
    for m in _EN_PROJECT.finditer(source.text):
        first, _, rest = m["name"].partition(" ")
        name, at = (
            (rest, m.start("name") + len(first) + 1)
            if first in _STOP_FIRST
            else (m["name"], m.start("name"))
        )
        if name and not _common_word_at_start(source.text, at, name):
            spans.append(_span(at, m.end("name"), name, "Project", name, None, rule))
    return spans


def _common_word_at_start(text: str, at: int, name: str) -> bool:
    """One word, capitalised only by its place at the start of a line or sentence: a name has a
    second capital or a digit ("GridCell", "ReLiBa", "BATCircle3.0")."""
    before = text[:at].rstrip(" ")
    at_start = not before or before.endswith(("\n", ".", "!", "?", ":"))
    plain = " " not in name and name[1:].islower()
    return at_start and plain


def english_events(source: NameSource, rule: Rule) -> list[Span]:
    """ "the Nordic Battery Summit", "Kokkola Material Week"."""
    spans: list[Span] = []
    for m in _EN_EVENT.finditer(source.text):
        name = m["name"].removeprefix("the ")
        at = m.start() + (len(m["name"]) - len(name))
        if name.split(" ", 1)[0] not in _STOP_FIRST:
            spans.append(_span(at, m.end(), name, "Event", name, None, rule))
    return spans


def _english_type(name: str, words: Words) -> tuple[EntityType, str | None]:
    for lead, typed in words.head_first.items():
        if name.startswith(lead):
            return typed
    last = name.rsplit(" ", 1)[-1].lower()
    if name.endswith("University of Applied Sciences"):
        return ("Organisation", "university_of_applied_sciences")
    found = words.heads.get(last)
    return found if found is not None else ("Organisation", "other")


def _span(
    start: int,
    end: int,
    surface: str,
    kind: EntityType,
    name: str,
    org_kind: str | None,
    rule: Rule,
) -> Span:
    """``spans.proposed``, an organisation's kind "other" where none is known."""
    if kind == "Organisation" and org_kind is None:
        org_kind = "other"
    return proposed(start, end, name, kind, rule, surface=surface, kind=org_kind)


#: A list of names, as a list says it: a word of a name is capitalised ("Fortum", "GTK",
#: "BATCircle3.0"); "of", "for", "&" may stand inside one ("Geological Survey of Finland");
#: an acronym in brackets may follow it.
_NAME_WORD = r"[A-ZÅÄÖ][\w&'’+.-]*"
_LISTED_NAME = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:(?:of|of the|for|&)\s+)?{_NAME_WORD})*)"
    r"(?:\s*\((?P<acr>[A-ZÅÄÖ][A-ZÅÄÖ0-9&-]{1,9})\))?"
)
_ACRONYM_AFTER = re.compile(r"\s*\([A-ZÅÄÖ][A-ZÅÄÖ0-9&-]{1,9}\)")
#: What stands between the names of a list: punctuation, conjunctions, articles.
_LIST_JOINER = re.compile(r"(?:[\s,;•*–—-]+|\b(?:and|as well as|ja|sekä|the)\b)+", re.IGNORECASE)
#: Named-entity labels that say a word is not an organisation, whatever list it stands in;
#: a place's labels only where the list does not say its items are companies (the English
#: pipeline calls "Fortum" and "Boliden" places in "the companies Fortum and Boliden").
_NOT_ORG = frozenset({"NORP", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def listed_organisations(source: NameSource, rule: Rule) -> list[Span]:
    """A name listed where the text says the list's items are organisations: a list item under
    a section whose short title, or the words introducing the list, hold a word of the rule's
    ``heading`` ("Consortium" over "• Fortum"; "The partners are:"), and the names after a
    ``text`` cue to the end of its sentence ("Partners include A, B and the companies C and
    D", "yritykset Fortum, Boliden ja Terrafame"). The rule's ``props`` give the organisation's
    kind ("company" after "the companies").

    Precision: the list must be nothing but names and the joiners of a list (a sentence in a
    list, a navigation line "Home | Projects", prose after the cue: nothing), and a name is
    proposed only where the other rules named nothing. One word is a name when the pipeline's
    own dictionary does not know it as a common word, a place or a person ("Academia",
    "Kokkola", "Nokia" are refused; ``lexicon.py``), it is in the nominative where the
    language marks case, the pipeline does not tag it a person (nor, outside a list of
    companies, a place), and it is no word of the gazetteers or the head words ("Finland",
    "Consortium"). Several words are a name when an acronym in brackets follows them ("the
    Geological Survey of Finland (GTK)": the acronym is its alias) or the pipeline tags them
    an organisation. Without a trained pipeline (no dictionary), nothing."""
    if source.lexicon is None:
        return []
    spans: list[Span] = []
    for start, end in _lists(source, rule):
        for m in _names_listed(source.text, start, end, rule, [*source.linked, *source.found]):
            span = _listed(source, rule, m)
            taken = [*source.found, *spans]
            if span is not None and not any(_blocks(s, span) for s in taken):
                spans.append(span)
    return spans


def role_subjects(source: NameSource, rule: Rule) -> list[Span]:
    """ "Terrafame is not a partner in the consortium", "Boliden ei ole hankkeen kumppani": the
    name that opens a sentence whose verb gives it a role only an organisation takes
    (``after``), said or denied (denied, the name is still an organisation's). The name must
    be one as ``listed_organisations`` takes it (one word: not a common word or a person to
    the pipeline's dictionary and tagger, nor a place to a dictionary, though the English
    tagger may call it one: "Wärtsilä is one of the partners"; several: an organisation to the
    tagger), and no other rule or the registry named it. Without a trained pipeline, nothing."""
    if source.lexicon is None or not rule.after:
        return []
    named = [*source.linked, *source.found]
    spans: list[Span] = []
    for sentence in source.doc.sents:
        at = sentence.start_char + len(sentence.text) - len(sentence.text.lstrip())
        m = _LISTED_NAME.match(source.text, at, sentence.end_char)
        if m is None or not rule.starts(source.text[m.end() : sentence.end_char]):
            continue
        span = _listed(source, rule, m, places_tagged=True)
        if span is not None and not any(span.overlaps(s) for s in [*named, *spans]):
            spans.append(span)
    return spans


def _blocks(other: Span, span: Span) -> bool:
    """Whether a name another rule found stands in the way of a listed one: any that overlaps
    it, but a place inside it ("Finland" in "Geological Survey of Finland")."""
    return span.overlaps(other) and not (other.inside(span) and other.type in PLACE_TYPES)


def _lists(source: NameSource, rule: Rule) -> list[tuple[int, int]]:
    """Where the lists are, in the passage's offsets: a list item under the rule's section
    (after its bullet), and from each ``text`` cue to the end of the sentence it ends in."""
    text = source.text
    found: list[tuple[int, int]] = []
    if source.passage_kind == "list_item" and titled(
        rule.heading, source.section, source.list_intro
    ):
        lead = _LIST_JOINER.match(text)
        found.append((lead.end() if lead else 0, len(text.rstrip().rstrip(".;!?"))))
    if rule.text:
        for cue in re.finditer("|".join(f"(?:{p})" for p in rule.text), text):
            sentence = next(
                (s for s in source.doc.sents if s.start_char <= cue.end() < s.end_char), None
            )
            if sentence is not None:
                stop = sentence.start_char + len(sentence.text.rstrip().rstrip(".;!?"))
                found.append((cue.end(), stop))
    return found


def _names_listed(
    text: str, start: int, end: int, rule: Rule, named: list[Span]
) -> list[re.Match[str]]:
    """The names of ``text[start:end]`` not yet ``named``, when it is nothing but names and
    joiners (and the rule's own cues: "and the companies C and D" inside a list of partners;
    a name another rule or the registry gave stands as one, "Oulun yliopisto"); else none."""
    cues = re.compile("|".join(f"(?:{p})" for p in rule.text)) if rule.text else None
    names: list[re.Match[str]] = []
    at = start
    while at < end:
        joined = _LIST_JOINER.match(text, at, end) or (cues.match(text, at, end) if cues else None)
        if joined is not None and joined.end() > at:
            at = joined.end()
            continue
        known = max((s.end for s in named if s.start == at and s.end <= end), default=None)
        name = _LISTED_NAME.match(text, at, end)
        if known is not None and (name is None or name.end() <= known):
            acronym = _ACRONYM_AFTER.match(text, known, end)
            at = acronym.end() if acronym else known
            continue
        if name is None or name.end() == at:
            return []
        names.append(name)
        at = name.end()
    return names


def _listed(
    source: NameSource, rule: Rule, m: re.Match[str], places_tagged: bool = False
) -> Span | None:
    """The organisation a listed name is, when the name is one (see ``listed_organisations``);
    with ``places_tagged``, one word the tagger calls a place is taken too (the sentence says
    what it is) unless a dictionary knows it as one."""
    name, words = m["name"], source.words
    start, end = m.start("name"), m.end("name")
    tokens = [t for t in source.doc if start <= t.idx < end and not t.is_space]
    labels = {t.ent_type_ for t in tokens} - {""}
    if not tokens or "PERSON" in labels or source.lexicon is None:
        return None
    if len(tokens) == 1:
        token = tokens[0]
        company = rule.props.get("kind") == "company"
        known = name.casefold() in words.heads or any(
            name.casefold() in (en.casefold(), fi.casefold()) for _, en, fi in words.places
        )
        case = token.morph.get("Case", [])
        if (
            known
            or labels & _NOT_ORG
            or (labels & _PLACE_LABELS and not company and not places_tagged)
            or (places_tagged and known_place(source, name))
            or (case and case != ["Nom"])
            or source.lexicon(token.text, token.lemma_) not in ("name", "unknown")
        ):
            return None
    elif not m["acr"] and not _tagged_org(source, start, end):
        return None
    kind = str(rule.props["kind"]) if "kind" in rule.props else None
    return _span(start, end, name, "Organisation", name, kind, rule)


def _tagged_org(source: NameSource, start: int, end: int) -> bool:
    """Whether the pipeline tags exactly ``start:end`` (an article aside) as an organisation."""
    return any(
        e.label_ == "ORG"
        and e.end_char == end
        and e.start_char <= start
        and not source.text[e.start_char : start].strip(" ").removeprefix("the").strip()
        for e in source.doc.ents
    )
