"""The entity names of one request: each resolved as the type its parameter expects.

A route asks ``Names`` for the ids of each name given; the answer then says back what every
name became (``resolved``) and warns where a name was not matched exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends

from api.deps import ResolverDep
from api.models import ResolvedName
from kgraph.errors import NotFound
from kgraph.names.resolve import Candidate, Resolution, Resolver


class Names:
    """Resolutions made while answering one request, in the order asked."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.made: list[tuple[str, Resolution]] = []

    def ids(self, parameter: str, text: str, type: str | None = None) -> list[str]:
        """The ids ``text`` denotes as a ``type``; 404 with close ids when there is none."""
        try:
            resolution = self.resolver.name(text[:200], type)
        except NotFound as error:
            raise NotFound(
                error.what, error.key, error.suggestions, where=f"parameter '{parameter}'"
            ) from error
        self.made.append((parameter, resolution))
        return resolution.ids

    def ids_of_all(
        self, parameter: str, texts: Iterable[str] | None, type: str | None = None
    ) -> list[str] | None:
        """The ids of several names (any of them), or None when none is given."""
        if not texts:
            return None
        return list(dict.fromkeys(i for text in texts for i in self.ids(parameter, text, type)))

    @property
    def resolved(self) -> list[ResolvedName]:
        return [_said_back(parameter, r, c) for parameter, r in self.made for c in r.chosen]

    @property
    def warnings(self) -> list[str]:
        return [_warning(parameter, r) for parameter, r in self.made if not r.exact]


def _said_back(parameter: str, r: Resolution, c: Candidate) -> ResolvedName:
    return ResolvedName(
        parameter=parameter, given=r.given, expected_type=r.type, id=c.id, name=c.name,
        type=c.type, how=c.how, score=c.score, matched=c.matched,
    )  # fmt: skip


def _warning(parameter: str, r: Resolution) -> str:
    taken = " and ".join(f"{c.name} ({c.id}, {c.type})" for c in r.chosen)
    how = ", ".join(sorted({f"{c.how} match scoring {c.score}" for c in r.chosen}))
    tie = f"; {len(r.chosen)} entities tie and all are used" if len(r.chosen) > 1 else ""
    return f"{parameter}: '{r.given}' is not an exact name; taken as {taken} ({how}){tie}"


async def get_names(resolver: ResolverDep) -> Names:
    return Names(resolver)


NamesDep = Annotated[Names, Depends(get_names)]
