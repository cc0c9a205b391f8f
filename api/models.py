"""The API's response schemas, kept apart from the graph model."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kgraph.query import readonly


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
    up: bool
    uri: str
    database: str
    version: str | None = None
    edition: str | None = None
    nodes: int | None = None
    relationships: int | None = None
    labels: dict[str, int] = {}
    error: str | None = None
    supervisor: SupervisorHealth | None = None


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    api_version: str
    neo4j: Neo4jHealth
    last_load: dict[str, Any] | None = None


class EntityRef(BaseModel):
    id: str
    name: str | None = None
    type: str | None = None


class EvidenceItem(BaseModel):
    doc_id: str
    passage_id: str
    anchor: str | None = None
    excerpt: str | None = None


class Fact(BaseModel):
    """A triple with its evidence (stated) or the rule that made it (inferred)."""

    fact_id: str | None
    subject: EntityRef
    predicate: str
    object: EntityRef
    stated: bool
    rule: str | None = None
    derived_from: list[str] = []
    premise_passages: list[str] = []
    valid_from: str | None = None
    valid_to: str | None = None
    props: dict[str, Any] = {}
    evidence: list[EvidenceItem] = []


class Page(BaseModel):
    total: int | None = None
    offset: int
    limit: int


class FactPage(Page):
    items: list[Fact]


class EntitySummary(BaseModel):
    id: str
    type: str
    name: str
    name_fi: str | None = None
    name_sv: str | None = None
    aliases: list[str] = []


class EntityPage(Page):
    items: list[EntitySummary]


class EntityDetail(BaseModel):
    id: str
    type: str | None
    name: str | None
    name_fi: str | None = None
    name_sv: str | None = None
    aliases: list[str] = []
    props: dict[str, Any] = {}
    mentions: int = 0
    mentioned_in_documents: int = 0
    facts: list[Fact] = []


class QuestionParam(BaseModel):
    name: str
    type: str
    description: str
    default: str | int | None = None
    required: bool = False


class QuestionInfo(BaseModel):
    name: str
    title: str
    description: str
    params: list[QuestionParam]
    cypher: str
    tags: list[str] = []


class QuestionAnswer(BaseModel):
    question: QuestionInfo
    params: dict[str, Any]
    rows: list[dict[str, Any]]
    row_count: int
    truncated: bool = Field(
        default=False, description="True when more rows exist than the row cap let through"
    )


class LoadRun(BaseModel):
    """One completed load: its inputs' hashes and what it counted (GET /loads)."""

    model_config = {"extra": "allow"}

    id: str = Field(description="The load run's id")
    status: str = Field(description="How the load ended")
    started_at: str | None = Field(default=None, description="When it started (ISO 8601)")
    finished_at: str | None = Field(default=None, description="When it committed (ISO 8601)")


class PathsAnswer(BaseModel):
    """The shortest connections between two entities, each hop with its evidence."""

    model_config = {"populate_by_name": True}

    from_: list[str] = Field(alias="from", description="The ids the 'from' name resolved to")
    to: list[str] = Field(description="The ids the 'to' name resolved to")
    paths: list[dict[str, Any]] = Field(
        description="Each path: its nodes in order and its hops (facts) with their evidence"
    )


class CentralityAnswer(BaseModel):
    """The most central entities of one projection by one metric."""

    metric: str = Field(description="The centrality measure (networkx)")
    projection: str = Field(description="The network ranked: full, organisations, cities, ...")
    type: str | None = Field(description="Only entities of this type were ranked, when given")
    items: list[dict[str, Any]] = Field(description="Entities, most central first, with scores")


class LoadChanges(BaseModel):
    """A load run with the keys it added, changed and removed."""

    model_config = {"extra": "allow"}

    id: str = Field(description="The load run's id")
    status: str = Field(description="How the load ended")


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=readonly.MAX_QUERY_CHARS)
    params: dict[str, Any] = Field(default_factory=dict)


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]
    row_count: int
    truncated: bool


class Match(EntitySummary):
    """An entity a surface form may denote, with how it matched."""

    score: float
    matched: str
    how: str


class SearchHit(BaseModel):
    id: str
    type: str
    name: str
    status: str | None = None
    because: dict[str, list[dict[str, Any]]]


class SearchPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[SearchHit]


class Problem(BaseModel):
    """An error answer: RFC 9457 problem details, with kgraph's extension members."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(
        "about:blank",
        description="URI naming the kind of problem: urn:kgraph:error:<Class>, or about:blank",
    )
    title: str = Field(description="Short summary of the kind of problem; the same every time")
    status: int = Field(description="The HTTP status code of this answer")
    detail: str = Field(description="What went wrong this time, for a person to read")
    instance: str = Field(description="The path of the request that had the problem")
    error: str = Field(description="The kgraph error class, or the kind of HTTP error")
    suggestions: list[str] | None = Field(
        None, description="Close names or ids, when the thing asked for does not exist"
    )
    errors: list[dict[str, Any]] | None = Field(
        None, description="Each invalid request field and why, for a 422 validation error"
    )
