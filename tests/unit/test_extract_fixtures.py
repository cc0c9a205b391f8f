"""The extractor on two short documents written for it (tests/data/extraction), against the
real registry: the entities and facts a person reads there, and nothing the text does not say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from loaders.extract.document import extract_document
from loaders.extract.linking import Linker
from loaders.extract.nlp import Pipelines
from loaders.extract.words import load_words
from loaders.proposals.files import (
    Proposals,
    ProposedEntity,
    ProposedFact,
    read_proposals,
    write_proposals,
)
from loaders.proposals.run import extract_one
from loaders.sources.corpus import Document, load_corpus
from loaders.sources.registry import load_registry

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "extraction"
REGISTRY = Path(__file__).resolve().parents[2] / "loaders" / "registry"
EXPECTED: dict[str, Any] = yaml.safe_load((FIXTURES / "expected.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker.from_registry(load_registry(REGISTRY))


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {d.entry.id: d for d in load_corpus(FIXTURES)}


@pytest.fixture(scope="module")
def extracted(
    documents: dict[str, Document], linker: Linker, pipelines: Pipelines
) -> dict[str, Proposals]:
    return {doc_id: extract_one(d, linker, pipelines) for doc_id, d in documents.items()}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_new_entities_are_the_ones_the_text_names_in_base_form(
    doc_id: str, extracted: dict[str, Proposals]
) -> None:
    expected = EXPECTED[doc_id]
    proposed = {e.id: e for e in extracted[doc_id].entities}
    assert set(proposed) == {e["id"] for e in expected["entities"]} | set(
        expected.get("also_proposed", [])
    )
    for entity in expected["entities"]:
        got = proposed[entity["id"]]
        assert (got.type, got.name) == (entity["type"], entity["name"])
        for key, value in entity.get("props", {}).items():
            assert got.props.get(key) == value, (entity["id"], key)


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_facts_are_exactly_the_stated_ones_with_props_and_periods(
    doc_id: str, extracted: dict[str, Proposals]
) -> None:
    expected = {f["key"]: f for f in EXPECTED[doc_id]["facts"]}
    proposed = {f.key: f for f in extracted[doc_id].facts}
    assert set(proposed) == set(expected)
    for key, fact in expected.items():
        got = proposed[key]
        for prop, value in fact.get("props", {}).items():
            assert got.props.get(prop) == value, (key, prop)
        for bound in ("valid_from", "valid_to"):
            want = fact.get(bound)
            assert getattr(got, bound) == (dt.date.fromisoformat(want) if want else None), key


def test_a_city_inside_a_university_name_is_not_a_mention_of_the_city(
    documents: dict[str, Document], linker: Linker, pipelines: Pipelines
) -> None:
    names = {"Vaasan yliopisto", "University of Vaasa", "Vasa universitet"}
    for document in documents.values():
        read = extract_document(document, linker, pipelines, load_words())
        for spans in read.spans.values():
            universities = [s for s in spans if s.type == "Organisation" and s.name in names]
            cities = [s for s in spans if s.entity_id == "city:vaasa"]
            assert not any(c.overlaps(u) for c in cities for u in universities)
    found = {
        s.surface
        for d in documents.values()
        for ss in extract_document(d, linker, pipelines, load_words()).spans.values()
        for s in ss
        if s.type == "Organisation" and s.name in names
    }
    assert found == {
        "Vaasan yliopisto",
        "Vaasan yliopistolle",
        "University of Vaasa",
        "Vasa universitet",
    }


def test_a_prepared_horizon_proposal_is_not_a_funded_horizon_project(
    extracted: dict[str, Proposals],
) -> None:
    facts = {(f.s, f.p, f.o) for f in extracted["100_akkuvaasa"].facts}
    assert ("project:vetypolku", "RELATED_TO", "programme:horizon-europe") in facts
    assert not {(s, p) for s, p, o in facts if o == "programme:horizon-europe"} & {
        ("project:vetypolku", "PART_OF_PROGRAMME"),
        ("project:vetypolku", "FUNDED_BY"),
    }


def test_every_anchor_occurs_in_its_document(
    extracted: dict[str, Proposals], documents: dict[str, Document]
) -> None:
    for doc_id, proposals in extracted.items():
        cleaned = " ".join(documents[doc_id].cleaned.split())
        items: list[ProposedEntity | ProposedFact] = [*proposals.entities, *proposals.facts]
        for item in items:
            for evidence in item.evidence:
                assert evidence.doc == doc_id and evidence.anchor in cleaned, evidence.anchor


def test_extracting_twice_writes_the_same_bytes(
    tmp_path: Path, documents: dict[str, Document], linker: Linker, pipelines: Pipelines
) -> None:
    document = documents["100_akkuvaasa"]
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    write_proposals(first, extract_one(document, linker, pipelines))
    write_proposals(second, extract_one(document, linker, pipelines))
    assert first.read_bytes() == second.read_bytes()
    assert read_proposals(first).doc == "100_akkuvaasa"


def test_a_rejected_fact_is_not_proposed_again(
    documents: dict[str, Document],
    linker: Linker,
    pipelines: Pipelines,
    extracted: dict[str, Proposals],
) -> None:
    from loaders.proposals.files import Rejection

    key = "project:akkumeri|FUNDED_BY|org:business-finland"
    previous = extracted["100_akkuvaasa"].model_copy(
        update={"rejected": [Rejection(key=key, reason="not in the text", at=dt.date(2026, 12, 1))]}
    )
    again = extract_one(documents["100_akkuvaasa"], linker, pipelines, previous)
    assert key not in {f.key for f in again.facts}
    assert [r.key for r in again.rejected] == [key]
