"""Who may write through the desk, and what a bad decision answers: over HTTP, no browser.

Writes need the review key (none configured: the desk only reads), refuse another site, and
a decision ``kgraph review`` would refuse is a 422 that writes nothing; a merge too."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app
from kgraph.settings import Settings
from kgraph_cli.desk import FolderDesk
from tests.support.desk import FUNDING, KEY, NEWS_2, desk_folders
from tests.support.proposals import (
    DUPLICATE,
    DUPLICATE_FACT,
    MERGED_FACT,
    NEWS,
    SAME_AS,
    add_duplicate,
)


def _client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings, desk=FolderDesk(settings)))


def _version(client: TestClient, doc: str = NEWS_2) -> str:
    page = client.get(f"/desk/{doc}")
    found = re.search(r'data-version="(\w+)"', page.text)
    assert found is not None
    return found.group(1)


def test_without_a_configured_key_the_desk_reads_and_refuses_every_write(
    settings: Settings, tmp_path: Path
) -> None:
    folders = desk_folders(settings, tmp_path, key=None)
    with _client(folders.settings) as client:
        assert "the desk only reads" in client.get("/desk").text
        body = {"accept": [FUNDING], "version": _version(client)}
        refused = client.post(f"/desk/{NEWS_2}/review", json=body, headers={"X-Review-Key": ""})
        assert refused.status_code == 401
        assert "KGRAPH_REVIEW_KEY" in refused.json()["detail"]
        assert client.post("/desk/load", json={}).status_code == 401


def test_a_write_needs_the_key_and_this_site(settings: Settings, tmp_path: Path) -> None:
    folders = desk_folders(settings, tmp_path)
    before = (folders.registry / "facts_news.yaml").read_bytes()
    with _client(folders.settings) as client:
        body = {"accept": [FUNDING], "version": _version(client)}
        url = f"/desk/{NEWS_2}/review"
        assert client.post(url, json=body, headers={"X-Review-Key": "wrong"}).status_code == 401
        for header in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
            cross = client.post(url, json=body, headers={"X-Review-Key": KEY, **header})
            assert (cross.status_code, cross.json()["error"]) == (403, "CrossSiteRefused")
        assert (folders.registry / "facts_news.yaml").read_bytes() == before
        same = {"X-Review-Key": KEY, "Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}
        assert client.post(url, json=body, headers=same).status_code == 200


def test_a_decision_kgraph_review_would_refuse_is_a_422_and_writes_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    folders = desk_folders(settings, tmp_path)
    with _client(folders.settings) as client:
        version = _version(client)
        edit = {"edits": {FUNDING: ["props.amount_eur=-5"]}, "version": version}
        bad = client.post(f"/desk/{NEWS_2}/check", json=edit)
        assert (bad.status_code, bad.json()["error"]) == (422, "ReviewRefused")
        short = {"reject": {FUNDING: "no"}, "version": version}
        saved = client.post(f"/desk/{NEWS_2}/review", json=short, headers={"X-Review-Key": KEY})
        assert saved.status_code == 422 and "reason" in saved.json()["detail"]
        assert _version(client) == version


def test_an_app_without_the_review_code_says_where_the_desk_is(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        page = client.get("/desk")
        assert page.status_code == 404 and "kgraph serve" in page.text
        assert client.post(f"/desk/{NEWS_2}/check", json={"version": "v"}).status_code == 404
        assert 'href="/desk"' in client.get("/").text
        scheme = client.get("/openapi.json").json()["components"]["securitySchemes"]["ReviewKey"]
        assert scheme["name"] == "X-Review-Key"


def test_a_merge_needs_the_key_and_this_site_and_is_checked_like_kgraph_review(
    settings: Settings, tmp_path: Path
) -> None:
    folders = desk_folders(settings, tmp_path)
    add_duplicate(folders.proposals)
    identity = folders.registry / "identity.yaml"
    before = identity.read_bytes()
    with _client(folders.settings) as client:
        version = _version(client, NEWS)
        body = {"merge": {DUPLICATE: SAME_AS}, "accept": [DUPLICATE_FACT], "version": version}
        checked = client.post(f"/desk/{NEWS}/check", json=body)
        assert checked.status_code == 200
        assert checked.json()["renamed"] == {DUPLICATE_FACT: MERGED_FACT}
        wrong_type = {**body, "merge": {DUPLICATE: "org:university-of-oulu"}}
        refused = client.post(f"/desk/{NEWS}/check", json=wrong_type)
        assert (refused.status_code, refused.json()["error"]) == (422, "ReviewRefused")
        assert "the types differ" in refused.json()["detail"]

        url = f"/desk/{NEWS}/review"
        assert client.post(url, json=body).status_code == 401
        cross = {"X-Review-Key": KEY, "Origin": "http://evil.example"}
        assert client.post(url, json=body, headers=cross).status_code == 403
        assert identity.read_bytes() == before
        same = {"X-Review-Key": KEY, "Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}
        saved = client.post(url, json=body, headers=same)
        assert saved.status_code == 200
        assert (saved.json()["merged"], saved.json()["accepted"]) == (
            [f"{DUPLICATE}={SAME_AS}"],
            [MERGED_FACT],
        )
        assert f"same:\n  - {SAME_AS}" in identity.read_text(encoding="utf-8")
