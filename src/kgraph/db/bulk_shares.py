"""A large bulk load's rows written by worker processes side by side, one share each.

Making rows and formatting them as CSV is Python's work, one core's worth per process; the
importer reads any number of files. So a source that can cut its rows into shares (the
synthetic landscape: a range of its documents each) hands over ``RowShare`` callables, and
each is run in a worker process of its own, which writes its own files (each with its header)
into the common folder. The files of all the shares are then one import, as if one process
had written them: the same rows with the same hashes, in more files.

Workers are started with ``spawn``: a fresh interpreter, so nothing of the caller's state
(its open driver, its threads) is copied into them; a share must therefore be picklable (a
module-level function, or a ``functools.partial`` of one).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from kgraph.db.bulk_files import ImportFiles, write_mixed_rows
from kgraph.db.rows import NodeRow, RelRow
from kgraph.errors import LoadInterrupted

#: One share of a load's rows: called in a worker, it yields node and relationship rows in any
#: order. Picklable (a module-level function, or a partial of one).
RowShare = Callable[[], Iterable[NodeRow | RelRow]]


@dataclass(frozen=True)
class Shares:
    """Rows cut into shares, and how many worker processes write them at once."""

    shares: Sequence[RowShare]
    workers: int


def _write_share(share: RowShare, folder: Path, prefix: str) -> ImportFiles:
    """In a worker: one share's rows as files of its own."""
    return write_mixed_rows(share(), folder, prefix)


def write_shares(shares: Shares, folder: Path) -> ImportFiles:
    """Write every share in worker processes (at most ``shares.workers`` at once) under
    ``folder``; the files of all of them, in the shares' order. A bad row in any share
    raises its ``LoadInterrupted`` here, and the shares not yet started are not."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max(1, shares.workers), mp_context=context) as pool:
        futures: list[Future[ImportFiles]] = [
            pool.submit(_write_share, share, folder, f"share{n:03d}-")
            for n, share in enumerate(shares.shares)
        ]
        try:
            return ImportFiles.joined(future.result() for future in futures)
        except BrokenProcessPool as e:
            raise LoadInterrupted(
                f"a worker writing the import files under {folder} stopped ({e}); nothing imported"
            ) from e
        finally:
            for future in futures:
                future.cancel()
