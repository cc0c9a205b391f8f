// ---
// title: How well is each city's work on each stage backed by the sources?
// description: >
//   For every city with any stated activity and every value-chain stage: the facts that say
//   the city covers the stage (stated and inferred), the documents behind them, and whether
//   it rests on a single source. A row with no facts means "no evidence", not "no".
// params:
//   city: {type: entity, entity_type: City, example: "Kokkola",
//     description: "only this city (id or name); all when omitted"}
// tags: [coverage, cities, stages]
// ---
MATCH (city:City)
WHERE ($city IS NULL OR city.id IN $city)
  AND EXISTS { (city)-[:SPECIALISES_IN|COVERS_STAGE|PARTICIPATES_IN|MEMBER_OF]->() }
MATCH (stage:ValueChainStage)
OPTIONAL MATCH (city)-[cover:COVERS_STAGE]->(stage)
WITH city, stage, collect(cover) AS covers
WITH city, stage, covers,
     reduce(docs = [], c IN covers |
       docs + [p IN coalesce(c.evidence_passages, []) + coalesce(c.premise_passages, [])
               | split(p, ':')[0]]) AS raw_docs
WITH city, stage, covers,
     reduce(docs = [], d IN raw_docs | CASE WHEN d IN docs THEN docs ELSE docs + d END) AS docs
RETURN city.name AS city, stage.name AS stage,
       size([c IN covers WHERE c.stated]) AS stated_facts,
       size([c IN covers WHERE NOT c.stated]) AS inferred_facts,
       docs AS sources, size(docs) AS source_count,
       CASE size(docs) WHEN 0 THEN 'no evidence' WHEN 1 THEN 'single source' ELSE 'corroborated' END AS backing
ORDER BY city, stage
