// Corrections (graph.loaders.retract): what a re-read or removed file no longer says, taken out of Neo4j
// by `lineage push`. __LABEL__ / __SOURCE_LABEL__ / __TARGET_LABEL__ / __TYPE__ are replaced by
// backtick-quoted names taken only from graph.vocabulary; every node is anchored on its label's key.

// Relationships the store no longer holds. $rows: [{src: "...", dst: "..."}, ...]
UNWIND $rows AS row
MATCH (a:__SOURCE_LABEL__ {key: row.src})-[r:__TYPE__]->(b:__TARGET_LABEL__ {key: row.dst})
DELETE r
RETURN count(*) AS count;

// Nodes the store no longer holds, with their relationships. $keys: ["...", ...]
UNWIND $keys AS key
MATCH (n:__LABEL__ {key: key})
DETACH DELETE n
RETURN count(*) AS count;

// Properties of a node whose file was read again: exactly the store's. $rows: [{key, props}, ...]
UNWIND $rows AS row
MATCH (n:__LABEL__ {key: row.key})
SET n = row.props
RETURN count(n) AS count;

// Properties of a relationship read again: exactly the store's. $rows: [{src, dst, props}, ...]
UNWIND $rows AS row
MATCH (a:__SOURCE_LABEL__ {key: row.src})-[r:__TYPE__]->(b:__TARGET_LABEL__ {key: row.dst})
SET r = row.props
RETURN count(r) AS count;

// A label the store no longer gives (LegalBasis of a document no longer cited as a basis), in its own
// statement (adding and removing one label in a statement hangs ArcadeDB). $keys: ["...", ...]
UNWIND $keys AS key
MATCH (n:__LABEL__ {key: key})
REMOVE n:__EXTRA_LABEL__
RETURN count(n) AS count;
