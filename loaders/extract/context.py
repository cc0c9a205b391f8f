"""What the rules read: a sentence with its spans and lemmas, and what the document said
before it (the heading it stands under, the project of the list item it belongs to)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kgraph.ontology import Language
from loaders.extract.drafts import Draft
from loaders.extract.spans import Span


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
    #: project id -> (start, end) dates stated for it, for the project's own props
    periods: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: project id -> status stated for it
    statuses: dict[str, str] = field(default_factory=dict)

    def new_item(self) -> None:
        self.item_project = None
        self.item_facts = []
