"""Read and validate the curated registry (``loaders/registry``) before anything is written.

Layout::

    entities/*.yaml   lists of EntitySpec
    facts.yaml        list of FactSpec (facts*.yaml also accepted)
    identity.yaml     list of IdentityDecision
    oddities.yaml     list of OdditySpec
    omissions.yaml    list of OmissionSpec

Every error is a ``RegistryError`` naming the file, the line and the problem.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from kgraph.errors import RegistryError
from kgraph.names.spelling import normal
from kgraph.ontology import EntitySpec, FactSpec, IdentityDecision, OdditySpec, OmissionSpec
from kgraph.settings import PROJECT_ROOT

M = TypeVar("M", bound=BaseModel)

_NAMED_FIELD = re.compile(r"^([a-z_]+(?:\.[a-z_]+)?)\b")


#: libyaml's parser when PyYAML has it (its wheels do): the registry's 6,500 lines parse in a
#: tenth of the pure-Python parser's time, with the same nodes, marks and errors.
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[valid-type,misc]
    """SafeLoader that keeps dates as the strings they were written as."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Located(Generic[M]):
    """A validated registry entry and where it was written."""

    item: M
    file: str
    line: int
    #: For a fact merged from several files: where each of its evidence items was stated.
    evidence_at: tuple[tuple[str, int], ...] = ()
    #: For an entity: the line of each ``props_evidence`` item, by property.
    prop_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def stated_at(self, evidence_index: int) -> tuple[str, int]:
        """File and line of the entry that gave the evidence item at ``evidence_index``."""
        if evidence_index < len(self.evidence_at):
            return self.evidence_at[evidence_index]
        return self.file, self.line


@dataclass
class Registry:
    entities: list[Located[EntitySpec]] = field(default_factory=list)
    facts: list[Located[FactSpec]] = field(default_factory=list)
    identities: list[Located[IdentityDecision]] = field(default_factory=list)
    oddities: list[Located[OdditySpec]] = field(default_factory=list)
    omissions: list[Located[OmissionSpec]] = field(default_factory=list)
    digest: str = ""

    def by_id(self) -> dict[str, EntitySpec]:
        return {entry.item.id: entry.item for entry in self.entities}


def _node_line(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The line of the deepest YAML node along a pydantic error location."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
    return int(node.start_mark.line) + 1


def _describe(error: ValidationError) -> tuple[tuple[int | str, ...], str]:
    """Location and message of the first error; whole-entry checks name their field first."""
    first = error.errors()[0]
    loc = tuple(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if not loc:
        named = _NAMED_FIELD.match(message)
        return (tuple(named[1].split(".")) if named else ()), message
    return loc, f"{'.'.join(str(p) for p in loc)}: {message}"


def _read_nodes(path: Path, shown: str) -> list[yaml.Node]:
    data = path.read_bytes()
    if not data.strip():
        raise RegistryError(shown, "the file is empty (expected a YAML list)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RegistryError(shown, f"not UTF-8 (byte {error.start})", line) from error
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where: int | None = int(mark.line) + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise RegistryError(shown, f"invalid YAML: {problem}", where) from error
    if root is None:
        raise RegistryError(shown, "the file holds no entries (expected a YAML list)")
    if not isinstance(root, yaml.SequenceNode):
        raise RegistryError(shown, "expected a YAML list of entries", root.start_mark.line + 1)
    _normal_scalars(root)
    return list(root.value)


def _normal_scalars(root: yaml.Node) -> None:
    """Every scalar in Unicode NFKC, as the corpus text is (names and anchors compare)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            node.value = normal(node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)


def _entries(path: Path, shown: str, model: type[M]) -> Iterator[Located[M]]:
    for node in _read_nodes(path, shown):
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise RegistryError(shown, "each entry must be a mapping of fields", line)
        raw: Any = _Loader("").construct_document(node)
        try:
            item = model.model_validate(raw)
        except ValidationError as error:
            loc, message = _describe(error)
            raise RegistryError(shown, message, _node_line(node, loc)) from error
        yield Located(item, shown, line, prop_lines=_prop_lines(node, item))


def _prop_lines(node: yaml.Node, item: BaseModel) -> dict[str, tuple[int, ...]]:
    """The line of every ``props_evidence`` item of an entity, so a bad anchor names its line."""
    if not isinstance(item, EntitySpec):
        return {}
    return {
        key: tuple(_node_line(node, ("props_evidence", key, i)) for i in range(len(items)))
        for key, items in item.props_evidence.items()
    }


def _files(directory: Path, pattern: str) -> list[Path]:
    return sorted(p for p in directory.glob(pattern) if p.is_file())


_SOURCES: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("entities/*.yaml", EntitySpec, "entities"),
    ("facts*.yaml", FactSpec, "facts"),
    ("identity.yaml", IdentityDecision, "identities"),
    ("oddities.yaml", OdditySpec, "oddities"),
    ("omissions.yaml", OmissionSpec, "omissions"),
)


def shown(path: Path) -> str:
    """A registry file as its user finds it: from the repository's root when it lies in the
    repository (``loaders/registry/facts.yaml``, whatever the working folder), else from the
    working folder, else the whole path. Errors name files this way."""
    full = path.resolve()
    for base in (PROJECT_ROOT, Path.cwd()):
        with contextlib.suppress(ValueError):
            return full.relative_to(base.resolve()).as_posix()
    return str(full)


def registry_files(directory: Path) -> list[Path]:
    """Every file the registry is read from, in reading order."""
    return [path for pattern, _, _ in _SOURCES for path in _files(directory, pattern)]


def load_registry(directory: Path) -> Registry:
    """Parse and validate every registry file, then check cross-references."""
    if not directory.is_dir():
        raise RegistryError(str(directory), "the registry folder does not exist")
    registry = Registry()
    digest = hashlib.sha256()

    for pattern, model, attribute in _SOURCES:
        target: list[Any] = getattr(registry, attribute)
        for path in _files(directory, pattern):
            digest.update(path.relative_to(directory).as_posix().encode())
            digest.update(path.read_bytes())
            target.extend(_entries(path, shown(path), model))
    if not registry.entities:
        raise RegistryError(str(directory), "no entities found (expected entities/*.yaml)")
    registry.digest = digest.hexdigest()
    registry.facts = merge_corroborations(registry.facts)
    check_references(registry)
    return registry


def merge_corroborations(facts: list[Located[FactSpec]]) -> list[Located[FactSpec]]:
    """One fact stated in several files (e.g. one per document) becomes one fact with all its
    evidence, when the statements agree; disagreeing statements are refused."""
    merged: dict[str, Located[FactSpec]] = {}
    files: dict[str, set[str]] = {}
    out: list[Located[FactSpec]] = []
    for entry in facts:
        first = merged.get(entry.item.key)
        if first is None or entry.file in files[entry.item.key]:
            merged.setdefault(entry.item.key, entry)
            files.setdefault(entry.item.key, set()).add(entry.file)
            out.append(entry)  # same-file duplicates are left for check_references to refuse
            continue
        a, b = first.item, entry.item
        if (a.props, a.valid_from, a.valid_to) != (b.props, b.valid_from, b.valid_to):
            raise RegistryError(
                entry.file,
                f"fact '{b.key}' is also stated at {first.where} with other properties or "
                "dates; reconcile them, or give each an id",
                entry.line,
            )
        added = [e for e in b.evidence if e not in a.evidence]
        places = [first.stated_at(i) for i in range(len(a.evidence))]
        combined = Located(
            a.model_copy(update={"evidence": [*a.evidence, *added]}),
            first.file,
            first.line,
            evidence_at=(*places, *[(entry.file, entry.line)] * len(added)),
        )
        out[out.index(first)] = combined
        merged[entry.item.key] = combined
        files[entry.item.key].add(entry.file)
    return out


def _unique(entries: list[Located[Any]], key: str, what: str) -> None:
    seen: dict[str, Located[Any]] = {}
    for entry in entries:
        value = getattr(entry.item, key)
        if value in seen:
            raise RegistryError(
                entry.file,
                f"duplicate {what} '{value}' (first defined at {seen[value].where})",
                entry.line,
            )
        seen[value] = entry


def check_references(registry: Registry) -> None:
    """Ids are unique and every reference names a defined entity."""
    _unique(registry.entities, "id", "entity id")
    _unique(registry.facts, "key", "fact (same subject, predicate and object; give it an id)")
    _unique(registry.oddities, "id", "oddity id")
    known = registry.by_id()

    def need(entry: Located[Any], ref: str, role: str) -> None:
        if ref not in known:
            raise RegistryError(entry.file, f"{role} '{ref}' is not a defined entity", entry.line)

    for fact in registry.facts:
        need(fact, fact.item.s, "subject")
        need(fact, fact.item.o, "object")
    for decision in registry.identities:
        for ref in decision.item.same or decision.item.distinct or []:
            need(decision, ref, "identity decision names")
    for oddity in registry.oddities:
        for ref in oddity.item.subjects:
            need(oddity, ref, "oddity subject")
