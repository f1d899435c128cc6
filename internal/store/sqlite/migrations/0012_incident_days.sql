-- Incidents and the people reported killed in them per day of their first
-- date and type (CountIncidentDays, the timeline), under every place key
-- a place filter matches: '' for every incident, and each distinct
-- lower-cased name, province and country of its place. Triggers keep the
-- counts in the transactions that write the incidents (an incident is
-- replaced whole: deleted and inserted), so that a timeline costs its
-- days, not its incidents.
CREATE TABLE IF NOT EXISTS incident_days (
	place     TEXT NOT NULL,
	day       TEXT NOT NULL,    -- '' when undated
	type      TEXT NOT NULL,
	incidents INTEGER NOT NULL,
	killed    INTEGER NOT NULL, -- sum of the best figures (none counts 0)
	PRIMARY KEY (place, day, type)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS incident_days_in AFTER INSERT ON incidents BEGIN
	INSERT INTO incident_days (place, day, type, incidents, killed)
		SELECT k, NEW.date_start, NEW.type, 1, max(NEW.killed, 0) FROM (
			SELECT '' AS k
			UNION SELECT name_l FROM places WHERE rowid = NEW.place_rowid AND name_l <> ''
			UNION SELECT admin1_l FROM places WHERE rowid = NEW.place_rowid AND admin1_l <> ''
			UNION SELECT country_l FROM places WHERE rowid = NEW.place_rowid AND country_l <> '')
		WHERE true
		ON CONFLICT (place, day, type) DO UPDATE SET incidents = incidents + 1, killed = killed + excluded.killed;
END;
CREATE TRIGGER IF NOT EXISTS incident_days_out AFTER DELETE ON incidents BEGIN
	UPDATE incident_days SET incidents = incidents - 1, killed = killed - max(OLD.killed, 0)
		WHERE day = OLD.date_start AND type = OLD.type AND place IN (
			SELECT '' UNION SELECT name_l FROM places WHERE rowid = OLD.place_rowid AND name_l <> ''
			UNION SELECT admin1_l FROM places WHERE rowid = OLD.place_rowid AND admin1_l <> ''
			UNION SELECT country_l FROM places WHERE rowid = OLD.place_rowid AND country_l <> '');
	DELETE FROM incident_days WHERE day = OLD.date_start AND type = OLD.type AND incidents = 0 AND place IN (
			SELECT '' UNION SELECT name_l FROM places WHERE rowid = OLD.place_rowid AND name_l <> ''
			UNION SELECT admin1_l FROM places WHERE rowid = OLD.place_rowid AND admin1_l <> ''
			UNION SELECT country_l FROM places WHERE rowid = OLD.place_rowid AND country_l <> '');
END;

-- The counts of the incidents stored before: fillIncidentDays (incidentdays.go).

-- Events newest first, walked with a place or near filter probing each:
-- the place and review state from the index, not the events' rows.
CREATE INDEX IF NOT EXISTS events_date_place ON events(date_start, place_rowid, review);
DROP INDEX IF EXISTS events_date;
