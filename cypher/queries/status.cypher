// status: what replaced, repealed or amended the given bases (SUPERSEDES / SỬA_ĐỔI entering them).
// Parameters: $keys (the keys of the bases found by bases.cypher). Anchored on the key index.
UNWIND $keys AS k
MATCH (b:Document {key: k})<-[r:`SUPERSEDES`|`SỬA_ĐỔI`]-(x:Document)
RETURN x.key AS source, b.key AS target, type(r) AS type, properties(r) AS rel,
       properties(x) AS node, labels(x) AS node_labels
