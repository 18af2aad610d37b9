-- The embedded store: one SQLite file (schema version 4, PRAGMA user_version = 4).
-- Anyone can open it with `sqlite3 lineage.db`. Keys, labels and relationship types are the graph's own
-- (Vietnamese, NFC). Every property of a node or relationship is in its JSON column `props`; the columns
-- beside it repeat the ones queries filter on, so that they can be indexed.

CREATE TABLE IF NOT EXISTS meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL                 -- JSON: graph attributes (format, retracted, ...)
);

CREATE TABLE IF NOT EXISTS nodes (
    id       INTEGER PRIMARY KEY,       -- insertion order = the graph's order
    key      TEXT NOT NULL UNIQUE,      -- "doc:...", "agency:...", ...
    label    TEXT NOT NULL,             -- first label: Document, Agency, Project, Target
    labels   TEXT NOT NULL,             -- JSON array of every label
    number   TEXT,                      -- documents: the number as written ("2174/QĐ-UBND")
    number_folded TEXT,                 -- the number folded (no tones, đ -> d, lower case) for partial look-up
    province TEXT,
    source   TEXT,                      -- the file the node was read from, when it was read from one
    props    TEXT NOT NULL,             -- JSON object: every property
    stem     TEXT                       -- numbered nodes: the key less its year, folded (version 2: how a
                                        -- number cited without a year finds its document)
);
CREATE INDEX IF NOT EXISTS nodes_label ON nodes (label);
CREATE INDEX IF NOT EXISTS nodes_number ON nodes (number);
CREATE INDEX IF NOT EXISTS nodes_number_folded ON nodes (number_folded);
CREATE INDEX IF NOT EXISTS nodes_source ON nodes (source);
CREATE INDEX IF NOT EXISTS nodes_stem ON nodes (stem);

CREATE TABLE IF NOT EXISTS edges (
    source INTEGER NOT NULL REFERENCES nodes (id),
    type   TEXT NOT NULL,               -- CĂN_CỨ, CHỦ_TRÌ, PHỐI_HỢP, SUPERSEDES ...
    target INTEGER NOT NULL REFERENCES nodes (id),
    file   TEXT,                        -- provenance: the file that said it (props.source)
    line   INTEGER,                     -- provenance: its line there
    props  TEXT NOT NULL,               -- JSON object: every property (citing words in "text", ...)
    seq    INTEGER NOT NULL DEFAULT 0,  -- the order relationships were made in (the graph's order)
    PRIMARY KEY (source, type, target)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_in ON edges (target, type, source);
CREATE INDEX IF NOT EXISTS edges_file ON edges (file);
CREATE INDEX IF NOT EXISTS edges_seq ON edges (seq);
-- The documents a replacement or an amendment enters (few in any store): a status question asks only
-- them. Its WHERE must stay literally what graph/queries/sqlite_sql.py: STATUS_TARGETS asks (else unused).
CREATE INDEX IF NOT EXISTS edges_status ON edges (target) WHERE type IN ('SUPERSEDES', 'SỬA_ĐỔI');

-- Search: one row per document, rowid = nodes.id, over the folded number, title, issuer and province
-- (folded by the code: no tones, "đ" -> "d", lower case; the unicode61 tokenizer does not fold "đ").
CREATE VIRTUAL TABLE IF NOT EXISTS doc_search USING fts5 (folded, tokenize = 'unicode61');

-- The text files ingested (version 4): a file whose bytes and reader are still those of its record is not
-- read again by `lineage ingest` (graph/stores/ingested_files.py). Written in the transaction that stores
-- the file's facts; dropped when they are taken out (lineage remove) or come from elsewhere.
CREATE TABLE IF NOT EXISTS ingested_files (
    source TEXT PRIMARY KEY,            -- the file's name, as the facts' provenance gives it
    sha256 TEXT NOT NULL,               -- of the bytes the facts were read from
    reader TEXT NOT NULL                -- the reader's fingerprint (graph/reading/fingerprint.py)
) WITHOUT ROWID;
