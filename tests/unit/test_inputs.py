"""The inputs' digests: stable for the same files, different for any changed one."""

from __future__ import annotations

import shutil
from pathlib import Path

from kgraph.settings import Settings
from loaders.sources.inputs import read_inputs, registry_digest
from loaders.sources.registry import load_registry


def test_the_registry_digest_is_the_one_the_registry_loader_records() -> None:
    settings = Settings()
    assert registry_digest(settings.registry_dir) == load_registry(settings.registry_dir).digest


def test_the_same_files_give_the_same_digest_and_a_changed_schema_another(tmp_path: Path) -> None:
    settings = Settings()
    schema = tmp_path / "schema.cypher"
    shutil.copy(settings.schema_file, schema)
    first = read_inputs(settings.corpus_dir, settings.registry_dir, schema)
    again = read_inputs(settings.corpus_dir, settings.registry_dir, schema)
    schema.write_text(schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = read_inputs(settings.corpus_dir, settings.registry_dir, schema)

    assert first == again and first.digest == again.digest
    assert changed.schema != first.schema and changed.digest != first.digest
    assert sorted(first.documents) == sorted(e.stem for e in settings.corpus_dir.glob("*.txt"))
