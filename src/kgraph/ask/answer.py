"""A sentence answered: read, then run as the catalogue question or the search it became.

The rows are the question's own (``questions.run``) and the hits the search's own
(``search.search``), run with the ids the sentence named, so the answer is the one the typed
route gives for the same parameters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kgraph.ask.reading import Param, Reading, Understanding, understand
from kgraph.ask.rules import SEARCH, Lexicon, lexicons
from kgraph.ask.saying import say, search_filter
from kgraph.db.graph import Graph
from kgraph.names.resolve import Resolver
from kgraph.query import questions
from kgraph.query.questions import Catalogue, Question
from kgraph.query.search import SearchFilter, search


@dataclass
class Answered:
    """What was understood and the answer it ran to."""

    sentence: str
    language: str
    reading: Reading
    said: str
    items: list[dict[str, str]]
    alternatives: list[dict[str, Any]]
    question: Question | None = None
    params: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    filter: SearchFilter | None = None
    total: int = 0
    hits: list[dict[str, Any]] = field(default_factory=list)

    def understood(self) -> dict[str, Any]:
        """What ran, as data: the question or filter, each parameter with its words."""
        r = self.reading
        return {
            "rule": r.rule.id,
            "run": "search" if r.run == SEARCH else "question",
            "question": None if r.run == SEARCH else r.run,
            "filter": r.values() if r.run == SEARCH else None,
            "params": [_param(p) for p in r.params],
            "said": self.said,
            "link": r.link(),
        }


def _param(p: Param) -> dict[str, Any]:
    entities = [{"id": e.id, "name": e.name, "type": e.type} for e in p.entities]
    return {"name": p.name, "value": p.value, "words": p.words, "note": p.note,
            "used": not p.hidden, "entities": entities}  # fmt: skip


def alternative(reading: Reading, lexicon: Lexicon) -> dict[str, Any]:
    return {
        "said": say(reading, lexicon),
        "link": reading.link(),
        "rule": reading.rule.id,
        "run": reading.run,
        "params": reading.values(),
    }


def ask(
    graph: Graph,
    catalogue: Catalogue,
    resolver: Resolver,
    sentence: str,
    today: dt.date,
    *,
    language: str | None = None,
    row_cap: int = 5000,
) -> Answered:
    """Read ``sentence`` and run what it asks; refusals raise NotUnderstood or NotFound."""
    rules = lexicons()
    understanding = understand(sentence, rules, resolver, today, language)
    return run(graph, catalogue, understanding, rules, row_cap=row_cap)


def run(
    graph: Graph,
    catalogue: Catalogue,
    understanding: Understanding,
    rules: dict[str, Lexicon],
    *,
    row_cap: int = 5000,
) -> Answered:
    """Run an understood sentence as its question or its search."""
    reading = understanding.reading
    lexicon = rules[reading.language]
    answered = Answered(
        sentence=understanding.said.text if understanding.said else "",
        language=reading.language,
        reading=reading,
        said=say(reading, lexicon),
        items=[],
        alternatives=[alternative(a, lexicon) for a in understanding.alternatives],
    )
    if reading.run == SEARCH:
        answered.filter = search_filter(reading)
        answered.total, answered.hits = search(graph, answered.filter)
        answered.items = [{"id": h["id"], "name": h["name"]} for h in answered.hits]
        return answered
    question = catalogue.get(reading.run)
    answered.question = question
    answered.params, answered.rows, answered.truncated = questions.run(
        graph, question, reading.values(), _as_given, row_cap=row_cap
    )
    answered.items = question.items_of(answered.rows)
    return answered


def _as_given(_parameter: str, entity_id: str, _type: str | None) -> list[str]:
    """The reading's entity parameters are already ids: they run as given."""
    return [entity_id]
