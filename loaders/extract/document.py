"""One document -> its spans and draft facts: the passes over passages and sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from kgraph.names.matcher import EntityNames, MentionIndex
from kgraph.ontology import Language
from loaders.extract.context import NameSource, Sentence, State
from loaders.extract.drafts import Draft
from loaders.extract.learned import LearnedPatterns, beside_hand_rules, learned_drafts, load_learned
from loaders.extract.lexicon import Lexicon, PlaceNames, lexicon_of, place_names_of
from loaders.extract.linking import Linker, places_inside
from loaders.extract.nlp import Pipelines
from loaders.extract.references import reference_spans
from loaders.extract.rulebook import Rulebook, rulebook
from loaders.extract.same_entity import names_of, one_per_thing
from loaders.extract.sentences import as_written
from loaders.extract.spans import Span, resolve_overlaps
from loaders.extract.tables import columns_after, header
from loaders.extract.words import Words
from loaders.sources.corpus import Document, Passage


@dataclass
class Read:
    """What one document gave: spans per passage, draft facts, and the running state."""

    spans: dict[str, list[Span]] = field(default_factory=dict)
    #: the known places a word of a longer name is, per passage ("Kokkolan" in "Kokkolan
    #: kaupunki"): no mentions, but named by the document, so a fact's end
    inner: dict[str, list[Span]] = field(default_factory=dict)
    drafts: list[Draft] = field(default_factory=list)
    state: State = field(default_factory=State)
    #: acronym -> the new name it abbreviates ("EERA" -> European Energy Research Alliance)
    acronyms: dict[str, Span] = field(default_factory=dict)
    #: new entities named so far, by id, and the matcher over their names (rebuilt on growth)
    named: dict[str, Span] = field(default_factory=dict)
    index: MentionIndex | None = None
    indexed_acronyms: frozenset[str] = frozenset()
    #: entity id -> other base-form names the document gives it ("Valmet Automotive")
    aliases: dict[str, list[str]] = field(default_factory=dict)
    #: entity id -> long forms written in brackets after its acronym ("BEPA (Batteries
    #: European Partnership Association)" when BEPA is already "Batteries European Partnership")
    long_forms: dict[str, list[str]] = field(default_factory=dict)


def extract_document(
    document: Document,
    linker: Linker,
    pipelines: Pipelines,
    words: Words,
    learned: LearnedPatterns | None = None,
) -> Read:
    """Every passage of ``document``: its spans, then the rules of its language
    (``patterns/<language>.yaml``) over its sentences, and the patterns learned from curation
    (``learned``; by default ``learned.yaml``) beside them."""
    language = document.entry.language
    book = rulebook(language)
    matcher = (learned if learned is not None else load_learned()).of_language(language)
    nlp = pipelines.for_language(language)
    lexicon = lexicon_of(nlp)
    place_names = place_names_of(pipelines.fi)
    read = Read()
    parsed = nlp.pipe([p.text for p in document.passages])
    passages = document.passages
    for i, (passage, doc) in enumerate(zip(passages, parsed, strict=True)):
        around = (
            passages[i - 1].text if i > 0 else "",
            passages[i + 1].text if i + 1 < len(passages) else "",
        )
        spans, drafts = _spans(
            passage, doc, language, linker, words, book, read.state, (lexicon, place_names), around
        )
        spans = _acronyms(passage.text, spans, read.acronyms, read.long_forms)
        spans = _named_again(passage, language, spans, read, words.legal_forms)
        # a name met again may be an acronym met before its long form ("5.1. EERA" over
        # "... Alliance (EERA)", then "EERAn jäseniä"): it is the long form's entity here too
        spans = _acronyms(passage.text, spans, read.acronyms)
        read.spans[passage.id] = spans
        read.drafts += drafts
        _advance(read.state, passage, spans)
        read.state.table = columns_after(read.state.table, passage.text, spans, words)
        read.state.previous_projects = ()
        read.state.previous = None
        inner = _inner_places(passage, spans, language, linker, read)
        read.inner[passage.id] = inner
        for sentence in _sentences(passage, doc, spans, language, inner):
            for bound in book.sentences:
                if not bound.rule.excluded(sentence.words):
                    read.drafts += bound.apply(sentence, read.state, bound.rule, words)
            projects = sentence.of_type("Project")
            read.state.previous_projects = tuple(projects)
            read.state.previous = sentence
            if projects:
                read.state.last_project = projects[-1]
        read.drafts += learned_drafts(passage.text, doc, spans, matcher)
    _rename_acronyms(read)
    read.drafts = beside_hand_rules(read.drafts)
    read.aliases = one_per_thing(read.spans, read.drafts, language, words.legal_forms)
    _acronym_aliases(read)
    for entity_id, names in sorted(read.long_forms.items()):
        aliases = read.aliases.setdefault(entity_id, [])
        aliases.extend(n for n in names if n not in aliases)
    return read


def _acronym_aliases(read: Read) -> None:
    """ "the Geological Survey of Finland (GTK)": the acronym in brackets is an alias of the new
    entity it follows, also where the document never names it again."""
    proposed = {s.entity_id for spans in read.spans.values() for s in spans if s.new}
    for acronym, span in sorted(read.acronyms.items()):
        if span.entity_id not in proposed or acronym == span.name:
            continue
        aliases = read.aliases.setdefault(span.entity_id, [])
        if acronym not in aliases:
            aliases.append(acronym)


def _named_again(
    passage: Passage,
    language: Language,
    spans: list[Span],
    read: Read,
    legal_forms: frozenset[str],
) -> list[Span]:
    """A new entity named again, in its own passage or further on, without the shape that
    found it the first time ("BATCircle3.0-projekti", then "BATCircle3.0 (2024-2027) on ...";
    "Kemira Oyj", then "Kemiran"), through the one matcher, so in any case form."""
    grown = False
    for span in spans:
        if span.new and span.entity_id not in read.named and len(span.name) >= 4:
            read.named[span.entity_id] = span
            grown = True
    # an acronym in brackets is a name of its entity further on: "GTK" after "the
    # Geological Survey of Finland (GTK)"
    acronyms = {a: s for a, s in read.acronyms.items() if s.entity_id in read.named}
    if grown or acronyms.keys() != read.indexed_acronyms:
        read.indexed_acronyms = frozenset(acronyms)
        read.index = MentionIndex(
            EntityNames(
                entity_id=i,
                names=[
                    *names_of(s.name, legal_forms),
                    *(a for a, of in acronyms.items() if of.entity_id == i),
                ],
            )
            for i, s in read.named.items()
        )
    if read.index is not None:
        for m in read.index.find(passage.text, passage.id, language=language):
            again = replace(read.named[m.entity_id], start=m.start, end=m.end, surface=m.surface)
            if not any(again.overlaps(s) for s in spans):
                spans = sorted([*spans, again], key=lambda s: (s.start, s.end, s.entity_id))
    return spans


def _inner_places(
    passage: Passage, spans: list[Span], language: Language, linker: Linker, read: Read
) -> list[Span]:
    """The places, known or named by the document so far, a word of a longer name is."""

    def named(word: str) -> list[Span]:
        found = read.index.find(word, passage.id, language=language) if read.index else []
        return [
            replace(read.named[m.entity_id], start=m.start, end=m.end, surface=m.surface)
            for m in found
        ]

    known = places_inside(spans, lambda word: linker.link(word, passage.id, language))
    return known + places_inside(spans, named)


def _rename_acronyms(read: Read) -> None:
    """An acronym met before its long form ("5.1. EERA" above "European Energy Research
    Alliance (EERA)") is renamed too, in spans and in drafts."""
    renamed: dict[str, str] = {}
    for passage_id, spans in read.spans.items():
        updated = _acronyms("", spans, read.acronyms)
        renamed.update(
            {
                a.entity_id: b.entity_id
                for a, b in zip(spans, updated, strict=True)
                if a.entity_id != b.entity_id
            }
        )
        read.spans[passage_id] = updated
    for draft in read.drafts:
        draft.s, draft.o = renamed.get(draft.s, draft.s), renamed.get(draft.o, draft.o)


def _spans(
    passage: Passage,
    doc: Doc,
    language: Language,
    linker: Linker,
    words: Words,
    book: Rulebook,
    state: State,
    dictionaries: tuple[Lexicon | None, PlaceNames | None],
    around: tuple[str, str] = ("", ""),
) -> tuple[list[Span], list[Draft]]:
    """The passage's known names and the new ones its language's name rules find (a
    reference list item is read by the reference rules alone; a list item with the section
    and the list's introduction the passages before it gave)."""
    linked = linker.link(passage.text, passage.id, language)
    references, authored = (
        reference_spans(passage.text, language, linker, book.references)
        if book.references is not None
        else ([], [])
    )
    if references:
        return resolve_overlaps([s for s in linked if s.type != "Person"], references), authored
    if header(passage.text, words):
        return linked, []  # a table's header is column titles ("Project  Funder"), no names
    item = passage.kind == "list_item"
    source = NameSource(
        passage.text,
        doc,
        language,
        words,
        passage_kind=passage.kind,
        section=state.section if item else "",
        list_intro=state.list_intro if item else "",
        lexicon=dictionaries[0],
        place_names=dictionaries[1],
        linked=tuple(linked),
        before_text=around[0],
        after_text=around[1],
    )
    for name_rule in book.names:
        source.found.extend(name_rule(source))
    return resolve_overlaps(linked, source.found), []


_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-ZÅÄÖ][A-ZÅÄÖ0-9+-]{1,9})\)")
_ACRONYM_BEFORE = re.compile(r"(?<![\w-])(?P<acr>[A-ZÅÄÖ][A-ZÅÄÖ0-9+-]{1,9})\s*\($")


def _acronyms(
    text: str,
    spans: list[Span],
    known: dict[str, Span],
    long_forms: dict[str, list[str]] | None = None,
) -> list[Span]:
    """ "European Energy Research Alliance (EERA)": the acronym, here and further on ("EERA",
    "EERAn", "EERA:n"), is a name of the new entity before it, not an entity of its own. The
    other way round, "BEPA (Batteries European Partnership)": the long form in brackets after
    an acronym whose letters its capitals spell (or begin) names the acronym's entity, and a
    second long form of it ("BEPA (Batteries European Partnership Association)") is its
    alias (in ``long_forms``), not another entity."""
    replaced: dict[int, Span] = {}
    for i, span in enumerate(spans):
        m = _ACRONYM_AFTER.match(text, span.end)
        if span.new and m and span.type != "Person":
            known.setdefault(m["acr"], span)
        first = _long_form_of(text, span)
        if first is None:
            continue
        earlier = known.setdefault(first, span)
        if earlier.entity_id != span.entity_id and long_forms is not None:
            names = long_forms.setdefault(earlier.entity_id, [])
            if span.name not in names and span.name != earlier.name:
                names.append(span.name)
            replaced[i] = replace(earlier, start=span.start, end=span.end, surface=span.surface)
    spans = [replaced.get(i, s) for i, s in enumerate(spans)]
    out = []
    for span in spans:
        bare = re.sub(r"(?::\w+|(?<=[A-Z])n)$", "", span.surface)
        full = known.get(span.surface) or known.get(bare)
        if span.new and full is not None and full.entity_id != span.entity_id:
            span = replace(full, start=span.start, end=span.end, surface=span.surface)
        out.append(span)
    return out


def _long_form_of(text: str, span: Span) -> str | None:
    """The acronym ``span`` spells out in brackets after it ("BEPA (Batteries European
    Partnership)"), when its capitals' initials and the acronym's letters agree."""
    before = _ACRONYM_BEFORE.search(text, 0, span.start)
    if not span.new or span.type == "Person" or before is None:
        return None
    if not text[span.end :].lstrip(" ").startswith(")"):
        return None
    initials = "".join(w[0] for w in span.name.split() if w[:1].isupper())
    acronym = before["acr"]
    shorter = min(len(initials), len(acronym))
    agree = shorter >= 2 and initials[:shorter] == acronym[:shorter]
    return acronym if agree else None


def _advance(state: State, passage: Passage, spans: list[Span]) -> None:
    """A heading starts a section (a short one is the section's title); a list item starts an
    item, whose project it names first; a paragraph ending in a colon introduces the list
    after it ("The partners are:"), another paragraph ends that list."""
    state.passage_project = next((s for s in spans if s.type == "Project"), None)
    state.passage_spans = tuple(spans)
    projects = [s for s in spans if s.type == "Project"]
    if passage.kind == "heading" or _looks_like_heading(passage):
        state.heading = passage.text.casefold()
        state.section = _section_title(passage.text)
        state.list_intro = ""
        state.section_projects = {}
        state.new_item()
        state.last_project = None
    elif passage.kind == "list_item":
        state.new_item()
        state.last_project = None
        state.item_project = projects[0] if projects else None
    else:
        state.list_intro = _introduces_list(passage.text)
    if passage.kind != "list_item":
        state.list_funder = None  # what a paragraph says of the list after it, it says anew
    for project in projects:
        state.section_projects.setdefault(project.entity_id, project)
        state.document_projects.setdefault(project.entity_id, project)


_TITLE_WORDS = 4


def _section_title(text: str) -> str:
    """A heading of a few words is a section's title ("Consortium", "## Project partners");
    a longer one names no section a rule reads."""
    title = " ".join(re.sub(r"^[#\s\d.]*|[:\s]*$", "", text).split()).casefold()
    return title if 0 < len(title.split()) <= _TITLE_WORDS else ""


def _introduces_list(text: str) -> str:
    """ "The partners are:", "Partners:": the last sentence of a paragraph ending in a colon,
    which introduces the list items after it."""
    stripped = text.rstrip()
    if not stripped.endswith(":"):
        return ""
    last = re.split(r"(?<=[.!?])\s+", stripped)[-1].rstrip(":")
    words = last.casefold().split()
    return " ".join(words) if 0 < len(words) <= _TITLE_WORDS + 2 else ""


def _looks_like_heading(passage: Passage) -> bool:
    """A short line of its own with no sentence end: "Rahoitetut hankkeet", "Funded projects"."""
    text = passage.text.strip()
    return (
        passage.kind == "paragraph"
        and len(text) <= 60
        and "\n" not in text
        and not any(c.isdigit() or c in '.:!?”"' for c in text)
    )


def _sentences(
    passage: Passage, doc: Doc, spans: list[Span], language: Language, inner: list[Span]
) -> list[Sentence]:
    sentences = []
    for sent in as_written(doc):
        start, end = sent.start_char, sent.end_char
        inside = tuple(s for s in spans if start <= s.start and s.end <= end)
        places = tuple(s for s in inner if start <= s.start and s.end <= end)
        lemmas = frozenset(w for t in sent for w in (t.lemma_.casefold(), t.lower_) if w)
        sentences.append(
            Sentence(passage.text, start, end, inside, lemmas, language, passage.kind, sent, places)
        )
    return sentences
