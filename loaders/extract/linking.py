"""Spans of a passage that name entities the registry already holds.

The registry's names are matched by the one matcher, ``kgraph.names.matcher.MentionIndex``
(every Finnish case, Swedish and English names, aliases), built once per registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from kgraph.names.matcher import MentionIndex
from kgraph.ontology import EntitySpec, Language
from loaders.build.mentions import entity_names
from loaders.build.rows import identity_names
from loaders.extract.spans import Span
from loaders.proposals.files import LinkHow
from loaders.sources.registry import Registry


@dataclass(frozen=True)
class Linker:
    """The registry's entities and the index of their names."""

    index: MentionIndex
    entities: dict[str, EntitySpec]

    @classmethod
    def from_registry(cls, registry: Registry) -> Linker:
        entities = [e.item for e in registry.entities]
        index = MentionIndex(entity_names(entities, identity_names(registry)))
        return cls(index, {e.id: e for e in entities})

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
