"""What a load reads, as digests: enough to tell, without reading a dictionary or cleaning a
document, that a load would write exactly what the graph already holds.

A LoadRun records these digests; the next load computes them again (a few milliseconds: file
bytes and a manifest parse) and skips the build and the diff when nothing changed. The code
is an input too: a change to any module of the loaders or the core changes what a load writes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import kgraph
import loaders
from loaders.sources.corpus import MANIFEST_NAME, ManifestEntry, load_manifest

#: The LoadRun property holding the digest of all inputs together.
INPUTS_DIGEST = "inputs_digest"
#: The LoadRun property holding each input's digest (``Inputs.record``).
INPUTS_RECORD = "inputs"


@dataclass(frozen=True)
class Inputs:
    """Digest of each input of a load, and of all of them together."""

    documents: dict[str, str]
    manifest: str
    registry: str
    schema: str
    code: str
    #: The proposals folder, when the load includes unreviewed proposals; else None.
    proposals: str | None = None
    #: Each document's manifest entry (its id, file, title, sha256 ...), by document id, in
    #: manifest order: what tells one changed document from a changed manifest.
    entries: dict[str, str] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        parts = json.dumps(
            [self.documents, self.manifest, self.registry, self.schema, self.code]
            + ([] if self.proposals is None else [self.proposals]),
            sort_keys=True,
        )
        return hashlib.sha256(parts.encode()).hexdigest()

    def record(self) -> str:
        """The digests as the LoadRun keeps them (``INPUTS_RECORD``), for the next load."""
        return json.dumps(dataclasses.asdict(self), sort_keys=True)

    @classmethod
    def from_record(cls, text: str | None) -> Inputs | None:
        """The digests a LoadRun recorded; None when it recorded none (an older load)."""
        if not text:
            return None
        data = json.loads(text)
        return cls(**{f.name: data[f.name] for f in dataclasses.fields(cls) if f.name in data})


def _files_digest(root: Path, paths: Iterable[Path]) -> str:
    """Digest of files' relative paths and bytes, in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def registry_digest(directory: Path) -> str:
    """Digest of every registry file, as the registry loader computes it."""
    from loaders.sources.registry import registry_files

    return _files_digest(directory, registry_files(directory))


def code_digest() -> str:
    """Digest of the source of the core and the loaders (modules, queries, word lists)."""
    digest = hashlib.sha256()
    for package in (kgraph, loaders):
        root = Path(str(package.__file__)).parent
        registry = root / "registry"
        files = sorted(
            p for p in root.rglob("*")
            if p.suffix in {".py", ".cypher", ".yaml"} and registry not in p.parents
        )  # fmt: skip
        digest.update(package.__name__.encode())
        digest.update(_files_digest(root, files).encode())
    return digest.hexdigest()


def synth_digest(units: int, seed: int) -> str:
    """What a synthetic load reads: its size, its seed and the code that generates its rows."""
    parts = json.dumps(["synth", units, seed, code_digest()])
    return hashlib.sha256(parts.encode()).hexdigest()


def proposals_digest(folder: Path) -> str:
    """Digest of every proposals file of ``folder`` (of none, when it is missing or empty)."""
    files = sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []
    return "proposals:" + _files_digest(folder, files)


def read_inputs(
    corpus_dir: Path, registry_dir: Path, schema_file: Path, proposals_dir: Path | None = None
) -> Inputs:
    """The digests of everything ``pipeline.build`` would read. Raises what reading raises."""
    manifest = load_manifest(corpus_dir)
    documents = {
        entry.id: hashlib.sha256((corpus_dir / entry.file).read_bytes()).hexdigest()
        for entry in manifest.documents
        if (corpus_dir / entry.file).is_file()
    }
    return Inputs(
        documents=documents,
        manifest=hashlib.sha256((corpus_dir / MANIFEST_NAME).read_bytes()).hexdigest(),
        registry=registry_digest(registry_dir),
        schema=hashlib.sha256(schema_file.read_bytes()).hexdigest(),
        code=code_digest(),
        proposals=None if proposals_dir is None else proposals_digest(proposals_dir),
        entries={entry.id: entry_digest(entry) for entry in manifest.documents},
    )


def entry_digest(entry: ManifestEntry) -> str:
    """Digest of one manifest entry's fields (not of how the manifest file spells them)."""
    return hashlib.sha256(entry.model_dump_json().encode()).hexdigest()
