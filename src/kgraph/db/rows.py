"""The rows the writer takes: nodes and relationships kgraph manages, keyed and hashed.

A row's ``key`` names it across loads (a node by its labels and id, a relationship by the key
its builder gives it); ``content_hash`` of its properties tells a changed row from an
unchanged one, so a reload writes only what changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import orjson

from kgraph.db import cypher

#: Node labels the writer manages, each with a uniqueness constraint on ``id``.
MANAGED_LABELS = cypher.MANAGED_LABELS


@dataclass(frozen=True)
class NodeRow:
    """A node: its key label (one of MANAGED_LABELS), extra labels, and properties."""

    label: str
    id: str
    props: dict[str, Any]
    extra_labels: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.label}/{'+'.join(self.extra_labels)}/{self.id}"


@dataclass(frozen=True)
class RelRow:
    """A relationship between two managed nodes, identified by ``key``."""

    key: str
    type: str
    start_label: str
    start: str
    end_label: str
    end: str
    props: dict[str, Any]


@dataclass
class GraphInput:
    """The desired graph held in memory (the corpus); large inputs stream rows instead."""

    nodes: list[NodeRow] = field(default_factory=list)
    relationships: list[RelRow] = field(default_factory=list)


def content_hash(props: dict[str, Any]) -> str:
    """A digest of the properties, to tell a changed row from an unchanged one."""
    return hashlib.sha1(orjson.dumps(props, option=orjson.OPT_SORT_KEYS, default=str)).hexdigest()


def with_hash(props: dict[str, Any], key_prop: dict[str, str] | None = None) -> dict[str, Any]:
    """The properties as stored: empty values dropped, ``_hash`` (and ``_key``) added."""
    clean = {k: v for k, v in props.items() if v is not None and v != []}
    clean["_hash"] = content_hash(clean)
    if key_prop:
        clean.update(key_prop)  # in place: a copy per row cost a large load seconds
    return clean


def node_key(row: dict[str, Any]) -> str:
    """The key of a node the database holds, from its labels and id (as NodeRow.key)."""
    labels = sorted(row["labels"])
    main = next(label for label in MANAGED_LABELS if label in labels)
    extra = [label for label in labels if label != main]
    return f"{main}/{'+'.join(extra)}/{row['id']}"


def split_node_key(key: str) -> tuple[str, list[str], str]:
    """A node key's key label, extra labels and id."""
    label, extra, node_id = key.split("/", 2)
    return label, [x for x in extra.split("+") if x], node_id
