"""Where a passage of an extracted document is: its page(s) in a PDF, its headings in a page.

An original's extracted text (see :mod:`loaders.sources.formats`) keeps what the reader needs
to find a passage again in the original: a form feed between a PDF's pages, and ``#`` marks
before the headings of a web page or a Word file (``## Rahoitetut hankkeet``). Reading it,
the running titles and page numbers at the top and bottom of each page are dropped first, the
marks come off, then :func:`~loaders.sources.cleaning.clean_blocks` cleans the rest as it
cleans every document, and each block keeps the pages and the heading path it came from.

The five hand-made text documents have no original and are read as before, without any of this.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from loaders.sources.cleaning import Block, clean_blocks, fold

#: A line that is only a page number: "12", "- 12 -", "12 / 50", "Sivu 12", "Page 3 of 9".
_PAGE_NUMBER = re.compile(
    r"(?:sivu|sida|page|s\.|p\.)?\s*[-–(]?\s*\d{1,4}\s*(?:(?:/|of|\()\s*\d{1,4}\)?)?\s*[-–)]?",
    re.IGNORECASE,
)
_HEADING_MARK = re.compile(r"(#{1,6}) +(\S.*)")
#: How many lines at a page's top and bottom may be furniture.
_EDGE_LINES = 3


@dataclass(frozen=True)
class LocatedBlock:
    start: int  # offset of the block in the cleaned text
    block: Block
    pages: tuple[int, ...]  # the page of each origin line (empty without pages)
    heading_level: int | None
    heading_path: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    """A document's cleaned text and where each of its blocks came from."""

    cleaned: str
    blocks: tuple[LocatedBlock, ...]
    paged: bool

    def locate(self, start: int, end: int) -> tuple[list[int] | None, list[str] | None, bool]:
        """The pages (of a paged document) and heading path of ``cleaned[start:end]``, and
        whether it is a heading."""
        starts = [b.start for b in self.blocks]
        at = max(0, bisect.bisect_right(starts, start) - 1)
        found = self.blocks[at]
        pages = (
            _pages_between(found, start - found.start, end - found.start) if self.paged else None
        )
        path = list(found.heading_path) or None
        return pages, path, found.heading_level is not None


def _pages_between(found: LocatedBlock, start: int, end: int) -> list[int]:
    offsets = [offset for offset, _ in found.block.origins] + [len(found.block.text) + 1]
    return sorted(
        {page for k, page in enumerate(found.pages) if offsets[k] < end and offsets[k + 1] > start}
    )


def read_layout(raw: str, fmt: str) -> Layout:
    """Clean an extracted text of format ``pdf``, ``html`` or ``docx`` and locate its blocks."""
    paged = fmt == "pdf"
    pages = raw.replace("\r\n", "\n").replace("\r", "\n").split("\f") if paged else [raw]
    lines, page_of = _without_furniture(pages) if paged else (raw.split("\n"), None)
    levels: dict[int, int] = {}
    if not paged:
        for i, line in enumerate(lines):
            mark = _HEADING_MARK.fullmatch(line.strip())
            if mark:
                levels[i] = len(mark[1])
                lines[i] = mark[2]
    # A PDF reader's lines are wrapped by the layout; a page's or Word file's are the author's.
    blocks = clean_blocks("\n".join(lines), wrapped=paged)
    return Layout("\n\n".join(b.text for b in blocks), _located(blocks, page_of, levels), paged)


def _located(
    blocks: list[Block], page_of: list[int] | None, levels: dict[int, int]
) -> tuple[LocatedBlock, ...]:
    out: list[LocatedBlock] = []
    stack: list[tuple[int, str]] = []  # the headings above, outermost first
    offset = 0
    title_level = _title_level(blocks, levels)
    for block in blocks:
        first = block.origins[0][1]
        level = levels.get(first)
        if level is not None:
            stack = [(lv, text) for lv, text in stack if lv < level] + [(level, block.text)]
        pages = tuple(page_of[i] for _, i in block.origins) if page_of is not None else ()
        path = tuple(text for lv, text in stack if lv != title_level)
        out.append(LocatedBlock(offset, block, pages, level, path))
        offset += len(block.text) + 2
    return tuple(out)


def _title_level(blocks: list[Block], levels: dict[int, int]) -> int | None:
    """The level of the document's title: a top-level heading that is the only one of its
    level. It names the whole document, as its manifest title does, so paths leave it out."""
    found = [levels[b.origins[0][1]] for b in blocks if b.origins[0][1] in levels]
    top = min(found, default=None)
    return top if top is not None and found.count(top) == 1 else None


def _without_furniture(pages: list[str]) -> tuple[list[str], list[int]]:
    """Every page's lines, with its running title and page number blanked, and the page
    (from 1) of each line.

    Furniture is what stands at a page's top or bottom (its first or last three lines) and is
    either a bare page number or the same line (digits aside) at the edge of at least two
    pages and a fifth of them: a running title, a report's name, "Sivu 3 / 50".
    """
    split = [page.split("\n") for page in pages]
    recurring = _recurring_edges(split)
    lines: list[str] = []
    page_of: list[int] = []
    for number, page in enumerate(split, start=1):
        for i in _furniture_of(page, recurring):
            page[i] = ""
        lines.extend(page)
        page_of.extend([number] * len(page))
    return lines, page_of


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", fold(line)).casefold()


def _edges(page: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(page) if line.strip()]
    return sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))


def _recurring_edges(pages: list[list[str]]) -> set[str]:
    counts: dict[str, int] = {}
    for page in pages:
        for key in {_key(page[i]) for i in _edges(page)}:
            counts[key] = counts.get(key, 0) + 1
    least = max(2, math.ceil(len(pages) / 5))
    return {key for key, count in counts.items() if count >= least}


def _furniture_of(page: list[str], recurring: set[str]) -> list[int]:
    """The furniture lines of one page, peeled from the top and from the bottom."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    found: list[int] = []
    for order in (filled[:_EDGE_LINES], list(reversed(filled[-_EDGE_LINES:]))):
        for i in order:
            text = page[i].strip()
            if i in found:
                break
            if _PAGE_NUMBER.fullmatch(text) is None and _key(text) not in recurring:
                break
            found.append(i)
    return found
