// ---
// title: Which cities work together through shared projects?
// description: Pairs of cities taking part in the same projects (stated or inferred participation).
// tags: [cities, projects, network]
// ---
MATCH (a:City)-[:PARTICIPATES_IN]->(project:Project)<-[:PARTICIPATES_IN]-(b:City)
WHERE a.id < b.id
WITH a, b, project ORDER BY project.name
RETURN a.name AS city_a, b.name AS city_b, count(DISTINCT project) AS shared_projects,
       collect(DISTINCT project.name) AS projects
ORDER BY shared_projects DESC, city_a, city_b
