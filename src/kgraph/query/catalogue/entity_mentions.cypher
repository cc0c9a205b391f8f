// ---
// title: Where is an entity mentioned?
// description: Passages naming the entity in any inflected form, with the count per passage.
// params:
//   entity: {type: entity, example: "Oulun yliopisto",
//     default: "city:kokkola", description: "entity (id or name)"}
// tags: [mentions, sources]
// ---
MATCH (entity:Entity) WHERE entity.id IN $entity
MATCH (passage:Passage)-[m:MENTIONS]->(entity)
RETURN entity.name AS entity, passage.doc_id AS doc_id, passage.id AS passage_id,
       m.count AS mentions, passage.text AS text
ORDER BY doc_id, passage_id
