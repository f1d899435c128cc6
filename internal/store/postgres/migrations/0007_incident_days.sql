-- Incidents and the people reported killed in them per day of their first
-- date and type (CountIncidentDays, the timeline), under every place key
-- a place filter matches: '' for every incident, and each distinct
-- lower-cased name, province and country of its place. The trigger keeps
-- the counts in the transactions that write the incidents (an incident is
-- replaced whole: deleted and inserted), so that a timeline costs its
-- days, not its incidents.
CREATE TABLE incident_days (
	place     text COLLATE "C" NOT NULL,
	day       text COLLATE "C" NOT NULL,   -- '' when undated
	type      text COLLATE "C" NOT NULL,
	incidents integer NOT NULL,
	killed    bigint NOT NULL,             -- sum of the best figures (none counts 0)
	PRIMARY KEY (place, day, type)
);

CREATE FUNCTION incident_days() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r incidents;
	n integer := 1;
BEGIN
	IF TG_OP = 'INSERT' THEN
		r := NEW;
	ELSE
		r := OLD;
		n := -1;
	END IF;
	INSERT INTO incident_days AS d (place, day, type, incidents, killed)
		SELECT DISTINCT k, r.date_start, r.type, n, n * GREATEST(r.killed, 0)
		FROM unnest(ARRAY['', r.place_l, r.admin1_l, r.country_l]) k
		ON CONFLICT (place, day, type) DO UPDATE SET incidents = d.incidents + excluded.incidents, killed = d.killed + excluded.killed;
	IF n < 0 THEN
		DELETE FROM incident_days WHERE day = r.date_start AND type = r.type AND incidents = 0
			AND place = ANY(ARRAY['', r.place_l, r.admin1_l, r.country_l]);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER incident_days AFTER INSERT OR DELETE ON incidents
	FOR EACH ROW EXECUTE FUNCTION incident_days();

-- The counts of the incidents stored before.
INSERT INTO incident_days (place, day, type, incidents, killed)
	SELECT k, i.date_start, i.type, COUNT(*), SUM(GREATEST(i.killed, 0))
	FROM incidents i, LATERAL (SELECT DISTINCT k FROM unnest(ARRAY['', i.place_l, i.admin1_l, i.country_l]) k) x
	GROUP BY k, i.date_start, i.type;

-- The incidents of one actor newest first, a page at a time: its
-- incident_actors rows carry the incident's first date (as in SQLite), so
-- that the page ends the walk however many incidents name the actor.
ALTER TABLE incident_actors ADD COLUMN date_start text COLLATE "C" NOT NULL DEFAULT '';
UPDATE incident_actors a SET date_start = i.date_start FROM incidents i WHERE i.id = a.incident AND i.date_start <> '';
CREATE INDEX incident_actors_actor_date ON incident_actors (actor, date_start DESC, incident DESC);
