"""The extractor on the team's own documents (tests/data/extraction_set/): figures that may
not fall, and the set's files read strictly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.extract.nlp import Pipelines
from loaders.sources.registry import load_registry
from tests.support.extract_measure import Tally
from tests.support.extraction_set import SET_DIR, SetError, load_set
from tests.support.extraction_set_measure import Scored, score_set

REGISTRY = Path(__file__).resolve().parents[2] / "loaders" / "registry"

#: Today's figures (docs/extraction.md), rounded down: entities P, R; facts P, R. A change that
#: lowers one fails here; one that raises it should raise the floor.
FLOORS: dict[str, tuple[float, float, float, float]] = {
    "200_fi_news": (1.00, 1.00, 1.00, 0.85),
    "201_fi_report": (1.00, 1.00, 1.00, 0.76),
    "202_en_news": (1.00, 0.86, 1.00, 1.00),
    "203_en_project_page": (1.00, 1.00, 1.00, 1.00),
    "204_fi_project_page": (1.00, 1.00, 1.00, 1.00),
    "205_en_post": (1.00, 0.83, 1.00, 1.00),
    "206_fi_newsletter": (1.00, 1.00, 1.00, 0.94),
    "207_en_report": (1.00, 1.00, 1.00, 0.72),
    "208_en_event_recap": (1.00, 0.85, 1.00, 0.62),
    "209_fi_network_letter": (1.00, 1.00, 1.00, 1.00),
    "210_en_press_release": (1.00, 1.00, 1.00, 1.00),
    "211_fi_tiedote": (1.00, 1.00, 1.00, 1.00),
    "212_fi_muistio": (1.00, 1.00, 1.00, 0.83),
    "213_en_funding_news": (1.00, 1.00, 1.00, 1.00),
    "214_en_interview": (1.00, 1.00, 1.00, 0.80),
    "215_fi_blogi": (1.00, 0.87, 1.00, 1.00),
    "all": (1.00, 0.95, 1.00, 0.87),
}


@pytest.fixture(scope="module")
def scored(pipelines: Pipelines) -> dict[str, Scored]:
    return {s.doc: s for s in score_set(load_set(), load_registry(REGISTRY), pipelines)}


def _figures(entities: Tally, facts: Tally) -> tuple[float, float, float, float]:
    return (*entities.pr()[:2], *facts.pr()[:2])


def test_no_trap_is_ever_proposed(scored: dict[str, Scored]) -> None:
    """Negations, companies listed as something else, funders as partners, navigation lines,
    page headers and the tails of longer names (each document's ``traps``)."""
    assert [f"{s.doc}: {t}" for s in scored.values() for t in s.traps] == []


def test_every_document_of_the_set_is_scored(scored: dict[str, Scored]) -> None:
    assert set(scored) == set(FLOORS) - {"all"}


@pytest.mark.parametrize("doc", sorted(FLOORS))
def test_figures_do_not_fall_below_todays(doc: str, scored: dict[str, Scored]) -> None:
    if doc == "all":
        entities, facts = Tally(), Tally()
        for s in scored.values():
            entities.add(s.entities)
            facts.add(s.facts)
    else:
        entities, facts = scored[doc].entities, scored[doc].facts
    got = _figures(entities, facts)
    labels = ("entities P", "entities R", "facts P", "facts R")
    fallen = [
        f"{label} {value:.2f} < {floor:.2f}"
        for label, value, floor in zip(labels, got, FLOORS[doc], strict=True)
        if value < floor
    ]
    assert not fallen, fallen


def _copy_set(tmp_path: Path) -> Path:
    folder = tmp_path / "set"
    shutil.copytree(SET_DIR, folder)
    return folder


def test_a_fact_naming_an_unlisted_entity_is_refused_with_file_and_field(tmp_path: Path) -> None:
    folder = _copy_set(tmp_path)
    path = folder / "202_en_news.expected.yaml"
    path.write_text(path.read_text("utf-8").replace("o: Espoo}", "o: Espo}"), "utf-8")
    with pytest.raises(SetError, match=r"202_en_news\.expected\.yaml: facts\.8\.o: 'Espo'"):
        load_set(folder)


def test_an_unknown_predicate_is_refused_with_file_and_field(tmp_path: Path) -> None:
    folder = _copy_set(tmp_path)
    path = folder / "202_en_news.expected.yaml"
    path.write_text(path.read_text("utf-8").replace("p: LOCATED_IN", "p: BASED_IN"), "utf-8")
    with pytest.raises(SetError, match=r"202_en_news\.expected\.yaml: facts\.8\.p: .*BASED_IN"):
        load_set(folder)


def test_an_unknown_key_is_refused_with_file_and_field(tmp_path: Path) -> None:
    folder = _copy_set(tmp_path)
    path = folder / "205_en_post.expected.yaml"
    path.write_text(path.read_text("utf-8").replace("{type: Event,", "{kind: Event,"), "utf-8")
    with pytest.raises(SetError, match=r"205_en_post\.expected\.yaml: entities\.7\."):
        load_set(folder)


def test_a_trap_line_not_in_the_document_is_refused(tmp_path: Path) -> None:
    folder = _copy_set(tmp_path)
    path = folder / "204_fi_project_page.expected.yaml"
    path.write_text(path.read_text("utf-8").replace("› Hankkeet", "› Uutiset"), "utf-8")
    with pytest.raises(SetError, match=r"204_fi_project_page.*traps\.names\.0\.within"):
        load_set(folder)


def test_a_document_without_expectations_is_refused(tmp_path: Path) -> None:
    folder = _copy_set(tmp_path)
    (folder / "201_fi_report.expected.yaml").unlink()
    with pytest.raises(SetError, match=r"201_fi_report\.expected\.yaml: missing"):
        load_set(folder)
