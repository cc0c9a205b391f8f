// ---
// title: Which projects does an organisation take part in?
// description: Projects of one organisation with role, status, dates and funders.
// params:
//   organisation: {type: entity, entity_type: Organisation, example: "Oulun yliopisto",
//     default: "org:university-of-oulu", description: "organisation (id or name)"}
// tags: [organisations, projects]
// items: {id: project_id, name: project}
// ---
MATCH (org:Entity) WHERE org.id IN $organisation
MATCH (org)-[part:PARTICIPATES_IN]->(project:Project)
OPTIONAL MATCH (project)-[:FUNDED_BY]->(funder:Entity)
WITH org, part, project, collect(DISTINCT funder.name) AS funders
RETURN project.id AS project_id, project.name AS project, part.role AS role,
       project.status AS status, part.valid_from AS from, part.valid_to AS to, funders,
       part {.*} AS fact
ORDER BY project
