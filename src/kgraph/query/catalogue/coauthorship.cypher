// ---
// title: Who has published with whom?
// description: Pairs of co-authors with the number of shared publications and their DOIs.
// tags: [people, publications]
// ---
MATCH (a:Person)-[:AUTHORED]->(publication:Publication)<-[:AUTHORED]-(b:Person)
WHERE a.id < b.id
WITH a, b, publication ORDER BY publication.doi
RETURN a.name AS author_a, b.name AS author_b, count(publication) AS shared_publications,
       collect(publication.doi) AS dois
ORDER BY shared_publications DESC, author_a, author_b
