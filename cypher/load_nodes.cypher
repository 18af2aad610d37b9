// Load nodes: one statement per primary label (Document, Agency, Target, Project), batched.
// Labels cannot be parameters: __LABEL__ / __EXTRA_LABEL__ are replaced by backtick-quoted names taken
// only from graph.vocabulary (graph.stores.neo4j_store checks them). Values are always parameters.
// $rows: [{key: "...", props: {name: value, ...}}, ...]
UNWIND $rows AS row
MERGE (n:__LABEL__ {key: row.key})
SET n += row.props
RETURN count(n) AS count;

// Add an extra label (LegalBasis) to merged nodes, in its own batches after the MERGE batches.
// ArcadeDB moves the record on a label change; in the transaction that created the node that violates
// the key's unique index, so it is never done there. Labels are only ever added, never removed
// (`lineage push --clear` reloads from scratch): adding and removing one label in a statement hangs
// ArcadeDB.
// $keys: ["...", ...]
UNWIND $keys AS key
MATCH (n:__LABEL__ {key: key})
SET n:__EXTRA_LABEL__
RETURN count(n) AS count;
