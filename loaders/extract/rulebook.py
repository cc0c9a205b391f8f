"""The rules of a language, bound to the code that applies them.

``patterns/<language>.yaml`` says what each rule states and what it looks for; the code named
by its ``code`` (by default its id) applies it. Sentence rules run on every sentence in the
order of the file; the one passage rule (``references``) reads a reference list item whole.
A rule whose code is unknown is a ``PatternError`` naming its file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kgraph.errors import PatternError
from kgraph.ontology import Language
from loaders.extract import rules_people, rules_places, rules_projects
from loaders.extract.context import Sentence, State
from loaders.extract.drafts import Draft
from loaders.extract.patterns import Located, Rule, load_rules
from loaders.extract.words import Words

SentenceCode = Callable[[Sentence, State, Rule, Words], list[Draft]]

#: The code a sentence rule may name.
SENTENCE_CODE: dict[str, SentenceCode] = {
    "implementers": rules_projects.implementers,
    "period": rules_projects.period,
    "status": rules_projects.status,
    "funders": rules_projects.funders,
    "programmes": rules_projects.programmes,
    "coordinators": rules_projects.coordinators,
    "participants": rules_projects.participants,
    "between": rules_people.between,
    "membership": rules_places.membership,
    "adjacent": rules_places.adjacent,
    "specialisations": rules_places.specialisations,
}
#: The code a passage rule may name (``loaders.extract.references``, called by the reader).
PASSAGE_CODE = frozenset({"references"})


@dataclass(frozen=True)
class Bound:
    rule: Rule
    apply: SentenceCode


@dataclass(frozen=True)
class Rulebook:
    """A language's sentence rules in order, and its reference-list rule (if any)."""

    sentences: tuple[Bound, ...]
    references: Rule | None


def bind(rules: tuple[Located, ...]) -> Rulebook:
    """Each rule with its code; a ``PatternError`` for a code no module provides."""
    bound: list[Bound] = []
    references: Rule | None = None
    for located in rules:
        rule = located.rule
        if rule.code_name in SENTENCE_CODE:
            bound.append(Bound(rule, SENTENCE_CODE[rule.code_name]))
        elif rule.code_name in PASSAGE_CODE and references is None:
            references = rule
        else:
            known = ", ".join([*SENTENCE_CODE, *sorted(PASSAGE_CODE)])
            problem = (
                f"a second passage rule '{rule.id}' (one per language)"
                if rule.code_name in PASSAGE_CODE
                else f"rule '{rule.id}' names code '{rule.code_name}' that does not exist "
                f"(known: {known})"
            )
            raise PatternError(located.file, problem, located.line)
    return Rulebook(tuple(bound), references)


@lru_cache(maxsize=8)
def rulebook(language: Language) -> Rulebook:
    """The rules for documents in ``language``, read and bound once per process."""
    return bind(load_rules(language))
