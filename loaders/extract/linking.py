"""Spans of a passage that name entities the registry already holds.

The registry's names are matched by the one index of them (``loaders.sources.names``: every
Finnish case, Swedish and English names, aliases, identity decisions), built once per registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from kgraph.names.matcher import MentionIndex
from kgraph.ontology import EntitySpec, Language
from loaders.extract.spans import LinkHow, Span
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
