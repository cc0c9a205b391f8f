"""The API's response schemas, kept apart from the graph model."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel


class Neo4jHealth(BaseModel):
    up: bool
    uri: str
    database: str
    version: str | None = None
    edition: str | None = None
    nodes: int | None = None
    relationships: int | None = None
    labels: dict[str, int] = {}
    error: str | None = None


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    api_version: str
    neo4j: Neo4jHealth
    last_load: dict[str, Any] | None = None
