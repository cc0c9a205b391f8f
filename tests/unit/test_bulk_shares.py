"""Shares of a load written by worker processes make the files one writer makes, split."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from kgraph.db.bulk_files import ImportFiles, write_import_files
from kgraph.db.bulk_shares import Shares, write_shares
from kgraph.db.writer import NodeRow, RelRow
from kgraph.errors import LoadInterrupted
from loaders.synth import Synth


def _lines(files: ImportFiles) -> Counter[tuple[str, ...]]:
    """Every data line of the files, with the header it stands under."""
    lines: Counter[tuple[str, ...]] = Counter()
    for path in [*files.nodes, *files.relationships]:
        with path.open(encoding="utf-8", newline="") as handle:
            header, *rows = csv.reader(handle)
        lines.update((*header, "|", *row) for row in rows)
    return lines


def test_shares_written_side_by_side_are_the_rows_one_writer_writes(tmp_path: Path) -> None:
    synth = Synth(3)
    one = write_import_files(synth.nodes(), synth.relationships(), tmp_path / "one")

    split = write_shares(Shares(synth.shares(3), workers=2), tmp_path / "split")

    assert split.counts == one.counts
    assert len(split.relationships) > len(one.relationships)  # each share its own files
    assert _lines(split) == _lines(one)
    # What a report lists: the first keys written, in the shares' order (the first share's).
    assert split.first_keys["relationships"] == one.first_keys["relationships"]
    assert len(split.first_keys["nodes"]) == len(one.first_keys["nodes"]) == 500


def _bad_share(good: int) -> Iterator[NodeRow | RelRow]:
    """A share (module level: a worker imports it) whose last row cannot be imported."""
    for n in range(good):
        yield NodeRow("Entity", f"city:{n}", {"id": f"city:{n}", "codes": ["a"]})
    yield NodeRow("Entity", "city:x", {"id": "city:x", "codes": ["a", 1]})


def test_a_row_a_worker_cannot_write_is_named_by_the_load(tmp_path: Path) -> None:
    shares = Shares([partial(_bad_share, 10), partial(_bad_share, 5)], workers=2)

    with pytest.raises(LoadInterrupted, match=r"^node Entity city:x\.codes: a list mixes"):
        write_shares(shares, tmp_path)
