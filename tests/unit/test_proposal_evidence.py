"""Two rules reading one sentence give one fact with one piece of evidence: the widest quote."""

from __future__ import annotations

from pathlib import Path

from loaders.extract.linking import Linker
from loaders.extract.nlp import Pipelines
from loaders.proposals.run import extract_one
from loaders.sources.cleaning import clean_text
from loaders.sources.corpus import Document, ManifestEntry, split_passages
from loaders.sources.registry import load_registry

REGISTRY = Path(__file__).resolve().parents[2] / "loaders" / "registry"
SENTENCE = "Business Finland myönsi Akkumateriaalit 2030 -hankkeelle 2,5 miljoonaa euroa."


def _document(text: str) -> Document:
    entry = ManifestEntry(id="t", file="t.txt", language="fi", kind="test", title="t",
                          publisher="t", sha256="0" * 64)  # fmt: skip
    cleaned = clean_text(text)
    return Document(entry=entry, raw_sha256="0" * 64, cleaned=cleaned,
                    passages=split_passages("t", cleaned))  # fmt: skip


def test_a_fact_two_rules_read_in_one_sentence_quotes_it_once(pipelines: Pipelines) -> None:
    proposals = extract_one(_document(SENTENCE), Linker.from_registry(load_registry(REGISTRY)),
                            pipelines)  # fmt: skip
    (fact,) = [f for f in proposals.facts if f.p == "FUNDED_BY"]
    # funder-sentence quotes the sentence, funder-verb-fi "Business Finland myönsi Akku...".
    assert [e.anchor for e in fact.evidence] == [SENTENCE]
    assert fact.props == {"amount_eur": 2500000}
