"""A Word file's text with python-docx: paragraphs and table rows in order, headings marked.

A paragraph styled ``Title`` or ``Heading N`` (or given an outline level) is a heading of
that level, written ``#`` .. ``######`` as a web page's are, so its passages know their heading
path; a list paragraph becomes an item (``•``); a table row becomes ``cell | cell``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from kgraph.errors import CorpusError
from loaders.sources.cleaning import fold, normalise_glyphs

LIBRARY = "python-docx"
_HEADING_STYLE = re.compile(r"(?:heading|otsikko|rubrik)\s*(\d)", re.IGNORECASE)


def read(path: Path, data: bytes) -> tuple[str, str | None]:
    """The document's text (blocks apart, headings marked) and its core title."""
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
        title = document.core_properties.title
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise CorpusError(str(path), f"the Word file is damaged: {error}") from error
    except Exception as error:  # lxml's XMLSyntaxError and kin: a part that does not parse
        if type(error).__module__.startswith(("lxml", "docx")):
            raise CorpusError(str(path), f"the Word file is damaged: {error}") from error
        raise
    if not any(not b.startswith("#") for b in blocks):
        raise CorpusError(str(path), "the Word file holds no text")
    return normalise_glyphs("\n\n".join(blocks)) + "\n", fold(title or "") or None


def _blocks(document: Any) -> Iterator[str]:
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield from _paragraph(Paragraph(child, document))
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                cells = list(dict.fromkeys(fold(cell.text) for cell in row.cells))  # merged cells
                if any(cells):
                    yield " | ".join(c for c in cells if c)


def _paragraph(paragraph: Any) -> Iterator[str]:
    text = fold(paragraph.text)
    if not text:
        return
    level = _level(paragraph)
    if level is not None:
        yield "#" * level + " " + text
    elif _is_item(paragraph):
        yield "• " + text.lstrip("•-–*· ")
    else:
        yield text


def _level(paragraph: Any) -> int | None:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name.casefold() in ("title", "otsikko"):
        return 1
    found = _HEADING_STYLE.fullmatch(name.strip())
    if found:
        return min(6, int(found[1]) + 1)  # below the title
    outline = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None:
        return min(6, int(outline.get(qn("w:val"), "0")) + 2)
    return None


def _is_item(paragraph: Any) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    numbered = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    return numbered or name.casefold().startswith(("list", "luettelo"))
