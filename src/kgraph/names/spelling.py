"""One spelling for text that means the same: Unicode NFKC, and case-folded where names compare.

Text arrives in more than one spelling of the same characters: decomposed (NFD, as macOS and
many PDFs write "Jyväskylä": ``a`` and a combining diaeresis), fullwidth ("ＫＯＫＫＯＬＡ"),
ligatures ("ﬁ"), no-break spaces. Compared as code points, none of them equals the name the
graph holds, and a word splits at a combining mark. Every edge where text enters (HTTP
parameters, the corpus, the registry, ingest) passes it through ``normal``; names compare by
``folded``.
"""

from __future__ import annotations

import unicodedata


def normal(text: str) -> str:
    """``text`` in Unicode NFKC: composed, compatibility characters replaced by their kin."""
    return unicodedata.normalize("NFKC", text)


def folded(text: str) -> str:
    """``text`` for comparing names: NFKC, case-folded, and NFKC again (casefolding can
    decompose: "İ" folds to "i" and a combining dot)."""
    return unicodedata.normalize("NFKC", normal(text).casefold())
