"""The rules of a language, bound to the code that applies them.

``patterns/<language>.yaml`` says what each rule gives and what it looks for; the code named
by its ``code`` (by default its id) applies it. Three kinds of code:

* name code finds new names in a passage (a rule without a predicate; its ``subject`` are
  the types it may name), run in the order of the file;
* sentence code states facts (or a project's period or status) of a sentence, run on every
  sentence in the order of the file;
* ``references`` reads a reference list item whole: three rules, the publication it names,
  a new author, and the AUTHORED facts.

A rule whose code is unknown, or a language with only part of the references rules, is a
``PatternError`` naming the file and the line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kgraph.errors import PatternError
from kgraph.ontology import Language
from loaders.extract import (
    candidates,
    places,
    programme_names,
    project_lists,
    rules_context,
    rules_layout,
    rules_parse,
    rules_people,
    rules_places,
    rules_projects,
    titles,
    topic_names,
)
from loaders.extract.context import NameSource, Sentence, State
from loaders.extract.drafts import Draft
from loaders.extract.patterns import Located, Rule, load_rules
from loaders.extract.references import ReferenceRules
from loaders.extract.spans import Span
from loaders.extract.words import Words

SentenceCode = Callable[[Sentence, State, Rule, Words], list[Draft]]
NameCode = Callable[[NameSource, Rule], list[Span]]

#: The code a name rule may name.
NAME_CODE: dict[str, NameCode] = {
    "gazetteer": places.gazetteer_places,
    "named-entities": candidates.named_entities,
    "genitive-head": candidates.genitive_heads,
    "finnish-projects": candidates.finnish_projects,
    "finnish-cities": places.finnish_cities,
    "english-organisations": candidates.english_organisations,
    "english-people": candidates.english_people,
    "english-projects": candidates.english_projects,
    "english-events": candidates.english_events,
    "english-cities": places.english_cities,
    "english-event-cities": places.english_event_cities,
    "dictionary-places": places.dictionary_places,
    "world-towns": places.world_towns,
    "listed-organisations": candidates.listed_organisations,
    "role-subjects": candidates.role_subjects,
    "finnish-programmes": programme_names.finnish_programmes,
    "programme-project-pairs": programme_names.programme_project_pairs,
    "listed-topics": topic_names.listed_topics,
    "source-lines": titles.source_lines,
    "labelled-titles": titles.labelled_titles,
    "shapes": titles.shapes,
    "places-listed": titles.places_listed,
    "listed-projects": project_lists.listed_projects,
    "item-projects": project_lists.item_projects,
}
#: The code a sentence rule may name.
SENTENCE_CODE: dict[str, SentenceCode] = {
    "implementers": rules_projects.implementers,
    "period": rules_projects.period,
    "status": rules_projects.status,
    "funders": rules_projects.funders,
    "programmes": rules_projects.programmes,
    "coordinators": rules_projects.coordinators,
    "participants": rules_projects.participants,
    "represented": rules_projects.represented,
    "between": rules_people.between,
    "membership": rules_places.membership,
    "adjacent": rules_places.adjacent,
    "named-by-place": rules_places.named_by_place,
    "specialisations": rules_places.specialisations,
    "topic-headed-item": rules_places.topic_headed_item,
    "sections": rules_layout.sections,
    "section-period": rules_layout.section_period,
    "table-rows": rules_layout.table_rows,
    "dependencies": rules_parse.dependencies,
    "points-back": rules_context.points_back,
    "members-listed": rules_context.members_listed,
    "listed-funded": rules_context.listed_funded,
    "examples": rules_context.examples,
}
REFERENCES = "references"


@dataclass(frozen=True)
class Bound:
    rule: Rule
    apply: SentenceCode


@dataclass(frozen=True)
class BoundName:
    rule: Rule
    find: NameCode

    def __call__(self, source: NameSource) -> list[Span]:
        """The new names the rule finds, of the types it says it names."""
        return [s for s in self.find(source, self.rule) if s.type in self.rule.subject]


@dataclass(frozen=True)
class Rulebook:
    """A language's name rules and sentence rules in order, and its reference rules."""

    names: tuple[BoundName, ...]
    sentences: tuple[Bound, ...]
    references: ReferenceRules | None


def bind(rules: tuple[Located, ...]) -> Rulebook:
    """Each rule with its code; a ``PatternError`` for a code no module provides."""
    names: list[BoundName] = []
    sentences: list[Bound] = []
    references: dict[str, Located] = {}
    for located in rules:
        rule, code = located.rule, located.rule.code_name
        if code in NAME_CODE and rule.predicate is None:
            names.append(BoundName(rule, NAME_CODE[code]))
        elif code in SENTENCE_CODE:
            sentences.append(Bound(rule, SENTENCE_CODE[code]))
        elif code == REFERENCES:
            references[_reference_part(located)] = located
        else:
            known = ", ".join([*NAME_CODE, *SENTENCE_CODE, REFERENCES])
            problem = f"rule '{rule.id}' names code '{code}' that does not exist (known: {known})"
            raise PatternError(located.file, problem, located.line)
    return Rulebook(tuple(names), tuple(sentences), _references(references))


def _reference_part(located: Located) -> str:
    rule = located.rule
    if rule.predicate == "AUTHORED":
        return "authored"
    if rule.predicate is None and rule.subject == ("Publication",):
        return "item"
    if rule.predicate is None and rule.subject == ("Person",):
        return "author"
    raise PatternError(
        located.file,
        f"rule '{rule.id}': a references rule states AUTHORED or names a Publication or a Person",
        located.line,
    )


def _references(parts: dict[str, Located]) -> ReferenceRules | None:
    if not parts:
        return None
    missing = {"authored", "item", "author"} - parts.keys()
    if missing:
        first = next(iter(parts.values()))
        problem = f"the references rules lack their {', '.join(sorted(missing))} rule"
        raise PatternError(first.file, problem, first.line)
    return ReferenceRules(parts["authored"].rule, parts["item"].rule, parts["author"].rule)


@lru_cache(maxsize=8)
def rulebook(language: Language) -> Rulebook:
    """The rules for documents in ``language``, read and bound once per process."""
    return bind(load_rules(language))
