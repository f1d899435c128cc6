-- Violence edges (store.ViolenceEdge): the incidents in which one actor
-- is a perpetrator and another a target, summed per pair of actors, so
-- that the actor network's overview reads its edges, not a million
-- incidents. violence_incidents holds each pair of each incident (with
-- its start date and type); the sums and the incidents per type and per
-- actor (actor_incidents: each incident naming the actor in any role
-- once) follow it. The transactions that write the incidents change them
-- by what changed (writeViolence, violence.go: an incident is replaced
-- whole, and a report joining an incident of a thousand pairs must not
-- take all of them off and add them again); fillViolenceEdges counts the
-- incidents stored before. An edge's documents are counted as it is read
-- (ViolenceEdges), not kept: a row per pair and document would be a
-- million rows for 25,000 edges of 10,000 articles, and a report joining
-- an incident of a thousand pairs would write a thousand of them.
CREATE TABLE IF NOT EXISTS violence_incidents (
	perpetrator    INTEGER NOT NULL, -- actors(rowid)
	target         INTEGER NOT NULL,
	date_start     TEXT NOT NULL,
	incident       TEXT NOT NULL,    -- incidents(id)
	type           TEXT NOT NULL,
	PRIMARY KEY (perpetrator, target, date_start, incident)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS violence_edges (
	perpetrator INTEGER NOT NULL,
	target      INTEGER NOT NULL,
	incidents   INTEGER NOT NULL,
	first_seen  TEXT NOT NULL, -- '' when no incident is dated
	last_seen   TEXT NOT NULL,
	PRIMARY KEY (perpetrator, target)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS violence_edge_types (
	perpetrator INTEGER NOT NULL,
	target      INTEGER NOT NULL,
	type        TEXT NOT NULL,
	incidents   INTEGER NOT NULL,
	PRIMARY KEY (perpetrator, target, type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actor_incidents (
	actor_rowid INTEGER PRIMARY KEY,
	incidents   INTEGER NOT NULL
);
