"""The extractor's word lists (``words.yaml``): data, read once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast, get_args

import yaml

from kgraph.errors import PatternError
from kgraph.ontology import EntityType

WORDS_FILE = Path(__file__).with_name("words.yaml")


@dataclass(frozen=True)
class Words:
    #: head word -> (entity type, organisation kind or None)
    heads: dict[str, tuple[EntityType, str | None]]
    #: leading words of an English name -> (type, kind)
    head_first: dict[str, tuple[EntityType, str | None]]
    titles: frozenset[str]
    #: (type, English name, Finnish name) of the places of the gazetteers
    places: tuple[tuple[EntityType, str, str], ...] = ()
    #: legal forms a company's name may end with ("oy", "ltd"), lower case
    legal_forms: frozenset[str] = frozenset()
    #: a table's column titles with the column's kind (("rahoittaja", "funder"), ...), the
    #: longest first, so that a header is read by its longest titles ("our role", not "role")
    table_columns: tuple[tuple[str, str], ...] = ()
    #: the words of a table's role column -> the role ("koordinaattori" -> "coordinator")
    table_roles: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_words() -> Words:
    raw: dict[str, Any] = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    heads: dict[str, tuple[EntityType, str | None]] = {}
    for name, words in raw["heads"].items():
        kind = _entity_type(name, "heads")
        if isinstance(words, dict):
            for org_kind, listed in words.items():
                heads.update({w: (kind, org_kind) for w in listed})
        else:
            heads.update({w: (kind, None) for w in words})
    head_first = {k: (_entity_type(v[0], "head_first"), v[1]) for k, v in raw["head_first"].items()}
    places = tuple(
        (_entity_type(kind, "places"), en, fi)
        for kind, names in raw["places"].items()
        for en, fi in names.items()
    )
    return Words(
        heads,
        head_first,
        frozenset(raw["titles"]),
        places,
        frozenset(raw["legal_forms"]),
        tuple(
            sorted(
                (
                    (title, kind)
                    for kind, titles in raw["table_columns"].items()
                    for title in titles
                ),
                key=lambda title_kind: -len(title_kind[0]),
            )
        ),
        {word: role for role, listed in raw["table_roles"].items() for word in listed},
    )


def _entity_type(name: str, section: str) -> EntityType:
    if name not in get_args(EntityType):
        known = ", ".join(get_args(EntityType))
        raise PatternError(
            WORDS_FILE.name, f"{section}: '{name}' is not a type of the ontology ({known})"
        )
    return cast(EntityType, name)
