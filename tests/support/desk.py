"""The review desk on folders of its own: a registry copy, proposals, and the API serving it
on a free loopback port, for the browser tests and ``scripts/measure_desk.py``.

The registry copy leaves out two curated facts of the BATCircle 2.0 article (doc 004), and
the proposals put them back as an extractor might have read them: the funding with its amount
misread (1.08 M€ instead of 10.8 M€), for a reviewer to correct and accept.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from pydantic import SecretStr

from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.settings import Settings
from kgraph_cli.desk import FolderDesk
from loaders.proposals.files import (
    Extractor,
    Proposals,
    ProposedEntity,
    ProposedFact,
    proposals_path,
    write_proposals,
)
from tests.support.proposals import registry_without, write_news_proposals

KEY = "desk-test-key"
NEWS_2 = "004_41c6bf29210348fa"
FUNDING = "project:batcircle2|FUNDED_BY|org:business-finland"
FUNDING_ANCHOR = "Business Finland has granted the BATCircle 2.0 consortium with 10.8 million euros"
RECYCLING = "project:batcircle2|ADDRESSES_TOPIC|topic:battery-recycling"
HOSTILE = "topic:hostile-text"
#: A name that would run if any page put it into the DOM as HTML.
HOSTILE_NAME = (
    '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    "</mark></li><b id=injected>bold</b>"
)
CHROMIUM = "/usr/bin/chromium"


def batcircle_proposals(corpus_dir: Path) -> Proposals:
    """Doc 004's proposals: a hostile entity, the misread funding, a topic to reject."""
    sha = hashlib.sha256((corpus_dir / f"{NEWS_2}.txt").read_bytes()).hexdigest()
    topic_anchor = "BATCircle 2.0 continues to lead battery metals and recycling research"
    return Proposals.model_validate({
        "doc": NEWS_2, "doc_sha256": sha, "extractor": Extractor(name="hand-written", version="1"),
        "entities": [ProposedEntity.model_validate({
            "id": HOSTILE, "type": "Topic", "name": HOSTILE_NAME,
            "evidence": [{"doc": NEWS_2, "anchor": topic_anchor}],
            "confidence": 0.4, "rule": "<i>rule</i>",
        })],
        "facts": [
            ProposedFact.model_validate({
                "s": "project:batcircle2", "p": "FUNDED_BY", "o": "org:business-finland",
                "props": {"amount_eur": 1080000, "recipient": "BATCircle 2.0 consortium"},
                "evidence": [{"doc": NEWS_2, "anchor": FUNDING_ANCHOR}],
                "confidence": 0.95, "rule": "funder-amount-en",
            }),
            ProposedFact.model_validate({
                "s": "project:batcircle2", "p": "ADDRESSES_TOPIC", "o": "topic:battery-recycling",
                "evidence": [{"doc": NEWS_2, "anchor": topic_anchor}],
                "confidence": 0.6, "rule": "topic-en",
            }),
        ],
    })  # fmt: skip


@dataclass(frozen=True)
class Folders:
    registry: Path
    proposals: Path
    settings: Settings


def desk_folders(base: Settings, root: Path, *, key: str | None = KEY) -> Folders:
    """A registry copy without FUNDING and RECYCLING, and proposals for docs 003 and 004."""
    registry, proposals = root / "registry", root / "proposals"
    registry_without(base.registry_dir, registry, {FUNDING, RECYCLING}, "facts_news.yaml")
    write_news_proposals(proposals, base.corpus_dir)
    write_proposals(proposals_path(proposals, NEWS_2), batcircle_proposals(base.corpus_dir))
    settings = base.model_copy(update={
        "registry_dir": registry, "proposals_dir": proposals, "load_proposals": False,
        "review_key": SecretStr(key) if key else None,
    })  # fmt: skip
    return Folders(registry, proposals, settings)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def served(settings: Settings, graph: Graph | None = None) -> Iterator[str]:
    """The API with the desk on ``settings``' folders, on a free loopback port, in a thread."""
    app = create_app(settings, graph=graph, desk=FolderDesk(settings))
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
