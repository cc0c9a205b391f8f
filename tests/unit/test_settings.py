"""Settings refuse a placeholder password wherever it could be used from another machine, and
the managed server gets a random password of its own per installation."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from kgraph import password_file
from kgraph.errors import ConfigError
from kgraph.settings import OLD_DEV_PASSWORD, Settings


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No NEO4J_* or KGRAPH_* variable of the caller's shell leaks into these tests (a suite
    run against an external server sets NEO4J_PASSWORD, which the defaults here must not see)."""
    for name in list(os.environ):
        if name.startswith(("NEO4J_", "KGRAPH_")):
            monkeypatch.delenv(name)
    return monkeypatch


def settings(**given: Any) -> Settings:
    defaults: dict[str, Any] = {"neo4j_uri": None, "host": "127.0.0.1", "env": "development"}
    return Settings(_env_file=None, **{**defaults, **given})  # type: ignore[call-arg]


def test_two_fresh_installations_get_different_passwords_readable_by_their_owner_only(
    tmp_path: Path,
) -> None:
    first, second = settings(home=tmp_path / "one"), settings(home=tmp_path / "two")
    assert first.neo4j_password is None and first.password_source == str(first.password_file)
    made = first.password
    assert len(made) >= 32 and made != second.password
    assert made not in {OLD_DEV_PASSWORD, "neo4j", "password", "changeme"}
    for s in (first, second):
        assert s.password_file == s.home / "neo4j-password"
        assert stat.S_IMODE(s.password_file.stat().st_mode) == 0o600
    # Kept: the same installation asked again, in another process, gets the same password.
    assert settings(home=tmp_path / "one").auth == ("neo4j", made)
    assert list((tmp_path / "one").iterdir()) == [first.password_file]  # no draft left


def test_a_made_password_never_reads_as_an_option_to_neo4j_admin() -> None:
    # token_urlsafe began one password in 64 with "-": neo4j-admin took it for an option.
    made = [password_file.new_password() for _ in range(2000)]
    assert all(p.isalnum() and p.isascii() and len(p) == 32 for p in made)
    assert len(set(made)) == len(made)


def test_a_password_file_with_looser_rights_is_made_owner_only(tmp_path: Path) -> None:
    kept = tmp_path / "neo4j-password"
    kept.write_text("written-by-hand-42\n")
    kept.chmod(0o644)
    assert settings(home=tmp_path).password == "written-by-hand-42"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_an_empty_password_file_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "neo4j-password").write_text("\n")
    with pytest.raises(ConfigError, match=r"neo4j-password is empty"):
        _ = settings(home=tmp_path).password


def test_neo4j_password_set_by_the_user_wins_and_no_file_is_made(tmp_path: Path) -> None:
    s = settings(home=tmp_path, neo4j_password="chosen-by-me")
    assert s.auth == ("neo4j", "chosen-by-me") and s.password_source == "NEO4J_PASSWORD"
    assert not s.password_file.exists()


def test_a_neo4j_of_the_users_own_needs_neo4j_password(tmp_path: Path) -> None:
    s = settings(home=tmp_path, neo4j_uri="bolt://localhost:7687")
    with pytest.raises(
        ConfigError,
        match=r"NEO4J_URI points at a Neo4j kgraph does not manage "
        r"\(bolt://localhost:7687\): set NEO4J_PASSWORD",
    ):
        _ = s.auth
    assert not s.password_file.exists()
    assert settings(neo4j_uri="neo4j://[::1]:7687", neo4j_password="x").neo4j_host == "::1"


def test_the_old_development_password_is_still_fine_on_loopback_when_chosen() -> None:
    s = settings(neo4j_uri="bolt://localhost:7687", neo4j_password=OLD_DEV_PASSWORD)
    assert s.neo4j_host == "localhost" and s.password == OLD_DEV_PASSWORD


@pytest.mark.parametrize("password", [OLD_DEV_PASSWORD, "neo4j", "password", "changeme"])
def test_production_refuses_a_placeholder_password(password: str) -> None:
    with pytest.raises(ConfigError, match="KGRAPH_ENV=production"):
        settings(env="production", neo4j_password=password)


def test_a_remote_neo4j_refuses_the_old_development_password() -> None:
    with pytest.raises(ConfigError, match=r"db\.example\.org is reachable from other machines"):
        settings(neo4j_uri="neo4j+s://db.example.org:7687", neo4j_password=OLD_DEV_PASSWORD)


def test_a_managed_server_listening_on_every_interface_refuses_a_placeholder() -> None:
    with pytest.raises(ConfigError, match=r"0\.0\.0\.0 is reachable"):
        settings(host="0.0.0.0", neo4j_password="neo4j")


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


def from_environment() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("field", "variable", "neo4j_value", "kgraph_value"),
    [
        ("neo4j_uri", "URI", "bolt://localhost:1", "bolt://localhost:2"),
        ("neo4j_user", "USER", "alice", "bob"),
        ("neo4j_password", "PASSWORD", "alice-secret", "bob-secret"),
        ("neo4j_database", "DATABASE", "alicedb", "bobdb"),
    ],
)
def test_neo4j_variables_win_over_their_kgraph_spelling(
    clean_environ: pytest.MonkeyPatch,
    field: str,
    variable: str,
    neo4j_value: str,
    kgraph_value: str,
) -> None:
    # Neo4j's own names come first in the AliasChoices: the spelling every Neo4j tool uses.
    clean_environ.setenv(f"NEO4J_{variable}", neo4j_value)
    clean_environ.setenv(f"KGRAPH_NEO4J_{variable}", kgraph_value)
    value = getattr(from_environment(), field)
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    assert value == neo4j_value


def test_the_kgraph_spelling_is_read_when_the_neo4j_one_is_absent(
    clean_environ: pytest.MonkeyPatch,
) -> None:
    clean_environ.setenv("KGRAPH_NEO4J_URI", "bolt://localhost:2")
    clean_environ.setenv("KGRAPH_NEO4J_DATABASE", "kg")
    s = from_environment()
    assert (s.neo4j_uri, s.neo4j_database, s.managed) == ("bolt://localhost:2", "kg", False)
    assert s.bolt_uri == "bolt://localhost:2"


def test_other_settings_take_the_kgraph_prefix_only(clean_environ: pytest.MonkeyPatch) -> None:
    clean_environ.setenv("NEO4J_BOLT_PORT", "1234")  # not a name kgraph reads
    clean_environ.setenv("KGRAPH_HTTP_PORT", "8474")
    clean_environ.setenv("KGRAPH_ROW_CAP", "25")
    s = from_environment()
    assert (s.bolt_port, s.http_port, s.row_cap) == (7687, 8474, 25)
    assert s.managed and s.bolt_uri == "bolt://127.0.0.1:7687"


def test_an_explicit_value_wins_over_the_environment(clean_environ: pytest.MonkeyPatch) -> None:
    clean_environ.setenv("NEO4J_DATABASE", "from-env")
    clean_environ.setenv("KGRAPH_ROW_CAP", "25")
    s = Settings(_env_file=None, neo4j_database="given", row_cap=7)  # type: ignore[call-arg]
    assert (s.neo4j_database, s.row_cap) == ("given", 7)


@pytest.mark.parametrize(
    ("field", "value", "error_type"),
    [
        ("bolt_port", 0, "greater_than_equal"),
        ("bolt_port", 65536, "less_than_equal"),
        ("http_port", 0, "greater_than_equal"),
        ("http_port", 65536, "less_than_equal"),
        ("api_port", 0, "greater_than_equal"),
        ("api_port", 65536, "less_than_equal"),
        ("heap", "1gb", "string_pattern_mismatch"),
        ("heap", "512", "string_pattern_mismatch"),
        ("pagecache", "2G", "string_pattern_mismatch"),
        ("start_timeout_s", 0, "greater_than"),
        ("query_timeout_s", 0, "greater_than"),
        ("load_timeout_s", -1, "greater_than"),
        ("row_cap", 0, "greater_than"),
    ],
)
def test_settings_out_of_bounds_are_refused_by_name(
    clean_environ: pytest.MonkeyPatch, field: str, value: object, error_type: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        settings(**{field: value})
    [error] = caught.value.errors()
    assert (error["loc"], error["type"]) == ((field,), error_type)


@pytest.mark.parametrize(
    ("field", "value"),
    [("bolt_port", 1), ("bolt_port", 65535), ("api_port", 65535), ("heap", "512m"),
     ("pagecache", "2g"), ("row_cap", 1), ("query_timeout_s", 0.001)],
)  # fmt: skip
def test_settings_on_the_bounds_are_accepted(
    clean_environ: pytest.MonkeyPatch, field: str, value: object
) -> None:
    assert getattr(settings(**{field: value}), field) == value


def test_a_bad_value_in_the_environment_is_refused_too(clean_environ: pytest.MonkeyPatch) -> None:
    clean_environ.setenv("KGRAPH_BOLT_PORT", "70000")
    with pytest.raises(ValidationError, match="bolt_port"):
        from_environment()
