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


#: Types named by common nouns: their names are written in sentence case ("Battery recycling")
#: but stand in lower case inside a sentence ("specialises in battery recycling").
CONCEPT_TYPES = frozenset({"Topic", "ValueChainStage"})


def entity_names(
    entities: Iterable[EntitySpec], extra_names: Mapping[str, Sequence[str]] | None = None
) -> list[EntityNames]:
    """The names the matcher looks for: each entity's own, then those ``extra_names`` add; a
    concept's names also with their first letter in lower case (the matcher compares
    capitalised name words only with capitalised text)."""
    extra = extra_names or {}
    found = []
    for e in entities:
        names = [*e.all_names(), *extra.get(e.id, [])]
        if e.type in CONCEPT_TYPES:
            names += [in_a_sentence(n) for n in names]
        found.append(EntityNames(entity_id=e.id, names=list(dict.fromkeys(names))))
    return found


def in_a_sentence(name: str) -> str:
    """ "Battery recycling" -> "battery recycling"; a first word with another capital or a
    digit ("IoT", "NMC811") stays as written."""
    first = name.split(" ", 1)[0]
    plain = first[:1].isupper() and first[1:] == first[1:].lower() and first.isalpha()
    return name[:1].lower() + name[1:] if plain else name


def name_index(registry: Registry) -> MentionIndex:
    """The index of every registry entity's names, identity decisions included."""
    entities = [e.item for e in registry.entities]
    return MentionIndex(entity_names(entities, identity_names(registry)))
