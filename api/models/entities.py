"""``/entities``, ``/resolve`` and ``/search``: entities, what a name may denote, hits."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from api.models.common import (
    RESOLVED_DESCRIPTION,
    WARNINGS_DESCRIPTION,
    EvidenceItem,
    Page,
    ResolvedName,
)
from api.models.facts import Fact


class EntitySummary(BaseModel):
    id: str = Field(description="The entity's id (<prefix>:<slug>)")
    type: str = Field(description="Its type (City, Organisation, Project, ...)")
    name: str = Field(description="Its name")
    name_fi: str | None = Field(default=None, description="Its Finnish name")
    name_sv: str | None = Field(default=None, description="Its Swedish name")
    aliases: list[str] = Field(default_factory=list, description="Other names and spellings")


class EntityPage(Page[EntitySummary]):
    """The entities of this page, by name."""


class EntityDetail(BaseModel):
    id: str = Field(description="The entity's id (<prefix>:<slug>)")
    type: str | None = Field(description="Its type")
    name: str | None = Field(description="Its name")
    name_fi: str | None = Field(default=None, description="Its Finnish name")
    name_sv: str | None = Field(default=None, description="Its Swedish name")
    aliases: list[str] = Field(default_factory=list, description="Other names and spellings")
    provenance: Literal["curated", "extracted"] = Field(
        default="curated", description="curated: the registry; extracted: an unreviewed proposal"
    )
    props: dict[str, Any] = Field(
        default_factory=dict, description="Its properties (status, dates, DOI, ...)"
    )
    mentions: int = Field(default=0, description="Passages naming it, in any case form")
    mentioned_in_documents: int = Field(default=0, description="Documents naming it")
    evidence: list[EvidenceItem] = Field(
        default=[], description="Where the entity itself is stated (for entities no fact names)"
    )
    props_evidence: dict[str, list[EvidenceItem]] = Field(
        default={}, description="For each property a document gives: where it says so"
    )
    derived: list[str] = Field(
        default=[],
        description="Properties the curator reasoned rather than read; <prop>_note says how",
    )
    facts: list[Fact] = Field(
        default_factory=list, description="Every fact it is subject or object of, with evidence"
    )


class Match(EntitySummary):
    """An entity a surface form may denote, with how it matched."""

    score: float = Field(description="1.0 exact or identifier, 0.95 inflected, below 0.9 fuzzy")
    matched: str = Field(description="The name or form that matched")
    how: str = Field(description="identifier, exact, inflected or fuzzy")


class SearchHit(BaseModel):
    id: str = Field(description="The entity's id")
    type: str = Field(description="City, Organisation or Project")
    name: str = Field(description="Its name")
    status: str | None = Field(default=None, description="A project's status")
    because: dict[str, list[dict[str, Any]]] = Field(
        description="Per filter, the facts that make it match"
    )


class SearchPage(Page[SearchHit]):
    """The hits of this page, each with the facts that make it match."""

    total: int = Field(description="Matches in all")
    resolved: list[ResolvedName] = Field(default_factory=list, description=RESOLVED_DESCRIPTION)
    warnings: list[str] = Field(default_factory=list, description=WARNINGS_DESCRIPTION)
