"""``/questions`` and ``/cypher``: the catalogue's named questions and read-only Cypher."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from api.models.common import RESOLVED_DESCRIPTION, WARNINGS_DESCRIPTION, ResolvedName
from kgraph.query import readonly


class QuestionParam(BaseModel):
    """One parameter of a catalogue question."""

    name: str = Field(description="The query parameter's name")
    type: str = Field(description="string, entity (an id or any name), date (ISO) or int")
    description: str = Field(description="What the parameter means")
    entity_type: str | None = Field(
        default=None, description="For an entity: the type a name is resolved as; null: any"
    )
    enum: list[str] | None = Field(default=None, description="The only values allowed, if any")
    default: str | int | None = Field(default=None, description="Used when it is not given")
    example: str | int | None = Field(
        default=None, description="A value that answers with rows on the corpus"
    )
    required: bool = Field(default=False, description="Whether the question needs it")


class QuestionInfo(BaseModel):
    name: str = Field(description="The question's name (its operation is GET /questions/<name>)")
    title: str = Field(description="The question in words")
    description: str = Field(description="What it answers and how")
    params: list[QuestionParam] = Field(description="Its parameters")
    cypher: str = Field(description="The Cypher it runs")
    tags: list[str] = Field(default_factory=list, description="Topics, for browsing")


class QuestionAnswer(BaseModel):
    question: QuestionInfo = Field(description="The question asked")
    params: dict[str, Any] = Field(description="The parameters as run (names resolved to ids)")
    rows: list[dict[str, Any]] = Field(
        description="The answer's rows; evidence lists become passages with excerpts"
    )
    row_count: int = Field(description="Rows returned")
    truncated: bool = Field(
        default=False, description="True when more rows exist than the row cap let through"
    )
    resolved: list[ResolvedName] = Field(default_factory=list, description=RESOLVED_DESCRIPTION)
    warnings: list[str] = Field(default_factory=list, description=WARNINGS_DESCRIPTION)


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=readonly.MAX_QUERY_CHARS)
    params: dict[str, Any] = Field(default_factory=dict)


class CypherWarning(BaseModel):
    """A notification Neo4j gave about the query (an unknown label, a deprecated form...)."""

    code: str = Field(description="The GQL status code, e.g. 01N50 for a label that does not exist")
    description: str = Field(description="What Neo4j says, for a person to read")
    severity: str | None = Field(None, description="WARNING or INFORMATION")
    classification: str | None = Field(None, description="UNRECOGNIZED, DEPRECATION, ...")
    position: dict[str, int] | None = Field(
        None, description="Where in the query: line, column (from 1) and offset (from 0)"
    )


class CypherResponse(BaseModel):
    """Rows of a read-only query. Nodes come as {element_id, labels, properties},
    relationships as {element_id, type, start, end, properties} (start and end are element
    ids), paths as {nodes, relationships}; temporal values as ISO 8601 strings."""

    columns: list[str] = Field(description="The query's columns, in order")
    rows: list[dict[str, Any]] = Field(description="One object per row, keyed by column")
    row_count: int = Field(description="How many rows are in this answer")
    truncated: bool = Field(description="True when a cap cut the answer short")
    truncated_reason: str | None = Field(
        None, description="Which caps cut it: rows, bytes, list items or nesting"
    )
    warnings: list[CypherWarning] = Field(
        default_factory=list, description="Neo4j's notifications about the query"
    )
