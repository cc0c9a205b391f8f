"""HEAD answers as GET does, without the body (it answered 405 on every GET route)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    "path", ["/health", "/entities/city:kokkola", "/passages?q=akku", "/questions"]
)
def test_head_has_the_gets_status_and_headers_and_no_body(
    corpus_client: TestClient, path: str
) -> None:
    got = corpus_client.get(path)
    head = corpus_client.head(path)
    assert (head.status_code, head.content) == (got.status_code, b"")
    assert got.status_code == 200 and got.content
    for name in ("content-type", "content-length", "etag", "cache-control"):
        assert head.headers.get(name) == got.headers.get(name), name


def test_head_of_what_is_missing_or_invalid_is_the_gets_error_without_a_body(
    corpus_client: TestClient,
) -> None:
    assert corpus_client.head("/entities/city:atlantis").status_code == 404
    assert corpus_client.head("/facts?max_hops=x&nope=1").status_code == 422
    refused = corpus_client.head("/cypher")  # a POST route: no GET, so no HEAD either
    assert (refused.status_code, refused.content) == (405, b"")
