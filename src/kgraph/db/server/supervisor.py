"""The supervisor: a small process that runs Neo4j and starts it again when it exits.

``ManagedNeo4j.start`` launches it (``python -m kgraph.db.server SPEC``) in a session
of its own, so it outlives the command that started it: ``kgraph neo4j start`` returns, and
``kgraph up``, the tests and scripts get the same supervision. It runs the java command of the
spec, writes the java pid to ``neo4j.pid``, and when the server exits without being asked to
(out of memory with ``-XX:+ExitOnOutOfMemoryError``, SIGKILL, a crash) it logs why, waits, and
starts it again. The wait doubles after each exit that came soon after a start (1 s, 2 s, 4 s
... at most 30 s) and is back to 1 s once the server ran a minute; after ten quick exits in a
row it gives up. Each restart is counted in ``supervision.json`` (read by ``/health``).
SIGTERM to the supervisor stops the server and then the supervisor.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

FIRST_WAIT_S = 1.0
LONGEST_WAIT_S = 30.0
#: A run this long is healthy: the next exit waits the first wait again.
STEADY_S = 60.0
MAX_QUICK_EXITS = 10
STOP_TIMEOUT_S = 60.0
#: The console log is moved to ``console.log.1`` (replacing the one before) when a start finds
#: it larger than this: it was never rotated, and one planner trace wrote 760 KB into it.
MAX_CONSOLE_BYTES = 10_000_000
#: What the supervisor reads of the console after a crash, at most: the reason is at the end.
CONSOLE_TAIL_BYTES = 20_000


@dataclass(frozen=True)
class Spec:
    """What the supervisor runs and where it writes."""

    command: list[str]
    console_log: Path
    pid_file: Path
    state_file: Path

    def dump(self, path: Path) -> None:
        fields = {k: v if isinstance(v, list) else str(v) for k, v in self.__dict__.items()}
        path.write_text(json.dumps(fields))

    @classmethod
    def load(cls, path: Path) -> Spec:
        raw = json.loads(path.read_text())
        return cls(
            command=list(raw["command"]),
            console_log=Path(raw["console_log"]),
            pid_file=Path(raw["pid_file"]),
            state_file=Path(raw["state_file"]),
        )


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _log(message: str) -> None:
    print(f"{_now()} supervisor: {message}", flush=True)


def _write_state(path: Path, state: dict[str, Any]) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(state))
    partial.replace(path)


def exit_reason(returncode: int, console: str) -> str:
    """Why the server exited, from its exit status and what it wrote last."""
    if returncode < 0:
        return f"killed by {signal.Signals(-returncode).name}"
    for line in reversed(console.splitlines()):
        if "OutOfMemoryError" in line:
            return f"exit status {returncode}: {line.strip()[:200]}"
    return f"exit status {returncode}"


def next_wait(quick_exits: int) -> float:
    """Seconds to wait before the next start, after ``quick_exits`` quick exits in a row."""
    return float(min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** max(0, quick_exits - 1)))


def rotate(log: Path, max_bytes: int) -> None:
    """Move ``log`` to ``<log>.1`` when it is larger than ``max_bytes``."""
    if log.exists() and log.stat().st_size > max_bytes:
        log.replace(log.with_name(log.name + ".1"))


def tail(log: Path, since: int, max_bytes: int) -> str:
    """What ``log`` holds after byte ``since``, its last ``max_bytes`` at most: a crash that
    wrote megabytes is not read into memory whole."""
    try:
        with log.open("rb") as file:
            size = file.seek(0, os.SEEK_END)
            since = since if since <= size else 0  # moved away since: the new file is all new
            file.seek(max(since, size - max_bytes))
            return file.read(max_bytes).decode("utf-8", errors="replace")
    except OSError:
        return ""


class Supervisor:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.child: subprocess.Popen[bytes] | None = None
        self.stopping = False
        self.state: dict[str, Any] = {
            "supervisor_pid": os.getpid(),
            "started_at": _now(),
            "restarts": 0,
            "last_reason": None,
            "last_exit_at": None,
            "neo4j_pid": None,
            "gave_up": False,
        }

    def _start_child(self) -> tuple[subprocess.Popen[bytes], int]:
        rotate(self.spec.console_log, MAX_CONSOLE_BYTES)
        offset = self.spec.console_log.stat().st_size if self.spec.console_log.exists() else 0
        with self.spec.console_log.open("ab") as log:
            child = subprocess.Popen(
                self.spec.command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        self.spec.pid_file.write_text(str(child.pid))
        self.state["neo4j_pid"] = child.pid
        _write_state(self.spec.state_file, self.state)
        return child, offset

    def _console_since(self, offset: int) -> str:
        return tail(self.spec.console_log, offset, CONSOLE_TAIL_BYTES)

    def on_sigterm(self, _signum: int, _frame: FrameType | None) -> None:
        self.stopping = True
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()

    def _stop_child(self) -> None:
        child = self.child
        if child is None or child.poll() is not None:
            return
        child.terminate()
        try:
            child.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()

    def run(self) -> int:
        quick_exits = 0
        while not self.stopping:
            self.child, offset = self._start_child()
            started = time.monotonic()
            returncode = self.child.wait()
            if self.stopping:
                break
            reason = exit_reason(returncode, self._console_since(offset))
            quick_exits = quick_exits + 1 if time.monotonic() - started < STEADY_S else 1
            self.state.update(last_reason=reason, last_exit_at=_now(), neo4j_pid=None)
            if quick_exits > MAX_QUICK_EXITS:
                self.state["gave_up"] = True
                _write_state(self.spec.state_file, self.state)
                _log(f"Neo4j exited ({reason}) {quick_exits} times soon after starting: giving up")
                return 1
            wait_s = next_wait(quick_exits)
            _write_state(self.spec.state_file, self.state)
            _log(f"Neo4j exited unexpectedly ({reason}); starting it again in {wait_s:g} s")
            until = time.monotonic() + wait_s
            while not self.stopping and time.monotonic() < until:
                time.sleep(0.1)
            if not self.stopping:
                self.state["restarts"] += 1
                _log(f"restart {self.state['restarts']}")
        self._stop_child()
        self.spec.pid_file.unlink(missing_ok=True)
        self.state["neo4j_pid"] = None
        _write_state(self.spec.state_file, self.state)
        _log("stopped on request")
        return 0


def main(argv: list[str]) -> int:
    supervisor = Supervisor(Spec.load(Path(argv[1])))
    signal.signal(signal.SIGTERM, supervisor.on_sigterm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C of `kgraph up` stops it via stop()
    return supervisor.run()


@dataclass(frozen=True)
class Supervision:
    """What the supervisor of an instance reports: restarts since it started, and why."""

    supervised: bool
    restarts: int
    last_reason: str | None
    last_exit_at: str | None
    gave_up: bool


def read_supervision(state_file: Path) -> Supervision | None:
    """The supervisor's report, or None when there is none to read (an external server)."""
    try:
        raw = json.loads(state_file.read_text())
    except (OSError, ValueError):
        return None
    pid = raw.get("supervisor_pid")
    return Supervision(
        supervised=isinstance(pid, int) and alive(pid),
        restarts=int(raw.get("restarts", 0)),
        last_reason=raw.get("last_reason"),
        last_exit_at=raw.get("last_exit_at"),
        gave_up=bool(raw.get("gave_up")),
    )


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (our own exited child not yet reaped) is not alive.
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        fields = stat.read_text().rsplit(")", 1)[-1].split()
        return bool(fields) and fields[0] != "Z"
    return True
