"""What the rules read: a passage for the rules that name new entities (``NameSource``), a
sentence with its spans and lemmas for the fact rules, and what the document said before it
(the heading it stands under, the project of the list item it belongs to)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kgraph.ontology import Language
from loaders.extract.drafts import Draft
from loaders.extract.lexicon import Lexicon, PlaceNames
from loaders.extract.spans import Span
from loaders.extract.words import Words


@dataclass(frozen=True)
class NameSource:
    """A passage as the name rules read it: its text, its parse, and the new names the rules
    before found in it (a city is read next to a country the gazetteer found)."""

    text: str
    doc: Doc
    language: Language
    words: Words
    found: list[Span] = field(default_factory=list)
    #: the passage's kind ("list_item", "paragraph", "heading"), and for a list item the
    #: section's short title and the words that introduced its list ("the partners are"), as
    #: the passages before it left them
    passage_kind: str = ""
    section: str = ""
    list_intro: str = ""
    #: what the language's pipeline knows a word to be (none without a trained pipeline)
    lexicon: Lexicon | None = None
    #: the places the Finnish dictionary knows, for a text in any language (none without it)
    place_names: PlaceNames | None = None
    #: the names of the registry the passage holds
    linked: tuple[Span, ...] = ()
    #: the text of the passages just before and just after it ("News Published:" over a
    #: headline; "Webinar about ..." under a source line)
    before_text: str = ""
    after_text: str = ""


def titled(heading: Iterable[str], *said: str) -> bool:
    """Whether a section's short title or the words introducing a list (``said``) hold one of
    the ``heading`` words as a whole word."""
    return any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
        for text in said
        if text
        for word in heading
    )


@dataclass(frozen=True)
class Sentence:
    """A sentence of a passage: ``text`` is the whole passage, ``start:end`` the sentence."""

    text: str
    start: int
    end: int
    spans: tuple[Span, ...]
    lemmas: frozenset[str]
    language: Language
    passage_kind: str
    #: the sentence as the language's pipeline parsed it (its tokens' offsets are the passage's)
    parse: SpacySpan | None = None
    #: the known places a word of a longer name of the sentence is ("Kokkolan" in "Kokkolan
    #: kaupunki"): no mentions of their own, but what a unit named by its place is named after
    inner: tuple[Span, ...] = ()

    @property
    def words(self) -> str:
        return self.text[self.start : self.end]

    def of_type(self, *types: str) -> list[Span]:
        return [s for s in self.spans if s.type in types]


@dataclass
class State:
    """The document so far: its heading, its list item, and the project last named."""

    heading: str = ""
    item_project: Span | None = None
    item_facts: list[Draft] = field(default_factory=list)
    last_project: Span | None = None
    #: the first project the current passage names: what "it"/"sitä"/"hankkeelle" refer to
    passage_project: Span | None = None
    #: the names of the current passage, in order: what "Se" at a sentence's start refers to
    #: is the first of them of the kind the sentence speaks of
    passage_spans: tuple[Span, ...] = ()
    #: project id -> (start, end) dates stated for it, for the project's own props
    periods: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: project id -> status stated for it
    statuses: dict[str, str] = field(default_factory=dict)
    #: the section's heading as a short title ("consortium", "rahoitus"); empty under a longer
    #: heading or none
    section: str = ""
    #: the words before the colon that introduced the list items that follow ("the partners
    #: are"); empty once another paragraph starts
    list_intro: str = ""
    #: the projects the current section named so far, and the document, by id
    section_projects: dict[str, Span] = field(default_factory=dict)
    document_projects: dict[str, Span] = field(default_factory=dict)
    #: the projects the sentence before named, in the same passage (none at a passage's
    #: start): what "näihin", "these projects" point back to
    previous_projects: tuple[Span, ...] = ()
    #: the sentence before, in the same passage (none at a passage's start)
    previous: Sentence | None = None
    #: the columns of the table the passages are rows of ("project", "role", "funder", ...);
    #: none outside a table
    table: tuple[str, ...] = ()
    #: the funder a paragraph says funds the projects the list after it names, with the
    #: anchors of its sentence ("The Foundation has decided to fund six projects ...")
    list_funder: tuple[Span, tuple[str, ...]] | None = None

    @property
    def page_project(self) -> Span | None:
        """The project a section's list is about: the one its section named, else the one the
        document named so far; none where two are named (precision)."""
        for named in (self.section_projects, self.document_projects):
            if len(named) == 1:
                return next(iter(named.values()))
            if named:
                return None
        return None

    def project_of(self, named: list[Span]) -> Span | None:
        """The project a sentence speaks of: the first it names (``named``), else the
        passage's, else the one the document named last."""
        return named[0] if named else (self.passage_project or self.last_project)

    def passage_first(self, types: tuple[str, ...]) -> Span | None:
        """The first name of ``types`` the current passage gives: the passage's subject."""
        return next((s for s in self.passage_spans if s.type in types), None)

    def new_item(self) -> None:
        self.item_project = None
        self.item_facts = []
