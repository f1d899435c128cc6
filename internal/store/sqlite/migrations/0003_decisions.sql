-- Users' merge and split decisions about incidents. Like edits they are
-- never updated or deleted and refer to events by key, so that they
-- outlive re-extraction; keys and apart are JSON arrays of event keys.
CREATE TABLE decisions (
	id        INTEGER PRIMARY KEY,
	kind      TEXT NOT NULL,
	keys      TEXT NOT NULL,
	apart     TEXT NOT NULL DEFAULT '[]',
	who       TEXT NOT NULL,
	at        TEXT NOT NULL,
	note      TEXT NOT NULL DEFAULT '',
	log_index INTEGER NOT NULL
);
