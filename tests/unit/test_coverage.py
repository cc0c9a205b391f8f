"""The graph accounts for everything the corpus names, or says why it leaves it out."""

from __future__ import annotations

import pytest

from kgraph.coverage import Finding
from kgraph.settings import Settings
from loaders.build.coverage import measure
from loaders.build.pipeline import build
from loaders.sources.corpus import Document, Passage, load_manifest


def test_nothing_in_the_corpus_is_unexplained() -> None:
    settings = Settings()
    result = build(settings.corpus_dir, settings.registry_dir)
    report = measure(result.documents, result.registry, len(result.evidence))
    assert report.unexplained == []
    assert report.accounted > 300
    kinds = {f.kind for f in report.explained_by_omission}
    assert "acronym" in kinds  # e.g. TKI, RDI: listed with reasons in omissions.yaml


def test_a_new_unknown_name_would_be_reported() -> None:
    settings = Settings()
    result = build(settings.corpus_dir, settings.registry_dir)
    result.registry.omissions = []
    report = measure(result.documents, result.registry, len(result.evidence))
    assert Finding("acronym", "DOI", "000_82ade397896eee5f:p114") in report.unexplained


def _one_passage(text: str) -> Document:
    """A document of one passage, under the manifest entry of the final report."""
    settings = Settings()
    entry = load_manifest(settings.corpus_dir).documents[0]
    passage = Passage(
        id=f"{entry.id}:p000", doc_id=entry.id, ordinal=0, kind="paragraph",
        text=text, start=0, end=len(text),
    )  # fmt: skip
    return Document(entry=entry, raw_sha256="0" * 64, cleaned=text, passages=[passage])


@pytest.mark.parametrize(
    ("written", "known"),
    [
        ("13,400,000 euros", True),  # 13.4 M€ is BATCircle3.0's grant in the registry
        ("13,4 miljoonaa euroa", True),
        ("€13.4 million", True),
        ("EUR 13,400,000", True),
        ("13,4 M€", True),
        ("1,800,000 euros", False),  # read once as 800 euros
        ("EUR 987,000", False),
        ("2 miljoonan euron", False),
    ],
)
def test_amounts_are_read_in_every_form_the_extractor_reads(written: str, known: bool) -> None:
    registry = build(Settings().corpus_dir, Settings().registry_dir).registry
    registry.omissions = []
    report = measure([_one_passage(f"Hankkeen rahoitus oli {written} vuonna 2024.")], registry, 0)
    amounts = [f.text for f in report.unexplained if f.kind == "amount"]
    assert amounts == ([] if known else [written])


def test_periods_are_judged_by_their_dates_or_years() -> None:
    registry = build(Settings().corpus_dir, Settings().registry_dir).registry
    registry.omissions = []
    text = "Toteutusaika 1.1.2019 – 31.12.2019, ja jatko vuosille 2031 – 2033."
    report = measure([_one_passage(text)], registry, 0)
    dated = [(f.kind, f.text) for f in report.unexplained if f.kind.endswith("_range")]
    assert dated == [("date_range", "1.1.2019 – 31.12.2019"), ("year_range", "2031 – 2033")]
