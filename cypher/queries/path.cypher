// path: how two documents are connected, relationship by relationship: every shortest path ignoring
// direction over the relationships between documents, at most 10 hops. Parameters: $a, $b (keys),
// $limit. The Python side keeps the canonical one (smallest sequence of steps), so both stores agree.
MATCH (a:Document {key: $a})
MATCH (b:Document {key: $b})
MATCH p = allShortestPaths((a)-[:`CĂN_CỨ`|`THỰC_HIỆN`|`HƯỚNG_DẪN`|`SỬA_ĐỔI`|`SUPERSEDES`|`DẪN_CHIẾU`|`BAN_HÀNH_KÈM_THEO`*..10]-(b))
RETURN [r IN relationships(p) | [startNode(r).key, endNode(r).key, type(r), properties(r)]] AS rels
LIMIT $limit
