"""The full-text query built from a user's text: words only, escaped, every word required,
each in the forms its Finnish and English stems and lemmas give."""

from __future__ import annotations

import re

import pytest

from kgraph.errors import QuestionError
from kgraph.query.corpus import escape, lucene_query, word_clause

#: A Lucene clause as lucene_query writes it: bare lower-case words, prefixes with one '*'.
_CLAUSE = re.compile(r"^(\w+\*?|\((\w+\*?)( OR \w+\*?)+\))$")


def test_finnish_inflections_are_found_by_the_stem_and_the_lemma() -> None:
    assert word_clause("Kokkolassa") == "kokkol*"
    assert word_clause("akkujen") == "akku*"
    assert word_clause("Turussa") == "(turku* OR turu*)"


@pytest.mark.parametrize(
    ("word", "clause"),
    [
        # Issue 22: a word that is its own stem got no prefix, so the base form found fewer
        # passages than an inflected one (akku 0, akkujen 75).
        ("akku", "akku*"),
        ("yhteistyö", "yhteistyö*"),
        ("litium", "litium*"),
        # -us nouns inflect as -uksen: the base form's prefix alone misses them.
        ("tutkimus", "(tutkimuks* OR tutkimus*)"),
        ("tutkimuksen", "(tutkimuks* OR tutkimus*)"),
    ],
)
def test_a_base_form_finds_its_inflected_forms(word: str, clause: str) -> None:
    assert word_clause(word) == clause


def test_english_plurals_find_the_singular() -> None:
    assert "battery*" in word_clause("batteries")


def test_every_word_is_required() -> None:
    assert lucene_query("akkujen kierrätys") == "akku* AND kierrät*"


def test_a_word_shorter_than_three_letters_matches_only_as_written() -> None:
    assert word_clause("EU") == "eu"


@pytest.mark.parametrize(
    "text",
    ['a OR (b', "title:x~2^3", 'C++ / \\ "x"', "AND", "NOT x", "x AND", "*kokkola?",
     "[1 TO 5]", "{a}", "x && y || !z", "x/y", "Kokkola' MATCH (n) DETACH DELETE n //"],
)  # fmt: skip
def test_operators_and_special_characters_never_reach_lucene(text: str) -> None:
    query = lucene_query(text)
    clauses = query.split(" AND ")
    assert all(_CLAUSE.match(clause) for clause in clauses), query
    assert not re.search(r"\b(OR|AND|NOT|TO)\b", " ".join(c.strip("()") for c in clauses)
                         .replace(" OR ", " "))  # fmt: skip


@pytest.mark.parametrize("text", ["", "   ", '"', "*", "\\", "+-!():^[]{}~?|&/"])
def test_text_without_a_word_is_a_clear_error(text: str) -> None:
    with pytest.raises(QuestionError, match="holds no word"):
        lucene_query(text)


def test_escape_covers_every_lucene_special_character() -> None:
    assert (
        escape('+-&|!(){}[]^"~*?:\\/')
        == '\\+\\-\\&\\|\\!\\(\\)\\{\\}\\[\\]\\^\\"\\~\\*\\?\\:\\\\\\/'
    )
