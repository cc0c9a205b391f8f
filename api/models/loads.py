"""``/loads``: the load history and what the latest load changed."""

from __future__ import annotations

from pydantic import BaseModel, Field


class LoadRun(BaseModel):
    """One completed load: its inputs' hashes and what it counted (GET /loads)."""

    model_config = {"extra": "allow"}

    id: str = Field(description="The load run's id")
    status: str = Field(description="How the load ended")
    started_at: str | None = Field(default=None, description="When it started (ISO 8601)")
    finished_at: str | None = Field(default=None, description="When it committed (ISO 8601)")


class LoadChanges(BaseModel):
    """A load run with the keys it added, changed and removed."""

    model_config = {"extra": "allow"}

    id: str = Field(description="The load run's id")
    status: str = Field(description="How the load ended")
