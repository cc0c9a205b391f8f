"""Find the known entities that the passages of documents name, each in its document's language.

How a name is matched in a text (Finnish case forms, acronyms, overlaps) is the core's
``kgraph.names.matcher``; this module runs it over the corpus. Every caller (the load, the
coverage report, the quality measure) matches through ``find_in_documents`` with the one index
of the registry's names (``loaders.sources.names.name_index``), so a document is
never matched in a language other than its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kgraph.names.matcher import Mention, MentionIndex
from kgraph.ontology import Language
from loaders.sources.corpus import Document, Passage


def find_mentions(
    index: MentionIndex, passages: Iterable[Passage], language: Language
) -> list[Mention]:
    """The mentions in each passage (all in ``language``), tagged with the passage id."""
    return [m for p in passages for m in index.find(p.text, p.id, language=language)]


def find_in_documents(index: MentionIndex, documents: Iterable[Document]) -> list[Mention]:
    """The mentions in every passage of every document, each in the document's language."""
    return [m for d in documents for m in find_mentions(index, d.passages, d.entry.language)]


def count_mentions(mentions: Iterable[Mention]) -> dict[str, int]:
    """How often each entity is mentioned, by entity id."""
    return dict(Counter(m.entity_id for m in mentions))


def count_by_passage(mentions: Iterable[Mention]) -> dict[tuple[str, str], int]:
    """(passage id, entity id) -> how many times the passage names the entity."""
    return dict(Counter((m.passage_id or "", m.entity_id) for m in mentions))
