"""The end both regenerating scripts share: with ``--check``, say whether the file kept in the
repository is what the code measures now; else write it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def check_or_write(
    path: str, kept: Callable[[], T], fresh: T, write: Callable[[T], None], check: bool
) -> int:
    """Exit status: 1 when ``check`` finds ``path`` out of date, else 0 (written unless
    ``check``)."""
    if check:
        if kept() != fresh:
            print(f"{path} is out of date: rerun without --check")
            return 1
        print(f"{path} is up to date")
        return 0
    write(fresh)
    print(f"wrote {path}")
    return 0
