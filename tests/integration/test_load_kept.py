"""Loads that reuse work kept by digest (``loaders.build.kept``) give exactly the graph a full
load that keeps nothing gives (content hash), and fail on a broken anchor as it does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.errors import RegistryError
from kgraph.names import finnish, matcher
from kgraph.settings import Settings
from loaders.build.kept import LEXICON_ENTRY, REGISTRY_ENTRY, Kept
from loaders.load import Corpus, load
from loaders.sources.inputs import code_digest
from tests.graph_state import WITHOUT_LOAD_RUNS, GraphState, graph_state
from tests.support.loading import (
    add_document,
    load_auto,
    load_full,
    rewrite_document,
    writable_corpus,
)

EDITED = "003_abba59e65f6bad7a"
#: A new Finnish document made of lines of the Kokkola page (002): every word of it was
#: cleaned and matched by the load before, so its answers are in the kept lexicon.
KNOWN_WORDS = (
    "Kokkolassa näitä painopisteitä ovat:\n\n"
    "Painopistealueita on linjattu yhteistyössä valtion ja alueen TKI-toimijoiden kanssa. "
    "Kokkola on solminut valtion kanssa ekosysteemisopimuksen vuosille 2021 – 2027.\n"
)
ANCHOR = "says Ulla Lassi, professor at the University of Oulu"


@pytest.fixture
def corpus(tmp_path: Path, settings: Settings) -> Path:
    """A writable copy of the corpus (never the shared one)."""
    return writable_corpus(tmp_path / "corpus", settings.corpus_dir)


@pytest.fixture
def registry(tmp_path: Path, settings: Settings) -> Path:
    folder = tmp_path / "registry"
    shutil.copytree(settings.registry_dir, folder)
    return folder


def _replace_in_registry(registry: Path, old: str, new: str) -> None:
    path = registry / "facts_news.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _documents_kept(kept: Path) -> list[Path]:
    """The documents' folders of kept work (beside them: the kept registry and lexicon)."""
    return [f for f in kept.iterdir() if f.name not in (REGISTRY_ENTRY, LEXICON_ENTRY)]


def _state(graph: Graph) -> GraphState:
    return graph_state(graph, skip_labels=WITHOUT_LOAD_RUNS)


def _full_without_kept(graph: Graph, corpus: Path, registry: Path, schema: Path) -> GraphState:
    graph.run_autocommit(cypher.WIPE)
    load_full(graph, corpus, registry, schema)
    return _state(graph)


def test_a_reload_after_one_changed_document_with_kept_work_is_the_graph_of_a_full_load(
    empty_graph: Graph, corpus: Path, registry: Path, schema_file: Path, tmp_path: Path
) -> None:
    kept = tmp_path / "kept"
    load_auto(empty_graph, corpus, registry, schema_file, kept_dir=kept)
    assert len(_documents_kept(kept)) == len(list(corpus.glob("*.txt")))
    path = corpus / f"{EDITED}.txt"
    rewrite_document(
        corpus, path.name, b"Kokkola and Vaasa meet Business Finland.\n\n" + path.read_bytes()
    )

    loaded = load_auto(empty_graph, corpus, registry, schema_file, kept_dir=kept)

    assert loaded.mode == "document" and loaded.built.rebuilt == (EDITED,)
    state = _state(empty_graph)
    assert state == _full_without_kept(empty_graph, corpus, registry, schema_file)
    # The edited document's old work is pruned: one key per document of the manifest.
    assert len(_documents_kept(kept)) == len(list(corpus.glob("*.txt")))


def test_a_full_load_after_a_registry_change_does_not_use_anchors_kept_for_the_old_one(
    empty_graph: Graph, corpus: Path, registry: Path, schema_file: Path, tmp_path: Path
) -> None:
    kept = tmp_path / "kept"
    load_auto(empty_graph, corpus, registry, schema_file, kept_dir=kept)
    # Another line of the same article backs the fact: its evidence moves to another passage,
    # which a resolution kept for the old registry would not know.
    _replace_in_registry(registry, ANCHOR, "Kokkola will continue to encourage others")

    loaded = load_auto(empty_graph, corpus, registry, schema_file, kept_dir=kept)

    assert loaded.mode == "full" and "registry changed" in loaded.reason
    state = _state(empty_graph)
    assert state == _full_without_kept(empty_graph, corpus, registry, schema_file)


@pytest.mark.parametrize("broken", ["document", "registry"])
def test_a_broken_anchor_fails_the_load_with_kept_work_warm_and_leaves_the_graph(
    empty_graph: Graph, corpus: Path, registry: Path, schema_file: Path, tmp_path: Path,
    broken: str,
) -> None:  # fmt: skip
    kept = tmp_path / "kept"
    load_auto(empty_graph, corpus, registry, schema_file, kept_dir=kept)
    before = _state(empty_graph)
    if broken == "document":
        path = corpus / f"{EDITED}.txt"
        rewrite_document(corpus, path.name, path.read_bytes().split(b"\n", 1)[0] + b"\n")
    else:
        _replace_in_registry(registry, ANCHOR, ANCHOR.replace("Oulu", "Helsinki"))

    with pytest.raises(RegistryError) as without:
        load(empty_graph, Corpus(corpus, registry), schema_file, mode="auto")
    with pytest.raises(RegistryError) as warm:
        load_auto(empty_graph, corpus, registry, schema_file, kept_dir=kept)

    # The first anchor not found, then every other one (a cut document breaks many).
    assert warm.value.reason.split(" (and ")[0].endswith(f"does not occur in document {EDITED}")
    assert (warm.value.file, warm.value.line, warm.value.reason) == (
        without.value.file, without.value.line, without.value.reason
    )  # fmt: skip
    assert _state(empty_graph) == before


def test_verify_neither_reads_nor_keeps_work(
    empty_graph: Graph, corpus: Path, registry: Path, schema_file: Path, tmp_path: Path
) -> None:
    kept = tmp_path / "kept"

    load(empty_graph, Corpus(corpus, registry, kept_dir=kept), schema_file, mode="verify")

    assert not kept.exists()


def _fresh_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Finnish dictionary and the matcher's keys as a new process has them."""
    for name, fresh in (("_lemmas", {}), ("_known", {}), ("_handed", False)):
        monkeypatch.setattr(finnish, name, fresh)
    finnish._looked_up_lemma.cache_clear()
    finnish._looked_up_known.cache_clear()
    matcher._text_keys.cache_clear()


def test_verify_asks_the_dictionary_itself_not_the_answers_an_earlier_load_was_handed(
    empty_graph: Graph, corpus: Path, registry: Path, schema_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    _fresh_dictionary(monkeypatch)
    # A kept answer no dictionary gives: a load with kept work takes it as it is.
    writer = Kept(tmp_path / "kept", code_digest())
    writer.lexicon()
    finnish.remember({"Kokkolassa": "Vaasa"}, {})
    writer.keep_lexicon()
    _fresh_dictionary(monkeypatch)
    kept = Kept(writer.folder, code_digest())
    kept.lexicon()
    assert finnish.lemmatize("Kokkolassa") == "Vaasa"

    load(empty_graph, Corpus(corpus, registry, kept_dir=kept.folder), schema_file, mode="verify")

    assert finnish.lemmatize("Kokkolassa") == "Kokkola"


def _add_finnish(corpus: Path, doc_id: str, text: str) -> None:
    add_document(corpus, doc_id, text, language="fi", title="Kokkolan painopisteet")


def test_a_document_matched_with_the_kept_lexicon_alone_gives_the_graph_of_a_full_load(
    empty_graph: Graph, corpus: Path, registry: Path, schema_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    kept = tmp_path / "kept"
    _fresh_dictionary(monkeypatch)
    load_auto(empty_graph, corpus, registry, schema_file, kept_dir=kept)
    _add_finnish(corpus, "005_known_words", KNOWN_WORDS)

    with monkeypatch.context() as refusing:
        _fresh_dictionary(refusing)

        def refused(word: str) -> object:
            raise AssertionError(f"simplemma was asked about {word!r}, though kept")

        refusing.setattr(finnish, "_looked_up_lemma", refused)
        refusing.setattr(finnish, "_looked_up_known", refused)
        loaded = load_auto(empty_graph, corpus, registry, schema_file, kept_dir=kept)
        matched = finnish.remembered()

    assert loaded.mode == "document" and loaded.built.rebuilt == ("005_known_words",)
    assert matched[0], "the document's words were answered from the kept lexicon"
    state = _state(empty_graph)
    assert state == _full_without_kept(empty_graph, corpus, registry, schema_file)
