"""A question's parameters are converted to their declared types, or refused naming the
parameter: a whole number Neo4j cannot store is the caller's error, not Neo4j's."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import QuestionError
from kgraph.query.questions import Question, parse_question

TOP_N = """\
// ---
// title: The first few cities
// description: Cities by name, as many as asked.
// params:
//   n: {type: int, default: 3, example: 3, description: how many}
// tags: [cities]
// ---
MATCH (c:City) RETURN c.name AS name ORDER BY name LIMIT $n
"""


@pytest.fixture
def top_n(tmp_path: Path) -> Question:
    path = tmp_path / "top_n.cypher"
    path.write_text(TOP_N, encoding="utf-8")
    return parse_question(path)


@pytest.mark.parametrize("given", ["5", 5, str(2**63 - 1), str(-(2**63))])
def test_a_whole_number_in_64_bits_is_bound_as_an_int(top_n: Question, given: str | int) -> None:
    assert top_n.bind({"n": given}) == {"n": int(given)}


@pytest.mark.parametrize("given", [str(2**63), str(-(2**63) - 1), "1" * 40])
def test_a_whole_number_past_64_bits_is_refused_naming_the_parameter(
    top_n: Question, given: str
) -> None:
    with pytest.raises(QuestionError, match="parameter 'n' must be a whole number from"):
        top_n.bind({"n": given})


def test_a_word_for_a_number_is_refused_naming_the_parameter(top_n: Question) -> None:
    with pytest.raises(QuestionError, match="parameter 'n' must be a whole number, got 'five'"):
        top_n.bind({"n": "five"})
