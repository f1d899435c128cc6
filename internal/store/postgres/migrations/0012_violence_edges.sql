-- Violence edges (store.ViolenceEdge): the incidents in which one actor
-- is a perpetrator and another a target, summed per pair of actors, so
-- that the actor network's overview reads its edges, not a million
-- incidents. violence_incidents holds each pair of each incident (with
-- its start date and type); the sums and the incidents per type and per
-- actor (actor_incidents: each incident naming the actor in any role
-- once) follow it. Triggers on incident_actors keep all of it in the
-- transactions that write the incidents, with the pairs the writes
-- change (putViolence). An edge's documents are counted
-- as it is read (ViolenceEdges), not kept: a row per pair and document
-- would be a million rows for 25,000 edges of 10,000 articles, and an
-- incident of a thousand pairs rewritten as a report joins it would
-- rewrite a hundred thousand.
CREATE TABLE violence_incidents (
	perpetrator text COLLATE "C" NOT NULL, -- store.ActorKey
	target      text COLLATE "C" NOT NULL,
	date_start  text COLLATE "C" NOT NULL,
	incident    text COLLATE "C" NOT NULL,
	type        text COLLATE "C" NOT NULL,
	PRIMARY KEY (perpetrator, target, date_start, incident)
);
CREATE INDEX violence_incidents_incident ON violence_incidents (incident);
CREATE TABLE violence_edges (
	perpetrator text COLLATE "C" NOT NULL,
	target      text COLLATE "C" NOT NULL,
	incidents   integer NOT NULL,
	first_seen  text COLLATE "C" NOT NULL, -- '' when no incident is dated
	last_seen   text COLLATE "C" NOT NULL,
	PRIMARY KEY (perpetrator, target)
);
CREATE TABLE violence_edge_types (
	perpetrator text COLLATE "C" NOT NULL,
	target      text COLLATE "C" NOT NULL,
	type        text COLLATE "C" NOT NULL,
	incidents   integer NOT NULL,
	PRIMARY KEY (perpetrator, target, type)
);
CREATE TABLE actor_incidents (
	actor     text COLLATE "C" PRIMARY KEY,
	incidents integer NOT NULL
);

-- The counts of the incidents stored before (as verify computes them).
INSERT INTO violence_incidents (perpetrator, target, date_start, incident, type)
	SELECT p.actor, t.actor, i.date_start, p.incident, i.type
	FROM incident_actors p JOIN incident_actors t ON t.incident = p.incident AND t.roles & 2 <> 0 AND t.actor <> p.actor
	JOIN incidents i ON i.id = p.incident WHERE p.roles & 1 <> 0;
INSERT INTO violence_edge_types (perpetrator, target, type, incidents)
	SELECT perpetrator, target, type, COUNT(*) FROM violence_incidents GROUP BY 1, 2, 3;
INSERT INTO violence_edges (perpetrator, target, incidents, first_seen, last_seen)
	SELECT v.perpetrator, v.target, COUNT(*), COALESCE(MIN(NULLIF(v.date_start, '')), ''), MAX(v.date_start)
	FROM violence_incidents v GROUP BY 1, 2;
INSERT INTO actor_incidents (actor, incidents) SELECT actor, COUNT(*) FROM incident_actors GROUP BY 1;

-- An actor row counts its incident for its actor. The pairs are written
-- by what changed as the incident is written (putViolence, views.go):
-- an incident is replaced whole, and a report joining an incident of a
-- thousand pairs must not take all of them off and add them again.
CREATE FUNCTION violence_actor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO actor_incidents AS a (actor, incidents) VALUES (NEW.actor, 1)
			ON CONFLICT (actor) DO UPDATE SET incidents = a.incidents + 1;
	ELSE
		UPDATE actor_incidents SET incidents = incidents - 1 WHERE actor = OLD.actor;
		DELETE FROM actor_incidents WHERE actor = OLD.actor AND incidents = 0;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER violence_actor AFTER INSERT OR DELETE ON incident_actors
	FOR EACH ROW EXECUTE FUNCTION violence_actor();

-- A pair adds its incident to its edge and its type, or takes it off; a
-- count that falls to zero takes its row, and the edge's first and last
-- dates are read again from its pairs when one goes.
CREATE FUNCTION violence_pair() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r violence_incidents;
	n integer := 1;
BEGIN
	IF TG_OP = 'INSERT' THEN
		r := NEW;
	ELSE
		r := OLD;
		n := -1;
	END IF;
	INSERT INTO violence_edge_types AS e (perpetrator, target, type, incidents) VALUES (r.perpetrator, r.target, r.type, n)
		ON CONFLICT (perpetrator, target, type) DO UPDATE SET incidents = e.incidents + n;
	IF n > 0 THEN
		INSERT INTO violence_edges AS e (perpetrator, target, incidents, first_seen, last_seen)
			VALUES (r.perpetrator, r.target, 1, r.date_start, r.date_start)
			ON CONFLICT (perpetrator, target) DO UPDATE SET incidents = e.incidents + 1,
				first_seen = CASE WHEN e.first_seen = '' OR excluded.first_seen <> '' AND excluded.first_seen < e.first_seen
					THEN excluded.first_seen ELSE e.first_seen END,
				last_seen = GREATEST(e.last_seen, excluded.last_seen);
		RETURN NULL;
	END IF;
	DELETE FROM violence_edge_types WHERE perpetrator = r.perpetrator AND target = r.target AND type = r.type AND incidents = 0;
	UPDATE violence_edges SET incidents = incidents - 1,
		first_seen = COALESCE((SELECT min(date_start) FROM violence_incidents
			WHERE perpetrator = r.perpetrator AND target = r.target AND date_start > ''), ''),
		last_seen = COALESCE((SELECT max(date_start) FROM violence_incidents WHERE perpetrator = r.perpetrator AND target = r.target), '')
		WHERE perpetrator = r.perpetrator AND target = r.target;
	DELETE FROM violence_edges WHERE perpetrator = r.perpetrator AND target = r.target AND incidents = 0;
	RETURN NULL;
END $$;
CREATE TRIGGER violence_pair AFTER INSERT OR DELETE ON violence_incidents
	FOR EACH ROW EXECUTE FUNCTION violence_pair();
