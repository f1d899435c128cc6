-- sitrep store schema, version 1.
-- Text columns hold '' rather than NULL where "unknown" needs no distinction,
-- so that they can be part of indexes and compared without IS.

-- Originals: metadata of every captured input; bytes live in blobs so that
-- scans of this table stay small.
CREATE TABLE originals (
	rowid        INTEGER PRIMARY KEY,
	hash         TEXT NOT NULL UNIQUE,            -- sha256:<hex> of the bytes
	size         INTEGER NOT NULL,
	source       TEXT NOT NULL DEFAULT '',
	url          TEXT NOT NULL DEFAULT '',
	captured_at  TEXT NOT NULL,                   -- RFC 3339, UTC
	outlet       TEXT NOT NULL DEFAULT '',
	published    TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	content_type TEXT NOT NULL DEFAULT '',
	log_index    INTEGER NOT NULL
);

CREATE TABLE blobs (
	original_rowid INTEGER PRIMARY KEY REFERENCES originals(rowid),
	data           BLOB NOT NULL
);

CREATE TABLE documents (
	rowid      INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE REFERENCES originals(hash),
	text_hash  TEXT NOT NULL,
	text       TEXT NOT NULL,
	title      TEXT NOT NULL DEFAULT '',
	outlet     TEXT NOT NULL DEFAULT '',
	published  TEXT NOT NULL DEFAULT '',
	url        TEXT NOT NULL DEFAULT '',
	language   TEXT NOT NULL DEFAULT '',
	stored_at  TEXT NOT NULL,
	log_index  INTEGER NOT NULL
);

-- Full text of documents for Search; external content, kept in step by the
-- Go code (insert, and 'delete' with the old values before a change).
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');

-- The extraction result per document as extracted (before edits); custody
-- checks result_hash against it.
CREATE TABLE derived (
	doc_rowid         INTEGER PRIMARY KEY REFERENCES documents(rowid),
	extractor_version TEXT NOT NULL,
	result            BLOB NOT NULL,
	result_hash       TEXT NOT NULL,
	stored_at         TEXT NOT NULL,
	log_index         INTEGER NOT NULL
);

-- Distinct resolved places; events point here so that a "near" query
-- prefilters a few thousand places by bounding box instead of a million
-- events.
CREATE TABLE places (
	rowid     INTEGER PRIMARY KEY,
	name      TEXT NOT NULL,
	admin1    TEXT NOT NULL,
	country   TEXT NOT NULL,
	lat       REAL,
	lon       REAL,
	name_l    TEXT NOT NULL,   -- lower(name), for the place filter
	admin1_l  TEXT NOT NULL,
	country_l TEXT NOT NULL
);
CREATE INDEX places_latlon ON places(lat, lon);
CREATE INDEX places_name ON places(name_l);
CREATE INDEX places_admin1 ON places(admin1_l);
CREATE INDEX places_country ON places(country_l);
CREATE INDEX places_key ON places(name, admin1, country, lat, lon);

-- Events with their effective (edited) values in data; the columns are
-- what filters and ordering need.
CREATE TABLE events (
	rowid       INTEGER PRIMARY KEY,
	doc_rowid   INTEGER NOT NULL REFERENCES documents(rowid),
	event_id    TEXT NOT NULL,
	type        TEXT NOT NULL,
	date_start  TEXT NOT NULL,    -- '' when undated
	date_end    TEXT NOT NULL,
	place_rowid INTEGER,          -- NULL when no place
	review      TEXT NOT NULL DEFAULT '',
	data        BLOB NOT NULL,    -- JSON of the effective sitrep.Event
	UNIQUE (doc_rowid, event_id)
);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_type_date ON events(type, date_start);
CREATE INDEX events_place_date ON events(place_rowid, date_start);

-- Evidence sentences of events, contentless: the text is in events.data.
CREATE VIRTUAL TABLE events_fts USING fts5(evidence, content='', contentless_delete=1);

CREATE TABLE actors (
	rowid   INTEGER PRIMARY KEY,
	id      TEXT NOT NULL UNIQUE,     -- store.ActorKey
	name    TEXT NOT NULL,
	type    TEXT NOT NULL DEFAULT '',
	country TEXT NOT NULL DEFAULT '',
	aliases TEXT NOT NULL DEFAULT '[]', -- JSON array of every other name used
	search  TEXT NOT NULL DEFAULT '',   -- lower(id, name and aliases) for substring filters
	mentions  INTEGER NOT NULL DEFAULT 0,
	documents INTEGER NOT NULL DEFAULT 0,
	events    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_mentions ON actors(mentions DESC, id);

CREATE TABLE doc_actors (
	doc_rowid   INTEGER NOT NULL,
	actor_rowid INTEGER NOT NULL,
	mentions    INTEGER NOT NULL,
	PRIMARY KEY (doc_rowid, actor_rowid)
) WITHOUT ROWID;

-- One row per actor role in an event, with the event's start date so that
-- "events of actor X, newest first" is one ordered index range.
CREATE TABLE event_actors (
	actor_rowid INTEGER NOT NULL,
	date_start  TEXT NOT NULL,
	event_rowid INTEGER NOT NULL,
	role        INTEGER NOT NULL,
	PRIMARY KEY (actor_rowid, date_start, event_rowid, role)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_rowid);

CREATE TABLE claims (
	rowid         INTEGER PRIMARY KEY,
	doc_rowid     INTEGER NOT NULL REFERENCES documents(rowid),
	claim_id      TEXT NOT NULL,
	speaker_rowid INTEGER,
	relation      TEXT NOT NULL DEFAULT '',
	subject_rowid INTEGER,
	object_rowid  INTEGER,
	published     TEXT NOT NULL DEFAULT '',
	data          BLOB NOT NULL,
	UNIQUE (doc_rowid, claim_id)
);
CREATE INDEX claims_published ON claims(published);
CREATE INDEX claims_speaker ON claims(speaker_rowid);
CREATE INDEX claims_subject ON claims(subject_rowid);
CREATE INDEX claims_object ON claims(object_rowid);
CREATE INDEX claims_relation ON claims(relation, published);
CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='', contentless_delete=1);

CREATE TABLE links (
	doc_rowid  INTEGER NOT NULL REFERENCES documents(rowid),
	copy_rowid INTEGER NOT NULL REFERENCES documents(rowid),
	similarity REAL NOT NULL,
	method     TEXT NOT NULL DEFAULT '',
	at         TEXT NOT NULL,
	log_index  INTEGER NOT NULL,
	PRIMARY KEY (doc_rowid, copy_rowid)
) WITHOUT ROWID;
CREATE INDEX links_copy ON links(copy_rowid);

-- Analyst edits: never updated or deleted; they refer to events by key so
-- that they outlive re-extraction.
CREATE TABLE edits (
	id        INTEGER PRIMARY KEY,
	event_key TEXT NOT NULL,
	doc_id    TEXT NOT NULL,
	status    TEXT NOT NULL,
	field     TEXT NOT NULL DEFAULT '',
	value     TEXT NOT NULL DEFAULT '',
	who       TEXT NOT NULL,
	at        TEXT NOT NULL,
	note      TEXT NOT NULL DEFAULT '',
	log_index INTEGER NOT NULL
);
CREATE INDEX edits_key ON edits(event_key);
CREATE INDEX edits_doc ON edits(doc_id);

-- The custody log (store.Record bytes) and its tlog stored hashes.
CREATE TABLE custody_log (
	idx  INTEGER PRIMARY KEY,
	data BLOB NOT NULL
);
CREATE TABLE custody_hashes (
	idx  INTEGER PRIMARY KEY,
	hash BLOB NOT NULL
);

-- Small facts the queries need, e.g. the longest event date range.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
