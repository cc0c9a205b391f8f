"""Read the corpus named by ``corpus.yaml``, check it, and turn each document into passages.

Every fact in the graph points at a passage, so cleaning must be deterministic (the same bytes
always give the same passages and ids) and must never drop real text. The documents are PDF
extracts and web-page dumps; :func:`clean_text` repairs what those formats break (words
hyphenated across lines, page furniture, paragraphs cut into physical lines) and nothing else.

Raises :class:`~kgraph.errors.CorpusError` (``file:line: reason``) for a missing, malformed,
unreadable or changed manifest or document.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kgraph.errors import CorpusError
from kgraph.ontology import Language
from loaders.sources.cleaning import BULLET, CAPTION, NUMBERED, clean_text, is_heading, is_url
from loaders.sources.located import read_layout

MANIFEST_NAME = "corpus.yaml"
#: Blocks longer than this are split at sentence ends, so a passage stays readable as evidence.
MAX_PASSAGE_CHARS = 1200

#: libyaml's safe parser when PyYAML has it: a manifest of hundreds of documents is read by
#: every load, and the pure-Python parser took a third of a second for 105 of them.
_YAML: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PassageKind = Literal["heading", "paragraph", "list_item", "caption", "url"]


class ManifestEntry(BaseModel):
    """One document as ``corpus.yaml`` describes it; ``sha256`` pins the exact bytes."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=1)
    file: str = Field(pattern=r"^[^/\\]+$")  # a plain name: a document cannot point outside
    language: Language
    kind: str
    title: str
    publisher: str
    year: int | None = None
    notes: str | None = None
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    #: The file the text was extracted from (a PDF, a saved web page, a Word file), kept
    #: beside it; all four fields or none (the five hand-made text documents have none).
    original: str | None = Field(default=None, pattern=r"^[^/\\]+$")
    original_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    original_format: Literal["pdf", "html", "docx"] | None = None
    extractor: str | None = None
    extractor_version: str | None = None

    @model_validator(mode="after")
    def _original_whole(self) -> ManifestEntry:
        given = [self.original, self.original_sha256, self.original_format, self.extractor]
        if any(v is not None for v in given) and any(v is None for v in given):
            raise ValueError("original, original_sha256, original_format and extractor go together")
        return self


class Manifest(BaseModel):
    model_config = ConfigDict(frozen=True)

    documents: list[ManifestEntry]


def passage_id(doc_id: str, ordinal: int) -> str:
    """The id of a document's ``ordinal``-th passage (from 1): ``{doc_id}:p001``.

    The one format for every passage, read or synthetic. Three digits keep the ids of a
    document in order as text up to 999 passages (the largest has 131, a synthetic one 165);
    past that the number simply grows wider.
    """
    return f"{doc_id}:p{ordinal:03d}"


class Passage(BaseModel):
    """A block of cleaned text; ``cleaned[start:end] == text``.

    A passage of a PDF knows its page(s) (from 1), one of a web page or Word file the
    headings above it, outermost first; a hand-made text document's passages know neither.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    doc_id: str
    ordinal: int
    kind: PassageKind
    text: str
    start: int
    end: int
    pages: list[int] | None = None
    heading_path: list[str] | None = None


class Document(BaseModel):
    model_config = ConfigDict(frozen=True)

    entry: ManifestEntry
    raw_sha256: str
    cleaned: str
    passages: list[Passage]


# --- manifest -------------------------------------------------------------------------------


def load_manifest(corpus_dir: Path) -> Manifest:
    """Read and validate ``corpus.yaml``; every problem names the file, and the line if known."""
    path = corpus_dir / MANIFEST_NAME
    if not path.is_file():
        raise CorpusError(str(path), f"{MANIFEST_NAME} not found in corpus folder {corpus_dir}")
    return _manifest(path, path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _manifest(path: Path, text: str) -> Manifest:
    """The manifest of ``text``, parsed once a process: a load reads it for the inputs'
    digests and again for the documents (8 ms each at 105 documents). Keyed by the text read,
    so a changed file is parsed anew; one that fails raises every time (nothing is kept)."""
    items, lines = _parse_manifest(path, text)
    entries = [
        _entry(path, index, item, line)
        for index, (item, line) in enumerate(zip(items, lines, strict=True))
    ]
    _check_unique_ids(path, entries, lines)
    return Manifest(documents=entries)


def _parse_manifest(path: Path, text: str) -> tuple[list[Any], list[int]]:
    """The ``documents`` items and the 1-based line each starts on (YAML nodes keep marks):
    one parse gives both, the nodes and then the values constructed from them."""
    loader = _YAML(text)
    try:
        root = loader.get_single_node()
        data = None if root is None else loader.construct_document(root)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise CorpusError(str(path), f"invalid YAML: {getattr(e, 'problem', e)}", line) from e
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise CorpusError(str(path), "expected a mapping with a 'documents' list")
    assert isinstance(root, yaml.MappingNode)  # data is a dict, so the node is a mapping
    sequence = next(value for key, value in root.value if key.value == "documents")
    return data["documents"], [node.start_mark.line + 1 for node in sequence.value]


def _entry(path: Path, index: int, item: Any, line: int) -> ManifestEntry:
    try:
        return ManifestEntry.model_validate(item)
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(entry)"
        problem = (
            f"missing field '{field}'"
            if first["type"] == "missing"
            else f"field '{field}': {first['msg']}"
        )
        name = item.get("id", "?") if isinstance(item, dict) else "?"
        reason = f"document entry {index + 1} (id {name}): {problem}"
        raise CorpusError(str(path), reason, line) from e


def _check_unique_ids(path: Path, entries: list[ManifestEntry], lines: list[int]) -> None:
    seen: set[str] = set()
    for entry, line in zip(entries, lines, strict=True):
        if entry.id in seen:
            raise CorpusError(str(path), f"duplicate document id '{entry.id}'", line)
        seen.add(entry.id)


# --- documents ------------------------------------------------------------------------------


def read_document(corpus_dir: Path, entry: ManifestEntry) -> Document:
    """Read one document, check its bytes against the manifest, clean it and split it."""
    text, found = checked_text(corpus_dir, entry)
    cleaned, passages = clean_document(entry, text)
    return Document(entry=entry, raw_sha256=found, cleaned=cleaned, passages=passages)


def checked_text(corpus_dir: Path, entry: ManifestEntry) -> tuple[str, str]:
    """A document's text and the sha256 of its bytes, after every check of them against the
    manifest (and of its original, when it has one); not yet cleaned."""
    path = corpus_dir / entry.file
    if not path.is_file():
        raise CorpusError(
            str(path), f"document '{entry.id}' is listed in {MANIFEST_NAME} but missing"
        )
    data = path.read_bytes()
    if not data.strip():
        raise CorpusError(str(path), "document is empty")
    found = hashlib.sha256(data).hexdigest()
    if found != entry.sha256:
        reason = f"document changed under its evidence: expected {entry.sha256}, found {found}"
        raise CorpusError(str(path), reason)
    if entry.original_format is not None:
        _check_original(corpus_dir, entry)
    return _decode(path, data), found


def clean_document(entry: ManifestEntry, text: str) -> tuple[str, list[Passage]]:
    """The cleaned text of a document and its passages (located in the original's pages or
    headings when it has one): the costly part of reading, a function of text and entry."""
    if entry.original_format is not None:
        return located_passages(entry.id, text, entry.original_format)
    cleaned = clean_text(text)
    return cleaned, split_passages(entry.id, cleaned)


def _check_original(corpus_dir: Path, entry: ManifestEntry) -> None:
    """The original must be there with the bytes the manifest names: evidence links to it."""
    assert entry.original is not None  # the entry's validator: all four fields or none
    path = corpus_dir / entry.original
    if not path.is_file():
        raise CorpusError(str(path), f"the original of '{entry.id}' is listed but missing")
    found = hashlib.sha256(path.read_bytes()).hexdigest()
    if found != entry.original_sha256:
        reason = f"the original changed: expected {entry.original_sha256}, found {found}"
        raise CorpusError(str(path), reason)


def located_passages(doc_id: str, text: str, fmt: str) -> tuple[str, list[Passage]]:
    """The cleaned text and passages of an original's extracted text, each passage with its
    page(s) or heading path (:mod:`loaders.sources.located`)."""
    layout = read_layout(text, fmt)
    passages = []
    for passage in split_passages(doc_id, layout.cleaned):
        pages, path, heading = layout.locate(passage.start, passage.end)
        kind = "heading" if heading else passage.kind
        update = {"pages": pages, "heading_path": path, "kind": kind}
        passages.append(passage.model_copy(update=update))
    return layout.cleaned, passages


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise CorpusError(str(path), f"not valid UTF-8 at byte {e.start}: {e.reason}", line) from e


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Every document of the manifest, in manifest order."""
    return [read_document(corpus_dir, entry) for entry in load_manifest(corpus_dir).documents]


# --- passages -------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"(?<=\w{3}[.!?])\s+(?=[A-ZÅÄÖ0-9\"“(])")


def split_passages(doc_id: str, cleaned: str) -> list[Passage]:
    """One passage per block of the cleaned text; ids ``{doc_id}:p001`` on, stable per text."""
    spans = [span for block in _block_spans(cleaned) for span in _split_long(cleaned, *block)]
    return [
        Passage(
            id=passage_id(doc_id, ordinal),
            doc_id=doc_id,
            ordinal=ordinal,
            kind=_classify(cleaned[start:end]),
            text=cleaned[start:end],
            start=start,
            end=end,
        )
        for ordinal, (start, end) in enumerate(spans, start=1)
    ]


def _block_spans(cleaned: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", cleaned)]


def _split_long(cleaned: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a block over MAX_PASSAGE_CHARS at sentence ends into pieces of at most that size.

    A single sentence longer than the limit stays whole: a passage never cuts a sentence.
    """
    if end - start <= MAX_PASSAGE_CHARS:
        return [(start, end)]
    sentences: list[tuple[int, int]] = []
    sentence_start = start
    for m in _SENTENCE_BREAK.finditer(cleaned, start, end):
        sentences.append((sentence_start, m.start()))
        sentence_start = m.end()
    sentences.append((sentence_start, end))
    pieces: list[tuple[int, int]] = []
    piece_start, piece_end = sentences[0]
    for sentence_start, sentence_end in sentences[1:]:
        if sentence_end - piece_start > MAX_PASSAGE_CHARS:
            pieces.append((piece_start, piece_end))
            piece_start = sentence_start
        piece_end = sentence_end
    pieces.append((piece_start, piece_end))
    return pieces


def _classify(text: str) -> PassageKind:
    if is_url(text):
        return "url"
    if BULLET.match(text):
        return "list_item"
    if CAPTION.match(text):
        return "caption"
    if NUMBERED.match(text) is None:
        return "paragraph"
    return "heading" if is_heading(text) else "list_item"
