-- The points incidents are placed at, with how many incidents each holds,
-- kept by a trigger in the transactions that write the incidents (as
-- incident_days is), and each point's incidents newest first. A circle
-- (the near filter) is then a few hundred points of a small table, and a
-- page of its incidents the newest few of each point: a box on (lat, lon)
-- alone walks a band of latitude across the world, and ordering by date
-- then reads every incident of a busy town.
CREATE TABLE incident_points (
	lat       double precision NOT NULL,
	lon       double precision NOT NULL,
	incidents integer NOT NULL,
	PRIMARY KEY (lat, lon)
);

CREATE FUNCTION incident_points() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		IF NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL THEN
			INSERT INTO incident_points AS p (lat, lon, incidents) VALUES (NEW.lat, NEW.lon, 1)
				ON CONFLICT (lat, lon) DO UPDATE SET incidents = p.incidents + 1;
		END IF;
	ELSIF OLD.lat IS NOT NULL AND OLD.lon IS NOT NULL THEN
		UPDATE incident_points SET incidents = incidents - 1 WHERE lat = OLD.lat AND lon = OLD.lon;
		DELETE FROM incident_points WHERE lat = OLD.lat AND lon = OLD.lon AND incidents <= 0;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER incident_points AFTER INSERT OR DELETE ON incidents
	FOR EACH ROW EXECUTE FUNCTION incident_points();

INSERT INTO incident_points (lat, lon, incidents)
	SELECT lat, lon, COUNT(*) FROM incidents WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY lat, lon;

DROP INDEX incidents_latlon;
CREATE INDEX incidents_point ON incidents (lat, lon, date_start DESC, id DESC);

-- A timeline's days and an actor's incident rows are read from their
-- indexes alone (index-only scans): the rows of a busy place's days lie
-- one to a page across the table, as the counts are updated in place.
CREATE UNIQUE INDEX incident_days_key ON incident_days (place, day, type) INCLUDE (incidents, killed);
ALTER TABLE incident_days DROP CONSTRAINT incident_days_pkey,
	ADD CONSTRAINT incident_days_pkey PRIMARY KEY USING INDEX incident_days_key;
DROP INDEX incident_actors_actor_date;
CREATE INDEX incident_actors_actor_date ON incident_actors (actor, date_start DESC, incident DESC) INCLUDE (roles);

-- An edge's speakers of most claims (store.SpeakersShown of them, for an
-- actor's claim graph) are the first entries of its range, not every
-- speaker of the edge sorted: an edge between two busy actors has
-- dozens.
CREATE INDEX claim_edge_speakers_edge ON claim_edge_speakers (subject, object, relation, claims DESC, speaker) INCLUDE (documents);
