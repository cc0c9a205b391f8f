"""The synthetic ecosystem as the writer takes it: node rows, then relationship rows.

``Synth`` is what ``kgraph synth`` and the scale benchmarks call. It turns the landscape's
entities and each document's statements into the same rows the corpus loader yields, built
by ``loaders.build.rows`` from the same model types, so the writer and everything after it run
exactly as for the corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Iterator
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from kgraph.db.writer import NodeRow, RelRow
from kgraph.ontology import fact_key
from loaders.build import rows
from loaders.sources.corpus import Document, ManifestEntry, Passage, passage_id
from loaders.sources.evidence import Resolved
from loaders.sources.inputs import INPUTS_DIGEST, synth_digest
from loaders.synth import passages
from loaders.synth.entities import Landscape, spec
from loaders.synth.passages import Statement

if TYPE_CHECKING:
    from kgraph.db.bulk_shares import RowShare

#: A stated fact's period, which its row carries as dates rather than as properties.
_PERIOD = ("valid_from", "valid_to")


class Synth(Landscape):
    """The synthetic landscape for ``units`` and ``seed``; rows are produced on demand."""

    def statements(self, unit: int, *, with_inferred: bool = True) -> Iterator[Statement]:
        """The passages of document ``unit``, each with the facts it states."""
        return passages.statements(self, unit, with_inferred=with_inferred)

    def _document(self, unit: int, statements: list[Statement]) -> Document:
        doc_id = self.document_id(unit)
        parts, offset = [], 0
        for ordinal, st in enumerate(statements):
            parts.append(
                Passage.model_construct(
                    id=passage_id(doc_id, ordinal + 1),
                    doc_id=doc_id,
                    ordinal=ordinal + 1,
                    kind="paragraph",
                    text=st.text,
                    start=offset,
                    end=offset + len(st.text),
                )
            )
            offset += len(st.text) + 2
        cleaned = "\n\n".join(st.text for st in statements)
        digest = hashlib.sha256(cleaned.encode()).hexdigest()
        entry = ManifestEntry.model_construct(
            id=doc_id,
            file=f"{doc_id}.txt",
            language="en",
            kind="synthetic",
            title=f"Synthetic ecosystem record {unit + 1}",
            publisher="kgraph synth",
            year=2026,
            notes=None,
            sha256=digest,
        )
        return Document.model_construct(entry=entry, raw_sha256=digest, cleaned="", passages=parts)

    def _unit(self, unit: int, *, with_inferred: bool) -> tuple[Document, list[Statement]]:
        statements = list(self.statements(unit, with_inferred=with_inferred))
        return self._document(unit, statements), statements

    def nodes(self) -> Iterator[NodeRow]:
        """Entities, then each document with its passages."""
        for entity in self.entities():
            yield rows.entity_row(spec(entity), [], [])
        for unit in range(self.units):
            yield from _document_nodes(self._unit(unit, with_inferred=False)[0])

    def relationships(self) -> Iterator[RelRow]:
        """Per document: its HAS_PASSAGE links, the facts each passage states, its mentions."""
        for unit in range(self.units):
            yield from _unit_relationships(*self._unit(unit, with_inferred=True))

    def share_rows(self, first: int, last: int) -> Iterator[NodeRow | RelRow]:
        """The rows of units ``first`` to ``last - 1``: the entities each adds, its document
        and passages, its relationships (and, in the share of unit 0, the fixed vocabulary).
        The shares of consecutive ranges hold together what ``nodes()`` and
        ``relationships()`` yield, each passage's statements made once for both."""
        if first == 0:
            for entity in self.fixed:
                yield rows.entity_row(spec(entity), [], [])
        for unit in range(first, last):
            for entity in self.unit_entities(unit):
                yield rows.entity_row(spec(entity), [], [])
            document, statements = self._unit(unit, with_inferred=True)
            yield from _document_nodes(document)
            yield from _unit_relationships(document, statements)

    def shares(self, count: int) -> list[RowShare]:
        """The rows cut into ``count`` shares of consecutive units (at most one a unit), each
        written by a worker of a bulk load (``kgraph.db.bulk_shares``)."""
        count = max(1, min(count, self.units))
        bounds = [self.units * n // count for n in range(count + 1)]
        return [
            partial(_share_rows, self.units, self.seed, first, last)
            for first, last in itertools.pairwise(bounds)
        ]

    def node_count(self) -> int:
        """How many nodes ``nodes()`` yields: entities, documents and one passage per
        city, organisation, project and publication."""
        passages = sum(self.n[k] for k in ("cities", "orgs", "projects", "publications"))
        return len(self.fixed) + sum(self.n.values()) + self.units + passages

    @cached_property
    def inputs_digest(self) -> str:
        """The digest ``kgraph synth`` compares with the newest LoadRun's (code read once)."""
        return synth_digest(self.units, self.seed)

    def run_properties(self) -> dict[str, Any]:
        """What the LoadRun records: the size and seed, and their digest with the code's,
        so that ``kgraph synth`` can tell that the graph holds this landscape already."""
        return {
            "source": "synth", "synth_units": self.units, "synth_seed": self.seed,
            INPUTS_DIGEST: self.inputs_digest,
        }  # fmt: skip


def _share_rows(units: int, seed: int, first: int, last: int) -> Iterator[NodeRow | RelRow]:
    """One share's rows, in a worker: the landscape made anew there from its size and seed."""
    return Synth(units, seed).share_rows(first, last)


def _document_nodes(document: Document) -> Iterator[NodeRow]:
    yield rows.document_row(document)
    for passage in document.passages:
        yield rows.passage_rows(passage)[0]


def _unit_relationships(document: Document, statements: list[Statement]) -> Iterator[RelRow]:
    """A document's HAS_PASSAGE links, the facts each passage states, its mentions."""
    for passage, st in zip(document.passages, statements, strict=True):
        yield rows.passage_rows(passage)[1]
        for s, p, o, props, anchor in st.facts:
            evidence = [Resolved(document.entry.id, passage.id, anchor)]
            start, end = props.get("valid_from"), props.get("valid_to")
            stated = {k: v for k, v in props.items() if k not in _PERIOD}
            yield rows.fact_row(
                fact_key(s, p, o), s, p, o, stated, evidence,
                dt.date.fromisoformat(start) if start else None,
                dt.date.fromisoformat(end) if end else None,
            )  # fmt: skip
        for inferred, elsewhere in st.inferred:
            yield rows.inferred_row(inferred, [passage.id, *elsewhere])
        for entity_id in st.named:
            yield rows.mention_row(passage.id, entity_id, 1)
