// ---
// title: Which stated facts stand on a single source?
// description: Stated facts whose evidence comes from one document only; an analyst can weigh them accordingly.
// params:
//   predicate: {type: string, example: FUNDED_BY,
//     enum: [LOCATED_IN, PART_OF, MEMBER_OF, SPECIALISES_IN, COVERS_STAGE, PARTICIPATES_IN,
//            FUNDED_BY, PART_OF_PROGRAMME, AFFILIATED_WITH, AUTHORED, ADDRESSES_TOPIC,
//            BASED_ON, SUPPORTS_STRATEGY, ORGANISED, SPOKE_AT, RANKED_IN, PUBLISHED, VISITED,
//            PREPARED, COLLABORATES_WITH, COORDINATES, RELATED_TO],
//     description: "only this relationship kind, e.g. FUNDED_BY; all when omitted"}
// tags: [quality, coverage]
// ---
MATCH (s:Entity)-[fact]->(o:Entity)
WHERE fact.stated AND ($predicate IS NULL OR type(fact) = $predicate)
WITH s, fact, o,
     reduce(docs = [], d IN fact.evidence_docs | CASE WHEN d IN docs THEN docs ELSE docs + d END) AS docs
WHERE size(docs) = 1
RETURN type(fact) AS predicate, s.name AS subject, o.name AS object, docs[0] AS only_source,
       fact {.*} AS fact
ORDER BY predicate, subject, object
