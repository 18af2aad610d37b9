// Counts for `lineage stats --neo4j`: nodes by label, then relationships by type.
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count;

MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count;
