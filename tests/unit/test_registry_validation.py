"""Bad registry input is refused with the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import RegistryError
from loaders.sources.registry import load_registry

CITY = """\
- id: city:kokkola
  type: City
  name: Kokkola
  name_sv: Karleby
"""
ORG = """\
- id: org:university-of-oulu
  type: Organisation
  name: University of Oulu
  name_fi: Oulun yliopisto
  props: {kind: university}
"""
FACT = """\
- s: org:university-of-oulu
  p: LOCATED_IN
  o: city:kokkola
  evidence:
    - {doc: 000_82ade397896eee5f, anchor: "Oulun yliopisto/Kokkolan yliopistokeskus"}
"""


@pytest.fixture(autouse=True)
def in_the_folder_of_the_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as a user in the folder holding ``registry/``: errors name files from there."""
    monkeypatch.chdir(tmp_path)


def write_registry(root: Path, entities: str = CITY + ORG, facts: str = FACT, **extra: str) -> Path:
    registry = root / "registry"
    (registry / "entities").mkdir(parents=True)
    (registry / "entities" / "all.yaml").write_text(entities, encoding="utf-8")
    (registry / "facts.yaml").write_text(facts, encoding="utf-8")
    for name, text in extra.items():
        (registry / f"{name}.yaml").write_text(text, encoding="utf-8")
    return registry


def refused(registry: Path) -> RegistryError:
    with pytest.raises(RegistryError) as caught:
        load_registry(registry)
    return caught.value


def test_a_valid_registry_loads_with_lines_recorded(tmp_path: Path) -> None:
    registry = load_registry(write_registry(tmp_path))
    assert [e.item.id for e in registry.entities] == ["city:kokkola", "org:university-of-oulu"]
    assert registry.entities[1].line == 5
    assert registry.facts[0].item.key == "org:university-of-oulu|LOCATED_IN|city:kokkola"
    assert len(registry.digest) == 64


def test_unknown_object_reference_names_file_and_line(tmp_path: Path) -> None:
    error = refused(write_registry(tmp_path, facts=FACT.replace("city:kokkola", "city:vasa")))
    assert (error.file, error.line) == ("registry/facts.yaml", 1)
    assert "object 'city:vasa' is not a defined entity" in error.reason


def test_duplicate_entity_id_points_at_both_places(tmp_path: Path) -> None:
    error = refused(write_registry(tmp_path, entities=CITY + ORG + CITY))
    assert error.line == 10
    assert "duplicate entity id 'city:kokkola' (first defined at registry/entities/all.yaml:1)" in (
        error.reason
    )


def test_bad_date_names_the_field_line(tmp_path: Path) -> None:
    facts = FACT.replace("  evidence:", '  valid_from: "2024-13-01"\n  evidence:')
    error = refused(write_registry(tmp_path, facts=facts))
    assert error.line == 4
    assert error.reason.startswith("valid_from:")


def test_end_before_start_is_refused(tmp_path: Path) -> None:
    facts = FACT.replace(
        "  evidence:", '  valid_from: "2026-08-31"\n  valid_to: "2023-09-01"\n  evidence:'
    )
    error = refused(write_registry(tmp_path, facts=facts))
    assert "valid_to 2023-09-01 is before valid_from 2026-08-31" in error.reason


def test_negative_amount_is_refused(tmp_path: Path) -> None:
    facts = FACT.replace("  evidence:", "  props: {amount_eur: -500000}\n  evidence:")
    error = refused(write_registry(tmp_path, facts=facts))
    assert "props.amount_eur must be a non-negative number of euros" in error.reason


def test_unknown_predicate_is_refused(tmp_path: Path) -> None:
    error = refused(write_registry(tmp_path, facts=FACT.replace("LOCATED_IN", "LIVES_NEAR")))
    assert error.line == 2
    assert "unknown predicate 'LIVES_NEAR'" in error.reason


def test_fact_without_evidence_is_refused(tmp_path: Path) -> None:
    facts = FACT.split("  evidence:")[0]
    error = refused(write_registry(tmp_path, facts=facts))
    assert "evidence: Field required" in error.reason


def test_id_prefix_must_match_type(tmp_path: Path) -> None:
    error = refused(write_registry(tmp_path, entities=CITY.replace("type: City", "type: Country")))
    assert "must start with 'country:'" in error.reason


def test_unknown_field_is_refused_at_its_line(tmp_path: Path) -> None:
    entities = CITY + "  population: 48000\n" + ORG
    error = refused(write_registry(tmp_path, entities=entities))
    assert error.line == 5
    assert "population: Extra inputs are not permitted" in error.reason


def test_unknown_organisation_kind_is_refused(tmp_path: Path) -> None:
    error = refused(write_registry(tmp_path, entities=CITY + ORG.replace("university}", "club}")))
    assert error.line == 9
    assert "props.kind 'club' is not one of" in error.reason


def test_bad_doi_is_refused(tmp_path: Path) -> None:
    pub = "- id: pub:x\n  type: Publication\n  name: X\n  props: {doi: 'doi.org/10.1/x'}\n"
    error = refused(write_registry(tmp_path, entities=CITY + ORG + pub))
    assert "is not a DOI" in error.reason


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    error = refused(write_registry(tmp_path, facts=FACT + "- s: [unclosed\n"))
    assert error.file == "registry/facts.yaml"
    assert error.line == 7
    assert error.reason.startswith("invalid YAML")


def test_wrong_encoding_is_refused(tmp_path: Path) -> None:
    registry = write_registry(tmp_path)
    (registry / "facts.yaml").write_bytes(
        FACT.replace("Oulun", "Oulun ").encode("latin-1") + b"\xe4"
    )
    error = refused(registry)
    assert error.reason.startswith("not UTF-8")
    assert error.line == 6


def test_empty_file_is_refused(tmp_path: Path) -> None:
    error = refused(write_registry(tmp_path, facts="\n\n"))
    assert (error.file, error.reason) == (
        "registry/facts.yaml",
        "the file is empty (expected a YAML list)",
    )


def test_a_mapping_instead_of_a_list_is_refused(tmp_path: Path) -> None:
    error = refused(write_registry(tmp_path, facts="s: org:university-of-oulu\n"))
    assert error.reason == "expected a YAML list of entries"


def test_identity_decision_needs_exactly_one_kind(tmp_path: Path) -> None:
    identity = (
        "- same: [city:kokkola]\n"
        "  distinct: [city:kokkola, org:university-of-oulu]\n"
        "  reason: both\n"
    )
    error = refused(write_registry(tmp_path, identity=identity))
    assert error.file == "registry/identity.yaml"
    assert "give exactly one of 'same' or 'distinct'" in error.reason


def test_same_fact_twice_needs_an_id(tmp_path: Path) -> None:
    error = refused(write_registry(tmp_path, facts=FACT + FACT))
    assert error.line == 6
    assert "duplicate fact" in error.reason


def test_error_message_reads_file_line_reason(tmp_path: Path) -> None:
    error = refused(write_registry(tmp_path, facts=FACT.replace("city:kokkola", "city:vasa")))
    assert str(error) == "registry/facts.yaml:1: object 'city:vasa' is not a defined entity"


def test_props_may_not_override_what_the_loader_sets(tmp_path: Path) -> None:
    facts = FACT.replace("  evidence:", "  props: {stated: false}\n  evidence:")
    error = refused(write_registry(tmp_path, facts=facts))
    assert error.line == 4
    assert "props.stated is not allowed" in error.reason


def test_the_same_fact_in_two_files_is_one_fact_with_both_evidence(tmp_path: Path) -> None:
    folder = write_registry(tmp_path)
    other = FACT.replace(
        'anchor: "Oulun yliopisto/Kokkolan yliopistokeskus"', 'anchor: "Kokkola (Oulun yliopisto)"'
    )
    (folder / "facts_other.yaml").write_text(other, encoding="utf-8")
    registry = load_registry(folder)
    assert len(registry.facts) == 1
    assert [e.anchor for e in registry.facts[0].item.evidence] == [
        "Oulun yliopisto/Kokkolan yliopistokeskus",
        "Kokkola (Oulun yliopisto)",
    ]


def test_the_same_fact_in_two_files_with_other_props_is_refused(tmp_path: Path) -> None:
    folder = write_registry(tmp_path)
    other = FACT.replace("  evidence:", "  props: {role: partner}\n  evidence:")
    (folder / "facts_other.yaml").write_text(other, encoding="utf-8")
    error = refused(folder)
    assert error.file == "registry/facts_other.yaml"
    assert "is also stated at registry/facts.yaml:1 with other properties" in error.reason


def test_a_bad_anchor_of_a_fact_stated_in_two_files_names_the_file_that_gave_it(
    tmp_path: Path,
) -> None:
    from loaders.sources.corpus import Document, ManifestEntry, split_passages
    from loaders.sources.evidence import resolve_evidence

    folder = write_registry(tmp_path)
    other = FACT.replace("Oulun yliopisto/Kokkolan yliopistokeskus", "not in the document")
    (folder / "facts_other.yaml").write_text("# the same fact, again\n" + other, encoding="utf-8")
    registry = load_registry(folder)
    text = "Oulun yliopisto/Kokkolan yliopistokeskus\n"
    entry = ManifestEntry(id="000_82ade397896eee5f", file="x.txt", language="fi", kind="report",
                          title="t", publisher="p", sha256="0" * 64)  # fmt: skip
    doc = Document(entry=entry, raw_sha256="0" * 64, cleaned=text,
                   passages=split_passages(entry.id, text))  # fmt: skip
    with pytest.raises(RegistryError) as caught:
        resolve_evidence(registry, {entry.id: doc})
    assert (caught.value.file, caught.value.line) == ("registry/facts_other.yaml", 2)
    assert "anchor 'not in the document' does not occur" in caught.value.reason


def test_a_file_in_the_repository_is_named_from_its_root_wherever_the_command_runs(
    tmp_path: Path,
) -> None:
    from kgraph.settings import PROJECT_ROOT
    from loaders.sources.registry import shown

    facts = PROJECT_ROOT / "loaders" / "registry" / "facts_report.yaml"
    assert shown(facts) == "loaders/registry/facts_report.yaml"  # cwd: a folder elsewhere
    assert shown(tmp_path / "registry" / "facts.yaml") == "registry/facts.yaml"  # from cwd
    elsewhere = Path("/var/tmp/kgraph-nowhere/registry/facts.yaml")
    assert shown(elsewhere) == str(elsewhere)  # neither: the whole path
