"""Power users' Cypher, read-only: Neo4j's own plan decides, a text screen filters first.

Three guards, one after the other:

1. ``check_text`` screens the text as Cypher reads it (``cypher_code``): ``\\uXXXX`` escapes
   decoded first (Neo4j's parser decodes them anywhere in a query, before it splits tokens, so
   ``db.l\\u0061bels`` names ``db.labels`` and ``\\u000a`` ends a comment), then comments, string
   literals and quotes removed. A ``//`` comment ends, for Cypher, at ``\\n`` or ``\\r``; the
   screen ends it at every line terminator Python knows (``\\u2028``, ``\\u0085``...) too, so
   it reads at least as much text as code as Neo4j does. It refuses LOAD CSV, USE, SHOW and
   TERMINATE of others' work, administration commands and procedures outside a short list,
   and ``CYPHER`` query options outside ``ALLOWED_OPTIONS`` (``debug=...`` shows planner
   internals and writes traces to the server's log).
2. ``check_plan`` reads what Neo4j planned for the query (EXPLAIN, in a READ transaction,
   nothing runs): the query is admitted only when its ``query_type`` is ``r`` and every
   operator of the plan is on ``READ_OPERATORS``, every ``ProcedureCall`` naming one of
   ``ALLOWED_PROCEDURES``. This is the guard that does not depend on reading Cypher right:
   ``SHOW SETTINGS``, ``TERMINATE TRANSACTIONS`` and ``LOAD CSV`` are reads to Neo4j
   (``query_type`` ``r``) but their operators are not on the list.
3. The query then runs in a READ transaction with a time limit: the server refuses writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from kgraph.errors import ReadOnlyViolation

#: ``\\uXXXX`` where the backslash is not itself escaped (an even number of backslashes before
#: it), as Java-style unicode escapes are read: ``\\\\u0027`` is a backslash and ``u0027``.
_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})")
#: Every line terminator ``str.splitlines`` knows; Cypher ends a // comment at the first two.
LINE_TERMINATORS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# One pass from left to right, so a quote inside a comment or a // inside a name is not
# mistaken for the start of something else. A quoted name is still a name:
# `dbms`.`listConfig` calls dbms.listConfig, so names keep their text, unquoted.
_TOKENS = re.compile(
    rf"(?P<skip>//[^{LINE_TERMINATORS}]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\")"
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
#: Plan operators that only read (Neo4j 5 names, without the ``@database`` suffix): scans and
#: seeks, expansions and path searches, filters, projections, joins, sorting, aggregation,
#: subquery plumbing, and the SHOW listings the text screen lets through. No LoadCSV, no
#: Show*/Terminate* of settings, transactions or users, no write, schema or admin operator,
#: no RunQueryAt (USE). ProcedureCall is on it; the procedure is checked by name.
READ_OPERATORS = frozenset((
    "AllNodesScan", "NodeByLabelScan", "NodeByIdSeek", "NodeByElementIdSeek", "NodeIndexSeek",
    "NodeUniqueIndexSeek", "NodeIndexScan", "NodeIndexContainsScan", "NodeIndexEndsWithScan",
    "NodeIndexSeekByRange", "NodeUniqueIndexSeekByRange", "MultiNodeIndexSeek",
    "AssertingMultiNodeIndexSeek", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan",
    "SubtractionNodeByLabelsScan", "DirectedAllRelationshipsScan",
    "UndirectedAllRelationshipsScan", "DirectedRelationshipTypeScan",
    "UndirectedRelationshipTypeScan", "DirectedUnionRelationshipTypesScan",
    "UndirectedUnionRelationshipTypesScan", "DirectedRelationshipByIdSeek",
    "UndirectedRelationshipByIdSeek", "DirectedRelationshipByElementIdSeek",
    "UndirectedRelationshipByElementIdSeek", "DirectedRelationshipIndexSeek",
    "UndirectedRelationshipIndexSeek", "DirectedRelationshipUniqueIndexSeek",
    "UndirectedRelationshipUniqueIndexSeek", "DirectedRelationshipIndexScan",
    "UndirectedRelationshipIndexScan", "DirectedRelationshipIndexContainsScan",
    "UndirectedRelationshipIndexContainsScan", "DirectedRelationshipIndexEndsWithScan",
    "UndirectedRelationshipIndexEndsWithScan", "DirectedRelationshipIndexSeekByRange",
    "UndirectedRelationshipIndexSeekByRange", "DirectedRelationshipUniqueIndexSeekByRange",
    "UndirectedRelationshipUniqueIndexSeekByRange", "NodeCountFromCountStore",
    "RelationshipCountFromCountStore", "Expand(All)", "Expand(Into)", "OptionalExpand(All)",
    "OptionalExpand(Into)", "VarLengthExpand(All)", "VarLengthExpand(Into)",
    "VarLengthExpand(Pruning)", "VarLengthExpand(Pruning,BFS)", "BFSPruningVarExpand",
    "ShortestPath", "StatefulShortestPath(All)", "StatefulShortestPath(Into)", "Repeat(Trail)",
    "Repeat(Walk)", "NullifyMetadata", "Trail", "ProjectEndpoints", "Filter", "Projection",
    "ProduceResults", "Limit", "ExhaustiveLimit", "Skip", "Sort", "PartialSort", "Top",
    "PartialTop", "Distinct", "OrderedDistinct", "EagerAggregation", "OrderedAggregation",
    "Unwind", "Optional", "Apply", "SemiApply", "AntiSemiApply", "SelectOrSemiApply",
    "SelectOrAntiSemiApply", "LetSemiApply", "LetAntiSemiApply", "LetSelectOrSemiApply",
    "LetSelectOrAntiSemiApply", "RollUpApply", "ConditionalApply", "AntiConditionalApply",
    "CartesianProduct", "NodeHashJoin", "ValueHashJoin", "NodeLeftOuterHashJoin",
    "NodeRightOuterHashJoin", "Union", "OrderedUnion", "Argument", "ArgumentTracker", "Eager",
    "EmptyRow", "EmptyResult", "CacheProperties", "TriadicSelection", "TriadicBuild",
    "TriadicFilter", "AssertSameNode", "AssertSameRelationship", "PreserveOrder", "Anti",
    "ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions", "ProcedureCall",
))  # fmt: skip
_PROCEDURE_NAME = re.compile(r"\s*([\w.`]+)\s*\(")
#: ``CYPHER`` and the options after it: a version, then ``key=value`` pairs.
_OPTIONS = re.compile(r"\bCYPHER((?:\s+\d+(?:\.\d+)?)?(?:\s+\w+\s*=\s*\w+)+)", re.IGNORECASE)
_OPTION = re.compile(r"(\w+)\s*=\s*(\w+)")
#: Query options a power user may set: which runtime, planner and engines run the query.
#: Not ``debug`` (``debug=tostring`` answered the planner's internal state, JVM class names and
#: identity hashes; ``debug=printcostcomparisons`` wrote 760 KB of planner traces per query to
#: the server's console log), nor ``inverse_cost`` and the like (the costliest plan).
ALLOWED_OPTIONS = {
    "runtime": {"slotted", "interpreted", "pipelined", "parallel"},
    "planner": {"cost", "idp", "dp", "default"},
    "expressionengine": {"default", "interpreted", "compiled"},
    "operatorengine": {"default", "interpreted", "compiled"},
    "interpretedpipelinesfallback": {"default", "disabled", "whitelisted_plans_only", "all"},
}
MAX_QUERY_CHARS = 20_000


def cypher_code(query: str) -> str:
    """The query as Cypher reads it, for screening: escapes decoded, comments and string
    literals blanked, quoted names unquoted, every kind of white space a plain space."""
    decoded = _UNICODE_ESCAPE.sub(lambda m: m[1] + chr(int(m[2], 16)), query)
    code = _TOKENS.sub(lambda m: " " if m["skip"] else f" {m['name']} ", decoded)
    return "".join(" " if ch.isspace() else ch for ch in code)


def check_text(query: str) -> None:
    """Refuse, from the text, what a read transaction would allow but we do not."""
    if len(query) > MAX_QUERY_CHARS:
        raise ReadOnlyViolation(f"the query is longer than {MAX_QUERY_CHARS} characters")
    code = cypher_code(query)
    for reason, pattern in _REFUSED.items():
        if pattern.search(code):
            raise ReadOnlyViolation(f"refused: {reason}")
    if _SHOW.search(code):
        raise ReadOnlyViolation(
            "refused: SHOW may list indexes, constraints, procedures and functions only"
        )
    for match in _CALLED.finditer(code):
        _check_procedure(re.sub(r"\s+", "", match[1]))
    for options in _OPTIONS.finditer(code):
        for key, value in _OPTION.findall(options[1]):
            if value.lower() not in ALLOWED_OPTIONS.get(key.lower(), ()):
                raise ReadOnlyViolation(
                    f"refused: the query option {key[:40]}={value[:40]} is not allowed here "
                    f"(allowed: {', '.join(sorted(ALLOWED_OPTIONS))}, with their usual values)"
                )


def _check_procedure(name: str) -> None:
    if name.replace("`", "").lower() not in ALLOWED_PROCEDURES:
        raise ReadOnlyViolation(
            f"refused: procedure '{name[:100]}' is not one of the read-only procedures allowed "
            "here (schema overviews and index searches)"
        )


def operators(plan: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every operator of a plan (the driver's dict form), parents before children."""
    stack = [plan]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.get("children") or []))


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Admit a query only if Neo4j planned it as a read made of read operators."""
    if query_type != "r":
        kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or the server"}
        raise ReadOnlyViolation(
            "writes are not allowed here: Neo4j plans this query as one that "
            + kind.get(query_type or "", f"is of type {query_type!r}")
        )
    if not plan:
        raise ReadOnlyViolation("refused: Neo4j gave no plan to check this query against")
    for node in operators(plan):
        name = str(node.get("operatorType", "")).split("@")[0]
        if name not in READ_OPERATORS:
            raise ReadOnlyViolation(
                f"refused: the plan uses the operator {name[:60]}, which is not on the "
                "read-only list (LOAD CSV, SHOW and TERMINATE of settings, transactions or "
                "users, USE and administration are refused)"
            )
        if name == "ProcedureCall":
            details = str((node.get("args") or {}).get("Details", ""))
            called = _PROCEDURE_NAME.match(details)
            _check_procedure(called[1] if called else details)
