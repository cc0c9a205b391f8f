"""What a load must rebuild, from the digests of its inputs and those the newest LoadRun read.

Three answers (``Plan.mode``):

unchanged  every input as the newest load read it: nothing is read or written.
document   only documents changed (their text, or their manifest entries, or documents
           added or removed): what depends on those documents is rebuilt and diffed, the
           rest of the graph is left as it is (``loaders.plan.partial``).
full       anything else: the registry, the schema, the code or the proposals changed, the
           newest load recorded no digests to compare with, or the load was asked to verify.

The registry, schema and code decide what every row of the graph looks like, so a change to
any of them can reach every document's rows; a change to one document reaches only the rows
that document owns (its passages and their mentions, and the registry's entries anchored in it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from loaders.sources.inputs import Inputs

Mode = Literal["unchanged", "document", "full"]


@dataclass(frozen=True)
class Plan:
    """How a load proceeds, why, and (for a document load) which documents it rebuilds."""

    mode: Mode
    reason: str
    documents: tuple[str, ...] = field(default_factory=tuple)


def _changed_documents(before: Inputs, now: Inputs) -> tuple[str, ...]:
    """Documents added, removed, or with other bytes or another manifest entry, sorted."""
    ids = set(before.entries) | set(now.entries)
    return tuple(
        sorted(
            doc
            for doc in ids
            if before.entries.get(doc) != now.entries.get(doc)
            or before.documents.get(doc) != now.documents.get(doc)
        )
    )


def _full_reason(before: Inputs | None, now: Inputs, verify: bool) -> str | None:
    if verify:
        return "asked to verify (--verify): the whole graph is built and diffed"
    if before is None or not before.entries:
        return "the newest load recorded no per-document digests to compare with"
    for name in ("registry", "schema", "code"):
        if getattr(before, name) != getattr(now, name):
            return f"the {name} changed: it shapes the rows of every document"
    if before.proposals is not None or now.proposals is not None:
        # A proposal verified in one document adds an entity whose name every document's
        # mentions are matched against: not a change one document owns.
        return "unreviewed proposals are loaded: their entities reach every document's mentions"
    return None


def plan(before: Inputs | None, now: Inputs, *, verify: bool = False) -> Plan:
    """What a load of inputs ``now`` must do, the newest load having read ``before``."""
    if not verify and before is not None and before.digest == now.digest:
        return Plan("unchanged", "every input as the newest load read it")
    reason = _full_reason(before, now, verify)
    if reason is not None:
        return Plan("full", reason)
    assert before is not None  # _full_reason answers when there is nothing to compare with
    changed = _changed_documents(before, now)
    if now.entries and set(now.entries) <= set(changed):
        return Plan("full", "every document changed")
    if not changed:
        return Plan("document", "the manifest changed, but no document or its entry did")
    added = [d for d in changed if d not in before.entries]
    removed = [d for d in changed if d not in now.entries]
    edited = [d for d in changed if d in before.entries and d in now.entries]
    said = [
        f"{label} {', '.join(ids)}"
        for label, ids in (("changed", edited), ("added", added), ("removed", removed))
        if ids
    ]
    return Plan("document", "only documents changed: " + "; ".join(said), changed)
