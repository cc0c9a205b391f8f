"""The extractor's generated data files (``calibration.yaml``, ``learned.yaml``): what a
measurement counted, read back into a pydantic model with every problem a ``PatternError``
naming the file and the field, and written with a header saying which script made it."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kgraph.errors import PatternError

M = TypeVar("M", bound=BaseModel)


class Counted(BaseModel):
    """What a rule or pattern proposed when measured, and how much of it was right."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    right: int = Field(ge=0)
    proposed: int = Field(ge=0)

    @model_validator(mode="after")
    def _at_most_proposed(self) -> Counted:
        if self.right > self.proposed:
            raise ValueError(f"right ({self.right}) is more than proposed ({self.proposed})")
        return self


def read_model(path: Path, shown: str, model: type[M]) -> M:
    """``path`` (named ``shown`` in errors) as a ``model``; a ``PatternError`` on a bad one."""
    try:
        return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else None
        raise PatternError(shown, f"invalid YAML: {error}", line) from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise PatternError(shown, f"{where}: {message}" if where else message) from error


def write_model(data: BaseModel, path: Path, header: str, *, sort_keys: bool) -> None:
    """``data`` as YAML under ``header`` (comment lines)."""
    text = yaml.safe_dump(data.model_dump(mode="json"), sort_keys=sort_keys, allow_unicode=True)
    path.write_text(header + text, "utf-8")
