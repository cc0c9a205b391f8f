"""A new document joins the corpus: copied into the corpus folder and named in its manifest.

Everything is checked before anything changes: the language, that the file reads as UTF-8
text with passages, and that the corpus does not hold it already (same bytes, same title or
same file name). Then the file is copied in under its new id, and the manifest is written
whole to a temporary file and moved over the old one; if that fails, the copy is removed.

A new id is ``NNN_<16 hex>``: the next free three-digit number and the first 16 hex digits of
the document's sha256.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import yaml

from kgraph.errors import CorpusError
from kgraph.ontology import LANGUAGES
from loaders.sources.cleaning import clean_text
from loaders.sources.corpus import MANIFEST_NAME, ManifestEntry, load_manifest, split_passages

_NUMBER = re.compile(r"^(\d{3})_")


def _read(source: Path) -> tuple[bytes, str]:
    try:
        data = source.read_bytes()
    except OSError as error:
        raise CorpusError(str(source), f"cannot read the file: {error.strerror}") from error
    if not data.strip():
        raise CorpusError(str(source), "the file is empty")
    try:
        return data, data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CorpusError(str(source), f"not UTF-8 text (byte {error.start})", line) from error


def _next_id(entries: list[ManifestEntry], sha256: str) -> str:
    numbers = [int(m[1]) for e in entries if (m := _NUMBER.match(e.id))]
    return f"{max(numbers, default=-1) + 1:03d}_{sha256[:16]}"


def _already_there(entries: list[ManifestEntry], source: Path, sha256: str, title: str) -> None:
    for entry in entries:
        if entry.sha256 == sha256:
            raise CorpusError(str(source), f"the corpus holds this document already, as {entry.id}")
        if entry.title.casefold() == title.casefold():
            raise CorpusError(
                str(source), f"the corpus has a document titled '{title}': {entry.id}"
            )
        if entry.file == source.name:
            raise CorpusError(str(source), f"the corpus has a file named {source.name}: {entry.id}")


def _entry_text(entry: ManifestEntry) -> str:
    """The manifest entry as the hand-written ones look: two spaces in, under ``documents``."""
    data = entry.model_dump(exclude_none=True)
    text = yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=100)
    return "".join(f"  {line}\n" for line in text.splitlines())


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def ingest(
    corpus_dir: Path,
    source: Path,
    *,
    title: str,
    language: str,
    kind: str = "document",
    publisher: str = "unknown",
    year: int | None = None,
) -> ManifestEntry:
    """Add ``source`` to the corpus of ``corpus_dir``; returns its manifest entry.

    Raises CorpusError (one line, naming the file) and changes nothing on bad input.
    """
    if language not in LANGUAGES:
        raise CorpusError(
            str(source), f"unknown language '{language}' (one of {', '.join(LANGUAGES)})"
        )
    if not title.strip():
        raise CorpusError(str(source), "the document needs a title (--title)")
    manifest = load_manifest(corpus_dir)
    data, text = _read(source)
    sha256 = hashlib.sha256(data).hexdigest()
    _already_there(manifest.documents, source, sha256, title.strip())
    doc_id = _next_id(manifest.documents, sha256)
    if not split_passages(doc_id, clean_text(text)):
        raise CorpusError(str(source), "the file holds no text a passage could be made of")
    entry = ManifestEntry(id=doc_id, file=f"{doc_id}.txt", language=language, kind=kind,
                          title=title, publisher=publisher, year=year, sha256=sha256)  # fmt: skip
    manifest_path = corpus_dir / MANIFEST_NAME
    original = manifest_path.read_bytes()
    target = corpus_dir / entry.file
    if target.exists():
        raise CorpusError(str(target), "a file of this name is in the corpus folder already")
    grown = original.decode("utf-8").rstrip("\n") + "\n" + _entry_text(entry)
    _write_atomically(target, data)
    try:
        _write_atomically(manifest_path, grown.encode("utf-8"))
        load_manifest(corpus_dir)
    except (OSError, CorpusError):
        _write_atomically(manifest_path, original)
        target.unlink(missing_ok=True)
        raise
    return entry
