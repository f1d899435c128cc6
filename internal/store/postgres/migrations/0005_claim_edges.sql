-- Claim edges: the claims stating one relation between two actors, summed
-- (store.ClaimEdge), kept in step with the claims table by the
-- transactions that change it; what each document adds to each edge, with
-- its speakers' claims (JSON object: speaker id → claims), so that a
-- document read again takes its share back; and each edge's speakers.
CREATE TABLE claim_edges (
	subject    text COLLATE "C" NOT NULL,
	object     text COLLATE "C" NOT NULL, -- an actor id, or an event key
	relation   text COLLATE "C" NOT NULL,
	claims     integer NOT NULL,
	documents  integer NOT NULL,
	first_seen text COLLATE "C" NOT NULL,
	last_seen  text COLLATE "C" NOT NULL,
	PRIMARY KEY (subject, object, relation)
);
CREATE INDEX claim_edges_subject_claims ON claim_edges (subject, claims DESC, object, relation);
CREATE INDEX claim_edges_object_claims ON claim_edges (object, claims DESC, subject, relation);
CREATE INDEX claim_edges_claims ON claim_edges (claims DESC, subject, object, relation);

CREATE TABLE claim_edge_docs (
	subject   text COLLATE "C" NOT NULL,
	object    text COLLATE "C" NOT NULL,
	relation  text COLLATE "C" NOT NULL,
	doc_rowid bigint NOT NULL,
	published text COLLATE "C" NOT NULL,
	claims    integer NOT NULL,
	speakers  text NOT NULL DEFAULT '{}',
	PRIMARY KEY (subject, object, relation, doc_rowid)
);
CREATE INDEX claim_edge_docs_doc ON claim_edge_docs (doc_rowid);

CREATE TABLE claim_edge_speakers (
	subject   text COLLATE "C" NOT NULL,
	object    text COLLATE "C" NOT NULL,
	relation  text COLLATE "C" NOT NULL,
	speaker   text COLLATE "C" NOT NULL,
	claims    integer NOT NULL,
	documents integer NOT NULL,
	PRIMARY KEY (subject, object, relation, speaker)
);
CREATE INDEX claim_edge_speakers_speaker ON claim_edge_speakers (speaker, claims DESC, subject, object, relation);

-- The claims stored before this migration, summed as store.DocumentEdges
-- sums them: a claim about a report ("E1") names the report's key.
WITH c AS (
	SELECT cl.doc_rowid, cl.published, d.id AS doc_id, convert_from(cl.data, 'UTF8')::jsonb AS j
	FROM claims cl JOIN documents d ON d.rowid = cl.doc_rowid
), k AS (
	SELECT doc_rowid, published, j->'relation'->'subject'->>'id' AS subject,
		CASE WHEN j->'relation'->'object'->>'id' ~ '^E[0-9]+$' THEN doc_id || '#' || (j->'relation'->'object'->>'id')
			ELSE j->'relation'->'object'->>'id' END AS object,
		j->'relation'->>'type' AS relation, COALESCE(j->'speaker'->>'id', '') AS speaker
	FROM c
	WHERE COALESCE(j->'relation'->>'type', '') <> '' AND COALESCE(j->'relation'->'subject'->>'id', '') <> ''
		AND COALESCE(j->'relation'->'object'->>'id', '') <> ''
), per_speaker AS (
	SELECT subject, object, relation, doc_rowid, MIN(published) AS published, speaker, COUNT(*) AS n
	FROM k GROUP BY subject, object, relation, doc_rowid, speaker
)
INSERT INTO claim_edge_docs (subject, object, relation, doc_rowid, published, claims, speakers)
SELECT subject, object, relation, doc_rowid, MIN(published), SUM(n),
	COALESCE(jsonb_object_agg(speaker, n) FILTER (WHERE speaker <> ''), '{}'::jsonb)::text
FROM per_speaker GROUP BY subject, object, relation, doc_rowid;

INSERT INTO claim_edges (subject, object, relation, claims, documents, first_seen, last_seen)
SELECT subject, object, relation, SUM(claims), COUNT(*), COALESCE(MIN(published) FILTER (WHERE published <> ''), ''),
	COALESCE(MAX(published), '')
FROM claim_edge_docs GROUP BY subject, object, relation;

INSERT INTO claim_edge_speakers (subject, object, relation, speaker, claims, documents)
SELECT x.subject, x.object, x.relation, s.key, SUM(s.value::integer), COUNT(*)
FROM claim_edge_docs x, jsonb_each_text(x.speakers::jsonb) s
GROUP BY x.subject, x.object, x.relation, s.key;

-- The publication dates of each actor's documents (doc_actors, by date),
-- so that an actor's first and last appearance are two index seeks.
CREATE TABLE actor_dates (
	actor_rowid bigint NOT NULL,
	published   text COLLATE "C" NOT NULL,
	doc_rowid   bigint NOT NULL,
	PRIMARY KEY (actor_rowid, published, doc_rowid)
);
CREATE INDEX actor_dates_doc ON actor_dates (doc_rowid);
INSERT INTO actor_dates (actor_rowid, published, doc_rowid)
	SELECT da.actor_rowid, d.published, da.doc_rowid FROM doc_actors da JOIN documents d ON d.rowid = da.doc_rowid
	ON CONFLICT DO NOTHING;

-- The best figure of killed (store.IncidentRow.Killed, -1 when none), for
-- the timeline's sums per day.
ALTER TABLE incidents ADD COLUMN killed integer NOT NULL DEFAULT -1;
UPDATE incidents SET killed = (convert_from(row, 'UTF8')::jsonb->>'killed')::integer;
