"""Which registry entity a proposed new entity may be: candidates for a merge.

First the entities the registry's name index finds in the proposal's own names (the index the
load's mentions and the extractor's linker use, identity names and Finnish case forms
included), the longest match first; then entities whose names are spelled closely (a typo, a
missing space). Only entities of the proposal's type: a merge joins two of one type.
"""

from __future__ import annotations

import difflib

from kgraph.names.matcher import MentionIndex
from kgraph.ontology import EntitySpec
from loaders.sources.names import identity_names, name_index
from loaders.sources.registry import Registry

#: How alike two names must be (difflib's ratio) to suggest one for the other.
_CLOSE = 0.75


def merge_candidates(
    entity: EntitySpec, registry: Registry, index: MentionIndex | None = None, limit: int = 5
) -> list[EntitySpec]:
    """Up to ``limit`` registry entities of ``entity``'s type it may be, best first."""
    known = {e.id: e for e in (x.item for x in registry.entities) if e.type == entity.type}
    known.pop(entity.id, None)
    index = index if index is not None else name_index(registry)
    found: dict[str, int] = {}
    for name in entity.all_names():
        for mention in index.find(name, language="fi"):
            if mention.entity_id in known:
                length = mention.end - mention.start
                found[mention.entity_id] = max(found.get(mention.entity_id, 0), length)
    ranked = sorted(found, key=lambda i: (-found[i], i))
    extra = identity_names(registry)
    spelled = {
        n.casefold(): e.id for e in known.values() for n in [*e.all_names(), *extra.get(e.id, [])]
    }
    for name in entity.all_names():
        for close in difflib.get_close_matches(name.casefold(), spelled, n=limit, cutoff=_CLOSE):
            if spelled[close] not in ranked:
                ranked.append(spelled[close])
    return [known[i] for i in ranked[:limit]]
