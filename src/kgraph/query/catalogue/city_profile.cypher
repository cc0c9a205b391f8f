// ---
// title: A city's profile
// description: Names, specialisations, stages, organisations located there, projects and networks of one city.
// params:
//   city: {type: entity, entity_type: City, example: "Vaasa",
//     default: "city:kokkola", description: "city (id or name)"}
// tags: [cities]
// items: {id: city_id, name: name}
// ---
MATCH (city:City) WHERE city.id IN $city
CALL (city) {
  OPTIONAL MATCH (city)-[r:SPECIALISES_IN]->(t:Topic)
  RETURN collect(DISTINCT t.name) AS specialisations
}
CALL (city) {
  OPTIONAL MATCH (city)-[r:COVERS_STAGE]->(s:ValueChainStage)
  RETURN collect(DISTINCT s.name) AS stages
}
CALL (city) {
  OPTIONAL MATCH (o:Entity)-[:LOCATED_IN]->(city) WHERE o:Organisation OR o:IndustrialPark
  RETURN collect(DISTINCT o.name) AS located_here
}
CALL (city) {
  OPTIONAL MATCH (city)-[r:PARTICIPATES_IN]->(p:Project)
  RETURN collect(DISTINCT p.name) AS projects
}
CALL (city) {
  OPTIONAL MATCH (city)-[:MEMBER_OF]->(n:Network)
  RETURN collect(DISTINCT n.name) AS networks
}
RETURN city.id AS city_id, city.name AS name, city.name_fi AS name_fi, city.name_sv AS name_sv,
       specialisations, stages, located_here, projects, networks
