"""``kgraph ingest``: a new document joins a corpus folder, or bad input changes nothing.

Every test works on a copy of the corpus under ``tmp_path``; the shared corpus is never written.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.settings import Settings
from kgraph_cli.main import app
from loaders.sources.corpus import load_corpus, load_manifest

SETTINGS = Settings()
runner = CliRunner()
PAGE = (
    "Akkuhanke Vaasassa\n\n"
    "Vaasan yliopisto ja Centria toteuttavat hankkeen 1.1.2025 – 31.12.2026.\n\n"
    "- Hankkeen budjetti on 1,2 miljoonaa euroa.\n"
)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SETTINGS.corpus_dir, folder)
    monkeypatch.setenv("KGRAPH_CORPUS_DIR", str(folder))
    monkeypatch.setenv("KGRAPH_PROPOSALS_DIR", str(tmp_path / "proposals"))
    return folder


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "vaasa.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _ingest(path: Path, *more: str) -> tuple[int, str]:
    # Extraction has tests of its own; these are about the corpus folder.
    result = runner.invoke(app, ["ingest", str(path), "--no-extract", *more])
    return result.exit_code, result.output


def test_a_new_document_gets_the_next_id_its_hash_and_a_manifest_entry(
    corpus: Path, page: Path
) -> None:
    code, output = _ingest(page, "--title", "Akkuhanke Vaasassa", "--language", "fi",
                           "--kind", "web page")  # fmt: skip
    assert code == 0, output
    sha = hashlib.sha256(page.read_bytes()).hexdigest()
    doc_id = f"005_{sha[:16]}"
    assert f"added {doc_id} (fi" in output
    entry = load_manifest(corpus).documents[-1]
    assert (entry.id, entry.file, entry.sha256, entry.language, entry.kind) == (
        doc_id,
        f"{doc_id}.txt",
        sha,
        "fi",
        "web page",
    )
    assert (corpus / entry.file).read_bytes() == page.read_bytes()
    documents = load_corpus(corpus)  # the grown corpus reads and checks as a whole
    assert [d.entry.id for d in documents][-1] == doc_id and documents[-1].passages


def test_the_manifest_keeps_its_comments_and_entries(corpus: Path, page: Path) -> None:
    before = (corpus / "corpus.yaml").read_text(encoding="utf-8")
    _ingest(page, "--title", "Akkuhanke Vaasassa", "--language", "fi")
    after = (corpus / "corpus.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n  - id: 005_")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--language", "sv"], "unknown language 'sv' (one of fi, en)"),
        (["--language", "fi", "--title", "Kokkola ecosystem agreement and its funded projects"],
         "the corpus has a document titled"),
    ],
)  # fmt: skip
def test_bad_input_gets_one_line_and_changes_nothing(
    corpus: Path, page: Path, args: list[str], message: str
) -> None:
    before = _state(corpus)
    code, output = _ingest(page, "--title", "A page", *args)
    assert code == 1
    assert message in output and "Traceback" not in output
    assert _state(corpus) == before


def test_a_document_already_there_by_its_bytes_is_refused(corpus: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again.txt"
    shutil.copyfile(corpus / "003_abba59e65f6bad7a.txt", copy)
    before = _state(corpus)
    code, output = _ingest(copy, "--title", "Again", "--language", "en")
    assert code == 1 and "holds this document already, as 003_abba59e65f6bad7a" in output
    assert _state(corpus) == before


def test_an_unreadable_or_non_text_file_is_refused(corpus: Path, tmp_path: Path) -> None:
    before = _state(corpus)
    code, output = _ingest(tmp_path / "missing.txt", "--title", "X", "--language", "fi")
    assert code == 1 and "cannot read the file" in output
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00 not text")
    code, output = _ingest(binary, "--title", "X", "--language", "fi")
    assert code == 1 and "not UTF-8 text" in output
    assert _state(corpus) == before


def test_the_same_file_name_twice_is_refused(corpus: Path, page: Path, tmp_path: Path) -> None:
    assert _ingest(page, "--title", "First", "--language", "fi")[0] == 0
    before = _state(corpus)
    other = tmp_path / "other"
    other.mkdir()
    renamed = other / (load_manifest(corpus).documents[-1].file)
    renamed.write_text(PAGE + "\nMore text.\n", encoding="utf-8")
    code, output = _ingest(renamed, "--title", "Second", "--language", "fi")
    assert code == 1 and "the corpus has a file named" in output
    assert _state(corpus) == before
