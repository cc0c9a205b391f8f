"""A document's original (its PDF, saved web page or Word file), as a reader opens it.

Only a file the load recorded for the document (its manifest entry's ``original``) is served,
from the corpus folder and nowhere else, and only with the bytes the manifest hashed: the
name must be a plain file name that resolves inside the folder, and its sha256 must match.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.errors import CorpusError, NotFound

#: The content type each kind of original is served with.
MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Original:
    path: Path
    media_type: str
    filename: str  # what the reader's browser names it: the document's id and its suffix
    format: str


def original(graph: Graph, corpus_dir: Path, doc_id: str) -> Original:
    """The original of document ``doc_id``, checked against what the load recorded.

    Raises NotFound for an unknown document or one without an original (a text document),
    CorpusError when the file is missing, outside the corpus folder or changed.
    """
    rows = graph.read(cypher.DOCUMENT_ORIGINAL, {"id": doc_id})
    if not rows:
        known = [row["id"] for row in graph.read(cypher.DOCUMENT_IDS)]
        raise NotFound("document", doc_id, difflib.get_close_matches(doc_id, known))
    doc = rows[0]["doc"]
    name, fmt, sha256 = doc.get("original"), doc.get("original_format"), doc.get("original_sha256")
    if not name or fmt not in MEDIA_TYPES or not sha256:
        raise NotFound("original of document", doc_id, where="it was added as text")
    folder = corpus_dir.resolve()
    path = (folder / name).resolve()
    if Path(name).name != name or path.parent != folder:
        raise CorpusError(str(name), "an original must be a plain file in the corpus folder")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(str(path), f"the original of '{doc_id}' cannot be read") from error
    if hashlib.sha256(data).hexdigest() != sha256:
        raise CorpusError(str(path), f"the original of '{doc_id}' changed since it was loaded")
    return Original(path, MEDIA_TYPES[fmt], f"{doc_id}{path.suffix}", fmt)
