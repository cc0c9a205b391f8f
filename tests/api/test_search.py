"""``/search`` on the real corpus graph: every filter narrows to what the documents say, the
project filters hold for one and the same project, and each hit carries the facts behind it.

Expected values were read in the documents: the LEADERSHIP final report (``000_…``) lists
the funded international projects ("Horizon Europe/SAFELOOP, Horizon Europe/SPRINT,
M.ERANET/3Interfaces ja M.ERANET/GENSIB") and Business Finland's funding of BATCircle; the
Kokkola page (``002_…``) gives the KIP projects' dates ("Toteutusaika 1.6.2021 – 31.12.2021")
and Kokkola's focus on "kiertotalous" (circular economy).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from kgraph.settings import Settings

REPORT, KOKKOLA_PAGE = "000_82ade397896eee5f", "002_c0e370ccb1799bf0"


def search(client: TestClient, **params: str | list[str]) -> dict[str, Any]:
    response = client.get("/search", params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    assert page["total"] == len(page["items"])  # every test here fits on one page
    return page


def ids(client: TestClient, **params: str | list[str]) -> list[str]:
    return [hit["id"] for hit in search(client, **params)["items"]]


def in_document(settings: Settings, doc_id: str, excerpt: str) -> bool:
    """Whether the excerpt is the document's text (line breaks and hyphenation aside)."""
    text = (Path(settings.corpus_dir) / f"{doc_id}.txt").read_text(encoding="utf-8")
    flat = " ".join(text.split())
    return " ".join(excerpt.rstrip("…").split()) in flat


def test_readme_example_answers_exactly_kokkola_with_why(
    corpus_client: TestClient, settings: Settings
) -> None:
    page = search(
        corpus_client, kind="City", stage="recycling", programme="Horizon Europe", funded="true"
    )

    [hit] = page["items"]
    assert (hit["id"], hit["name"], page["total"]) == ("city:kokkola", "Kokkola", 1)
    because = hit["because"]
    # Recycling: inferred from Kokkola's circular-economy focus, stated on the Kokkola page.
    [stage] = because["stage"]
    assert stage["stage"] == "Recycling and reuse"
    assert (stage["rule"], stage["via"], stage["stated"]) == (
        "covers_stage_via_topic", "topic:circular-economy", False,
    )  # fmt: skip
    [premise] = stage["premise_evidence"]
    assert premise["doc_id"] == KOKKOLA_PAGE and "kiertotalous" in premise["excerpt"]
    assert in_document(settings, KOKKOLA_PAGE, premise["excerpt"])
    # The funded Horizon Europe projects: SAFELOOP and SPRINT, through the University of Oulu
    # (Kokkola's university centre), both named in the report's list of funded projects.
    projects = {p["project"]: p for p in because["projects"]}
    assert set(projects) == {"SAFELOOP", "SPRINT"}
    for name, project in projects.items():
        assert project["status"] == "funded"
        assert (project["rule"], project["via"]) == (
            "city_participates_via_organisation", "org:university-of-oulu",
        )  # fmt: skip
        assert (
            f"org:university-of-oulu|PARTICIPATES_IN|project:{name.lower()}"
            in (project["derived_from"])
        )
        listed = [
            e for e in project["premise_evidence"] if f"Horizon Europe/{name}" in e["excerpt"]
        ]
        assert listed and listed[0]["doc_id"] == REPORT
        assert in_document(settings, REPORT, listed[0]["excerpt"])
    # Filters not asked for contribute no evidence.
    assert because["topic"] == [] and because["network"] == []


def test_project_filters_met_only_by_different_projects_answer_nothing(
    corpus_client: TestClient,
) -> None:
    # Kokkola and the University of Oulu are in Horizon Europe projects (SAFELOOP, SPRINT) and
    # in Business Finland-funded ones (BATCircle2.0 and 3.0), but no project is both.
    for kind in ("City", "Organisation"):
        horizon = ids(corpus_client, kind=kind, programme="Horizon Europe")
        business_finland = ids(corpus_client, kind=kind, funder="Business Finland")
        both = search(
            corpus_client, kind=kind, programme="Horizon Europe", funder="Business Finland"
        )
        member = "city:kokkola" if kind == "City" else "org:university-of-oulu"
        assert member in horizon and member in business_finland
        page = {k: both[k] for k in ("total", "offset", "limit", "items")}
        assert page == {"total": 0, "offset": 0, "limit": 50, "items": []}
        assert [r["id"] for r in both["resolved"]] == [
            "programme:horizon-europe", "org:business-finland"
        ]  # fmt: skip
    # The same for status: Kokkola's Horizon projects are funded, none is ongoing, although
    # Kokkola is in ongoing projects (BATCircle3.0, DustSense, ...).
    assert "city:kokkola" in ids(corpus_client, kind="City", status="ongoing")
    assert ids(corpus_client, kind="City", programme="Horizon Europe", status="ongoing") == []


def test_stage_narrows_cities_to_those_covering_it(corpus_client: TestClient) -> None:
    # Recycling through circular economy: "Jyväskylä: kiertotalous", "Turku: kiertotalous" (the
    # InnoCities page) and Kokkola's "kiertotalous" (the Kokkola page).
    assert ids(corpus_client, kind="City", stage="recycling") == [
        "city:jyvaskyla", "city:kokkola", "city:turku",
    ]  # fmt: skip


def test_network_and_stage_combine_for_cities(corpus_client: TestClient) -> None:
    innocities = ids(corpus_client, kind="City", network="InnoCities")
    assert len(innocities) == 7  # the seven InnoCities city regions
    page = search(corpus_client, kind="City", network="InnoCities", stage="chemicals")
    assert [hit["id"] for hit in page["items"]] == [
        "city:kokkola", "city:kuopio", "city:lappeenranta",
    ]  # fmt: skip
    for hit in page["items"]:
        assert [n["network"] for n in hit["because"]["network"]] == ["InnoCities"]
        assert [s["stage"] for s in hit["because"]["stage"]] == ["Battery chemicals production"]


def test_city_filter_takes_the_swedish_name(corpus_client: TestClient) -> None:
    # Karleby is Kokkola's Swedish name.
    assert ids(corpus_client, kind="City", city="Karleby") == ["city:kokkola"]


def test_city_narrows_organisations_to_those_located_there(corpus_client: TestClient) -> None:
    assert ids(corpus_client, kind="Organisation", city="Kokkola") == [
        "org:city-of-kokkola", "org:chydenius", "org:university-of-oulu",
    ]  # fmt: skip
    assert ids(corpus_client, kind="Organisation", city="Kuopio") == ["org:uef"]


def test_topic_narrows_organisations_with_the_topic_as_evidence(
    corpus_client: TestClient,
) -> None:
    page = search(corpus_client, kind="Organisation", topic="battery recycling")
    # The BATCircle universities: Aalto, LUT and Oulu.
    assert [hit["id"] for hit in page["items"]] == [
        "org:aalto-university", "org:lut-university", "org:university-of-oulu",
    ]  # fmt: skip
    for hit in page["items"]:
        [topic] = hit["because"]["topic"]
        assert (topic["topic"], topic["stated"]) == ("Battery recycling", True)


def test_network_narrows_organisations_to_its_members(corpus_client: TestClient) -> None:
    page = search(corpus_client, kind="Organisation", network="EERA")
    assert [hit["id"] for hit in page["items"]] == ["org:lut-university", "org:university-of-oulu"]
    for hit in page["items"]:
        [network] = hit["because"]["network"]
        assert network["network"] == "European Energy Research Alliance"


def test_as_of_narrows_organisations_to_projects_running_then(corpus_client: TestClient) -> None:
    # On 1 Sep 2021 ran BATTValley (1.6.–31.12.2021), HySpot (1.6.2021–31.3.2022) and the KIP
    # industrial-process pre-study (1.8.2021–28.2.2022), per the Kokkola page.
    page = search(corpus_client, kind="Organisation", as_of="2021-09-01")
    projects = {hit["id"]: {p["project"] for p in hit["because"]["projects"]}
                for hit in page["items"]}  # fmt: skip
    prestudy = "Pre-study on the industrial-process value chain of the KIP area"
    assert projects == {
        "org:kpedu": {prestudy},
        "org:centria": {prestudy},
        "org:chydenius": {"BATTValley", "HySpot", prestudy},
        "org:university-of-oulu": {"BATTValley", "HySpot"},
    }


def test_programme_narrows_projects(corpus_client: TestClient) -> None:
    assert ids(corpus_client, kind="Project", programme="M-ERA.NET") == [
        "project:3interfaces", "project:gensib",
    ]  # fmt: skip


def test_funder_narrows_projects(corpus_client: TestClient) -> None:
    assert ids(corpus_client, kind="Project", funder="Business Finland") == [
        "project:batcircle2", "project:batcircle3",
    ]  # fmt: skip


def test_status_narrows_projects(corpus_client: TestClient) -> None:
    # The planned cathode-material plants of Kotka and Kymenlaakso are only prepared.
    assert ids(corpus_client, kind="Project", status="prepared") == [
        "project:kotka-cam-facility", "project:kymenlaakso-pcam-cam-factories",
    ]  # fmt: skip


def test_funded_leaves_out_only_prepared_projects(corpus_client: TestClient) -> None:
    every = set(ids(corpus_client, kind="Project", limit="200"))
    funded = set(ids(corpus_client, kind="Project", funded="true", limit="200"))
    assert every - funded == {
        "project:kotka-cam-facility",
        "project:kymenlaakso-pcam-cam-factories",
    }
    assert funded < every


def test_as_of_narrows_projects_to_those_running_on_the_date(corpus_client: TestClient) -> None:
    assert ids(corpus_client, kind="Project", as_of="2025-06-15") == [
        "project:batcircle3", "project:dustsense", "project:teollisuuden-big-data",
        "project:kip-competence-center", "project:kip-kierto", "project:novelsusmat",
    ]  # fmt: skip


def test_as_of_counts_the_first_and_last_day(corpus_client: TestClient) -> None:
    # The Kokkola hydrogen pre-study ran 1.3.2024 – 28.2.2025; NovelSusMat runs 2025–2027
    # (years only: from 1 January).
    prestudy, novelsusmat = "project:kokkola-hydrogen-prestudy", "project:novelsusmat"
    assert prestudy in ids(corpus_client, kind="Project", as_of="2025-02-28")
    assert prestudy not in ids(corpus_client, kind="Project", as_of="2025-03-01")
    assert novelsusmat in ids(corpus_client, kind="Project", as_of="2025-01-01")
    assert novelsusmat not in ids(corpus_client, kind="Project", as_of="2024-12-31")


def test_city_narrows_projects_to_those_it_takes_part_in(corpus_client: TestClient) -> None:
    # Pori is one of the LEADERSHIP city regions, and the report says of EKOAKKU, BATTCHEM,
    # AKILIT and BATTEdu: "näihin osallistui useita paikkakuntia (Vaasa, Turku, Pori, Kokkola)".
    assert set(ids(corpus_client, kind="Project", city="Pori")) == {
        "project:akilit", "project:battchem", "project:battedu", "project:ekoakku",
        "project:leadership",
    }  # fmt: skip


def test_network_narrows_projects_to_those_a_member_takes_part_in(
    corpus_client: TestClient,
) -> None:
    # EERA's members here are the University of Oulu and LUT; of their projects, these ended.
    assert set(ids(corpus_client, kind="Project", network="EERA", status="ended")) == {
        "project:batcircle2", "project:battvalley", "project:hyspot", "project:leadership",
        "project:tp1", "project:wp-education",
    }  # fmt: skip
