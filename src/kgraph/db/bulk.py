"""A first load through ``neo4j-admin database import full``: the managed server's empty
database is written offline from CSV files, then started, given its schema and its LoadRun.

Much faster than the writer's transaction for a large first load, and the same graph: the
files carry the writer's rows with the writer's hashes (db.bulk_files). Only for the managed
server (the importer needs the store on this machine, with the server stopped) and only into
an empty database: later loads are syncs as ever, and find the imported rows unchanged.
Everything that can be wrong with the input is found while the files are written, before the
server is stopped.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kgraph.db import cypher, schema
from kgraph.db.bulk_files import ARRAY_DELIMITER, ImportFiles, write_import_files
from kgraph.db.bulk_shares import Shares, write_shares
from kgraph.db.graph import Graph
from kgraph.db.server import ManagedNeo4j
from kgraph.db.writer import Changes, NodeRow, RelRow, SyncReport, record_run
from kgraph.errors import LoadInterrupted

log = logging.getLogger(__name__)

#: The LoadRun's ``mode_reason`` of a bulk load (its ``mode`` is ``bulk``).
BULK_REASON = "a first load into an empty database through neo4j-admin import"


def _refuse_unless_empty(graph: Graph) -> None:
    counts = graph.read(cypher.COUNTS, timeout_s=60)[0]  # a server just started is slow
    if counts["nodes"]:
        raise LoadInterrupted(
            f"a bulk load writes a new database, and this one holds {counts['nodes']:,} nodes; "
            "use `kgraph load`, or `kgraph neo4j reset` first"
        )


def import_arguments(database: str, files: ImportFiles, report_file: Path) -> list[str]:
    """The ``neo4j-admin`` command line that imports the files into ``database``.

    Multi-line fields only when some value holds a line break: the importer parses them on
    one thread, where it otherwise splits each file among its worker threads.
    """
    return [
        "database", "import", "full", database,
        "--overwrite-destination=true",
        f"--array-delimiter={ARRAY_DELIMITER}",
        f"--multiline-fields={'true' if files.multiline else 'false'}",
        f"--report-file={report_file}",
        *files.arguments(),
    ]  # fmt: skip


def _import(server: ManagedNeo4j, database: str, files: ImportFiles, report_file: Path) -> None:
    result = server.admin(*import_arguments(database, files, report_file))
    for line in result.stdout.splitlines()[-12:]:
        log.info("neo4j-admin import: %s", line)
    if result.returncode != 0:
        lines = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if line]
        detail = "; ".join(line.strip() for line in lines if not line.startswith("\tat "))[-600:]
        raise LoadInterrupted(f"neo4j-admin import failed (exit {result.returncode}): {detail}")


class _Phases:
    """Logs how long each step of a bulk load took (where its time goes at a given scale)."""

    def __init__(self) -> None:
        self._last = time.perf_counter()

    def done(self, what: str) -> None:
        now = time.perf_counter()
        log.info("bulk load phase: %s in %.1f s", what, now - self._last)
        self._last = now


def _all_added(keys: Iterable[str]) -> Changes:
    changes = Changes()
    for key in keys:
        changes.note("added", key)
    changes.finish()
    return changes


def bulk_load(
    server: ManagedNeo4j,
    graph: Graph,
    nodes: Iterable[NodeRow],
    relationships: Iterable[RelRow],
    run_props: dict[str, Any],
    schema_file: Path,
    *,
    database: str = "neo4j",
    work_dir: Path | None = None,
    shares: Shares | None = None,
) -> SyncReport:
    """Import the rows into the managed server's empty ``database``; the server is running
    before and after (stopped in between). Returns the report a sync would have given (its
    counts; the keys it lists are the first written).

    ``shares``: rows beside ``nodes`` and ``relationships``, written by worker processes side
    by side (``db.bulk_shares``), for a source large enough that one process is the bound."""
    _refuse_unless_empty(graph)
    started = dt.datetime.now(dt.UTC)
    load_id = f"load:{started.strftime('%Y%m%dT%H%M%S.%fZ')}"
    folder = Path(tempfile.mkdtemp(prefix="kgraph-import-", dir=work_dir))
    phase = _Phases()
    try:
        files = write_import_files(nodes, relationships, folder)
        if shares is not None:
            files = ImportFiles.joined([files, write_shares(shares, folder)])
        phase.done("rows written as CSV")
        server.stop()
        phase.done("server stopped")
        try:
            _import(server, database, files, folder / "import.report")
            phase.done("neo4j-admin import")
        finally:
            server.start()
            phase.done("server started")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # The imported store's first queries (counts, schema) can outlast a read's usual limit.
    graph.read(cypher.COUNTS, timeout_s=300)
    phase.done("first count")
    schema.apply(graph, schema_file)
    phase.done("schema over the imported store")
    added = files.first_keys
    report = SyncReport(
        load_id, _all_added(added["nodes"]), _all_added(added["relationships"]), dict(files.counts)
    )
    report.nodes.counts["added"] = files.counts["nodes"]
    report.relationships.counts["added"] = files.counts["relationships"]
    recorded = {**run_props, "mode": "bulk", "mode_reason": BULK_REASON}
    graph.in_write_tx(lambda tx: record_run(tx, report, recorded, started), timeout_s=120)
    return report
