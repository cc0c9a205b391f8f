"""The fact rules as data: ``patterns/<language>.yaml``, one file per language, validated.

A file is a YAML list of rules. Each rule says what it states (``predicate``, the ``subject``
and ``object`` types of the ontology, fixed ``props``), how sure it is (``confidence``), which
code applies it (``code``, a name ``loaders.extract.rulebook`` knows; by default the rule's
``id``), and what that code looks for in a sentence:

    cues        lemmas or lower-case words, one of which the sentence holds
    not_cues    lemmas or lower-case words, none of which the sentence holds
    line        regular expressions, one of which the sentence starts with (after any
                punctuation: a bullet, a dash)
    text        regular expressions, one of which occurs in the sentence (for a name rule of
                ``listed-organisations``: a cue after which a list of names runs to the end
                of its sentence, "Partners include")
    not_text    regular expressions, none of which occurs in the sentence (for every rule,
                whatever its code: a sentence holding one is not read by the rule)
    before      regular expressions, one of which ends the text just before a span
    after       regular expressions, one of which starts the text just after a span
    refers_back regular expressions, one of which ends the text before a span when a pronoun
                there ("sitä", "it is") points back to the passage's subject
    between     regular expressions, one of which is the whole text between the two ends
                (a named group, ``(?P<title>...)``, is a prop of the fact: a title of
                ``words.yaml``)
    object_first  whether ``between`` reads the object before the subject ("Oulun
                yliopiston professori Ulla Lassi")
    heading     words of the section heading the rule applies under (or of the words
                introducing a list, "The partners are:")
    labels      the named-entity labels of the language's pipeline a name rule reads
                (spaCy's: ORG, PERSON, EVENT, GPE)
    dependency  spaCy ``DependencyMatcher`` patterns over the sentence's parse, each a list
                of nodes (``RIGHT_ID``, ``RIGHT_ATTRS``, ``LEFT_ID``, ``REL_OP``, as spaCy
                writes them); the node named ``subject`` and the node named ``object`` are
                the fact's two ends (a token of a name of the rule's types, with its
                conjuncts: "A, B ja C" gives each). A pattern without one of them, or whose
                node there is a word of ``passage_words``, means the passage's project.
    passage_words  lemmas or lower-case words that, as an end of a ``dependency`` pattern,
                stand for the passage's project ("hanke", "project", "consortium")

A rule without a predicate names new entities of its ``subject`` types (a name rule), or
states a property of its subject (a project's period or status) rather than a fact. Every
problem is a ``PatternError`` naming the file and the line: a key, predicate or type the
schema does not know, a pattern that does not compile, an id used twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from spacy.matcher import DependencyMatcher
from spacy.vocab import Vocab

from kgraph.errors import PatternError
from kgraph.ontology import EntityType, Language, Predicate
from loaders.extract.calibration import CALIBRATION_FILE, Calibration, read_calibration

PATTERNS_DIR = Path(__file__).with_name("patterns")
_REGEX_FIELDS = ("line", "text", "not_text", "before", "after", "refers_back", "between")
#: The names of the two ends of a fact in a dependency pattern.
DEPENDENCY_ENDS = ("subject", "object")


class DependencyNode(BaseModel):
    """One node of a spaCy ``DependencyMatcher`` pattern, with spaCy's own keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    RIGHT_ID: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    RIGHT_ATTRS: dict[str, Any] = Field(default_factory=dict)
    LEFT_ID: str | None = None
    REL_OP: str | None = None

    def spacy(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


def _check_dependency(pattern: tuple[DependencyNode, ...], rule_id: str) -> None:
    """The shape spaCy requires (the first node the anchor, each later one tied to a node
    before it), an end named, and spaCy's own validation of attributes and operators."""
    if not pattern:
        raise ValueError(f"rule '{rule_id}': a dependency pattern needs at least one node")
    seen: list[str] = []
    for i, node in enumerate(pattern):
        if i == 0 and (node.LEFT_ID or node.REL_OP):
            raise ValueError(f"rule '{rule_id}': the first node is the anchor, without LEFT_ID")
        if i > 0 and (node.LEFT_ID not in seen or not node.REL_OP):
            raise ValueError(
                f"rule '{rule_id}': node '{node.RIGHT_ID}' needs a REL_OP and a LEFT_ID "
                f"naming a node before it ({', '.join(seen)})"
            )
        if node.RIGHT_ID in seen:
            raise ValueError(f"rule '{rule_id}': node '{node.RIGHT_ID}' is named twice")
        seen.append(node.RIGHT_ID)
    if not set(DEPENDENCY_ENDS) & set(seen):
        raise ValueError(f"rule '{rule_id}': a dependency pattern names no 'subject' or 'object'")
    try:
        DependencyMatcher(Vocab(), validate=True).add(rule_id, [[n.spacy() for n in pattern]])
    except (ValueError, KeyError) as error:
        raise ValueError(f"rule '{rule_id}': {' '.join(str(error).split())}") from error


class Rule(BaseModel):
    """One rule of a pattern file (see the module docstring for what each field means)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    code: str = ""
    predicate: Predicate | None = None
    subject: tuple[EntityType, ...] = Field(min_length=1)
    object: tuple[EntityType, ...] = ()
    props: dict[str, str | int | float] = Field(default_factory=dict)
    confidence: float = Field(gt=0, le=1)
    cues: frozenset[str] = frozenset()
    not_cues: frozenset[str] = frozenset()
    line: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    not_text: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    refers_back: tuple[str, ...] = ()
    between: tuple[str, ...] = ()
    object_first: bool = False
    heading: tuple[str, ...] = ()
    labels: frozenset[str] = frozenset()
    dependency: tuple[tuple[DependencyNode, ...], ...] = ()
    passage_words: frozenset[str] = frozenset()

    @field_validator(*_REGEX_FIELDS)
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"'{pattern}' is not a regular expression: {error}") from error
        return patterns

    @field_validator("dependency")
    @classmethod
    def _dependency(
        cls, patterns: tuple[tuple[DependencyNode, ...], ...], info: ValidationInfo
    ) -> tuple[tuple[DependencyNode, ...], ...]:
        rule_id = str(info.data.get("id", "?"))
        for pattern in patterns:
            _check_dependency(pattern, rule_id)
            named = {n.RIGHT_ID for n in pattern}
            for end in DEPENDENCY_ENDS:
                types = info.data.get(end, ())
                if end not in named and "Project" not in types:
                    raise ValueError(
                        f"rule '{rule_id}': a pattern without its '{end}' node means the "
                        f"passage's project, but the {end} types are {', '.join(types)}"
                    )
        return patterns

    @model_validator(mode="after")
    def _shape(self) -> Rule:
        if self.predicate is not None and not self.object:
            raise ValueError(f"rule '{self.id}' states {self.predicate} but names no object type")
        if self.predicate is None and self.object:
            raise ValueError(f"rule '{self.id}' names object types but no predicate")
        return self

    @property
    def code_name(self) -> str:
        return self.code or self.id

    def cued(self, lemmas: frozenset[str]) -> bool:
        """Whether the sentence holds a cue (always, for a rule without cues) and no not_cue."""
        return (not self.cues or bool(self.cues & lemmas)) and not self.not_cues & lemmas

    @cached_property
    def _compiled(self) -> dict[str, re.Pattern[str]]:
        compiled = {
            f: re.compile("|".join(f"(?:{p})" for p in getattr(self, f))) for f in _REGEX_FIELDS
        }
        compiled["line"] = re.compile(rf"\W*(?:{compiled['line'].pattern})")
        return compiled

    def starts_line(self, words: str) -> bool:
        return bool(self.line) and self._compiled["line"].match(words) is not None

    def points_back(self, before: str) -> bool:
        return bool(self.refers_back) and self._compiled["refers_back"].search(before) is not None

    def excluded(self, words: str) -> bool:
        """Whether a ``not_text`` occurs: the rule reads nothing in such a sentence (checked
        for every sentence rule, whatever its code)."""
        return bool(self.not_text) and self._compiled["not_text"].search(words) is not None

    def in_text(self, words: str) -> bool:
        """Whether ``text`` occurs (always, for a rule without it). ``not_text`` is not asked
        here: a sentence it excludes never reaches the rule (``excluded``, in the document's
        pass)."""
        return not self.text or self._compiled["text"].search(words) is not None

    def ends(self, before: str) -> bool:
        return bool(self.before) and self._compiled["before"].search(before) is not None

    def starts(self, after: str) -> bool:
        return bool(self.after) and self._compiled["after"].match(after) is not None

    def heads_in(self, text: str) -> list[re.Match[str]]:
        """Where the ``after`` patterns occur in ``text``: the heads a name is written before
        ("X -ohjelmaa"); searched in the whole text, so a pattern may look behind."""
        return list(self._compiled["after"].finditer(text)) if self.after else []

    def spans_between(self, between: str) -> re.Match[str] | None:
        return self._compiled["between"].fullmatch(between) if self.between else None


@dataclass(frozen=True)
class Located:
    """A rule with the file and line it was read from."""

    rule: Rule
    file: str
    line: int


def _line_of(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The line of the deepest YAML node along a pydantic error location."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == part), None)
            if found is None:
                break
            node = found
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            break
    return int(node.start_mark.line) + 1


def read_rules(path: Path, shown: str | None = None) -> tuple[Located, ...]:
    """The rules of one pattern file, each with its line; a ``PatternError`` on a bad one."""
    shown = shown or path.name
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else None
        raise PatternError(
            shown, f"invalid YAML: {getattr(error, 'problem', error)}", line
        ) from error
    if not isinstance(root, yaml.SequenceNode):
        raise PatternError(shown, "expected a YAML list of rules", 1)
    rules: list[Located] = []
    seen: dict[str, int] = {}
    for node in root.value:
        line = int(node.start_mark.line) + 1
        if not isinstance(node, yaml.MappingNode):
            raise PatternError(shown, "each rule must be a mapping of fields", line)
        raw: Any = yaml.SafeLoader("").construct_document(node)
        try:
            rule = Rule.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            loc = tuple(first["loc"])
            where = ".".join(str(p) for p in loc)
            message = first["msg"].removeprefix("Value error, ")
            raise PatternError(
                shown, f"{where}: {message}" if where else message, _line_of(node, loc)
            ) from error
        if rule.id in seen:
            raise PatternError(
                shown, f"rule id '{rule.id}' is used twice (first on line {seen[rule.id]})", line
            )
        seen[rule.id] = line
        rules.append(Located(rule, shown, line))
    return tuple(rules)


@lru_cache(maxsize=8)
def load_rules(
    language: Language, folder: Path = PATTERNS_DIR, calibration: Path = CALIBRATION_FILE
) -> tuple[Located, ...]:
    """The rules for documents in ``language``: ``patterns/<language>.yaml``, each measured
    rule's confidence calibrated (``loaders.extract.calibration``)."""
    path = folder / f"{language}.yaml"
    shown = f"loaders/extract/patterns/{language}.yaml" if folder == PATTERNS_DIR else str(path)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.yaml")))
        raise PatternError(shown, f"no extraction rules for '{language}' (files: {known})")
    return calibrated(read_rules(path, shown), language, read_calibration(calibration))


def calibrated(
    rules: tuple[Located, ...], language: Language, calibration: Calibration | None
) -> tuple[Located, ...]:
    """The rules with each measured one's confidence its measured precision; a measurement of
    a rule the file does not hold is an error (the rule was renamed: measure again)."""
    measured = calibration.rules.get(language, {}) if calibration is not None else {}
    unknown = sorted(set(measured) - {r.rule.id for r in rules})
    if unknown:
        raise PatternError(
            "loaders/extract/calibration.yaml",
            f"{language}: rules {', '.join(unknown)} are measured but not in the pattern file; "
            "rerun scripts/calibrate_rules.py",
        )
    return tuple(
        replace(
            r,
            rule=r.rule.model_copy(
                update={"confidence": measured[r.rule.id].confidence(r.rule.confidence)}
            ),
        )
        if r.rule.id in measured
        else r
        for r in rules
    )
