// ---
// title: What does each city specialise in, and which stages does that cover?
// description: City specialisations (topics) with the value-chain stages they map to.
// params:
//   city: {type: entity, entity_type: City, example: "Kokkola",
//     description: "only this city (id or name); all when omitted"}
// tags: [cities, topics, stages]
// items: {id: city_id, name: city}
// ---
MATCH (city:City)-[spec:SPECIALISES_IN]->(topic:Topic)
WHERE $city IS NULL OR city.id IN $city
OPTIONAL MATCH (city)-[cover:COVERS_STAGE {via: topic.id}]->(stage:ValueChainStage)
WITH city, topic, spec, collect(stage.name) AS stages
RETURN city.id AS city_id, city.name AS city, topic.name AS specialisation, stages,
       spec {.*} AS fact
ORDER BY city, specialisation
