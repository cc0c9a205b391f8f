"""Settings refuse a placeholder password wherever it could be used from another machine."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.errors import ConfigError
from kgraph.settings import DEV_PASSWORD, Settings


def settings(**given: Any) -> Settings:
    defaults: dict[str, Any] = {"neo4j_uri": None, "host": "127.0.0.1", "env": "development"}
    return Settings(_env_file=None, **{**defaults, **given})  # type: ignore[call-arg]


def test_the_development_password_is_fine_on_loopback() -> None:
    assert settings().neo4j_password.get_secret_value() == DEV_PASSWORD
    assert settings(neo4j_uri="bolt://localhost:7687").neo4j_host == "localhost"
    assert settings(neo4j_uri="neo4j://[::1]:7687").neo4j_host == "::1"


@pytest.mark.parametrize("password", [DEV_PASSWORD, "neo4j", "password", "changeme"])
def test_production_refuses_a_placeholder_password(password: str) -> None:
    with pytest.raises(ConfigError, match="KGRAPH_ENV=production"):
        settings(env="production", neo4j_password=password)


def test_a_remote_neo4j_refuses_the_development_password() -> None:
    with pytest.raises(ConfigError, match=r"db\.example\.org is reachable from other machines"):
        settings(neo4j_uri="neo4j+s://db.example.org:7687")


def test_a_managed_server_listening_on_every_interface_refuses_the_development_password() -> None:
    with pytest.raises(ConfigError, match=r"0\.0\.0\.0 is reachable"):
        settings(host="0.0.0.0")


def test_an_empty_password_is_refused_everywhere() -> None:
    with pytest.raises(ConfigError, match="empty"):
        settings(neo4j_password="")


def test_a_real_password_is_accepted_in_production_on_a_remote_server() -> None:
    s = settings(env="production", neo4j_uri="bolt://10.0.0.5:7687", neo4j_password="x7-long")
    assert s.auth == ("neo4j", "x7-long")


def test_api_key_and_cors_are_off_unless_configured() -> None:
    s = settings()
    assert s.api_key is None and s.cors_origins == []
    assert s.api_host == "127.0.0.1"
    assert settings(api_key="  ").api_key is None


def test_cors_origins_read_comma_separated_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KGRAPH_CORS_ORIGINS", "https://a.example, http://localhost:3000")
    monkeypatch.setenv("KGRAPH_API_KEY", "k-123")
    s = settings()
    assert s.cors_origins == ["https://a.example", "http://localhost:3000"]
    assert s.api_key is not None and s.api_key.get_secret_value() == "k-123"
