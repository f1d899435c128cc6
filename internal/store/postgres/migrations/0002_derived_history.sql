-- Extraction results replaced by a later extraction of the same document,
-- by hash, as SQLite keeps them: each is named by the custody record that
-- stored it, and verify recomputes from them, with the current results,
-- what accumulates over every extraction ever stored (the names an actor
-- was ever given).
CREATE TABLE IF NOT EXISTS derived_history (
	doc_rowid   bigint NOT NULL,
	result_hash text COLLATE "C" NOT NULL,
	result      bytea NOT NULL,
	PRIMARY KEY (doc_rowid, result_hash)
);
