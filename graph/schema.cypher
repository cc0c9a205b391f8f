// kgraph schema: uniqueness constraints, indexes and full-text indexes.
// Applied by `kgraph schema apply` (idempotent: every statement is IF NOT EXISTS, and
// kg_* constraints or indexes that are no longer listed here are dropped).
// One statement per block, each ending with a semicolon; every name starts with kg_.
//
// Every curated node carries the label :Entity beside its type label (:City, :Project ...),
// so one constraint guarantees that ids are unique across all types.

CREATE CONSTRAINT kg_entity_id IF NOT EXISTS
FOR (n:Entity) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT kg_document_id IF NOT EXISTS
FOR (n:Document) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT kg_passage_id IF NOT EXISTS
FOR (n:Passage) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT kg_loadrun_id IF NOT EXISTS
FOR (n:LoadRun) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT kg_oddity_id IF NOT EXISTS
FOR (n:Oddity) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT kg_publication_doi IF NOT EXISTS
FOR (n:Publication) REQUIRE n.doi IS UNIQUE;

// Lookups by type and by the properties analysts filter on.
CREATE INDEX kg_entity_type IF NOT EXISTS
FOR (n:Entity) ON (n.type);

CREATE INDEX kg_entity_name IF NOT EXISTS
FOR (n:Entity) ON (n.name);

CREATE INDEX kg_project_status IF NOT EXISTS
FOR (n:Project) ON (n.status);

CREATE INDEX kg_project_dates IF NOT EXISTS
FOR (n:Project) ON (n.start, n.end);

CREATE INDEX kg_organisation_kind IF NOT EXISTS
FOR (n:Organisation) ON (n.kind);

CREATE INDEX kg_passage_doc IF NOT EXISTS
FOR (n:Passage) ON (n.doc_id);

CREATE INDEX kg_loadrun_started IF NOT EXISTS
FOR (n:LoadRun) ON (n.started_at);

// Relationship property indexes: facts are looked up by their stable id.
CREATE INDEX kg_fact_id_participates IF NOT EXISTS
FOR ()-[r:PARTICIPATES_IN]-() ON (r.fact_id);

CREATE INDEX kg_fact_id_funded IF NOT EXISTS
FOR ()-[r:FUNDED_BY]-() ON (r.fact_id);

// Full-text search over every name form (English, Finnish, Swedish, aliases) and passages.
CREATE FULLTEXT INDEX kg_entity_names IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.name_fi, n.name_sv, n.aliases_text];

CREATE FULLTEXT INDEX kg_passage_text IF NOT EXISTS
FOR (n:Passage) ON EACH [n.text];
