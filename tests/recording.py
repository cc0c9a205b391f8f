"""A driver that records the text of every query it sends, to prove what reaches Cypher.

It wraps a real driver (nothing is faked): queries still run on the real server.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from neo4j import Query


def _text(query: Any) -> str:
    return str(query.text if isinstance(query, Query) else query)


class _Tx:
    def __init__(self, tx: Any, texts: list[str]) -> None:
        self._tx, self._texts = tx, texts

    def run(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        self._texts.append(_text(query))
        return self._tx.run(query, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)


class _Session:
    def __init__(self, session: Any, texts: list[str]) -> None:
        self._session, self._texts = session, texts

    def __enter__(self) -> _Session:
        self._session.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._session.__exit__(*exc)

    def _wrap(self, work: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(work)  # keeps unit_of_work's timeout and metadata
        def recorded(tx: Any, *args: Any, **kwargs: Any) -> Any:
            return work(_Tx(tx, self._texts), *args, **kwargs)

        return recorded

    def execute_read(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._session.execute_read(self._wrap(work), *args, **kwargs)

    def execute_write(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._session.execute_write(self._wrap(work), *args, **kwargs)

    def run(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        self._texts.append(_text(query))
        return self._session.run(query, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


class RecordingDriver:
    """Delegates to ``driver``; ``texts`` holds every query text sent, in order."""

    def __init__(self, driver: Any) -> None:
        self._driver = driver
        self.texts: list[str] = []

    def execute_query(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        self.texts.append(_text(query))
        return self._driver.execute_query(query, *args, **kwargs)

    def session(self, **kwargs: Any) -> _Session:
        return _Session(self._driver.session(**kwargs), self.texts)

    def close(self) -> None:
        """The wrapped driver belongs to someone else."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._driver, name)
