// bases: the foundation of one document. Every document reachable within depth-1 hops along
// CĂN_CỨ / THỰC_HIỆN / HƯỚNG_DẪN / SỬA_ĐỔI (u), then each lineage relationship leaving it: together,
// every relationship on a chain of at most `depth` hops from the document. Parameters: $key.
// Anchored on the indexed key. The bound below is for the default depth 6 (0..5 hops to u); Cypher
// takes no parameter for a bound, so graph/queries/backend.py sets it to depth-1 (an int, 0..9).
MATCH (d:Document {key: $key})-[:`CĂN_CỨ`|`THỰC_HIỆN`|`HƯỚNG_DẪN`|`SỬA_ĐỔI`*0..5]->(u:Document)
WITH DISTINCT u
MATCH (u)-[r:`CĂN_CỨ`|`THỰC_HIỆN`|`HƯỚNG_DẪN`|`SỬA_ĐỔI`]->(v:Document)
RETURN u.key AS source, v.key AS target, type(r) AS type, properties(r) AS rel,
       properties(v) AS node, labels(v) AS node_labels
