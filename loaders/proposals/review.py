"""Review of one document's proposals: accept into the registry, reject with a reason, edit.

Accepted entities are appended to the registry's entities file for their type, accepted facts
to ``facts_<doc>.yaml``, each with its anchors; from then on they are curated. Rejections stay
in the proposals file (``rejected``) with their reason, so the extractor does not propose
them again. The new registry is validated whole -- every anchor found in the corpus -- before
any file is replaced, so a review that would break the registry changes nothing.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kgraph.errors import RegistryError
from kgraph.ontology import EntitySpec, FactSpec
from loaders.proposals.files import (
    Proposals,
    ProposedEntity,
    ProposedFact,
    Rejection,
    filter_rejected,
    proposals_path,
    read_proposals,
    write_proposals,
)
from loaders.sources.corpus import load_corpus
from loaders.sources.evidence import resolve_evidence
from loaders.sources.registry import Registry, load_registry

Item = ProposedEntity | ProposedFact
_EXTRACTION_FIELDS = {"confidence", "rule"}
#: Evidence is what the text says (edit the text's anchor by extracting again, not by hand).
_NOT_EDITABLE = frozenset({"evidence"})


@dataclass
class Decisions:
    """What a reviewer decided, by key (entity id, or fact key ``s|P|o``)."""

    accept: list[str] = field(default_factory=list)
    reject: dict[str, str] = field(default_factory=dict)
    edits: dict[str, list[str]] = field(default_factory=dict)
    accept_all: bool = False


@dataclass
class Outcome:
    accepted: list[str]
    rejected: list[str]
    edited: list[str]
    pending: list[str]
    files: list[str]


def item_key(item: Item) -> str:
    return item.id if isinstance(item, ProposedEntity) else item.key


def pending(proposals: Proposals) -> list[Item]:
    """What waits for review: entities first (facts may need them), then facts."""
    kept = filter_rejected(proposals)
    return [*kept.entities, *kept.facts]


def open_proposals(folder: Path, doc: str) -> tuple[Path, Proposals]:
    path = proposals_path(folder, doc)
    if not path.is_file():
        raise RegistryError(str(path), f"no proposals for document '{doc}' (run kgraph extract)")
    return path, read_proposals(path)


def _value(text: str) -> Any:
    """A value as YAML reads it: numbers are numbers, ``null`` is None, the rest text."""
    try:
        return yaml.safe_load(text) if text.strip() else None
    except yaml.YAMLError:
        return text


def edit_item(item: Item, assignment: str) -> Item:
    """``field=value`` (``props.x=value`` for a property) applied and validated again."""
    name, sep, text = assignment.partition("=")
    name = name.strip()
    if not sep or not name:
        raise RegistryError(item_key(item), f"edit '{assignment}' is not field=value")
    data = item.model_dump(mode="json")
    value = _value(text)
    if name.startswith("props."):
        props = dict(data.get("props") or {})
        if value is None:
            props.pop(name.removeprefix("props."), None)
        else:
            props[name.removeprefix("props.")] = value
        data["props"] = props
    elif name in data and name not in _NOT_EDITABLE:
        data[name] = value
    else:
        raise RegistryError(item_key(item), f"edit: '{name}' is not a field one may edit")
    try:
        return type(item).model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or name
        raise RegistryError(item_key(item), f"edit {name}: {where}: {first['msg']}") from error


def _find(items: dict[str, Item], key: str) -> Item:
    if key not in items:
        listed = ", ".join(items) or "none"
        raise RegistryError(key, f"no pending proposal with this key (pending: {listed})")
    return items[key]


def decide(
    proposals: Proposals, decisions: Decisions
) -> tuple[list[Item], list[Rejection], list[str]]:
    """The accepted items (edited), the new rejections, and the keys edited. Checks only."""
    items = {item_key(i): i for i in pending(proposals)}
    renamed: dict[str, str] = {}
    for key, assignments in decisions.edits.items():
        item = _find(items, key)
        for assignment in assignments:
            item = edit_item(item, assignment)
        del items[key]
        items[item_key(item)] = item
        renamed[key] = item_key(item)
    accepted_keys = (
        list(items) if decisions.accept_all else [renamed.get(k, k) for k in decisions.accept]
    )
    rejected_keys = {renamed.get(k, k): reason for k, reason in decisions.reject.items()}
    for key in rejected_keys:
        _find(items, key)
    both = sorted(set(accepted_keys) & set(rejected_keys))
    if both and not decisions.accept_all:
        raise RegistryError(both[0], "both accepted and rejected; decide once")
    accepted_keys = [k for k in accepted_keys if k not in rejected_keys]
    accepted = [_find(items, k) for k in dict.fromkeys(accepted_keys)]
    today = dt.date.today()
    if any(len(reason.strip()) < 3 for reason in rejected_keys.values()):
        raise RegistryError(
            next(k for k, r in rejected_keys.items() if len(r.strip()) < 3),
            "a rejection needs its reason (--reason, three characters or more)",
        )
    rejections = [Rejection(key=k, reason=r.strip(), at=today) for k, r in rejected_keys.items()]
    _check_entities_come_along(
        accepted, {i.id for i in items.values() if isinstance(i, ProposedEntity)}
    )
    return accepted, rejections, list(renamed.values())


def _check_entities_come_along(accepted: list[Item], proposed_entities: set[str]) -> None:
    """An accepted fact may not name an entity that stays a proposal."""
    taken = {i.id for i in accepted if isinstance(i, ProposedEntity)}
    for item in accepted:
        if isinstance(item, ProposedFact):
            for ref in (item.s, item.o):
                if ref in proposed_entities and ref not in taken:
                    raise RegistryError(
                        item.key, f"names the proposed entity '{ref}'; accept it too"
                    )


def _curated_text(item: Item) -> str:
    """The item as a registry entry: its spec without confidence and rule, readable YAML."""
    model = EntitySpec if isinstance(item, ProposedEntity) else FactSpec
    spec = model.model_validate(item.model_dump(exclude=_EXTRACTION_FIELDS))
    data = spec.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=100)


def _entity_file(registry: Registry, kind: str) -> str:
    """The entities file (relative to the registry) that holds most entities of ``kind``."""
    files = Counter(e.file for e in registry.entities if e.item.type == kind)
    if not files:
        return "entities/extracted.yaml"
    return "entities/" + Path(files.most_common(1)[0][0]).name


def _additions(registry: Registry, doc: str, accepted: list[Item]) -> dict[str, str]:
    """Registry file (relative) -> the text to append to it."""
    out: dict[str, str] = {}
    for item in accepted:
        target = (
            _entity_file(registry, item.type) if isinstance(item, ProposedEntity)
            else f"facts_{doc}.yaml"
        )  # fmt: skip
        out[target] = out.get(target, "") + _curated_text(item)
    return out


def _appended(path: Path, text: str, doc: str) -> str:
    if not path.exists():
        header = f"# Accepted in review from the proposals for document {doc}.\n"
        return header + text
    before = path.read_text(encoding="utf-8").rstrip("\n")
    return before + "\n\n" + text


def _validate(registry_dir: Path, corpus_dir: Path, texts: dict[str, str]) -> None:
    """Load the registry as it would be, anchors and all, in a temporary copy."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / registry_dir.name
        shutil.copytree(registry_dir, copy)
        for name, text in texts.items():
            (copy / name).write_text(text, encoding="utf-8")
        registry = load_registry(copy)
        resolve_evidence(registry, {doc.entry.id: doc for doc in load_corpus(corpus_dir)})


def _replace(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def review(
    proposals_dir: Path, registry_dir: Path, corpus_dir: Path, doc: str, decisions: Decisions
) -> Outcome:
    """Apply the decisions to the registry and the proposals file of ``doc``."""
    path, proposals = open_proposals(proposals_dir, doc)
    accepted, rejections, edited = decide(proposals, decisions)
    # Which file each accepted entity goes to needs the registry; facts do not.
    takes_entities = any(isinstance(item, ProposedEntity) for item in accepted)
    registry = load_registry(registry_dir) if takes_entities else Registry()
    texts = {
        name: _appended(registry_dir / name, text, doc)
        for name, text in _additions(registry, doc, accepted).items()
    }
    if texts:
        _validate(registry_dir, corpus_dir, texts)
    for name, text in texts.items():
        _replace(registry_dir / name, text)
    write_proposals(path, _remaining(proposals, decisions, accepted, rejections))
    done = {item_key(i) for i in accepted} | {r.key for r in rejections}
    left = [item_key(i) for i in pending(_remaining(proposals, decisions, accepted, rejections))]
    return Outcome([item_key(i) for i in accepted], [r.key for r in rejections],
                   [k for k in edited if k not in done], left, sorted(texts))  # fmt: skip


def _remaining(
    proposals: Proposals, decisions: Decisions, accepted: list[Item], rejections: list[Rejection]
) -> Proposals:
    """The proposals file after review: edits kept, accepted items gone, rejections added."""
    items = {item_key(i): i for i in pending(proposals)}
    for key, assignments in decisions.edits.items():
        item = items.pop(key)
        for assignment in assignments:
            item = edit_item(item, assignment)
        items[item_key(item)] = item
    gone = {item_key(i) for i in accepted} | {r.key for r in rejections}
    left = [i for k, i in items.items() if k not in gone]
    rejected = [
        *proposals.rejected,
        *[r for r in rejections if r.key not in proposals.rejected_keys()],
    ]
    return proposals.model_copy(
        update={
            "entities": [i for i in left if isinstance(i, ProposedEntity)],
            "facts": [i for i in left if isinstance(i, ProposedFact)],
            "rejected": rejected,
        }
    )
