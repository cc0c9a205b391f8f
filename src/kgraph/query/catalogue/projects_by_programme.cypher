// ---
// title: Which projects belong to a funding programme?
// description: Projects of a programme (Horizon Europe, M-ERA.NET, Business Finland's programme, ...) with their status and participants.
// params:
//   programme: {type: entity, entity_type: FundingProgramme, example: "Horizon Europe",
//     default: "programme:horizon-europe", description: "programme (id or name)"}
// tags: [programmes, projects]
// items: {id: project_id, name: project}
// ---
MATCH (programme:Entity) WHERE programme.id IN $programme
MATCH (project:Project)-[in_programme:PART_OF_PROGRAMME]->(programme)
OPTIONAL MATCH (actor:Entity)-[:PARTICIPATES_IN]->(project)
WITH programme, project, in_programme, collect(DISTINCT actor.name) AS participants
RETURN project.id AS project_id, project.name AS project, project.status AS status,
       participants, in_programme {.*} AS fact
ORDER BY project
