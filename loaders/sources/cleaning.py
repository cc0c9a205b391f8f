"""Cleaning text extracted from PDFs and web pages, without ever dropping real words.

Repairs what those formats break: words hyphenated across line breaks, running page headers
and page numbers, paragraphs cut into physical lines, skip-to-content links. The output has
one block per paragraph, list item, heading, caption or URL, separated by blank lines.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from kgraph.names import finnish
from kgraph.names.spelling import normal

#: Skip-to-content links and the like: navigation, never content.
_BOILERPLATE = frozenset(
    {
        "hyppää sisältöön",
        "siirry sisältöön",
        "skip to content",
        "skip to main content",
        "hoppa till innehållet",
    }
)
#: A word ending a line with a hyphen before one of these is a suspended compound
#: ("tutkimus- ja kehitystyö"): the hyphen stays and so does the space.
_CONJUNCTIONS = frozenset({"ja", "tai", "sekä", "eli", "and", "or"})

_PAGE_NUMBER = re.compile(r"\d{1,3}")
BULLET = re.compile(r"[•◦▪‣∙]")
NUMBERED = re.compile(r"(\d+(?:\.\d+)*)\.\s+\S")
CAPTION = re.compile(r"(?:Kuva|Figure|Fig\.|Bild)\s+\d+[.:]")
URL_PATTERN = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class _Line:
    text: str  # stripped, whitespace folded
    gap: int  # blank lines before it
    index: int = 0  # the physical line it is


@dataclass(frozen=True)
class Block:
    """One cleaned block and where its text came from: ``(offset in text, physical line)`` of
    each physical line it joined, so a reader of pages can say which page a passage is on."""

    text: str
    origins: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _Layout:
    """How a document uses line breaks, measured from the document itself."""

    double_spaced: bool  # a PDF extract: a blank line after every line, so blanks mean nothing
    full_width: int  # a line at least this long was wrapped by the layout, not ended by the author
    raw_folded: str  # the raw text, to see whether a joined word occurs elsewhere in it


def clean_text(raw: str, *, wrapped: bool | None = None) -> str:
    """Cleaned text: one block per paragraph, list item, heading, caption or URL, "\\n\\n" between.

    Page furniture (a running header above a bare page number) and skip-to-content links are
    dropped; every other word is kept, in order, with whitespace folded to single spaces. The
    text is in Unicode NFKC (a decomposed "Jyväskylä" from a PDF is the composed one).
    ``wrapped`` says whether line breaks are the layout's (a PDF reader's text) or the
    author's (a web page); None measures it from the text.
    """
    return "\n\n".join(block.text for block in clean_blocks(raw, wrapped=wrapped))


def physical_lines(raw: str) -> list[str]:
    """The raw text's lines as cleaning counts them (a form feed ends a line too)."""
    return raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")


def clean_blocks(raw: str, *, wrapped: bool | None = None) -> list[Block]:
    """The blocks of :func:`clean_text`, each with the physical lines (of
    :func:`physical_lines`) it came from; NFKC does not move a line."""
    physical = physical_lines(normal(raw))
    furniture = _furniture(physical)
    kept = [(i, line) for i, line in enumerate(physical) if i not in furniture]
    lines = _logical_lines(kept)
    layout = _measure(lines, raw, wrapped)
    return _blocks(lines, layout)


#: Typographic ligatures a PDF's fonts give as one glyph, and the letters they stand for.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
                            "ﬅ": "st", "ﬆ": "st"})  # fmt: skip
_SOFT_BREAK = re.compile("\u00ad[ \t]*\r?\n[ \t]*")


def normalise_glyphs(text: str) -> str:
    """Ligatures as their letters, and soft hyphens gone: one at a line end joins the word
    it broke ("vahvista\u00ad" + "minen"), any other marks only where a word may break."""
    text = _SOFT_BREAK.sub("", text.translate(_LIGATURES))
    return text.replace("\u00ad", "")


def _is_blank(line: str) -> bool:
    return not line.strip()


def _furniture(lines: list[str]) -> set[int]:
    """Indices of boilerplate lines, page numbers and the running headers above them.

    A page number is a bare number of 1-3 digits between blank lines. The header is the run of
    at most two short lines just above it, when that run stands apart from the text before it
    (a wider gap than the document's usual one) or recurs above another page number.
    """
    drop = {i for i, line in enumerate(lines) if line.strip().casefold() in _BOILERPLATE}
    numbers = [i for i in range(len(lines)) if _is_page_number(lines, i)]
    runs = {i: _run_above(lines, i) for i in numbers}
    texts = [fold(" ".join(lines[j] for j in run)) for run in runs.values() if run]
    usual_gap = _usual_gap(lines)
    for number, run in runs.items():
        drop.add(number)
        recurs = bool(run) and texts.count(fold(" ".join(lines[j] for j in run))) > 1
        if run and (recurs or _gap_above(lines, run[0]) > usual_gap):
            drop.update(run)
    return drop


def _is_page_number(lines: list[str], i: int) -> bool:
    before = i == 0 or _is_blank(lines[i - 1])
    after = i == len(lines) - 1 or _is_blank(lines[i + 1])
    return before and after and _PAGE_NUMBER.fullmatch(lines[i].strip()) is not None


def _run_above(lines: list[str], i: int) -> list[int]:
    """The header candidate above line i: up to two short lines without a sentence end."""
    j = i - 1
    while j >= 0 and _is_blank(lines[j]):
        j -= 1
    run: list[int] = []
    while j >= 0 and not _is_blank(lines[j]):
        run.insert(0, j)
        j -= 1
    text = fold(" ".join(lines[k] for k in run))
    if not run or len(run) > 2 or len(text) > 100 or _SENTENCE_END.search(text):
        return []
    return run


def _gap_above(lines: list[str], i: int) -> int:
    j = i - 1
    while j >= 0 and _is_blank(lines[j]):
        j -= 1
    return i - 1 - j if j >= 0 else 1_000  # the top of the document is a wide gap


def _usual_gap(lines: list[str]) -> int:
    gaps = [_gap_above(lines, i) for i in range(1, len(lines)) if not _is_blank(lines[i])]
    return statistics.mode(gaps) if gaps else 1


def fold(text: str) -> str:
    return " ".join(text.split())


def _logical_lines(physical: list[tuple[int, str]]) -> list[_Line]:
    lines: list[_Line] = []
    gap = 0
    for index, line in physical:
        if _is_blank(line):
            gap += 1
            continue
        lines.append(_Line(fold(line), gap, index))
        gap = 0
    return lines


def _measure(lines: list[_Line], raw: str, wrapped: bool | None = None) -> _Layout:
    """Decide whether blank lines are layout or paragraph breaks, and the full line width.

    In a double-spaced PDF extract, sentences run on across blank lines (the next line starts
    in lower case, or the previous one ends in a broken word). In a web page they never do.
    """
    spaced = [(a, b) for a, b in itertools.pairwise(lines) if b.gap > 0]
    running = sum(1 for a, b in spaced if _starts_lower(b.text) or a.text.endswith("-"))
    double = len(spaced) > 0 and running >= 3 and running / len(spaced) >= 0.25
    if wrapped is not None:
        double = wrapped
    lengths = sorted(len(line.text) for line in lines) or [0]
    typical = lengths[(len(lengths) * 3) // 4]
    return _Layout(double, int(typical * 0.9), raw.casefold())


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


def _starts_structure(text: str) -> bool:
    """A list item, numbered heading or item, figure caption or URL begins a block of its own."""
    starts = any(p.match(text) for p in (BULLET, NUMBERED, CAPTION))
    return starts or is_url(text) or _EMAIL.fullmatch(text) is not None


def is_url(text: str) -> bool:
    return URL_PATTERN.fullmatch(text) is not None


def _blocks(lines: list[_Line], layout: _Layout) -> list[Block]:
    blocks: list[list[_Line]] = []
    for line in lines:
        if blocks and _continues([b.text for b in blocks[-1]], line, layout):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return [_render(block, layout) for block in blocks]


def _continues(block: list[str], line: _Line, layout: _Layout) -> bool:
    """Whether ``line`` goes on the block whose physical lines so far are ``block``.

    A broken word always goes on. A list item, numbered heading, caption, URL or e-mail line
    starts a new block, and a URL block takes nothing more. In a web page every line is its own
    block except a wrapped line starting in lower case. In a double-spaced PDF extract the
    layout hides paragraph ends, so a line goes on when the sentence visibly does: the line
    starts in lower case, or the previous line ends without a sentence end and either leaves a
    parenthesis open, ends with a comma or a capitalised word (a name running on: "Business" /
    "Finland"), or is as wide as the layout's wrapped lines. Headings go on only in lower case.
    """
    last = block[-1]
    if last.endswith("-") and not BULLET.match(line.text):
        return True
    if _starts_structure(line.text) or is_url(block[0]):
        return False
    if not layout.double_spaced:
        return line.gap == 0 and _starts_lower(line.text)
    if _starts_lower(line.text):
        return True
    if _SENTENCE_END.search(last):
        return False
    joined = " ".join(block)
    if joined.count("(") > joined.count(")") or line.text.startswith("("):
        return True
    if is_heading(block[0]):
        return False
    return last.endswith(",") or _runs_on(last, layout) or len(last) >= layout.full_width


def _runs_on(last: str, layout: _Layout) -> bool:
    """A wrapped line ending in a capitalised word mid-sentence: a name split across lines."""
    word = last.rsplit(" ", 1)[-1]
    return " " in last and word[:1].isupper() and len(last) >= layout.full_width // 2


def _render(block: list[_Line], layout: _Layout) -> Block:
    text = block[0].text
    origins = [(0, block[0].index)]
    for line in block[1:]:
        text = _join(text, line.text, layout)
        origins.append((len(text) - len(line.text), line.index))  # a line is appended whole
    return Block(text, tuple(origins))


def _join(text: str, line: str, layout: _Layout) -> str:
    """Append a physical line, repairing a word broken by a line-end hyphen."""
    if not text.endswith("-"):
        return f"{text} {line}"
    right = line.split(" ", 1)[0]
    if right.casefold() in _CONJUNCTIONS:
        return f"{text} {line}"  # "tutkimus- ja kehitys": a suspended compound
    word = text.rsplit(" ", 1)[-1][:-1]  # the broken word, without its hyphen
    left = re.sub(r"^\W+", "", re.split(r"[-/]", word)[-1])  # "tapah" of "Week-tapah"
    if not left:
        return text + line  # "Horizon Europe -" + "tutkimus": a hyphen that starts a word
    keep = _keeps_hyphen(left, right.strip(".,;:!?()[]\"'”’"), layout)
    return (text if keep else text[:-1]) + line


def _keeps_hyphen(left: str, right: str, layout: _Layout) -> bool:
    """Whether the hyphen between ``left-`` and ``right`` is a real one, decided by the data.

    In order: digits on both sides (a DOI or range: "s43578-024-" + "01282-z") or a capital
    after it ("Itä-" + "Suomen") keep it, as no Finnish word has a capital inside; a joined
    word the Finnish lemmatiser knows, or that occurs elsewhere in the document
    ("vahvistami-" + "nen", "BATCir-" + "cle3.0"), drops it; an acronym, number or camel-case
    brand before the hyphen ("TKI-", "BATCircle-" + "hankkeille") keeps it, as Finnish writes
    such compounds with a hyphen, and so does a foreign capitalised name before a Finnish word
    ("Researchgate-" + "portaali"). Anything else is an ordinary word broken across lines, and
    the hyphen goes. Known miss: a camel-case name broken at a capital ("Chem-" + "PhysChem")
    keeps its hyphen.
    """
    if (left[-1].isdigit() and right[:1].isdigit()) or right[:1].isupper():
        return True
    joined = left + right
    if _known(joined) or joined.casefold() in layout.raw_folded:
        return False
    if left[-1].isupper() or left[-1].isdigit() or any(c.isupper() for c in left[1:]):
        return True
    return left[:1].isupper() and not _known(left) and _known(right)


def _known(word: str) -> bool:
    return finnish.is_known(word)


def is_heading(text: str) -> bool:
    """A numbered section title: "2.1. Tavoitteet", or a short "3. Title" that is no sentence.

    A single-level number with a comma, a full stop at the end or over 80 characters is an item
    of a numbered list ("3. Poikkileikkaavat tutkimusalueet, kuten ...").
    """
    numbered = NUMBERED.match(text)
    if numbered is None:
        return False
    if "." in numbered.group(1):
        return True
    return len(text) <= 80 and "," not in text and not text.endswith(".")
