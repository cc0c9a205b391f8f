"""From a sentence taken apart to the one question it asks, or a refusal naming the words.

Every rule of the sentence's language is tried. A rule fits when the sentence says every cue
the rule needs and no cue it does not take, each entity named fills one of its slots (by
type), every slot it needs is filled, and a date is given where it takes one. Of the rules
that fit, the one that asks for the most (cues needed and slots) is the reading; the others,
and the other readings of an ambiguous word, are alternatives. Nothing fits: ``NotFound`` when
the words not understood stand where a rule expects a name, else ``NotUnderstood``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from kgraph.ask.rules import SEARCH, Lexicon, Rule
from kgraph.ask.spot import Entity, Said, Spot, take_apart
from kgraph.errors import NotFound, NotUnderstood
from kgraph.names.resolve import Resolver


@dataclass(frozen=True)
class Param:
    """One parameter as run, with the words of the sentence it came from."""

    name: str
    value: Any
    words: str
    entities: tuple[Entity, ...] = ()
    note: str | None = None
    #: A slot that went into a composed parameter: said back, not run.
    hidden: bool = False


@dataclass(frozen=True)
class Reading:
    """What a sentence asks: a rule, the parameters it runs with, and the sentence said back."""

    rule: Rule
    language: str
    params: tuple[Param, ...]
    said: str = ""
    why: str = ""

    @property
    def run(self) -> str:
        return self.rule.run

    def values(self) -> dict[str, Any]:
        """The parameters as the question or the search takes them."""
        out = {p.name: p.value for p in self.params if not p.hidden}
        if self.rule.run == SEARCH:
            out["kind"] = self.rule.kind
        return out

    def link(self) -> str:
        """The request that runs this reading directly (a catalogue question or a search)."""
        values = self.values()
        query: list[tuple[str, str]] = []
        for name, value in sorted(values.items()):
            for one in value if isinstance(value, list) else [value]:
                query.append((name, str(one).lower() if isinstance(one, bool) else str(one)))
        path = "/search" if self.rule.run == SEARCH else f"/questions/{self.rule.run}"
        return f"{path}?{urlencode(query)}" if query else path


@dataclass
class Understanding:
    """The reading chosen, and the others a sentence allows."""

    reading: Reading
    alternatives: list[Reading] = field(default_factory=list)
    said: Said | None = None


def _choices(
    rule: Rule, said: Said, spot: Spot, filled: dict[str, list[tuple[Spot, Entity]]]
) -> list[tuple[str, Entity]]:
    many = rule.run == SEARCH
    cues = said.cue_names
    return [(slot, e) for slot, type_ in rule.entity_slots.items() for e in spot.readings
            if type_ in (e.type, "any") and (many or slot not in filled)
            and rule.only_with.get(slot, "") in {"", *cues}]  # fmt: skip


def _assign(
    rule: Rule, said: Said, prefer: dict[int, tuple[str, Entity]]
) -> tuple[dict[str, list[tuple[Spot, Entity]]], list[tuple[int, tuple[str, Entity]]]] | None:
    """Each spot in a slot of its type: the first that fits, or the one ``prefer`` says."""
    filled: dict[str, list[tuple[Spot, Entity]]] = {}
    others: list[tuple[int, tuple[str, Entity]]] = []
    for i, spot in enumerate(said.spots):
        options = _choices(rule, said, spot, filled)
        if not options:
            return None
        chosen = prefer.get(i, options[0])
        if chosen not in options:
            return None
        filled.setdefault(chosen[0], []).append((spot, chosen[1]))
        others += [(i, option) for option in options if option != chosen]
    return filled, others


def _cues_fit(rule: Rule, said: Said) -> bool:
    cues = said.cue_names
    if not cues <= rule.cues:
        return False
    return all(set(group.split("|")) & cues for group in rule.needs)


def _dates_fit(rule: Rule, said: Said) -> bool:
    if len(said.dates) > 1 or (said.dates and rule.date is None):
        return False
    return bool(said.dates) or not rule.needs_date


def demand(rule: Rule) -> int:
    """How much a rule asks of a sentence: the more, the more specific its reading."""
    return len(rule.needs) + len(rule.slots) + int(rule.needs_date)


def fit(
    rule: Rule, said: Said, prefer: dict[int, tuple[str, Entity]] | None = None
) -> tuple[Reading, list[Reading]] | None:
    """The reading of ``said`` by ``rule``, with the other readings of its ambiguous words."""
    if not (_cues_fit(rule, said) and _dates_fit(rule, said)):
        return None
    assigned = _assign(rule, said, prefer or {})
    if assigned is None:
        return None
    filled, others = assigned
    if any(slot not in filled for slot in rule.slots):
        return None
    reading = Reading(rule, said.language, tuple(_params(rule, said, filled)))
    alternatives = []
    if prefer is None:
        for i, option in others:
            other = fit(rule, said, {i: option})
            if other is not None:
                alternatives.append(other[0])
    if said.dates and said.dates[0].precision != "day":
        last = said.dates[0].end.isoformat()
        params = tuple(replace(p, value=last, note="end") if p.name == rule.date else p
                       for p in reading.params)  # fmt: skip
        alternatives.append(replace(reading, params=params))
    return reading, alternatives


def _params(rule: Rule, said: Said, filled: dict[str, list[tuple[Spot, Entity]]]) -> list[Param]:
    params: list[Param] = []
    ids = {slot: [e.id for _, e in pairs] for slot, pairs in filled.items()}
    for slot, pairs in filled.items():
        value: Any = ids[slot] if rule.run == SEARCH else ids[slot][0]
        params.append(Param(slot, value, " ".join(s.text for s, _ in pairs),
                            tuple(e for _, e in pairs), hidden=bool(rule.compose)))  # fmt: skip
    for name, template in rule.compose.items():
        words = " … ".join(s.text for pairs in filled.values() for s, _ in pairs)
        value = template.format(**{slot: v[0] for slot, v in ids.items()})
        params.append(Param(name, value, words, tuple(e for p in filled.values() for _, e in p)))
    for name, by_cue in rule.choose.items():
        cue = next((c for c in said.cues if c.name in by_cue), None)
        if cue is not None:
            params.append(Param(name, by_cue[cue.name], cue.words))
    for cue in said.cues:
        if cue.name in rule.flags:
            params.append(Param(rule.flags[cue.name], True, cue.words))
    if said.dates and rule.date is not None:
        when = said.dates[0]
        note = None if when.precision == "day" else "start"
        params.append(Param(rule.date, when.start.isoformat(), when.text, note=note))
    return params


def read(said: Said, lexicon: Lexicon, resolver: Resolver) -> Understanding:
    """The reading of a sentence taken apart, or the refusal that names what stopped it."""
    if said.unknown:
        _refuse_unknown(said, lexicon, resolver)
    fits = [f for f in (fit(rule, said) for rule in lexicon.rules) if f is not None]
    if not fits:
        raise NotUnderstood(said.text, *_why_not(said, lexicon))
    fits.sort(key=lambda f: -demand(f[0].rule))  # stable: file order among equals
    (best, ambiguous), rest = fits[0], fits[1:]
    return Understanding(best, [*ambiguous, *(r for r, _ in rest)], said)


def _refuse_unknown(said: Said, lexicon: Lexicon, resolver: Resolver) -> None:
    """Words not understood: a name not found where a rule expects one (404), else 422."""
    runs = said.unknown_runs()
    if len(runs) == 1:
        for rule in lexicon.rules:
            if not (_cues_fit(rule, said) and _dates_fit(rule, said)):
                continue
            assigned = _assign(rule, said, {})
            if assigned is None:
                continue
            missing = [s for s in rule.slots if s not in assigned[0]]
            if len(missing) == 1:
                type_ = rule.slots[missing[0]]
                raise NotFound(type_, runs[0], resolver.suggestions(runs[0], type_),
                               where=f"in the sentence, as the {missing[0]}")  # fmt: skip
    words = said.unknown_words
    raise NotUnderstood(said.text, words, f"not understood: {', '.join(repr(w) for w in words)}")


def _why_not(said: Said, lexicon: Lexicon) -> tuple[list[str], str]:
    """What no rule could take, said as plainly as the rules allow."""
    for rule in lexicon.rules:
        if not (_cues_fit(rule, said) and _dates_fit(rule, said)):
            continue
        stray = [s for s in said.spots if not _choices(rule, said, s, {})]
        if stray:
            kinds = ", ".join(f"{n}: {t}" for n, t in rule.entity_slots.items()) or "none"
            what = "; ".join(f"'{s.text}' is a {'/'.join(e.type for e in s.readings)}"
                             for s in stray)  # fmt: skip
            return [s.text for s in stray], (
                f"{what}, which no parameter of '{rule.run}' takes ({kinds})"
            )
    words = (
        [c.words for c in said.cues] + [s.text for s in said.spots] + [w.text for w in said.dates]
    )
    if not words:
        return [], "the sentence asks nothing the reading rules know"
    return words, f"no question asks for {', '.join(repr(w) for w in words)} together"


def understand(
    text: str,
    lexicons: dict[str, Lexicon],
    resolver: Resolver,
    today: dt.date,
    language: str | None = None,
) -> Understanding:
    """Read a sentence in the given language, or in the one that understands more of it."""
    if language is not None and language not in lexicons:
        raise NotUnderstood(text, [], f"no reading rules for language '{language}'")
    chosen = [lexicons[language]] if language else list(lexicons.values())
    taken = [(take_apart(text, lexicon, resolver, today), lexicon) for lexicon in chosen]
    # Fewest words not understood, then most cues recognised.
    taken.sort(key=lambda pair: (len(pair[0].unknown), -len(pair[0].cues)))
    said, lexicon = taken[0]
    return read(said, lexicon, resolver)
