-- The events' full-text index is keyed by date, not by event: its rowid is
-- (day number of date_start) << 32 | events.rowid (day 0 for undated
-- events; see ftsKey in fts.go). Walking a match in rowid order is then
-- walking it newest first (or oldest first), as event lists are ordered,
-- so a text filter stops after one page instead of collecting every
-- matching event and sorting them; a common word matches a tenth of a
-- million events.
DROP TABLE events_fts_vocab;
DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(evidence, content='', contentless_delete=1);
INSERT INTO events_fts (rowid, evidence)
	SELECT CASE WHEN e.date_start = '' THEN 0
		ELSE CAST(julianday(e.date_start) - 1721425.5 AS INTEGER) + 1 END << 32 | e.rowid,
	COALESCE((SELECT group_concat(json_extract(j.value, '$.text'), char(10)) FROM json_each(e.data, '$.evidence') j), '')
	FROM events e;
CREATE VIRTUAL TABLE events_fts_vocab USING fts5vocab(events_fts, 'row');
