-- The incidents under each place key a place filter matches (each distinct
-- lower-cased name, province and country of an incident's place), newest
-- first, with the columns a type and dates filter reads. A place filter is
-- three columns, one of which must match: the planner either walked every
-- incident newest first, reading whole rows to test the three, or read
-- every incident of the place to sort them. From these rows a page is the
-- place's newest entries and its count an index-only range, as for one
-- actor's incident_actors rows. The trigger keeps them in the
-- transactions that write the incidents (an incident is replaced whole:
-- deleted and inserted).
CREATE TABLE incident_places (
	place      text COLLATE "C" NOT NULL,
	date_start text COLLATE "C" NOT NULL,
	incident   text COLLATE "C" NOT NULL,
	date_end   text COLLATE "C" NOT NULL,
	type       text NOT NULL,
	PRIMARY KEY (place, date_start, incident) INCLUDE (date_end, type)
);

CREATE FUNCTION incident_places() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO incident_places (place, date_start, incident, date_end, type)
			SELECT DISTINCT k, NEW.date_start, NEW.id, NEW.date_end, NEW.type
			FROM unnest(ARRAY[NEW.place_l, NEW.admin1_l, NEW.country_l]) k WHERE k <> '';
	ELSE
		DELETE FROM incident_places WHERE place = ANY(ARRAY[OLD.place_l, OLD.admin1_l, OLD.country_l])
			AND date_start = OLD.date_start AND incident = OLD.id;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER incident_places AFTER INSERT OR DELETE ON incidents
	FOR EACH ROW EXECUTE FUNCTION incident_places();

INSERT INTO incident_places (place, date_start, incident, date_end, type)
	SELECT DISTINCT k, i.date_start, i.id, i.date_end, i.type
	FROM incidents i, unnest(ARRAY[i.place_l, i.admin1_l, i.country_l]) k WHERE k <> '';

-- A type and dates filter's count reads the type's index alone: the end
-- date it tests is in the index (an incident may start before since and
-- reach into it).
DROP INDEX incidents_type;
CREATE INDEX incidents_type ON incidents (type, date_start DESC, id DESC) INCLUDE (date_end);
DROP INDEX incidents_order;
CREATE INDEX incidents_order ON incidents (date_start DESC, id DESC) INCLUDE (date_end);
ANALYZE incident_places;
