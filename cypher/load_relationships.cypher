// Load relationships: one statement per (type, source label, target label), batched.
// __TYPE__ / __SOURCE_LABEL__ / __TARGET_LABEL__ are replaced by backtick-quoted names taken only from
// graph.vocabulary. Both ends are anchored on their label's unique `key` index (an unlabelled
// MATCH scans every node on ArcadeDB). At most one relationship of a type between two nodes, as in
// the networkx graph; provenance (source, line, text) is in row.props.
// $rows: [{src: "...", dst: "...", props: {...}}, ...]
UNWIND $rows AS row
MATCH (a:__SOURCE_LABEL__ {key: row.src})
MATCH (b:__TARGET_LABEL__ {key: row.dst})
MERGE (a)-[r:__TYPE__]->(b)
SET r += row.props
RETURN count(r) AS count;
