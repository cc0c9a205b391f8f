// ---
// title: Who implements what?
// description: Organisations and cities taking part in each project, with their role.
// params:
//   project: {type: entity, entity_type: Project, example: "BATCircle3.0",
//     description: "only this project (id or name); all when omitted"}
// tags: [projects, organisations]
// items: {id: actor_id, name: actor}
// ---
MATCH (actor:Entity)-[part:PARTICIPATES_IN]->(project:Project)
WHERE $project IS NULL OR project.id IN $project
RETURN project.id AS project_id, project.name AS project, actor.id AS actor_id,
       actor.name AS actor, actor.type AS actor_type, part.role AS role, part {.*} AS fact
ORDER BY project, role, actor
