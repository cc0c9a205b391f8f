"""A PDF's text, page by page, with pypdf (docs/extraction.md says why pypdf).

The pages are joined by form feeds, so a passage can say which page it is on; the running
titles and page numbers, and the words hyphenated across lines, are cleaning's work
(:mod:`loaders.sources.located`), not this module's. Refused with one line: an encrypted PDF
that does not open without a password, a PDF without a text layer (a scan: OCR it first), and
a truncated or damaged file.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from kgraph.errors import CorpusError
from loaders.sources.cleaning import normalise_glyphs

LIBRARY = "pypdf"
#: A page with fewer letters than this has no text layer worth the name.
MIN_LETTERS = 20

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd files are not ours


def read(path: Path, data: bytes) -> tuple[str, str | None]:
    """The PDF's text (pages joined by form feeds) and its metadata title."""
    if b"%%EOF" not in data[-1024:]:
        raise CorpusError(str(path), "the PDF is truncated (it does not end with %%EOF)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _open(path, reader)
        pages = [normalise_glyphs(page.extract_text() or "") for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except CorpusError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CorpusError(str(path), f"the PDF is damaged: {error}") from error
    if not pages:
        raise CorpusError(str(path), "the PDF has no pages")
    if sum(ch.isalpha() for page in pages for ch in page) < MIN_LETTERS:
        raise CorpusError(
            str(path),
            f"the PDF has no text layer ({len(pages)} page(s) of images only, a scan?): "
            "run OCR on it first (for example ocrmypdf) and ingest the result",
        )
    return "\f".join(pages), (title or "").strip() or None


def _open(path: Path, reader: PdfReader) -> None:
    """Open an encrypted PDF that needs no password (a permissions-only lock), or refuse it."""
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except (PyPdfError, DependencyError, NotImplementedError) as error:
        raise CorpusError(
            str(path), f"the PDF is encrypted and cannot be opened: {error}"
        ) from error
    if not opened:
        raise CorpusError(
            str(path), "the PDF is encrypted with a password: save an unprotected copy first"
        )
