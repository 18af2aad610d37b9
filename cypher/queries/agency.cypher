// agency: what the given agencies lead (CHỦ_TRÌ), coordinate (PHỐI_HỢP), issue (BAN_HÀNH) or propose
// (ĐỀ_NGHỊ), and for a project the documents that list it (GỒM). Parameters: $keys (agency keys).
UNWIND $keys AS k
MATCH (a:Agency {key: k})-[r:`CHỦ_TRÌ`|`PHỐI_HỢP`|`BAN_HÀNH`|`ĐỀ_NGHỊ`]->(x)
OPTIONAL MATCH (d:Document)-[g:`GỒM`]->(x)
WITH a, r, x, collect(CASE WHEN d IS NULL THEN NULL ELSE [properties(d), labels(d), properties(g)] END) AS docs
RETURN a.key AS source, x.key AS target, type(r) AS type, properties(r) AS rel,
       properties(x) AS node, labels(x) AS node_labels, docs AS documents
