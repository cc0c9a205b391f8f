"""``/paths`` and ``/analytics``: connections between entities and centrality."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from api.models.common import RESOLVED_DESCRIPTION, WARNINGS_DESCRIPTION, ResolvedName


class PathsAnswer(BaseModel):
    """The shortest connections between two entities, each hop with its evidence."""

    model_config = {"populate_by_name": True}

    from_: list[str] = Field(alias="from", description="The ids the 'from' name resolved to")
    to: list[str] = Field(description="The ids the 'to' name resolved to")
    paths: list[dict[str, Any]] = Field(
        description="Each path: its nodes in order and its hops (facts) with their evidence"
    )
    resolved: list[ResolvedName] = Field(default_factory=list, description=RESOLVED_DESCRIPTION)
    warnings: list[str] = Field(default_factory=list, description=WARNINGS_DESCRIPTION)


class CentralityAnswer(BaseModel):
    """The most central entities of one projection by one metric."""

    metric: str = Field(description="The centrality measure (networkx)")
    projection: str = Field(description="The network ranked: full, organisations, cities, ...")
    type: str | None = Field(description="Only entities of this type were ranked, when given")
    stated_only: bool = Field(
        default=False, description="True when inferred facts were left out of the network"
    )
    weighted: bool = Field(default=False, description="Whether the metric used the links' weights")
    weight: str | None = Field(
        default=None,
        description="The weight used: 'newman' (Newman's collaboration weight, the sum over "
        "shared projects or publications of 1 / (members - 1)), or null when unweighted",
    )
    weight_as: Literal["strength", "distance"] | None = Field(
        default=None,
        description="How the metric used it: as a tie's strength, or shortest paths over "
        "distance = 1 / weight",
    )
    weighting: str = Field(default="", description="The same, in a sentence")
    nodes: int = Field(default=0, description="Nodes in the network ranked")
    edges: int = Field(default=0, description="Links in the network ranked")
    items: list[dict[str, Any]] = Field(description="Entities, most central first, with scores")
