"""What a trained pipeline's own dictionary says a word is (``loaders.extract.lexicon``)."""

from __future__ import annotations

import pytest
import spacy

from loaders.extract.lexicon import WordKind, lexicon_of
from loaders.extract.nlp import Pipelines


@pytest.mark.parametrize(
    ("word", "lemma", "kind"),
    [
        ("Academia", "academia", "common"),
        ("Students", "student", "common"),
        ("Fortum", "Fortum", "unknown"),
        ("Umicore", "umicore", "unknown"),
    ],
)
def test_english_a_word_of_the_lemmatisers_word_lists_is_common(
    pipelines: Pipelines, word: str, lemma: str, kind: WordKind
) -> None:
    lexicon = lexicon_of(pipelines.en)
    assert lexicon is not None
    assert lexicon(word, lemma) == kind


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Fortum", "name"),
        ("Kemira", "name"),
        ("Umicore", "unknown"),
        ("Teollisuus", "common"),
        ("Kokkola", "place"),
        ("Nokia", "place"),
        ("Virtanen", "person"),
    ],
)
def test_finnish_voikko_tells_a_name_from_a_place_a_person_and_a_common_word(
    pipelines: Pipelines, word: str, kind: WordKind
) -> None:
    lexicon = lexicon_of(pipelines.fi)
    assert lexicon is not None
    assert lexicon(word, word) == kind


def test_a_blank_pipeline_has_no_lexicon() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    assert lexicon_of(blank) is None
