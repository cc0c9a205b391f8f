"""The matcher's precision and recall on hand-labelled passages of the real corpus."""

from __future__ import annotations

from pathlib import Path

import yaml

from kgraph.names.matcher import MentionIndex
from kgraph.ontology import EntitySpec
from kgraph.settings import Settings
from loaders.build.pipeline import build
from loaders.sources.names import entity_names, identity_names
from tests.support.mention_quality import measure

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "mentions_labelled.yaml"


def test_matcher_precision_and_recall_on_the_labelled_sample() -> None:
    settings = Settings()
    result = build(settings.corpus_dir, settings.registry_dir)
    quality = measure(
        SAMPLE, result.documents, [e.item for e in result.registry.entities],
        identity_names(result.registry),
    )  # fmt: skip
    print(f"precision {quality.precision:.3f}, recall {quality.recall:.3f}")
    labelled = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    known = {(p, e) for p, entities in labelled["known_misses"].items() for e in entities}
    # A known miss is a labelled mention (else it would not count against recall) ...
    assert all(e in labelled["passages"][p] for p, e in known)
    # ... and the only kind of miss there may be: a fixed one simply stops being missed.
    assert set(quality.false_negatives) <= known
    assert quality.precision >= 0.95
    assert quality.recall >= 0.95


def test_a_concept_is_found_in_lower_case_inside_a_sentence() -> None:
    topic = EntitySpec(id="topic:battery-recycling", type="Topic", name="Battery recycling")
    city = EntitySpec(id="city:vaasa", type="City", name="Vaasa")
    index = MentionIndex(entity_names([topic, city]))
    text = "Aalto specialises in battery recycling. Battery recycling grows; vaasa is a word here."

    found = [(m.entity_id, m.surface) for m in index.find(text, language="en")]

    # a topic's sentence-case name also in lower case; a city's name only capitalised
    assert found == [
        ("topic:battery-recycling", "battery recycling"),
        ("topic:battery-recycling", "Battery recycling"),
    ]
