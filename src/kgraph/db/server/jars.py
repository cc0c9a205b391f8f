"""Neo4j's jars: copied once from Maven Central into ``lib/``, and the class path over them."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from kgraph.errors import MissingTool, ServerError


def require(tool: str, why: str) -> str:
    """The path of ``tool``, or MissingTool saying why it is needed."""
    path = shutil.which(tool)
    if path is None:
        raise MissingTool(tool, why)
    return path


def pom_digest(pom: Path) -> str:
    if not pom.is_file():
        raise ServerError(f"{pom}: the Maven file listing Neo4j's jars is missing")
    return hashlib.sha256(pom.read_bytes()).hexdigest()


def jars_present(lib_dir: Path, pom: Path) -> bool:
    marker = lib_dir / ".complete"
    return marker.is_file() and marker.read_text().strip() == pom_digest(pom)


def fetch_jars(lib_dir: Path, pom: Path) -> Path:
    """Copy the server's jars from Maven Central into ``lib_dir`` (once per pom version)."""
    if jars_present(lib_dir, pom):
        return lib_dir
    mvn = require("mvn", "Maven fetches Neo4j's jars from Maven Central (apt-get install maven)")
    staging = lib_dir.with_name("lib.partial")
    shutil.rmtree(staging, ignore_errors=True)
    command = [
        mvn, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies",
        f"-DoutputDirectory={staging}", "-DincludeScope=runtime",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-15:])
        raise ServerError(f"Maven could not fetch Neo4j's jars:\n{tail}")
    shutil.rmtree(lib_dir, ignore_errors=True)
    staging.rename(lib_dir)
    (lib_dir / ".complete").write_text(pom_digest(pom))
    return lib_dir


def classpath(lib_dir: Path) -> str:
    return f"{lib_dir}/*"
