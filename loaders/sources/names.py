"""The names the registry knows for each entity, and the one index that finds them in text.

An entity's names are its own (name, Swedish and English names, aliases) and those that
identity decisions attach to it ("the same as ..."). The load's mentions, the coverage report,
the extractor's linker and the quality measure all match through ``name_index``, so each finds
exactly the same names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from kgraph.names.matcher import EntityNames, MentionIndex
from kgraph.ontology import EntitySpec
from loaders.sources.registry import Registry


def identity_names(registry: Registry) -> dict[str, list[str]]:
    """Names that identity decisions attach to an entity (re-applied on every load)."""
    names: dict[str, list[str]] = {}
    for decision in registry.identities:
        if decision.item.same:
            for entity_id in decision.item.same:
                names.setdefault(entity_id, []).extend(decision.item.names)
    return names


def entity_names(
    entities: Iterable[EntitySpec], extra_names: Mapping[str, Sequence[str]] | None = None
) -> list[EntityNames]:
    """The names the matcher looks for: each entity's own, then those ``extra_names`` add."""
    extra = extra_names or {}
    return [
        EntityNames(
            entity_id=e.id, names=list(dict.fromkeys([*e.all_names(), *extra.get(e.id, [])]))
        )
        for e in entities
    ]


def name_index(registry: Registry) -> MentionIndex:
    """The index of every registry entity's names, identity decisions included."""
    entities = [e.item for e in registry.entities]
    return MentionIndex(entity_names(entities, identity_names(registry)))
