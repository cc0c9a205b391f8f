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

from pydantic import BaseModel, ConfigDict, Field

from kgraph.ontology import Language
from loaders.extract.datafile import Counted, read_model, write_model

CALIBRATION_FILE = Path(__file__).with_name("calibration.yaml")
_SHOWN = "loaders/extract/calibration.yaml"
#: How many proposals the pattern file's own confidence counts as.
PRIOR_WEIGHT = 2


class Measured(Counted):
    """What a rule proposed in the measurement (at least once: a rule that proposed nothing
    is not in the file), and how much of it was right."""

    proposed: int = Field(ge=1)

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
    if not path.is_file():
        return None
    return read_model(path, _SHOWN if path == CALIBRATION_FILE else str(path), Calibration)


def write_calibration(calibration: Calibration, path: Path = CALIBRATION_FILE) -> None:
    header = (
        "# Written by scripts/calibrate_rules.py (leave one document out on the corpus);\n"
        "# do not edit by hand: rerun the script. loaders/extract/calibration.py says how a\n"
        "# rule's confidence follows from these counts.\n"
    )
    write_model(calibration, path, header, sort_keys=True)
