"""The sentences the fact rules read: the pipeline's, rejoined where it cut one mid-way."""

from __future__ import annotations

import pytest

from kgraph.ontology import Language
from loaders.extract.nlp import Pipelines
from loaders.extract.sentences import as_written


@pytest.mark.parametrize(
    ("language", "text", "sentences"),
    [
        pytest.param(
            "fi",
            "Hanke on osa Uudistuva ja osaava Suomi 2021–2027 -ohjelmaa.",
            ["Hanke on osa Uudistuva ja osaava Suomi 2021–2027 -ohjelmaa."],
            id="fi-cut-inside-a-programme-name-is-one-sentence",
        ),
        pytest.param(
            "fi",
            "Hanke alkoi keväällä. Se päättyy syksyllä.",
            ["Hanke alkoi keväällä.", "Se päättyy syksyllä."],
            id="fi-a-full-stop-ends-a-sentence",
        ),
        pytest.param(
            "fi",
            "Mukana ovat Kokkola ja Vaasa\nHanke päättyy syksyllä",
            ["Mukana ovat Kokkola ja Vaasa", "Hanke päättyy syksyllä"],
            id="fi-a-line-break-ends-a-sentence",
        ),
        pytest.param(
            "en",
            "The project started in spring. Is it over? It ends in autumn!",
            ["The project started in spring.", "Is it over?", "It ends in autumn!"],
            id="en-question-and-exclamation-end-sentences",
        ),
    ],
)
def test_a_sentence_ends_where_its_writer_ended_it(
    language: Language, text: str, sentences: list[str], pipelines: Pipelines
) -> None:
    doc = pipelines.for_language(language)(text)
    assert [s.text.strip() for s in as_written(doc)] == sentences


def test_the_finnish_pipeline_does_cut_that_sentence(pipelines: Pipelines) -> None:
    """Why the rejoining exists: the parser's own sentences of the first case are pieces."""
    doc = pipelines.for_language("fi")(
        "Hanke on osa Uudistuva ja osaava Suomi 2021–2027 -ohjelmaa."
    )
    assert len(list(doc.sents)) > 1
