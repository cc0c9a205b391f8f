"""The coverage report's one shape: what the loaders measure, a LoadRun records, ``kgraph
coverage`` prints and ``GET /coverage`` answers.

A *finding* is something a passage names (a name, an acronym, a DOI, a sum, a period); the
report says which the graph accounts for, which the registry leaves out on purpose and which
nothing explains, and which entities no passage names.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass

FindingKind = Literal["name", "acronym", "doi", "amount", "date_range", "year_range"]


@dataclass(frozen=True)
class Finding:
    """Something a passage names, as the coverage scan read it."""

    kind: Annotated[FindingKind, Field(description="What was found")]
    text: Annotated[str, Field(description="What the passage says")]
    passage_id: str


class NeverMentioned(BaseModel):
    """An entity no passage names by any of its names."""

    model_config = ConfigDict(frozen=True)

    entity_id: str
    backed: bool = Field(description="True when a fact or an anchor of its own backs it")


class Coverage(BaseModel):
    """How much of the corpus the graph accounts for."""

    ok: bool = Field(description="Nothing unexplained and every document-given value sourced")
    accounted: int = Field(default=0, description="Findings the graph accounts for")
    explained_by_omission: list[Finding] = Field(
        default_factory=list, description="Findings left out on purpose (GET /omissions says why)"
    )
    unexplained: list[Finding] = Field(
        default_factory=list, description="Findings nothing accounts for"
    )
    anchors_verified: int = Field(
        default=0, description="Evidence anchors found in their documents"
    )
    never_mentioned: list[NeverMentioned] = Field(
        default_factory=list, description="Entities no passage names by any of their names"
    )
    unsourced_values: list[str] = Field(
        default_factory=list,
        description="entity.prop values a document should give with no evidence or derived mark",
    )

    @property
    def silent(self) -> list[str]:
        """Entities never named that nothing else backs either."""
        return [e.entity_id for e in self.never_mentioned if not e.backed]
