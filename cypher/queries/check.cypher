// check: every relationship between two documents (with find_all.cypher, the whole document graph),
// from which the data-quality report is computed in Python.
MATCH (a:Document)-[r:`CĂN_CỨ`|`THỰC_HIỆN`|`HƯỚNG_DẪN`|`SỬA_ĐỔI`|`SUPERSEDES`|`DẪN_CHIẾU`|`BAN_HÀNH_KÈM_THEO`]->(b:Document)
RETURN a.key AS source, b.key AS target, type(r) AS type, properties(r) AS rel
