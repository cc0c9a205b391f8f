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
import itertools
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import simplemma
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kgraph.errors import CorpusError

MANIFEST_NAME = "corpus.yaml"
#: Blocks longer than this are split at sentence ends, so a passage stays readable as evidence.
MAX_PASSAGE_CHARS = 1200

PassageKind = Literal["heading", "paragraph", "list_item", "caption", "url"]


class ManifestEntry(BaseModel):
    """One document as ``corpus.yaml`` describes it; ``sha256`` pins the exact bytes."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=1)
    file: str = Field(pattern=r"^[^/\\]+$")  # a plain name: a document cannot point outside
    language: str
    kind: str
    title: str
    publisher: str
    year: int | None = None
    notes: str | None = None
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Manifest(BaseModel):
    model_config = ConfigDict(frozen=True)

    documents: list[ManifestEntry]


class Passage(BaseModel):
    """A block of cleaned text; ``cleaned[start:end] == text``."""

    model_config = ConfigDict(frozen=True)

    id: str
    doc_id: str
    ordinal: int
    kind: PassageKind
    text: str
    start: int
    end: int


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
    text = path.read_text(encoding="utf-8")
    items, lines = _parse_manifest(path, text)
    entries = [
        _entry(path, index, item, line)
        for index, (item, line) in enumerate(zip(items, lines, strict=True))
    ]
    _check_unique_ids(path, entries, lines)
    return Manifest(documents=entries)


def _parse_manifest(path: Path, text: str) -> tuple[list[Any], list[int]]:
    """The ``documents`` items and the 1-based line each starts on (YAML nodes keep marks)."""
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise CorpusError(str(path), f"invalid YAML: {getattr(e, 'problem', e)}", line) from e
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
        problem = "missing field" if first["type"] == "missing" else first["msg"]
        name = item.get("id", "?") if isinstance(item, dict) else "?"
        reason = f"document entry {index + 1} (id {name}): {problem} '{field}'"
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
    cleaned = clean_text(_decode(path, data))
    passages = split_passages(entry.id, cleaned)
    return Document(entry=entry, raw_sha256=found, cleaned=cleaned, passages=passages)


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise CorpusError(str(path), f"not valid UTF-8 at byte {e.start}: {e.reason}", line) from e


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Every document of the manifest, in manifest order."""
    return [read_document(corpus_dir, entry) for entry in load_manifest(corpus_dir).documents]


# --- cleaning -------------------------------------------------------------------------------

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
_BULLET = re.compile(r"[•◦▪‣∙]")
_NUMBERED = re.compile(r"(\d+(?:\.\d+)*)\.\s+\S")
_CAPTION = re.compile(r"(?:Kuva|Figure|Fig\.|Bild)\s+\d+[.:]")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class _Line:
    text: str  # stripped, whitespace folded
    gap: int  # blank lines before it


@dataclass(frozen=True)
class _Layout:
    """How a document uses line breaks, measured from the document itself."""

    double_spaced: bool  # a PDF extract: a blank line after every line, so blanks mean nothing
    full_width: int  # a line at least this long was wrapped by the layout, not ended by the author
    raw_folded: str  # the raw text, to see whether a joined word occurs elsewhere in it


def clean_text(raw: str) -> str:
    """Cleaned text: one block per paragraph, list item, heading, caption or URL, "\\n\\n" between.

    Page furniture (a running header above a bare page number) and skip-to-content links are
    dropped; every other word is kept, in order, with whitespace folded to single spaces.
    """
    physical = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    furniture = _furniture(physical)
    kept = [line for i, line in enumerate(physical) if i not in furniture]
    lines = _logical_lines(kept)
    layout = _measure(lines, raw)
    return "\n\n".join(_blocks(lines, layout))


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
    texts = [_fold(" ".join(lines[j] for j in run)) for run in runs.values() if run]
    usual_gap = _usual_gap(lines)
    for number, run in runs.items():
        drop.add(number)
        recurs = bool(run) and texts.count(_fold(" ".join(lines[j] for j in run))) > 1
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
    text = _fold(" ".join(lines[k] for k in run))
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


def _fold(text: str) -> str:
    return " ".join(text.split())


def _logical_lines(physical: list[str]) -> list[_Line]:
    lines: list[_Line] = []
    gap = 0
    for line in physical:
        if _is_blank(line):
            gap += 1
            continue
        lines.append(_Line(_fold(line), gap))
        gap = 0
    return lines


def _measure(lines: list[_Line], raw: str) -> _Layout:
    """Decide whether blank lines are layout or paragraph breaks, and the full line width.

    In a double-spaced PDF extract, sentences run on across blank lines (the next line starts
    in lower case, or the previous one ends in a broken word). In a web page they never do.
    """
    spaced = [(a, b) for a, b in itertools.pairwise(lines) if b.gap > 0]
    running = sum(1 for a, b in spaced if _starts_lower(b.text) or a.text.endswith("-"))
    double = len(spaced) > 0 and running >= 3 and running / len(spaced) >= 0.25
    lengths = sorted(len(line.text) for line in lines) or [0]
    typical = lengths[(len(lengths) * 3) // 4]
    return _Layout(double, int(typical * 0.9), raw.casefold())


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


def _starts_structure(text: str) -> bool:
    """A list item, numbered heading or item, figure caption or URL begins a block of its own."""
    starts = any(p.match(text) for p in (_BULLET, _NUMBERED, _CAPTION))
    return starts or _is_url(text) or _EMAIL.fullmatch(text) is not None


def _is_url(text: str) -> bool:
    return _URL.fullmatch(text) is not None


def _blocks(lines: list[_Line], layout: _Layout) -> list[str]:
    blocks: list[list[str]] = []
    for line in lines:
        if blocks and _continues(blocks[-1], line, layout):
            blocks[-1].append(line.text)
        else:
            blocks.append([line.text])
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
    if last.endswith("-") and not _BULLET.match(line.text):
        return True
    if _starts_structure(line.text) or _is_url(block[0]):
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
    if _is_heading(block[0]):
        return False
    return last.endswith(",") or _runs_on(last, layout) or len(last) >= layout.full_width


def _runs_on(last: str, layout: _Layout) -> bool:
    """A wrapped line ending in a capitalised word mid-sentence: a name split across lines."""
    word = last.rsplit(" ", 1)[-1]
    return " " in last and word[:1].isupper() and len(last) >= layout.full_width // 2


def _render(block: list[str], layout: _Layout) -> str:
    text = block[0]
    for line in block[1:]:
        text = _join(text, line, layout)
    return text


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
    return bool(word) and bool(simplemma.is_known(word, lang="fi"))


# --- passages -------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"(?<=\w{3}[.!?])\s+(?=[A-ZÅÄÖ0-9\"“(])")


def split_passages(doc_id: str, cleaned: str) -> list[Passage]:
    """One passage per block of the cleaned text; ids ``{doc_id}:p001`` on, stable per text."""
    spans = [span for block in _block_spans(cleaned) for span in _split_long(cleaned, *block)]
    return [
        Passage(
            id=f"{doc_id}:p{ordinal:03d}",
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
    if _is_url(text):
        return "url"
    if _BULLET.match(text):
        return "list_item"
    if _CAPTION.match(text):
        return "caption"
    if _NUMBERED.match(text) is None:
        return "paragraph"
    return "heading" if _is_heading(text) else "list_item"


def _is_heading(text: str) -> bool:
    """A numbered section title: "2.1. Tavoitteet", or a short "3. Title" that is no sentence.

    A single-level number with a comma, a full stop at the end or over 80 characters is an item
    of a numbered list ("3. Poikkileikkaavat tutkimusalueet, kuten ...").
    """
    numbered = _NUMBERED.match(text)
    if numbered is None:
        return False
    if "." in numbered.group(1):
        return True
    return len(text) <= 80 and "," not in text and not text.endswith(".")


# --- anchors --------------------------------------------------------------------------------


def find_anchor(doc: Document, anchor: str) -> Passage | None:
    """The passage holding the first occurrence of ``anchor`` (exact, whitespace folded).

    Anchors are quoted from within one raw line, which cleaning never splits; the only place an
    anchor can cross passages is a sentence end inside a block that was too long, and there the
    passage where it begins is returned.
    """
    needle = _fold(anchor)
    index = doc.cleaned.find(needle) if needle else -1
    if index < 0:
        return None
    return next((p for p in doc.passages if index < p.end), None)


def count_anchor(doc: Document, anchor: str) -> int:
    """How often ``anchor`` occurs in the cleaned text, so callers can warn when it is ambiguous."""
    needle = _fold(anchor)
    return doc.cleaned.count(needle) if needle else 0
