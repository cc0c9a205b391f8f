"""Answers carry the ETag of the load they come from; ``If-None-Match`` with it gives 304.

Against the real corpus graph: the same URL gives the same ETag twice, sending it back gives
304 with no body, and another URL or a stale tag gives the answer. Against a graph of its own:
a reload gives every answer a new ETag, and the old one then gets the new answer, not a 304.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import state as app_state
from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.settings import Settings
from tests.support.loading import load_full
from tests.support.small_registry import FUNDING, FUNDING_ENTITIES, write_registry

#: One URL per kind of tagged route: a catalogue question, an entity, centrality, a search.
URLS = (
    "/questions/project_funding?project=project:batcircle3",
    "/entities/org:university-of-oulu",
    "/analytics/centrality?metric=degree&top=5",
    "/search?kind=City&stage=recycling",
    "/facts?subject=org:university-of-oulu",
)


def test_the_same_answer_has_the_same_etag_and_304_when_sent_back(
    corpus_client: TestClient,
) -> None:
    for url in URLS:
        first, second = corpus_client.get(url), corpus_client.get(url)
        assert first.status_code == second.status_code == 200, (url, first.text)
        tag = first.headers["etag"]
        assert tag.startswith('"') and tag.endswith('"'), tag
        assert second.headers["etag"] == tag, url
        assert first.headers["cache-control"] == "no-cache"

        unchanged = corpus_client.get(url, headers={"If-None-Match": tag})
        assert unchanged.status_code == 304, url
        assert unchanged.content == b""
        assert unchanged.headers["etag"] == tag
        weak_in_a_list = corpus_client.get(url, headers={"If-None-Match": f'"other", W/{tag}'})
        assert weak_in_a_list.status_code == 304, url

        stale = corpus_client.get(url, headers={"If-None-Match": '"not-this-one"'})
        assert stale.status_code == 200 and stale.json() == first.json(), url
    tags = {corpus_client.get(url).headers["etag"] for url in URLS}
    assert len(tags) == len(URLS)  # one tag per URL, not one for the whole graph


def test_errors_and_untagged_routes_carry_no_etag(corpus_client: TestClient) -> None:
    missing = corpus_client.get("/entities/city:nowhere-at-all")
    assert missing.status_code == 404 and "etag" not in missing.headers
    health = corpus_client.get("/health")
    assert health.status_code == 200 and "etag" not in health.headers


ENTITIES = FUNDING_ENTITIES
ASKED = "/questions/project_funding?project=project:batcircle3"


def test_a_reload_gives_a_new_etag_and_the_old_one_the_new_answer(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    registry = write_registry(tmp_path / "first", ENTITIES, FUNDING)
    load_full(empty_graph, settings.corpus_dir, registry, settings.schema_file)
    with TestClient(create_app(settings, graph=empty_graph)) as client:
        app_state.of(client.app).answers.ttl_s = 0.0  # type: ignore[arg-type]  # every request
        before = client.get(ASKED)
        assert before.status_code == 200
        assert [row["amount_eur"] for row in before.json()["rows"]] == [13_400_000]
        old_tag = before.headers["etag"]
        assert client.get(ASKED, headers={"If-None-Match": old_tag}).status_code == 304

        empty = write_registry(tmp_path / "second", ENTITIES, "[]\n")
        load_full(empty_graph, settings.corpus_dir, empty, settings.schema_file)
        after = client.get(ASKED, headers={"If-None-Match": old_tag})

    assert after.status_code == 200
    assert after.json()["rows"] == []
    assert after.headers["etag"] != old_tag


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [("/entities/city:nowhere", {}, 404), ("/facts", {"limit": 0}, 422),
     ("/resolve", {"name": ""}, 422), ("/passages/nope", {}, 404)],
)  # fmt: skip
def test_if_none_match_star_does_not_hide_an_error(
    corpus_client: TestClient, path: str, params: dict[str, str | int], status: int
) -> None:
    # RFC 9110 13.1.2: * matches a current representation only (before: 304 for these).
    response = corpus_client.get(path, params=params, headers={"If-None-Match": "*"})
    assert response.status_code == status, response.text


def test_if_none_match_star_is_304_for_what_exists(corpus_client: TestClient) -> None:
    response = corpus_client.get("/entities/city:kokkola", headers={"If-None-Match": "*"})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == corpus_client.get("/entities/city:kokkola").headers["etag"]
