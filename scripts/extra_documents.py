"""Documents for measuring loads at the size of hundreds: realistic text, not copies.

    from extra_documents import add_documents
    add_documents(corpus_folder, 100, seed=7)   # writes 100 .txt files, appends corpus.yaml

Each document is Finnish or English (two in three Finnish, as the corpus is) and takes one of
four layouts the corpus and ingest see: ``prose`` (a news article), ``page`` (a project page
of "Key: value" lines and a description), ``sections`` (numbered headings, paragraphs and
bullet lists) and ``pdf`` (a report's text as a PDF gives it: physical lines with blank lines
between them, words hyphenated across lines, page numbers and a running header). Sentences
come from ``extra_documents.yaml`` with the registry's names in their slots, so the matcher,
the coverage scan and the extractor find what they would in a real document; made-up
organisations leave findings for the coverage report. The same seed gives the same bytes.
"""

from __future__ import annotations

import hashlib
import random
import textwrap
from pathlib import Path
from typing import Any

import yaml

from loaders.sources.registry import load_registry

_WORDS: dict[str, Any] = yaml.safe_load(
    Path(__file__).with_name("extra_documents.yaml").read_text(encoding="utf-8")
)
LAYOUTS = ("prose", "page", "sections", "pdf")
#: The registry types that fill each slot.
_SLOTS = {
    "city": ("City",), "org": ("Organisation",), "project": ("Project",),
    "programme": ("FundingProgramme",), "network": ("Network",), "topic": ("Topic",),
    "person": ("Person",),
}  # fmt: skip
_ALL_SLOTS = (*_SLOTS, "unknown", "amount", "year", "period")


class _Writer:
    """The text of one document, drawn from ``stream``."""

    def __init__(self, stream: random.Random, language: str, names: dict[str, list[str]]):
        self.stream, self.language, self.names = stream, language, names

    def sentence(self) -> str:
        template: str = self.stream.choice(_WORDS["sentences"][self.language])
        return template.format(**{slot: self.fill(slot) for slot in _ALL_SLOTS})

    def fill(self, slot: str) -> str:
        s = self.stream
        if slot in _SLOTS:
            return s.choice(self.names[slot])
        if slot == "unknown":
            parts = _WORDS["unknown_parts"]
            return (
                f"{s.choice(parts['first'])} {s.choice(parts['second'])} {s.choice(parts['last'])}"
            )
        if slot == "amount":
            millions = s.randrange(2, 400) / 10
            return (
                f"{millions:.1f} M€".replace(".", ",")
                if self.language == "fi"
                else f"€{millions:.1f} million"
            )
        first = s.randrange(2019, 2027)
        if slot == "year":
            return str(first)
        return f"{first}–{first + s.randrange(1, 5)}"

    def paragraph(self, low: int = 3, high: int = 7) -> str:
        return " ".join(self.sentence() for _ in range(self.stream.randrange(low, high)))

    def title(self) -> str:
        return self.sentence().rstrip(".")[:90]


def _prose(w: _Writer) -> str:
    return "\n\n".join([w.title(), *(w.paragraph() for _ in range(w.stream.randrange(6, 30)))])


def _page(w: _Writer) -> str:
    keys = _WORDS["keys"][w.language]
    partners = ", ".join(w.fill("org") for _ in range(w.stream.randrange(2, 6)))
    lines = [
        f"{keys['project']}: {w.fill('project')}", f"{keys['coordinator']}: {w.fill('org')}",
        f"{keys['funder']}: {w.fill('programme')}", f"{keys['budget']}: {w.fill('amount')}",
        f"{keys['period']}: {w.fill('period')}", f"{keys['partners']}: {partners}",
        f"{keys['contact']}: {w.fill('person')}",
    ]  # fmt: skip
    body = [w.paragraph() for _ in range(w.stream.randrange(3, 16))]
    return "\n\n".join([w.title(), "\n".join(lines), keys["description"], *body])


def _sections(w: _Writer) -> str:
    out = [w.title()]
    headings = w.stream.sample(_WORDS["headings"][w.language], w.stream.randrange(4, 8))
    for number, heading in enumerate(headings, start=1):
        out.append(f"{number}. {heading}")
        for sub in range(1, w.stream.randrange(2, 5)):
            out.append(f"{number}.{sub} {w.fill('topic')}")
            out += [w.paragraph(2, 5) for _ in range(w.stream.randrange(1, 4))]
        if w.stream.random() < 0.5:
            out.append("\n".join(f"• {w.sentence()}" for _ in range(w.stream.randrange(2, 6))))
    return "\n\n".join(out)


def _pdf(w: _Writer) -> str:
    """Physical lines of about 85 characters, each followed by a blank line as the corpus's
    PDF extracts are, a long word hyphenated across a line now and then, a page number and
    a running header every 40 lines."""
    header = w.title()[:60]
    lines: list[str] = []
    for _ in range(w.stream.randrange(10, 44)):
        wrapped = textwrap.wrap(w.paragraph(), 85)
        for i, line in enumerate(wrapped[:-1]):
            last = line.rsplit(" ", 1)[-1]
            if len(last) > 9 and w.stream.random() < 0.3:
                cut = len(last) // 2
                wrapped[i] = line[: len(line) - len(last) + cut] + "-"
                wrapped[i + 1] = last[cut:] + " " + wrapped[i + 1]
        lines += [f"{line} " for line in wrapped] + [" ", " "]
    paged: list[str] = []
    for number, start in enumerate(range(0, len(lines), 40), start=1):
        paged += [f" {header} ", *lines[start : start + 40], f"{number} "]
    return "\n\n".join(paged)


_LAYOUT = {"prose": _prose, "page": _page, "sections": _sections, "pdf": _pdf}


def _names(registry_dir: Path) -> dict[str, list[str]]:
    registry = load_registry(registry_dir)
    return {
        slot: sorted({n for e in registry.entities if e.item.type in types
                      for n in e.item.all_names() if len(n) <= 60})
        for slot, types in _SLOTS.items()
    }  # fmt: skip


def document_text(number: int, seed: int, names: dict[str, list[str]]) -> tuple[str, str, str]:
    """The text of extra document ``number``, its language and its layout."""
    stream = random.Random(f"{seed}:extra:{number}")
    language = "en" if number % 3 == 2 else "fi"
    layout = LAYOUTS[number % len(LAYOUTS)]
    return _LAYOUT[layout](_Writer(stream, language, names)) + "\n", language, layout


def add_documents(corpus: Path, count: int, registry_dir: Path, seed: int = 7) -> None:
    """``count`` documents more in ``corpus`` (ids ``9NNN_extra``), with their manifest entries."""
    names = _names(registry_dir)
    entries = []
    for number in range(count):
        text, language, layout = document_text(number, seed, names)
        doc_id = f"{9000 + number}_extra_{layout}"
        data = text.encode()
        (corpus / f"{doc_id}.txt").write_bytes(data)
        entries.append(
            f"  - id: {doc_id}\n    file: {doc_id}.txt\n    language: {language}\n"
            f"    kind: {layout}\n    title: Extra document {number} ({layout}, {language})\n"
            f"    publisher: extra_documents.py\n"
            f"    sha256: {hashlib.sha256(data).hexdigest()}\n"
        )  # fmt: skip
    manifest = corpus / "corpus.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "".join(entries), encoding="utf-8")
