"""``/facts``: triples with their evidence or their rule."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from api.models.common import (
    RESOLVED_DESCRIPTION,
    WARNINGS_DESCRIPTION,
    EntityRef,
    EvidenceItem,
    Page,
    ResolvedName,
)


class Fact(BaseModel):
    """A triple with its evidence (stated) or the rule that made it (inferred)."""

    fact_id: str | None = Field(description="subject|PREDICATE|object")
    subject: EntityRef = Field(description="The subject entity")
    predicate: str = Field(description="The relationship kind, e.g. FUNDED_BY")
    object: EntityRef = Field(description="The object entity")
    stated: bool = Field(description="Stated in a document (curated or extracted), not inferred")
    provenance: Literal["curated", "extracted", "inferred"] = Field(
        description="curated: the registry; extracted: an unreviewed proposal; inferred: a rule"
    )
    confidence: float | None = Field(
        default=None, description="How sure the extractor was (extracted facts only)"
    )
    rule: str | None = Field(
        default=None, description="For an inferred fact, the rule that made it"
    )
    derived_from: list[str] = Field(
        default_factory=list, description="For an inferred fact, the facts it was inferred from"
    )
    premise_passages: list[str] = Field(
        default_factory=list, description="For an inferred fact, the passages behind its premises"
    )
    valid_from: str | None = Field(
        default=None, description="Start of validity (ISO date), when the sources give one"
    )
    valid_to: str | None = Field(default=None, description="End of validity (ISO date), when given")
    props: dict[str, Any] = Field(
        default_factory=dict,
        description="The fact's other properties (role, amount_eur, programme, ...)",
    )
    evidence: list[EvidenceItem] = Field(
        default_factory=list, description="The passages stating it"
    )


class AsOf(BaseModel):
    """What an ``as_of`` filter did, undated facts included."""

    date: str = Field(description="The date asked for (ISO)")
    undated: Literal["include", "exclude"] = Field(
        description="Whether facts the sources give no period count as valid on the date"
    )
    undated_matched: int = Field(description="How many of the matching facts are undated")
    note: str = Field(description="The rule, in words")


class FactPage(Page[Fact]):
    """The matching facts, sorted by subject, predicate and object."""

    as_of: AsOf | None = Field(None, description="Set when the answer is filtered by as_of")
    resolved: list[ResolvedName] = Field(default_factory=list, description=RESOLVED_DESCRIPTION)
    warnings: list[str] = Field(default_factory=list, description=WARNINGS_DESCRIPTION)
