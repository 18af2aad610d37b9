// Schema of the lineage graph in Neo4j 5: one statement per line block, applied by `lineage push`
// (graph.stores.neo4j_store.apply_schema), each in its own auto-commit transaction. Idempotent.
//
// Every node is found by its `key` (see graph/keys.py): uniqueness constraints give the index that
// anchors every load statement and every query.
// ArcadeDB (the Bolt server of the tests) accepts this form, names the constraint as given and backs it
// with a unique index "Document[key]" that also covers multi-label nodes (Document:LegalBasis).
// `lineage push` applies the constraints before loading and the indexes below after it.
CREATE CONSTRAINT document_key IF NOT EXISTS FOR (n:Document) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT agency_key IF NOT EXISTS FOR (n:Agency) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT target_key IF NOT EXISTS FOR (n:Target) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT project_key IF NOT EXISTS FOR (n:Project) REQUIRE n.key IS UNIQUE;

// Range indexes for lookups by what legal staff type: a number ("1891/QĐ-UBND"), a province, a level,
// an agency's name. LegalBasis nodes are also Documents; the key index lets a query start from either.
CREATE INDEX legal_basis_key IF NOT EXISTS FOR (n:LegalBasis) ON (n.key);
CREATE INDEX document_number IF NOT EXISTS FOR (n:Document) ON (n.number);
CREATE INDEX document_province IF NOT EXISTS FOR (n:Document) ON (n.province);
CREATE INDEX document_level IF NOT EXISTS FOR (n:Document) ON (n.level);
CREATE INDEX document_date IF NOT EXISTS FOR (n:Document) ON (n.date);
CREATE INDEX agency_name IF NOT EXISTS FOR (n:Agency) ON (n.name);
CREATE INDEX agency_province IF NOT EXISTS FOR (n:Agency) ON (n.province);
CREATE INDEX target_metric IF NOT EXISTS FOR (n:Target) ON (n.metric);
