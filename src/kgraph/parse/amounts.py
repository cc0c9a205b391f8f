"""Sums of money in euros as Finnish and English texts write them.

"13,4 miljoonaa euroa", "2 miljoonan euron", "1.8 million euros", "€1.8 million",
"EUR 500,000", "500 000 euroa", "1,2 M€". A decimal comma is Finnish, a decimal point English;
thousands are grouped by spaces (Finnish) or commas (English).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALE = {
    "miljoonaa": 1_000_000,
    "miljoonan": 1_000_000,
    "milj.": 1_000_000,
    "milj": 1_000_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mil.": 1_000_000,
    "miljardia": 1_000_000_000,
    "miljardin": 1_000_000_000,
    "billion": 1_000_000_000,
    "tuhatta": 1_000,
    "thousand": 1_000,
}
_NUMBER = r"\d{1,3}(?:[ \u00a0]\d{3})+|\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:[.,]\d+)?"
_SCALE_WORD = r"miljoonaa|miljoonan|milj\.?|million|miljardia|miljardin|billion|tuhatta|thousand|M"
_EURO = r"euroa|euron|euros?|EUR|€"
_AFTER = re.compile(rf"(?<![\w.,])({_NUMBER})\s*(?:({_SCALE_WORD})\s*)?({_EURO})(?!\w)")
_BEFORE = re.compile(rf"(?:€|EUR)\s?({_NUMBER})(?:\s*({_SCALE_WORD}))?(?!\w)")


@dataclass(frozen=True)
class Amount:
    """A sum found in a text: whole euros, and the words that said it."""

    eur: int
    text: str
    at: int


def _value(number: str, scale: str | None) -> int:
    compact = number.replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", compact):
        compact = compact.replace(",", "")
    value = float(compact.replace(",", "."))
    factor = _SCALE.get((scale or "").lower(), 1) if scale else 1
    return round(value * factor)


def find_amounts(text: str) -> list[Amount]:
    """Every sum in euros in ``text``, in order of appearance."""
    found = [Amount(_value(m[1], m[2]), m.group(), m.start()) for m in _AFTER.finditer(text)]
    spans = [(a.at, a.at + len(a.text)) for a in found]
    for m in _BEFORE.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            found.append(Amount(_value(m[1], m[2]), m.group(), m.start()))
    return sorted(found, key=lambda a: a.at)
