-- Extraction results replaced by a later extraction of the same document.
-- Each is covered by the custody record at its log_index (its hash is in
-- that record), and verify recomputes from them, with the current
-- results, what accumulates over every extraction ever stored: the names
-- an actor was ever given.
CREATE TABLE IF NOT EXISTS derived_superseded (
	log_index         INTEGER PRIMARY KEY,
	doc_rowid         INTEGER NOT NULL REFERENCES documents(rowid),
	extractor_version TEXT NOT NULL,
	result            BLOB NOT NULL,
	result_hash       TEXT NOT NULL,
	stored_at         TEXT NOT NULL
);
-- Results replaced before this migration are gone: from which log index
-- on a replacement keeps the result it replaced.
INSERT OR IGNORE INTO meta (key, value) SELECT 'superseded_since', COALESCE(MAX(idx) + 1, 0) FROM custody_log;
