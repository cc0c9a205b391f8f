// ---
// title: Who funds a project, and with how much?
// description: Funders of a project with the amount in euros and the programme, each with its evidence.
// params:
//   project: {type: entity, entity_type: Project, example: "BATCircle 3.0",
//     default: "project:batcircle3", description: "project (id or name)"}
// tags: [funding, projects]
// items: {id: funder_id, name: funder}
// ---
MATCH (project:Project) WHERE project.id IN $project
MATCH (project)-[funding:FUNDED_BY]->(funder:Entity)
OPTIONAL MATCH (programme:Entity {id: funding.programme})
RETURN project.name AS project, funder.id AS funder_id, funder.name AS funder,
       funding.amount_eur AS amount_eur, programme.name AS programme, funding {.*} AS fact
ORDER BY amount_eur DESC, funder
