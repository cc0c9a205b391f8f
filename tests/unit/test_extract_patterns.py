"""The pattern files of the extractor: the shipped ones are valid, a bad rule is refused with
its file and line (in the style of spaCy's pattern validation)."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from kgraph.errors import PatternError
from kgraph.ontology import LANGUAGES, PREDICATES, Language, Predicate
from loaders.extract.patterns import PATTERNS_DIR, load_rules, read_rules
from loaders.extract.rulebook import NAME_CODE, REFERENCES, SENTENCE_CODE, bind, rulebook

GOOD = """\
- id: member-cue
  code: membership
  predicate: MEMBER_OF
  subject: [City]
  object: [Network]
  confidence: 0.8
  cues: [jäsen]
"""

#: A dependency pattern after GOOD (the key on line 8, the pattern on 9 and 10): a verb and
#: the fact's subject.
DEPENDENCY = """\
  dependency:
    - - {RIGHT_ID: verb, RIGHT_ATTRS: {LEMMA: kuulua}}
      - {LEFT_ID: verb, REL_OP: '>', RIGHT_ID: subject, RIGHT_ATTRS: {DEP: nsubj}}
"""


def test_the_predicate_type_is_the_ontologys_predicates() -> None:
    assert set(get_args(Predicate)) == set(PREDICATES)


def test_every_language_has_a_pattern_file_and_every_file_a_language() -> None:
    assert sorted(p.stem for p in PATTERNS_DIR.glob("*.yaml")) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_pattern_file_is_valid_and_bound_to_code(language: Language) -> None:
    book = rulebook(language)
    assert book.names
    assert book.sentences
    assert book.references is not None
    bound = len(book.names) + len(book.sentences) + 3
    assert bound == len(load_rules(language))


def test_every_piece_of_rule_code_is_used_by_a_rule() -> None:
    used = {located.rule.code_name for language in LANGUAGES for located in load_rules(language)}
    assert {*NAME_CODE, *SENTENCE_CODE, REFERENCES} - used == set()


def test_a_language_without_a_pattern_file_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "en.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(PatternError, match=r"fi\.yaml: no extraction rules for 'fi' \(files: en\)"):
        load_rules("fi", tmp_path)


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        pytest.param(GOOD + "  colour: red\n", 8, "colour: Extra inputs", id="unknown-key"),
        pytest.param(
            GOOD.replace("MEMBER_OF", "MEMBER_IN"), 3, "predicate: Input should be", id="predicate"
        ),
        pytest.param(
            GOOD.replace("[City]", "[Town]"), 4, "subject.0: Input should be", id="subject-type"
        ),
        pytest.param(
            GOOD.replace("[Network]", "[Club]"), 5, "object.0: Input should be", id="object-type"
        ),
        pytest.param(GOOD + "  line: ['(unclosed']\n", 8, "is not a regular", id="regex"),
        pytest.param(GOOD.replace("0.8", "1.5"), 6, "confidence: Input should be", id="confidence"),
        pytest.param(GOOD + "\n" + GOOD, 9, "rule id 'member-cue' is used twice", id="twice"),
        pytest.param(GOOD.replace("  object: [Network]\n", ""), 1, "names no object", id="object"),
        pytest.param("- just a word\n", 1, "each rule must be a mapping", id="not-a-mapping"),
        pytest.param("id: x\n", 1, "expected a YAML list of rules", id="not-a-list"),
        pytest.param(GOOD + "  cues: [a\n", 9, "invalid YAML", id="yaml"),
        pytest.param(
            GOOD + DEPENDENCY.replace("LEMMA", "LEMA"), 9, "LEMA", id="dependency-attribute"
        ),
        pytest.param(
            GOOD + DEPENDENCY.replace("'>'", "'>>>>'"), 9, "Unsupported", id="dependency-operator"
        ),
        pytest.param(
            GOOD + DEPENDENCY.replace("LEFT_ID: verb", "LEFT_ID: noun"),
            9,
            "needs a REL_OP and a LEFT_ID naming a node before it",
            id="dependency-unknown-node",
        ),
        pytest.param(
            GOOD + DEPENDENCY.replace("RIGHT_ID: subject", "RIGHT_ID: other"),
            9,
            "names no 'subject' or 'object'",
            id="dependency-no-end",
        ),
        pytest.param(
            GOOD + DEPENDENCY,
            9,
            "without its 'object' node means the passage's project, but the object types are "
            "Network",
            id="dependency-missing-end-not-a-project",
        ),
        pytest.param(
            GOOD + DEPENDENCY.replace("RIGHT_ATTRS", "RIGHT_ATR", 1),
            9,
            "RIGHT_ATR: Extra inputs",
            id="dependency-node-key",
        ),
    ],
)
def test_a_bad_rule_is_refused_with_its_file_and_line(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = tmp_path / "fi.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PatternError) as caught:
        read_rules(path)
    assert (caught.value.file, caught.value.line) == ("fi.yaml", line)
    assert problem in caught.value.reason


def test_a_rule_naming_code_that_does_not_exist_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text(GOOD + "\n" + GOOD.replace("member-cue", "x").replace("membership", "nope"))
    with pytest.raises(PatternError, match=r"^en\.yaml:9: rule 'x' names code 'nope' that"):
        bind(read_rules(path))


REFERENCE_RULES = """\
- id: reference-authors
  code: references
  predicate: AUTHORED
  subject: [Person]
  object: [Publication]
  confidence: 0.95
- id: reference-item
  code: references
  subject: [Publication]
  confidence: 0.95
"""


def test_reference_rules_come_as_three(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text(REFERENCE_RULES, encoding="utf-8")
    with pytest.raises(PatternError, match=r"^en\.yaml:1: the references rules lack their author"):
        bind(read_rules(path))


def test_a_references_rule_of_another_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text(REFERENCE_RULES.replace("subject: [Publication]", "subject: [Event]"))
    with pytest.raises(PatternError, match=r"^en\.yaml:7: rule 'reference-item': a references"):
        bind(read_rules(path))
