"""``/health``: the API, Neo4j, the managed server's supervisor and the newest load."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class SupervisorHealth(BaseModel):
    """The managed server's supervisor: how often it started Neo4j again, and why."""

    supervised: bool = Field(description="A supervisor process is watching the server now")
    restarts: int = Field(description="Restarts since the supervisor started")
    last_reason: str | None = Field(
        default=None, description="Why the server last exited unasked (signal, exit status)"
    )
    last_exit_at: str | None = Field(default=None, description="When, in UTC (ISO 8601)")
    gave_up: bool = Field(description="It exited too often right after starting: not restarted")


class Neo4jHealth(BaseModel):
    up: bool = Field(description="Whether Neo4j answered")
    uri: str = Field(description="The Bolt address the API uses")
    database: str = Field(description="The database the API reads")
    version: str | None = Field(default=None, description="Neo4j's version")
    edition: str | None = Field(default=None, description="community or enterprise")
    nodes: int | None = Field(default=None, description="Nodes in the graph")
    relationships: int | None = Field(default=None, description="Relationships in the graph")
    labels: dict[str, int] = Field(default_factory=dict, description="Nodes per label")
    error: str | None = Field(default=None, description="Why Neo4j did not answer, when it did not")
    supervisor: SupervisorHealth | None = Field(
        default=None, description="The managed server's supervisor, when kgraph manages Neo4j"
    )


class Health(BaseModel):
    status: Literal["ok", "degraded"] = Field(
        description="ok, or degraded when Neo4j is unreachable"
    )
    api_version: str = Field(description="The kgraph version serving")
    neo4j: Neo4jHealth = Field(description="The database's state")
    last_load: dict[str, Any] | None = Field(
        default=None, description="The newest completed load: id, time, counts"
    )
