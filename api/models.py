"""The API's response schemas, kept apart from the graph model."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

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


class EntityRef(BaseModel):
    id: str = Field(description="The entity's id (<prefix>:<slug>)")
    name: str | None = Field(default=None, description="Its name")
    type: str | None = Field(default=None, description="Its type")


class EvidenceItem(BaseModel):
    """Where something is stated: a document, the passage in it and the anchor quoted."""

    doc_id: str = Field(description="The document's id (GET /documents/{id})")
    doc_title: str | None = Field(None, description="The document's title, from the manifest")
    doc_kind: str | None = Field(None, description="report, web page, news article, ...")
    passage_id: str = Field(description="The passage that holds the anchor")
    passage_url: str | None = Field(None, description="Where to read the passage whole")
    anchor: str | None = Field(None, description="The phrase the loader found in the passage")
    excerpt: str | None = Field(None, description="The passage around the anchor")


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


ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    """One page of a listing: its rows, and where they stand among all that matched.

    Each listing names its page (``class FactPage(Page[Fact])``), so the OpenAPI schema keeps
    a name a client can read rather than ``Page_Fact_``.
    """

    total: int | None = Field(default=None, description="Matches in all, when counted")
    offset: int = Field(description="Rows skipped")
    limit: int = Field(description="Rows asked for at most")
    items: list[ItemT] = Field(description="The rows of this page, in the listing's order")


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


class LoadChanges(BaseModel):
    """A load run with the keys it added, changed and removed."""

    model_config = {"extra": "allow"}

    id: str = Field(description="The load run's id")
    status: str = Field(description="How the load ended")


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


# -- the corpus over HTTP (/documents, /passages, /coverage, /omissions) ------------------------
class DocumentInfo(BaseModel):
    """A source document as the manifest describes it, with the hash the load read."""

    id: str = Field(description="The document's id (the corpus file's stem)")
    title: str | None = Field(None, description="Descriptive title, from the manifest")
    language: str | None = Field(None, description="fi or en")
    kind: str | None = Field(None, description="report, web page, news article, ...")
    publisher: str | None = None
    year: int | None = None
    file: str | None = Field(None, description="The file's name in the corpus folder")
    sha256: str | None = Field(None, description="SHA-256 of the raw file as loaded")
    passage_count: int | None = Field(None, description="How many passages cleaning made")


class PassageSummary(BaseModel):
    id: str
    ordinal: int = Field(description="The passage's place in its document, from 0")
    kind: str | None = Field(None, description="paragraph, heading, bullet, caption, ...")
    text: str
    url: str = Field(description="GET this for the passage with what it backs")


class DocumentDetail(DocumentInfo):
    passages: list[PassageSummary] = Field(description="Every passage, in document order")


class MentionRef(EntityRef):
    count: int = Field(description="How many times the passage names the entity")


class PassageFact(BaseModel):
    """A fact whose evidence (stated) or whose premises' evidence (inferred) is this passage."""

    fact_id: str | None
    predicate: str
    stated: bool
    subject: EntityRef
    object: EntityRef
    anchors: list[str] = Field(description="The anchors of the fact found in this passage")


class PropAnchor(BaseModel):
    prop: str = Field(description="The property whose value the passage states")
    anchor: str


class PassageEntity(BaseModel):
    """An entity this passage states, itself (anchors) or by its values (values)."""

    entity: EntityRef
    anchors: list[str] = []
    values: list[PropAnchor] = []


class OddityRef(BaseModel):
    id: str
    kind: str | None = None
    description: str | None = None


class PassageDetail(BaseModel):
    """A passage whole: its text, its document, and everything in the graph that rests on it."""

    id: str
    doc_id: str
    ordinal: int
    kind: str | None = None
    text: str
    start: int | None = Field(None, description="Offset in the document's cleaned text")
    end: int | None = None
    document: DocumentInfo | None = None
    mentions: list[MentionRef] = Field(description="Entities the passage names, most first")
    facts: list[PassageFact] = Field(description="Facts whose evidence is (or rests on) it")
    entities: list[PassageEntity] = Field(description="Entities and values it states")
    oddities: list[OddityRef] = Field(description="Oddities of the sources it evidences")


class PassageHit(PassageSummary):
    doc_id: str
    score: float = Field(description="Lucene's relevance score; higher is better")


class PassagePage(Page[PassageHit]):
    """The passages holding every word asked for, best first."""

    query: str = Field(description="The Lucene query run: each word escaped, with stem prefixes")


class CoverageFinding(BaseModel):
    kind: str = Field(description="name, acronym, doi, amount, date_range or year_range")
    text: str = Field(description="What the passage says")
    passage_id: str


class NeverMentioned(BaseModel):
    entity_id: str
    backed: bool = Field(description="True when a fact or an anchor of its own backs it")


class CoverageReport(BaseModel):
    """How much of the corpus the graph accounts for, as the newest load measured it."""

    load_id: str
    finished_at: str | None = None
    ok: bool = Field(description="Nothing unexplained and every document-given value sourced")
    accounted: int = Field(description="Findings the graph accounts for")
    explained_by_omission: list[CoverageFinding] = Field(
        description="Findings left out on purpose (GET /omissions says why)"
    )
    unexplained: list[CoverageFinding] = Field(description="Findings nothing accounts for")
    anchors_verified: int = Field(description="Evidence anchors found in their documents")
    never_mentioned: list[NeverMentioned] = Field(
        description="Entities no passage names by any of their names"
    )
    unsourced_values: list[str] = Field(
        description="entity.prop values a document should give with no evidence or derived mark"
    )


class Omission(BaseModel):
    text: str = Field(description="What the corpus names")
    doc: str | None = Field(None, description="The document it is in, when one is given")
    reason: str = Field(description="Why it is not in the graph")
    where: str = Field(description="The registry file and line that record the decision")


class OmissionList(BaseModel):
    load_id: str
    total: int
    items: list[Omission]


class ProposedEntity(BaseModel):
    """An entity an extractor proposed, not yet reviewed (provenance 'extracted')."""

    id: str
    type: str | None = None
    name: str | None = None
    name_fi: str | None = None
    name_sv: str | None = None
    aliases: list[str] = []
    confidence: float | None = Field(default=None, description="How sure the extractor was")
    rule: str | None = Field(default=None, description="The extractor rule or model")
    evidence: list[EvidenceItem] = Field(default=[], description="Verified anchors, by passage")
    props: dict[str, Any] = {}


class Disagreement(BaseModel):
    """A proposal that curation (or an earlier proposal) overruled: both versions."""

    kind: Literal["entity_differs", "fact_differs", "proposals_differ"]
    key: str = Field(description="The entity id or fact key both speak of")
    doc: str = Field(description="The document whose proposals said otherwise")
    where: str = Field(description="The proposals file and line")
    kept: dict[str, Any] = Field(description="What the graph holds (curation wins)")
    proposed: dict[str, Any] = Field(description="What the proposal said")


class DocumentProposals(BaseModel):
    """One document's proposals waiting for review."""

    loaded: bool | None = Field(
        default=None, description="Whether the latest load included proposals at all"
    )
    load_id: str | None = None
    doc_id: str
    entities: list[ProposedEntity]
    facts: list[Fact] = Field(description="Proposed facts, each with provenance 'extracted'")
    disagreements: list[Disagreement]


class ProposalsAnswer(BaseModel):
    """What waits for review in the latest load, by document."""

    loaded: bool = Field(
        description="False when the latest load left proposals out (KGRAPH_LOAD_PROPOSALS)"
    )
    load_id: str | None = Field(description="The load these proposals came with")
    entities: int
    facts: int
    disagreements: int
    documents: list[DocumentProposals]
