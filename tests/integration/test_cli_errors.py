"""Bad input to the CLI ends in one ``error: ...`` line and exit 1, never a traceback.

The errors here start outside kgraph: a ``ValueError`` the driver raises for an address it
cannot resolve, which once escaped ``reports_errors`` as a traceback, and is now translated
where every driver error is (kgraph.db.graph), so the CLI reports kgraph's errors only.
"""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_cli import Run, kgraph


def one_line_error(run: Run) -> str:
    """The message of a run that failed as a user should see it: one line, exit 1."""
    assert (run.code, run.out) == (1, ""), run
    assert "Traceback" not in run.err
    lines = run.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), run.err
    return lines[0].removeprefix("error: ")


def test_an_address_with_a_bad_port_is_one_line(tmp_path: Path) -> None:
    run = kgraph(
        "schema", "apply", cwd=tmp_path, NEO4J_URI="bolt://localhost:notaport",
        NEO4J_PASSWORD="not-the-placeholder",
    )  # fmt: skip
    assert one_line_error(run).startswith("Failed to DNS resolve address localhost:notaport")
