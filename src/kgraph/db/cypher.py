"""The core's internal Cypher, in one place: constants and small functions returning text.

Every value travels as a ``$parameter``. The few things Cypher cannot take as parameters
(labels in a pattern, the bound of a variable-length pattern, schema names) are checked
against a fixed set or range, or quoted, before they enter the text. The catalogue's named
questions live apart, in ``kgraph/query/catalogue/*.cypher``.
"""

from __future__ import annotations

from kgraph.errors import QueryError

# -- the server and the schema (db.graph, db.schema) -------------------------------------------
SERVER_COMPONENTS = """
CALL dbms.components() YIELD name, versions, edition
RETURN versions[0] AS version, edition
"""
CONSTRAINT_NAMES = "SHOW CONSTRAINTS YIELD name RETURN name"
INDEX_NAMES = "SHOW INDEXES YIELD name, owningConstraint RETURN *"
#: Every node and its relationships, in batches: a large graph does not fit one transaction.
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def drop_constraint(name: str) -> str:
    """Drop one constraint; names cannot be parameters, so the name is quoted."""
    return f"DROP CONSTRAINT {_quoted(name)} IF EXISTS"


def drop_index(name: str) -> str:
    """Drop one index; names cannot be parameters, so the name is quoted."""
    return f"DROP INDEX {_quoted(name)} IF EXISTS"


def await_indexes(seconds: int) -> str:
    """Wait for every index to come online (the procedure takes no parameter here)."""
    return f"CALL db.awaitIndexes({int(seconds)})"


# -- the graph's generation and status (db.generation, db.status) ------------------------------
#: The newest load: every load records exactly one LoadRun, always as completed.
LATEST_LOAD = """
MATCH (run:LoadRun)
RETURN run.id AS id, run.finished_at AS finished_at
ORDER BY run.finished_at DESC LIMIT 1
"""
COUNTS = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
"""
LABEL_COUNTS = """
MATCH (n) UNWIND labels(n) AS label
RETURN label, count(*) AS count ORDER BY label
"""

# -- the writer's sync (db.writer) ------------------------------------------------------------
#: Node labels the writer manages, each with a uniqueness constraint on ``id``.
MANAGED_LABELS = ("Entity", "Document", "Passage", "Oddity")

CURRENT_NODES = """
MATCH (n) WHERE n:Entity OR n:Document OR n:Passage OR n:Oddity
RETURN n.id AS id, labels(n) AS labels, n._hash AS hash
"""
CURRENT_RELS = """
MATCH ()-[r]->() WHERE r._key IS NOT NULL
RETURN r._key AS key, r._hash AS hash
"""
#: How ``write_rels`` writes: a new relationship, or new properties on a known one.
CREATE_REL = "CREATE (a)-[r:$(row.type)]->(b) SET r = row.props"
UPDATE_REL = "MERGE (a)-[r:$(row.type) {_key: row.props._key}]->(b) SET r = row.props"
DELETE_RELS = "MATCH ()-[r]->() WHERE r._key IN $keys DELETE r"
RECORD_LOAD = """
CREATE (run:LoadRun) SET run = $props
WITH run OPTIONAL MATCH (previous:LoadRun)
WHERE previous.status = 'completed' AND previous.id <> run.id
WITH run, previous ORDER BY previous.finished_at DESC LIMIT 1
FOREACH (_ IN CASE WHEN previous IS NULL THEN [] ELSE [1] END |
  CREATE (run)-[:FOLLOWS]->(previous))
"""


def managed(label: str) -> str:
    """``label`` if the writer manages it; labels cannot be parameters in a pattern."""
    if label not in MANAGED_LABELS:
        raise QueryError(f"'{label}' is not a label kgraph manages ({', '.join(MANAGED_LABELS)})")
    return label


def upsert_nodes(label: str) -> str:
    """Create or replace nodes of one managed label from ``$rows`` (id, props, labels)."""
    return (
        f"UNWIND $rows AS row MERGE (n:{managed(label)} {{id: row.id}}) "
        "SET n = row.props SET n:$(row.labels)"
    )


def write_rels(start_label: str, end_label: str, write: str) -> str:
    """Relationships from ``$rows`` (start, end, type, props) between two managed labels;
    ``write`` is CREATE_REL or UPDATE_REL. Returns how many were written."""
    if write not in (CREATE_REL, UPDATE_REL):
        raise QueryError("a relationship is written with CREATE_REL or UPDATE_REL only")
    return (
        f"UNWIND $rows AS row MATCH (a:{managed(start_label)} {{id: row.start}}) "
        f"MATCH (b:{managed(end_label)} {{id: row.end}}) {write} RETURN count(r) AS written"
    )


def delete_nodes(label: str) -> str:
    """Delete the nodes of one managed label whose ids are in ``$ids``."""
    return f"UNWIND $ids AS id MATCH (n:{managed(label)} {{id: id}}) DETACH DELETE n"


def drop_labels(label: str) -> str:
    """Remove extra labels ``row.drop`` from nodes of one managed label, by ``row.id``."""
    return f"UNWIND $rows AS row MATCH (n:{managed(label)} {{id: row.id}}) REMOVE n:$(row.drop)"


# -- lookups: passages, facts, entities, loads, paths (query.lookups) ---------------------------
ALL_PASSAGE_TEXTS = "MATCH (p:Passage) RETURN p.id AS id, p.text AS text"
PASSAGE_TEXTS = "MATCH (p:Passage) WHERE p.id IN $ids RETURN p.id AS id, p.text AS text"

# Facts: every relationship between two entities. The WHERE clauses keep the query one text
# with parameters; the start point differs so that a given subject or object uses the index.
_FACT_RETURN = """
WITH s, r, o
WHERE ($predicate IS NULL OR type(r) = $predicate)
  AND ($stated IS NULL OR r.stated = $stated)
  AND ($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of)
                      AND (r.valid_to IS NULL OR r.valid_to >= $as_of)))
WITH s, r, o ORDER BY s.id, type(r), o.id, r.fact_id SKIP $offset LIMIT $limit
RETURN r.fact_id AS fact_id, type(r) AS predicate, properties(r) AS props,
       s {.id, .name, .type} AS subject, o {.id, .name, .type} AS object
"""
FACTS_FROM_SUBJECT = "MATCH (s:Entity)-[r]->(o:Entity) WHERE s.id IN $subjects " + (
    "AND ($objects IS NULL OR o.id IN $objects)" + _FACT_RETURN
)
FACTS_FROM_OBJECT = "MATCH (s:Entity)-[r]->(o:Entity) WHERE o.id IN $objects" + _FACT_RETURN
FACTS_ALL = "MATCH (s:Entity)-[r]->(o:Entity)" + _FACT_RETURN

ENTITY_LIST = """
MATCH (e:Entity)
WHERE ($type IS NULL OR e.type = $type)
  AND ($q IS NULL OR toLower(e.name) CONTAINS $q OR toLower(coalesce(e.name_fi, '')) CONTAINS $q
       OR toLower(coalesce(e.name_sv, '')) CONTAINS $q OR toLower(e.aliases_text) CONTAINS $q
       OR e.id CONTAINS $q)
WITH e ORDER BY e.name, e.id
WITH collect(e {.id, .type, .name, .name_fi, .name_sv, aliases: coalesce(e.aliases, [])}) AS found
RETURN size(found) AS total, found[$offset..$offset + $limit] AS items
"""
ENTITY = """
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (p:Passage)-[m:MENTIONS]->(e)
RETURN properties(e) AS props, labels(e) AS labels,
       sum(m.count) AS mentions, count(DISTINCT p.doc_id) AS documents
"""
ENTITY_NAMES = "MATCH (e:Entity) RETURN e.id AS id, e.name AS name"
LOAD_RUNS = """
MATCH (run:LoadRun)
RETURN run {.*} AS run ORDER BY run.started_at DESC SKIP $offset LIMIT $limit
"""

#: The most hops a paths query may take.
MAX_HOPS = 6


def paths(max_hops: int) -> str:
    """Shortest paths of at most ``max_hops`` facts between ``$from`` and ``$to`` entities.

    The bound of a variable-length pattern cannot be a parameter, so it is checked to be an
    integer from 1 to MAX_HOPS and written into the text; ``$limit`` caps the paths.
    """
    if isinstance(max_hops, bool) or not isinstance(max_hops, int):
        raise QueryError(f"max_hops must be an integer, not {max_hops!r}")
    if not 1 <= max_hops <= MAX_HOPS:
        raise QueryError(f"max_hops must be from 1 to {MAX_HOPS}, not {max_hops}")
    return f"""
MATCH (a:Entity) WHERE a.id IN $from
MATCH (b:Entity) WHERE b.id IN $to AND a <> b
MATCH path = allShortestPaths((a)-[*..{max_hops}]-(b))
WHERE all(n IN nodes(path) WHERE n:Entity)
WITH path LIMIT $limit
RETURN [n IN nodes(path) | n {{.id, .name, .type}}] AS nodes,
       [r IN relationships(path) | r {{.*, predicate: type(r),
                                      from: startNode(r).id, to: endNode(r).id}}] AS hops
"""


# -- names and analysis (names.resolve, analysis.analytics) -----------------------------------
ENTITIES_TO_RESOLVE = """
MATCH (e:Entity)
RETURN e.id AS id, e.type AS type, e.name AS name, e.name_fi AS name_fi,
       e.name_sv AS name_sv, coalesce(e.aliases, []) AS aliases
ORDER BY e.id
"""
NETWORK_NODES = """
MATCH (e:Entity)
RETURN e.id AS id, e.type AS type, e.name AS name, e.name_fi AS name_fi
ORDER BY e.id
"""
NETWORK_EDGES = """
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS source, b.id AS target, type(r) AS type, r.fact_id AS fact_id,
       coalesce(r.stated, false) AS stated, r.rule AS rule, r.role AS role,
       r.amount_eur AS amount_eur
ORDER BY r.fact_id
"""
