-- The cross-document views (internal/views): incidents with the rows that
-- find them (blocks, member events, actors), where ended incidents lead,
-- the framing counts per document, the near-copy signatures, and the
-- extraction results replaced since, which replaying the log reads.

CREATE TABLE incidents (
	id         text COLLATE "C" PRIMARY KEY,
	seq        integer NOT NULL,
	state      bytea NOT NULL,                 -- JSON of consolidate.Stored
	version    text NOT NULL,
	blocks     bytea NOT NULL,                 -- JSON of its []consolidate.Block
	row        bytea NOT NULL,                 -- JSON of store.IncidentRow
	type       text NOT NULL,
	date_start text COLLATE "C" NOT NULL,      -- IncidentRow.Start: '' when undated
	date_end   text COLLATE "C" NOT NULL,
	place_l    text NOT NULL,                  -- lower-cased by the Go code
	admin1_l   text NOT NULL,
	country_l  text NOT NULL,
	lat        double precision,               -- NULL when not located
	lon        double precision
);
CREATE INDEX incidents_order ON incidents (date_start DESC, id DESC);
CREATE INDEX incidents_type ON incidents (type, date_start DESC, id DESC);
CREATE INDEX incidents_place ON incidents (place_l);
CREATE INDEX incidents_admin1 ON incidents (admin1_l);
CREATE INDEX incidents_country ON incidents (country_l);
CREATE INDEX incidents_latlon ON incidents (lat, lon);

CREATE TABLE incident_blocks (
	place    text COLLATE "C" NOT NULL,
	week     integer NOT NULL,
	incident text COLLATE "C" NOT NULL,
	PRIMARY KEY (place, week, incident)
);
CREATE INDEX incident_blocks_incident ON incident_blocks (incident);

-- An event key is in one incident.
CREATE TABLE incident_members (
	event_key text COLLATE "C" PRIMARY KEY,
	doc_id    text COLLATE "C" NOT NULL,
	event_id  text COLLATE "C" NOT NULL,
	incident  text COLLATE "C" NOT NULL
);
CREATE INDEX incident_members_doc ON incident_members (doc_id);
CREATE INDEX incident_members_incident ON incident_members (incident);

CREATE TABLE incident_actors (
	actor    text COLLATE "C" NOT NULL,      -- store.ActorKey
	incident text COLLATE "C" NOT NULL,
	PRIMARY KEY (actor, incident)
);
CREATE INDEX incident_actors_incident ON incident_actors (incident);

CREATE TABLE incident_redirects (
	id      text COLLATE "C" PRIMARY KEY,
	into_id text COLLATE "C" NOT NULL
);

CREATE TABLE framing (
	doc_id    text COLLATE "C" NOT NULL,
	source    text COLLATE "C" NOT NULL,
	actor     text COLLATE "C" NOT NULL,
	label     text COLLATE "C" NOT NULL,
	documents integer NOT NULL,
	uses      integer NOT NULL,
	ord       integer NOT NULL,               -- position in the document's counts
	PRIMARY KEY (doc_id, ord)
);
CREATE INDEX framing_actor ON framing (actor);

CREATE TABLE signatures (
	seq    bigint PRIMARY KEY,                -- order of signing
	doc_id text COLLATE "C" NOT NULL UNIQUE,
	sig    bytea NOT NULL
);
CREATE TABLE signature_bands (
	band    bigint NOT NULL,
	sig_seq bigint NOT NULL,
	PRIMARY KEY (band, sig_seq)
);

CREATE TABLE results_replaced (
	doc_id      text COLLATE "C" NOT NULL,
	result_hash text NOT NULL,
	result      bytea NOT NULL,
	PRIMARY KEY (doc_id, result_hash)
);
