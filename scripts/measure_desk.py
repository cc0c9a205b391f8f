"""Time a keyboard review of a 30-proposal document on the review desk, and take its screenshots.

    .venv/bin/python scripts/measure_desk.py [--runs 3] [--screenshots docs/img]

It extracts the final report (doc 000) with ``kgraph extract`` into a temporary proposals
folder, keeps the first 29 proposals and adds a new entity that is a registry entity under
another name (the object of the first fact, which then names the new id instead), serves the
API with the desk on a copy of the registry that leaves those facts out (the extractor
re-finds curated facts; here they are new), and drives Debian's Chromium (Playwright,
headless) as a reviewer would with the keyboard: ``m`` + Enter to merge the new entity into
the first candidate the desk suggests, ``a`` to accept, ``r`` + a reason + Enter to reject
every sixth, ``s`` to save. The time runs
from the page's first paint to the saved answer: what the desk itself costs a reviewer, not
the reading. Nothing is written outside the temporary folder; no Neo4j is needed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Page, expect, sync_playwright
from pydantic import SecretStr

from kgraph.ontology import EntitySpec
from kgraph.settings import Settings
from loaders.sources.registry import load_registry
from tests.support.desk import CHROMIUM, KEY, served
from tests.support.proposals import NEWS, write_news_proposals

REPORT = "000_82ade397896eee5f"
COUNT = 30
REJECT_EVERY = 6


def _settings(root: Path) -> Settings:
    base = Settings()
    registry, proposals = root / "registry", root / "proposals"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(base.registry_dir, registry)
    env = {**os.environ, "KGRAPH_PROPOSALS_DIR": str(proposals)}
    kgraph = Path(sys.executable).with_name("kgraph")
    subprocess.run([str(kgraph), "extract", REPORT], env=env, check=True, capture_output=True)
    path = proposals / f"{REPORT}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # The extractor re-finds facts the registry holds (that is how it is measured); as a new
    # document's would be, they are made new here: the registry copy leaves them out.
    entities = data.get("entities", [])[: COUNT - 1]
    facts = data.get("facts", [])[: COUNT - 1 - len(entities)]
    _leave_out(registry, {f"{f['s']}|{f['p']}|{f['o']}" for f in facts})
    duplicate = _duplicate(load_registry(registry).by_id()[facts[0]["o"]], facts[0])
    facts[0] = {**facts[0], "o": duplicate["id"]}
    data["entities"], data["facts"] = [duplicate, *entities], facts
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_news_proposals(proposals, base.corpus_dir)
    return base.model_copy(
        update={"registry_dir": registry, "proposals_dir": proposals,
                "review_key": SecretStr(KEY)}
    )  # fmt: skip


def _duplicate(existing: EntitySpec, fact: dict[str, Any]) -> dict[str, Any]:
    """A proposed entity that is ``existing`` under a longer name, anchored where ``fact`` is."""
    return {
        "id": f"{existing.id}-extracted", "type": existing.type,
        "name": f"{existing.name} (as extracted)", "props": dict(existing.props),
        "evidence": fact["evidence"], "confidence": 0.7, "rule": "measure-duplicate",
    }  # fmt: skip


def _leave_out(registry: Path, keys: set[str]) -> None:
    for path in registry.glob("facts_*.yaml"):
        facts = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        kept = [f for f in facts if f"{f['s']}|{f['p']}|{f['o']}" not in keys]
        if len(kept) != len(facts):
            text = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False)
            path.write_text(text, encoding="utf-8")


def _review(page: Page, base: str) -> tuple[float, int, str]:
    """One keyboard review: seconds, keystrokes, and what the desk said. The first proposal is
    the duplicate entity (entities come first): merged into the desk's first candidate."""
    page.goto(f"{base}/desk/{REPORT}")
    expect(page.locator("body[data-ready=yes]")).to_have_count(1)
    page.fill("#key", KEY)
    page.press("#key", "Enter")
    items = page.locator("#items > li").count()
    started, keys, merged = time.perf_counter(), 0, "nothing merged"
    for index in range(items):
        if index == 0:
            page.keyboard.press("m")
            into = page.locator("#merge-into")
            expect(into).to_have_value(re.compile(r"^[a-z]+:"))
            merged = f"merged {page.locator('#item-0').get_attribute('data-key')} into " + (
                into.input_value()
            )
            page.keyboard.press("Enter")
            keys += 2
        elif index % REJECT_EVERY == REJECT_EVERY - 1:
            reason = "not what the text says"
            page.keyboard.press("r")
            page.keyboard.type(reason)
            page.keyboard.press("Enter")
            keys += 2 + len(reason)
        else:
            page.keyboard.press("a")
            keys += 1
    page.keyboard.press("s")
    keys += 1
    status = page.locator("#status")
    expect(status).to_contain_text("saved:", timeout=60_000)
    seconds = time.perf_counter() - started
    return seconds, keys, f"{status.inner_text()} ({merged})"


def _screenshots(page: Page, base: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{base}/desk/{NEWS}")
    expect(page.locator("body[data-ready=yes]")).to_have_count(1)
    page.keyboard.press("a")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.wait_for_timeout(500)
    page.screenshot(path=str(folder / "desk.png"))
    page.set_viewport_size({"width": 430, "height": 900})
    page.wait_for_timeout(300)
    page.screenshot(path=str(folder / "desk-narrow.png"))
    page.set_viewport_size({"width": 1000, "height": 420})
    page.goto(f"{base}/desk")
    page.screenshot(path=str(folder / "desk-documents.png"))
    print(f"screenshots: {folder}/desk.png, desk-narrow.png, desk-documents.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshots", type=Path, help="save the desk's screenshots here")
    args = parser.parse_args()
    timings = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for run in range(args.runs):
            settings = _settings(Path(tmp) / f"run{run}")
            with served(settings) as base:
                page = browser.new_context(viewport={"width": 1366, "height": 800}).new_page()
                seconds, keys, said = _review(page, base)
                timings.append(seconds)
                print(f"run {run + 1}: {seconds:.2f} s, {keys} keystrokes; the desk said: {said}")
                if args.screenshots and run == 0:
                    _screenshots(page, base, args.screenshots)
                page.context.close()
        browser.close()
    print(f"median of {len(timings)}: {statistics.median(timings):.2f} s for {COUNT} proposals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
