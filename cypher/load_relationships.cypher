// Load relationships: one statement per (type, source label, target label), batched.
// __TYPE__ / __SOURCE_LABEL__ / __TARGET_LABEL__ are replaced by backtick-quoted names taken only from
// graph.vocabulary. Both ends are anchored on their label's unique `key` index (an unlabelled
// MATCH scans every node on ArcadeDB). At most one relationship of a type between two nodes, as in
// the networkx graph; provenance (source, line, text) is in row.props.
// Two forms of the same MERGE, the same relationship either way; `lineage push` picks, per group, the
// one whose first node has the fewer relationships. Neo4j 5 plans both alike. ArcadeDB's MERGE walks
// the edge list of the pattern's first node to find an existing relationship: an agency's list holds
// thousands (it issues every document of its province), a document's a few; walking from the agency
// made Agency-[BAN_HÀNH]->Document 4x slower.
// $rows: [{src: "...", dst: "...", props: {...}}, ...]

// From the source node (its outgoing relationships are walked).
UNWIND $rows AS row
MATCH (a:__SOURCE_LABEL__ {key: row.src})
MATCH (b:__TARGET_LABEL__ {key: row.dst})
MERGE (a)-[r:__TYPE__]->(b)
SET r += row.props
RETURN count(r) AS count;

// From the target node (its incoming relationships are walked).
UNWIND $rows AS row
MATCH (a:__SOURCE_LABEL__ {key: row.src})
MATCH (b:__TARGET_LABEL__ {key: row.dst})
MERGE (b)<-[r:__TYPE__]-(a)
SET r += row.props
RETURN count(r) AS count;
