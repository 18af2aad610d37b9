// Bulk load into an EMPTY database: CREATE instead of MERGE (no lookup per row), all labels at once.
// Used by `push` only when the database holds no node at all when the push starts; the uniqueness
// constraints on `key` make a concurrent second push fail instead of duplicating nodes, and a re-run
// after a failure finds a non-empty database and MERGEs. __LABELS__ is `Document`:`LegalBasis` etc.,
// names taken only from graph.vocabulary.
// $rows: [{key: "...", props: {key: "...", name: value, ...}}, ...]
UNWIND $rows AS row
CREATE (n:__LABELS__)
SET n = row.props
RETURN count(n) AS count;
