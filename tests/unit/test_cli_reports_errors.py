"""The CLI reports kgraph's errors as one line, and lets every other error show its traceback.

A ``KGraphError`` is what kgraph knows to be the user's input or the machine's state: one
``error: ...`` line on stderr, exit 1. Any other exception (a ``ValueError`` from a bug, say)
is not the user's to fix, and the one-line report used to hide where it came from.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from kgraph.errors import ConfigError, CorpusError, KGraphError
from kgraph_cli.common import load_settings, reports_errors


@reports_errors
def _fails_with(error: Exception) -> None:
    raise error


@pytest.mark.parametrize(
    "error",
    [KGraphError("the graph is empty"), CorpusError("corpus.yaml", "no such file", line=3)],
    ids=["the root", "a subclass"],
)
def test_a_kgraph_error_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], error: KGraphError
) -> None:
    with pytest.raises(typer.Exit) as exited:
        _fails_with(error)
    assert exited.value.exit_code == 1
    assert capsys.readouterr().err == f"error: {error}\n"


@pytest.mark.parametrize("error", [ValueError("a bug"), KeyError("a bug"), TypeError("a bug")])
def test_any_other_error_is_raised_as_it_is_for_its_traceback(
    capsys: pytest.CaptureFixture[str], error: Exception
) -> None:
    with pytest.raises(type(error)) as raised:
        _fails_with(error)
    assert raised.value is error
    assert capsys.readouterr().err == ""


def test_invalid_settings_are_a_config_error_naming_each_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("KGRAPH_BOLT_PORT", "0")
    with pytest.raises(ConfigError, match=r"^invalid settings: bolt_port: Input should be greater"):
        load_settings()
