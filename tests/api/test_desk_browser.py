"""The review desk in a real browser: headless Chromium (Debian's, through Playwright)
reviews with the keyboard, saves through ``kgraph review``'s code, loads, and ``/facts``
answers the accepted fact as curated with its anchor. Two sessions on one document: the
second save is a conflict and writes nothing. A hostile proposal is text, never markup. A new
entity merged into the registry's (``m``) is gone after the load, its fact under the old id.

Each test has its own registry copy and proposals (``tests.support.desk``); the corpus is
only read. Without Chromium these tests fail and say how to install it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from playwright.sync_api import Browser, Page, expect, sync_playwright

from kgraph.db.graph import Graph
from kgraph.settings import Settings
from loaders.proposals.files import read_proposals
from loaders.sources.registry import load_registry
from tests.support.desk import (
    CHROMIUM,
    FUNDING,
    FUNDING_ANCHOR,
    HOSTILE,
    HOSTILE_NAME,
    KEY,
    NEWS_2,
    RECYCLING,
    desk_folders,
    served,
)
from tests.support.proposals import (
    COLLABORATION,
    DUPLICATE,
    DUPLICATE_FACT,
    MERGED_ANCHOR,
    MERGED_FACT,
    NEWS,
    SAME_AS,
    add_duplicate,
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert shutil.which("chromium") or Path(CHROMIUM).exists(), (
        "Chromium is needed for this test: `make chromium` (apt-get install chromium)"
    )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def _open(browser: Browser, url: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.on("pageerror", lambda error: pytest.fail(f"script error on the page: {error}"))
    page.goto(url)
    if "/desk/" in url:
        expect(page.locator("body[data-ready=yes]")).to_have_count(1)
    return page


def _give_key(page: Page) -> None:
    page.fill("#key", KEY)
    page.press("#key", "Enter")


def test_a_document_reviewed_with_the_keyboard_becomes_curated_after_the_load(
    browser: Browser, empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    folders = desk_folders(settings, tmp_path)
    with served(folders.settings, empty_graph) as base:
        page = _open(browser, f"{base}/desk")
        page.click(f"a[href='/desk/{NEWS_2}']")
        expect(page.locator("body[data-ready=yes]")).to_have_count(1)
        _give_key(page)
        expect(page.locator("#progress")).to_have_text("0 of 3 decided, not yet saved")
        # 1: the hostile entity, rejected with a reason.
        page.keyboard.press("r")
        page.keyboard.type("not a topic of the text")
        page.keyboard.press("Enter")
        expect(page.locator("#item-0")).to_have_class("item entity rejected")
        # 2: the funding, its amount corrected, then accepted.
        expect(page.locator("#item-1.current")).to_have_count(1)
        page.keyboard.press("e")
        amount = page.locator("#edit-dialog input[name='props.amount_eur']")
        expect(amount).to_have_value("1080000")
        amount.fill("10800000")
        amount.press("Enter")
        expect(page.locator("#item-1 dd[data-field='props.amount_eur']")).to_have_text("10800000")
        page.keyboard.press("a")
        # 3: the topic, accepted, then undone and rejected instead; back and forth.
        page.keyboard.press("a")
        page.keyboard.press("u")
        expect(page.locator("#item-2")).not_to_have_class("accepted")
        page.keyboard.press("k")
        page.keyboard.press("j")
        page.keyboard.press("r")
        page.keyboard.type("said of the consortium, not the project")
        page.keyboard.press("Enter")
        expect(page.locator("#progress")).to_have_text("3 of 3 decided, not yet saved")
        page.keyboard.press("s")
        expect(page.locator("#status")).to_contain_text("saved: accepted 1, rejected 2, edited 0")
        expect(page.locator("#items > li")).to_have_count(0)

        registry = {f.item.key: f.item for f in load_registry(folders.registry).facts}
        assert registry[FUNDING].props["amount_eur"] == 10800000
        # Curated from another document already; the rejection added no evidence from this one.
        assert NEWS_2 not in {e.doc for e in registry[RECYCLING].evidence}
        left = read_proposals(folders.proposals / f"{NEWS_2}.yaml")
        assert {r.key: r.reason for r in left.rejected} == {
            HOSTILE: "not a topic of the text",
            RECYCLING: "said of the consortium, not the project",
        }

        page.keyboard.press("L")
        expect(page.locator("#report pre")).to_contain_text("loaded in", timeout=120_000)
        expect(page.locator("#report pre")).to_contain_text("full load")

        query = {"subject": "BATCircle 2.0", "predicate": "FUNDED_BY"}
        answer = httpx.get(f"{base}/facts", params=query, timeout=60).json()
        (fact,) = answer["items"]
        assert (fact["provenance"], fact["props"]["amount_eur"]) == ("curated", 10800000)
        assert [e["anchor"] for e in fact["evidence"]] == [FUNDING_ANCHOR]


def test_the_second_of_two_sessions_on_one_document_gets_a_conflict_and_writes_nothing(
    browser: Browser, settings: Settings, tmp_path: Path
) -> None:
    folders = desk_folders(settings, tmp_path)
    with served(folders.settings) as base:
        first, second = (_open(browser, f"{base}/desk/{NEWS}") for _ in range(2))
        for page in (first, second):
            _give_key(page)
            page.click(f"li[data-key='{COLLABORATION}']")
        first.keyboard.press("a")
        first.keyboard.press("s")
        expect(first.locator("#status")).to_contain_text("saved: accepted 1")
        registry_after_first = _files(folders.registry)

        second.keyboard.press("r")
        second.keyboard.type("the survey is not a collaboration")
        second.keyboard.press("Enter")
        status = second.locator("#status")
        expect(status).to_contain_text("conflict (409)")
        expect(status).to_contain_text("someone else saved a review")
        second.keyboard.press("s")
        expect(status).to_contain_text("not saved (409)")
        assert _files(folders.registry) == registry_after_first
        assert read_proposals(folders.proposals / f"{NEWS}.yaml").rejected == []


def test_a_hostile_proposal_is_shown_as_text_and_runs_nothing(
    browser: Browser, settings: Settings, tmp_path: Path
) -> None:
    folders = desk_folders(settings, tmp_path)
    with served(folders.settings) as base:
        page = _open(browser, f"{base}/desk/{NEWS_2}")
        summary = page.locator("#item-0 .summary")
        expect(summary).to_have_text(f"Topic “{HOSTILE_NAME}”")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#injected").count() == 0
        assert page.locator("#items script, #items img").count() == 0
        expect(page.locator("#item-0 .meta code")).to_have_text("<i>rule</i>")
        policy = httpx.get(f"{base}/desk/{NEWS_2}", timeout=30).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_keys_pressed_right_after_a_rejection_are_not_lost(
    browser: Browser, settings: Settings, tmp_path: Path
) -> None:
    # Once the dialog's close event decided, and its input kept the focus: an "a" typed at
    # once accepted the item being rejected, or was ignored as typing.
    folders = desk_folders(settings, tmp_path)
    with served(folders.settings) as base:
        page = _open(browser, f"{base}/desk/{NEWS}")
        page.keyboard.press("a")
        page.keyboard.press("r")
        page.keyboard.type("not said")
        page.keyboard.press("Enter")
        page.keyboard.press("a")
        page.keyboard.press("a")
        page.wait_for_timeout(1000)  # the server's checks, which could take a decision back
        expect(page.locator("#progress")).to_have_text("4 of 5 decided, not yet saved")
        for index, decision in enumerate(["accepted", "rejected", "accepted", "accepted"]):
            expect(page.locator(f"#item-{index}")).to_have_class(re.compile(rf"\b{decision}\b"))


def test_a_new_entity_merged_with_the_keyboard_answers_under_the_existing_id_after_the_load(
    browser: Browser, empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    folders = desk_folders(settings, tmp_path)
    add_duplicate(folders.proposals)
    # doc 003's statement of the fact comes only through the merge (the report states it too).
    path = folders.registry / "facts_news.yaml"
    kept = [f for f in yaml.safe_load(path.read_text(encoding="utf-8"))
            if f"{f['s']}|{f['p']}|{f['o']}" != MERGED_FACT]  # fmt: skip
    path.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with served(folders.settings, empty_graph) as base:
        page = _open(browser, f"{base}/desk/{NEWS}")
        _give_key(page)
        entity = page.locator(f"li[data-key='{DUPLICATE}']")
        expect(entity.locator(".candidates")).to_contain_text(SAME_AS)
        entity.click()
        page.keyboard.press("m")
        into = page.locator("#merge-into")
        expect(into).to_have_value(SAME_AS)  # the name index's first candidate
        page.keyboard.press("Enter")
        expect(entity.locator(".decision")).to_have_text(f"merged into {SAME_AS}")
        fact = page.locator(f"li[data-key='{DUPLICATE_FACT}']")
        expect(fact.locator(".renamed")).to_have_text(f"→ {MERGED_FACT}")
        page.keyboard.press("u")  # undone, and merged again
        expect(entity.locator(".decision")).to_have_text("")
        expect(fact.locator(".renamed")).to_have_text("")
        page.keyboard.press("m")
        page.keyboard.press("Enter")
        expect(fact.locator(".renamed")).to_have_text(f"→ {MERGED_FACT}")
        fact.click()
        page.keyboard.press("a")
        page.keyboard.press("s")
        expect(page.locator("#status")).to_contain_text("merged 1")
        expect(page.locator(f"li[data-key='{DUPLICATE}']")).to_have_count(0)

        page.keyboard.press("L")
        expect(page.locator("#report pre")).to_contain_text("loaded in", timeout=120_000)

        query = {"subject": "University of Oulu", "predicate": "SPECIALISES_IN",
                 "object": "akkukemian tutkimus"}  # fmt: skip
        answer = httpx.get(f"{base}/facts", params=query, timeout=60).json()
        (fact_answer,) = answer["items"]
        assert (fact_answer["object"]["id"], fact_answer["provenance"]) == (SAME_AS, "curated")
        assert MERGED_ANCHOR in [e["anchor"] for e in fact_answer["evidence"]]
        assert httpx.get(f"{base}/entities/{DUPLICATE}", timeout=30).status_code == 404
