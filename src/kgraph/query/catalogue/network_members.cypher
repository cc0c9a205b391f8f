// ---
// title: Who belongs to which network?
// description: Networks (EERA, BEPA, Battery 2030+, InnoCities, ECSPP, ...) with their members, stated or inferred.
// params:
//   network: {type: entity, entity_type: Network, example: "EERA",
//     description: "only this network (id or name); all when omitted"}
// tags: [networks]
// items: {id: member_id, name: member}
// ---
MATCH (member:Entity)-[membership:MEMBER_OF]->(network:Network)
WHERE $network IS NULL OR network.id IN $network
RETURN network.id AS network_id, network.name AS network, member.id AS member_id,
       member.name AS member, member.type AS member_type, membership {.*} AS fact
ORDER BY network, member
