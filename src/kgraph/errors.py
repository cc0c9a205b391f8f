"""The one exception tree of kgraph.

    KGraphError
    ├── ConfigError            settings that cannot work (placeholder password outside development)
    ├── ServerError            the project-managed Neo4j cannot be fetched, started or stopped
    │   └── MissingTool        java or mvn is not on PATH
    ├── GraphUnavailable       Neo4j does not answer (network, auth, database not there)
    │   └── CredentialsRefused Neo4j refused the user or password kgraph was given
    ├── QueryError             Neo4j refused the statement (syntax, semantics, a procedure's)
    │   ├── QueryTimeout       a query ran past its time limit
    │   ├── ReadOnlyViolation  a write or administration attempt through a read-only path
    │   └── InputOutOfBounds   a query or its parameters exceed a bound checked before Neo4j
    ├── Neo4jFault             Neo4j or its driver failed, not the statement (undecodable value)
    ├── LoadInterrupted        a load stopped before it committed; the graph is unchanged
    ├── Overloaded             the API runs as many ad-hoc queries as it allows; retry soon
    ├── SchemaError            graph/schema.cypher is malformed
    ├── CorpusError            a document or the manifest is missing, changed or unreadable
    ├── RegistryError          the curated registry has a bad entry (file, line, reason)
    ├── PatternError           an extraction rule file has a bad rule (file, line, reason)
    ├── QuestionError          a question file is malformed, or a parameter value is invalid
    │   └── NotUnderstood      a sentence given to /ask that no reading rule maps, word by word
    ├── ReadingRuleError       a reading rule of /ask (kgraph/ask/rules/*.yaml) is invalid
    ├── MentionIndexError      a name cannot be indexed for mention matching (no word in it)
    ├── NotFound               an entity or named question does not exist
    ├── ReviewRefused          a review decision that cannot be applied (bad edit, unknown key)
    ├── ReviewConflict         a review made on an older version of the proposals or registry
    └── AccessDenied           a request without the API key a protected endpoint needs
        └── CrossSiteRefused   a write the browser says came from another site

Errors are raised where they happen; driver errors are translated once, in ``kgraph.db.graph``.
"""

from __future__ import annotations


class KGraphError(Exception):
    """Root of every error kgraph raises on purpose."""


class ConfigError(KGraphError):
    """Settings that cannot work."""


class ServerError(KGraphError):
    """The project-managed Neo4j server could not be fetched, started or stopped."""


class MissingTool(ServerError):
    """A program the managed server needs (java, mvn) is not installed."""

    def __init__(self, tool: str, why: str) -> None:
        self.tool = tool
        super().__init__(f"'{tool}' was not found on PATH: {why}")


class GraphUnavailable(KGraphError):
    """Neo4j cannot be reached or refuses the credentials."""


class CredentialsRefused(GraphUnavailable):
    """Neo4j refused the user or password kgraph connected with."""


class QueryError(KGraphError):
    """Neo4j refused the statement (its syntax, its semantics, a procedure it calls)."""


class Neo4jFault(KGraphError):
    """Neo4j or its driver failed a query through no fault of the statement."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was terminated by the server."""


class ReadOnlyViolation(QueryError):
    """A write or administration attempt through a read-only path."""


class InputOutOfBounds(QueryError):
    """A query or its parameters exceed a bound checked before Neo4j sees them."""


class LoadInterrupted(KGraphError):
    """A load stopped before it committed; the graph is as it was before it started."""


class Overloaded(KGraphError):
    """The API runs as many of a kind of request at once as it allows; another must wait."""


class SchemaError(KGraphError):
    """graph/schema.cypher holds a statement kgraph cannot apply."""


class _LocatedError(KGraphError):
    """An error about a place in a file: ``file:line: reason``."""

    def __init__(self, file: str, reason: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.reason = reason
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {reason}")


class CorpusError(_LocatedError):
    """A corpus document or the manifest is missing, changed or unreadable."""


class RegistryError(_LocatedError):
    """An entry of the curated registry is invalid."""


class PatternError(_LocatedError):
    """A rule of the extractor's pattern files (loaders/extract/patterns/) is invalid."""


class QuestionError(KGraphError):
    """A question file is malformed, or a parameter value is invalid."""


class NotUnderstood(QuestionError):
    """A sentence no reading rule maps: the words not understood are named, nothing is run."""

    def __init__(self, sentence: str, words: list[str], why: str) -> None:
        self.sentence = sentence
        self.words = words
        super().__init__(why)


class ReadingRuleError(_LocatedError):
    """A reading rule of ``/ask`` is invalid (file, line, reason)."""


class MentionIndexError(KGraphError):
    """A name cannot be indexed (it has no word in it)."""


class NotFound(KGraphError):
    """An entity, question or other named thing does not exist."""

    def __init__(
        self, what: str, key: str, suggestions: list[str] | None = None, *, where: str = ""
    ) -> None:
        self.what = what
        self.key = key
        self.suggestions = suggestions or []
        super().__init__(f"no {what} '{key}'" + (f" ({where})" if where else ""))


class AccessDenied(KGraphError):
    """A request lacks the API key that a protected endpoint needs."""


class CrossSiteRefused(AccessDenied):
    """A write that the browser says another site started (Origin, Sec-Fetch-Site)."""


class ReviewRefused(KGraphError):
    """A review decision that cannot be applied; nothing was written."""


class ReviewConflict(KGraphError):
    """Someone else reviewed since this page was read; nothing was written."""
