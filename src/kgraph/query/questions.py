"""The catalogue of named analyst questions: one ``.cypher`` file each, in ``catalogue/``.

A question file starts with a YAML header in ``//`` comments, between ``// ---`` lines::

    // ---
    // title: Who funds a project, and with how much?
    // description: Funders of a project with amounts and programmes, with evidence.
    // params:
    //   project: {type: entity, entity_type: Project, default: "project:batcircle3",
//             example: "BATCircle 3.0", description: "project id or name"}
    // ---
    MATCH ...

``items`` (optional) names the columns holding the answer's entities, ``{id: city_id, name:
city}``: ``/ask`` lists them as the answer's items.

Parameter types: ``string`` (``enum`` may list its values), ``entity`` (an id or any name,
resolved before running as its ``entity_type``), ``date`` (ISO), ``int``. ``example`` is a value
that answers with rows on the corpus. The same files feed the API (one typed operation per
question), the Browser guide and the tests.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kgraph.db.graph import Graph
from kgraph.db.values import plain
from kgraph.errors import NotFound, QuestionError
from kgraph.ontology import (
    DERIVED_PROPS,
    EVIDENCE_PASSAGES,
    EVIDENCE_PROPS,
    PREMISE_PASSAGES,
    PROP_EVIDENCE_PASSAGES,
    PROP_SOURCE_PROPS,
    PROVENANCES,
    EntityType,
)
from kgraph.query.bounds import MAX_INT, MIN_INT
from kgraph.query.evidence import (
    PassageSource,
    evidence_items,
    passage_texts,
    premise_items,
    prop_sources,
    provenance_of,
)

_RAW_EVIDENCE = frozenset({*EVIDENCE_PROPS, *PROP_SOURCE_PROPS})

QUERIES_DIR = Path(__file__).resolve().parent / "catalogue"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class ParamSpec(BaseModel):
    """One parameter of a question, as its file's header declares it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["string", "entity", "date", "int"]
    description: str
    #: For ``entity``: the type a name is resolved as (None: any type).
    entity_type: EntityType | None = None
    #: For ``string``: the only values allowed.
    enum: tuple[str, ...] | None = None
    default: str | int | None = None
    #: A value that answers with rows on the corpus (shown in the API's documentation).
    example: str | int | None = None
    required: bool = False

    @model_validator(mode="after")
    def _fits_type(self) -> ParamSpec:
        if self.entity_type is not None and self.type != "entity":
            raise ValueError("entity_type is for entity parameters only")
        if self.enum is not None and self.type != "string":
            raise ValueError("enum is for string parameters only")
        for value in (self.default, self.example):
            if self.enum is not None and value is not None and value not in self.enum:
                raise ValueError(f"{value!r} is not one of the enum's values")
        return self


class Header(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    description: str
    params: dict[str, ParamSpec] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)
    items: ItemColumns | None = None


class ItemColumns(BaseModel):
    """The columns of an answer's rows that hold the entity each row is about."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str


@dataclass(frozen=True)
class Question:
    name: str
    title: str
    description: str
    params: dict[str, ParamSpec]
    cypher: str
    tags: tuple[str, ...]
    items: ItemColumns | None = None

    def items_of(self, rows: list[dict[str, Any]]) -> list[dict[str, str]]:
        """The entities of an answer's rows (``items`` in the header), once each, in row order."""
        if self.items is None:
            return []
        seen: dict[str, dict[str, str]] = {}
        for row in rows:
            entity_id, name = row.get(self.items.id), row.get(self.items.name)
            if entity_id is not None and entity_id not in seen:
                seen[str(entity_id)] = {"id": str(entity_id), "name": str(name)}
        return list(seen.values())

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Typed parameter values: given ones converted, missing ones defaulted."""
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            raise QuestionError(
                f"question '{self.name}' has no parameter {', '.join(unknown)} "
                f"(it takes: {', '.join(self.params) or 'none'})"
            )
        bound: dict[str, Any] = {}
        for name, spec in self.params.items():
            value = given.get(name, spec.default)
            if value is None:
                if spec.required:
                    raise QuestionError(f"parameter '{name}' is required: {spec.description}")
                bound[name] = None
                continue
            bound[name] = _convert(name, spec, value)
        return bound

    def examples(self) -> dict[str, Any]:
        """The parameters of the header's examples (the defaults where none is given)."""
        return {n: spec.example for n, spec in self.params.items() if spec.example is not None}


def _convert(name: str, spec: ParamSpec, value: Any) -> Any:
    try:
        if spec.type == "date":
            return dt.date.fromisoformat(str(value))
        if spec.type == "int":
            number = int(value)
            if not MIN_INT <= number <= MAX_INT:
                raise QuestionError(
                    f"parameter '{name}' must be a whole number from {MIN_INT} to {MAX_INT} "
                    "(Neo4j's 64 bits)"
                )
            return number
    except ValueError as error:
        wanted = "an ISO date YYYY-MM-DD" if spec.type == "date" else "a whole number"
        raise QuestionError(
            f"parameter '{name}' must be {wanted}, got {str(value)[:40]!r}"
        ) from error
    if spec.enum is not None and str(value) not in spec.enum:
        raise QuestionError(
            f"parameter '{name}' must be one of {', '.join(spec.enum)}, got {str(value)[:40]!r}"
        )
    return str(value)


def parse_question(path: Path) -> Question:
    """Read one question file; errors name the file and the problem."""
    name = path.stem
    if not _NAME.match(name):
        raise QuestionError(f"{path.name}: question names are snake_case")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "// ---":
        raise QuestionError(f"{path.name}:1: a question file starts with a '// ---' header")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "// ---")
    except StopIteration as error:
        raise QuestionError(f"{path.name}: the header has no closing '// ---'") from error
    header_text = "\n".join(line.removeprefix("//").removeprefix(" ") for line in lines[1:end])
    try:
        header = Header.model_validate(yaml.safe_load(header_text))
    except (yaml.YAMLError, ValidationError) as error:
        raise QuestionError(f"{path.name}: bad header: {error}") from error
    cypher = "\n".join(lines[end + 1 :]).strip()
    if not cypher:
        raise QuestionError(f"{path.name}: no Cypher after the header")
    return Question(
        name,
        header.title,
        header.description,
        header.params,
        cypher,
        tuple(header.tags),
        header.items,
    )


class Catalogue:
    """All questions of a folder, by name."""

    def __init__(self, folder: Path = QUERIES_DIR) -> None:
        paths = sorted(folder.glob("*.cypher"))
        self.questions = {q.name: q for q in map(parse_question, paths)}

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions.values())

    def __len__(self) -> int:
        return len(self.questions)

    def get(self, name: str) -> Question:
        try:
            return self.questions[name]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(name, list(self.questions), n=5, cutoff=0.4)
            raise NotFound("question", name, close) from None


def run(
    graph: Graph,
    question: Question,
    given: dict[str, Any],
    resolve_entity: Callable[[str, str, str | None], list[str]],
    *,
    row_cap: int = 5000,
    provenance: frozenset[str] | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]], bool]:
    """Run a question in a read transaction; entity parameters become lists of ids.

    ``resolve_entity(parameter, text, entity_type)`` gives the ids a name denotes.

    Returns the parameters as run, at most ``row_cap`` rows, and whether more rows exist.
    With ``provenance``, only rows whose facts are all of those kinds are kept.
    """
    unknown = sorted((provenance or frozenset()) - set(PROVENANCES))
    if unknown:
        raise QuestionError(
            f"provenance {', '.join(unknown)} is not one of {', '.join(PROVENANCES)}"
        )
    bound = question.bind(given)
    params: dict[str, Any] = {}
    for name, value in bound.items():
        if question.params[name].type == "entity" and value is not None:
            params[name] = resolve_entity(name, str(value), question.params[name].entity_type)
        else:
            params[name] = value
    found = graph.read(question.cypher, params, cap=row_cap)
    rows = attach_evidence(graph, [plain(row) for row in found])
    if provenance:
        rows = [row for row in rows if _provenances(row) <= provenance]
    shown = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in params.items()}
    return shown, rows, found.truncated


def _passage_ids(value: Any, into: set[str]) -> None:
    if isinstance(value, dict):
        for key in (EVIDENCE_PASSAGES, PREMISE_PASSAGES, PROP_EVIDENCE_PASSAGES):
            into.update(value.get(key) or [])
        for inner in value.values():
            _passage_ids(inner, into)
    elif isinstance(value, list):
        for inner in value:
            _passage_ids(inner, into)


def _shaped(value: Any, texts: dict[str, PassageSource]) -> Any:
    """Maps holding evidence lists get one ``evidence`` list of passages with excerpts; maps
    holding a node's property evidence get ``props_evidence`` by property and ``derived``."""
    if isinstance(value, list):
        return [_shaped(inner, texts) for inner in value]
    if not isinstance(value, dict):
        return value
    out = {k: _shaped(v, texts) for k, v in value.items()
           if not k.startswith("_") and k not in _RAW_EVIDENCE}  # fmt: skip
    if value.get(EVIDENCE_PASSAGES) is not None:
        out["evidence"] = evidence_items(value, texts)
    if value.get(PREMISE_PASSAGES) is not None:
        out["premise_evidence"] = premise_items(value, texts)
    if any(value.get(key) is not None for key in (PROP_EVIDENCE_PASSAGES, DERIVED_PROPS)):
        out.update(prop_sources(value, texts))
    if value.get("fact_id") is not None:
        out["provenance"] = provenance_of(value)
    return out


def _provenances(value: Any) -> set[str]:
    """The provenance of every fact an answer row shows."""
    if isinstance(value, list):
        return {p for inner in value for p in _provenances(inner)}
    if not isinstance(value, dict):
        return set()
    found = {value["provenance"]} if value.get("fact_id") and "provenance" in value else set()
    return found | {p for inner in value.values() for p in _provenances(inner)}


def attach_evidence(graph: Graph, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replace raw evidence lists in answer rows by passages with their excerpts."""
    ids: set[str] = set()
    _passage_ids(rows, ids)
    texts = passage_texts(graph, ids)
    shaped: list[dict[str, Any]] = _shaped(plain(rows), texts)
    return shaped
