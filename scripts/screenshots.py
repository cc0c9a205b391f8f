"""Screenshots of Neo4j Browser for the docs, taken by headless Chromium (Debian's package).

    .venv/bin/pip install playwright && apt-get install chromium
    .venv/bin/python scripts/screenshots.py            # needs `make up` (or kgraph neo4j start)

Logs in with the configured password, optionally runs queries, and writes PNGs to docs/img/.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from kgraph.guide import STYLE_FILE, params_command
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


def login(page: Page, settings: Settings) -> None:
    page.goto(f"http://{settings.host}:{settings.http_port}/browser/")
    page.wait_for_selector("input[data-testid='password']", timeout=30_000)
    page.fill("input[data-testid='username']", settings.neo4j_user)
    page.fill("input[data-testid='password']", settings.neo4j_password.get_secret_value())
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
    args = parser.parse_args()
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
            style = " ".join(STYLE_FILE.read_text(encoding="utf-8").split())
            run(page, ":style " + style, 1500)
            run(page, params_command(), 1500)
        for shot in args.shot:
            name, _, command = shot.partition("=")
            run(page, command)
            page.screenshot(path=str(args.out / f"{name}.png"))
        browser.close()


if __name__ == "__main__":
    main()
