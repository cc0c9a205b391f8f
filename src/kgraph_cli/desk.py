"""The review desk's backend: ``kgraph review``'s code on the configured folders, handed to
the API (``api.review_port.ReviewDesk``) by ``kgraph serve`` and ``kgraph up``.

Every write goes through ``loaders.proposals.review.review``, the function ``kgraph review``
calls: the same checks (every anchor found, the registry valid as a whole) and the same
all-or-nothing files. What it adds is the version check: a save names the version of the
proposals file and the registry that the reviewer's page was made from, and under one lock
(a file lock, so two API processes agree) a save on any other version is refused.
"""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI

from api.review_port import (
    Checked,
    Decisions,
    DocumentReview,
    LoadReport,
    Saved,
    Waiting,
)
from kgraph.db.graph import Graph
from kgraph.errors import NotFound, RegistryError, ReviewConflict, ReviewRefused
from kgraph.names.matcher import MentionIndex
from kgraph.settings import Settings
from kgraph_cli.desk_view import editable, paragraphs, proposal, registry_entities
from loaders.proposals import review as core
from loaders.proposals.files import Proposals, ProposedEntity, proposals_path, read_proposals
from loaders.sources.corpus import ManifestEntry, load_manifest, read_document
from loaders.sources.names import name_index
from loaders.sources.registry import Registry, load_registry, registry_files

LOCK_NAME = ".review.lock"


class FolderDesk:
    """The desk over the settings' corpus, registry and proposals folders."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._registry: tuple[str, Registry, MentionIndex] | None = None

    # --- reading ----------------------------------------------------------------------------

    def _entries(self) -> dict[str, ManifestEntry]:
        return {e.id: e for e in load_manifest(self.settings.corpus_dir).documents}

    def _proposals(self, doc: str) -> Proposals:
        path = proposals_path(self.settings.proposals_dir, doc)
        if not path.is_file():
            waiting = [w.doc for w in self.documents()]
            raise NotFound("proposals of document", doc, waiting)
        return read_proposals(path)

    def _registry_now(self) -> tuple[Registry, MentionIndex]:
        """The registry and its name index, read again only when its files changed."""
        digest = self._registry_digest()
        if self._registry is None or self._registry[0] != digest:
            registry = load_registry(self.settings.registry_dir)
            self._registry = (digest, registry, name_index(registry))
        return self._registry[1], self._registry[2]

    def _registry_digest(self) -> str:
        sha = hashlib.sha256()
        for path in registry_files(self.settings.registry_dir):
            sha.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        return sha.hexdigest()

    def version(self, doc: str) -> str:
        """The version of what a review of ``doc`` writes: its proposals file and the registry."""
        sha = hashlib.sha256(self._registry_digest().encode())
        path = proposals_path(self.settings.proposals_dir, doc)
        sha.update(path.read_bytes() if path.is_file() else b"")
        return sha.hexdigest()[:32]

    def documents(self) -> list[Waiting]:
        entries = self._entries()
        out = []
        for path in sorted(self.settings.proposals_dir.glob("*.yaml")):
            proposals = read_proposals(path)
            entry = entries.get(proposals.doc)
            out.append(
                Waiting(proposals.doc, entry.title if entry else "(not in the manifest)",
                        len(core.pending(proposals)), len(proposals.rejected))
            )  # fmt: skip
        return out

    def document(self, doc: str) -> DocumentReview:
        version = self.version(doc)
        proposals = self._proposals(doc)
        entry = self._entries().get(doc)
        if entry is None:
            raise NotFound("document", doc, where="the proposals name it; the manifest does not")
        text = read_document(self.settings.corpus_dir, entry)
        items = core.pending(proposals)
        registry, index = self._registry_now()
        proposed = {i.id for i in items if isinstance(i, ProposedEntity)}
        return DocumentReview(
            doc=doc, title=entry.title, language=entry.language, version=version,
            paragraphs=paragraphs(text, items),
            proposals=tuple(proposal(n, i, text, registry, proposed, index)
                            for n, i in enumerate(items)),
            rejected=len(proposals.rejected),
            entities=registry_entities(registry, {i.type for i in items
                                                  if isinstance(i, ProposedEntity)}),
        )  # fmt: skip

    # --- deciding ---------------------------------------------------------------------------

    def check(self, doc: str, version: str, decisions: Decisions) -> Checked:
        """The decisions as ``kgraph review`` would take them; nothing is written."""
        proposals = self._proposals(doc)
        self._same_version(doc, version)
        try:
            registry = self._registry_now()[0] if decisions.merge else None
            decided = core.decide(proposals, _core(decisions), registry)
            edited = {}
            for key, assignments in decisions.edits.items():
                item = next(i for i in core.pending(proposals) if core.item_key(i) == key)
                for assignment in assignments:
                    item = core.edit_item(item, assignment)
                edited[key] = {"key": core.item_key(item), "values": editable(item)}
        except RegistryError as error:
            raise ReviewRefused(str(error)) from error
        renamed = {k: v for k, v in decided.renamed.items() if k != v}
        return Checked(edited, renamed)

    def save(self, doc: str, version: str, decisions: Decisions) -> Saved:
        """``kgraph review``'s review, if nobody wrote since ``version`` was read."""
        with self._locked():
            self._proposals(doc)
            self._same_version(doc, version)
            s = self.settings
            try:
                outcome = core.review(s.proposals_dir, s.registry_dir, s.corpus_dir, doc,
                                      _core(decisions))  # fmt: skip
            except RegistryError as error:
                raise ReviewRefused(str(error)) from error
            return Saved(outcome.accepted, outcome.rejected, outcome.edited, outcome.pending,
                         outcome.files, self.version(doc), outcome.merged)  # fmt: skip

    def _same_version(self, doc: str, version: str) -> None:
        if self.version(doc) != version:
            raise ReviewConflict(
                f"the proposals of {doc} or the registry changed since this page was read "
                "(someone else saved a review): nothing was written; reload to see theirs, "
                "then decide again"
            )

    @contextmanager
    def _locked(self) -> Iterator[None]:
        folder = self.settings.proposals_dir
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / LOCK_NAME).open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # --- loading ----------------------------------------------------------------------------

    def load(self, graph: Graph) -> LoadReport:
        """``kgraph load``: the registry (and the proposals, if the settings say so)."""
        from kgraph_cli.loading import corpus_source, load_lines, load_options
        from loaders.load import load

        s = self.settings
        with self._locked():
            loaded = load(graph, corpus_source(s), s.schema_file, mode="auto",
                          options=load_options(s))  # fmt: skip
        return LoadReport(loaded.load_id, loaded.mode, round(loaded.seconds, 2),
                          load_lines(loaded))  # fmt: skip


def _core(decisions: Decisions) -> core.Decisions:
    return core.Decisions(accept=list(decisions.accept), reject=dict(decisions.reject),
                          edits={k: list(v) for k, v in decisions.edits.items()},
                          merge=dict(decisions.merge))  # fmt: skip


def create_app_with_desk() -> FastAPI:
    """The API with the review desk on the configured folders (``kgraph serve``, ``kgraph up``)."""
    from api.main import create_app

    settings = Settings()
    return create_app(settings, desk=FolderDesk(settings))
