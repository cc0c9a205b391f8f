"""Neo4j values as plain JSON-friendly Python: temporal values become ISO strings."""

from __future__ import annotations

import datetime as dt
from typing import Any


def plain(value: Any) -> Any:
    """Recursively convert dicts, lists, Python and Neo4j dates/times to JSON-friendly values."""
    if hasattr(value, "iso_format"):  # neo4j.time.Date, DateTime, Time, Duration
        return value.iso_format()  # before the tuple case: a Duration is a tuple
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value
