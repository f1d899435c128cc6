-- Events by type and place, in date order within each: with it a filter
-- on type and place (or near) counts its matches, and collects and sorts
-- them when they are few, from the index alone (placeIndex in query.go),
-- instead of walking every event of that type for a rare place.
CREATE INDEX IF NOT EXISTS events_type_place_date ON events(type, place_rowid, date_start);
