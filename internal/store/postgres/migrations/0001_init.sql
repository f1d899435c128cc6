-- sitrep store schema for PostgreSQL, version 1: the same rows as the
-- SQLite store (internal/store/sqlite/migrations), in PostgreSQL's types.
-- Text compared or ordered byte-wise (ids, dates kept as text) is COLLATE
-- "C", so that lists come out in the same order whatever the database's
-- locale. Row ids are handed out by the writer, which holds the custody
-- log's lock (write.go), so that a batch's rows go in with COPY.
-- Foreign keys are checked at commit: a batch inserts each table's rows
-- together, not parents first row by row.

CREATE TABLE originals (
	rowid        bigint PRIMARY KEY,
	hash         text COLLATE "C" NOT NULL UNIQUE,  -- sha256:<hex> of the bytes
	size         bigint NOT NULL,
	source       text NOT NULL DEFAULT '',
	url          text NOT NULL DEFAULT '',
	captured_at  timestamptz NOT NULL,
	outlet       text NOT NULL DEFAULT '',
	published    text COLLATE "C" NOT NULL DEFAULT '',
	title        text NOT NULL DEFAULT '',
	content_type text NOT NULL DEFAULT '',
	log_index    bigint NOT NULL
);
CREATE INDEX originals_log ON originals (log_index);

-- The bytes, apart so that scans of originals stay small.
CREATE TABLE blobs (
	original_rowid bigint PRIMARY KEY REFERENCES originals (rowid) DEFERRABLE INITIALLY DEFERRED,
	data           bytea NOT NULL
);

-- fts is the full-text vector of title and text, made by the Go code
-- (fts.go) from store.Tokens, so that words are what the other backends
-- call words.
CREATE TABLE documents (
	rowid     bigint PRIMARY KEY,
	id        text COLLATE "C" NOT NULL UNIQUE REFERENCES originals (hash) DEFERRABLE INITIALLY DEFERRED,
	text_hash text NOT NULL,
	text      text NOT NULL,
	title     text NOT NULL DEFAULT '',
	outlet    text NOT NULL DEFAULT '',
	published text COLLATE "C" NOT NULL DEFAULT '',
	url       text NOT NULL DEFAULT '',
	language  text NOT NULL DEFAULT '',
	stored_at timestamptz NOT NULL,
	log_index bigint NOT NULL,
	fts       tsvector NOT NULL
);
CREATE INDEX documents_fts ON documents USING gin (fts);

-- The extraction result as extracted (before edits), in the exact bytes
-- result_hash covers.
CREATE TABLE derived (
	doc_rowid         bigint PRIMARY KEY REFERENCES documents (rowid) DEFERRABLE INITIALLY DEFERRED,
	extractor_version text NOT NULL,
	result            bytea NOT NULL,
	result_hash       text NOT NULL,
	stored_at         timestamptz NOT NULL,
	log_index         bigint NOT NULL
);
CREATE INDEX derived_log ON derived (log_index);

-- Distinct resolved places; events point here, so that a place or near
-- filter is first a small set of places.
CREATE TABLE places (
	rowid     bigint PRIMARY KEY,
	name      text NOT NULL,
	admin1    text NOT NULL,
	country   text NOT NULL,
	lat       double precision,
	lon       double precision,
	name_l    text NOT NULL,   -- lower-cased by the Go code
	admin1_l  text NOT NULL,
	country_l text NOT NULL
);
CREATE INDEX places_latlon ON places (lat, lon);
CREATE INDEX places_name ON places (name_l);
CREATE INDEX places_admin1 ON places (admin1_l);
CREATE INDEX places_country ON places (country_l);

-- Events with their effective (edited) values in data. Undated events
-- have no dates: newest first they come last, oldest first first, which is
-- the order of the date indexes read forwards and backwards.
CREATE TABLE events (
	rowid       bigint PRIMARY KEY,
	doc_rowid   bigint NOT NULL REFERENCES documents (rowid) DEFERRABLE INITIALLY DEFERRED,
	event_id    text COLLATE "C" NOT NULL,
	type        text NOT NULL,
	date_start  date,
	date_end    date,
	place_rowid bigint,
	review      text NOT NULL DEFAULT '',
	data        bytea NOT NULL,    -- JSON of the effective sitrep.Event
	evidence    tsvector NOT NULL, -- the evidence sentences as extracted
	UNIQUE (doc_rowid, event_id)
);
CREATE INDEX events_date ON events (date_start DESC NULLS LAST, rowid DESC);
CREATE INDEX events_type_date ON events (type, date_start DESC NULLS LAST, rowid DESC);
CREATE INDEX events_place_date ON events (place_rowid, date_start DESC NULLS LAST, rowid DESC);
CREATE INDEX events_evidence ON events USING gin (evidence);

CREATE TABLE actors (
	rowid     bigint PRIMARY KEY,
	id        text COLLATE "C" NOT NULL UNIQUE, -- store.ActorKey
	name      text NOT NULL,
	type      text NOT NULL DEFAULT '',
	country   text NOT NULL DEFAULT '',
	aliases   text NOT NULL DEFAULT '[]',      -- JSON array of every other name used
	search    text NOT NULL DEFAULT '',        -- lower-cased names, for substring filters
	mentions  bigint NOT NULL DEFAULT 0,
	documents bigint NOT NULL DEFAULT 0,
	events    bigint NOT NULL DEFAULT 0
);
CREATE INDEX actors_mentions ON actors (mentions DESC, id);

CREATE TABLE doc_actors (
	doc_rowid   bigint NOT NULL,
	actor_rowid bigint NOT NULL,
	mentions    bigint NOT NULL,
	PRIMARY KEY (doc_rowid, actor_rowid)
);

-- One row per actor role in an event, with the event's start date, so
-- that an actor's events newest first are one index range.
CREATE TABLE event_actors (
	actor_rowid bigint NOT NULL,
	date_start  date,
	event_rowid bigint NOT NULL,
	role        smallint NOT NULL
);
CREATE INDEX event_actors_actor ON event_actors (actor_rowid, date_start DESC NULLS LAST, event_rowid DESC);
CREATE INDEX event_actors_event ON event_actors (event_rowid);

CREATE TABLE claims (
	rowid         bigint PRIMARY KEY,
	doc_rowid     bigint NOT NULL REFERENCES documents (rowid) DEFERRABLE INITIALLY DEFERRED,
	claim_id      text COLLATE "C" NOT NULL,
	speaker_rowid bigint,
	relation      text NOT NULL DEFAULT '',
	subject_rowid bigint,
	object_rowid  bigint,
	published     text COLLATE "C" NOT NULL DEFAULT '',
	data          bytea NOT NULL,
	fts           tsvector NOT NULL,
	UNIQUE (doc_rowid, claim_id)
);
CREATE INDEX claims_published ON claims (published DESC, rowid DESC);
CREATE INDEX claims_speaker ON claims (speaker_rowid);
CREATE INDEX claims_subject ON claims (subject_rowid);
CREATE INDEX claims_object ON claims (object_rowid);
CREATE INDEX claims_relation ON claims (relation, published DESC, rowid DESC);
CREATE INDEX claims_fts ON claims USING gin (fts);

CREATE TABLE links (
	doc_rowid  bigint NOT NULL REFERENCES documents (rowid) DEFERRABLE INITIALLY DEFERRED,
	copy_rowid bigint NOT NULL REFERENCES documents (rowid) DEFERRABLE INITIALLY DEFERRED,
	similarity double precision NOT NULL,
	method     text NOT NULL DEFAULT '',
	at         timestamptz NOT NULL,
	log_index  bigint NOT NULL,
	PRIMARY KEY (doc_rowid, copy_rowid)
);
CREATE INDEX links_copy ON links (copy_rowid);

-- Analyst edits and users' incident decisions: never updated or deleted.
CREATE TABLE edits (
	id        bigint PRIMARY KEY,
	event_key text COLLATE "C" NOT NULL,
	doc_id    text COLLATE "C" NOT NULL,
	status    text NOT NULL,
	field     text NOT NULL DEFAULT '',
	value     text NOT NULL DEFAULT '',
	who       text NOT NULL,
	at        timestamptz NOT NULL,
	note      text NOT NULL DEFAULT '',
	log_index bigint NOT NULL
);
CREATE INDEX edits_key ON edits (event_key);
CREATE INDEX edits_doc ON edits (doc_id);

CREATE TABLE decisions (
	id        bigint PRIMARY KEY,
	kind      text NOT NULL,
	keys      text NOT NULL,              -- JSON array of event keys
	apart     text NOT NULL DEFAULT '[]',
	who       text NOT NULL,
	at        timestamptz NOT NULL,
	note      text NOT NULL DEFAULT '',
	log_index bigint NOT NULL
);

-- The custody log (store.Record bytes) and its tlog stored hashes. Every
-- write transaction locks custody_log first: the log is one sequence.
CREATE TABLE custody_log (
	idx  bigint PRIMARY KEY,
	data bytea NOT NULL
);
CREATE TABLE custody_hashes (
	idx  bigint PRIMARY KEY,
	hash bytea NOT NULL
);

-- Small facts the queries need, e.g. the longest event date range.
CREATE TABLE meta (
	key   text PRIMARY KEY,
	value text NOT NULL
);

-- The extraction queue (queue.go): documents stored by 'ingest --queue'
-- wait here for a worker. A job is open until done_at is set; a worker
-- holds it while lease_until lies ahead, and token changes with every
-- claim, so that a worker whose lease was taken over cannot commit.
CREATE TABLE jobs (
	seq         bigserial PRIMARY KEY,
	doc_id      text COLLATE "C" NOT NULL UNIQUE,
	enqueued_at timestamptz NOT NULL DEFAULT now(),
	lease_until timestamptz NOT NULL DEFAULT '-infinity',
	worker      text NOT NULL DEFAULT '',
	token       bigint NOT NULL DEFAULT 0,
	attempts    integer NOT NULL DEFAULT 0,
	done_at     timestamptz,
	error       text NOT NULL DEFAULT ''
);
CREATE INDEX jobs_open ON jobs (seq) WHERE done_at IS NULL;
