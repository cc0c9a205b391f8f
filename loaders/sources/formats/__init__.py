"""The files people have, as text the corpus reads: PDF, a saved web page, Word, plain text.

The format is told by the file's content, not its name: ``%PDF-`` opens a PDF, a zip with
``word/document.xml`` is a Word file, ``<!doctype html`` or ``<html`` (after an XML prolog or
comments, as browsers save pages) is HTML, and anything else that reads as UTF-8 is text. A name
that says otherwise is refused, since one of the two is wrong.

Every refusal is a :class:`~kgraph.errors.CorpusError` naming the file and the problem.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Literal

from kgraph.errors import CorpusError

Format = Literal["pdf", "html", "docx", "text"]

#: The content type each original is served with, and the suffix it is kept under.
MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SUFFIXES: dict[str, str] = {"pdf": ".pdf", "html": ".html", "docx": ".docx"}
#: Which suffixes name which format, to catch a file whose name and content disagree.
_NAMED: dict[str, Format] = {".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html",
                             ".docx": "docx", ".txt": "text"}  # fmt: skip
_HTML = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html)", re.I | re.S
)
#: Formats people may try that kgraph does not read, by their first bytes.
_OTHERS: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "an old Word .doc (or other Office 97-2003) file: save it as .docx"),
    (b"\x89PNG", "a PNG image: run OCR on it first and ingest the text"),
    (b"\xff\xd8\xff", "a JPEG image: run OCR on it first and ingest the text"),
    (b"{\\rtf", "an RTF file: save it as .docx"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
)


@dataclass(frozen=True)
class Extracted:
    """An original's text in the corpus's layout (see :mod:`loaders.sources.located`)."""

    format: Format
    text: str
    title: str | None = None  # the document's own title (PDF metadata, <title>, core properties)
    extractor: str | None = None  # the library that read it, and its version
    extractor_version: str | None = None


def detect(path: Path, data: bytes) -> Format:
    """The format of ``data`` by its content; refuses a format kgraph does not read."""
    found = _by_content(path, data)
    named = _NAMED.get(path.suffix.lower())
    if named is not None and named != found:
        raise CorpusError(str(path), f"named {path.suffix} but its content is {_NAMES[found]}")
    return found


_UNKNOWN = ", nor PDF, HTML or Word .docx: a format kgraph does not read"
_NAMES = {"pdf": "a PDF", "html": "HTML", "docx": "a Word .docx file", "text": "plain text"}


def _by_content(path: Path, data: bytes) -> Format:
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(path, data)
    if _HTML.match(data[:4096].removeprefix(b"\xef\xbb\xbf")):
        return "html"
    for magic, what in _OTHERS:
        if data.startswith(magic):
            raise CorpusError(str(path), f"a format kgraph does not read: {what}")
    if b"\x00" in data[:4096]:
        at = data.index(b"\x00")
        raise CorpusError(str(path), f"not UTF-8 text (a NUL byte at {at}){_UNKNOWN}")
    return "text"


def _zip_kind(path: Path, data: bytes) -> Format:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile as error:
        raise CorpusError(str(path), f"a damaged or truncated zip file: {error}") from error
    if "word/document.xml" in names:
        return "docx"
    what = "an OpenDocument file" if "mimetype" in names else "a zip archive"
    raise CorpusError(str(path), f"a format kgraph does not read: {what}, not a Word .docx file")


def extract(path: Path, data: bytes) -> Extracted:
    """The text of ``data`` (the bytes of ``path``) in the corpus's layout, by its format."""
    fmt = detect(path, data)
    if fmt == "text":
        return Extracted("text", _utf8(path, data))
    if fmt == "pdf":
        from loaders.sources.formats import pdf as reader
    elif fmt == "html":
        from loaders.sources.formats import html as reader  # type: ignore[no-redef]
    else:
        from loaders.sources.formats import docx as reader  # type: ignore[no-redef]
    text, title = reader.read(path, data)
    return Extracted(fmt, text, title, reader.LIBRARY, version(reader.LIBRARY))


def _utf8(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        reason = f"not UTF-8 text (byte {error.start}){_UNKNOWN}"
        raise CorpusError(str(path), reason, line) from error
