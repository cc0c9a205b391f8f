"""Facts as the rules find them, before their anchors are checked: ``Draft``, and the text a
rule quotes as evidence (``anchors``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kgraph.ontology import fact_key
from loaders.extract.spans import Span

#: An anchor quotes at most this much of a line: enough to find, short enough to read.
MAX_ANCHOR = 160
_MIN_ANCHOR = 12


@dataclass
class Draft:
    s: str
    p: str
    o: str
    rule: str
    confidence: float
    anchors: list[str]
    props: dict[str, str | int | float] = field(default_factory=dict)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @property
    def key(self) -> str:
        return fact_key(self.s, self.p, self.o)


def anchors(text: str, start: int, end: int) -> list[str]:
    """The words of ``text[start:end]`` as evidence: one anchor per line it crosses (an anchor
    never crosses a line, as the evidence check requires), widened to whole words and to a
    findable length, cut to MAX_ANCHOR."""
    quoted: list[str] = []
    line_start = text.rfind("\n", 0, start) + 1
    while line_start < end:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        a, b = max(start, line_start), min(end, line_end)
        a, b = _widen(text, a, b, line_start, line_end)
        piece = " ".join(text[a:b].split()).strip(" ,;")
        if len(piece) >= 3:
            quoted.append(
                piece[:MAX_ANCHOR].rsplit(" ", 1)[0] if len(piece) > MAX_ANCHOR else piece
            )
        line_start = line_end + 1
    return quoted


def _widen(text: str, a: int, b: int, lo: int, hi: int) -> tuple[int, int]:
    while a > lo and not text[a - 1].isspace():
        a -= 1
    while b < hi and not text[b].isspace():
        b += 1
    while b - a < _MIN_ANCHOR and (a > lo or b < hi):
        a = max(lo, a - 1)
        b = min(hi, b + 1)
    while a > lo and not text[a - 1].isspace():
        a -= 1
    while b < hi and not text[b].isspace():
        b += 1
    return a, b


def quote(text: str, *spans: Span) -> list[str]:
    """Anchors covering ``spans`` (from the first one's start to the last one's end)."""
    return anchors(text, min(s.start for s in spans), max(s.end for s in spans))


def words_of(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w-]+", text)}
