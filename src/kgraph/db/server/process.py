"""Start one managed instance, wait until it is ready, watch it and stop it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from kgraph.db.graph import Graph, connect
from kgraph.db.server import jars, neo4j_conf
from kgraph.db.server.config import ServerConfig, ServerStatus
from kgraph.db.server.supervisor import (
    CONSOLE_TAIL_BYTES,
    MAX_CONSOLE_BYTES,
    Spec,
    alive,
    rotate,
    tail,
)
from kgraph.errors import CredentialsRefused, GraphUnavailable, QueryTimeout, ServerError


def port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.3)
        return sock.connect_ex((host, port)) == 0


#: The supervisor's report, in the instance's folder.
SUPERVISION_FILE = "supervision.json"


def _live_pid(pid_file: Path) -> int | None:
    if not pid_file.is_file():
        return None
    try:
        pid = int(pid_file.read_text().strip())
    except ValueError:
        return None
    return pid if alive(pid) else None


class ManagedNeo4j:
    """Fetch, configure, start, watch and stop one Neo4j instance of the project's own."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self._child: subprocess.Popen[bytes] | None = None
        self._log_offset = 0

    # -- paths -------------------------------------------------------------------------------
    @property
    def pid_file(self) -> Path:
        return self.config.instance_dir / "neo4j.pid"

    @property
    def conf_dir(self) -> Path:
        return self.config.conf_dir

    @property
    def data_dir(self) -> Path:
        return self.config.data_dir

    @property
    def logs_dir(self) -> Path:
        return self.config.logs_dir

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    @property
    def supervisor_pid_file(self) -> Path:
        return self.config.instance_dir / "supervisor.pid"

    @property
    def supervision_file(self) -> Path:
        """What the supervisor counts: restarts and the last reason (read by ``/health``)."""
        return self.config.instance_dir / SUPERVISION_FILE

    # -- jars --------------------------------------------------------------------------------
    def jars_present(self) -> bool:
        return jars.jars_present(self.config.lib_dir, self.config.pom)

    def fetch_jars(self) -> Path:
        """Copy the server's jars from Maven Central into ``lib/`` (once per pom version)."""
        return jars.fetch_jars(self.config.lib_dir, self.config.pom)

    # -- lifecycle ---------------------------------------------------------------------------
    def admin(self, *args: str, java: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run ``neo4j-admin`` (org.neo4j.cli.AdminTool) on this instance's home and config."""
        java = java or jars.require("java", "neo4j-admin needs a Java 17 runtime")
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        (self.conf_dir / "neo4j.conf").write_text(neo4j_conf.conf_text(self.config))
        return subprocess.run(
            [java, "-cp", jars.classpath(self.config.lib_dir), neo4j_conf.ADMIN_TOOL, *args],
            env=neo4j_conf.java_env(self.config),
            capture_output=True,
            text=True,
            check=False,
        )

    def _set_initial_password(self, java: str) -> None:
        """Before the very first start, replace Neo4j's default password with ours."""
        if (self.data_dir / "databases").exists():
            return
        result = self.admin("dbms", "set-initial-password", self.config.password, java=java)
        if result.returncode != 0:
            raise ServerError(f"neo4j-admin could not set the initial password: {result.stderr}")

    def running_pid(self) -> int | None:
        """The pid of this instance's server, if one is running."""
        return _live_pid(self.pid_file)

    def supervisor_pid(self) -> int | None:
        """The pid of the supervisor that keeps this instance's server running, if any."""
        return _live_pid(self.supervisor_pid_file)

    def _prepare(self) -> str:
        """Check nothing runs or holds the ports, write the configuration; return java's path."""
        pid = self.running_pid() or self.supervisor_pid()
        if pid is not None:
            raise ServerError(f"Neo4j is already running (pid {pid}); stop it first")
        c = self.config
        for port in (c.bolt_port, c.http_port):
            if port_open(c.host, port):
                raise ServerError(f"port {c.host}:{port} is already taken by another program")
        java = jars.require(
            "java", "Neo4j 5.26 needs a Java 17 runtime (apt-get install openjdk-17-jre)"
        )
        self.fetch_jars()
        for folder in (self.conf_dir, self.data_dir, self.logs_dir):
            folder.mkdir(parents=True, exist_ok=True)
        (self.conf_dir / "neo4j.conf").write_text(neo4j_conf.conf_text(c))
        self._set_initial_password(java)
        return java

    def start(self) -> int:
        """Start the server under its supervisor, wait until Bolt accepts our credentials;
        return the server's pid. The supervisor (kgraph.db.server.supervisor) starts it again
        whenever it exits unasked, until ``stop``."""
        java = self._prepare()
        rotate(self.console_log, MAX_CONSOLE_BYTES)
        self._log_offset = self.console_log.stat().st_size if self.console_log.exists() else 0
        spec_file = self.config.instance_dir / "supervisor-spec.json"
        Spec(
            command=neo4j_conf.server_command(java, self.config),
            console_log=self.console_log,
            pid_file=self.pid_file,
            state_file=self.supervision_file,
        ).dump(spec_file)
        self.pid_file.unlink(missing_ok=True)
        self.supervision_file.unlink(missing_ok=True)
        with (self.logs_dir / "supervisor.log").open("ab") as log:
            self._child = subprocess.Popen(
                [sys.executable, "-m", "kgraph.db.server", str(spec_file)],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=neo4j_conf.java_env(self.config),
                start_new_session=True,
            )
        self.supervisor_pid_file.write_text(str(self._child.pid))
        try:
            pid = self._wait_for_pid()
            self._wait_until_ready(pid)
        except BaseException:
            self.stop()
            raise
        return pid

    def _wait_for_pid(self) -> int:
        """The server's pid, once the supervisor has started it."""
        deadline = time.monotonic() + self.config.start_timeout_s
        while time.monotonic() < deadline:
            pid = self.running_pid()
            if pid is not None:
                return pid
            if self._child is not None and self._child.poll() is not None:
                log = (self.logs_dir / "supervisor.log").read_text()[-2000:]
                raise ServerError(f"the supervisor of Neo4j exited at once:\n{log}")
            time.sleep(0.05)
        raise ServerError("the supervisor did not start Neo4j")

    def _wait_until_ready(self, pid: int) -> None:
        c = self.config
        deadline = time.monotonic() + c.start_timeout_s
        graph = Graph(connect(c.bolt_uri, (c.user, c.password)))
        try:
            while True:
                if not alive(pid):
                    raise ServerError(f"Neo4j exited while starting:\n{self.log_tail()}")
                try:
                    graph.verify_connectivity()
                    if port_open(c.host, c.http_port):
                        return
                except CredentialsRefused as error:
                    raise ServerError(self._other_password()) from error
                except (GraphUnavailable, QueryTimeout):
                    pass  # not answering yet
                if time.monotonic() > deadline:
                    raise ServerError(
                        f"Neo4j did not answer on {c.bolt_uri} within {c.start_timeout_s:.0f} s:"
                        f"\n{self.log_tail()}"
                    )
                time.sleep(0.3)
        finally:
            graph.close()

    def _other_password(self) -> str:
        """Why Neo4j refused the password, and the two ways on."""
        return (
            f"Neo4j refused the password ({self.config.password_source}): its data in "
            f"{self.data_dir} was created with another one (data made before kgraph gave each "
            "installation its own password has the old development default). Run "
            "`kgraph neo4j reset --yes` and load again to start afresh with this password (the "
            "graph is rebuilt from the corpus), or set NEO4J_PASSWORD to the one the data has."
        )

    def stop(self, timeout_s: float = 60.0) -> bool:
        """Stop the supervisor and the server (SIGTERM, then SIGKILL after ``timeout_s``);
        False if neither ran."""
        supervisor = self.supervisor_pid()
        if supervisor is not None:
            self._end(supervisor, timeout_s + 5)  # it stops the server itself, in timeout_s
        self.supervisor_pid_file.unlink(missing_ok=True)
        pid = self.running_pid()  # a server whose supervisor was killed, or of an old kgraph
        if pid is not None:
            self._end(pid, timeout_s)
        self.pid_file.unlink(missing_ok=True)
        return supervisor is not None or pid is not None

    def _end(self, pid: int, timeout_s: float) -> None:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while alive(pid) and time.monotonic() < deadline:
            if self._child is not None and self._child.pid == pid:
                self._child.poll()
            time.sleep(0.2)
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
        if self._child is not None and self._child.pid == pid:
            self._child.wait(timeout=10)

    def reset(self) -> None:
        """Stop the server and delete its data (the jars stay)."""
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def status(self) -> ServerStatus:
        c = self.config
        pid = self.running_pid()
        supervisor = self.supervisor_pid()
        if pid is None and supervisor is not None:
            message = f"restarting (supervisor pid {supervisor}): Neo4j exited and starts again"
        elif pid is None:
            message = "stopped"
        elif port_open(c.host, c.bolt_port):
            message = f"running (pid {pid}), Bolt on {c.bolt_uri}, Browser at {c.http_url}/browser/"
        else:
            message = f"starting (pid {pid}), Bolt not answering yet"
        return ServerStatus(pid is not None, pid, c.bolt_uri, c.http_url, message)

    def log_tail(self, lines: int = 25) -> str:
        """The last lines the server wrote since this object last started it."""
        if not self.console_log.is_file():
            return "(no console log)"
        text = tail(self.console_log, self._log_offset, CONSOLE_TAIL_BYTES)
        return "\n".join(text.splitlines()[-lines:]) or "(the server wrote nothing)"
