"""The reading rules of one language, as data: ``rules/<language>.yaml``.

A file holds the language's vocabulary and its rules::

    language: en
    ignore: [which, the, of, ...]          # words that carry nothing for the reading
    cues:                                   # concepts, each with the words that say it
      fund: [funds, funder, funding]
    terms:                                  # entities named by a word that is not their name
      stage:recycling: [recycling]
    type_nouns: {university: Organisation}  # "Oulu's university" is an organisation
    dates: {months: [...], today: [now], this_year: [this year], lead: [in, on]}
    said: {...}                             # how the reading is said back
    rules:
      - id: project-funding
        run: project_funding                # a catalogue question, or "search"
        needs: [fund]                       # every cue here must be said ("a|b": either)
        may: [project, how_much]            # cues it also takes
        slots: {project: Project}           # entity parameters that must be named
        says: "Who funds {project}, and with how much?"

A rule fits a sentence when every word of it is understood (an entity, a date, a cue the rule
takes or an ignored word), every cue it needs is said and every entity fills one of its slots.
A bad file is refused with its name, the line and the problem (``ReadingRuleError``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kgraph.errors import ReadingRuleError
from kgraph.ontology import EntityType, Language
from kgraph.parse.when import DateWords
from kgraph.query.questions import Catalogue
from kgraph.query.search import Kind

RULES_DIR = Path(__file__).resolve().parent / "rules"
SEARCH = "search"
#: The search's filters that take entities, with the type each is resolved as.
SEARCH_SLOTS: dict[str, EntityType] = {
    "stage": "ValueChainStage", "topic": "Topic", "programme": "FundingProgramme",
    "funder": "Organisation", "city": "City", "network": "Network",
}  # fmt: skip
#: A slot's type: an entity type, or ``any`` (an entity of any type).
SlotType = EntityType | Literal["any"]


class Rule(BaseModel):
    """One reading: the words a sentence must say, and the question they become."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    #: A catalogue question's name, or ``search``.
    run: str
    #: For ``search``: what it finds.
    kind: Kind | None = None
    needs: list[str] = Field(default_factory=list)
    may: list[str] = Field(default_factory=list)
    #: For ``search``: a cue that sets a flag ("funded" -> funded=true).
    flags: dict[str, Literal["funded"]] = Field(default_factory=dict)
    #: Entity parameters that must be named, with the type each is resolved as.
    slots: dict[str, SlotType] = Field(default_factory=dict)
    #: Entity parameters that may be named (left out: the question's "all").
    optional: dict[str, SlotType] = Field(default_factory=dict)
    #: A slot filled only when the sentence also says this cue ({funder: funded_by}).
    only_with: dict[str, str] = Field(default_factory=dict)
    #: The parameter a date in the sentence goes to, and whether the sentence must give one.
    date: str | None = None
    needs_date: bool = False
    #: A parameter whose value a cue chooses: {predicate: {fund: FUNDED_BY}}.
    choose: dict[str, dict[str, str]] = Field(default_factory=dict)
    #: A parameter made of the slots' ids: {fact_id: "{project}|FUNDED_BY|{funder}"}.
    compose: dict[str, str] = Field(default_factory=dict)
    #: The question said back; {parameter} is replaced by what it became.
    says: str = ""
    #: Said back instead when an optional slot is left out (the question answers for all).
    says_all: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.run == SEARCH:
            if self.kind is None:
                raise ValueError("a search rule names the kind it finds")
            unknown = set(self.slots) | set(self.optional)
            unknown -= set(SEARCH_SLOTS)
            if unknown:
                raise ValueError(f"the search has no filter {', '.join(sorted(unknown))}")
            if self.date not in (None, "as_of"):
                raise ValueError("the search's date filter is as_of")
        elif self.kind is not None or self.flags:
            raise ValueError("kind and flags are for search rules only")
        if not self.says and self.run != SEARCH:
            raise ValueError("a rule says its question back (says)")
        if self.needs_date and self.date is None:
            raise ValueError("needs_date without a date parameter")
        return self

    @property
    def cues(self) -> set[str]:
        """Every cue this rule takes."""
        needed = {c for group in self.needs for c in group.split("|")}
        chosen = {c for values in self.choose.values() for c in values}
        return needed | set(self.may) | set(self.flags) | chosen | set(self.only_with.values())

    @property
    def entity_slots(self) -> dict[str, SlotType]:
        return {**self.slots, **self.optional}


class Lexicon(BaseModel):
    """A language's words and reading rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: Language
    ignore: list[str]
    cues: dict[str, list[str]]
    terms: dict[str, list[str]] = Field(default_factory=dict)
    type_nouns: dict[str, EntityType] = Field(default_factory=dict)
    dates: DateWords
    #: Words of the sentence said back: "and", date formats, the search's phrases.
    said: dict[str, Any]
    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _cues_known(self) -> Lexicon:
        for i, rule in enumerate(self.rules):
            unknown = sorted(rule.cues - set(self.cues))
            if unknown:
                raise ValueError(f"rules.{i}.needs: unknown cue {', '.join(unknown)}")
        ids = [r.id for r in self.rules]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"rules: the id {', '.join(twice)} is given twice")
        return self


def _node_line(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The line of the deepest YAML node along a location (keys and list positions)."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
    return int(node.start_mark.line) + 1


def parse_lexicon(path: Path, catalogue: Catalogue | None = None) -> Lexicon:
    """Read and check one rules file; errors name the file, the line and the problem."""
    shown = path.name
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as error:
        raise ReadingRuleError(shown, f"cannot be read: {error}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else None
        raise ReadingRuleError(shown, f"invalid YAML: {error}", line) from error
    if not isinstance(root, yaml.MappingNode):
        raise ReadingRuleError(shown, "expected a mapping (language, cues, rules, ...)", 1)
    try:
        lexicon = Lexicon.model_validate(yaml.safe_load(text))
    except ValidationError as error:
        first = error.errors()[0]
        loc = tuple(first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        if not loc and message.startswith("rules."):
            loc = tuple(int(p) if p.isdigit() else p for p in message.split(":")[0].split("."))
        where = ".".join(str(p) for p in loc)
        raise ReadingRuleError(
            shown, f"{where}: {message}" if where else message, _node_line(root, loc)
        ) from error
    if catalogue is not None:
        _check_questions(lexicon, catalogue, shown, root)
    return lexicon


def _check_questions(lexicon: Lexicon, catalogue: Catalogue, shown: str, root: yaml.Node) -> None:
    """Every rule runs a question that exists, with parameters it takes."""
    for i, rule in enumerate(lexicon.rules):
        line = _node_line(root, ("rules", i))
        if rule.run == SEARCH:
            continue
        if rule.run not in catalogue.questions:
            raise ReadingRuleError(shown, f"rule '{rule.id}': no question '{rule.run}'", line)
        params = catalogue.questions[rule.run].params
        named = {*rule.entity_slots, *rule.choose, *rule.compose}
        named |= {rule.date} if rule.date else set()
        named -= set(rule.slots) if rule.compose else set()
        unknown = sorted(n for n in named if n not in params)
        if unknown:
            raise ReadingRuleError(
                shown, f"rule '{rule.id}': '{rule.run}' has no parameter {', '.join(unknown)}", line
            )
        for name in rule.optional:
            if params[name].default is not None:
                raise ReadingRuleError(
                    shown,
                    f"rule '{rule.id}': '{name}' has a default in '{rule.run}', so leaving it "
                    "out would answer for the default; make it a slot",
                    line,
                )


@lru_cache(maxsize=4)
def lexicons(folder: Path = RULES_DIR) -> dict[str, Lexicon]:
    """Every language's rules, checked against the catalogue, by language."""
    catalogue = Catalogue()
    found: dict[str, Lexicon] = {}
    for path in sorted(folder.glob("*.yaml")):
        lexicon = parse_lexicon(path, catalogue)
        found[lexicon.language] = lexicon
    if not found:
        raise ReadingRuleError(str(folder), "no reading rules (expected <language>.yaml)")
    return found
