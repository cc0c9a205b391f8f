"""Screenshots of Neo4j Browser for the docs, taken by headless Chromium (Debian's package).

    .venv/bin/pip install playwright && apt-get install chromium
    .venv/bin/python scripts/screenshots.py            # needs `make up` (or kgraph neo4j start)

Logs in with the configured password, optionally runs queries, and writes PNGs to docs/img/.
With ``--guide`` the style is loaded as the guide's first slide does it, from the API
(``:style http://localhost:<api port>/guide/style.grass``), so the API must be serving.
``--inferred`` shoots stated and inferred facts side by side (docs/img/browser-inferred.png).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from kgraph.guide import params_command, style_command
from kgraph.settings import PROJECT_ROOT, Settings

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: Kokkola's projects: stated participation (role captions) beside participation inferred
#: through organisations located in Kokkola ("inferred: ..." captions), and one funding amount.
INFERRED_VIEW = (
    "MATCH path = (:City {id: 'city:kokkola'})-[:PARTICIPATES_IN]->(p:Project) "
    "WHERE p.id IN ['project:batcircle3', 'project:akilit', 'project:safeloop', "
    "'project:batcircle2', 'project:novelsusmat', 'project:leadership'] "
    "OPTIONAL MATCH funded = (p)-[:FUNDED_BY]->(:Organisation) RETURN path, funded"
)


def login(page: Page, settings: Settings) -> None:
    page.goto(f"http://{settings.host}:{settings.http_port}/browser/")
    page.wait_for_selector("input[data-testid='password']", timeout=30_000)
    page.fill("input[data-testid='username']", settings.neo4j_user)
    page.fill("input[data-testid='password']", settings.password)
    page.click("button[data-testid='connect']")
    page.wait_for_selector("text=You are connected as user", timeout=30_000)


def run(page: Page, command: str, wait_ms: int = 3000) -> None:
    editor = page.locator("[data-testid='activeEditor'] textarea").first
    editor.focus()
    page.keyboard.insert_text(command)
    page.keyboard.press("Control+Enter")
    page.wait_for_timeout(wait_ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "img")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument(
        "--shot",
        action="append",
        default=[],
        metavar="NAME=COMMAND",
        help="after login, run COMMAND in the Browser and save NAME.png (repeatable)",
    )
    parser.add_argument(
        "--guide", action="store_true", help="also shoot the guide, then apply style and params"
    )
    parser.add_argument("--wait-ms", type=int, default=3000, help="wait after each shot's query")
    parser.add_argument("--zoom", type=int, default=0, help="zoom-in clicks before each shot")
    parser.add_argument(
        "--inferred", action="store_true", help="also shoot stated beside inferred facts"
    )
    args = parser.parse_args()
    if args.inferred:
        args.shot.append(f"browser-inferred={INFERRED_VIEW}")
    settings = Settings()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        login(page, settings)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(args.out / "browser-connected.png"))
        if args.guide:
            page.wait_for_selector("text=The Finnish battery value chain", timeout=30_000)
            page.wait_for_timeout(1000)
            page.screenshot(path=str(args.out / "browser-guide.png"))
            run(page, style_command(f"http://localhost:{settings.api_port}"), 1500)
            run(page, params_command(), 1500)
        for shot in args.shot:
            name, _, command = shot.partition("=")
            run(page, command, args.wait_ms)
            for _ in range(args.zoom):  # the newest frame is the first in the page
                page.locator("button[aria-label='zoom-in']").first.click()
                page.wait_for_timeout(500)
            page.screenshot(path=str(args.out / f"{name}.png"))
        browser.close()


if __name__ == "__main__":
    main()
