-- One event_actors row per actor of an event, with its roles as bits
-- (1 << store.Role…), so that an actor's events newest first are one index
-- range with no repeats: an event list filtered by one actor walks it.
CREATE TABLE event_actors_by_actor AS
	SELECT actor_rowid, date_start, event_rowid, bit_or(1 << role)::smallint AS roles
	FROM event_actors GROUP BY actor_rowid, date_start, event_rowid;
DROP TABLE event_actors;
ALTER TABLE event_actors_by_actor RENAME TO event_actors;
ALTER TABLE event_actors ALTER COLUMN actor_rowid SET NOT NULL, ALTER COLUMN event_rowid SET NOT NULL,
	ALTER COLUMN roles SET NOT NULL, ADD UNIQUE (actor_rowid, event_rowid);
CREATE INDEX event_actors_actor ON event_actors (actor_rowid, date_start DESC NULLS LAST, event_rowid DESC);
CREATE INDEX event_actors_event ON event_actors (event_rowid);
