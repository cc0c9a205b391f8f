"""A text as a one-document corpus, as the extractor's unit tests read it."""

from __future__ import annotations

from kgraph.ontology import Language
from loaders.sources.cleaning import clean_text
from loaders.sources.corpus import Document, ManifestEntry, split_passages


def text_document(text: str, language: Language = "en", doc_id: str = "t") -> Document:
    """``text`` cleaned and cut into passages as a corpus document ``doc_id`` would be."""
    entry = ManifestEntry(
        id=doc_id,
        file=f"{doc_id}.txt",
        language=language,
        kind="test",
        title=doc_id,
        publisher="t",
        sha256="0" * 64,
    )
    cleaned = clean_text(text)
    passages = split_passages(doc_id, cleaned)
    return Document(entry=entry, raw_sha256="0" * 64, cleaned=cleaned, passages=passages)
