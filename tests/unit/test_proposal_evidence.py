"""Two rules reading one sentence give one fact with one piece of evidence: the widest quote."""

from __future__ import annotations

from pathlib import Path

from loaders.extract.linking import Linker
from loaders.extract.nlp import Pipelines
from loaders.proposals.run import extract_one
from loaders.sources.registry import load_registry
from tests.support.documents import text_document

REGISTRY = Path(__file__).resolve().parents[2] / "loaders" / "registry"
SENTENCE = "Business Finland myönsi Akkumateriaalit 2030 -hankkeelle 2,5 miljoonaa euroa."


def test_a_fact_two_rules_read_in_one_sentence_quotes_it_once(pipelines: Pipelines) -> None:
    linker = Linker.from_registry(load_registry(REGISTRY))
    proposals = extract_one(text_document(SENTENCE, "fi"), linker, pipelines)
    (fact,) = [f for f in proposals.facts if f.p == "FUNDED_BY"]
    # funder-sentence quotes the sentence, funder-verb-fi "Business Finland myönsi Akku...".
    assert [e.anchor for e in fact.evidence] == [SENTENCE]
    assert fact.props == {"amount_eur": 2500000}
