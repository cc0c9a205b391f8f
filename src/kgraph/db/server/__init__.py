"""The project-managed Neo4j Community server: fetched from Maven Central, started with ``java``.

Layout under the settings' ``home`` (git-ignored)::

    lib/                 jars copied by Maven from neo4j-server/pom.xml (shared by every instance)
    lib/.complete        the pom's sha256, written only after a complete copy
    <instance>/conf/     neo4j.conf written on every start
    <instance>/data/     databases and the auth store
    <instance>/logs/     neo4j.log, console.log
    <instance>/neo4j.pid
    <instance>/supervisor.pid, supervision.json   the supervisor, its restart count and reasons

``make up`` uses the instance ``server`` on the default ports; the tests use their own
instance on other ports, so both can run at once.

Modules: ``config`` (where an instance lives and how it listens), ``jars`` (fetching them,
the class path), ``neo4j_conf`` (the neo4j.conf and the JVM's command line), ``process``
(start, wait until ready, stop, status), ``supervisor`` (the process that runs the server and
starts it again when it exits unasked; ``python -m kgraph.db.server`` runs it).
"""

from kgraph.db.server.config import ServerConfig, ServerStatus
from kgraph.db.server.process import SUPERVISION_FILE, ManagedNeo4j
from kgraph.db.server.supervisor import Supervision, read_supervision

__all__ = [
    "SUPERVISION_FILE",
    "ManagedNeo4j",
    "ServerConfig",
    "ServerStatus",
    "Supervision",
    "read_supervision",
]
