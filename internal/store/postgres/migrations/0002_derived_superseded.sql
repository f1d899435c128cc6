-- Extraction results replaced by a later extraction of the same document.
-- Each is covered by the custody record at its log_index, and verify
-- recomputes from them, with the current results, what accumulates over
-- every extraction ever stored: the names an actor was ever given.
CREATE TABLE derived_superseded (
	log_index         bigint PRIMARY KEY,
	doc_rowid         bigint NOT NULL REFERENCES documents (rowid) DEFERRABLE INITIALLY DEFERRED,
	extractor_version text NOT NULL,
	result            bytea NOT NULL,
	result_hash       text NOT NULL,
	stored_at         timestamptz NOT NULL
);
