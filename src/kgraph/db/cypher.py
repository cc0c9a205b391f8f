"""The core's internal Cypher, in one place: constants and small functions returning text.

Every value travels as a ``$parameter``. The few things Cypher cannot take as parameters
(labels in a pattern, the bound of a variable-length pattern, schema names) are checked
against a fixed set or range, or quoted, before they enter the text. The catalogue's named
questions live apart, in ``kgraph/query/catalogue/*.cypher``.
"""

from __future__ import annotations

from collections.abc import Collection

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
#: The transactions carrying one call's tag (db.graph.TAG_KEY), as Neo4j lists them.
TAGGED_TRANSACTIONS = """
SHOW TRANSACTIONS YIELD transactionId, metaData
WHERE metaData.kgraph_call = $tag
RETURN transactionId AS id
"""
TERMINATE_TRANSACTIONS = "TERMINATE TRANSACTIONS $ids"


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
#: The newest load's id and the digest of the inputs it read (None for a load that kept none),
#: with the documents' shares it recorded: in full, or (``parts_base`` set) as what differs
#: from the full record of load ``parts_base``, which comes along as ``base_parts``.
LATEST_INPUTS = """
MATCH (run:LoadRun)
WITH run ORDER BY run.finished_at DESC LIMIT 1
OPTIONAL MATCH (base:LoadRun {id: run.document_parts_base})
RETURN run.id AS id, run.inputs_digest AS digest, run.inputs AS inputs,
       run.document_parts AS document_parts, run.document_parts_base AS parts_base,
       base.document_parts AS base_parts
"""
#: The newest load's id, as a document load checks it inside its write transaction.
LATEST_LOAD_ID = "MATCH (run:LoadRun) RETURN run.id AS id ORDER BY run.finished_at DESC LIMIT 1"
#: What a read compares before and after its work, in one round trip: how many loads the graph
#: records (the count store) and the newest one's id and finish time (None before the first
#: load). Every load records exactly one LoadRun; this is db.generation's Stamp.
LOAD_STAMP = """
CALL () { MATCH (run:LoadRun) RETURN count(run) AS loads }
OPTIONAL MATCH (run:LoadRun)
WITH loads, run ORDER BY run.finished_at DESC LIMIT 1
RETURN loads, run.id AS id, run.finished_at AS finished_at
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
#: The part of CURRENT_NODES that documents ``$docs`` own (a load that re-reads only them):
#: the documents, their passages, and entities and oddities with evidence in them.
DOCUMENT_NODES = """
MATCH (n:Document) WHERE n.id IN $docs
RETURN n.id AS id, labels(n) AS labels, n._hash AS hash
UNION ALL
MATCH (n:Passage) WHERE n.doc_id IN $docs
RETURN n.id AS id, labels(n) AS labels, n._hash AS hash
UNION ALL
MATCH (n) WHERE (n:Entity OR n:Oddity)
  AND any(d IN coalesce(n.evidence_docs, []) + coalesce(n.prop_evidence_docs, [])
          WHERE d IN $docs)
RETURN n.id AS id, labels(n) AS labels, n._hash AS hash
"""
#: The part of CURRENT_RELS that documents ``$docs`` own: every relationship of their
#: passages (found by the kg_passage_doc index), and the facts between entities with evidence
#: in them or, inferred, a premise passage in them (one pass over the facts: a list property
#: has no index to look an element up by). Each with its element id, so that the sync
#: deletes what it no longer holds by id (DELETE_RELS_BY_ID) rather than by a scan of
#: every relationship's key.
DOCUMENT_RELS = """
MATCH (p:Passage) WHERE p.doc_id IN $docs
MATCH (p)-[r]-() WHERE r._key IS NOT NULL
RETURN r._key AS key, r._hash AS hash, elementId(r) AS eid
UNION
MATCH (p:Passage) WHERE p.doc_id IN $docs
WITH collect(p.id) AS passages
MATCH (:Entity)-[r]->(:Entity)
WHERE r._key IS NOT NULL
  AND (any(d IN coalesce(r.evidence_docs, []) WHERE d IN $docs)
       OR any(x IN coalesce(r.premise_passages, []) WHERE x IN passages))
RETURN r._key AS key, r._hash AS hash, elementId(r) AS eid
"""
#: How ``write_rels`` writes: a new relationship, or new properties on a known one.
CREATE_REL = "CREATE (a)-[r:$(row.type)]->(b) SET r = row.props"
UPDATE_REL = "MERGE (a)-[r:$(row.type) {_key: row.props._key}]->(b) SET r = row.props"
DELETE_RELS = "MATCH ()-[r]->() WHERE r._key IN $keys DELETE r"
#: Relationships by the element ids a read of the same transaction gave: a seek by id each.
DELETE_RELS_BY_ID = "MATCH ()-[r]->() WHERE elementId(r) IN $ids DELETE r"
RECORD_LOAD = """
CREATE (run:LoadRun) SET run = $props
WITH run OPTIONAL MATCH (previous:LoadRun)
WHERE previous.status = 'completed' AND previous.id <> run.id
WITH run, previous ORDER BY previous.finished_at DESC LIMIT 1
FOREACH (_ IN CASE WHEN previous IS NULL THEN [] ELSE [1] END |
  CREATE (run)-[:FOLLOWS]->(previous))
"""
#: The load history kept: the newest ``$keep`` loads, and one more between prunings. Two go at
#: a time so that the count of loads changes with every load, as it did before there was a
#: limit: reads compare it before and after their work (db.generation), and a count that stayed
#: at ``$keep`` would leave them only the newest load's id, which once let a straddled read
#: through. Run in the load's own transaction, after RECORD_LOAD.
PRUNE_LOADS = """
MATCH (run:LoadRun)
WITH run ORDER BY run.finished_at DESC
WITH collect(run) AS runs
WHERE size(runs) > $keep + 1
UNWIND runs[$keep..] AS old
DETACH DELETE old
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


# -- lookups: passages (query.evidence), facts, entities, loads, paths (query.lookups) ----------
#: Passages with what evidence items say of their document (its title and kind).
_PASSAGE_SOURCE = """
OPTIONAL MATCH (d:Document {id: p.doc_id})
RETURN p.id AS id, p.text AS text, d.title AS doc_title, d.kind AS doc_kind,
       p.pages AS pages, p.heading_path AS heading_path, d.original IS NOT NULL AS has_original
"""
ALL_PASSAGE_TEXTS = "MATCH (p:Passage)" + _PASSAGE_SOURCE
PASSAGE_TEXTS = "MATCH (p:Passage) WHERE p.id IN $ids" + _PASSAGE_SOURCE

# Facts: every relationship between two entities. The WHERE clauses keep the query one text
# with parameters; the start point differs so that a given subject or object uses the index.
# With ``$as_of``, an undated fact (neither valid_from nor valid_to) is kept when
# ``$undated_too`` is true: the sources give it no period, not a period that excludes the date.
_FACT_FILTER = """
WITH s, r, o
WHERE ($predicate IS NULL OR type(r) = $predicate)
  AND ($stated IS NULL OR r.stated = $stated)
  AND ($provenance IS NULL OR coalesce(r.provenance,
       CASE WHEN r.stated THEN 'curated' ELSE 'inferred' END) = $provenance)
  AND ($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of)
                      AND (r.valid_to IS NULL OR r.valid_to >= $as_of)
                      AND ($undated_too OR r.valid_from IS NOT NULL OR r.valid_to IS NOT NULL)))
"""
_FACT_RETURN = (
    _FACT_FILTER
    + """
WITH s, r, o ORDER BY s.id, type(r), o.id, r.fact_id SKIP $offset LIMIT $limit
RETURN r.fact_id AS fact_id, type(r) AS predicate, properties(r) AS props,
       s {.id, .name, .type} AS subject, o {.id, .name, .type} AS object
"""
)
#: How many facts the same filter matches in all, and how many of them are undated.
_FACT_COUNT = (
    _FACT_FILTER
    + """
RETURN count(r) AS total,
       count(CASE WHEN r.valid_from IS NULL AND r.valid_to IS NULL THEN 1 END) AS undated
"""
)
_FROM_SUBJECT = "MATCH (s:Entity)-[r]->(o:Entity) WHERE s.id IN $subjects " + (
    "AND ($objects IS NULL OR o.id IN $objects)"
)
_FROM_OBJECT = "MATCH (s:Entity)-[r]->(o:Entity) WHERE o.id IN $objects"
_ALL_FACTS = "MATCH (s:Entity)-[r]->(o:Entity)"
FACTS_FROM_SUBJECT = _FROM_SUBJECT + _FACT_RETURN
FACTS_FROM_OBJECT = _FROM_OBJECT + _FACT_RETURN
FACTS_ALL = _ALL_FACTS + _FACT_RETURN
COUNT_FACTS_FROM_SUBJECT = _FROM_SUBJECT + _FACT_COUNT
COUNT_FACTS_FROM_OBJECT = _FROM_OBJECT + _FACT_COUNT
COUNT_FACTS_ALL = _ALL_FACTS + _FACT_COUNT

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
#: Entities an extractor proposed and the latest load included (provenance 'extracted').
PROPOSED_ENTITIES = """
MATCH (e:Entity) WHERE e.provenance = 'extracted'
RETURN properties(e) AS props ORDER BY e.id
"""
DOCUMENT_IDS = "MATCH (d:Document) RETURN d.id AS id ORDER BY d.id"
LOAD_RUNS = """
MATCH (run:LoadRun)
RETURN run {.*} AS run ORDER BY run.started_at DESC SKIP $offset LIMIT $limit
"""

#: The most hops a paths query may take.
MAX_HOPS = 6


def paths(max_hops: int) -> str:
    """Shortest paths of at most ``max_hops`` facts between ``$from`` and ``$to`` entities.

    Every node on the way must be an Entity (facts, not passages, connect them), and that
    condition is inside the pattern, so the shortest-path search applies it while it
    searches: ``allShortestPaths`` with the same condition as a WHERE may fall back to an
    exhaustive search of every path when the shortest one fails it. The bound of a
    quantified pattern cannot be a parameter, so it is checked to be an integer from 1 to
    MAX_HOPS and written into the text; ``$limit`` caps the paths.
    """
    if isinstance(max_hops, bool) or not isinstance(max_hops, int):
        raise QueryError(f"max_hops must be an integer, not {max_hops!r}")
    if not 1 <= max_hops <= MAX_HOPS:
        raise QueryError(f"max_hops must be from 1 to {MAX_HOPS}, not {max_hops}")
    return f"""
MATCH (a:Entity) WHERE a.id IN $from
MATCH (b:Entity) WHERE b.id IN $to AND a <> b
MATCH path = ALL SHORTEST (a) (()-[]-(:Entity)){{1,{max_hops}}} (b)
WITH path LIMIT $limit
RETURN [n IN nodes(path) | n {{.id, .name, .type}}] AS nodes,
       [r IN relationships(path) | r {{.*, predicate: type(r),
                                      from: startNode(r).id, to: endNode(r).id}}] AS hops
"""


# -- the corpus: documents, passages, full-text search, the load's reports (query.corpus) ------
_DOCUMENT_FIELDS = "{.id, .title, .language, .kind, .publisher, .year, .file, .sha256, " \
    ".passage_count, .original, .original_sha256, .original_format, .extractor, " \
    ".extractor_version}"  # fmt: skip
DOCUMENTS = "MATCH (d:Document) RETURN d " + _DOCUMENT_FIELDS + " AS doc ORDER BY d.id"
DOCUMENT = (
    "MATCH (d:Document {id: $id}) RETURN d " + _DOCUMENT_FIELDS + " AS doc, "
    "COLLECT { MATCH (d)-[:HAS_PASSAGE]->(p:Passage) "
    "RETURN p {.id, .ordinal, .kind, .text, .pages, .heading_path, .locator} "
    "ORDER BY p.ordinal } AS passages"
)
DOCUMENT_IDS = "MATCH (d:Document) RETURN d.id AS id ORDER BY id"
#: Which file a document's original is, its format and hash (query.originals).
DOCUMENT_ORIGINAL = (
    "MATCH (d:Document {id: $id}) RETURN d {.id, .original, .original_format, "
    ".original_sha256} AS doc"
)
#: A passage with what points at it: the entities it mentions, the facts whose evidence (or
#: whose premises' evidence) it holds, the entities whose values it states, and the oddities.
PASSAGE = """
MATCH (p:Passage {id: $id})
OPTIONAL MATCH (d:Document {id: p.doc_id})
RETURN p {.id, .doc_id, .ordinal, .kind, .text, .start, .end, .pages, .heading_path,
          .locator} AS passage,
       d {.id, .title, .language, .kind, .publisher, .year, .file, .sha256, .passage_count,
          .original, .original_sha256, .original_format, .extractor, .extractor_version}
         AS document,
       COLLECT { MATCH (p)-[m:MENTIONS]->(e:Entity)
                 RETURN e {.id, .name, .type, count: m.count} ORDER BY m.count DESC, e.id
               } AS mentions,
       COLLECT { MATCH (s:Entity)-[r]->(o:Entity)
                 WHERE p.id IN coalesce(r.evidence_passages, [])
                    OR p.id IN coalesce(r.premise_passages, [])
                 RETURN {fact_id: r.fact_id, predicate: type(r), stated: r.stated,
                         subject: s {.id, .name, .type}, object: o {.id, .name, .type},
                         passages: coalesce(r.evidence_passages, []),
                         anchors: coalesce(r.evidence_anchors, [])}
                 ORDER BY r.fact_id } AS facts,
       COLLECT { MATCH (e:Entity)
                 WHERE p.id IN coalesce(e.evidence_passages, [])
                    OR p.id IN coalesce(e.prop_evidence_passages, [])
                 RETURN e {.id, .name, .type, .evidence_passages, .evidence_anchors,
                           .prop_evidence_keys, .prop_evidence_passages, .prop_evidence_anchors}
                 ORDER BY e.id } AS entities,
       COLLECT { MATCH (x:Oddity)-[:EVIDENCED_BY]->(p)
                 RETURN x {.id, .kind, .description} ORDER BY x.id } AS oddities
"""
#: Passages by full-text search (index kg_passage_text, graph/schema.cypher); ``$query`` is
#: Lucene syntax built by query.corpus from escaped words, never the user's text as given.
SEARCH_PASSAGES = """
CALL db.index.fulltext.queryNodes('kg_passage_text', $query) YIELD node, score
WHERE $doc IS NULL OR node.doc_id = $doc
WITH collect(node {.id, .doc_id, .ordinal, .kind, .text, score: score}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS items
"""
#: What the newest load recorded of the corpus's coverage and the registry's omissions.
LOAD_REPORTS = """
MATCH (run:LoadRun)
RETURN run.id AS load_id, run.finished_at AS finished_at, run.coverage AS coverage,
       run.omissions AS omissions
ORDER BY run.finished_at DESC LIMIT 1
"""


# -- search (query.search) ---------------------------------------------------------------------
SEARCH_KINDS = ("City", "Organisation", "Project")
#: The filters a search may set; each named filter is also the name of its parameter.
SEARCH_FILTERS = ("stage", "topic", "programme", "funder", "status", "funded", "as_of", "city",
                  "network")  # fmt: skip
#: Filters on one and the same project of the hit (``p``).
PROJECT_FILTERS = ("programme", "funder", "status", "funded", "as_of")
_PROJECT_ACTIVE = """
  coalesce(p.start, CASE WHEN p.start_year IS NOT NULL
                         THEN date({year: p.start_year, month: 1, day: 1}) END) <= $as_of
  AND coalesce(p.end, CASE WHEN p.end_year IS NOT NULL
                           THEN date({year: p.end_year, month: 12, day: 31}) END) >= $as_of"""
_PROJECT_PARTS = {
    "programme": "EXISTS { (p)-[:PART_OF_PROGRAMME]->(g) WHERE g.id IN $programme }",
    "funder": "EXISTS { (p)-[:FUNDED_BY]->(f) WHERE f.id IN $funder }",
    "status": "p.status IN $status",
    "funded": "p.status IN $funded_statuses",
    "as_of": _PROJECT_ACTIVE,
}


def _project_predicate(given: Collection[str]) -> str:
    return " AND ".join(text for name, text in _PROJECT_PARTS.items() if name in given) or "true"


def _search_conditions(kind: str, given: Collection[str], project: str) -> list[str]:
    """WHERE conditions on the hit ``e``."""
    out: list[str] = []
    if "stage" in given:
        out.append("EXISTS { (e)-[:COVERS_STAGE]->(s) WHERE s.id IN $stage }")
    if "topic" in given:
        out.append("EXISTS { (e)-[:SPECIALISES_IN|ADDRESSES_TOPIC]->(t) WHERE t.id IN $topic }")
    on_projects = any(name in given for name in PROJECT_FILTERS)
    if kind == "Project":
        if on_projects:
            out.append("EXISTS { MATCH (p:Project) WHERE p = e AND " + project + " }")
        if "city" in given:
            out.append("EXISTS { (c:City)-[:PARTICIPATES_IN]->(e) WHERE c.id IN $city }")
        if "network" in given:
            out.append(
                "EXISTS { (m)-[:MEMBER_OF]->(n) WHERE n.id IN $network "
                "AND EXISTS { (m)-[:PARTICIPATES_IN]->(e) } }"
            )
        return out
    if on_projects:
        out.append("EXISTS { (e)-[:PARTICIPATES_IN]->(p:Project) WHERE " + project + " }")
    if "city" in given:
        if kind == "City":
            out.append("e.id IN $city")
        else:
            out.append("EXISTS { (e)-[:LOCATED_IN]->(c) WHERE c.id IN $city }")
    if "network" in given:
        out.append("EXISTS { (e)-[:MEMBER_OF]->(n) WHERE n.id IN $network }")
    return out


#: A project's own values that the status, funded and as_of filters test, with their evidence.
_PROJECT_VALUES = (
    "{.id, .name, .status, .status_note, .start, .end, .start_year, .end_year, "
    ".prop_evidence_keys, .prop_evidence_docs, .prop_evidence_passages, "
    ".prop_evidence_anchors, .derived_props}"
)


def _search_support(kind: str, project: str) -> str:
    """Pattern comprehensions collecting the facts (and values) that made each hit match: one
    entry per filter, empty for a filter not given."""
    parts = [
        "stage: [(e)-[r:COVERS_STAGE]->(s) WHERE s.id IN coalesce($stage, []) "
        "| r {.*, stage: s.name}]",
        "topic: [(e)-[r:SPECIALISES_IN|ADDRESSES_TOPIC]->(t) WHERE t.id IN coalesce($topic, []) "
        "| r {.*, topic: t.name}]",
    ]
    if kind == "Project":
        return "{" + ", ".join([*parts, *_project_support()]) + "}"
    parts.append(
        "network: [(e)-[r:MEMBER_OF]->(n) WHERE n.id IN coalesce($network, []) "
        "| r {.*, network: n.name}]"
    )
    parts.append(
        "city: [c IN [e] WHERE c.id IN coalesce($city, []) | {city: c.name, is_the_city: true}]"
        if kind == "City"
        else "city: [(e)-[r:LOCATED_IN]->(c) WHERE c.id IN coalesce($city, []) "
        "| r {.*, city: c.name}]"
    )
    parts += [
        "projects: [(e)-[r:PARTICIPATES_IN]->(p:Project) WHERE $any_project AND " + project
        + " | r {.*, project: p.name, status: p.status, values: p " + _PROJECT_VALUES + "}]",
        "programme: [(e)-[:PARTICIPATES_IN]->(p:Project)-[r:PART_OF_PROGRAMME]->(g) "
        "WHERE g.id IN coalesce($programme, []) AND " + project
        + " | r {.*, project: p.name, programme: g.name}]",
        "funder: [(e)-[:PARTICIPATES_IN]->(p:Project)-[r:FUNDED_BY]->(f) "
        "WHERE f.id IN coalesce($funder, []) AND " + project
        + " | r {.*, project: p.name, funder: f.name}]",
    ]  # fmt: skip
    return "{" + ", ".join(parts) + "}"


def _project_support() -> list[str]:
    """What made a project a hit: its members in the network, its cities, programmes, funders
    and its own values."""
    return [
        "network: [(m)-[r:MEMBER_OF]->(n) WHERE n.id IN coalesce($network, []) "
        "AND EXISTS { (m)-[:PARTICIPATES_IN]->(e) } | r {.*, network: n.name, member: m.name}]",
        "city: [(c:City)-[r:PARTICIPATES_IN]->(e) WHERE c.id IN coalesce($city, []) "
        "| r {.*, city: c.name}]",
        "programme: [(e)-[r:PART_OF_PROGRAMME]->(g) WHERE g.id IN coalesce($programme, []) "
        "| r {.*, programme: g.name}]",
        "funder: [(e)-[r:FUNDED_BY]->(f) WHERE f.id IN coalesce($funder, []) "
        "| r {.*, funder: f.name}]",
        "values: e " + _PROJECT_VALUES,
    ]


def search(kind: str, given: Collection[str]) -> str:
    """Hits of one kind meeting every filter named in ``given``, a page of them and the total.

    Only which filters are given shapes the text; their values, the page (``$offset``,
    ``$limit``) and ``$any_project`` are parameters.
    """
    if kind not in SEARCH_KINDS:
        raise QueryError(f"cannot search for '{kind}': one of {', '.join(SEARCH_KINDS)}")
    unknown = sorted(set(given) - set(SEARCH_FILTERS))
    if unknown:
        raise QueryError(f"unknown search filters: {', '.join(unknown)}")
    project = _project_predicate(given)
    where = _search_conditions(kind, given, project)
    return (
        f"MATCH (e:{kind})\n"
        + ("WHERE " + "\n  AND ".join(where) + "\n" if where else "")
        + "WITH e ORDER BY e.name, e.id\n"
        + "WITH collect(e) AS hits\n"
        + "WITH size(hits) AS total, hits[$offset..$offset + $limit] AS page\n"
        # One row even for an empty page, so the total is always known.
        + "UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS e\n"
        + "RETURN total, e.id AS id, e.type AS type, e.name AS name, e.status AS status, "
        + _search_support(kind, project)
        + " AS because"
    )


# -- names and analysis (names.resolve, analysis.analytics) -----------------------------------
ENTITIES_TO_RESOLVE = """
MATCH (e:Entity)
RETURN e.id AS id, e.type AS type, e.name AS name, e.name_fi AS name_fi,
       e.name_sv AS name_sv, coalesce(e.aliases, []) AS aliases,
       [key IN $identifiers WHERE e[key] IS NOT NULL | toString(e[key])] AS identifiers
ORDER BY e.id
"""
#: Every entity with what a network tool shows of it: names, dates (ISO text), status, amounts.
NETWORK_NODES = """
MATCH (e:Entity)
RETURN e.id AS id, e.type AS type, e.name AS name, e.name_fi AS name_fi, e.name_sv AS name_sv,
       e.acronym AS acronym, e.status AS status, toString(e.start) AS start,
       toString(e.end) AS end, e.start_year AS start_year, e.end_year AS end_year,
       toString(e.date) AS date, e.year AS year, e.grant_eur AS grant_eur, e.doi AS doi
ORDER BY e.id
"""
#: Every fact between entities: its type, basis (stated or the rule), role, amount and period.
NETWORK_EDGES = """
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS source, b.id AS target, type(r) AS type, r.fact_id AS fact_id,
       coalesce(r.stated, false) AS stated, r.rule AS rule, r.role AS role,
       r.amount_eur AS amount_eur, toString(r.valid_from) AS valid_from,
       toString(r.valid_to) AS valid_to, toString(r.date) AS date
ORDER BY r.fact_id
"""


# -- the Browser guide's graph views (guide); they use the guide's parameters ----------------
VIEW_VALUE_CHAIN = "MATCH path = (:City)-[:COVERS_STAGE]->(:ValueChainStage)\nRETURN path"

VIEW_CONSORTIUM = (
    "MATCH (p:Project) WHERE p.id IN $project\n"
    "OPTIONAL MATCH a = (:Entity)-[:PARTICIPATES_IN]->(p)\n"
    "OPTIONAL MATCH f = (p)-[:FUNDED_BY|PART_OF_PROGRAMME]->(:Entity)\n"
    "RETURN p, collect(DISTINCT a) AS participants, collect(DISTINCT f) AS funding"
)

VIEW_CITY = "MATCH (c:City) WHERE c.id IN $city\nMATCH path = (c)-[]-(:Entity)\nRETURN path"

VIEW_CITY_COLLABORATION = (
    "MATCH path = (:City)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(:City)\nRETURN path"
)

VIEW_EVIDENCE = (
    "MATCH (e:Entity) WHERE e.id IN $project\n"
    "MATCH path = (:Document)-[:HAS_PASSAGE]->(:Passage)-[:MENTIONS]->(e)\nRETURN path"
)

VIEW_NETWORKS = "MATCH path = (:Entity)-[:MEMBER_OF]->(:Network)\nRETURN path"

VIEW_COAUTHORSHIP = "MATCH path = (:Person)-[:AUTHORED]->(:Publication)\nRETURN path"
