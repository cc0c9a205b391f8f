"""``/docs`` and ``/redoc`` render from the API's own assets, with the network off.

The check itself is ``scripts/check_docs_offline.py`` (headless Chromium, every host name but
the loopback unresolvable, every request logged); this test runs it. Without Chromium it
fails and says how to install it: a docs page nobody checked is not a passing test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from api.docs import ASSET_DIR, ASSETS
from api.main import create_app
from kgraph.settings import PROJECT_ROOT, Settings

SCRIPT = PROJECT_ROOT / "scripts" / "check_docs_offline.py"


def test_docs_and_redoc_render_in_chromium_with_the_network_off(tmp_path: Path) -> None:
    shot = tmp_path / "docs.png"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=600, check=False, cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert done.returncode != 2, f"Chromium is needed for this test: {done.stderr}"
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 outside the loopback" in done.stdout
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_pages_name_no_other_host_and_their_assets_are_served(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        pages = {path: client.get(path) for path in ("/docs", "/redoc")}
        for path, page in pages.items():
            assert page.status_code == 200, path
            assert "https://" not in page.text and "http://" not in page.text, path
            assert "default-src 'self'" in page.headers["content-security-policy"]
        for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
            asset = client.get(f"{ASSETS}/{name}")
            assert asset.status_code == 200, name
            assert asset.content == (ASSET_DIR / name).read_bytes()
