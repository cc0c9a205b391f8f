"""The team's own documents for the extractor (``tests/data/extraction_set/``), with what a
person reads in each: its entities, its facts, and its traps.

Each document ``<id>.txt`` of the set's ``corpus.yaml`` has ``<id>.expected.yaml`` beside it::

    entities:                      # every entity the text names, by type and base-form name
      - {type: Organisation, name: Aalto University, aliases: [Aalto-yliopisto]}
    facts:                         # what the text states; ends are names of the entities above
      - {s: Aalto University, p: COORDINATES, o: BATCircle3.0}
    traps:
      facts:                       # what a careless reader would propose, and why it is wrong
        - {s: Keliber, p: PARTICIPATES_IN, o: BATCircle3.0, why: "ei ole mukana"}
      names:                       # text no new entity may be named from (a navigation line)
        - {within: "Home | Research | Contact", why: navigation}

A predicate is one of the ontology's, or ``RELATED_TO:<relation>`` for a kind of RELATED_TO.
A bad file is refused with a ``SetError`` naming the file and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from kgraph.ontology import EntityType, Predicate
from loaders.sources.corpus import Document, load_corpus

SET_DIR = Path(__file__).resolve().parents[1] / "data" / "extraction_set"
_PREDICATES = frozenset(get_args(Predicate))


class SetError(Exception):
    """A file of the extraction set is invalid: the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExpectedEntity(_Strict):
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class ExpectedFact(_Strict):
    s: str
    p: str
    o: str

    @field_validator("p")
    @classmethod
    def _known_predicate(cls, p: str) -> str:
        if p.split(":", 1)[0] not in _PREDICATES:
            raise ValueError(f"'{p}' is not a predicate of the ontology")
        return p

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.s, self.p, self.o)


class TrapFact(ExpectedFact):
    why: str


class TrapName(_Strict):
    within: str
    why: str


class Traps(_Strict):
    facts: tuple[TrapFact, ...] = ()
    names: tuple[TrapName, ...] = ()


class Expected(_Strict):
    entities: tuple[ExpectedEntity, ...]
    facts: tuple[ExpectedFact, ...] = ()
    traps: Traps = Traps()

    def entity(self, name: str) -> ExpectedEntity | None:
        return next((e for e in self.entities if name in e.names), None)


@dataclass(frozen=True)
class SetDocument:
    document: Document
    expected: Expected

    @property
    def id(self) -> str:
        return self.document.entry.id


def load_set(folder: Path = SET_DIR) -> list[SetDocument]:
    """Every document of the set with its expectations, checked (see the module docstring)."""
    return [
        SetDocument(document=d, expected=load_expected(folder / f"{d.entry.id}.expected.yaml", d))
        for d in load_corpus(folder)
    ]


def load_expected(path: Path, document: Document) -> Expected:
    """One ``<id>.expected.yaml``, checked against its document's text."""
    if not path.is_file():
        raise SetError(f"{path.name}: missing (every document of the set has its expectations)")
    try:
        raw: Any = yaml.safe_load(path.read_text("utf-8"))
        expected = Expected.model_validate(raw)
    except yaml.YAMLError as error:
        raise SetError(f"{path.name}: not YAML ({error})") from error
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(top)"
        raise SetError(f"{path.name}: {field}: {first['msg']}") from error
    _check_names(path, expected, document)
    return expected


def _check_names(path: Path, expected: Expected, document: Document) -> None:
    seen: set[str] = set()
    for i, entity in enumerate(expected.entities):
        for name in entity.names:
            if name in seen:
                raise SetError(f"{path.name}: entities.{i}: the name '{name}' is used twice")
            seen.add(name)
    groups = (("facts", expected.facts), ("traps.facts", expected.traps.facts))
    for group, facts in groups:
        for i, fact in enumerate(facts):
            for end in ("s", "o"):
                if expected.entity(getattr(fact, end)) is None:
                    raise SetError(
                        f"{path.name}: {group}.{i}.{end}: '{getattr(fact, end)}' is not the "
                        "name of an entity of the file"
                    )
    text = " ".join(document.cleaned.split())
    for i, trap in enumerate(expected.traps.names):
        if " ".join(trap.within.split()) not in text:
            raise SetError(
                f"{path.name}: traps.names.{i}.within: '{trap.within}' is not in the document"
            )
