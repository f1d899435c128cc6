package sqlite

import "time"

// The rowid of an event's row in events_fts is its ftsKey: the day number
// of its start date in the high bits and its events rowid in the low 32.
// FTS5 walks a match in rowid order, forwards or backwards, and stops when
// the query has its page; keyed like this that order is the event lists'
// order (date_start, then rowid), so "newest events mentioning X" reads
// one page of the index rather than every match. Undated events get day
// 0: last newest first, first oldest first, as in the lists.

// ftsRowidBits is how many low bits of an ftsKey hold the event's rowid.
const ftsRowidBits = 32

// ftsRowidMask extracts the event's rowid from an ftsKey.
const ftsRowidMask = 1<<ftsRowidBits - 1

// ftsDay0 is day 1 of the day numbers: 0001-01-01.
var ftsDay0 = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

// ftsKey returns the events_fts rowid of the event with this rowid and
// start date ("" or YYYY-MM-DD).
func ftsKey(start string, rowid int64) int64 {
	var day int64
	if t, err := time.Parse(time.DateOnly, start); err == nil {
		day = (t.Unix()-ftsDay0)/86400 + 1
	}
	return day<<ftsRowidBits | rowid
}

// ftsKeySQL is ftsKey as an SQL expression over an events row e; the
// migration that introduced the key uses the same expression.
const ftsKeySQL = `(CASE WHEN e.date_start = '' THEN 0
	ELSE CAST(julianday(e.date_start) - 1721425.5 AS INTEGER) + 1 END << 32 | e.rowid)`
