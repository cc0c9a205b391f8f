"""The graph accounts for everything the corpus names, or says why it leaves it out."""

from __future__ import annotations

from kgraph.settings import Settings
from loaders.build.coverage import Finding, measure
from loaders.build.pipeline import build


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
