"""Documents of a corpus -> proposals files: one document, or all that are new or changed.

A document is *new* when no proposals file exists for it and the registry cites none of its
text (the five curated documents are not new), *changed* when its proposals were read from
other bytes (``doc_sha256``). Rejections of a previous run are kept, and their items are not
proposed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kgraph.errors import CorpusError
from loaders.extract.document import extract_document
from loaders.extract.learned import LearnedPatterns
from loaders.extract.linking import Linker
from loaders.extract.nlp import Pipelines, load_pipelines
from loaders.extract.words import load_words
from loaders.proposals.files import Proposals, proposals_path, read_proposals, write_proposals
from loaders.proposals.from_drafts import build_proposals
from loaders.sources.corpus import Document, load_corpus
from loaders.sources.registry import Registry


@dataclass(frozen=True)
class Extracted:
    proposals: Proposals
    path: Path


def extract_one(
    document: Document,
    linker: Linker,
    pipelines: Pipelines,
    previous: Proposals | None = None,
    learned: LearnedPatterns | None = None,
) -> Proposals:
    """The proposals for ``document``; ``previous`` contributes its rejections; ``learned``
    are the patterns learned from curation to apply (by default ``learned.yaml``)."""
    rejected = previous.rejected if previous is not None else []
    read = extract_document(document, linker, pipelines, load_words(), learned)
    keys = frozenset(r.key for r in rejected)
    proposals = build_proposals(document, read, pipelines.models, keys)
    return proposals.model_copy(update={"rejected": list(rejected)})


def cited_documents(registry: Registry) -> set[str]:
    """The documents the registry's evidence quotes."""
    cited = {e.doc for entity in registry.entities for e in entity.item.evidence}
    cited |= {e.doc for fact in registry.facts for e in fact.item.evidence}
    return cited | {e.doc for oddity in registry.oddities for e in oddity.item.evidence}


def select(
    documents: list[Document], registry: Registry, folder: Path, doc_id: str | None
) -> list[tuple[Document, Proposals | None]]:
    """The documents to extract, each with its previous proposals (None when there are none)."""
    if doc_id is not None:
        chosen = [d for d in documents if d.entry.id == doc_id]
        if not chosen:
            known = ", ".join(d.entry.id for d in documents)
            raise CorpusError("corpus.yaml", f"no document '{doc_id}' (known: {known})")
        return [(chosen[0], _previous(folder, doc_id))]
    cited = cited_documents(registry)
    picked: list[tuple[Document, Proposals | None]] = []
    for document in documents:
        previous = _previous(folder, document.entry.id)
        if previous is None and document.entry.id not in cited:
            picked.append((document, None))
        elif previous is not None and previous.doc_sha256 != document.raw_sha256:
            picked.append((document, previous))
    return picked


def _previous(folder: Path, doc_id: str) -> Proposals | None:
    path = proposals_path(folder, doc_id)
    return read_proposals(path) if path.is_file() else None


def extract_corpus(
    corpus_dir: Path, registry: Registry, folder: Path, doc_id: str | None, *, write: bool = True
) -> list[Extracted]:
    """Extract the selected documents and (unless ``write`` is false) write their files."""
    chosen = select(load_corpus(corpus_dir), registry, folder, doc_id)
    if not chosen:
        return []
    linker = Linker.from_registry(registry)
    pipelines = load_pipelines()
    done = []
    for document, previous in chosen:
        proposals = extract_one(document, linker, pipelines, previous)
        path = proposals_path(folder, document.entry.id)
        if write:
            write_proposals(path, proposals)
        done.append(Extracted(proposals, path))
    return done
