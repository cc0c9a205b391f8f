"""The supervisor's pure parts (why a server exited, how long to wait) and the deadline."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from kgraph.db import deadline
from kgraph.db.server import read_supervision
from kgraph.db.server.neo4j_conf import memory_limits
from kgraph.db.server.supervisor import exit_reason, next_wait, rotate, tail
from kgraph.errors import QueryTimeout


def test_exit_reason_names_the_signal_or_the_out_of_memory_line() -> None:
    assert exit_reason(-9, "") == "killed by SIGKILL"
    console = "INFO  Started.\nTerminating due to java.lang.OutOfMemoryError: Java heap space\n"
    assert exit_reason(3, console) == (
        "exit status 3: Terminating due to java.lang.OutOfMemoryError: Java heap space"
    )
    assert exit_reason(1, "INFO  Started.\n") == "exit status 1"


def test_the_wait_doubles_from_one_second_to_thirty() -> None:
    assert [next_wait(n) for n in (1, 2, 3, 4, 5, 6, 7)] == [1, 2, 4, 8, 16, 30, 30]


def test_supervision_is_read_from_its_file(tmp_path: Path) -> None:
    state = tmp_path / "supervision.json"
    assert read_supervision(state) is None
    state.write_text(json.dumps({
        "supervisor_pid": os.getpid(), "restarts": 2, "last_reason": "killed by SIGKILL",
        "last_exit_at": "2026-12-01T12:00:00Z", "gave_up": False,
    }))  # fmt: skip
    found = read_supervision(state)
    assert found is not None
    assert (found.supervised, found.restarts, found.last_reason) == (True, 2, "killed by SIGKILL")


def test_memory_limits_follow_the_heap_unless_given() -> None:
    from dataclasses import replace

    from kgraph.db.server import ServerConfig
    from kgraph.settings import Settings

    config = replace(ServerConfig.from_settings(Settings()), heap="1g")
    assert memory_limits(config) == {
        "db.memory.transaction.max": "256m",
        "dbms.memory.transaction.total.max": "614m",
    }
    given = replace(config, tx_memory_max="64m", tx_memory_total_max="128m")
    assert memory_limits(given)["db.memory.transaction.max"] == "64m"


def test_the_deadline_answers_at_the_limit_while_the_work_still_hangs() -> None:
    release = threading.Event()

    def hangs(call: deadline.Call) -> None:
        release.wait(10)

    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit"):
        deadline.within(0.2, 0.1, hangs)
    elapsed = time.monotonic() - started
    release.set()
    assert deadline.allowed(0.2, 0.1) <= elapsed < deadline.allowed(0.2, 0.1) + 0.5


def test_work_within_the_deadline_returns_its_result_or_its_error() -> None:
    assert deadline.within(1.0, 0.1, lambda call: 42) == 42
    with pytest.raises(ValueError, match="bad"):
        deadline.within(1.0, 0.1, lambda call: (_ for _ in ()).throw(ValueError("bad")))


def test_an_abandoned_call_refuses_to_start_again() -> None:
    call = deadline.Call()
    call.check()
    call.abandon()
    with pytest.raises(QueryTimeout):
        call.check()


def test_the_console_tail_is_read_bounded(tmp_path: Path) -> None:
    # Issue 22: the supervisor read everything a crash wrote into memory, then kept 20,000.
    log = tmp_path / "console.log"
    log.write_bytes(b"x" * 5_000_000 + b"\nTerminating due to java.lang.OutOfMemoryError\n")
    found = tail(log, 0, 20_000)
    assert len(found) == 20_000 and found.endswith("OutOfMemoryError\n")
    assert tail(log, log.stat().st_size - 10, 20_000) == "moryError\n"
    assert tail(log, 10**9, 100) == found[-100:]  # the log was moved: read the new one


def test_the_console_log_is_rotated_when_too_large(tmp_path: Path) -> None:
    log = tmp_path / "console.log"
    log.write_bytes(b"x" * 2000)
    rotate(log, 1000)
    assert not log.exists() and (tmp_path / "console.log.1").stat().st_size == 2000
    log.write_bytes(b"x" * 10)
    rotate(log, 1000)
    assert log.exists()
