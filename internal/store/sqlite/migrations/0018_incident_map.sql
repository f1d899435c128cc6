-- Incidents and the people reported killed in them per point (the
-- coordinates of their place), whether the point is only a province's or
-- a country's centre, and type (CountIncidentPoints, the map), under every
-- place key a place filter matches: '' for every incident, and each
-- distinct lower-cased name, province and country of its place.
-- Incidents without coordinates are counted under located = 0 (lat, lon
-- 0). Triggers keep the counts in the transactions that write the
-- incidents (an incident is replaced whole: deleted and inserted), so that
-- a map of a million incidents, or of a country's, costs its points. The
-- key's order puts a point's types together: the map reads a point at a
-- time.
CREATE TABLE IF NOT EXISTS incident_map (
	place     TEXT NOT NULL,
	located   INTEGER NOT NULL,
	lat       REAL NOT NULL,
	lon       REAL NOT NULL,
	approx    INTEGER NOT NULL, -- 1: a province's or a country's centre
	type      TEXT NOT NULL,
	incidents INTEGER NOT NULL,
	killed    INTEGER NOT NULL, -- sum of the best figures (none counts 0)
	PRIMARY KEY (place, located, lat, lon, approx, type)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS incident_map_in AFTER INSERT ON incidents BEGIN
	INSERT INTO incident_map (place, located, lat, lon, approx, type, incidents, killed)
		SELECT k.k, pt.located, pt.lat, pt.lon, NEW.precision IN ('province', 'country'), NEW.type, 1, max(NEW.killed, 0)
		FROM (SELECT '' AS k
			UNION SELECT name_l FROM places WHERE rowid = NEW.place_rowid AND name_l <> ''
			UNION SELECT admin1_l FROM places WHERE rowid = NEW.place_rowid AND admin1_l <> ''
			UNION SELECT country_l FROM places WHERE rowid = NEW.place_rowid AND country_l <> '') k,
			(SELECT p.lat IS NOT NULL AS located, COALESCE(p.lat, 0) AS lat, COALESCE(p.lon, 0) AS lon
				FROM (SELECT NULL) LEFT JOIN places p ON p.rowid = NEW.place_rowid AND p.lat IS NOT NULL AND p.lon IS NOT NULL) pt
		WHERE true
		ON CONFLICT (place, located, lat, lon, approx, type) DO UPDATE SET incidents = incidents + 1, killed = killed + excluded.killed;
END;
CREATE TRIGGER IF NOT EXISTS incident_map_out AFTER DELETE ON incidents BEGIN
	UPDATE incident_map SET incidents = incidents - 1, killed = killed - max(OLD.killed, 0)
		WHERE place IN (SELECT '' UNION SELECT name_l FROM places WHERE rowid = OLD.place_rowid AND name_l <> ''
			UNION SELECT admin1_l FROM places WHERE rowid = OLD.place_rowid AND admin1_l <> ''
			UNION SELECT country_l FROM places WHERE rowid = OLD.place_rowid AND country_l <> '')
		AND located = EXISTS (SELECT 1 FROM places WHERE rowid = OLD.place_rowid AND lat IS NOT NULL AND lon IS NOT NULL)
		AND lat = COALESCE((SELECT lat FROM places WHERE rowid = OLD.place_rowid AND lat IS NOT NULL AND lon IS NOT NULL), 0)
		AND lon = COALESCE((SELECT lon FROM places WHERE rowid = OLD.place_rowid AND lat IS NOT NULL AND lon IS NOT NULL), 0)
		AND approx = (OLD.precision IN ('province', 'country')) AND type = OLD.type;
	DELETE FROM incident_map WHERE incidents = 0
		AND place IN (SELECT '' UNION SELECT name_l FROM places WHERE rowid = OLD.place_rowid AND name_l <> ''
			UNION SELECT admin1_l FROM places WHERE rowid = OLD.place_rowid AND admin1_l <> ''
			UNION SELECT country_l FROM places WHERE rowid = OLD.place_rowid AND country_l <> '')
		AND located = EXISTS (SELECT 1 FROM places WHERE rowid = OLD.place_rowid AND lat IS NOT NULL AND lon IS NOT NULL)
		AND lat = COALESCE((SELECT lat FROM places WHERE rowid = OLD.place_rowid AND lat IS NOT NULL AND lon IS NOT NULL), 0)
		AND lon = COALESCE((SELECT lon FROM places WHERE rowid = OLD.place_rowid AND lat IS NOT NULL AND lon IS NOT NULL), 0)
		AND approx = (OLD.precision IN ('province', 'country')) AND type = OLD.type;
END;

-- A map of a range of dates (which the stored counts do not key) reads
-- its incidents' points, types and tolls from this index alone.
CREATE INDEX IF NOT EXISTS incidents_date_points ON incidents(date_start, date_end, place_rowid, precision, type, killed);

-- The counts of the incidents stored before, and the planner's statistics
-- of the new index: fillIncidentMap (incidentpoints.go).
