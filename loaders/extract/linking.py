"""Spans of a passage that name entities the registry already holds.

The registry's names are matched by the one index of them (``loaders.sources.names``: every
Finnish case, Swedish and English names, aliases, identity decisions), built once per registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from kgraph.names.matcher import MentionIndex
from kgraph.ontology import EntitySpec, Language
from loaders.extract.spans import PLACE_TYPES, LinkHow, Span
from loaders.sources.names import name_index
from loaders.sources.registry import Registry


@dataclass(frozen=True)
class Linker:
    """The registry's entities and the index of their names."""

    index: MentionIndex
    entities: dict[str, EntitySpec]

    @classmethod
    def from_registry(cls, registry: Registry) -> Linker:
        return cls(name_index(registry), {e.item.id: e.item for e in registry.entities})

    def link(self, text: str, passage_id: str, language: Language) -> list[Span]:
        """The known entities ``text`` names; a name two entities share links to both."""
        spans: list[Span] = []
        for mention in self.index.find(text, passage_id, language=language):
            entity = self.entities.get(mention.entity_id)
            if entity is None:
                continue
            names = {n.casefold() for n in entity.all_names()}
            how: LinkHow = "exact" if mention.surface.casefold() in names else "inflected"
            spans.append(
                Span(
                    mention.start,
                    mention.end,
                    mention.surface,
                    entity.type,
                    entity.id,
                    new=False,
                    name=mention.surface,
                    how=how,
                )
            )
        return spans


def places_inside(spans: list[Span], find: Callable[[str], list[Span]]) -> list[Span]:
    """The places a word of a longer name is: "Kokkolan" in "Kokkolan kaupunki", "Antwerp" in
    "Port of Antwerp". A matcher gives the longer name alone, so each word of a name that is
    no place itself is matched on its own (``find``: a word's names, in the word's offsets)."""
    inside: list[Span] = []
    for span in spans:
        if span.type in PLACE_TYPES:
            continue
        for word in _WORD.finditer(span.surface):
            for place in find(word.group()):
                whole = place.start == 0 and place.end == len(word.group())
                if whole and place.type in PLACE_TYPES:
                    at = span.start + word.start()
                    inside.append(replace(place, start=at, end=at + place.end))
    return inside


_WORD = re.compile(r"[\w-]+")
