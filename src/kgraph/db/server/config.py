"""Where one managed instance lives and how it listens."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kgraph.settings import Settings


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
    #: Where ``password`` came from, for the message when Neo4j's data wants another one.
    password_source: str = "the configured password"
    tx_memory_max: str | None = None
    tx_memory_total_max: str | None = None

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
            password=settings.password,
            start_timeout_s=settings.start_timeout_s,
            guide_url=f"http://localhost:{settings.api_port}/guide",
            password_source=settings.password_source,
            tx_memory_max=settings.tx_memory_max,
            tx_memory_total_max=settings.tx_memory_total_max,
        )

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{self.host}:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.http_port}"

    @property
    def browser_origin(self) -> str:
        """The origin Neo4j Browser is served from: the one origin Neo4j's HTTP API admits."""
        return self.http_url

    @property
    def conf_dir(self) -> Path:
        return self.instance_dir / "conf"

    @property
    def data_dir(self) -> Path:
        return self.instance_dir / "data"

    @property
    def logs_dir(self) -> Path:
        return self.instance_dir / "logs"


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    http_url: str
    message: str
