// ---
// title: The value chain at a glance
// description: For each stage, how many cities, organisations and projects cover it, and how many of those links are stated rather than inferred.
// tags: [stages, coverage]
// items: {id: stage_id, name: stage}
// ---
MATCH (stage:ValueChainStage)
OPTIONAL MATCH (actor:Entity)-[cover:COVERS_STAGE]->(stage)
WITH stage, actor, cover
RETURN stage.id AS stage_id, stage.name AS stage,
       count(DISTINCT CASE WHEN actor:City THEN actor END) AS cities,
       count(DISTINCT CASE WHEN actor:Organisation THEN actor END) AS organisations,
       count(DISTINCT CASE WHEN actor:Project THEN actor END) AS projects,
       count(CASE WHEN cover.stated THEN 1 END) AS stated_links,
       count(CASE WHEN cover IS NOT NULL AND NOT cover.stated THEN 1 END) AS inferred_links
ORDER BY stage
