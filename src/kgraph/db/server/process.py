"""Start one managed instance, wait until it is ready, watch it and stop it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from neo4j import GraphDatabase
from neo4j import exceptions as nx

from kgraph.db.server import jars, neo4j_conf
from kgraph.db.server.config import ServerConfig, ServerStatus
from kgraph.errors import ServerError


def port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.3)
        return sock.connect_ex((host, port)) == 0


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

    # -- jars --------------------------------------------------------------------------------
    def jars_present(self) -> bool:
        return jars.jars_present(self.config.lib_dir, self.config.pom)

    def fetch_jars(self) -> Path:
        """Copy the server's jars from Maven Central into ``lib/`` (once per pom version)."""
        return jars.fetch_jars(self.config.lib_dir, self.config.pom)

    # -- lifecycle ---------------------------------------------------------------------------
    def _set_initial_password(self, java: str) -> None:
        """Before the very first start, replace Neo4j's default password with ours."""
        if (self.data_dir / "databases").exists():
            return
        result = subprocess.run(
            neo4j_conf.initial_password_command(java, self.config),
            env=neo4j_conf.java_env(self.config),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise ServerError(f"neo4j-admin could not set the initial password: {result.stderr}")

    def running_pid(self) -> int | None:
        """The pid of this instance's server, if one is running."""
        if not self.pid_file.is_file():
            return None
        try:
            pid = int(self.pid_file.read_text().strip())
        except ValueError:
            return None
        return pid if alive(pid) else None

    def _prepare(self) -> str:
        """Check nothing runs or holds the ports, write the configuration; return java's path."""
        pid = self.running_pid()
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
        """Start the server and wait until Bolt accepts our credentials; return its pid."""
        java = self._prepare()
        self._log_offset = self.console_log.stat().st_size if self.console_log.exists() else 0
        with self.console_log.open("ab") as log:
            self._child = subprocess.Popen(
                neo4j_conf.server_command(java, self.config),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=neo4j_conf.java_env(self.config),
                start_new_session=True,
            )
        self.pid_file.write_text(str(self._child.pid))
        try:
            self._wait_until_ready(self._child.pid)
        except BaseException:
            self.stop()
            raise
        return self._child.pid

    def _wait_until_ready(self, pid: int) -> None:
        c = self.config
        deadline = time.monotonic() + c.start_timeout_s
        with GraphDatabase.driver(c.bolt_uri, auth=(c.user, c.password)) as driver:
            while True:
                if not alive(pid):
                    raise ServerError(f"Neo4j exited while starting:\n{self.log_tail()}")
                try:
                    driver.verify_connectivity()
                    if port_open(c.host, c.http_port):
                        return
                except nx.AuthError as error:
                    raise ServerError(
                        "Neo4j refused the configured password: its data in "
                        f"{self.data_dir} was created with another one. Set NEO4J_PASSWORD "
                        "to that password, or run `kgraph neo4j reset` to start afresh."
                    ) from error
                except (nx.ServiceUnavailable, nx.SessionExpired, OSError):
                    pass
                if time.monotonic() > deadline:
                    raise ServerError(
                        f"Neo4j did not answer on {c.bolt_uri} within {c.start_timeout_s:.0f} s:"
                        f"\n{self.log_tail()}"
                    )
                time.sleep(0.3)

    def stop(self, timeout_s: float = 60.0) -> bool:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout_s``); False if none ran."""
        pid = self.running_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
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
        self.pid_file.unlink(missing_ok=True)
        return True

    def reset(self) -> None:
        """Stop the server and delete its data (the jars stay)."""
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def status(self) -> ServerStatus:
        c = self.config
        pid = self.running_pid()
        if pid is None:
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
        with self.console_log.open("rb") as log:
            log.seek(self._log_offset)
            text = log.read().decode("utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:]) or "(the server wrote nothing)"
