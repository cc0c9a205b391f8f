// ---
// title: How much has each funder granted, through which programmes?
// description: Every funding fact grouped by funder, with the total of the stated amounts.
// tags: [funding]
// items: {id: funder_id, name: funder}
// ---
MATCH (project:Project)-[funding:FUNDED_BY]->(funder:Entity)
OPTIONAL MATCH (programme:Entity {id: funding.programme})
WITH funder, funding, project, programme ORDER BY project.name
RETURN funder.id AS funder_id, funder.name AS funder,
       sum(coalesce(funding.amount_eur, 0)) AS total_eur,
       collect({project: project.name, amount_eur: funding.amount_eur,
                programme: programme.name, fact: funding {.*}}) AS grants
ORDER BY total_eur DESC, funder
