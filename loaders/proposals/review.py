"""Review of one document's proposals: accept into the registry, reject with a reason, edit,
or merge a proposed entity into one the registry has.

Accepted entities are appended to the registry's entities file for their type, accepted facts
to ``facts_<doc>.yaml``, each with its anchors; from then on they are curated. Rejections stay
in the proposals file (``rejected``) with their reason, so the extractor does not propose
them again. A merge ("the proposed ``topic:x`` is the registry's ``topic:y``") is an identity
decision appended to ``identity.yaml`` (``same: [topic:y]`` with the proposed entity's names
the registry did not know), and every proposed fact that named ``topic:x`` names ``topic:y``
from then on, accepted or still pending. The new registry is validated whole -- every anchor
found in the corpus, the merged entity's too -- before any file is replaced, so a review that
would break the registry changes nothing.
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
from kgraph.ontology import EntitySpec, FactSpec, IdentityDecision
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
from loaders.sources.evidence import resolve_entries, resolve_evidence
from loaders.sources.names import identity_names
from loaders.sources.registry import Located, Registry, load_registry

Item = ProposedEntity | ProposedFact
_EXTRACTION_FIELDS = {"confidence", "rule"}
#: Evidence is what the text says (edit the text's anchor by extracting again, not by hand).
_NOT_EDITABLE = frozenset({"evidence"})
#: The registry file that holds identity decisions, merges among them.
IDENTITY_FILE = "identity.yaml"


@dataclass
class Decisions:
    """What a reviewer decided, by key (entity id, or fact key ``s|P|o``)."""

    accept: list[str] = field(default_factory=list)
    reject: dict[str, str] = field(default_factory=dict)
    edits: dict[str, list[str]] = field(default_factory=dict)
    accept_all: bool = False
    #: Proposed entity id -> the id of the registry entity it is the same as.
    merge: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    accepted: list[str]
    rejected: list[str]
    edited: list[str]
    pending: list[str]
    files: list[str]
    #: ``proposed=existing``, one per merge.
    merged: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Merge:
    """A proposed entity that is a registry entity already."""

    entity: ProposedEntity
    into: EntitySpec

    def __str__(self) -> str:
        return f"{self.entity.id}={self.into.id}"


@dataclass
class Decided:
    """Decisions checked against the proposals: what is accepted, rejected, edited and merged,
    and every pending item as it would be written (edits applied, merged ids re-pointed)."""

    accepted: list[Item]
    rejections: list[Rejection]
    edited: list[str]
    merged: list[Merge]
    items: dict[str, Item]
    #: A key as given (the page's, the command line's) -> the key it has after edits and merges.
    renamed: dict[str, str]


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


def decide(proposals: Proposals, decisions: Decisions, registry: Registry | None = None) -> Decided:
    """The decisions applied to the pending proposals, checked; nothing is written.

    A merge needs the ``registry`` (the entity merged into must be there, of the same type).
    """
    items = {item_key(i): i for i in pending(proposals)}
    renamed: dict[str, str] = {}
    for key, assignments in decisions.edits.items():
        item = _find(items, key)
        for assignment in assignments:
            item = edit_item(item, assignment)
        del items[key]
        items[item_key(item)] = item
        renamed[key] = item_key(item)
    edited = list(renamed.values())
    merged = _merge(items, renamed, decisions, registry)
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
    return Decided(accepted, rejections, [renamed.get(k, k) for k in edited], merged, items,
                   renamed)  # fmt: skip


def _merge(
    items: dict[str, Item], renamed: dict[str, str], decisions: Decisions, registry: Registry | None
) -> list[Merge]:
    """Take each merged entity out of ``items`` and re-point the facts that name it."""
    if not decisions.merge:
        return []
    if registry is None:
        raise ValueError("a merge is checked against the registry; pass it")
    known = registry.by_id()
    decided_once = {renamed.get(k, k) for k in [*decisions.accept, *decisions.reject]}
    merges = []
    for given, target in decisions.merge.items():
        key = renamed.get(given, given)
        entity = items.get(key)
        if not isinstance(entity, ProposedEntity):
            waiting = [k for k, i in items.items() if isinstance(i, ProposedEntity)]
            raise RegistryError(
                given, f"merge: no pending proposed entity with this id "
                f"(pending entities: {', '.join(waiting) or 'none'})",
            )  # fmt: skip
        if key in decided_once:
            raise RegistryError(given, "both merged and accepted or rejected; decide once")
        into = known.get(target)
        if into is None:
            raise RegistryError(
                given, f"merge into '{target}': the registry has no entity with this id"
            )
        if into.type != entity.type:
            raise RegistryError(
                given, f"merge into '{target}': the types differ (proposed {entity.type}, "
                f"registry {into.type}); a merge joins two entities of one type",
            )  # fmt: skip
        del items[key]
        merges.append(Merge(entity, into))
    rejected = {renamed.get(k, k) for k in decisions.reject}
    _repoint(items, renamed, {m.entity.id: m.into.id for m in merges}, rejected)
    return merges


def _repoint(
    items: dict[str, Item], renamed: dict[str, str], ids: dict[str, str], rejected: set[str]
) -> None:
    """Facts naming a merged id name the entity it was merged into; keys follow. A fact
    rejected in the same review keeps its key: it is not written, only remembered as rejected."""
    moved: dict[str, Item] = {}
    for key, item in items.items():
        if isinstance(item, ProposedFact) and {item.s, item.o} & ids.keys() and key not in rejected:
            s, o = ids.get(item.s, item.s), ids.get(item.o, item.o)
            if s == o:
                raise RegistryError(
                    key, f"after the merge this fact would join '{s}' to itself; reject it first"
                )
            item = item.model_copy(update={"s": s, "o": o})
        moved[key] = item
    new_keys = Counter(item_key(i) for i in moved.values())
    for key, item in moved.items():
        if new_keys[item_key(item)] > 1:
            raise RegistryError(
                key, f"after the merge it is the same fact as another proposal, "
                f"'{item_key(item)}'; reject one of them first",
            )  # fmt: skip
    for given, key in list(renamed.items()):
        renamed[given] = item_key(moved[key]) if key in moved else key
    for key, item in moved.items():
        if item_key(item) != key:
            renamed.setdefault(key, item_key(item))
    items.clear()
    items.update({item_key(i): i for i in moved.values()})


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


def _additions(
    registry: Registry, doc: str, accepted: list[Item], merged: list[Merge]
) -> dict[str, str]:
    """Registry file (relative) -> the text to append to it."""
    out: dict[str, str] = {}
    for item in accepted:
        target = (
            _entity_file(registry, item.type) if isinstance(item, ProposedEntity)
            else f"facts_{doc}.yaml"
        )  # fmt: skip
        out[target] = out.get(target, "") + _curated_text(item)
    for merge in merged:
        out[IDENTITY_FILE] = out.get(IDENTITY_FILE, "") + _identity_text(registry, doc, merge)
    return out


def _identity_text(registry: Registry, doc: str, merge: Merge) -> str:
    """The merge as an identity decision: the registry entity is the same as the proposed one,
    and goes by the names of the proposal it did not have yet."""
    entity, into = merge.entity, merge.into
    known = {n.casefold() for n in [*into.all_names(), *identity_names(registry).get(into.id, [])]}
    names = [n for n in entity.all_names() if n.casefold() not in known]
    decision = IdentityDecision(
        same=[into.id],
        names=names,
        reason=f"Merged in review of document {doc}: the proposed {entity.type} "
        f"'{entity.id}' (“{entity.name}”) is {into.id}.",
    )
    data = decision.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=100)


def _appended(path: Path, text: str, doc: str) -> str:
    if not path.exists():
        header = f"# Accepted in review from the proposals for document {doc}.\n"
        return header + text
    before = path.read_text(encoding="utf-8").rstrip("\n")
    return before + "\n\n" + text


def _validate(
    registry_dir: Path, corpus_dir: Path, texts: dict[str, str], merged: list[Merge]
) -> None:
    """Load the registry as it would be, anchors and all, in a temporary copy; find the anchors
    of the entities merged away (which the registry does not keep) in the same corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / registry_dir.name
        shutil.copytree(registry_dir, copy)
        for name, text in texts.items():
            (copy / name).write_text(text, encoding="utf-8")
        registry = load_registry(copy)
        documents = {doc.entry.id: doc for doc in load_corpus(corpus_dir)}
        resolve_evidence(registry, documents)
        for merge in merged:
            try:
                resolve_entries([Located(merge.entity, merge.entity.id, 0)], documents)
            except RegistryError as error:
                raise RegistryError(merge.entity.id, f"merge: {error.reason}") from error


def _replace(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def review(
    proposals_dir: Path, registry_dir: Path, corpus_dir: Path, doc: str, decisions: Decisions
) -> Outcome:
    """Apply the decisions to the registry and the proposals file of ``doc``."""
    path, proposals = open_proposals(proposals_dir, doc)
    # A merge is checked against the registry; without one, facts alone do not need it.
    registry = load_registry(registry_dir) if decisions.merge else None
    decided = decide(proposals, decisions, registry)
    # Which file each accepted entity goes to needs the registry too.
    if registry is None and any(isinstance(i, ProposedEntity) for i in decided.accepted):
        registry = load_registry(registry_dir)
    texts = {
        name: _appended(registry_dir / name, text, doc)
        for name, text in _additions(
            registry or Registry(), doc, decided.accepted, decided.merged
        ).items()
    }
    if texts:
        _validate(registry_dir, corpus_dir, texts, decided.merged)
    for name, text in texts.items():
        _replace(registry_dir / name, text)
    remaining = _remaining(proposals, decided)
    write_proposals(path, remaining)
    done = {item_key(i) for i in decided.accepted} | {r.key for r in decided.rejections}
    return Outcome(
        accepted=[item_key(i) for i in decided.accepted],
        rejected=[r.key for r in decided.rejections],
        edited=[k for k in decided.edited if k not in done],
        pending=[item_key(i) for i in pending(remaining)],
        files=sorted(texts),
        merged=[str(m) for m in decided.merged],
    )


def _remaining(proposals: Proposals, decided: Decided) -> Proposals:
    """The proposals file after review: edits and merges applied, accepted and merged items
    gone, rejections added."""
    gone = {item_key(i) for i in decided.accepted} | {r.key for r in decided.rejections}
    left = [i for k, i in decided.items.items() if k not in gone]
    rejected = [
        *proposals.rejected,
        *[r for r in decided.rejections if r.key not in proposals.rejected_keys()],
    ]
    return proposals.model_copy(
        update={
            "entities": [i for i in left if isinstance(i, ProposedEntity)],
            "facts": [i for i in left if isinstance(i, ProposedFact)],
            "rejected": rejected,
        }
    )
