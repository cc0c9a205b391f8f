"""The sentences the fact rules read: the pipeline's, rejoined where it cut one mid-way.

The Finnish pipeline cuts a sentence before a capitalised word inside it ("Hanke on osa" |
"Uudistuva ja osaava Suomi 2021–2027" | "-" | "ohjelmaa."), and inside a name written with
its head after a hyphen ("X -ohjelmaa"). A sentence ends where its writer ended it: at ".",
"!", "?" (a closing quote or bracket may follow) or at a line break; a cut anywhere else is
the parser's, and the pieces are read as one sentence. The parse itself is kept as it is.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

#: The end of a sentence as written: a full stop, "!", "?", "…", then closing quotes or
#: brackets; or a colon or semicolon ("Mukana ovat: ...", a list's lead).
_ENDED = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")


def as_written(doc: Doc) -> list[SpacySpan]:
    """``doc``'s sentences, each joined to the one before it when the text between them ends
    no sentence (no ".", "!", "?", ":" or ";" before the cut and no line break in it)."""
    joined: list[SpacySpan] = []
    for sent in doc.sents:
        if joined and _cut_midway(doc.text, joined[-1], sent):
            joined[-1] = doc[joined[-1].start : sent.end]
        else:
            joined.append(sent)
    return joined


def _cut_midway(text: str, before: SpacySpan, after: SpacySpan) -> bool:
    between = text[before.start_char : after.start_char]
    return "\n" not in between and not _ENDED.search(between)
