// succession: what became of the given agencies after the 2025 reorganisation. Every unit reachable
// within 0..2 KẾ_THỪA steps (u), then each KẾ_THỪA leaving it: the chains of at most 3 successions
// (a department in its province, then the province merged into another). Parameters: $keys (agency
// keys). Anchored on the Agency key index.
UNWIND $keys AS k
MATCH (a:Agency {key: k})-[:`KẾ_THỪA`*0..2]->(u:Agency)
WITH DISTINCT u
MATCH (u)-[r:`KẾ_THỪA`]->(v:Agency)
RETURN u.key AS source, v.key AS target, type(r) AS type, properties(r) AS rel,
       properties(v) AS node, labels(v) AS node_labels
