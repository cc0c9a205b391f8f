"""``/proposals``: what an extractor proposed, waiting for review."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from api.models.common import EvidenceItem
from api.models.facts import Fact


class ProposedEntity(BaseModel):
    """An entity an extractor proposed, not yet reviewed (provenance 'extracted')."""

    id: str
    type: str | None = None
    name: str | None = None
    name_fi: str | None = None
    name_sv: str | None = None
    aliases: list[str] = []
    confidence: float | None = Field(default=None, description="How sure the extractor was")
    rule: str | None = Field(default=None, description="The extractor rule or model")
    evidence: list[EvidenceItem] = Field(default=[], description="Verified anchors, by passage")
    props: dict[str, Any] = {}


class Disagreement(BaseModel):
    """A proposal that curation (or an earlier proposal) overruled: both versions."""

    kind: Literal["entity_differs", "fact_differs", "proposals_differ"]
    key: str = Field(description="The entity id or fact key both speak of")
    doc: str = Field(description="The document whose proposals said otherwise")
    where: str = Field(description="The proposals file and line")
    kept: dict[str, Any] = Field(description="What the graph holds (curation wins)")
    proposed: dict[str, Any] = Field(description="What the proposal said")


class DocumentProposals(BaseModel):
    """One document's proposals waiting for review."""

    loaded: bool | None = Field(
        default=None, description="Whether the latest load included proposals at all"
    )
    load_id: str | None = None
    doc_id: str
    entities: list[ProposedEntity]
    facts: list[Fact] = Field(description="Proposed facts, each with provenance 'extracted'")
    disagreements: list[Disagreement]


class ProposalsAnswer(BaseModel):
    """What waits for review in the latest load, by document."""

    loaded: bool = Field(
        description="False when the latest load left proposals out (KGRAPH_LOAD_PROPOSALS)"
    )
    load_id: str | None = Field(description="The load these proposals came with")
    entities: int
    facts: int
    disagreements: int
    documents: list[DocumentProposals]
