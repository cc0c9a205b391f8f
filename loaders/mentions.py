"""Find the known entities that the passages of documents name, each in its document's language.

How a name is matched in a text (Finnish case forms, acronyms, overlaps) is the core's
``kgraph.names.matcher``; this module runs it over the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kgraph.names.matcher import Mention, MentionIndex
from loaders.corpus import Document, Passage


def find_mentions(
    index: MentionIndex, passages: Iterable[Passage], language: str = "fi"
) -> list[Mention]:
    """The mentions in each passage (all in ``language``), tagged with the passage id."""
    return [m for p in passages for m in index.find(p.text, p.id, language)]


def find_in_documents(index: MentionIndex, documents: Iterable[Document]) -> list[Mention]:
    """The mentions in every passage of every document, each in the document's language."""
    return [m for d in documents for m in find_mentions(index, d.passages, d.entry.language)]


def count_mentions(mentions: Iterable[Mention]) -> dict[str, int]:
    """How often each entity is mentioned, by entity id."""
    return dict(Counter(m.entity_id for m in mentions))
