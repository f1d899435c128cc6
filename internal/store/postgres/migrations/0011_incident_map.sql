-- Incidents and the people reported killed in them per point (the
-- coordinates of their place), whether the point is only a province's or
-- a country's centre, and type (CountIncidentPoints, the map), under every
-- place key a place filter matches: '' for every incident, and each
-- distinct lower-cased name, province and country of its place.
-- Incidents without coordinates are counted under located = false (lat,
-- lon 0). The trigger keeps the counts in the transactions that write the
-- incidents (an incident is replaced whole: deleted and inserted), so that
-- a map of a million incidents, or of a country's, costs its points.
-- approx is the incident's: its place is only such a centre.
ALTER TABLE incidents ADD COLUMN approx boolean NOT NULL DEFAULT false;
UPDATE incidents SET approx = true WHERE convert_from(row, 'UTF8')::jsonb->>'precision' IN ('province', 'country');

CREATE TABLE incident_map (
	place     text COLLATE "C" NOT NULL,
	located   boolean NOT NULL,
	lat       double precision NOT NULL,
	lon       double precision NOT NULL,
	approx    boolean NOT NULL,
	type      text COLLATE "C" NOT NULL,
	incidents integer NOT NULL,
	killed    bigint NOT NULL,           -- sum of the best figures (none counts 0)
	PRIMARY KEY (place, located, lat, lon, approx, type)
);

CREATE FUNCTION incident_map() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r incidents;
	n integer := 1;
	here boolean; -- located
BEGIN
	IF TG_OP = 'INSERT' THEN
		r := NEW;
	ELSE
		r := OLD;
		n := -1;
	END IF;
	here := r.lat IS NOT NULL AND r.lon IS NOT NULL;
	INSERT INTO incident_map AS p (place, located, lat, lon, approx, type, incidents, killed)
		SELECT DISTINCT k, here, CASE WHEN here THEN r.lat ELSE 0 END, CASE WHEN here THEN r.lon ELSE 0 END,
			r.approx, r.type, n, n * GREATEST(r.killed, 0)
		FROM unnest(ARRAY['', r.place_l, r.admin1_l, r.country_l]) k
		ON CONFLICT (place, located, lat, lon, approx, type) DO UPDATE SET incidents = p.incidents + excluded.incidents, killed = p.killed + excluded.killed;
	IF n < 0 THEN
		DELETE FROM incident_map WHERE place = ANY(ARRAY['', r.place_l, r.admin1_l, r.country_l]) AND located = here
			AND lat = CASE WHEN here THEN r.lat ELSE 0 END AND lon = CASE WHEN here THEN r.lon ELSE 0 END
			AND approx = r.approx AND type = r.type AND incidents = 0;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER incident_map AFTER INSERT OR DELETE ON incidents
	FOR EACH ROW EXECUTE FUNCTION incident_map();

-- The counts of the incidents stored before.
INSERT INTO incident_map (place, located, lat, lon, approx, type, incidents, killed)
	SELECT k, here, CASE WHEN here THEN i.lat ELSE 0 END, CASE WHEN here THEN i.lon ELSE 0 END, i.approx, i.type, COUNT(*), SUM(GREATEST(i.killed, 0))
	FROM incidents i, LATERAL (SELECT i.lat IS NOT NULL AND i.lon IS NOT NULL AS here) h,
		LATERAL (SELECT DISTINCT k FROM unnest(ARRAY['', i.place_l, i.admin1_l, i.country_l]) k) x
	GROUP BY 1, 2, 3, 4, 5, 6;
