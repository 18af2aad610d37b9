// derived: the documents resting on one document (the impact of changing it). Every document that
// reaches it within depth-1 hops along CĂN_CỨ / THỰC_HIỆN / HƯỚNG_DẪN / SỬA_ĐỔI (u), then each lineage
// relationship entering u. Parameters: $key. Anchored on the indexed key; the bound is for the default
// depth 6 and is set to depth-1 by graph/queries/backend.py (Cypher takes no parameter for a bound).
MATCH (d:Document {key: $key})<-[:`CĂN_CỨ`|`THỰC_HIỆN`|`HƯỚNG_DẪN`|`SỬA_ĐỔI`*0..5]-(u:Document)
WITH DISTINCT u
MATCH (u)<-[r:`CĂN_CỨ`|`THỰC_HIỆN`|`HƯỚNG_DẪN`|`SỬA_ĐỔI`]-(v:Document)
RETURN v.key AS source, u.key AS target, type(r) AS type, properties(r) AS rel,
       properties(v) AS node, labels(v) AS node_labels
