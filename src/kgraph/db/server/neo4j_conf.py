"""What a managed instance is told: its neo4j.conf and the JVM's command line."""

from __future__ import annotations

import os

from kgraph.db.server.config import ServerConfig
from kgraph.db.server.jars import classpath

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

# Started through the entry point, neo4j.conf's JVM settings are not applied: these are the
# flags the packaged server passes on its command line.
JVM_FLAGS = (
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


#: Once a Bolt client has connected, the Bolt server's shutdown waited 5 s for connections
#: and 5 s more for Netty to be quiet, after the databases had stopped (so after every
#: transaction had ended): 10.4 s of an 11 s stop, which every bulk load and every test
#: that restarts a server paid. Internal settings (unlisted, accepted under strict
#: validation); with them a stop takes 0.6-0.8 s (docs/benchmarks.md).
FAST_BOLT_SHUTDOWN = {
    "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
    "internal.server.bolt.connection_shutdown_wait_time": "1s",
}


def megabytes(size: str) -> int:
    """``512m`` or ``1g`` in MiB."""
    return int(size[:-1]) * (1024 if size.endswith("g") else 1)


def memory_limits(c: ServerConfig) -> dict[str, str]:
    """Neo4j's transaction memory limits: a query that would pass them fails alone, with
    MemoryPoolOutOfMemoryError, instead of taking the whole heap. A load of the corpus peaks
    near 11 MiB, the questions far below: a quarter of the heap per transaction and 60% for
    all together leave the rest to the server itself (query caches, Bolt buffers)."""
    heap = megabytes(c.heap)
    return {
        "db.memory.transaction.max": c.tx_memory_max or f"{heap // 4}m",
        "dbms.memory.transaction.total.max": c.tx_memory_total_max or f"{heap * 6 // 10}m",
    }


def conf_text(c: ServerConfig) -> str:
    """The neo4j.conf of an instance (written on every start)."""
    settings = {
        "server.bolt.listen_address": f"{c.host}:{c.bolt_port}",
        "server.bolt.advertised_address": f"{c.host}:{c.bolt_port}",
        "server.http.listen_address": f"{c.host}:{c.http_port}",
        "server.http.advertised_address": f"{c.host}:{c.http_port}",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        # Neo4j's default is "*": any page the developer opens could call the HTTP API with
        # Authorization. Neo4j sends this one value whatever the Origin (and Vary: Origin),
        # so a browser lets only the Browser's own origin read an answer.
        "dbms.security.http_access_control_allow_origin": c.browser_origin,
        "server.directories.data": str(c.data_dir),
        "server.directories.logs": str(c.logs_dir),
        "server.directories.run": str(c.instance_dir / "run"),
        "server.directories.import": str(c.instance_dir / "import"),
        "server.directories.plugins": str(c.instance_dir / "plugins"),
        "server.memory.pagecache.size": c.pagecache,
        **memory_limits(c),
        "dbms.usage_report.enabled": "false",
        # The Browser asks nothing of the internet and sends no usage data.
        "client.allow_telemetry": "false",
        "server.config.strict_validation.enabled": "true",
        **FAST_BOLT_SHUTDOWN,
    }
    if c.guide_url:
        # The Browser plays the project's guide on connect; it may fetch it from localhost.
        settings["browser.post_connect_cmd"] = f"play {c.guide_url}"
        settings["browser.remote_content_hostname_whitelist"] = "localhost,127.0.0.1"
    header = "# Written by kgraph on every start; edit settings through KGRAPH_* instead.\n"
    return header + "".join(f"{key}={value}\n" for key, value in settings.items())


def java_env(c: ServerConfig) -> dict[str, str]:
    return {**os.environ, "NEO4J_HOME": str(c.instance_dir), "NEO4J_CONF": str(c.conf_dir)}


def server_command(java: str, c: ServerConfig) -> list[str]:
    """The java command line that runs the server in the foreground."""
    return [
        java, f"-Xms{c.heap}", f"-Xmx{c.heap}", *JVM_FLAGS, "-cp", classpath(c.lib_dir),
        ENTRY_POINT, f"--home-dir={c.instance_dir}", f"--config-dir={c.conf_dir}",
        "--console-mode",
    ]  # fmt: skip
