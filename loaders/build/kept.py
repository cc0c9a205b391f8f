"""Work kept by digest: what reading, verifying and matching a document gave, kept on disk
and reused while everything it was made from is unchanged.

In: a folder (``KGRAPH_HOME/kept`` unless ``KGRAPH_KEEP_WORK=false``) and the code's digest
(``loaders.sources.inputs.code_digest``). A document's key is the digest of the code, its
manifest entry and its bytes; under it each document keeps one entry of each kind, valid for
one digest of what else the kind depends on:

passages  the cleaned text and its passages              nothing else
anchors   the registry's anchors in it, resolved         the registry entries citing it
mentions  the registry's names found in each passage     the name index
coverage  its share of the coverage report               the name index and the scan

Beside the documents, the answers of the Finnish dictionary the documents' cleaning and
matching asked for (``lexicon/fi.json``: lemmas and known words, ``kgraph.names.finnish``) are
kept for the digest of the code and simplemma's version. They are handed to the dictionary
before a document is cleaned or matched, so that a load whose new or changed document uses
only words asked about before never imports simplemma (55 ms, more than the matcher's work on
a page); a word not among them is looked up as always, and the entry grows with it.

Beside the documents, the parsed registry is kept (one entry, ``registry/parsed.pickle``) for
the digest of the code, the registry's files and the Python and pydantic versions, so a
load of unchanged registry files does not parse its YAML again. It is a pickle: the kept
folder is the project's own state, as trusted as its code, and the entry is read only when
its header names these digests and the SHA-256 of its content.

Out: exactly what the work would give. Only work that succeeded is kept: an anchor that does
not resolve raises as it always did, and since an anchor's text is part of its entry's digest,
a changed anchor is never answered from an older resolution. An entry is a line of JSON (its
kind, key, dependency digest and the SHA-256 of its content), then the content; one that is
unreadable, corrupt or made for other digests is ignored and the work done and kept again,
never trusted. Writes go to a temporary file renamed into place (a reader sees a whole entry
or none), and a write that fails leaves the load as it was. ``prune`` removes the entries of
every document key the manifest no longer names (an edited, removed or re-coded document).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydantic

from kgraph.errors import RegistryError
from kgraph.names import finnish
from loaders.sources.corpus import (
    Document,
    ManifestEntry,
    Passage,
    checked_text,
    clean_document,
    load_manifest,
    passage_id,
)
from loaders.sources.evidence import (
    EvidenceIndex,
    Resolved,
    claims_by_document,
    group_anchors,
    resolve_document,
    resolve_evidence,
)
from loaders.sources.inputs import Inputs, entry_digest, registry_digest
from loaders.sources.registry import Registry, load_registry

if TYPE_CHECKING:
    # Imported where a document's mentions or share are read back: a load that finds its
    # inputs unchanged makes a Kept and never needs the matcher or the coverage scan.
    from kgraph.names.matcher import Mention
    from loaders.build.coverage import DocumentCoverage

#: Mentions by passage id, as the matcher found them.
Matched = dict[str, list["Mention"]]

#: The folder of the kept registry; documents' folders are named by hex digests, never this.
REGISTRY_ENTRY = "registry"
#: The folder of the kept answers of the Finnish dictionary (``lexicon``).
LEXICON_ENTRY = "lexicon"


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


class Kept:
    """The kept work of the documents under ``folder``, for code of digest ``code``."""

    def __init__(self, folder: Path, code: str) -> None:
        self.folder = folder
        self.code = code
        #: How many answers of each kind the kept lexicon holds (as read, or as last
        #: written); None until a document is cleaned or matched.
        self._lexicon: tuple[int, int] | None = None

    # --- the four kinds ----------------------------------------------------------------------

    def read_corpus(self, corpus_dir: Path) -> list[Document]:
        """``load_corpus``: every document checked against the manifest, its cleaning kept."""
        return [self.read_document(corpus_dir, e) for e in load_manifest(corpus_dir).documents]

    def read_document(self, corpus_dir: Path, entry: ManifestEntry) -> Document:
        """``read_document``: its bytes are always read and checked; only cleaning is kept."""
        text, sha = checked_text(corpus_dir, entry)
        key = self.key(entry_digest(entry), sha)
        kept = self._get(key, "passages", "")
        if kept is not None:
            cleaned = kept["cleaned"]
            passages = [
                Passage(id=passage_id(entry.id, ordinal), doc_id=entry.id, ordinal=ordinal,
                        kind=kind, text=cleaned[start:end], start=start, end=end, pages=pages,
                        heading_path=path)
                for ordinal, kind, start, end, pages, path in kept["passages"]
            ]  # fmt: skip
        else:
            self.lexicon()
            cleaned, passages = clean_document(entry, text)
            spans = [[p.ordinal, p.kind, p.start, p.end, p.pages, p.heading_path] for p in passages]
            self._put(key, "passages", "", {"cleaned": cleaned, "passages": spans})
        return Document(entry=entry, raw_sha256=sha, cleaned=cleaned, passages=passages)

    def resolve_evidence(self, registry: Registry, documents: dict[str, Document]) -> EvidenceIndex:
        """``resolve_evidence``: each document's anchors resolved once per registry entries
        citing it. Any anchor that fails, or names no document, is left to
        ``resolve_evidence`` itself, so the error is the one a load without kept work raises."""
        by_doc = claims_by_document(registry)
        if set(by_doc) - set(documents):
            return resolve_evidence(registry, documents)
        index = EvidenceIndex()
        for doc_id, groups in by_doc.items():
            document = documents[doc_id]
            key, depends = self._doc_key(document), _digest(group_anchors(groups))
            kept = self._get(key, "anchors", depends)
            if kept is None:
                try:
                    placed = resolve_document(document, groups)
                except RegistryError:
                    return resolve_evidence(registry, documents)
                kept = [[owner, r.passage_id, r.anchor] for owner, r in placed]
                self._put(key, "anchors", depends, kept)
            for owner, passage, anchor in kept:
                index.add(owner, Resolved(doc_id, passage, anchor))
        return index

    def mentions(self, document: Document, names: str, find: Callable[[], Matched]) -> Matched:
        """What the name index of digest ``names`` finds in each passage (``find``)."""
        from kgraph.names.matcher import Mention

        key = self._doc_key(document)
        kept = self._get(key, "mentions", names)
        if kept is not None:
            return {
                passage: [Mention(entity_id=e, passage_id=passage, start=s, end=t, surface=w)
                          for e, s, t, w in found]
                for passage, found in kept.items()
            }  # fmt: skip
        self.lexicon()
        matched = find()
        self._put(key, "mentions", names, {
            passage: [[m.entity_id, m.start, m.end, m.surface] for m in found]
            for passage, found in matched.items()
        })  # fmt: skip
        return matched

    def coverage(
        self, document: Document, scan: str, measure: Callable[[], DocumentCoverage]
    ) -> DocumentCoverage:
        """The document's share of the coverage report, by a scan of digest ``scan``."""
        from loaders.build.coverage import DocumentCoverage

        key = self._doc_key(document)
        kept = self._get(key, "coverage", scan)
        if kept is not None:
            return DocumentCoverage.from_dict(kept)
        share = measure()
        self._put(key, "coverage", scan, share.as_dict())
        return share

    def lexicon(self) -> None:
        """Hand the dictionary's kept answers to ``kgraph.names.finnish``, once: before the
        first document that is cleaned or matched rather than read back."""
        if self._lexicon is not None:
            return
        kept = self._get(LEXICON_ENTRY, "fi", self._lexicon_key())
        entry = kept if isinstance(kept, dict) else {}
        lemmas, known = entry.get("lemmas") or {}, entry.get("known") or {}
        finnish.remember(lemmas, known)
        self._lexicon = (len(lemmas), len(known))

    def keep_lexicon(self) -> None:
        """Keep the answers the dictionary holds, when they are more than the kept ones: a
        document was cleaned or matched with a word not asked about before."""
        if self._lexicon is None:
            return
        lemmas, known = finnish.remembered()
        if (len(lemmas), len(known)) != self._lexicon:
            self._put(LEXICON_ENTRY, "fi", self._lexicon_key(), {"lemmas": lemmas, "known": known})
            self._lexicon = (len(lemmas), len(known))

    def _lexicon_key(self) -> str:
        return _digest([self.code, finnish.simplemma_version()])

    def registry(self, directory: Path) -> Registry:
        """``load_registry``: the registry parsed once per digest of the code and its files.
        A registry that does not load raises as it always did, and nothing is kept."""
        path = self.folder / REGISTRY_ENTRY / "parsed.pickle"
        wanted = self._registry_key(registry_digest(directory))
        try:
            head, _, body = path.read_bytes().partition(b"\n")
            if json.loads(head) == {"depends": wanted, "sha256": hashlib.sha256(body).hexdigest()}:
                # A damaged entry (the header checked, the pickle not loadable) is never trusted.
                kept = pickle.loads(body)  # the project's own state folder
                if isinstance(kept, Registry):
                    return kept
        except Exception:  # any unreadable entry is parsed again
            pass
        registry = load_registry(directory)
        body = pickle.dumps(registry, protocol=pickle.HIGHEST_PROTOCOL)
        header = {"depends": self._registry_key(registry.digest),
                  "sha256": hashlib.sha256(body).hexdigest()}  # fmt: skip
        self._write(path, json.dumps(header).encode() + b"\n" + body)
        return registry

    def _registry_key(self, registry: str) -> str:
        """The kept registry's digest: the code's, the files', and the versions that make its
        pickle (Python's and pydantic's)."""
        return _digest([self.code, registry, sys.version, pydantic.VERSION])

    # --- keys, entries, pruning --------------------------------------------------------------

    def key(self, entry: str, sha256: str) -> str:
        """A document's key: the code, its manifest entry's digest and its bytes' SHA-256."""
        return _digest([self.code, entry, sha256])

    def _doc_key(self, document: Document) -> str:
        return self.key(entry_digest(document.entry), document.raw_sha256)

    def _path(self, key: str, kind: str) -> Path:
        return self.folder / key / f"{kind}.json"

    def _get(self, key: str, kind: str, depends: str) -> Any:
        """The content of an entry made for these digests; None when there is none to trust."""
        try:
            data = self._path(key, kind).read_bytes()
            head, _, body = data.partition(b"\n")
            header = json.loads(head)
            wanted = {"kind": kind, "key": key, "depends": depends,
                      "sha256": hashlib.sha256(body).hexdigest()}  # fmt: skip
            return json.loads(body) if header == wanted else None
        except (OSError, ValueError):
            return None

    def _put(self, key: str, kind: str, depends: str, content: Any) -> None:
        body = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
        header = {"kind": kind, "key": key, "depends": depends,
                  "sha256": hashlib.sha256(body).hexdigest()}  # fmt: skip
        self._write(self._path(key, kind), json.dumps(header).encode() + b"\n" + body)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        """``data`` into ``path`` whole or not at all; a failure is not the load's."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return  # kept work saves time; failing to keep it costs none of the load's result

    def prune(self, inputs: Inputs) -> int:
        """Remove the kept work of every document key ``inputs`` do not name; how many. The
        kept registry and lexicon stay: each is replaced when what it depends on changes."""
        current = {
            self.key(entry, inputs.documents[doc])
            for doc, entry in inputs.entries.items()
            if doc in inputs.documents
        }
        removed = 0
        for folder in self.folder.glob("*") if self.folder.is_dir() else ():
            if folder.name not in current and folder.name not in (REGISTRY_ENTRY, LEXICON_ENTRY):
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed
