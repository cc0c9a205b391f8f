// ---
// title: What has a person published, and with whom?
// description: Publications of one person with year, venue, DOI, author position and co-authors in order.
// params:
//   person: {type: entity, entity_type: Person, example: "Ulla Lassi",
//     default: "person:ulla-lassi", description: "person (id or name)"}
// tags: [people, publications]
// items: {id: publication_id, name: title}
// ---
MATCH (person:Person) WHERE person.id IN $person
MATCH (person)-[own:AUTHORED]->(publication:Publication)
MATCH (author:Person)-[a:AUTHORED]->(publication)
WITH person, own, publication, author, a ORDER BY a.position
RETURN publication.id AS publication_id, publication.title AS title, publication.year AS year,
       publication.venue AS venue, publication.doi AS doi, own.position AS position,
       collect(author.name) AS authors, own {.*} AS fact
ORDER BY year DESC, doi
