"""The API's response schemas, kept apart from the graph model."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kgraph.query import readonly


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


class Health(BaseModel):
    status: Literal["ok", "degraded"] = Field(
        description="ok, or degraded when Neo4j is unreachable"
    )
    api_version: str = Field(description="The kgraph version serving")
    neo4j: Neo4jHealth = Field(description="The database's state")
    last_load: dict[str, Any] | None = Field(
        default=None, description="The newest completed load: id, time, counts"
    )


class EntityRef(BaseModel):
    id: str = Field(description="The entity's id (<prefix>:<slug>)")
    name: str | None = Field(default=None, description="Its name")
    type: str | None = Field(default=None, description="Its type")


class EvidenceItem(BaseModel):
    doc_id: str = Field(description="The document the evidence is in")
    passage_id: str = Field(description="The passage, <doc_id>:p<NNN>")
    anchor: str | None = Field(
        default=None, description="The words of the passage the fact rests on"
    )
    excerpt: str | None = Field(default=None, description="The passage text around the anchor")


class Fact(BaseModel):
    """A triple with its evidence (stated) or the rule that made it (inferred)."""

    fact_id: str | None = Field(description="subject|PREDICATE|object")
    subject: EntityRef = Field(description="The subject entity")
    predicate: str = Field(description="The relationship kind, e.g. FUNDED_BY")
    object: EntityRef = Field(description="The object entity")
    stated: bool = Field(description="True: a document states it; false: inferred by a rule")
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


class ResolvedName(BaseModel):
    """What one name given in a parameter became (several rows for one name on a tie)."""

    parameter: str = Field(description="The query parameter the name was given in")
    given: str = Field(description="The text as given")
    expected_type: str | None = Field(
        description="The entity type the parameter takes; null when any type will do"
    )
    id: str = Field(description="The entity's id")
    name: str = Field(description="The entity's name")
    type: str = Field(description="The entity's type")
    how: Literal["identifier", "exact", "inflected", "fuzzy"] = Field(
        description="identifier: its id, DOI or acronym; exact: a name or alias; inflected: a "
        "Finnish case form of a name; fuzzy: a close spelling"
    )
    score: float = Field(description="1.0 exact or identifier, 0.95 inflected, below 0.9 fuzzy")
    matched: str = Field(description="The name or form that matched")


RESOLVED_DESCRIPTION = "What each entity name given became, and how it was matched"
WARNINGS_DESCRIPTION = "Things to know before trusting the answer, e.g. a name matched fuzzily"


class Page(BaseModel):
    total: int | None = Field(default=None, description="Matches in all, when counted")
    offset: int = Field(description="Rows skipped")
    limit: int = Field(description="Rows asked for at most")


class FactPage(Page):
    items: list[Fact] = Field(description="The matching facts")
    resolved: list[ResolvedName] = Field(default_factory=list, description=RESOLVED_DESCRIPTION)
    warnings: list[str] = Field(default_factory=list, description=WARNINGS_DESCRIPTION)


class EntitySummary(BaseModel):
    id: str = Field(description="The entity's id (<prefix>:<slug>)")
    type: str = Field(description="Its type (City, Organisation, Project, ...)")
    name: str = Field(description="Its name")
    name_fi: str | None = Field(default=None, description="Its Finnish name")
    name_sv: str | None = Field(default=None, description="Its Swedish name")
    aliases: list[str] = Field(default_factory=list, description="Other names and spellings")


class EntityPage(Page):
    items: list[EntitySummary] = Field(description="The entities of this page, by name")


class EntityDetail(BaseModel):
    id: str = Field(description="The entity's id (<prefix>:<slug>)")
    type: str | None = Field(description="Its type")
    name: str | None = Field(description="Its name")
    name_fi: str | None = Field(default=None, description="Its Finnish name")
    name_sv: str | None = Field(default=None, description="Its Swedish name")
    aliases: list[str] = Field(default_factory=list, description="Other names and spellings")
    props: dict[str, Any] = Field(
        default_factory=dict, description="Its properties (status, dates, DOI, ...)"
    )
    mentions: int = Field(default=0, description="Passages naming it, in any case form")
    mentioned_in_documents: int = Field(default=0, description="Documents naming it")
    facts: list[Fact] = Field(
        default_factory=list, description="Every fact it is subject or object of, with evidence"
    )


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
    resolved: list[ResolvedName] = Field(default_factory=list, description=RESOLVED_DESCRIPTION)
    warnings: list[str] = Field(default_factory=list, description=WARNINGS_DESCRIPTION)


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
    columns: list[str] = Field(description="The result's column names")
    rows: list[dict[str, Any]] = Field(description="The rows, one object per row")
    row_count: int = Field(description="Rows returned")
    truncated: bool = Field(description="True when the row cap cut the result")


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


class SearchPage(BaseModel):
    total: int = Field(description="Matches in all")
    offset: int = Field(description="Rows skipped")
    limit: int = Field(description="Rows asked for at most")
    items: list[SearchHit] = Field(description="The hits of this page")
    resolved: list[ResolvedName] = Field(default_factory=list, description=RESOLVED_DESCRIPTION)
    warnings: list[str] = Field(default_factory=list, description=WARNINGS_DESCRIPTION)


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
