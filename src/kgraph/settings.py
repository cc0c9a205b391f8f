"""Every setting of kgraph in one typed object, read from the environment (and ``.env``).

Only the edges (the CLI, the API, the test fixtures) build a ``Settings``; the library
receives a driver and a database name and never reads the environment itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kgraph.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: The development password: fine on loopback for one person, refused in production.
DEV_PASSWORD = "kgraph-dev-password"
_PLACEHOLDERS = {DEV_PASSWORD, "neo4j", "password", "changeme", ""}


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
    neo4j_password: SecretStr = Field(
        default=SecretStr(DEV_PASSWORD),
        validation_alias=AliasChoices("NEO4J_PASSWORD", "KGRAPH_NEO4J_PASSWORD"),
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
    schema_file: Path = Field(default=PROJECT_ROOT / "graph" / "schema.cypher")
    neo4j_pom: Path = Field(default=PROJECT_ROOT / "neo4j-server" / "pom.xml")

    host: str = Field(default="127.0.0.1", description="Address the managed server binds to.")
    bolt_port: int = Field(default=7687, ge=1, le=65535)
    http_port: int = Field(default=7474, ge=1, le=65535)
    heap: str = Field(default="1g", pattern=r"^\d+[mg]$")
    pagecache: str = Field(default="512m", pattern=r"^\d+[mg]$")
    start_timeout_s: float = Field(default=120.0, gt=0)

    query_timeout_s: float = Field(default=10.0, gt=0)
    load_timeout_s: float = Field(
        default=3600.0, gt=0, description="Time limit of a load's one write transaction."
    )
    row_cap: int = Field(default=5000, gt=0)

    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)

    @model_validator(mode="after")
    def _refuse_placeholder_password(self) -> Settings:
        if self.env == "production" and self.neo4j_password.get_secret_value() in _PLACEHOLDERS:
            raise ConfigError(
                "NEO4J_PASSWORD is a placeholder; set a real password when KGRAPH_ENV=production"
            )
        return self

    @property
    def managed(self) -> bool:
        """True when kgraph starts its own Neo4j (no ``NEO4J_URI`` given)."""
        return not self.neo4j_uri

    @property
    def bolt_uri(self) -> str:
        """The URI the driver connects to: the user's server, or the managed one."""
        return self.neo4j_uri or f"bolt://{self.host}:{self.bolt_port}"

    @property
    def auth(self) -> tuple[str, str]:
        return (self.neo4j_user, self.neo4j_password.get_secret_value())
