"""The corpus over HTTP: ``/documents``, ``/passages``, ``/coverage``, ``/omissions``."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.models.common import EntityRef, Page
from kgraph.coverage import Coverage


class DocumentInfo(BaseModel):
    """A source document as the manifest describes it, with the hash the load read."""

    id: str = Field(description="The document's id (the corpus file's stem)")
    title: str | None = Field(None, description="Descriptive title, from the manifest")
    language: str | None = Field(None, description="fi or en")
    kind: str | None = Field(None, description="report, web page, news article, ...")
    publisher: str | None = None
    year: int | None = None
    file: str | None = Field(None, description="The file's name in the corpus folder")
    sha256: str | None = Field(None, description="SHA-256 of the raw file as loaded")
    passage_count: int | None = Field(None, description="How many passages cleaning made")


class PassageSummary(BaseModel):
    id: str
    ordinal: int = Field(description="The passage's place in its document, from 0")
    kind: str | None = Field(None, description="paragraph, heading, bullet, caption, ...")
    text: str
    url: str = Field(description="GET this for the passage with what it backs")


class DocumentDetail(DocumentInfo):
    passages: list[PassageSummary] = Field(description="Every passage, in document order")


class MentionRef(EntityRef):
    count: int = Field(description="How many times the passage names the entity")


class PassageFact(BaseModel):
    """A fact whose evidence (stated) or whose premises' evidence (inferred) is this passage."""

    fact_id: str | None
    predicate: str
    stated: bool
    subject: EntityRef
    object: EntityRef
    anchors: list[str] = Field(description="The anchors of the fact found in this passage")


class PropAnchor(BaseModel):
    prop: str = Field(description="The property whose value the passage states")
    anchor: str


class PassageEntity(BaseModel):
    """An entity this passage states, itself (anchors) or by its values (values)."""

    entity: EntityRef
    anchors: list[str] = []
    values: list[PropAnchor] = []


class OddityRef(BaseModel):
    id: str
    kind: str | None = None
    description: str | None = None


class PassageDetail(BaseModel):
    """A passage whole: its text, its document, and everything in the graph that rests on it."""

    id: str
    doc_id: str
    ordinal: int
    kind: str | None = None
    text: str
    start: int | None = Field(None, description="Offset in the document's cleaned text")
    end: int | None = None
    document: DocumentInfo | None = None
    mentions: list[MentionRef] = Field(description="Entities the passage names, most first")
    facts: list[PassageFact] = Field(description="Facts whose evidence is (or rests on) it")
    entities: list[PassageEntity] = Field(description="Entities and values it states")
    oddities: list[OddityRef] = Field(description="Oddities of the sources it evidences")


class PassageHit(PassageSummary):
    doc_id: str
    score: float = Field(description="Lucene's relevance score; higher is better")


class PassagePage(Page[PassageHit]):
    """The passages holding every word asked for, best first."""

    query: str = Field(description="The Lucene query run: each word escaped, with stem prefixes")


class CoverageReport(Coverage):
    """How much of the corpus the graph accounts for, as the newest load measured it."""

    load_id: str
    finished_at: str | None = None


class Omission(BaseModel):
    text: str = Field(description="What the corpus names")
    doc: str | None = Field(None, description="The document it is in, when one is given")
    reason: str = Field(description="Why it is not in the graph")
    where: str = Field(description="The registry file and line that record the decision")


class OmissionList(BaseModel):
    load_id: str
    total: int
    items: list[Omission]
