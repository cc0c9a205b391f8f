"""Every passage id, read from a document or synthetic, has the one format."""

from __future__ import annotations

from loaders.sources.corpus import passage_id, split_passages
from loaders.synth import PER_UNIT, Synth


def test_passage_id_is_the_document_id_and_the_ordinal_in_three_digits() -> None:
    assert passage_id("003_abba59e65f6bad7a", 4) == "003_abba59e65f6bad7a:p004"
    assert passage_id("doc", 131) == "doc:p131"
    assert passage_id("doc", 1000) == "doc:p1000"


def test_read_passages_take_their_ids_from_passage_id() -> None:
    passages = split_passages("doc", "First block of text here.\n\nSecond block of text here.")
    assert [p.id for p in passages] == ["doc:p001", "doc:p002"]


def test_synthetic_passages_have_the_same_format_as_read_ones() -> None:
    synth = Synth(1)
    doc_id = synth.document_id(0)
    passages = [row for row in synth.nodes() if row.label == "Passage"]
    assert passages[0].id == f"{doc_id}:p001"
    assert [row.id for row in passages] == [
        passage_id(doc_id, row.props["ordinal"]) for row in passages
    ]
    # An organisation's profile passage comes after its document's cities.
    assert synth.org_passage(0) == passage_id(doc_id, PER_UNIT["cities"] + 1)
