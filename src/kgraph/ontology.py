"""The ontology as pydantic types: what the curated registry may say, validated before writing.

Node kinds are ``EntityType``; relationship kinds are ``PREDICATES``. Each entity id is
``<prefix>:<slug>``, chosen by a person and written in the registry, so it stays stable
when a name changes and two things that share a name get different ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

EntityType = Literal[
    "City",
    "Country",
    "Region",
    "Organisation",
    "IndustrialPark",
    "Person",
    "Project",
    "FundingProgramme",
    "Network",
    "ValueChainStage",
    "Topic",
    "Strategy",
    "Publication",
    "Event",
    "Ranking",
]

#: The id prefix each type must use.
ID_PREFIX: dict[str, str] = {
    "City": "city",
    "Country": "country",
    "Region": "region",
    "Organisation": "org",
    "IndustrialPark": "park",
    "Person": "person",
    "Project": "project",
    "FundingProgramme": "programme",
    "Network": "network",
    "ValueChainStage": "stage",
    "Topic": "topic",
    "Strategy": "strategy",
    "Publication": "pub",
    "Event": "event",
    "Ranking": "ranking",
}

#: Relationship kinds and what they mean (subject -> object).
PREDICATES: dict[str, str] = {
    "LOCATED_IN": "an organisation, park or city lies in a city, region or country",
    "PART_OF": "a part of a larger whole (city in region, work package in project, ...)",
    "MEMBER_OF": "an organisation, city or park is a member of a network",
    "SPECIALISES_IN": "a city or organisation specialises in a topic",
    "COVERS_STAGE": "a city, organisation or project works on a value-chain stage",
    "PARTICIPATES_IN": "an organisation or city takes part in a project (role)",
    "FUNDED_BY": "a project is funded by a funder (amount_eur, programme)",
    "PART_OF_PROGRAMME": "a project or initiative belongs to a funding programme",
    "AFFILIATED_WITH": "a person works at an organisation (title)",
    "AUTHORED": "a person authored a publication (position)",
    "ADDRESSES_TOPIC": "a project, publication, network, strategy or event addresses a topic",
    "BASED_ON": "a project is based on a strategy",
    "SUPPORTS_STRATEGY": "a project supports a strategy or programme document",
    "ORGANISED": "an organisation organised an event",
    "SPOKE_AT": "a person spoke at an event",
    "RANKED_IN": "a country is placed in a ranking",
    "PUBLISHED": "an organisation published a report or publication",
    "VISITED": "a delegation or network visited a place",
    "PREPARED": "an organisation prepared a project",
    "COLLABORATES_WITH": "two organisations work together",
    "COORDINATES": "an organisation coordinates a network, project or activity",
    "RELATED_TO": "a stated link that no narrower kind fits",
}

#: A document's language, as ISO 639-1: the manifest, ingest, the matcher and the extractor
#: accept these and no other (a Swedish document needs its rules and names first).
Language = Literal["fi", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)


def fact_key(s: str, p: str, o: str, rule: str | None = None) -> str:
    """A fact's key: ``subject|predicate|object``, and ``|rule`` for an inferred fact."""
    return f"{s}|{p}|{o}" if rule is None else f"{s}|{p}|{o}|{rule}"


#: Where a fact comes from: the curated registry, an extractor's unreviewed proposal, or a rule.
Provenance = Literal["curated", "extracted", "inferred"]
PROVENANCE_PROP = "provenance"
PROVENANCES: tuple[str, ...] = get_args(Provenance)
#: What an extracted entity or fact carries besides its provenance: how sure the extractor
#: was and which rule or model proposed it. Accepting it into the registry drops them.
CONFIDENCE_PROP = "confidence"
EXTRACTION_RULE_PROP = "extraction_rule"
EXTRACTION_PROPS = (PROVENANCE_PROP, CONFIDENCE_PROP, EXTRACTION_RULE_PROP)

ProjectStatus = Literal["prepared", "funded", "ongoing", "ended"]
OrganisationKind = Literal[
    "university",
    "university_of_applied_sciences",
    "research_institute",
    "company",
    "city_government",
    "development_agency",
    "funder",
    "education_provider",
    "association",
    "media",
    "government",
    "other",
]

EntityId = Annotated[str, StringConstraints(pattern=r"^[a-z]+:[a-z0-9][a-z0-9._+-]*$")]
DocId = Annotated[str, StringConstraints(min_length=1)]
Scalar = str | int | float | bool | None
PropValue = Scalar | list[str] | list[int]

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_STATUSES: tuple[str, ...] = get_args(ProjectStatus)
_ORG_KINDS: tuple[str, ...] = get_args(OrganisationKind)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(Strict):
    """Where a fact is stated: a document and a short phrase that occurs in its cleaned text."""

    doc: DocId
    anchor: Annotated[str, StringConstraints(min_length=3, strip_whitespace=True)]


class EntitySpec(Strict):
    """A node of the curated registry."""

    id: EntityId
    type: EntityType
    name: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
    name_fi: str | None = None
    name_sv: str | None = None
    aliases: list[str] = Field(default_factory=list)
    props: dict[str, PropValue] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)
    #: Where a property's value is stated: ``{start: [{doc, anchor}], ...}``, verified like facts.
    props_evidence: dict[str, list[Evidence]] = Field(default_factory=dict)
    #: Properties whose value the curator reasoned rather than read (the ``<prop>_note`` says how).
    derived: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> EntitySpec:
        prefix = self.id.split(":", 1)[0]
        if ID_PREFIX[self.type] != prefix:
            raise ValueError(
                f"id '{self.id}' of a {self.type} must start with '{ID_PREFIX[self.type]}:'"
            )
        _check_props(self.type, self.props)
        _check_sources(self.props, self.props_evidence, self.derived)
        return self

    def unsourced(self) -> list[str]:
        """Properties a document should give (``SOURCED_PROPS``) with neither evidence nor a
        ``derived`` mark: values whose origin an answer could not name."""
        wanted = SOURCED_PROPS.get(self.type, frozenset())
        return sorted(
            key for key in self.props
            if key in wanted and key not in self.props_evidence and key not in self.derived
        )  # fmt: skip

    def all_names(self) -> list[str]:
        """Every surface form in base form: English, Finnish, Swedish and aliases, deduplicated."""
        return names_of(self.name, self.name_fi, self.name_sv, self.aliases)


def names_of(
    name: str | None, name_fi: str | None, name_sv: str | None, aliases: Iterable[str]
) -> list[str]:
    """An entity's names in order (English, Finnish, Swedish, aliases), blanks and repeats out.

    The one rule for a registry entity and for an entity read back from the graph.
    """
    return list(dict.fromkeys(n for n in [name, name_fi, name_sv, *aliases] if n))


def _iso(value: Any, field: str) -> None:
    if not isinstance(value, str):
        raise ValueError(f"props.{field} must be an ISO date string 'YYYY-MM-DD'")
    try:
        dt.date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"props.{field} '{value}' is not a date 'YYYY-MM-DD'") from error


#: How a fact relationship carries its evidence: three parallel lists (the document, passage
#: and anchor of each item) for a stated fact, the premises' passages for an inferred one.
EVIDENCE_DOCS = "evidence_docs"
EVIDENCE_PASSAGES = "evidence_passages"
EVIDENCE_ANCHORS = "evidence_anchors"
PREMISE_PASSAGES = "premise_passages"
EVIDENCE_PROPS = (EVIDENCE_DOCS, EVIDENCE_PASSAGES, EVIDENCE_ANCHORS, PREMISE_PASSAGES)

#: How a node carries the evidence of its property values: four parallel lists, one item per
#: anchor (the property it backs, its document, passage and anchor), and the properties the
#: curator reasoned (``derived``). One set of lists per node, so any number of properties fit.
PROP_EVIDENCE_KEYS = "prop_evidence_keys"
PROP_EVIDENCE_DOCS = "prop_evidence_docs"
PROP_EVIDENCE_PASSAGES = "prop_evidence_passages"
PROP_EVIDENCE_ANCHORS = "prop_evidence_anchors"
DERIVED_PROPS = "derived_props"
PROP_SOURCE_PROPS = (PROP_EVIDENCE_KEYS, PROP_EVIDENCE_DOCS, PROP_EVIDENCE_PASSAGES,
                     PROP_EVIDENCE_ANCHORS, DERIVED_PROPS)  # fmt: skip

#: Per entity type, the properties whose values come from the documents: each should carry
#: evidence (``props_evidence``) or be marked ``derived``. ``EntitySpec.unsourced`` lists those
#: that do neither; the registry's own test keeps that list empty for the corpus.
SOURCED_PROPS: dict[str, frozenset[str]] = {
    "Project": frozenset({"start", "end", "start_year", "end_year", "status", "budget_eur",
                          "grant_eur", "acronym"}),
    "Publication": frozenset({"title", "doi", "year", "date", "venue"}),
}  # fmt: skip

#: Properties the loader sets itself; the registry's props may not override them.
RESERVED_PROPS = frozenset(
    {"id", "type", "name", "name_fi", "name_sv", "aliases", "aliases_text", "fact_id", "stated",
     "rule", "derived_from", "valid_from", "valid_to", "identity_notes", *EVIDENCE_PROPS,
     *PROP_SOURCE_PROPS, *EXTRACTION_PROPS}
)  # fmt: skip
_PROP_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _check_props(kind: str, props: dict[str, PropValue]) -> None:
    """Type-specific property rules."""
    for key in props:
        if not _PROP_NAME.match(key) or key in RESERVED_PROPS:
            raise ValueError(f"props.{key} is not allowed (reserved, or not snake_case)")
    for key in ("budget_eur", "grant_eur", "amount_eur"):
        value = props.get(key)
        if value is not None and (not isinstance(value, int | float) or value < 0):
            raise ValueError(f"props.{key} must be a non-negative number of euros, got {value!r}")
    for key in ("start", "end", "date"):
        if props.get(key) is not None:
            _iso(props[key], key)
    start, end = props.get("start"), props.get("end")
    if isinstance(start, str) and isinstance(end, str) and end < start:
        raise ValueError(f"props.end {end} is before props.start {start}")
    status = props.get("status")
    if kind == "Project" and status is not None and status not in _STATUSES:
        raise ValueError(f"props.status '{status}' is not one of {', '.join(_STATUSES)}")
    org_kind = props.get("kind")
    if kind == "Organisation" and org_kind not in _ORG_KINDS:
        raise ValueError(f"props.kind '{org_kind}' is not one of {', '.join(_ORG_KINDS)}")
    doi = props.get("doi")
    if kind == "Publication" and doi is not None and not (isinstance(doi, str) and _DOI.match(doi)):
        raise ValueError(f"props.doi '{doi}' is not a DOI (10.xxxx/...)")


def _check_sources(
    props: dict[str, PropValue], evidence: dict[str, list[Evidence]], derived: list[str]
) -> None:
    """Evidence and ``derived`` marks name properties the entity has."""
    for key, items in evidence.items():
        if key not in props:
            raise ValueError(f"props_evidence.{key} backs a property the entity does not have")
        if not items:
            raise ValueError(f"props_evidence.{key} lists no evidence")
    for key in derived:
        if key not in props:
            raise ValueError(f"derived names '{key}', a property the entity does not have")
        if not props.get(f"{key}_note"):
            raise ValueError(f"derived names '{key}': give the reasoning in props.{key}_note")


class FactSpec(Strict):
    """A stated relationship between two entities, with its evidence."""

    id: str | None = None
    s: EntityId
    p: str
    o: EntityId
    props: dict[str, PropValue] = Field(default_factory=dict)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    evidence: list[Evidence] = Field(min_length=1)

    @field_validator("p")
    @classmethod
    def _known_predicate(cls, value: str) -> str:
        if value not in PREDICATES:
            raise ValueError(f"unknown predicate '{value}' (known: {', '.join(PREDICATES)})")
        return value

    @model_validator(mode="after")
    def _check(self) -> FactSpec:
        if self.s == self.o:
            raise ValueError(f"subject and object are the same entity '{self.s}'")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        _check_props("fact", self.props)
        return self

    @property
    def key(self) -> str:
        """The fact's stable id: given, or subject|predicate|object."""
        return self.id or fact_key(self.s, self.p, self.o)


class IdentityDecision(Strict):
    """A person's decision that names denote one entity, or that entities are distinct."""

    same: list[EntityId] | None = None
    distinct: list[EntityId] | None = None
    names: list[str] = Field(default_factory=list)
    reason: Annotated[str, StringConstraints(min_length=3)]

    @model_validator(mode="after")
    def _one_kind(self) -> IdentityDecision:
        if (self.same is None) == (self.distinct is None):
            raise ValueError("give exactly one of 'same' or 'distinct'")
        if self.distinct is not None and len(set(self.distinct)) < 2:
            raise ValueError("'distinct' needs at least two different ids")
        return self


OddityKind = Literal[
    "count_mismatch", "spelling_variant", "date_inconsistency", "missing_content", "other"
]


class OdditySpec(Strict):
    """A contradiction or oddity of the sources, recorded rather than resolved."""

    id: Annotated[str, StringConstraints(pattern=r"^odd:[a-z0-9][a-z0-9._-]*$")]
    kind: OddityKind
    description: Annotated[str, StringConstraints(min_length=3)]
    subjects: list[EntityId] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1)


class OmissionSpec(Strict):
    """Something the corpus names that is deliberately left out of the graph, and why."""

    text: Annotated[str, StringConstraints(min_length=1)]
    doc: DocId | None = None
    reason: Annotated[str, StringConstraints(min_length=3)]
