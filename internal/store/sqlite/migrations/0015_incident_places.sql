-- The incidents under each place key a place filter matches (each distinct
-- non-empty lower-cased name, province and country of an incident's
-- place), newest first, with the columns a type and dates filter reads. A
-- place filter is three columns of places, one of which must match: a
-- town's incidents were collected and sorted, and a common one's were
-- found by walking every incident newest first and probing its place (47
-- ms for a town of 2,000 of a million events' 600,000 incidents). From
-- these rows a page is the key's newest rows and its count a range of
-- them, as for one actor's incident_actors rows. Triggers keep them in the
-- transactions that write the incidents (an incident is replaced whole:
-- deleted and inserted; a place row never changes).
CREATE TABLE IF NOT EXISTS incident_places (
	place          TEXT NOT NULL,
	date_start     TEXT NOT NULL,
	id             TEXT NOT NULL,
	incident_rowid INTEGER NOT NULL,
	date_end       TEXT NOT NULL,
	type           TEXT NOT NULL,
	PRIMARY KEY (place, date_start, id)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS incident_places_in AFTER INSERT ON incidents WHEN NEW.place_rowid IS NOT NULL BEGIN
	INSERT INTO incident_places (place, date_start, id, incident_rowid, date_end, type)
		SELECT k, NEW.date_start, NEW.id, NEW.rowid, NEW.date_end, NEW.type FROM (
			SELECT name_l AS k FROM places WHERE rowid = NEW.place_rowid AND name_l <> ''
			UNION SELECT admin1_l FROM places WHERE rowid = NEW.place_rowid AND admin1_l <> ''
			UNION SELECT country_l FROM places WHERE rowid = NEW.place_rowid AND country_l <> '');
END;
CREATE TRIGGER IF NOT EXISTS incident_places_out AFTER DELETE ON incidents WHEN OLD.place_rowid IS NOT NULL BEGIN
	DELETE FROM incident_places WHERE date_start = OLD.date_start AND id = OLD.id AND place IN (
		SELECT name_l FROM places WHERE rowid = OLD.place_rowid
		UNION SELECT admin1_l FROM places WHERE rowid = OLD.place_rowid
		UNION SELECT country_l FROM places WHERE rowid = OLD.place_rowid);
END;

-- The rows of the incidents stored before: fillIncidentPlaces
-- (incidentplaces.go), which then analyzes both tables.

-- A type and dates filter is counted from the type's index alone: the end
-- date it tests is in the index (an incident may start before since and
-- reach into it), as it is in the index of all incidents by date.
CREATE INDEX IF NOT EXISTS incidents_type_date_end ON incidents(type, date_start, id, date_end);
DROP INDEX IF EXISTS incidents_type_date;
CREATE INDEX IF NOT EXISTS incidents_date_end ON incidents(date_start, id, date_end);
DROP INDEX IF EXISTS incidents_date;
