"""Every setting of kgraph in one typed object, read from the environment (and ``.env``).

Only the edges (the CLI, the API, the test fixtures) build a ``Settings``; the library
receives a driver and a database name and never reads the environment itself.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from kgraph import password_file
from kgraph.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: The development password kgraph documented before it made one per installation: a
#: placeholder now, like Neo4j's own default, refused in production and off loopback.
OLD_DEV_PASSWORD = "kgraph-dev-password"
_PLACEHOLDERS = {OLD_DEV_PASSWORD, "neo4j", "password", "changeme", ""}


def is_loopback(host: str | None) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Settings(BaseSettings):
    """Typed configuration: ``NEO4J_*`` for the server, ``KGRAPH_*`` for everything else."""

    model_config = SettingsConfigDict(
        env_prefix="KGRAPH_", env_file=".env", extra="ignore", populate_by_name=True
    )

    env: Literal["development", "test", "production"] = "development"

    neo4j_uri: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_URI", "KGRAPH_NEO4J_URI"),
        description="An existing Neo4j to use; when unset, kgraph manages its own server.",
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "KGRAPH_NEO4J_USER")
    )
    neo4j_password: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_PASSWORD", "KGRAPH_NEO4J_PASSWORD"),
        description="Unset: the managed server's own random password (KGRAPH_HOME/"
        "neo4j-password); required with NEO4J_URI.",
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "KGRAPH_NEO4J_DATABASE")
    )

    home: Path = Field(
        default=PROJECT_ROOT / ".kgraph",
        description="State of the managed server: jars, data, logs, pid file.",
    )
    corpus_dir: Path = Field(default=PROJECT_ROOT.parent / "shared" / "corpus")
    registry_dir: Path = Field(default=PROJECT_ROOT / "loaders" / "registry")
    proposals_dir: Path = Field(
        default=PROJECT_ROOT / "proposals",
        description="What `kgraph extract` proposed, one YAML file per document, for review.",
    )
    schema_file: Path = Field(default=PROJECT_ROOT / "graph" / "schema.cypher")
    neo4j_pom: Path = Field(default=PROJECT_ROOT / "neo4j-server" / "pom.xml")
    load_proposals: bool = Field(
        default=False,
        description="Load unreviewed extraction proposals too, as facts of provenance 'extracted'.",
    )
    keep_work: bool = Field(
        default=True,
        description="Keep each document's cleaned passages, resolved anchors and mentions under "
        "KGRAPH_HOME/kept by digest, and reuse them while their inputs are unchanged.",
    )
    ingest_max_bytes: int = Field(
        default=50_000_000,
        gt=0,
        description="The largest file `kgraph ingest` takes (a PDF, web page, Word or text file).",
    )

    host: str = Field(default="127.0.0.1", description="Address the managed server binds to.")
    bolt_port: int = Field(default=7687, ge=1, le=65535)
    http_port: int = Field(default=7474, ge=1, le=65535)
    heap: str = Field(default="1g", pattern=r"^\d+[mg]$")
    pagecache: str = Field(default="512m", pattern=r"^\d+[mg]$")
    tx_memory_max: str | None = Field(
        default=None,
        pattern=r"^\d+[mg]$",
        description="Heap one transaction may use (db.memory.transaction.max); unset: heap/4.",
    )
    tx_memory_total_max: str | None = Field(
        default=None,
        pattern=r"^\d+[mg]$",
        description="Heap all transactions together may use; unset: 60% of the heap.",
    )
    start_timeout_s: float = Field(default=120.0, gt=0)

    query_timeout_s: float = Field(default=10.0, gt=0)
    load_timeout_s: float = Field(
        default=3600.0, gt=0, description="Time limit of a load's one write transaction."
    )
    load_history: int = Field(
        default=50,
        ge=1,
        description="Loads whose LoadRun the graph keeps (the newest, and one more between "
        "prunings); each load prunes older ones in its own transaction.",
    )
    row_cap: int = Field(default=5000, gt=0)
    cypher_max_bytes: int = Field(
        default=4_000_000, gt=1000, description="The most bytes of JSON one POST /cypher answers."
    )
    cypher_max_list_items: int = Field(
        default=10_000, gt=0, description="The most items of any one list POST /cypher answers."
    )
    cypher_max_running: int = Field(
        default=8,
        ge=1,
        le=32,
        description="POST /cypher queries one API process runs at once; more answer 503 at once "
        "(the rest of the API keeps the other worker threads of its 40).",
    )

    api_max_body_bytes: int = Field(
        default=4_000_000,
        gt=0,
        description="The largest request body the API reads; a larger one answers 413 unread.",
    )
    api_max_header_bytes: int = Field(
        default=32_768,
        gt=0,
        description="The most bytes of request line and headers; more answers 431.",
    )
    api_cache_max_bytes: int = Field(
        default=64_000_000,
        gt=0,
        description="The most bytes of answers the API keeps in memory per load of the graph.",
    )
    api_host: str = Field(default="127.0.0.1", description="Loopback: only this machine.")
    api_port: int = Field(default=8000, ge=1, le=65535)
    api_key: SecretStr | None = Field(
        default=None, description="When set, POST /cypher needs it in the X-API-Key header."
    )
    review_key: SecretStr | None = Field(
        default=None,
        description="The key the review desk's writes need (X-Review-Key); unset: KGRAPH_API_KEY; "
        "neither set: the desk only reads.",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins browsers may call the API from (comma-separated); none: no CORS.",
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("api_key", "review_key", mode="after")
    @classmethod
    def _no_empty_key(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value().strip() else None

    @model_validator(mode="after")
    def _refuse_placeholder_password(self) -> Settings:
        if self.neo4j_password is None:
            return self  # the managed server's own (see ``password``), or refused there
        password = self.neo4j_password.get_secret_value()
        if not password:
            raise ConfigError("NEO4J_PASSWORD is empty; Neo4j runs with authentication on")
        if password not in _PLACEHOLDERS:
            return self
        if self.env == "production":
            raise ConfigError(
                "NEO4J_PASSWORD is a placeholder; set a real password when KGRAPH_ENV=production"
            )
        if not is_loopback(self.neo4j_host):
            raise ConfigError(
                f"NEO4J_PASSWORD is a placeholder and Neo4j at {self.neo4j_host} is reachable "
                "from other machines; set a real password"
            )
        return self

    @property
    def neo4j_host(self) -> str | None:
        """The host Neo4j listens on: that of ``NEO4J_URI``, or the managed server's."""
        return urlsplit(self.neo4j_uri).hostname if self.neo4j_uri else self.host

    @property
    def managed(self) -> bool:
        """True when kgraph starts its own Neo4j (no ``NEO4J_URI`` given)."""
        return not self.neo4j_uri

    @property
    def kept_dir(self) -> Path | None:
        """Where loads keep work by digest (``loaders.build.kept``); None when they keep none."""
        return self.home / "kept" if self.keep_work else None

    @property
    def bolt_uri(self) -> str:
        """The URI the driver connects to: the user's server, or the managed one."""
        return self.neo4j_uri or f"bolt://{self.host}:{self.bolt_port}"

    @property
    def password_file(self) -> Path:
        """Where the managed server's own password is kept (when NEO4J_PASSWORD is unset)."""
        return self.home / password_file.PASSWORD_FILE

    @property
    def password(self) -> str:
        """NEO4J_PASSWORD; unset, the managed server's own, made the first time it is asked
        for. A server of the user's own (NEO4J_URI) has no password kgraph could know."""
        if self.neo4j_password is not None:
            return self.neo4j_password.get_secret_value()
        if not self.managed:
            raise ConfigError(
                f"NEO4J_URI points at a Neo4j kgraph does not manage ({self.neo4j_uri}): "
                "set NEO4J_PASSWORD to its password"
            )
        return password_file.read_or_create(self.password_file)

    @property
    def password_source(self) -> str:
        """Where ``password`` comes from, for messages: the variable or the file."""
        return "NEO4J_PASSWORD" if self.neo4j_password is not None else str(self.password_file)

    @property
    def auth(self) -> tuple[str, str]:
        return (self.neo4j_user, self.password)
