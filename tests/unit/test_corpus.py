"""Reading, checking and cleaning the corpus: on small made-up texts and on the real documents."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from kgraph.errors import CorpusError
from loaders.sources import corpus as corpus_module
from loaders.sources.cleaning import clean_text
from loaders.sources.corpus import (
    MAX_PASSAGE_CHARS,
    Document,
    ManifestEntry,
    load_corpus,
    load_manifest,
    read_document,
    split_passages,
)
from loaders.sources.evidence import count_anchor, find_anchor

REPORT = "000_82ade397896eee5f"
PROGRAMME_PAGE = "001_122f8e93b9dcce29"
KOKKOLA_PAGE = "002_c0e370ccb1799bf0"
ARTICLE = "003_abba59e65f6bad7a"
NEWS_PAGE = "004_41c6bf29210348fa"
ALL_DOCS = [REPORT, PROGRAMME_PAGE, KOKKOLA_PAGE, ARTICLE, NEWS_PAGE]

#: Raw lines that cleaning removes on purpose: the report's running header (its page number
#: "6" is a line too, but a digit is found anywhere) and the web pages' skip-to-content link.
DROPPED_LINES = {
    REPORT: {"Akkukemian temaattinen vetovastuuhanke –", "Loppuraportti, 2025"},
    PROGRAMME_PAGE: {"Hyppää sisältöön"},
    KOKKOLA_PAGE: {"Hyppää sisältöön"},
    ARTICLE: set(),
    NEWS_PAGE: set(),
}
DROPPED_WORDS = {
    REPORT: {"Loppuraportti", "temaattinen"},
    PROGRAMME_PAGE: {"Hyppää", "sisältöön"},
    KOKKOLA_PAGE: {"Hyppää", "sisältöön"},
    ARTICLE: set(),
    NEWS_PAGE: set(),
}


def pdf(*lines: str) -> str:
    """Text laid out like the report's PDF extract: a blank line after every physical line."""
    return " \n\n".join(lines) + " \n"


def fold(text: str) -> str:
    return " ".join(text.split())


# --- a corpus folder made up per test ------------------------------------------------------


def entry(doc_id: str = "doc", data: bytes = b"Teksti.\n", **fields: Any) -> dict[str, Any]:
    return {
        "id": doc_id,
        "file": f"{doc_id}.txt",
        "language": "fi",
        "kind": "report",
        "title": "A title",
        "publisher": "A publisher",
        "sha256": hashlib.sha256(data).hexdigest(),
        **fields,
    }


def write_corpus(folder: Path, files: dict[str, bytes], entries: list[dict[str, Any]]) -> Path:
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "corpus.yaml").write_text(yaml.safe_dump({"documents": entries}), encoding="utf-8")
    return folder


def single_document(folder: Path, data: bytes, **fields: Any) -> tuple[Path, ManifestEntry]:
    write_corpus(folder, {"doc.txt": data}, [entry(data=data, **fields)])
    return folder, load_manifest(folder).documents[0]


# --- manifest ------------------------------------------------------------------------------


def test_manifest_lists_the_five_documents_in_order(corpus_dir: Path) -> None:
    manifest = load_manifest(corpus_dir)

    assert [d.id for d in manifest.documents] == ALL_DOCS
    report = manifest.documents[0]
    assert (report.language, report.kind, report.year) == ("fi", "report", 2025)
    assert report.notes is not None and report.notes.startswith("Text extracted from a PDF.")
    assert manifest.documents[1].year is None  # the web page states no year
    assert manifest.documents[3].notes is None


def test_missing_manifest_is_named(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"corpus\.yaml not found"):
        load_manifest(tmp_path)


def test_invalid_yaml_names_the_manifest_and_line(tmp_path: Path) -> None:
    (tmp_path / "corpus.yaml").write_text("documents:\n  - id: a\n    file: [unclosed\n")

    with pytest.raises(CorpusError, match="invalid YAML") as caught:
        load_manifest(tmp_path)

    assert caught.value.file.endswith("corpus.yaml")
    assert caught.value.line is not None


def test_manifest_without_a_documents_list_is_refused(tmp_path: Path) -> None:
    (tmp_path / "corpus.yaml").write_text("files: []\n")

    with pytest.raises(CorpusError, match="'documents' list"):
        load_manifest(tmp_path)


def test_a_manifest_is_parsed_once_for_its_text_and_anew_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path, {}, [entry("first")])
    parses: list[str] = []
    real = corpus_module._parse_manifest

    def counted(path: Path, text: str) -> tuple[list[Any], list[int]]:
        parses.append(text)
        return real(path, text)

    monkeypatch.setattr(corpus_module, "_parse_manifest", counted)

    once, again = load_manifest(tmp_path), load_manifest(tmp_path)
    write_corpus(tmp_path, {}, [entry("first"), entry("second")])
    changed = load_manifest(tmp_path)

    assert once is again and len(parses) == 2
    assert [d.id for d in changed.documents] == ["first", "second"]


def test_a_bad_manifest_is_refused_every_time_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "corpus.yaml").write_text("files: []\n")

    for _ in range(2):
        with pytest.raises(CorpusError, match="'documents' list"):
            load_manifest(tmp_path)


def test_missing_field_names_the_entry_the_field_and_its_line(tmp_path: Path) -> None:
    second = entry("second")
    del second["sha256"]
    write_corpus(tmp_path, {}, [entry("first"), second])
    lines = (tmp_path / "corpus.yaml").read_text().splitlines()
    second_line = [i for i, line in enumerate(lines, 1) if line.startswith("- ")][1]

    with pytest.raises(CorpusError) as caught:
        load_manifest(tmp_path)

    assert caught.value.reason == "document entry 2 (id second): missing field 'sha256'"
    assert caught.value.line == second_line
    assert str(caught.value).startswith(f"{tmp_path / 'corpus.yaml'}:{second_line}: ")


def test_a_language_without_rules_is_refused_at_its_line(tmp_path: Path) -> None:
    write_corpus(tmp_path, {}, [entry("first"), entry("second", language="de")])

    with pytest.raises(
        CorpusError, match=r"document entry 2 \(id second\): field 'language'"
    ) as caught:
        load_manifest(tmp_path)

    assert "'fi' or 'en'" in caught.value.reason
    assert caught.value.line is not None and caught.value.line > 1


def test_duplicate_document_id_is_refused_at_its_line(tmp_path: Path) -> None:
    write_corpus(tmp_path, {}, [entry("same"), entry("same")])

    with pytest.raises(CorpusError, match="duplicate document id 'same'") as caught:
        load_manifest(tmp_path)

    assert caught.value.line is not None and caught.value.line > 1


def test_a_document_file_must_lie_in_the_corpus_folder(tmp_path: Path) -> None:
    write_corpus(tmp_path, {}, [entry(file="../elsewhere.txt")])

    with pytest.raises(CorpusError, match="'file'"):
        load_manifest(tmp_path)


def test_a_malformed_hash_is_refused(tmp_path: Path) -> None:
    write_corpus(tmp_path, {}, [entry(sha256="not-a-hash")])

    with pytest.raises(CorpusError, match="'sha256'"):
        load_manifest(tmp_path)


# --- reading documents ---------------------------------------------------------------------


def test_reading_a_document_keeps_its_hash_and_passages(tmp_path: Path) -> None:
    data = b"Otsikko\n\nKokkola on kaupunki.\n"
    folder, doc_entry = single_document(tmp_path, data)

    doc = read_document(folder, doc_entry)

    assert doc.raw_sha256 == hashlib.sha256(data).hexdigest()
    assert doc.cleaned == "Otsikko\n\nKokkola on kaupunki."
    assert [p.id for p in doc.passages] == ["doc:p001", "doc:p002"]


def test_missing_document_is_named(tmp_path: Path) -> None:
    folder, doc_entry = single_document(tmp_path, b"x")
    (folder / "doc.txt").unlink()

    with pytest.raises(CorpusError, match=r"listed in corpus\.yaml but missing") as caught:
        read_document(folder, doc_entry)

    assert caught.value.file == str(folder / "doc.txt")


def test_empty_document_is_refused(tmp_path: Path) -> None:
    folder, doc_entry = single_document(tmp_path, b" \n\n")

    with pytest.raises(CorpusError, match="document is empty"):
        read_document(folder, doc_entry)


def test_invalid_utf8_gives_the_byte_offset_and_line(tmp_path: Path) -> None:
    folder, doc_entry = single_document(tmp_path, b"ok line\nsecond \xff bad\n")

    with pytest.raises(CorpusError, match="not valid UTF-8 at byte 15") as caught:
        read_document(folder, doc_entry)

    assert caught.value.line == 2


def test_changed_document_reports_both_hashes(tmp_path: Path) -> None:
    folder, doc_entry = single_document(tmp_path, b"original text\n")
    (folder / "doc.txt").write_bytes(b"edited text\n")
    found = hashlib.sha256(b"edited text\n").hexdigest()

    with pytest.raises(CorpusError) as caught:
        read_document(folder, doc_entry)

    assert caught.value.reason == (
        f"document changed under its evidence: expected {doc_entry.sha256}, found {found}"
    )


def test_load_corpus_reads_every_document_in_manifest_order(corpus_dir: Path) -> None:
    docs = load_corpus(corpus_dir)

    assert [d.entry.id for d in docs] == ALL_DOCS
    assert all(d.raw_sha256 == d.entry.sha256 for d in docs)


# --- cleaning: made-up texts ---------------------------------------------------------------


def test_joins_a_word_hyphenated_across_a_blank_line() -> None:
    raw = pdf(
        "Hankkeen toimenpiteisiin kuuluu osaamisen vahvistami-",
        "nen, uusien hankkeiden valmistelu sekä",
        "koulutuspolkujen kehittäminen ja muut",
        "tehtävät.",
    )

    assert clean_text(raw) == (
        "Hankkeen toimenpiteisiin kuuluu osaamisen vahvistaminen, uusien hankkeiden valmistelu "
        "sekä koulutuspolkujen kehittäminen ja muut tehtävät."
    )


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("jatkoa aiemmille BATCircle-", "hankkeille ja sitä", "BATCircle-hankkeille"),
        ("DOI: 10.1557/s43578-024-", "01282-z ja muuta", "s43578-024-01282-z"),
        ("uusien tutkimus-", "ja kehityshankkeiden", "tutkimus- ja kehityshankkeiden"),
        ("osa EU:n Horizon Europe -", "tutkimus- ja innovaatio-ohjelmaa", "Europe -tutkimus- ja"),
        ("mediassa (LinkedIn, Researchgate-", "portaali) ja muualla", "Researchgate-portaali"),
        ("maakunnan TKI-", "osaaminen on", "TKI-osaaminen"),
        ("alueella Itä-", "Suomen yliopisto", "Itä-Suomen"),
        ("rahoitus myönnettiin Oulun yli-", "opistolle ja muille", "yliopistolle"),
    ],
)
def test_line_end_hyphen_is_kept_only_where_it_is_real(left: str, right: str, joined: str) -> None:
    raw = pdf("Ensimmäinen rivi jatkuu", "vielä tässä ja " + left, right, "loppuun asti", "saakka.")

    assert joined in clean_text(raw)


def test_a_word_broken_before_a_digit_is_joined_when_the_document_has_it_whole() -> None:
    raw = pdf(
        "Hanke BATCircle3.0 alkoi vuonna 2024 ja",
        "jatkuu; kuten BATCircle2.0 ja BATCir-",
        "cle3.0, jotka keskittyvät kierrätykseen,",
        "ja muuhun.",
    )

    assert "BATCircle2.0 ja BATCircle3.0, jotka" in clean_text(raw)


def test_drops_the_running_header_and_page_number() -> None:
    body = pdf("Ensimmäinen kappale alkaa", "tästä ja jatkuu", "tässä sekä", "vielä tässä.")
    header = "\n\n\nRaportin nimi – \n Loppuraportti, 2025  \n \n\n6 \n\n \n\n"
    after = pdf("Seuraava sivu alkaa.")

    cleaned = clean_text(body + header + after)

    assert cleaned == (
        "Ensimmäinen kappale alkaa tästä ja jatkuu tässä sekä vielä tässä.\n\nSeuraava sivu alkaa."
    )


def test_a_page_number_goes_but_text_close_above_it_stays() -> None:
    raw = pdf("Kappale alkaa", "tästä ja jatkuu", "tässä sekä", "vielä tässä.", "Ulla Lassi", "7")

    assert clean_text(raw).splitlines()[-1] == "Ulla Lassi"


def test_drops_the_skip_to_content_link() -> None:
    assert clean_text("Hyppää sisältöön\nOtsikko\n\nTeksti on tässä.\n") == (
        "Otsikko\n\nTeksti on tässä."
    )


def test_web_page_lines_stay_paragraphs_and_lowercase_wraps_join() -> None:
    raw = (
        "Rahoitetut hankkeet\n\n"
        " • Hanke keskittyy teollisuuden (mm. metallien\n"
        "  ja akkukennojen valmistus) tarpeisiin.\n\n"
        "  Toteutusaika: 1.9.2023 – 31.8.2026\n"
        "Seuraava rivi\n"
    )

    assert clean_text(raw).split("\n\n") == [
        "Rahoitetut hankkeet",
        "• Hanke keskittyy teollisuuden (mm. metallien ja akkukennojen valmistus) tarpeisiin.",
        "Toteutusaika: 1.9.2023 – 31.8.2026",
        "Seuraava rivi",
    ]


def test_headings_list_items_captions_and_urls_start_blocks_of_their_own() -> None:
    raw = pdf(
        "Johdanto jatkuu tässä ja",
        "päättyy tähän:",
        "• ensimmäinen kohta ja sen",
        "jatko",
        "2.1. Tavoitteet",
        "Kuva 1. Akkuarvoketju Suomessa.",
        "https://example.org/sivu",
        "3. Akkukemian arvoketju – ",
        "haasteet ja mahdollisuudet",
    )

    assert clean_text(raw).split("\n\n") == [
        "Johdanto jatkuu tässä ja päättyy tähän:",
        "• ensimmäinen kohta ja sen jatko",
        "2.1. Tavoitteet",
        "Kuva 1. Akkuarvoketju Suomessa.",
        "https://example.org/sivu",
        "3. Akkukemian arvoketju – haasteet ja mahdollisuudet",
    ]


# --- cleaning: the real documents ----------------------------------------------------------


@pytest.mark.parametrize(
    "expected",
    [
        "akkukemian kärkiosaamisen vahvistaminen, uusien tutkimus- ja kehityshankkeiden",
        "BATCircle2.0 ja BATCircle3.0, jotka keskittyvät",
        "Se on jatkoa aiemmille BATCircle-hankkeille",
        "DOI: 10.1557/s43578-024-01282-z",
        "(LinkedIn, Researchgate-portaali)",
        "EU:n Horizon Europe -tutkimus- ja innovaatio-ohjelmaa",
        "yhdessä Anna Lähteen (Itä-Suomen yliopisto, Kuopio) kanssa",
        "Kokkola Material Week-tapahtumaan",
        "Koordinaatioryhmä koostuu",
        "(1-2) yhteistyöhankkeiden valmistaminen",
        "(Battery Interface Genome and Smart functionalities)",
        "Euroopassa. Se toimii",
    ],
)
def test_report_words_broken_across_lines_are_repaired(
    documents: dict[str, Document], expected: str
) -> None:
    assert expected in documents[REPORT].cleaned


def test_report_running_header_is_gone_and_text_around_it_is_kept(
    documents: dict[str, Document],
) -> None:
    doc = documents[REPORT]
    before = find_anchor(doc, "jotka parantavat akkujen kestävyyttä ja suorituskykyä.")

    assert "Loppuraportti" not in doc.cleaned
    assert before is not None
    after = doc.passages[before.ordinal]  # ordinals count from 1: this is the next passage
    assert after.text.startswith("Akkukemian arvoketjussa kehitetään uusia palvelukonsepteja")


def test_report_short_line_without_full_stop_ends_its_paragraph(
    documents: dict[str, Document],
) -> None:
    ending = find_anchor(documents[REPORT], "kilpailukyvyn vauhdittaminen")

    assert ending is not None and ending.text.endswith("kilpailukyvyn vauhdittaminen")


@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_cleaning_keeps_every_raw_line_except_page_furniture(
    corpus_dir: Path, documents: dict[str, Document], doc_id: str
) -> None:
    doc = documents[doc_id]
    raw = (corpus_dir / doc.entry.file).read_text(encoding="utf-8")
    lines = {re.sub(r"(?<=\S)-$", "", fold(line)) for line in raw.splitlines()} - {""}

    lost = {line for line in lines if line not in doc.cleaned}

    assert lost == DROPPED_LINES[doc_id]


@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_cleaning_keeps_every_word_after_dehyphenation(
    corpus_dir: Path, documents: dict[str, Document], doc_id: str
) -> None:
    doc = documents[doc_id]
    raw = (corpus_dir / doc.entry.file).read_text(encoding="utf-8")
    dehyphenated = re.sub(r"(?<=\w)-[ \t]*\n\s*(?=\w)", "", raw)
    words = set(re.findall(r"[^\W\d_]+", dehyphenated))
    kept = set(re.findall(r"[^\W\d_]+", doc.cleaned + " " + doc.cleaned.replace("-", "")))

    assert words - kept == DROPPED_WORDS[doc_id]


def test_cleaning_is_deterministic(corpus_dir: Path, documents: dict[str, Document]) -> None:
    raw = (corpus_dir / documents[REPORT].entry.file).read_text(encoding="utf-8")

    assert clean_text(raw) == clean_text(raw) == documents[REPORT].cleaned


# --- passages ------------------------------------------------------------------------------


def test_passages_get_stable_ids_and_offsets() -> None:
    passages = split_passages("doc", "Otsikko\n\nEnsimmäinen kappale.\n\nToinen.")

    assert [(p.id, p.ordinal, p.start, p.end) for p in passages] == [
        ("doc:p001", 1, 0, 7),
        ("doc:p002", 2, 9, 29),
        ("doc:p003", 3, 31, 38),
    ]


def test_passage_kinds_follow_the_block_shape() -> None:
    cleaned = "\n\n".join(
        [
            "2.1. Tavoitteet",
            "• kohta",
            "Kuva 1. Kaavio.",
            "https://example.org/x",
            "1. Materiaalien ja rajapintojen nopeampi kehittäminen, tunnistaminen",
            "3. Akkukemian arvoketju – haasteet ja mahdollisuudet",
            "Tavallinen kappale.",
        ]
    )

    kinds = [p.kind for p in split_passages("doc", cleaned)]

    assert kinds == ["heading", "list_item", "caption", "url", "list_item", "heading", "paragraph"]


def test_a_long_block_is_split_at_sentence_ends() -> None:
    sentence = "Tämä on lause, jossa on juuri sopivasti sanoja mittaamista varten."
    cleaned = " ".join([sentence] * 40)

    passages = split_passages("doc", cleaned)

    assert len(passages) == 3
    assert all(len(p.text) <= MAX_PASSAGE_CHARS and p.text.endswith(".") for p in passages)
    assert " ".join(p.text for p in passages) == cleaned
    assert all(cleaned[p.start : p.end] == p.text for p in passages)


def test_a_sentence_longer_than_the_limit_stays_whole() -> None:
    cleaned = "sana " * 400 + "loppu."

    assert [p.text for p in split_passages("doc", cleaned)] == [cleaned]


@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_real_passages_index_the_cleaned_text(documents: dict[str, Document], doc_id: str) -> None:
    doc = documents[doc_id]

    assert [p.ordinal for p in doc.passages] == list(range(1, len(doc.passages) + 1))
    assert all(doc.cleaned[p.start : p.end] == p.text for p in doc.passages)
    assert all(p.text == fold(p.text) for p in doc.passages)
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in doc.passages)


def test_real_passage_ids_are_stable_across_runs(
    corpus_dir: Path, documents: dict[str, Document]
) -> None:
    again = read_document(corpus_dir, documents[REPORT].entry)

    assert again.passages == documents[REPORT].passages


@pytest.mark.parametrize(
    ("anchor", "kind"),
    [
        ("2.1. Tavoitteet", "heading"),
        ("3. Akkukemian arvoketju – haasteet ja mahdollisuudet", "heading"),
        ("Kuva 1. Akkuarvoketju Suomessa (viite: FMG).", "caption"),
        ("https://bepassociation.eu/", "paragraph"),  # first inline, in the BEPA paragraph
        ("https://www.eera-energystorage.eu/", "url"),
        ("• Raaka-aineiden hankinta: Litium, nikkeli ja koboltti", "list_item"),
        ("1. Materiaalien ja rajapintojen nopeampi kehittäminen", "list_item"),
        ("Business Finland myönsi hankkeelle", "paragraph"),
    ],
)
def test_report_passage_kinds(documents: dict[str, Document], anchor: str, kind: str) -> None:
    passage = find_anchor(documents[REPORT], anchor)

    assert passage is not None and passage.kind == kind


# --- anchors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_id", "anchor", "passage_start"),
    [
        (REPORT, "Business Finland myönsi hankkeelle 13,4 miljoonaa euroa", "BATCircle3.0 vastaa"),
        (KOKKOLA_PAGE, "Toteutusaika: 1.9.2023 – 31.8.2026", "Toteutusaika: 1.9.2023"),
        (NEWS_PAGE, "ranked Finland as 4th worldwide", "BloombergNEF (BNEF) has ranked"),
        (PROGRAMME_PAGE, "Kokkola: akkukemia, katodimateriaalit", "Työpaketin tavoitteena"),
        (ARTICLE, "says Ulla Lassi, professor at the University of Oulu", "“The research network"),
    ],
)
def test_find_anchor_returns_the_passage_holding_it(
    documents: dict[str, Document], doc_id: str, anchor: str, passage_start: str
) -> None:
    doc = documents[doc_id]

    passage = find_anchor(doc, anchor)

    assert passage is not None
    assert anchor in passage.text
    assert passage.text.startswith(passage_start)
    assert count_anchor(doc, anchor) == 1


def test_find_anchor_folds_whitespace(documents: dict[str, Document]) -> None:
    passage = find_anchor(documents[REPORT], "  Business  Finland\n myönsi\thankkeelle ")

    assert passage is not None and "13,4 miljoonaa euroa" in passage.text


def test_find_anchor_is_case_sensitive_and_exact(documents: dict[str, Document]) -> None:
    doc = documents[REPORT]

    assert find_anchor(doc, "business finland myönsi hankkeelle") is None
    assert find_anchor(doc, "Business Finland myönsi hankkeelle 14 miljoonaa") is None
    assert find_anchor(doc, "   ") is None


def test_count_anchor_reveals_an_ambiguous_anchor(documents: dict[str, Document]) -> None:
    doc = documents[KOKKOLA_PAGE]
    anchor = "Hankkeen toteuttajana toimivat Oulun yliopisto ja Kokkolan yliopistokeskus Chydenius."

    first = find_anchor(doc, anchor)

    assert count_anchor(doc, "Toteutusaika") == 8
    assert count_anchor(doc, anchor) == 2
    assert first is not None and first.start == doc.cleaned.index(anchor)
