-- An incident as shown (every report with its score and reasons) moves to
-- incident_data, apart from the columns filters and ordering read, so that
-- walking incidents reads small rows (incidents.data is moved there and
-- dropped by moveIncidentData, sqlite.go).
CREATE TABLE IF NOT EXISTS incident_data (
	incident_rowid INTEGER PRIMARY KEY,
	data           BLOB NOT NULL
);
-- Counting a type's incidents in a set of places reads this index alone.
CREATE INDEX IF NOT EXISTS incidents_type_place_date ON incidents(type, place_rowid, date_start, id);

-- The publication dates of each actor's documents (doc_actors, by date),
-- so that an actor's first and last appearance are two index seeks.
CREATE TABLE IF NOT EXISTS actor_dates (
	actor_rowid INTEGER NOT NULL,
	published   TEXT NOT NULL,
	doc_rowid   INTEGER NOT NULL,
	PRIMARY KEY (actor_rowid, published, doc_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS actor_dates_doc ON actor_dates(doc_rowid);
INSERT OR IGNORE INTO actor_dates (actor_rowid, published, doc_rowid)
	SELECT da.actor_rowid, d.published, da.doc_rowid FROM doc_actors da JOIN documents d ON d.rowid = da.doc_rowid;
DROP INDEX IF EXISTS doc_actors_actor;

-- Claim edges: the claims stating one relation between two actors, summed
-- (store.ClaimEdge); what each document adds to each edge, with its
-- speakers' claims, so that a document read again takes its share back;
-- and each edge's speakers.
CREATE TABLE IF NOT EXISTS claim_edges (
	rowid      INTEGER PRIMARY KEY,
	subject    TEXT NOT NULL,
	object     TEXT NOT NULL,     -- an actor id, or an event key
	relation   TEXT NOT NULL,
	claims     INTEGER NOT NULL,
	documents  INTEGER NOT NULL,
	first_seen TEXT NOT NULL,
	last_seen  TEXT NOT NULL,
	UNIQUE (subject, object, relation)
);
CREATE INDEX IF NOT EXISTS claim_edges_subject_claims ON claim_edges(subject, claims DESC, object, relation);
CREATE INDEX IF NOT EXISTS claim_edges_object_claims ON claim_edges(object, claims DESC, subject, relation);
CREATE INDEX IF NOT EXISTS claim_edges_claims ON claim_edges(claims DESC);
CREATE TABLE IF NOT EXISTS claim_edge_docs (
	edge_rowid INTEGER NOT NULL,
	doc_rowid  INTEGER NOT NULL,
	published  TEXT NOT NULL,
	claims     INTEGER NOT NULL,
	speakers   TEXT NOT NULL DEFAULT '{}', -- JSON object: speaker id → claims
	PRIMARY KEY (edge_rowid, doc_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claim_edge_docs_doc ON claim_edge_docs(doc_rowid);
CREATE INDEX IF NOT EXISTS claim_edge_docs_published ON claim_edge_docs(edge_rowid, published);
CREATE TABLE IF NOT EXISTS claim_edge_speakers (
	edge_rowid INTEGER NOT NULL,
	speaker    TEXT NOT NULL,
	claims     INTEGER NOT NULL,
	documents  INTEGER NOT NULL,
	PRIMARY KEY (edge_rowid, speaker)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claim_edge_speakers_speaker ON claim_edge_speakers(speaker, claims DESC);

-- The claims stored before this migration, summed as store.DocumentEdges
-- sums them: a claim about a report ("E1") names the report's key.
CREATE TEMP TABLE edge_claims AS
SELECT cl.doc_rowid, cl.published,
	json_extract(cl.data, '$.relation.subject.id') AS subject,
	CASE WHEN json_extract(cl.data, '$.relation.object.id') GLOB 'E[0-9]*'
			AND substr(json_extract(cl.data, '$.relation.object.id'), 2) NOT GLOB '*[^0-9]*'
		THEN d.id || '#' || json_extract(cl.data, '$.relation.object.id')
		ELSE json_extract(cl.data, '$.relation.object.id') END AS object,
	json_extract(cl.data, '$.relation.type') AS relation,
	COALESCE(json_extract(cl.data, '$.speaker.id'), '') AS speaker
FROM claims cl JOIN documents d ON d.rowid = cl.doc_rowid
WHERE COALESCE(json_extract(cl.data, '$.relation.type'), '') <> ''
	AND COALESCE(json_extract(cl.data, '$.relation.subject.id'), '') <> ''
	AND COALESCE(json_extract(cl.data, '$.relation.object.id'), '') <> '';
INSERT OR IGNORE INTO claim_edges (subject, object, relation, claims, documents, first_seen, last_seen)
SELECT subject, object, relation, COUNT(*), COUNT(DISTINCT doc_rowid), COALESCE(MIN(NULLIF(published, '')), ''), COALESCE(MAX(published), '')
FROM edge_claims GROUP BY subject, object, relation;
INSERT OR IGNORE INTO claim_edge_docs (edge_rowid, doc_rowid, published, claims, speakers)
SELECT e.rowid, s.doc_rowid, s.published, SUM(s.n), COALESCE(json_group_object(s.speaker, s.n) FILTER (WHERE s.speaker <> ''), '{}')
FROM (SELECT subject, object, relation, doc_rowid, MIN(published) AS published, speaker, COUNT(*) AS n
	FROM edge_claims GROUP BY subject, object, relation, doc_rowid, speaker) s
JOIN claim_edges e ON e.subject = s.subject AND e.object = s.object AND e.relation = s.relation
GROUP BY e.rowid, s.doc_rowid;
INSERT OR IGNORE INTO claim_edge_speakers (edge_rowid, speaker, claims, documents)
SELECT e.rowid, c.speaker, COUNT(*), COUNT(DISTINCT c.doc_rowid)
FROM edge_claims c JOIN claim_edges e ON e.subject = c.subject AND e.object = c.object AND e.relation = c.relation
WHERE c.speaker <> '' GROUP BY e.rowid, c.speaker;
DROP TABLE edge_claims;
