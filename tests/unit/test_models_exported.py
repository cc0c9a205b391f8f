"""``api.models`` exports every schema its modules define, and nothing else (as httpx guards
its public names): routes import from the package, so a schema left out is one they miss."""

from __future__ import annotations

import importlib
import pkgutil

from pydantic import BaseModel

import api.models


def _defined_in_package() -> set[str]:
    names: set[str] = set()
    for info in pkgutil.iter_modules(api.models.__path__):
        module = importlib.import_module(f"api.models.{info.name}")
        names |= {
            name
            for name, value in vars(module).items()
            # pydantic also files each parametrised generic (``Page[Fact]``) in the module
            if name.isidentifier()
            and isinstance(value, type)
            and issubclass(value, BaseModel)
            and value.__module__ == module.__name__
        }
    return names


def test_every_schema_of_the_modules_is_exported_from_the_package() -> None:
    exported = {n for n in api.models.__all__ if isinstance(getattr(api.models, n), type)}
    assert exported == _defined_in_package()


def test_every_exported_name_exists() -> None:
    missing = [n for n in api.models.__all__ if not hasattr(api.models, n)]
    assert missing == []
