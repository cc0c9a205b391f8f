"""Work kept by digest (``loaders.build.kept``): reused only for the digests it was made for,
never trusted when damaged, and never a way around a broken anchor."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from kgraph.errors import RegistryError
from kgraph.names import finnish
from loaders.build import kept as kept_module
from loaders.build import pipeline
from loaders.build.kept import Kept
from loaders.build.pipeline import Build, build
from loaders.sources import corpus, evidence
from loaders.sources.inputs import code_digest, read_inputs
from loaders.sources.registry import registry_files

REGISTRY = Path(__file__).resolve().parents[2] / "loaders" / "registry"
SCHEMA = Path(__file__).resolve().parents[2] / "graph" / "schema.cypher"
KINDS = ("passages", "anchors", "mentions", "coverage")


def _same(one: Build, other: Build) -> None:
    """The same graph rows, counts, shares and coverage report."""
    assert one.graph_input == other.graph_input
    assert one.stats == other.stats and one.parts == other.parts
    assert one.coverage == other.coverage
    assert [d.passages for d in one.documents] == [d.passages for d in other.documents]


def _refuse_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cleaning, resolving anchors, matching and parsing the registry raise: a build must take
    all from kept work."""

    def refused(*_: Any, **__: Any) -> Any:
        raise AssertionError("the work was done again, though kept for the same digests")

    monkeypatch.setattr(kept_module, "clean_document", refused)
    monkeypatch.setattr(kept_module, "resolve_document", refused)
    monkeypatch.setattr(pipeline, "find_mentions", refused)
    monkeypatch.setattr(kept_module, "load_registry", refused)


def _entries(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"*/{kind}.json"))


@pytest.fixture(scope="module")
def plain(corpus_dir: Path) -> Build:
    """A build that keeps nothing."""
    return build(corpus_dir, REGISTRY)


def test_a_warm_build_does_no_work_again_and_gives_what_a_build_without_kept_work_gives(
    corpus_dir: Path, plain: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = Kept(tmp_path / "kept", code_digest())
    cold = build(corpus_dir, REGISTRY, kept=kept)
    documents = len(cold.documents)
    assert {kind: len(_entries(kept.folder, kind)) for kind in KINDS} == {
        "passages": documents, "anchors": documents, "mentions": documents, "coverage": documents
    }  # fmt: skip

    _refuse_work(monkeypatch)
    warm = build(corpus_dir, REGISTRY, kept=kept)

    _same(cold, plain)
    _same(warm, plain)


def _another_last_digit(data: bytes) -> bytes:
    at = max(data.rfind(bytes([digit])) for digit in b"0123456789")
    return data[:at] + (b"1" if data[at : at + 1] != b"1" else b"2") + data[at + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"\x00\xff not json" + data, id="garbage"),
        # Well-formed JSON whose content no longer matches the SHA-256 in its header.
        pytest.param(lambda data: _another_last_digit(data), id="content-changed"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_entry_is_ignored_and_written_again(
    corpus_dir: Path, plain: Build, tmp_path: Path, damage: Any
) -> None:
    kept = Kept(tmp_path / "kept", code_digest())
    build(corpus_dir, REGISTRY, kept=kept)
    originals = {path: path.read_bytes() for kind in KINDS for path in _entries(kept.folder, kind)}
    for path, data in originals.items():
        damaged = damage(data)
        assert damaged != data
        path.write_bytes(damaged)

    again = build(corpus_dir, REGISTRY, kept=kept)

    _same(again, plain)
    assert {path: path.read_bytes() for path in originals} == originals


def test_an_entry_made_for_other_code_is_not_used(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(corpus_dir, REGISTRY, kept=Kept(tmp_path / "kept", "other code"))
    cleaned: list[str] = []
    clean = corpus.clean_document

    def counted(entry: Any, text: str) -> Any:
        cleaned.append(entry.id)
        return clean(entry, text)

    monkeypatch.setattr(kept_module, "clean_document", counted)

    build(corpus_dir, REGISTRY, kept=Kept(tmp_path / "kept", code_digest()))

    assert len(cleaned) == len(list(corpus_dir.glob("*.txt")))


def _registry_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "registry"
    shutil.copytree(REGISTRY, folder)
    return folder


def _replace_first(folder: Path, old: str, new: str) -> Path:
    """Replace the first ``old`` of the registry in ``folder``; the file it was in."""
    for path in registry_files(folder):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            return path
    raise AssertionError(f"{old!r} is in no registry file")


def test_an_anchor_kept_for_another_registry_is_resolved_again(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = _registry_copy(tmp_path)
    kept = Kept(tmp_path / "kept", code_digest())
    build(corpus_dir, registry, kept=kept)
    # The same fact, quoted by a shorter anchor: only its document's anchors resolve again.
    _replace_first(registry, "says Ulla Lassi, professor at the University of Oulu",
                   "says Ulla Lassi, professor")  # fmt: skip
    resolved: list[str] = []
    resolve = evidence.resolve_document

    def counted(document: Any, groups: Any) -> Any:
        resolved.append(document.entry.id)
        return resolve(document, groups)

    monkeypatch.setattr(kept_module, "resolve_document", counted)

    changed = build(corpus_dir, registry, kept=kept)

    _same(changed, build(corpus_dir, registry))
    assert resolved == ["003_abba59e65f6bad7a"]


def test_a_broken_anchor_fails_with_kept_work_warm_exactly_as_without(
    corpus_dir: Path, tmp_path: Path
) -> None:
    registry = _registry_copy(tmp_path)
    kept = Kept(tmp_path / "kept", code_digest())
    build(corpus_dir, registry, kept=kept)
    _replace_first(registry, "says Ulla Lassi, professor at the University of Oulu",
                   "says Ulla Lassi, professor at the University of Helsinki")  # fmt: skip

    with pytest.raises(RegistryError) as without:
        build(corpus_dir, registry)
    with pytest.raises(RegistryError) as warm:
        build(corpus_dir, registry, kept=kept)

    assert "University of Helsinki' does not occur in document" in without.value.reason
    assert (warm.value.file, warm.value.line, warm.value.reason) == (
        without.value.file, without.value.line, without.value.reason
    )  # fmt: skip


def test_prune_removes_the_work_of_documents_no_longer_as_they_were(
    corpus_dir: Path, tmp_path: Path
) -> None:
    kept = Kept(tmp_path / "kept", code_digest())
    build(corpus_dir, REGISTRY, kept=kept)
    stale = kept.folder / Kept(kept.folder, "older code").key("entry", "bytes")
    stale.mkdir()
    (stale / "passages.json").write_text("{}", encoding="utf-8")
    documents = len(list(corpus_dir.glob("*.txt")))

    removed = kept.prune(read_inputs(corpus_dir, REGISTRY, SCHEMA))

    assert removed == 1 and not stale.exists()
    beside = (kept_module.REGISTRY_ENTRY, kept_module.LEXICON_ENTRY)
    assert len([f for f in kept.folder.iterdir() if f.name not in beside]) == documents
    assert (kept.folder / kept_module.REGISTRY_ENTRY / "parsed.pickle").is_file()
    assert (kept.folder / kept_module.LEXICON_ENTRY / "fi.json").is_file()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"\x00\xff not json" + data, id="garbage"),
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 1]), id="content-changed"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_kept_registry_is_parsed_again_and_kept_anew(
    corpus_dir: Path, plain: Build, tmp_path: Path, damage: Any
) -> None:
    kept = Kept(tmp_path / "kept", code_digest())
    build(corpus_dir, REGISTRY, kept=kept)
    path = kept.folder / kept_module.REGISTRY_ENTRY / "parsed.pickle"
    original = path.read_bytes()
    path.write_bytes(damage(original))

    again = build(corpus_dir, REGISTRY, kept=kept)

    _same(again, plain)
    assert path.read_bytes() == original


def test_a_changed_registry_file_is_parsed_again_not_answered_from_the_kept_one(
    corpus_dir: Path, tmp_path: Path
) -> None:
    registry = _registry_copy(tmp_path)
    kept = Kept(tmp_path / "kept", code_digest())
    before = build(corpus_dir, registry, kept=kept)
    _replace_first(registry, "says Ulla Lassi, professor at the University of Oulu",
                   "says Ulla Lassi, professor")  # fmt: skip

    changed = build(corpus_dir, registry, kept=kept)

    assert changed.registry.digest != before.registry.digest
    _same(changed, build(corpus_dir, registry))


@pytest.fixture
def fresh_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Finnish dictionary as a new process has it: no answer held."""
    monkeypatch.setattr(finnish, "_lemmas", {})
    monkeypatch.setattr(finnish, "_known", {})
    monkeypatch.setattr(finnish, "_handed", False)


def _refuse_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(word: str) -> Any:
        raise AssertionError(f"simplemma was asked about {word!r}, though kept")

    monkeypatch.setattr(finnish, "_looked_up_lemma", refused)
    monkeypatch.setattr(finnish, "_looked_up_known", refused)


def test_documents_cleaned_and_matched_again_take_the_dictionarys_answers_from_kept_work(
    corpus_dir: Path, plain: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    fresh_dictionary: None,
) -> None:  # fmt: skip
    kept = Kept(tmp_path / "kept", code_digest())
    build(corpus_dir, REGISTRY, kept=kept)
    for kind in ("passages", "mentions", "coverage"):
        for path in _entries(kept.folder, kind):
            path.unlink()  # every document is cleaned and matched again
    monkeypatch.setattr(finnish, "_lemmas", {})
    monkeypatch.setattr(finnish, "_known", {})
    _refuse_dictionary(monkeypatch)

    again = build(corpus_dir, REGISTRY, kept=Kept(kept.folder, code_digest()))

    _same(again, plain)


def test_a_word_not_kept_is_looked_up_and_kept_for_the_next_load(
    tmp_path: Path, fresh_dictionary: None
) -> None:
    kept = Kept(tmp_path / "kept", code_digest())
    kept.lexicon()
    lemma = finnish.lemmatize("Kokkolassa")  # simplemma's answer, not kept yet
    kept.keep_lexicon()

    finnish.forget()
    finnish._lemmas.clear()
    Kept(kept.folder, code_digest()).lexicon()

    assert finnish.remembered()[0] == {"Kokkolassa": lemma} and lemma == "Kokkola"


def test_answers_kept_for_another_simplemma_are_not_handed_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_dictionary: None
) -> None:
    kept = Kept(tmp_path / "kept", code_digest())
    kept.lexicon()
    finnish.lemmatize("Kokkolassa")
    kept.keep_lexicon()
    finnish._lemmas.clear()
    monkeypatch.setattr(finnish, "simplemma_version", lambda: "0.0.0")

    Kept(kept.folder, code_digest()).lexicon()

    assert finnish.remembered() == ({}, {})


def test_forget_drops_the_answers_handed_in(
    monkeypatch: pytest.MonkeyPatch, fresh_dictionary: None
) -> None:
    finnish.remember({"Kokkolassa": "Vaasa"}, {"akku": False})
    assert (finnish.lemmatize("Kokkolassa"), finnish.is_known("akku")) == ("Vaasa", False)

    finnish.forget()

    assert (finnish.lemmatize("Kokkolassa"), finnish.is_known("akku")) == ("Kokkola", True)


def test_the_answers_held_are_bounded_and_past_the_bound_still_right(
    monkeypatch: pytest.MonkeyPatch, fresh_dictionary: None
) -> None:
    monkeypatch.setattr(finnish, "MAX_REMEMBERED", 2)
    finnish.remember({"akuissa": "akku", "akkujen": "akku", "akulla": "akku"}, {})

    assert finnish.remembered()[0] == {"akuissa": "akku", "akkujen": "akku"}
    assert finnish.lemmatize("Kokkolassa") == "Kokkola"  # looked up, not held
    assert len(finnish.remembered()[0]) == 2
