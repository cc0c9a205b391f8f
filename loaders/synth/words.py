"""The synthetic ecosystem's sizes and vocabularies (``words.yaml``: data, not code).

Everything random is drawn from ``rng(seed, kind, index)``, so each entity and passage can be
made alone, lazily, and the same seed always gives the same graph.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

#: What one scale unit adds; the fixed vocabularies below do not grow.
PER_UNIT = {"cities": 5, "orgs": 60, "people": 100, "projects": 40, "publications": 60}
COUNTRIES = 27
TOPICS = 40
PROGRAMMES = 12
NETWORKS = 8
START = dt.date(2015, 1, 1)

_WORDS = yaml.safe_load(Path(__file__).with_name("words.yaml").read_text(encoding="utf-8"))
STAGES: tuple[str, ...] = tuple(_WORDS["stages"])
ORG_KINDS: tuple[tuple[str, int], ...] = tuple(_WORDS["org_kinds"].items())
TITLES: tuple[str, ...] = tuple(_WORDS["titles"])
ROLES: tuple[str, ...] = tuple(_WORDS["roles"])
SYLLABLES: tuple[str, ...] = tuple(_WORDS["syllables"])
FIRST_NAMES: tuple[str, ...] = tuple(_WORDS["first_names"])
LAST_NAMES: tuple[str, ...] = tuple(_WORDS["last_names"])


def rng(seed: int, kind: str, index: int) -> random.Random:
    """The random stream of one thing: the same for the same seed, kind and index."""
    return random.Random(f"{seed}:{kind}:{index}")


def word(stream: random.Random, syllables: int) -> str:
    """A made-up capitalised word of ``syllables`` syllables."""
    return "".join(stream.choice(SYLLABLES) for _ in range(syllables)).capitalize()
