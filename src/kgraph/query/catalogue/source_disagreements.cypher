// ---
// title: Where do the sources disagree or look odd?
// description: Contradictions and oddities recorded from the documents (counts, spellings, missing figures), not resolved.
// tags: [quality, sources]
// ---
MATCH (oddity:Oddity)
OPTIONAL MATCH (oddity)-[:CONCERNS]->(subject:Entity)
WITH oddity, collect(subject.name) AS subjects
RETURN oddity.id AS oddity, oddity.kind AS kind, oddity.description AS description, subjects,
       oddity {.evidence_docs, .evidence_passages, .evidence_anchors} AS sources
ORDER BY kind, oddity
