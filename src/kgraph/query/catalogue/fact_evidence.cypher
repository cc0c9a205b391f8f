// ---
// title: The evidence of a fact, down to its passages
// description: One fact by its id, with its evidence passages (stated) or the facts it was inferred from.
// params:
//   fact_id: {type: string, default: "project:batcircle3|FUNDED_BY|org:business-finland", description: "the fact's id (subject|PREDICATE|object)"}
// tags: [sources]
// ---
// A fact id is subject|PREDICATE|object: start from the subject's index entry. Only the
// rare fact with an id of its own (no '|') needs the scan of the second branch.
CALL () {
  MATCH (s:Entity {id: split($fact_id, '|')[0]})-[fact]->(o:Entity) WHERE fact.fact_id = $fact_id
  RETURN s, fact, o
  UNION
  WITH $fact_id AS wanted WHERE NOT wanted CONTAINS '|'
  MATCH (s:Entity)-[fact]->(o:Entity) WHERE fact.fact_id = wanted
  RETURN s, fact, o
}
OPTIONAL MATCH (passage:Passage) WHERE passage.id IN coalesce(fact.evidence_passages, fact.premise_passages)
WITH s, fact, o, collect(passage {.id, .doc_id, .text}) AS passages
RETURN s.name AS subject, type(fact) AS predicate, o.name AS object, fact.stated AS stated,
       coalesce(fact.provenance, CASE WHEN fact.stated THEN 'curated' ELSE 'inferred' END) AS provenance,
       fact.rule AS rule, fact.derived_from AS derived_from, passages
