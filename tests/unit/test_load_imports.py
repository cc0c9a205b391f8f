"""What a load imports before its plan: a load that finds its inputs unchanged needs none of the
build (the matcher, the cleaner's dictionary, the coverage scan, inference), nor the managed
server's or the proposals' modules; each of them costs every `kgraph load` its import time."""

from __future__ import annotations

import subprocess
import sys

#: Imported by a build, a bulk load or a load with proposals, never on the way to the plan.
NOT_BEFORE_THE_PLAN = (
    "loaders.build.pipeline",
    "loaders.build.coverage",
    "loaders.build.inference",
    "kgraph.names.matcher",
    "simplemma",
    "loaders.proposals.joined",
    "kgraph.db.server",
)

PROGRAM = """
import sys
from loaders.load import Corpus, Options, load
from loaders.plan.unchanged import load_if_changed
from loaders.build.kept import Kept
from loaders.sources.inputs import read_inputs
print(" ".join(name for name in sys.argv[1:] if name in sys.modules))
"""


def test_nothing_a_build_needs_is_imported_on_the_way_to_the_plan() -> None:
    # A fresh interpreter: this test process has imported everything already.
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, *NOT_BEFORE_THE_PLAN],
        capture_output=True, text=True, check=True,
    )  # fmt: skip

    assert done.stdout.split() == []
