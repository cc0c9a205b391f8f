"""Which registry entities the desk and the prompt offer for a merge: those the name index
finds in the new entity's names (any Finnish case form), then close spellings; one type only."""

from __future__ import annotations

import pytest

from kgraph.ontology import EntitySpec
from kgraph.settings import Settings
from loaders.proposals.candidates import merge_candidates
from loaders.sources.registry import Registry, load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(Settings().registry_dir)


def _org(name: str) -> EntitySpec:
    return EntitySpec(id="org:new", type="Organisation", name=name, props={"kind": "university"})


def test_an_inflected_name_finds_the_entity_first(registry: Registry) -> None:
    assert merge_candidates(_org("Oulun yliopistolle"), registry)[0].id == "org:university-of-oulu"


def test_a_longer_name_finds_the_entity_it_contains(registry: Registry) -> None:
    assert [e.id for e in merge_candidates(_org("Centria UAS"), registry)] == ["org:centria"]


def test_a_misspelt_name_finds_the_entity_by_its_spelling(registry: Registry) -> None:
    assert merge_candidates(_org("Business Finlnd"), registry)[0].id == "org:business-finland"


def test_only_entities_of_the_same_type_are_offered(registry: Registry) -> None:
    topic = EntitySpec(id="topic:new", type="Topic", name="University of Oulu")
    assert merge_candidates(topic, registry) == []
