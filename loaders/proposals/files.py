"""Proposals: entities and facts an extractor read from one document, waiting for review.

One YAML file per document, ``<proposals folder>/<doc id>.yaml``, in the registry's shapes
(``EntitySpec``, ``FactSpec``) plus how sure the extractor was and which rule or model proposed
each item. A proposal is *extracted* provenance until a person accepts it into the registry,
where it becomes *curated*; a rejection is kept in the same file with its reason so the
extractor does not propose it again.

Layout::

    doc: 005_1a2b3c4d5e6f7a8b         # the manifest's document id
    doc_sha256: "..."                 # the text the proposals were read from
    extractor: {name: kgraph-extract, version: "1", models: ["spacy-fi-experimental-web-md 0.15.0"]}
    entities:                         # new entities (not yet in the registry)
      - {id: org:..., type: Organisation, name: ..., name_fi: ..., aliases: [...],
         props: {...}, evidence: [{doc, anchor}], confidence: 0.9, rule: ner-org-head}
    links:                            # spans linked to entities the registry already has
      - {span: "Vaasan yliopistolle", entity: org:univ-vaasa, passage: p0012, how: inflected}
    facts:
      - {s: ..., p: FUNDED_BY, o: ..., props: {amount_eur: 13400000}, valid_from: ...,
         valid_to: ..., evidence: [{doc, anchor}], confidence: 0.85, rule: funder-amount-fi}
    rejected:                         # decisions of review: never proposed again
      - {key: "project:x|FUNDED_BY|org:y", reason: "...", at: "2026-12-01"}
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field, StringConstraints, ValidationError

from kgraph.errors import RegistryError
from kgraph.ontology import DocId, EntityId, EntitySpec, FactSpec, Strict
from loaders.extract.spans import LinkHow

Confidence = Annotated[float, Field(ge=0.0, le=1.0)]
Rule = Annotated[str, StringConstraints(min_length=1)]


class ProposedEntity(EntitySpec):
    """A new entity: the registry's shape, with the extractor's confidence and rule."""

    confidence: Confidence
    rule: Rule


class ProposedFact(FactSpec):
    """A fact: the registry's shape (evidence required), with confidence and rule."""

    confidence: Confidence
    rule: Rule


class Link(Strict):
    """A span of the document that names an entity the registry already holds."""

    span: str
    entity: EntityId
    passage: str
    how: LinkHow
    score: Confidence = 1.0


class Rejection(Strict):
    """A reviewer's no: the item's key (entity id or fact key) and why."""

    key: str
    reason: Annotated[str, StringConstraints(min_length=3)]
    at: dt.date


class Extractor(Strict):
    name: str
    version: str
    models: list[str] = Field(default_factory=list)


class Proposals(Strict):
    """Everything proposed for one document."""

    doc: DocId
    doc_sha256: str
    extractor: Extractor
    entities: list[ProposedEntity] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    facts: list[ProposedFact] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list)

    def rejected_keys(self) -> set[str]:
        return {r.key for r in self.rejected}


def proposals_path(folder: Path, doc_id: str) -> Path:
    return folder / f"{doc_id}.yaml"


def read_proposals(path: Path) -> Proposals:
    """Read and validate one proposals file; errors name the file and the field."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RegistryError(str(path), f"cannot read proposals: {error}") from error
    try:
        return Proposals.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RegistryError(str(path), f"{where}: {first['msg']}") from error


def write_proposals(path: Path, proposals: Proposals) -> None:
    """Write deterministically (same proposals, same bytes) and atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = proposals.model_dump(mode="json", exclude_defaults=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def filter_rejected(proposals: Proposals) -> Proposals:
    """The proposals without what review rejected: rejected entities, rejected facts, and facts
    that name a rejected entity. The extractor calls it before writing; the load before reading.
    """
    keys = proposals.rejected_keys()
    return proposals.model_copy(
        update={
            "entities": [e for e in proposals.entities if e.id not in keys],
            "facts": [f for f in proposals.facts if not {f.key, f.s, f.o} & keys],
        }
    )
