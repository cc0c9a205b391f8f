"""``kgraph ingest`` of what people have: a PDF report, a saved web page, a Word file.

Each original is made in the test (tests/support/originals.py) and ingested into a copy of the
corpus under ``tmp_path``; the shared corpus is never written.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.settings import Settings
from kgraph_cli.main import app
from loaders.sources.corpus import load_corpus, load_manifest
from loaders.sources.evidence import find_anchor
from tests.support.originals import (
    NAVIGATION_ONLY,
    RUNNING_TITLE,
    SAVED_PAGE,
    encrypted,
    make_docx,
    make_pdf,
)

SETTINGS = Settings()
runner = CliRunner()


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SETTINGS.corpus_dir, folder)
    for path in folder.iterdir():
        path.chmod(0o644)  # the shared corpus is read-only; its copy must be writable
    folder.chmod(0o755)
    monkeypatch.setenv("KGRAPH_CORPUS_DIR", str(folder))
    monkeypatch.setenv("KGRAPH_PROPOSALS_DIR", str(tmp_path / "proposals"))
    return folder


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _ingest(path: Path, *more: str) -> tuple[int, str]:
    result = runner.invoke(app, ["ingest", str(path), "--no-extract", "--language", "fi", *more])
    return result.exit_code, result.output


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_pdf_is_kept_beside_its_text_and_both_are_hashed(corpus: Path, tmp_path: Path) -> None:
    pdf = make_pdf(title="Loppuraportti")
    code, output = _ingest(_write(tmp_path, "loppuraportti.pdf", pdf), "--kind", "report")
    assert code == 0, output
    entry = load_manifest(corpus).documents[-1]
    assert entry.id == f"005_{hashlib.sha256(pdf).hexdigest()[:16]}"
    assert (entry.file, entry.original) == (f"{entry.id}.txt", f"{entry.id}.pdf")
    assert entry.original is not None
    found = (entry.original_format, entry.extractor, entry.title)
    assert found == ("pdf", "pypdf", "Loppuraportti")
    assert entry.extractor_version and entry.extractor_version[0].isdigit()
    assert (corpus / entry.original).read_bytes() == pdf
    assert entry.original_sha256 == hashlib.sha256(pdf).hexdigest()
    assert entry.sha256 == hashlib.sha256((corpus / entry.file).read_bytes()).hexdigest()
    assert f"original kept as {entry.original}" in output


def test_a_pdf_passage_knows_its_pages_and_cleaning_repairs_the_readers_text(
    corpus: Path, tmp_path: Path
) -> None:
    assert _ingest(_write(tmp_path, "r.pdf", make_pdf()), "--title", "Raportti")[0] == 0
    doc = load_corpus(corpus)[-1]
    by_text = {p.text: p.pages for p in doc.passages}
    assert by_text == {
        "Tiivistelmä": [1],
        "Kokkolan akkukemian osaamiskeskittymä kehittää akkumateriaalien kierrätystä yhdessä "
        "Oulun yliopiston kanssa.": [1],
        "BATCircle3.0-hanketta rahoittaa Business Finland.": [1],
        "Hankkeen tuloksia esiteltiin syksyllä järjestetyssä loppuseminaarissa Kokkolassa, "
        "jossa puhui myös Ulla Lassi.": [1, 2],
        "Centria ja Jyväskylän yliopisto tutkivat litiumioniakkujen elinkaarta vuosina "
        "2024–2026.": [2],
        "Business Finland myönsi Akkumateriaalit 2030 -hankkeelle 2,5 miljoonaa euroa.": [2],
    }
    assert RUNNING_TITLE not in doc.cleaned  # the running title and page numbers are gone
    assert [p.id for p in doc.passages][:2] == [f"{doc.entry.id}:p001", f"{doc.entry.id}:p002"]


def test_anchors_in_a_pdf_resolve_to_the_passage_on_their_page(
    corpus: Path, tmp_path: Path
) -> None:
    assert _ingest(_write(tmp_path, "r.pdf", make_pdf()), "--title", "Raportti")[0] == 0
    doc = load_corpus(corpus)[-1]
    mended = find_anchor(doc, "akkumateriaalien kierrätystä")  # across the hyphenated break
    over = find_anchor(doc, "loppuseminaarissa Kokkolassa")
    late = find_anchor(doc, "Jyväskylän yliopisto")
    assert mended is not None and mended.pages == [1]
    assert over is not None and over.pages == [1, 2]
    assert late is not None and late.pages == [2]
    assert find_anchor(doc, RUNNING_TITLE) is None


def test_a_saved_page_keeps_its_article_and_heading_paths_without_its_chrome(
    corpus: Path, tmp_path: Path
) -> None:
    path = _write(tmp_path, "ekosysteemisopimus.html", SAVED_PAGE.encode("utf-8"))
    code, output = _ingest(path, "--kind", "web page")
    assert code == 0, output
    doc = load_corpus(corpus)[-1]
    assert (doc.entry.title, doc.entry.original_format) == ("Ekosysteemisopimus | Kokkola", "html")
    assert (corpus / f"{doc.entry.id}.html").read_bytes() == path.read_bytes()
    for chrome in ("Etusivu", "evästeitä", "Hyväksy", "PL 43", "Ajankohtaista", "tracking",
                   "Siirry sisältöön"):  # fmt: skip
        assert chrome not in doc.cleaned
    passage = find_anchor(doc, "Hanketta toteuttavat Oulun yliopisto ja Centria")
    assert passage is not None
    assert passage.heading_path == ["Rahoitetut hankkeet", "BATCircle3.0"]
    heading = find_anchor(doc, "Akkuosaamisen kehittäminen")
    assert heading is not None and heading.kind == "heading"
    assert heading.heading_path == ["Rahoitetut hankkeet", "Akkuosaamisen kehittäminen"]
    assert doc.passages[0].pages is None


def test_a_word_file_keeps_its_headings_lists_and_tables(corpus: Path, tmp_path: Path) -> None:
    code, output = _ingest(_write(tmp_path, "vuosiraportti.docx", make_docx()))
    assert code == 0, output
    doc = load_corpus(corpus)[-1]
    assert (doc.entry.title, doc.entry.extractor) == (
        "BATCircle3.0 konsortion vuosiraportti",
        "python-docx",
    )
    funded = find_anchor(doc, "Business Finland myönsi hankkeelle")
    assert funded is not None and funded.heading_path == ["Rahoitus"]
    item = find_anchor(doc, "Boliden Harjavalta")
    assert item is not None and (item.kind, item.heading_path) == ("list_item", ["Kumppanit"])
    assert "Rahoittaja | Business Finland" in doc.cleaned


def test_the_format_is_told_by_content_not_by_name(corpus: Path, tmp_path: Path) -> None:
    code, output = _ingest(_write(tmp_path, "download", make_pdf()), "--title", "Nimetön")
    assert code == 0, output
    assert load_manifest(corpus).documents[-1].original_format == "pdf"


def test_the_five_corpus_documents_read_as_before(corpus: Path, tmp_path: Path) -> None:
    before = load_corpus(corpus)
    assert _ingest(_write(tmp_path, "r.pdf", make_pdf()), "--title", "Raportti")[0] == 0
    after = load_corpus(corpus)[:5]
    assert [d.passages for d in after] == [d.passages for d in before]
    assert all(p.pages is None and p.heading_path is None for d in after for p in d.passages)


def _truncated_zip() -> bytes:
    data = make_docx()
    return data[: len(data) // 2]


def _zip_without_word() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("locked.pdf", lambda: encrypted(make_pdf()), "the PDF is encrypted with a password"),
        ("scan.pdf", lambda: make_pdf(images_only=True),
         "the PDF has no text layer (2 page(s) of images only, a scan?): run OCR on it first"),
        ("cut.pdf", lambda: make_pdf()[:700], "the PDF is truncated"),
        ("broken.pdf", lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage\n%%EOF\n",
         "the PDF is damaged"),
        ("menu.html", lambda: NAVIGATION_ONLY.encode(),
         "the page holds no article text: only navigation, menus or notices"),
        ("cut.docx", _truncated_zip, "a damaged or truncated zip file"),
        ("archive.zip", _zip_without_word, "a format kgraph does not read: a zip archive"),
        ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
         "an old Word .doc"),
        ("photo.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "a PNG image: run OCR"),
        ("report.pdf", lambda: SAVED_PAGE.encode(), "named .pdf but its content is HTML"),
    ],
)  # fmt: skip
def test_bad_originals_get_one_line_naming_the_file_and_change_nothing(
    corpus: Path, tmp_path: Path, name: str, data: object, message: str
) -> None:
    path = _write(tmp_path, name, data())  # type: ignore[operator]
    before = _state(corpus)
    code, output = _ingest(path, "--title", "Hylätty")
    assert code == 1, output
    assert message in output and name in output, output
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1, output
    assert _state(corpus) == before


def test_a_file_over_the_size_limit_is_refused(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KGRAPH_INGEST_MAX_BYTES", "1000")
    path = _write(tmp_path, "big.pdf", make_pdf())
    before = _state(corpus)
    code, output = _ingest(path, "--title", "Iso")
    assert code == 1 and "over the limit of 1,000 (KGRAPH_INGEST_MAX_BYTES)" in output, output
    assert _state(corpus) == before


def test_an_original_changed_in_the_corpus_folder_is_refused_on_reading(
    corpus: Path, tmp_path: Path
) -> None:
    assert _ingest(_write(tmp_path, "r.pdf", make_pdf()), "--title", "Raportti")[0] == 0
    entry = load_manifest(corpus).documents[-1]
    assert entry.original is not None
    (corpus / entry.original).write_bytes(make_pdf(title="toinen"))
    from kgraph.errors import CorpusError

    with pytest.raises(CorpusError, match="the original changed"):
        load_corpus(corpus)
