"""Bad registry and corpus input is refused with the file, the line and the reason, and the
graph keeps exactly what it held (counts and content hash).

Each case starts from copies of the real registry and corpus in a temporary folder, breaks
one thing, and runs the real load against the graph that holds the real corpus.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kgraph.db.graph import Graph
from kgraph.errors import CorpusError, RegistryError
from kgraph.settings import Settings
from tests.graph_state import graph_state
from tests.support.loading import load_full

FIRST_FACT = "- s: project:leadership\n  p: BASED_ON\n"
ANCHOR = "vetovastuuhanke pohjautuu kansalliseen akkustrategiaan 2025"
WEB_DOC = "001_122f8e93b9dcce29"


@dataclass(frozen=True)
class Refusal:
    kind: type[Exception]
    file: str  # the end of the path the error names
    line: int | None
    reason: str  # a regular expression the reason must match


@dataclass(frozen=True)
class Inputs:
    registry: Path
    corpus: Path

    def edit(self, path: Path, old: str, new: str) -> int:
        """Replace the first ``old`` with ``new``; return the line where ``new`` starts."""
        text = path.read_text(encoding="utf-8")
        at = text.index(old)
        path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
        return text.count("\n", 0, at) + 1

    def append(self, path: Path, text: str) -> int:
        """Append ``text`` on a line of its own; return that line."""
        existing = path.read_text(encoding="utf-8")
        if not existing.endswith("\n"):
            existing += "\n"
        path.write_text(existing + text, encoding="utf-8")
        return existing.count("\n") + 1

    @property
    def facts(self) -> Path:
        return self.registry / "facts_web.yaml"

    @property
    def cities(self) -> Path:
        return self.registry / "entities" / "cities.yaml"

    @property
    def manifest(self) -> Path:
        return self.corpus / "corpus.yaml"

    def document(self, doc_id: str) -> Path:
        return self.corpus / f"{doc_id}.txt"

    def pin(self, doc_id: str) -> None:
        """Write the document's current sha256 into the manifest, as if it were intended."""
        text = self.manifest.read_text(encoding="utf-8")
        digest = hashlib.sha256(self.document(doc_id).read_bytes()).hexdigest()
        block = re.search(rf"- id: {doc_id}\n(?:    .*\n)*?    sha256: ([0-9a-f]+)", text)
        assert block is not None
        self.edit(self.manifest, block[1], digest)


def first_fact_line(inputs: Inputs) -> int:
    return inputs.facts.read_text(encoding="utf-8").split("\n").index("- s: project:leadership") + 1


# -- the cases: each breaks one thing and says how it must be refused -------------------------
def unknown_reference(i: Inputs) -> Refusal:
    i.edit(i.facts, "  o: strategy:national-battery-strategy-2025", "  o: city:atlantis")
    return Refusal(RegistryError, "registry/facts_web.yaml", first_fact_line(i),
                   "object 'city:atlantis' is not a defined entity")  # fmt: skip


def duplicate_entity_id(i: Inputs) -> Refusal:
    first = i.cities.read_text(encoding="utf-8").split("\n").index("- id: city:vaasa") + 1
    line = i.append(i.cities, "- id: city:vaasa\n  type: City\n  name: Vaasa\n")
    return Refusal(RegistryError, "registry/entities/cities.yaml", line,
                   rf"duplicate entity id 'city:vaasa' \(first defined at "
                   rf"registry/entities/cities.yaml:{first}\)")  # fmt: skip


def bad_date(i: Inputs) -> Refusal:
    line = i.edit(i.facts, FIRST_FACT, FIRST_FACT + '  valid_from: "2024-13-01"\n') + 2
    return Refusal(RegistryError, "registry/facts_web.yaml", line, "^valid_from: ")


def end_before_start(i: Inputs) -> Refusal:
    dates = '  valid_from: "2026-08-31"\n  valid_to: "2023-09-01"\n'
    line = i.edit(i.facts, FIRST_FACT, FIRST_FACT + dates) + 3
    return Refusal(RegistryError, "registry/facts_web.yaml", line,
                   "valid_to 2023-09-01 is before valid_from 2026-08-31")  # fmt: skip


def negative_amount(i: Inputs) -> Refusal:
    line = i.edit(i.facts, FIRST_FACT, FIRST_FACT + "  props: {amount_eur: -500000}\n") + 2
    return Refusal(RegistryError, "registry/facts_web.yaml", line,
                   "props.amount_eur must be a non-negative number of euros")  # fmt: skip


def unknown_predicate(i: Inputs) -> Refusal:
    line = i.edit(i.facts, "  p: BASED_ON\n", "  p: LIVES_NEAR\n")
    return Refusal(RegistryError, "registry/facts_web.yaml", line, "unknown predicate 'LIVES_NEAR'")


def unknown_field(i: Inputs) -> Refusal:
    line = i.edit(i.cities, "  name: Vaasa\n", "  name: Vaasa\n  population: 67000\n") + 1
    return Refusal(RegistryError, "registry/entities/cities.yaml", line,
                   "population: Extra inputs are not permitted")  # fmt: skip


def anchor_not_in_the_document(i: Inputs) -> Refusal:
    i.edit(i.facts, ANCHOR, "a sentence that no document holds")
    return Refusal(RegistryError, "registry/facts_web.yaml", first_fact_line(i),
                   f"anchor 'a sentence that no document holds' does not occur in document "
                   f"{WEB_DOC}")  # fmt: skip


def evidence_in_an_unknown_document(i: Inputs) -> Refusal:
    i.edit(i.facts, f"doc: {WEB_DOC}", "doc: 999_not_in_the_manifest")
    return Refusal(
        RegistryError,
        "registry/facts_web.yaml",
        first_fact_line(i),
        "names document '999_not_in_the_manifest', which is not in the manifest",
    )


def a_sentence_many_anchors_cite_changed(i: Inputs) -> Refusal:
    """Every anchor citing the sentence is named in the one error, not only the first."""
    report, cited = "000_82ade397896eee5f", "useita paikkakuntia (Vaasa, Turku, Pori, Kokkola)"
    i.edit(i.document(report), "useita paikkakuntia", "monia paikkakuntia")
    i.pin(report)
    lines = (i.registry / "facts_report.yaml").read_text(encoding="utf-8").split("\n")
    citing = [n for n, line in enumerate(lines) if cited in line and "anchor:" in line]
    first = max(n for n in range(citing[0]) if lines[n].startswith("- ")) + 1
    return Refusal(RegistryError, "registry/facts_report.yaml", first,
                   rf"does not occur in document {report} \(and {len(citing) - 1} more anchors "
                   rf"not found: (.*facts_report\.yaml:\d+: anchor '[^']*{re.escape(cited)}'"
                   rf"[^;]*(; |\)$)){{{len(citing) - 1}}}")  # fmt: skip


def registry_file_in_latin_1(i: Inputs) -> Refusal:
    text = i.facts.read_text(encoding="utf-8")
    first = next(n for n, line in enumerate(text.split("\n"), 1) if not line.isascii())
    i.facts.write_bytes(text.encode("latin-1", errors="replace"))
    return Refusal(RegistryError, "registry/facts_web.yaml", first, r"^not UTF-8 \(byte \d+\)")


def empty_registry_file(i: Inputs) -> Refusal:
    i.facts.write_text("\n", encoding="utf-8")
    return Refusal(RegistryError, "registry/facts_web.yaml", None,
                   r"the file is empty \(expected a YAML list\)")  # fmt: skip


def invalid_registry_yaml(i: Inputs) -> Refusal:
    line = i.append(i.facts, "- s: [unclosed\n")
    return Refusal(RegistryError, "registry/facts_web.yaml", line + 1, "^invalid YAML")


def document_changed_under_its_hash(i: Inputs) -> Refusal:
    with i.document(WEB_DOC).open("a", encoding="utf-8") as doc:
        doc.write("\nA sentence added after the manifest was written.\n")
    reason = "document changed under its evidence: expected [0-9a-f]{64}, found [0-9a-f]{64}"
    return Refusal(CorpusError, f"{WEB_DOC}.txt", None, reason)


def document_missing(i: Inputs) -> Refusal:
    i.document(WEB_DOC).unlink()
    return Refusal(CorpusError, f"{WEB_DOC}.txt", None,
                   f"document '{WEB_DOC}' is listed in corpus.yaml but missing")  # fmt: skip


def document_empty(i: Inputs) -> Refusal:
    i.document(WEB_DOC).write_bytes(b"\n \n")
    return Refusal(CorpusError, f"{WEB_DOC}.txt", None, "^document is empty$")


def document_in_latin_1(i: Inputs) -> Refusal:
    text = i.document(WEB_DOC).read_text(encoding="utf-8")
    first = next(n for n, line in enumerate(text.split("\n"), 1) if not line.isascii())
    i.document(WEB_DOC).write_bytes(text.encode("latin-1", errors="replace"))
    i.pin(WEB_DOC)  # the bytes are what the manifest says: only the encoding is wrong
    return Refusal(CorpusError, f"{WEB_DOC}.txt", first, r"^not valid UTF-8 at byte \d+")


def manifest_missing(i: Inputs) -> Refusal:
    i.manifest.unlink()
    return Refusal(CorpusError, "corpus.yaml", None, "corpus.yaml not found in corpus folder")


def manifest_invalid_yaml(i: Inputs) -> Refusal:
    line = i.append(i.manifest, "  - id: [unclosed\n")
    return Refusal(CorpusError, "corpus.yaml", line + 1, "^invalid YAML")


def manifest_duplicate_document_id(i: Inputs) -> Refusal:
    line = i.edit(i.manifest, "- id: 002_c0e370ccb1799bf0", f"- id: {WEB_DOC}")
    return Refusal(CorpusError, "corpus.yaml", line, f"duplicate document id '{WEB_DOC}'")


def manifest_bad_hash(i: Inputs) -> Refusal:
    text = i.manifest.read_text(encoding="utf-8")
    digest = re.findall(r"sha256: ([0-9a-f]{64})", text)[1]
    i.edit(i.manifest, digest, "not-a-hash")
    line = text.split("\n").index(f"  - id: {WEB_DOC}") + 1
    return Refusal(CorpusError, "corpus.yaml", line,
                   rf"document entry 2 \(id {WEB_DOC}\): .* 'sha256'")  # fmt: skip


def manifest_points_outside_the_corpus(i: Inputs) -> Refusal:
    i.edit(i.manifest, f"file: {WEB_DOC}.txt", "file: ../../etc/passwd")
    text = i.manifest.read_text(encoding="utf-8")
    line = text.split("\n").index(f"  - id: {WEB_DOC}") + 1
    return Refusal(
        CorpusError, "corpus.yaml", line, rf"document entry 2 \(id {WEB_DOC}\): .* 'file'"
    )


def manifest_missing_field(i: Inputs) -> Refusal:
    i.edit(i.manifest, "    language: fi\n    kind: web page\n", "    kind: web page\n")
    line = i.manifest.read_text(encoding="utf-8").split("\n").index(f"  - id: {WEB_DOC}") + 1
    return Refusal(CorpusError, "corpus.yaml", line, "missing field 'language'")


CASES: list[Callable[[Inputs], Refusal]] = [
    unknown_reference, duplicate_entity_id, bad_date, end_before_start, negative_amount,
    unknown_predicate, unknown_field, anchor_not_in_the_document, evidence_in_an_unknown_document,
    a_sentence_many_anchors_cite_changed,
    registry_file_in_latin_1, empty_registry_file, invalid_registry_yaml,
    document_changed_under_its_hash, document_missing, document_empty, document_in_latin_1,
    manifest_missing, manifest_invalid_yaml, manifest_duplicate_document_id, manifest_bad_hash,
    manifest_points_outside_the_corpus, manifest_missing_field,
]  # fmt: skip


@pytest.fixture
def inputs(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Inputs:
    """Copies of the real registry and corpus, to break one thing in, loaded from the folder
    that holds them (so errors name ``registry/...`` from there, as a user there reads them)."""
    monkeypatch.chdir(tmp_path)
    copies = Inputs(tmp_path / "registry", tmp_path / "corpus")
    shutil.copytree(settings.registry_dir, copies.registry)
    shutil.copytree(settings.corpus_dir, copies.corpus)
    return copies


def test_the_unbroken_copies_load(
    inputs: Inputs, corpus_graph_to_reload: Graph, schema_file: Path
) -> None:
    """The cases below fail for what they break, not for being copies."""
    graph = corpus_graph_to_reload
    before = graph_state(graph, skip_labels=frozenset({"LoadRun"}))
    _, report = load_full(graph, inputs.corpus, inputs.registry, schema_file)
    assert report.unchanged
    assert graph_state(graph, skip_labels=frozenset({"LoadRun"})) == before


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_bad_input_is_refused_with_file_line_and_reason_and_the_graph_unchanged(
    case: Callable[[Inputs], Refusal], inputs: Inputs, corpus_graph: Graph, schema_file: Path
) -> None:
    expected = case(inputs)
    before = graph_state(corpus_graph)
    with pytest.raises((RegistryError, CorpusError)) as caught:
        load_full(corpus_graph, inputs.corpus, inputs.registry, schema_file)
    error = caught.value
    assert isinstance(error, expected.kind)
    assert error.file == expected.file or error.file.endswith(f"/{expected.file}"), error
    assert error.line == expected.line, error
    assert re.search(expected.reason, error.reason), error
    where = f"{error.file}:{error.line}" if error.line is not None else error.file
    assert str(error) == f"{where}: {error.reason}"
    assert graph_state(corpus_graph) == before
