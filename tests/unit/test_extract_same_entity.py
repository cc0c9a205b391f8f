"""One entity per thing within a document (loaders/extract/same_entity.py): a company named
with its legal form, without it and inflected is one proposal, the bare name its alias."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from kgraph.ontology import Language
from loaders.extract.document import extract_document
from loaders.extract.linking import Linker
from loaders.extract.nlp import Pipelines
from loaders.extract.words import load_words
from loaders.proposals.from_drafts import build_proposals
from loaders.sources.registry import load_registry
from tests.support.documents import text_document

REGISTRY = Path(__file__).resolve().parents[2] / "loaders" / "registry"


@dataclass(frozen=True)
class Case:
    language: Language
    text: str
    #: the new organisations proposed: name -> its aliases
    organisations: dict[str, list[str]]
    #: how many spans name the first of them
    mentions: int


CASES: dict[str, Case] = {
    "fi-with-legal-form-inflected-and-bare": Case(
        "fi",
        "Valmet Automotive Oy rakentaa akkutehtaan. Valmet Automotiven mukaan tehdas valmistuu "
        "2026. Valmet Automotive työllistää satoja.",
        {"Valmet Automotive Oy": ["Valmet Automotive"]},
        3,
    ),
    "fi-an-inflected-form-is-no-alias": Case(
        "fi",
        "Umicore Finland Oy valmistaa esiasteita. Umicore Finlandin mukaan yhteistyö on tärkeää.",
        {"Umicore Finland Oy": []},
        2,
    ),
    "fi-a-one-word-bare-name-inflected": Case(
        "fi",
        "Kemira Oyj kehittää kemikaaleja. Kemiran mukaan tutkimus jatkuu.",
        {"Kemira Oyj": []},
        2,
    ),
    "fi-bare-name-in-an-earlier-passage": Case(
        "fi",
        "Valmet Automotive kertoo uudesta tehtaasta.\n\n"
        "Tehtaan rakentaa Valmet Automotive Oy yhdessä kaupungin kanssa.",
        {"Valmet Automotive Oy": ["Valmet Automotive"]},
        2,
    ),
    "fi-an-acronym-with-a-colon-ending": Case(
        "fi",
        "Tutkimusta tekee Teknologian tutkimuskeskus VTT Oy. VTT:n mukaan tulokset ovat hyviä.",
        {"VTT Oy": ["VTT"]},
        2,
    ),
    "en-with-legal-form-and-bare": Case(
        "en",
        "Nordic Cells Oy opened a plant. Nordic Cells said the plant is ready.",
        {"Nordic Cells Oy": ["Nordic Cells"]},
        2,
    ),
    "en-a-longer-name-around-it-is-another-thing": Case(
        "en",
        "Nordic Cells Oy and the Nordic Cells Research Institute signed an agreement.",
        {"Nordic Cells Oy": [], "Nordic Cells Research Institute": []},
        1,
    ),
}


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker.from_registry(load_registry(REGISTRY))


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_one_proposal_per_company_with_its_bare_name_as_alias(
    case: Case, linker: Linker, pipelines: Pipelines
) -> None:
    document = text_document(case.text, case.language)
    read = extract_document(document, linker, pipelines, load_words())
    proposals = build_proposals(document, read, models=[])
    organisations = {e.name: e.aliases for e in proposals.entities if e.type == "Organisation"}
    assert organisations == case.organisations
    first = next(e.id for e in proposals.entities if e.name == next(iter(case.organisations)))
    named = [s.surface for spans in read.spans.values() for s in spans if s.entity_id == first]
    assert len(named) == case.mentions, named
