"""A corpus load writes as its options say: the write limit (``KGRAPH_LOAD_TIMEOUT_S``) and the
progress hook reach the sync of a full load and of a document load, not only a synthetic one's.

Both once stopped at the corpus loader: its sync ran with the default limit of 300 s and told
no one its progress. A hook that stalls inside the write transaction makes the limit
observable without a slow machine: the client's deadline passes, the load says so, and the
transaction that never committed leaves the graph as it was.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kgraph.db.graph import Graph
from kgraph.errors import QueryTimeout
from kgraph.settings import Settings
from loaders.load import Corpus, Options, load
from tests.support.loading import rewrite_document, writable_corpus

LIMIT_S = 0.5
#: Longer than the client waits for a write limited to LIMIT_S (deadline.allowed: 2.05 s).
STALL_S = 4.0
#: Neo4j's own limit or the client's deadline, whichever ends it first; with the default limit
#: of 300 s neither would, and the stalled load would finish.
OURS = "time limit"
RUNS = "MATCH (run:LoadRun) RETURN run.id AS id ORDER BY run.finished_at DESC"
EDITED = "001_122f8e93b9dcce29"


def _stalling(calls: list[tuple[str, int]], released: threading.Event) -> Options:
    """Options whose hook holds the write transaction open until ``released`` or STALL_S."""

    def stall(kind: str, rows: int) -> None:
        calls.append((kind, rows))
        released.wait(STALL_S)

    return Options(timeout_s=LIMIT_S, progress=stall)


def test_full_and_document_loads_report_progress_and_keep_their_write_limit(
    empty_graph: Graph, schema_file: Path, settings: Settings, tmp_path: Path
) -> None:
    folder = writable_corpus(tmp_path / "corpus", settings.corpus_dir)
    corpus = Corpus(folder, settings.registry_dir)
    told: list[tuple[str, int]] = []
    hooked = Options(progress=lambda kind, rows: told.append((kind, rows)))
    first = load(empty_graph, corpus, schema_file, mode="auto", options=hooked)
    assert {"nodes", "relationships"} <= {kind for kind, _ in told}
    assert [r["id"] for r in empty_graph.read(RUNS)] == [first.load_id]

    stalled: list[tuple[str, int]] = []
    released = threading.Event()
    with pytest.raises(QueryTimeout, match=OURS):
        load(empty_graph, corpus, schema_file, mode="verify", options=_stalling(stalled, released))
    released.set()  # the abandoned work ends now, not STALL_S later
    assert stalled, "the stalling hook was never called: the options did not reach the sync"
    assert [r["id"] for r in empty_graph.read(RUNS)] == [first.load_id]

    path = folder / f"{EDITED}.txt"
    rewrite_document(folder, path.name, path.read_bytes() + b"\nOne more line.\n")
    with pytest.raises(QueryTimeout, match=OURS):
        load(
            empty_graph,
            corpus,
            schema_file,
            mode="auto",
            options=_stalling([], released := threading.Event()),
        )
    released.set()
    assert [r["id"] for r in empty_graph.read(RUNS)] == [first.load_id]

    told.clear()
    again = load(empty_graph, corpus, schema_file, mode="auto", options=hooked)
    assert again.mode == "document"
    assert told


def test_the_cli_gives_every_load_the_time_limit_setting() -> None:
    from kgraph_cli.loading import load_options

    configured = Settings(_env_file=None, load_timeout_s=42)  # type: ignore[call-arg]
    assert load_options(configured).timeout_s == 42  # `kgraph load`'s options
    assert load_options(configured, timeout_s=7).timeout_s == 7
