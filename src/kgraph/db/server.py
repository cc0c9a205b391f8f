"""The project-managed Neo4j Community server: fetched from Maven Central, started with ``java``.

Layout under the settings' ``home`` (git-ignored)::

    lib/                 jars copied by Maven from neo4j-server/pom.xml (shared by every instance)
    lib/.complete        the pom's sha256, written only after a complete copy
    <instance>/conf/     neo4j.conf written on every start
    <instance>/data/     databases and the auth store
    <instance>/logs/     neo4j.log, console.log
    <instance>/neo4j.pid

``make up`` uses the instance ``server`` on the default ports; the tests use their own
instance on other ports, so both can run at once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j import exceptions as nx

from kgraph.errors import MissingTool, ServerError
from kgraph.settings import Settings

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

# Started through the entry point, neo4j.conf's JVM settings are not applied: these are the
# flags the packaged server passes on its command line.
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:-OmitStackTraceInFastThrow",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


@dataclass(frozen=True)
class ServerConfig:
    """Where one managed instance lives and how it listens."""

    lib_dir: Path
    instance_dir: Path
    pom: Path
    host: str
    bolt_port: int
    http_port: int
    heap: str
    pagecache: str
    user: str
    password: str
    start_timeout_s: float
    guide_url: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings, instance: str = "server") -> ServerConfig:
        return cls(
            lib_dir=settings.home / "lib",
            instance_dir=settings.home / instance,
            pom=settings.neo4j_pom,
            host=settings.host,
            bolt_port=settings.bolt_port,
            http_port=settings.http_port,
            heap=settings.heap,
            pagecache=settings.pagecache,
            user=settings.neo4j_user,
            password=settings.neo4j_password.get_secret_value(),
            start_timeout_s=settings.start_timeout_s,
            guide_url=f"http://localhost:{settings.api_port}/guide",
        )

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{self.host}:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.http_port}"


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    http_url: str
    message: str


def _require(tool: str, why: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise MissingTool(tool, why)
    return path


def _port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.3)
        return sock.connect_ex((host, port)) == 0


def _alive(pid: int) -> bool:
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
        return self.config.instance_dir / "conf"

    @property
    def data_dir(self) -> Path:
        return self.config.instance_dir / "data"

    @property
    def logs_dir(self) -> Path:
        return self.config.instance_dir / "logs"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    # -- jars --------------------------------------------------------------------------------
    def _pom_digest(self) -> str:
        if not self.config.pom.is_file():
            raise ServerError(f"{self.config.pom}: the Maven file listing Neo4j's jars is missing")
        return hashlib.sha256(self.config.pom.read_bytes()).hexdigest()

    def jars_present(self) -> bool:
        marker = self.config.lib_dir / ".complete"
        return marker.is_file() and marker.read_text().strip() == self._pom_digest()

    def fetch_jars(self) -> Path:
        """Copy the server's jars from Maven Central into ``lib/`` (once per pom version)."""
        if self.jars_present():
            return self.config.lib_dir
        mvn = _require(
            "mvn", "Maven fetches Neo4j's jars from Maven Central (apt-get install maven)"
        )
        staging = self.config.lib_dir.with_name("lib.partial")
        shutil.rmtree(staging, ignore_errors=True)
        command = [
            mvn, "-B", "-q", "-f", str(self.config.pom), "dependency:copy-dependencies",
            f"-DoutputDirectory={staging}", "-DincludeScope=runtime",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-15:])
            raise ServerError(f"Maven could not fetch Neo4j's jars:\n{tail}")
        shutil.rmtree(self.config.lib_dir, ignore_errors=True)
        staging.rename(self.config.lib_dir)
        (self.config.lib_dir / ".complete").write_text(self._pom_digest())
        return self.config.lib_dir

    # -- configuration -----------------------------------------------------------------------
    def _conf_text(self) -> str:
        c = self.config
        settings = {
            "server.bolt.listen_address": f"{c.host}:{c.bolt_port}",
            "server.bolt.advertised_address": f"{c.host}:{c.bolt_port}",
            "server.http.listen_address": f"{c.host}:{c.http_port}",
            "server.http.advertised_address": f"{c.host}:{c.http_port}",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "server.directories.data": str(self.data_dir),
            "server.directories.logs": str(self.logs_dir),
            "server.directories.run": str(c.instance_dir / "run"),
            "server.directories.import": str(c.instance_dir / "import"),
            "server.directories.plugins": str(c.instance_dir / "plugins"),
            "server.memory.pagecache.size": c.pagecache,
            "dbms.usage_report.enabled": "false",
            # The Browser asks nothing of the internet and sends no usage data.
            "client.allow_telemetry": "false",
            "server.config.strict_validation.enabled": "true",
        }
        if c.guide_url:
            # The Browser plays the project's guide on connect; it may fetch it from localhost.
            settings["browser.post_connect_cmd"] = f"play {c.guide_url}"
            settings["browser.remote_content_hostname_whitelist"] = "localhost,127.0.0.1"
        header = "# Written by kgraph on every start; edit settings through KGRAPH_* instead.\n"
        return header + "".join(f"{key}={value}\n" for key, value in settings.items())

    def _classpath(self) -> str:
        return f"{self.config.lib_dir}/*"

    def _java_env(self) -> dict[str, str]:
        return {
            **os.environ,
            "NEO4J_HOME": str(self.config.instance_dir),
            "NEO4J_CONF": str(self.conf_dir),
        }

    def admin(self, *args: str, java: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run ``neo4j-admin`` (org.neo4j.cli.AdminTool) on this instance's home and config."""
        java = java or _require("java", "neo4j-admin needs a Java 17 runtime")
        (self.conf_dir / "neo4j.conf").parent.mkdir(parents=True, exist_ok=True)
        (self.conf_dir / "neo4j.conf").write_text(self._conf_text())
        return subprocess.run(
            [java, "-cp", self._classpath(), ADMIN_TOOL, *args],
            env=self._java_env(),
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

    # -- lifecycle ---------------------------------------------------------------------------
    def running_pid(self) -> int | None:
        """The pid of this instance's server, if one is running."""
        if not self.pid_file.is_file():
            return None
        try:
            pid = int(self.pid_file.read_text().strip())
        except ValueError:
            return None
        return pid if _alive(pid) else None

    def start(self) -> int:
        """Start the server and wait until Bolt accepts our credentials; return its pid."""
        pid = self.running_pid()
        if pid is not None:
            raise ServerError(f"Neo4j is already running (pid {pid}); stop it first")
        c = self.config
        for port in (c.bolt_port, c.http_port):
            if _port_open(c.host, port):
                raise ServerError(f"port {c.host}:{port} is already taken by another program")
        java = _require(
            "java", "Neo4j 5.26 needs a Java 17 runtime (apt-get install openjdk-17-jre)"
        )
        self.fetch_jars()
        for folder in (self.conf_dir, self.data_dir, self.logs_dir):
            folder.mkdir(parents=True, exist_ok=True)
        (self.conf_dir / "neo4j.conf").write_text(self._conf_text())
        self._set_initial_password(java)
        command = [
            java, f"-Xms{c.heap}", f"-Xmx{c.heap}", *_JVM_FLAGS, "-cp", self._classpath(),
            ENTRY_POINT, f"--home-dir={c.instance_dir}", f"--config-dir={self.conf_dir}",
            "--console-mode",
        ]  # fmt: skip
        self._log_offset = self.console_log.stat().st_size if self.console_log.exists() else 0
        with self.console_log.open("ab") as log:
            self._child = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self._java_env(),
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
                if not _alive(pid):
                    raise ServerError(f"Neo4j exited while starting:\n{self.log_tail()}")
                try:
                    driver.verify_connectivity()
                    if _port_open(c.host, c.http_port):
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
        while _alive(pid) and time.monotonic() < deadline:
            if self._child is not None and self._child.pid == pid:
                self._child.poll()
            time.sleep(0.2)
        if _alive(pid):
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
        elif _port_open(c.host, c.bolt_port):
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
