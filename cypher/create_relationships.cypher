// Bulk load into an EMPTY database: CREATE instead of MERGE (see create_nodes.cypher). The relationships
// of a push are distinct (one per source, target and type, as in the networkx graph), so CREATE makes
// exactly what MERGE would.
// $rows: [{src: "...", dst: "...", props: {...}}, ...]
UNWIND $rows AS row
MATCH (a:__SOURCE_LABEL__ {key: row.src})
MATCH (b:__TARGET_LABEL__ {key: row.dst})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
RETURN count(r) AS count;
