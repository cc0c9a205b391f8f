"""A progress display for long loads: rows per kind, with rates, on the terminal's stderr."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from kgraph.db.writer import ProgressFn


class _RateColumn(TextColumn):
    def __init__(self) -> None:
        super().__init__("{task.fields[rate]}")


@contextlib.contextmanager
def load_progress(totals: dict[str, int | None], *, enabled: bool = True) -> Iterator[ProgressFn]:
    """A ProgressFn that draws one bar per kind of row ("nodes", "relationships")."""
    if not enabled:
        yield lambda _kind, _n: None
        return
    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description:>13}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        tasks: dict[str, TaskID] = {
            kind: progress.add_task(kind, total=total, rate="") for kind, total in totals.items()
        }

        def advance(kind: str, n: int) -> None:
            task = tasks.get(kind)
            if task is None:
                return
            progress.update(task, advance=n)
            speed = progress.tasks[task].speed
            if speed:
                progress.update(task, rate=f"{speed:,.0f}/s")

        yield advance
