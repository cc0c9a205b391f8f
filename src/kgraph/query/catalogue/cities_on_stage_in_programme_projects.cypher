// ---
// title: Which cities cover a value-chain stage and also sit in funded projects of a programme?
// description: >
//   The analyst's question "which cities cover recycling and also sit in funded Horizon
//   projects?", with the stage and the programme as parameters. A city covers a stage when
//   it is stated, or inferred from its specialisations; it sits in a project when it is
//   stated, or inferred from an organisation located in it. Funded means the project got
//   its funding (status funded, ongoing or ended).
// params:
//   stage: {type: entity, entity_type: ValueChainStage, example: "Recycling and reuse",
//     default: "stage:recycling", description: "value-chain stage (id or name)"}
//   programme: {type: entity, entity_type: FundingProgramme, example: "Horizon Europe",
//     default: "programme:horizon-europe", description: "funding programme (id or name)"}
// tags: [cities, stages, programmes, funding]
// items: {id: city, name: name}
// ---
MATCH (stage:Entity) WHERE stage.id IN $stage
MATCH (programme:Entity) WHERE programme.id IN $programme
MATCH (city:City)-[cover:COVERS_STAGE]->(stage)
MATCH (city)-[part:PARTICIPATES_IN]->(project:Project)-[in_programme:PART_OF_PROGRAMME]->(programme)
WHERE project.status IN ['funded', 'ongoing', 'ended']
WITH city, stage, cover, programme,
     collect({project: project.id, name: project.name, status: project.status,
              participation: part {.*}, in_programme: in_programme {.*}}) AS projects
RETURN city.id AS city, city.name AS name, stage.name AS stage, programme.name AS programme,
       cover {.*} AS covers_stage, projects
ORDER BY name
