"""Calibrated confidence: a rule's confidence is how often it was right when measured.

``calibration.yaml`` (beside this module) holds, per language and rule id, how many new
entities and facts the rule proposed and how many were right, as measured by leave one
document out on the corpus (``scripts/calibrate_rules.py`` writes it; it is data, never edited
by hand). A measured rule's confidence is then ``(right + 2 * stated) / (proposed + 2)``, where
``stated`` is the confidence its pattern file gives: its measured precision, drawn towards what
its author expected while it has proposed little (the file's confidence counts as two
proposals), so a rule right once of once is not called certain and a rule right 8 times of 14
is not called 0.8. "Accept everything at 0.9 or above" then means about nine of ten right. A
rule never measured keeps the confidence its pattern file gives.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kgraph.errors import PatternError
from kgraph.ontology import Language

CALIBRATION_FILE = Path(__file__).with_name("calibration.yaml")
_SHOWN = "loaders/extract/calibration.yaml"
#: How many proposals the pattern file's own confidence counts as.
PRIOR_WEIGHT = 2


class Measured(BaseModel):
    """What a rule proposed in the measurement, and how much of it was right."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    right: int = Field(ge=0)
    proposed: int = Field(ge=1)

    @model_validator(mode="after")
    def _at_most_proposed(self) -> Measured:
        if self.right > self.proposed:
            raise ValueError(f"right ({self.right}) is more than proposed ({self.proposed})")
        return self

    def confidence(self, stated: float) -> float:
        """The calibrated confidence of a rule whose pattern file says ``stated``."""
        return round((self.right + PRIOR_WEIGHT * stated) / (self.proposed + PRIOR_WEIGHT), 3)


class Calibration(BaseModel):
    """``calibration.yaml``: language -> rule id -> what it was measured to do."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measured_on: str = Field(min_length=1)
    rules: dict[Language, dict[str, Measured]]


def read_calibration(path: Path = CALIBRATION_FILE) -> Calibration | None:
    """The calibration file, or None when there is none; a ``PatternError`` on a bad one."""
    shown = _SHOWN if path == CALIBRATION_FILE else str(path)
    if not path.is_file():
        return None
    try:
        return Calibration.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else None
        raise PatternError(shown, f"invalid YAML: {error}", line) from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PatternError(shown, f"{where}: {first['msg']}") from error


def write_calibration(calibration: Calibration, path: Path = CALIBRATION_FILE) -> None:
    header = (
        "# Written by scripts/calibrate_rules.py (leave one document out on the corpus);\n"
        "# do not edit by hand: rerun the script. loaders/extract/calibration.py says how a\n"
        "# rule's confidence follows from these counts.\n"
    )
    data = calibration.model_dump(mode="json")
    path.write_text(header + yaml.safe_dump(data, sort_keys=True, allow_unicode=True), "utf-8")
