// ---
// title: Which cities work on each stage of the battery value chain?
// description: >
//   Every value-chain stage with the cities covering it, stated or inferred from their
//   specialisations (the rule and the topic it went through are given).
// tags: [stages, cities]
// items: {id: stage_id, name: stage}
// ---
MATCH (stage:ValueChainStage)
OPTIONAL MATCH (city:City)-[cover:COVERS_STAGE]->(stage)
WITH stage, city, cover ORDER BY city.name
RETURN stage.id AS stage_id, stage.name AS stage,
       [c IN collect({city: city.name, city_id: city.id, fact: cover {.*}}) WHERE c.city IS NOT NULL] AS cities
ORDER BY stage
