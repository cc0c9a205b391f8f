"""The extractor's word lists (``words.yaml``): data, read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

WORDS_FILE = Path(__file__).with_name("words.yaml")


@dataclass(frozen=True)
class Words:
    #: head word -> (entity type, organisation kind or None)
    heads: dict[str, tuple[str, str | None]]
    #: leading words of an English name -> (type, kind)
    head_first: dict[str, tuple[str, str | None]]
    titles: frozenset[str]
    cues: dict[str, frozenset[str]]
    #: (type, English name, Finnish name) of the places of the gazetteers
    places: tuple[tuple[str, str, str], ...] = ()

    def cue(self, name: str, words: set[str]) -> bool:
        """Whether any of ``words`` (lemmas or lower-case words) is a cue of kind ``name``."""
        return bool(self.cues[name] & words)


@lru_cache(maxsize=1)
def load_words() -> Words:
    raw: dict[str, Any] = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    heads: dict[str, tuple[str, str | None]] = {}
    for kind, words in raw["heads"].items():
        if isinstance(words, dict):
            for org_kind, listed in words.items():
                heads.update({w: (kind, org_kind) for w in listed})
        else:
            heads.update({w: (kind, None) for w in words})
    head_first = {k: (v[0], v[1]) for k, v in raw["head_first"].items()}
    cues = {k: frozenset(v) for k, v in raw["cues"].items()}
    places = tuple(
        (kind, en, fi) for kind, names in raw["places"].items() for en, fi in names.items()
    )
    return Words(heads, head_first, frozenset(raw["titles"]), cues, places)
