-- The cross-document views, kept in step with the documents by the same
-- transactions (package views): incidents with their reports, the blocks
-- that find an incident's candidates, where ended incident ids lead, the
-- labels each source uses for each actor, near-copy signatures, and the
-- results re-extraction replaced (replaying the log needs them).

-- One row per incident. data is the JSON of the incident as shown (every
-- report with its score and reasons); the columns are what filters and
-- ordering read. weak lists the reports that joined on type, date and
-- place alone (JSON array of event keys); seq is its creation number.
CREATE TABLE IF NOT EXISTS incidents (
	rowid       INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	seq         INTEGER NOT NULL,
	type        TEXT NOT NULL,
	date_start  TEXT NOT NULL,    -- '' when undated
	date_end    TEXT NOT NULL,
	place_rowid INTEGER,          -- places(rowid); NULL when no place
	precision   TEXT NOT NULL DEFAULT '',
	killed      INTEGER NOT NULL, -- best figure, -1 when none
	reports     INTEGER NOT NULL,
	version     TEXT NOT NULL,
	weak        TEXT NOT NULL DEFAULT '[]',
	data        BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_date ON incidents(date_start, id);
CREATE INDEX IF NOT EXISTS incidents_type_date ON incidents(type, date_start, id);
CREATE INDEX IF NOT EXISTS incidents_place_date ON incidents(place_rowid, date_start, id);

-- Which incident each placed event is in.
CREATE TABLE IF NOT EXISTS incident_members (
	event_key      TEXT PRIMARY KEY,
	incident_rowid INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS incident_members_incident ON incident_members(incident_rowid);

-- The blocking index: an incident under every place key and run of weeks
-- its reports are indexed under (consolidate.Block), one row per run, so
-- that a report dated only to a year is not 53 rows. A lookup of weeks
-- a..b reads the runs ending at or after a.
CREATE TABLE IF NOT EXISTS incident_blocks (
	place          TEXT NOT NULL,
	week_to        INTEGER NOT NULL,
	week_from      INTEGER NOT NULL,
	incident_rowid INTEGER NOT NULL,
	PRIMARY KEY (place, week_to, week_from, incident_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS incident_blocks_incident ON incident_blocks(incident_rowid);

-- Perpetrators, targets and claimants of an incident, with its start
-- date, for the actor filter.
CREATE TABLE IF NOT EXISTS incident_actors (
	actor_rowid    INTEGER NOT NULL,
	date_start     TEXT NOT NULL,
	incident_rowid INTEGER NOT NULL,
	PRIMARY KEY (actor_rowid, date_start, incident_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS incident_actors_incident ON incident_actors(incident_rowid);

-- Where the id of an incident that ended in a merge or split leads.
CREATE TABLE IF NOT EXISTS incident_redirects (
	id      TEXT PRIMARY KEY,
	into_id TEXT NOT NULL
) WITHOUT ROWID;

-- What each document contributes to the framing counts.
CREATE TABLE IF NOT EXISTS framing (
	doc_rowid INTEGER NOT NULL,
	source    TEXT NOT NULL,
	actor_id  TEXT NOT NULL,
	label     TEXT NOT NULL,
	uses      INTEGER NOT NULL,
	PRIMARY KEY (doc_rowid, actor_id, label)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS framing_actor ON framing(actor_id);

-- Near-copy signatures (ingest.Signature) and their LSH band keys.
CREATE TABLE IF NOT EXISTS near_copy_signatures (
	doc_rowid INTEGER PRIMARY KEY,
	signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS near_copy_bands (
	band      INTEGER NOT NULL,
	doc_rowid INTEGER NOT NULL,
	PRIMARY KEY (band, doc_rowid)
) WITHOUT ROWID;

-- Results replaced by re-extraction, kept by hash.
CREATE TABLE IF NOT EXISTS derived_history (
	doc_rowid   INTEGER NOT NULL,
	result_hash TEXT NOT NULL,
	result      BLOB NOT NULL,
	PRIMARY KEY (doc_rowid, result_hash)
) WITHOUT ROWID;

-- An actor's documents, for its first and last appearance.
CREATE INDEX IF NOT EXISTS doc_actors_actor ON doc_actors(actor_rowid);
