"""A new document joins the corpus: copied into the corpus folder and named in its manifest.

The file is a PDF, a saved web page, a Word file or UTF-8 text, told by its content
(:mod:`loaders.sources.formats`). Everything is checked before anything changes: its size,
the language, that its text can be extracted and makes passages, and that the corpus does
not hold it already (same bytes, same title or same file name). Then the extracted text is
written in under its new id (``NNN_xxx.txt``) with the original beside it (``NNN_xxx.pdf``),
and the manifest is written whole to a temporary file and moved over the old one; if that
fails, both files are removed.

A new id is ``NNN_<16 hex>``: the next free three-digit number and the first 16 hex digits of
the sha256 of the file as the user gave it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from kgraph.errors import CorpusError
from kgraph.names.spelling import normal
from kgraph.ontology import LANGUAGES
from loaders.sources.cleaning import clean_text
from loaders.sources.corpus import (
    MANIFEST_NAME,
    ManifestEntry,
    load_manifest,
    located_passages,
    split_passages,
)
from loaders.sources.formats import SUFFIXES, Extracted, extract

_NUMBER = re.compile(r"^(\d{3})_")


#: The default limit on the size of a file to ingest (``KGRAPH_INGEST_MAX_BYTES``).
MAX_BYTES = 50_000_000  # as Settings.ingest_max_bytes


def _read(source: Path, max_bytes: int) -> bytes:
    try:
        size = source.stat().st_size
        if size > max_bytes:
            raise CorpusError(
                str(source),
                f"the file is {size:,} bytes, over the limit of {max_bytes:,} "
                "(KGRAPH_INGEST_MAX_BYTES)",
            )
        data = source.read_bytes()
    except OSError as error:
        raise CorpusError(str(source), f"cannot read the file: {error.strerror}") from error
    if not data.strip():
        raise CorpusError(str(source), "the file is empty")
    return data


def _next_id(entries: list[ManifestEntry], sha256: str) -> str:
    numbers = [int(m[1]) for e in entries if (m := _NUMBER.match(e.id))]
    return f"{max(numbers, default=-1) + 1:03d}_{sha256[:16]}"


def _already_there(
    entries: list[ManifestEntry], source: Path, hashes: set[str], title: str
) -> None:
    for entry in entries:
        if {entry.sha256, entry.original_sha256} & hashes:
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


def _has_passages(doc_id: str, extracted: Extracted) -> bool:
    if extracted.format == "text":
        return bool(split_passages(doc_id, clean_text(extracted.text)))
    return bool(located_passages(doc_id, extracted.text, extracted.format)[1])


def _new_entry(
    doc_id: str, data: bytes, extracted: Extracted, text: bytes, about: Mapping[str, object]
) -> ManifestEntry:
    if extracted.format == "text":
        return ManifestEntry.model_validate(
            {
                "id": doc_id,
                "file": f"{doc_id}.txt",
                **about,
                "sha256": hashlib.sha256(text).hexdigest(),
            }
        )
    return ManifestEntry.model_validate(
        {
            "id": doc_id, "file": f"{doc_id}.txt", **about,
            "sha256": hashlib.sha256(text).hexdigest(),
            "original": f"{doc_id}{SUFFIXES[extracted.format]}",
            "original_sha256": hashlib.sha256(data).hexdigest(),
            "original_format": extracted.format,
            "extractor": extracted.extractor, "extractor_version": extracted.extractor_version,
        }
    )  # fmt: skip


def ingest(
    corpus_dir: Path,
    source: Path,
    *,
    title: str | None,
    language: str,
    kind: str = "document",
    publisher: str = "unknown",
    year: int | None = None,
    max_bytes: int = MAX_BYTES,
) -> ManifestEntry:
    """Add ``source`` (PDF, HTML, DOCX or text) to the corpus of ``corpus_dir``; returns its
    manifest entry. Without a ``title`` the document's own (PDF metadata, ``<title>``) is used.

    Raises CorpusError (one line, naming the file) and changes nothing on bad input.
    """
    if language not in LANGUAGES:
        raise CorpusError(
            str(source), f"unknown language '{language}' (one of {', '.join(LANGUAGES)})"
        )
    manifest = load_manifest(corpus_dir)
    data = _read(source, max_bytes)
    extracted = extract(source, data)
    title = normal((title or extracted.title or "").strip())  # in the manifest as the text is: NFKC
    if not title.strip():
        raise CorpusError(str(source), "the document needs a title (--title)")
    text = extracted.text.encode("utf-8") if extracted.format != "text" else data
    hashes = {hashlib.sha256(data).hexdigest(), hashlib.sha256(text).hexdigest()}
    _already_there(manifest.documents, source, hashes, title)
    doc_id = _next_id(manifest.documents, hashlib.sha256(data).hexdigest())
    if not _has_passages(doc_id, extracted):
        raise CorpusError(str(source), "the file holds no text a passage could be made of")
    about = {"language": language, "kind": kind, "title": title, "publisher": publisher,
             "year": year}  # fmt: skip
    entry = _new_entry(doc_id, data, extracted, text, about)
    _write_in(corpus_dir, entry, {entry.file: text, entry.original: data})
    return entry


def _write_in(corpus_dir: Path, entry: ManifestEntry, files: dict[str | None, bytes]) -> None:
    """Write the document's files and its manifest entry; on any failure, none of them."""
    manifest_path = corpus_dir / MANIFEST_NAME
    original = manifest_path.read_bytes()
    targets = {corpus_dir / name: data for name, data in files.items() if name is not None}
    for target in targets:
        if target.exists():
            raise CorpusError(str(target), "a file of this name is in the corpus folder already")
    grown = original.decode("utf-8").rstrip("\n") + "\n" + _entry_text(entry)
    written: list[Path] = []
    try:
        for target, data in targets.items():
            _write_atomically(target, data)
            written.append(target)
        _write_atomically(manifest_path, grown.encode("utf-8"))
        load_manifest(corpus_dir)
    except (OSError, CorpusError):
        _write_atomically(manifest_path, original)
        for target in written:
            target.unlink(missing_ok=True)
        raise
