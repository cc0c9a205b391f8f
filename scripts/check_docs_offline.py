"""Check in headless Chromium that ``/docs`` and ``/redoc`` render with the network off.

    .venv/bin/python scripts/check_docs_offline.py [--screenshot docs/img/docs-offline.png]
    .venv/bin/python scripts/check_docs_offline.py --base-url http://127.0.0.1:8000

Without ``--base-url`` it serves the API itself on a free loopback port (the pages need no
Neo4j: the driver connects lazily). Chromium (Debian's ``chromium``; ``make chromium``
installs it) runs with every host name resolving to nothing but 127.0.0.1 and with a log of
every request it made. The check passes when Swagger UI has put one operation block per
operation of ``/openapi.json`` into the DOM, ReDoc lists each of them in its menu, and no
request of the pages went anywhere but the loopback. It prints what it saw and exits 0, or
says what failed and exits 1; 2 when Chromium is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn

from api.main import create_app
from kgraph.settings import Settings

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome")
#: No name resolves except the loopback; with the request log, this is "the network is off".
OFFLINE_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
#: Schemes that never leave the machine (pages, inline data, Chromium's own).
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}


def find_chromium() -> str | None:
    return next((path for name in CHROMIUMS if (path := shutil.which(name))), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve_api() -> Iterator[str]:
    """The API on a free loopback port, in a thread, until the block ends."""
    port = free_port()
    config = uvicorn.Config(create_app(Settings()), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise SystemExit("the API did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def chromium_run(chromium: str, url: str, extra: list[str], net_log: Path) -> str:
    """Run Chromium on ``url`` with the network off; its standard output."""
    command = [
        chromium, *OFFLINE_ARGS, f"--log-net-log={net_log}", "--virtual-time-budget=20000",
        *extra, url,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def requested_urls(net_log: Path, origin: str) -> tuple[set[str], set[str]]:
    """The URLs in Chromium's request log: those the page asked for (their initiator is the
    API's origin, or none for the page itself), and those Chromium asked for on its own
    (update checks and the like, which the resolver rules stop and which no page caused)."""
    text = net_log.read_text(encoding="utf-8", errors="replace").rstrip().rstrip(",")
    try:
        events = json.loads(text)["events"]
    except (json.JSONDecodeError, KeyError):  # a log cut short: close it
        events = json.loads(text + "]}")["events"]
    page, browser = set(), set()
    for event in events:
        params = event.get("params") or {}
        url = params.get("url")
        if not isinstance(url, str) or "load_flags" not in params:
            continue
        initiator = params.get("initiator")
        if initiator == origin or url.startswith(origin):
            page.add(url)
        elif initiator is None or initiator == "not an origin":
            browser.add(url)
        else:
            page.add(url)
    return page, browser


def leaving(urls: set[str]) -> list[str]:
    """The URLs that would have left the machine."""
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            continue
        if parts.hostname not in LOOPBACK:
            out.append(url)
    return sorted(out)


def operations(base: str) -> int:
    with urllib.request.urlopen(f"{base}/openapi.json", timeout=10) as response:
        spec = json.load(response)
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    return sum(1 for item in spec["paths"].values() for method in item if method in methods)


class Visits:
    """Chromium runs against one API, each with its own request log, and what they asked."""

    def __init__(self, chromium: str, base: str, work: Path) -> None:
        self.chromium, self.base, self.work = chromium, base, work
        self.page: set[str] = set()
        self.browser: set[str] = set()

    def open(self, path: str, extra: list[str]) -> str:
        log = self.work / f"net-{len(list(self.work.iterdir()))}.json"
        out = chromium_run(self.chromium, f"{self.base}{path}", extra, log)
        page, browser = requested_urls(log, self.base)
        self.page |= page
        self.browser |= browser
        return out


def check(base: str, chromium: str, screenshot: Path | None, work: Path) -> list[str]:
    """What failed (empty when /docs and /redoc rendered offline)."""
    failures: list[str] = []
    expected = operations(base)
    visits = Visits(chromium, base, work)

    dom = visits.open("/docs", ["--dump-dom"])
    blocks = len(re.findall(r'class="opblock opblock-', dom))
    print(f"/docs: {blocks} operation blocks in the DOM, /openapi.json has {expected}")
    if blocks != expected:
        failures.append(f"/docs shows {blocks} operations, the schema has {expected}")

    dom = visits.open("/redoc", ["--dump-dom"])
    listed = len(re.findall(r'class="[^"]*\boperation-type\b', dom))
    print(f"/redoc: {listed} operations in its menu, /openapi.json has {expected}")
    if listed != expected:
        failures.append(f"/redoc lists {listed} operations, the schema has {expected}")

    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        shot = [f"--screenshot={screenshot.resolve()}", "--window-size=1280,1600"]
        visits.open("/docs", [*shot, "--hide-scrollbars"])
        print(f"screenshot: {screenshot} ({screenshot.stat().st_size} bytes)")

    outside = leaving(visits.page)
    print(f"the pages asked for {len(visits.page)} URLs, {len(outside)} outside the loopback")
    print(
        f"Chromium itself asked for {len(visits.browser)} URLs, {len(leaving(visits.browser))} "
        "outside the loopback (its update and account checks; no name resolves, so none left)"
    )
    failures += [f"a request of the page left the machine: {url}" for url in outside]
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="an API already running (default: serve one here)")
    parser.add_argument("--screenshot", type=Path, help="also save a PNG of /docs here")
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        print(
            "Chromium is missing: install Debian's chromium (`make chromium`, or "
            "`apt-get install chromium`) to check that /docs renders offline",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory() as work:
        if args.base_url:
            failures = check(args.base_url.rstrip("/"), chromium, args.screenshot, Path(work))
        else:
            with serve_api() as base:
                failures = check(base, chromium, args.screenshot, Path(work))
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    print("ok: /docs and /redoc render with the network off" if not failures else "failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
