"""What the review desk needs from the review code, as plain data and one Protocol.

The desk must decide with exactly the code of ``kgraph review`` (``loaders.proposals.review``)
and load with that of ``kgraph load``. The layers forbid ``api`` to import ``loaders`` (they
stand side by side on the core), so the API declares here what it needs, and the CLI layer,
which sits on both, hands an implementation to ``create_app`` (``kgraph_cli.desk``). An app
made without one serves the desk as "not available here" and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from kgraph.db.graph import Graph


@dataclass(frozen=True)
class Piece:
    """A stretch of a passage's text and the proposals (by index) whose anchor covers it."""

    text: str
    marks: tuple[int, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """One passage of the document, cut where anchors begin and end."""

    id: str
    kind: str
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Ref:
    """An entity a proposal names or would link to, and where it stands."""

    id: str
    role: str
    status: Literal["registry", "proposed", "missing"]
    name: str | None = None


@dataclass(frozen=True)
class Curated:
    """A curated entry on the same key, and whether the proposal says the same."""

    relation: Literal["agrees", "differs"]
    where: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Anchor:
    text: str
    passage: str | None


@dataclass(frozen=True)
class Proposal:
    """One proposal as the desk shows it; ``values`` are the fields a reviewer may edit."""

    index: int
    key: str
    kind: Literal["entity", "fact"]
    summary: str
    values: dict[str, Any]
    confidence: float
    rule: str
    anchors: tuple[Anchor, ...]
    refs: tuple[Ref, ...] = ()
    curated: tuple[Curated, ...] = ()
    #: For a new entity: registry entities of its type it may be (a merge), best first.
    candidates: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class DocumentReview:
    """A document's text with its proposals, at one version of the files they live in."""

    doc: str
    title: str
    language: str
    version: str
    paragraphs: tuple[Paragraph, ...]
    proposals: tuple[Proposal, ...]
    rejected: int
    #: Per type of a proposed entity, the registry's entities of that type (what a merge may
    #: name), as (id, name).
    entities: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Waiting:
    """A document with proposals: how many wait, how many were rejected already."""

    doc: str
    title: str
    waiting: int
    rejected: int


@dataclass
class Decisions:
    """A reviewer's decisions, by the key each proposal had when the page was read."""

    accept: list[str] = field(default_factory=list)
    reject: dict[str, str] = field(default_factory=dict)
    edits: dict[str, list[str]] = field(default_factory=dict)
    #: A proposed entity's key -> the registry entity it is the same as.
    merge: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Checked:
    """The decisions are valid; each edited proposal as it would be written, and the new key
    of each proposal whose key the decisions change (a fact naming a merged entity)."""

    edited: dict[str, dict[str, Any]]
    renamed: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Saved:
    accepted: list[str]
    rejected: list[str]
    edited: list[str]
    pending: list[str]
    files: list[str]
    version: str
    merged: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LoadReport:
    """What a load did, in the lines ``kgraph load`` prints."""

    load_id: str
    mode: str
    seconds: float
    lines: list[str]


class ReviewDesk(Protocol):
    """The review code, as the desk uses it. Errors: ``NotFound`` (no such document),
    ``ReviewRefused`` (decisions that cannot be applied), ``ReviewConflict`` (a stale
    version); nothing is written when any is raised."""

    def documents(self) -> list[Waiting]: ...

    def document(self, doc: str) -> DocumentReview: ...

    def check(self, doc: str, version: str, decisions: Decisions) -> Checked: ...

    def save(self, doc: str, version: str, decisions: Decisions) -> Saved: ...

    def load(self, graph: Graph) -> LoadReport: ...
