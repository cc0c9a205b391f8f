"""Small registries of real facts, written to a folder, for tests that load their own graph."""

from __future__ import annotations

from pathlib import Path

#: The final report, whose passages back the facts below.
REPORT = "000_82ade397896eee5f"

#: Doc 000: Business Finland granted BATCircle3.0 13.4 million euros.
FUNDING = f"""\
- s: project:batcircle3
  p: FUNDED_BY
  o: org:business-finland
  props: {{amount_eur: 13400000}}
  evidence:
    - {{doc: {REPORT}, anchor: "myönsi hankkeelle 13,4 miljoonaa euroa"}}
"""

#: The two entities FUNDING names.
FUNDING_ENTITIES = """\
- id: project:batcircle3
  type: Project
  name: BATCircle3.0
- id: org:business-finland
  type: Organisation
  name: Business Finland
  props: {kind: funder}
"""


def write_registry(root: Path, entities: str, facts: str) -> Path:
    """A registry folder under ``root`` with one entities file and one facts file."""
    folder = root / "registry"
    (folder / "entities").mkdir(parents=True, exist_ok=True)
    (folder / "entities" / "test.yaml").write_text(entities, encoding="utf-8")
    (folder / "facts.yaml").write_text(facts, encoding="utf-8")
    return folder
