"""Power users' Cypher, read-only: the server enforces it, the text check only adds to it.

Every query runs through ``Graph.read``, in a READ transaction with a time limit, so the
database refuses any write or schema change whatever the text says. Some things a read
transaction still allows are refused by reading the text (comments and string literals
removed, quoted names unquoted): LOAD CSV (reads files and URLs), USE (another database),
SHOW of users, databases, settings or transactions, TERMINATE (ends other people's work),
administration commands (databases, aliases, servers, users, roles, privileges: the READ
transaction refuses them only by accident, because a read ran first in it, and answers with
a 400 as if the query were merely wrong), and every procedure outside a short list of read-only
ones (the server runs ``dbms.*``, ``db.clearQueryCaches`` or ``db.stats.*`` in a read
transaction too).
"""

from __future__ import annotations

import re

from kgraph.errors import ReadOnlyViolation

# One pass from left to right, so a quote inside a comment or a // inside a name is not
# mistaken for the start of something else. A quoted name is still a name:
# `dbms`.`listConfig` calls dbms.listConfig, so names keep their text, unquoted.
_TOKENS = re.compile(
    r"(?P<skip>//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\")"
    r"|`(?P<name>(?:[^`]|``)*)`",
    re.DOTALL,
)
_REFUSED = {
    "LOAD CSV reads files and URLs": re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE),
    "USE switches to another database": re.compile(r"(^|\s)USE\s", re.IGNORECASE),
    "dbms procedures administer the server": re.compile(r"\bdbms\s*\.", re.IGNORECASE),
    "TERMINATE ends other transactions": re.compile(r"(?<!\.)\bTERMINATE\b", re.IGNORECASE),
    # GRANT, DENY and REVOKE only where a statement starts: `RETURN grant ORDER BY` is a read.
    "administration commands manage databases, users, roles and privileges": re.compile(
        r"(^|\s)(CREATE|DROP|ALTER|START|STOP|RENAME)\s+(OR\s+REPLACE\s+)?(COMPOSITE\s+)?"
        r"(CURRENT\s+)?(DATABASE|ALIAS|SERVER|USER|ROLE)S?\b|^\s*(GRANT|DENY|REVOKE)\s",
        re.IGNORECASE,
    ),
}
# SHOW may list the schema and the callable procedures, not users, databases or settings.
_LISTINGS = "INDEX|INDEXES|CONSTRAINT|CONSTRAINTS|PROCEDURE|PROCEDURES|FUNCTION|FUNCTIONS"
_SHOW = re.compile(rf"(?<!\.)\bSHOW\s+(?!(?:\w+\s+){{0,3}}?(?:{_LISTINGS})\b)\w", re.IGNORECASE)
_CALLED = re.compile(r"\bCALL\s+((?:\w+\s*\.\s*)*\w+)", re.IGNORECASE)
#: Procedures a power user may call: schema overviews and index searches, nothing else.
ALLOWED_PROCEDURES = frozenset(
    name.lower()
    for name in (
        "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.info", "db.ping",
        "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
        "db.index.fulltext.listAvailableAnalyzers",
        "db.index.vector.queryNodes", "db.index.vector.queryRelationships",
        "db.awaitIndex", "db.awaitIndexes",
    )
)  # fmt: skip
MAX_QUERY_CHARS = 20_000


def check_text(query: str) -> None:
    """Refuse what a read transaction would allow but we do not."""
    if len(query) > MAX_QUERY_CHARS:
        raise ReadOnlyViolation(f"the query is longer than {MAX_QUERY_CHARS} characters")
    code = _TOKENS.sub(lambda m: " " if m["skip"] else f" {m['name']} ", query)
    for reason, pattern in _REFUSED.items():
        if pattern.search(code):
            raise ReadOnlyViolation(f"refused: {reason}")
    if _SHOW.search(code):
        raise ReadOnlyViolation(
            "refused: SHOW may list indexes, constraints, procedures and functions only"
        )
    for match in _CALLED.finditer(code):
        name = re.sub(r"\s+", "", match[1])
        if name.lower() not in ALLOWED_PROCEDURES:
            raise ReadOnlyViolation(
                f"refused: procedure '{name}' is not one of the read-only procedures allowed "
                "here (schema overviews and index searches)"
            )
