package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitrep/internal/store"
)

// eventWhere turns a filter into SQL conditions over events e. Each filter
// is a condition the planner can drive from its own index: type and date
// by events_type_date, place and near by events_place_date (after
// resolving them to a set of places), actor through event_actors. A text
// filter is not among the conditions: it comes back as an FTS5 query for
// eventQuery, which makes events_fts drive the query.
func (db *DB) eventWhere(ctx context.Context, q querier, f store.EventFilter) (conds []string, args []any, plan eventPlan, none bool, err error) {
	add := func(c string, a ...any) { conds, args = append(conds, c), append(args, a...) }
	if f.Type != "" {
		add("e.type = ?", f.Type)
	}
	if f.Since != "" || f.Until != "" {
		// date_start bounds use the index; an event whose range starts up
		// to max_span_days before Since can still reach into it.
		lo, hi := "0", "9"
		if f.Since != "" {
			span, err := db.maxSpan(ctx, q)
			if err != nil {
				return nil, nil, plan, false, err
			}
			t, _ := time.Parse(time.DateOnly, f.Since)
			lo = t.AddDate(0, 0, -span).Format(time.DateOnly)
			add("e.date_end >= ?", f.Since)
		}
		if f.Until != "" {
			hi = f.Until
		}
		add("e.date_start BETWEEN ? AND ?", lo, hi)
		plan.dates = []any{lo, hi}
		// The same bounds on the full-text keys, which follow date_start:
		// a text search in a period walks only that period's matches.
		plan.lo = max(ftsKey(lo, 0), 1<<ftsRowidBits)
		if store.ValidDate(hi) {
			plan.hi = ftsKey(hi, ftsRowidMask)
		}
	}
	// Index-only conditions for placeIndex: type, start date and place.
	var keyConds []string
	var keyArgs []any
	if f.Type != "" {
		keyConds, keyArgs = append(keyConds, conds[0]), append(keyArgs, args[0])
	}
	if f.Since != "" || f.Until != "" {
		keyConds, keyArgs = append(keyConds, conds[len(conds)-1]), append(keyArgs, args[len(args)-2:]...)
	}
	// A place or near filter is first a set of places, collected through
	// the place index (collect). When its events are many (placeIndex
	// decides), or the name or circle stands for more than manyPlaces
	// places, each event walked in date order is probed instead (probe):
	// SQLite would otherwise gather every matching event to sort it.
	var collect, probe []string
	var collectArgs, probeArgs []any
	var placeIDs []int64
	manyNamed, recent := false, false
	if f.Place != "" {
		l := strings.ToLower(f.Place)
		const named = "SELECT rowid FROM places WHERE name_l = ?1 UNION SELECT rowid FROM places WHERE admin1_l = ?1 UNION SELECT rowid FROM places WHERE country_l = ?1"
		// Each column counted on its own index up to the cap: a count of
		// the union would first gather and sort every match. A place that
		// matches twice (Kabul, in Kabul) counts twice, which is harmless
		// against a threshold; zero is exact.
		count := func(col string) string {
			return fmt.Sprintf("(SELECT COUNT(*) FROM (SELECT 1 FROM places WHERE %s = ?1 LIMIT %d))", col, manyPlaces+1)
		}
		var n int
		if err := q.QueryRowContext(ctx, "SELECT "+count("name_l")+" + "+count("admin1_l")+" + "+count("country_l"), l).Scan(&n); err != nil {
			return nil, nil, plan, false, fmt.Errorf("places named: %w", err)
		}
		if n == 0 {
			return nil, nil, plan, true, nil
		}
		manyNamed = n > manyPlaces
		collect = append(collect, "e.place_rowid IN ("+named+")")
		probe = append(probe, "EXISTS (SELECT 1 FROM places p WHERE p.rowid = e.place_rowid AND (p.name_l = ?1 OR p.admin1_l = ?1 OR p.country_l = ?1))")
		collectArgs, probeArgs = append(collectArgs, l), append(probeArgs, l)
	}
	if f.Near != nil {
		ids, many, err := db.placesNear(ctx, q, *f.Near)
		if err != nil {
			return nil, nil, plan, false, err
		}
		if !many && len(ids) == 0 {
			return nil, nil, plan, true, nil
		}
		minLat, maxLat, minLon, maxLon := f.Near.BoundingBox()
		nearArgs := []any{minLat, maxLat, minLon, maxLon, f.Near.Lat, f.Near.Lon, f.Near.KM}
		if many {
			collect, collectArgs = nil, nil
			conds, args = append(conds, probe...), append(args, probeArgs...)
			add(nearProbe, nearArgs...)
			probe = nil
		} else {
			placeIDs = ids
			list, _ := json.Marshal(ids)
			collect = append(collect, "e.place_rowid IN (SELECT value FROM json_each(?))")
			probe = append(probe, nearProbe)
			collectArgs, probeArgs = append(collectArgs, string(list)), append(probeArgs, nearArgs...)
		}
	}
	if len(collect) > 0 {
		// When the words drive the query, or the places are many, probe.
		common := f.Text != "" || manyNamed
		if !common {
			plan.index, err = placeIndex(ctx, q, f.Type != "", append(keyConds, collect...), append(keyArgs, collectArgs...))
			if err != nil {
				return nil, nil, plan, false, err
			}
			common = plan.index == ""
		}
		switch {
		case common && f.Near != nil && f.Place == "" && f.Actor == "" && f.Text == "" && f.DocID == "" && f.Limit > 0 && f.Order != store.OldestFirst:
			// Many events in a circle, nothing else to drive: the newest
			// of them, from a start date back to which a page's worth
			// are found (recentFrom, once every condition is in),
			// collected by the place index and sorted.
			recent = true
		case common:
			conds, args = append(conds, probe...), append(args, probeArgs...)
		default:
			conds, args = append(conds, collect...), append(args, collectArgs...)
		}
	}
	// An actor filter naming one actor, without words to drive the query
	// or a rare place's index, walks that actor's event_actors rows, which
	// are in date order: the page ends the walk, however many events the
	// actor has (eventQuery). Otherwise it comes in two forms: for rare
	// actors their events are collected first and sorted (IN); for common
	// ones that would mean sorting a large share of all events, so events
	// are walked in date order, or by another filter's index, and each is
	// probed (EXISTS), which stops as soon as the page is full. The
	// actors' event counters decide.
	if f.Actor != "" {
		var n, one int64
		var actors int
		if err := q.QueryRowContext(ctx, "SELECT COALESCE(SUM(events), 0), COUNT(*), COALESCE(MIN(rowid), 0) FROM actors WHERE id = ? OR instr(search, ?) > 0",
			f.Actor, strings.ToLower(f.Actor)).Scan(&n, &actors, &one); err != nil {
			return nil, nil, plan, false, fmt.Errorf("actor statistics: %w", err)
		}
		switch {
		case n == 0:
			return nil, nil, plan, true, nil
		case actors == 1 && f.Text == "" && plan.index == "":
			plan.actor = one
		case n > probeAbove:
			add("EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_rowid = e.rowid AND ea.actor_rowid IN ("+actorMatch+"))", f.Actor, strings.ToLower(f.Actor))
		default:
			add("e.rowid IN (SELECT event_rowid FROM event_actors WHERE actor_rowid IN ("+actorMatch+"))", f.Actor, strings.ToLower(f.Actor))
		}
	}
	// No statistics are read for the words: events_fts_vocab counts a
	// word's events by reading its whole doclist, which for a common word
	// costs more than the page of matches itself; a word no event
	// contains has an empty doclist, and the walk ends at once anyway.
	if f.Text != "" {
		terms, err := store.ParseQuery(f.Text)
		if err != nil {
			return nil, nil, plan, false, err
		}
		plan.match = store.FTS5Query(terms)
	}
	if f.DocID != "" {
		add("e.doc_rowid = (SELECT rowid FROM documents WHERE id = ?)", f.DocID)
	}
	if f.Language != "" {
		c, n, err := languageCond(ctx, q, "e", f.Language)
		if err != nil {
			return nil, nil, plan, false, err
		}
		if n == 0 {
			return nil, nil, plan, true, nil
		}
		add(c, f.Language)
	}
	if !f.IncludeRejected {
		add("e.review <> 'rejected'")
	}
	if recent {
		index := "events_place_date"
		if f.Type != "" {
			index = "events_type_place_date"
		}
		conds, args = append(conds, collect...), append(args, collectArgs...)
		from, err := recentFrom(ctx, q, "events e INDEXED BY "+index, "e.date_start", conds, args, placeIDs, f.Limit+f.Offset, f.Until)
		if err != nil {
			return nil, nil, plan, false, fmt.Errorf("recent events: %w", err)
		}
		plan.index = index
		if from != "" {
			add("e.date_start >= ?", from)
		}
	}
	return conds, args, plan, false, nil
}

// eventPlan is how eventQuery drives an event query. match is a text
// filter's FTS5 query, and lo, hi the range of events_fts keys the
// filter's dates allow (hi 0: no bound). index, when set, is the events
// index the query must use (see placeIndex).
type eventPlan struct {
	match  string
	lo, hi int64
	index  string
	// actor, when set, is the one actor whose event_actors rows drive
	// the query; dates the bounds on their start dates, when any.
	actor int64
	dates []any
}

// eventQuery assembles the query for a filter: cols selected from events
// e (joined with documents d when withDoc), filtered, ordered and paged
// (limit < 0: no limit).
//
// A text filter normally drives the query from events_fts, walked in the
// order of its keys, which is the list's order (fts.go): the first page of
// matches that pass the other conditions ends it, however many events
// match the words. A filter by document has a handful of events: those
// are probed against the full-text index one by one instead.
func eventQuery(cols string, withDoc bool, conds []string, args []any, plan eventPlan, f store.EventFilter, limit int) (string, []any) {
	from := " FROM events e"
	order := orderBy(f.Order)
	if plan.match != "" {
		if f.DocID != "" {
			conds = append(conds, "EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH ? AND events_fts.rowid = "+ftsKeySQL+")")
			args = append(args, plan.match)
		} else {
			// CROSS JOIN keeps events_fts the outer loop, so that the
			// walk in key order is the output order and LIMIT stops it.
			from = fmt.Sprintf(" FROM events_fts CROSS JOIN events e ON e.rowid = (events_fts.rowid & %d)", ftsRowidMask)
			first := []string{"events_fts MATCH ?"}
			firstArgs := []any{plan.match}
			if plan.lo > 0 {
				first, firstArgs = append(first, "events_fts.rowid >= ?"), append(firstArgs, plan.lo)
			}
			if plan.hi > 0 {
				first, firstArgs = append(first, "events_fts.rowid <= ?"), append(firstArgs, plan.hi)
			}
			conds = append(first, conds...)
			args = append(firstArgs, args...)
			order = " ORDER BY events_fts.rowid DESC"
			if f.Order == store.OldestFirst {
				order = " ORDER BY events_fts.rowid ASC"
			}
		}
	} else if plan.index != "" {
		from += " INDEXED BY " + plan.index
	} else if plan.actor != 0 {
		// CROSS JOIN keeps the actor's rows the outer loop, walked in
		// the list's order; an event naming the actor in several roles
		// is taken at its first.
		from = " FROM event_actors ea CROSS JOIN events e ON e.rowid = ea.event_rowid"
		first := []string{"ea.actor_rowid = ?"}
		firstArgs := []any{plan.actor}
		if plan.dates != nil {
			first, firstArgs = append(first, "ea.date_start BETWEEN ? AND ?"), append(firstArgs, plan.dates...)
		}
		first = append(first, `NOT EXISTS (SELECT 1 FROM event_actors x WHERE x.actor_rowid = ea.actor_rowid
			AND x.date_start = ea.date_start AND x.event_rowid = ea.event_rowid AND x.role < ea.role)`)
		conds, args = append(first, conds...), append(firstArgs, args...)
		order = " ORDER BY ea.date_start DESC, ea.event_rowid DESC"
		if f.Order == store.OldestFirst {
			order = " ORDER BY ea.date_start ASC, ea.event_rowid ASC"
		}
	}
	if withDoc {
		from += " JOIN documents d ON d.rowid = e.doc_rowid"
	}
	query := "SELECT " + cols + from
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(numberParams(conds), " AND ")
	}
	query += order
	if limit >= 0 || f.Offset > 0 {
		query += fmt.Sprintf(" LIMIT %d OFFSET %d", limit, f.Offset)
	}
	return query, args
}

// fewPlaceMatches is the number of events matching a place filter (with
// its type and dates) below which placeIndex has them collected and sorted.
var fewPlaceMatches = 2000

// placeIndex chooses how a query with a place or near filter runs. Left to
// itself SQLite walks events in date order, or by type and date, and
// probes each for the place, which ends as soon as a page is found when
// the place is common, and reads a large part of the table when it is
// rare. So the matching events are counted first, up to fewPlaceMatches,
// by index alone; when there are fewer, the query is made to collect them
// through the place index and sort them, which is then cheap. The cost of
// counting is bounded by the same number.
func placeIndex(ctx context.Context, q querier, typed bool, conds []string, args []any) (string, error) {
	index := "events_place_date"
	if typed {
		index = "events_type_place_date"
	}
	var n int
	err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT COUNT(*) FROM (SELECT 1 FROM events e INDEXED BY %s WHERE %s LIMIT %d)",
		index, strings.Join(numberParams(conds), " AND "), fewPlaceMatches), args...).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("place statistics: %w", err)
	}
	if n < fewPlaceMatches {
		return index, nil
	}
	return "", nil
}

// recentFrom returns a start date from which the newest need rows of from
// matching conds, among those of a list of places, are all found: counted
// (up to need) from 32, 256 and 2,048 days before the newest row of the
// places (or until, when earlier), each place's newest read by the place
// index; "" when none of these suffices. The rows from that date are then
// few to collect and sort, where walking every row newest first to probe
// its place reads tens of thousands for a circle around a few busy towns.
func recentFrom(ctx context.Context, q querier, from, dateCol string, conds []string, args []any, places []int64, need int, until string) (string, error) {
	table, _, _ := strings.Cut(from, " ")
	list, _ := json.Marshal(places)
	var newest sql.NullString
	err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT MAX((SELECT MAX(x.date_start) FROM %s x WHERE x.place_rowid = j.value)) FROM json_each(?) j", table),
		string(list)).Scan(&newest)
	if err != nil {
		return "", err
	}
	if until != "" && until < newest.String {
		newest.String = until
	}
	top, err := time.Parse(time.DateOnly, newest.String)
	if err != nil {
		return "", nil
	}
	where := strings.Join(numberParams(append(slices.Clone(conds), dateCol+" >= ?")), " AND ")
	for _, days := range []int{32, 256, 2048} {
		day := top.AddDate(0, 0, -days).Format(time.DateOnly)
		var n int
		if err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT COUNT(*) FROM (SELECT 1 FROM %s WHERE %s LIMIT %d)", from, where, need),
			append(slices.Clone(args), day)...).Scan(&n); err != nil {
			return "", err
		}
		if n >= need {
			return day, nil
		}
	}
	return "", nil
}

// probeAbove is the number of an actor's events above which the actor
// filter probes events instead of collecting its matches.
var probeAbove int64 = 10000

// actorMatch selects the actors a filter value names: by id, or by a
// substring of any name used for them.
const actorMatch = "SELECT rowid FROM actors WHERE id = ? OR instr(search, ?) > 0"

// numberParams rewrites ? and ?1 placeholders across conditions into one
// sequence ?1, ?2, … so that conditions can be combined freely.
func numberParams(conds []string) []string {
	n := 0
	out := make([]string, len(conds))
	for i, c := range conds {
		var b strings.Builder
		base := n
		maxLocal := 0
		for j := 0; j < len(c); j++ {
			if c[j] != '?' {
				b.WriteByte(c[j])
				continue
			}
			k := j + 1
			for k < len(c) && c[k] >= '0' && c[k] <= '9' {
				k++
			}
			if k > j+1 {
				local, _ := strconv.Atoi(c[j+1 : k])
				maxLocal = max(maxLocal, local)
				b.WriteString("?" + strconv.Itoa(base+local))
				j = k - 1
			} else {
				maxLocal++
				b.WriteString("?" + strconv.Itoa(base+maxLocal))
			}
		}
		n = base + maxLocal
		out[i] = b.String()
	}
	return out
}

func (db *DB) maxSpan(ctx context.Context, q querier) (int, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'max_span_days'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("max span: %w", err)
	}
	n, _ := strconv.Atoi(v)
	return n, nil
}

// nearProbe tests an event's place against a circle: the bounding box,
// then the distance as store.DistanceKM computes it. Arguments: the box
// (min and max latitude, min and max longitude), the centre and the radius.
const nearProbe = `EXISTS (SELECT 1 FROM places p WHERE p.rowid = e.place_rowid
	AND p.lat BETWEEN ?1 AND ?2 AND p.lon BETWEEN ?3 AND ?4
	AND 2 * 6371.0088 * asin(min(1, sqrt(
		pow(sin(radians(p.lat - ?5) / 2), 2) +
		cos(radians(?5)) * cos(radians(p.lat)) * pow(sin(radians(p.lon - ?6) / 2), 2)))) <= ?7)`

// manyPlaces is the number of places a name or a circle may stand for
// above which its events are probed one by one rather than collected
// through the place index.
var manyPlaces = 5000

// placesNear returns the places within the circle: a bounding box on the
// lat/lon index, then the exact distance. When the box holds more than
// manyPlaces places it returns many instead.
func (db *DB) placesNear(ctx context.Context, q querier, n store.Near) (ids []int64, many bool, err error) {
	minLat, maxLat, minLon, maxLon := n.BoundingBox()
	box := []any{minLat, maxLat, minLon, maxLon}
	var inBox int
	if err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT COUNT(*) FROM (SELECT 1 FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? LIMIT %d)", manyPlaces+1),
		box...).Scan(&inBox); err != nil {
		return nil, false, fmt.Errorf("places near: %w", err)
	}
	if inBox > manyPlaces {
		return nil, true, nil
	}
	var list []int64
	err = each(ctx, q, "SELECT rowid, lat, lon FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
		box, func(rows *sql.Rows) error {
			var id int64
			var lat, lon float64
			if err := rows.Scan(&id, &lat, &lon); err != nil {
				return err
			}
			if n.Contains(lat, lon) {
				list = append(list, id)
			}
			return nil
		})
	return list, false, err
}

func orderBy(order string) string {
	if order == store.OldestFirst {
		return " ORDER BY e.date_start ASC, e.rowid ASC"
	}
	return " ORDER BY e.date_start DESC, e.rowid DESC"
}

const eventCols = `e.rowid, e.event_id, e.review, e.data, d.id, d.outlet, d.title, d.published, d.url,
	(SELECT COUNT(*) FROM edits x WHERE x.event_key = d.id || '#' || e.event_id AND x.status = 'edit')`

const eventSelect = "SELECT " + eventCols + " FROM events e JOIN documents d ON d.rowid = e.doc_rowid"

func scanEvent(rows *sql.Rows) (store.Event, int64, error) {
	var ev store.Event
	var rowid int64
	var eventID string
	var data []byte
	var edits int
	if err := rows.Scan(&rowid, &eventID, &ev.Review, &data, &ev.DocID, &ev.Outlet, &ev.Title, &ev.Published, &ev.URL, &edits); err != nil {
		return ev, 0, err
	}
	e, err := unmarshalEvent(data)
	if err != nil {
		return ev, 0, err
	}
	ev.Event, ev.Key, ev.Edited = e, store.Key(ev.DocID, eventID), edits > 0
	ev.Version = store.EventVersionOf(ev.Key, ev.Review, data)
	return ev, rowid, nil
}

// Events runs in two steps: the filtered, ordered page of row ids from the
// indexes alone, then the rows themselves, so that sorting never carries
// the events' JSON.
func (db *DB) Events(ctx context.Context, f store.EventFilter) ([]store.Event, error) {
	if err := f.Check(true); err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	conds, args, plan, none, err := db.eventWhere(ctx, q, f)
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	if none {
		return nil, nil
	}
	query, args := eventQuery("e.rowid", false, conds, args, plan, f, f.Limit)
	var ids []int64
	err = each(ctx, q, query, args, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	idJSON, _ := json.Marshal(ids)
	byID := make(map[int64]store.Event, len(ids))
	err = each(ctx, q, eventSelect+" WHERE e.rowid IN (SELECT value FROM json_each(?))", []any{string(idJSON)}, func(rows *sql.Rows) error {
		ev, rowid, err := scanEvent(rows)
		byID[rowid] = ev
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	out := make([]store.Event, 0, len(ids))
	for _, id := range ids {
		if ev, ok := byID[id]; ok {
			out = append(out, ev)
		}
	}
	return out, nil
}

// ScanEvents streams matches in one query, ordered through the date index.
func (db *DB) ScanEvents(ctx context.Context, f store.EventFilter, fn func(store.Event) error) error {
	if err := f.Check(false); err != nil {
		return fmt.Errorf("sqlite: events: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return err
	}
	conds, args, plan, none, err := db.eventWhere(ctx, q, f)
	if err != nil {
		return fmt.Errorf("sqlite: events: %w", err)
	}
	if none {
		return nil
	}
	limit := f.Limit
	if limit == 0 {
		limit = -1
	}
	query, args := eventQuery(eventCols, true, conds, args, plan, f, limit)
	return wrapScan("events", each(ctx, q, query, args, func(rows *sql.Rows) error {
		ev, _, err := scanEvent(rows)
		if err != nil {
			return err
		}
		return fn(ev)
	}))
}

func (db *DB) Event(ctx context.Context, key string) (store.Dossier, error) {
	var d store.Dossier
	docID, eventID, err := store.SplitKey(key)
	if err != nil {
		return d, fmt.Errorf("sqlite: event: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return d, err
	}
	found := false
	err = each(ctx, q, eventSelect+" WHERE e.doc_rowid = (SELECT rowid FROM documents WHERE id = ?) AND e.event_id = ?",
		[]any{docID, eventID}, func(rows *sql.Rows) error {
			ev, _, err := scanEvent(rows)
			d.Event, found = ev, true
			return err
		})
	if err != nil {
		return d, fmt.Errorf("sqlite: event %s: %w", key, err)
	}
	if !found {
		return d, fmt.Errorf("sqlite: event %s: %w", key, store.ErrNotFound)
	}
	report, err := db.source(ctx, q, docID, "report", 0)
	if err != nil {
		return d, err
	}
	ev := d.Event.Event
	report.Killed, report.Injured, report.Evidence = ev.Killed, ev.Injured, ev.Evidence
	d.Sources = append(d.Sources, report)
	links, err := db.Links(ctx, docID)
	if err != nil {
		return d, err
	}
	for _, l := range links {
		other := l.DocID
		if other == docID {
			other = l.CopyOf
		}
		src, err := db.source(ctx, q, other, "copy", l.Similarity)
		if err != nil {
			return d, err
		}
		d.Sources = append(d.Sources, src)
	}
	err = each(ctx, q, claimSelect+" WHERE c.doc_rowid = (SELECT rowid FROM documents WHERE id = ?) ORDER BY c.rowid",
		[]any{docID}, func(rows *sql.Rows) error {
			c, err := scanClaim(rows)
			d.Claims = append(d.Claims, c)
			return err
		})
	if err != nil {
		return d, fmt.Errorf("sqlite: event %s: claims: %w", key, err)
	}
	if d.Edits, err = db.edits(ctx, q, store.EditFilter{EventKey: key}); err != nil {
		return d, fmt.Errorf("sqlite: event %s: %w", key, err)
	}
	return d, nil
}

func (db *DB) source(ctx context.Context, q querier, docID, role string, sim float64) (store.Source, error) {
	src := store.Source{Role: role, Similarity: sim}
	doc, _, _, err := db.document(ctx, q, docID, false)
	if err != nil {
		return src, fmt.Errorf("sqlite: %w", err)
	}
	o, _, err := db.original(ctx, q, docID)
	if err != nil {
		return src, fmt.Errorf("sqlite: %w", err)
	}
	src.Document, src.Original = doc, o
	return src, nil
}

const claimSelect = `SELECT c.claim_id, c.data, d.id, d.outlet, d.title, d.published
	FROM claims c JOIN documents d ON d.rowid = c.doc_rowid`

func scanClaim(rows *sql.Rows) (store.Claim, error) {
	var c store.Claim
	var id string
	var data []byte
	if err := rows.Scan(&id, &data, &c.DocID, &c.Outlet, &c.Title, &c.Published); err != nil {
		return c, err
	}
	if err := json.Unmarshal(data, &c.Claim); err != nil {
		return c, fmt.Errorf("claim data: %w", err)
	}
	c.Key = store.Key(c.DocID, id)
	return c, nil
}

func (db *DB) Claims(ctx context.Context, f store.ClaimFilter) ([]store.Claim, error) {
	var out []store.Claim
	err := db.claims(ctx, f, true, func(c store.Claim) error { out = append(out, c); return nil })
	return out, err
}

func (db *DB) ScanClaims(ctx context.Context, f store.ClaimFilter, fn func(store.Claim) error) error {
	return db.claims(ctx, f, false, fn)
}

func (db *DB) claims(ctx context.Context, f store.ClaimFilter, paged bool, fn func(store.Claim) error) error {
	if err := f.Check(paged); err != nil {
		return fmt.Errorf("sqlite: claims: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return err
	}
	var conds []string
	var args []any
	add := func(c string, a ...any) { conds, args = append(conds, c), append(args, a...) }
	if f.Speaker != "" {
		add("c.speaker_rowid IN ("+actorMatch+")", f.Speaker, strings.ToLower(f.Speaker))
	}
	if f.Actor != "" {
		add("(c.speaker_rowid IN (SELECT rowid FROM actors WHERE id = ?1 OR instr(search, ?2) > 0) OR "+
			"c.subject_rowid IN (SELECT rowid FROM actors WHERE id = ?1 OR instr(search, ?2) > 0) OR "+
			"c.object_rowid IN (SELECT rowid FROM actors WHERE id = ?1 OR instr(search, ?2) > 0))", f.Actor, strings.ToLower(f.Actor))
	}
	if f.Relation != "" {
		add("c.relation = ?", f.Relation)
	}
	if f.Text != "" {
		terms, err := store.ParseQuery(f.Text)
		if err != nil {
			return fmt.Errorf("sqlite: claims: %w", err)
		}
		add("c.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)", store.FTS5Query(terms))
	}
	if f.DocID != "" {
		add("c.doc_rowid = (SELECT rowid FROM documents WHERE id = ?)", f.DocID)
	}
	if f.Language != "" {
		c, _, err := languageCond(ctx, q, "c", f.Language)
		if err != nil {
			return err
		}
		add(c, f.Language)
	}
	if f.Since != "" || f.Until != "" {
		hi := f.Until
		if hi == "" {
			hi = "9"
		}
		lo := f.Since
		if lo == "" {
			lo = "0"
		}
		add("c.published BETWEEN ? AND ?", lo, hi)
	}
	query := claimSelect
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(numberParams(conds), " AND ")
	}
	query += " ORDER BY c.published DESC, c.rowid DESC"
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit == 0 {
			limit = -1
		}
		query += fmt.Sprintf(" LIMIT %d OFFSET %d", limit, f.Offset)
	}
	return wrapScan("claims", each(ctx, q, query, args, func(rows *sql.Rows) error {
		c, err := scanClaim(rows)
		if err != nil {
			return err
		}
		return fn(c)
	}))
}

func (db *DB) Actors(ctx context.Context, f store.ActorFilter) ([]store.Actor, error) {
	if err := f.Check(); err != nil {
		return nil, fmt.Errorf("sqlite: actors: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	var conds []string
	var args []any
	add := func(c string, a ...any) { conds, args = append(conds, c), append(args, a...) }
	if f.ID != "" {
		add("id = ?", f.ID)
	}
	if len(f.IDs) > 0 {
		b, _ := json.Marshal(f.IDs)
		add("id IN (SELECT value FROM json_each(?))", string(b))
	}
	if f.Name != "" {
		add("(id = ? OR instr(search, ?) > 0)", f.Name, strings.ToLower(f.Name))
	}
	if f.Type != "" {
		add("type = ?", f.Type)
	}
	query := "SELECT id, name, type, country, aliases, mentions, documents, events FROM actors"
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(conds, " AND ")
	}
	query += fmt.Sprintf(" ORDER BY mentions DESC, id LIMIT %d OFFSET %d", f.Limit, f.Offset)
	var out []store.Actor
	err = each(ctx, q, query, args, func(rows *sql.Rows) error {
		var a store.Actor
		var aliases string
		if err := rows.Scan(&a.ID, &a.Name, &a.Type, &a.Country, &aliases, &a.Mentions, &a.Documents, &a.Events); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(aliases), &a.Aliases); err != nil {
			return fmt.Errorf("actor %s aliases: %w", a.ID, err)
		}
		a.Name, a.Aliases = store.ShownNames(a.Name, a.Aliases)
		out = append(out, a)
		return nil
	})
	if err == nil && f.ID != "" && len(out) == 1 {
		err = q.QueryRowContext(ctx, `SELECT
			COALESCE((SELECT MIN(published) FROM actor_dates WHERE actor_rowid = a.rowid AND published <> ''), ''),
			COALESCE((SELECT MAX(published) FROM actor_dates WHERE actor_rowid = a.rowid), '')
			FROM actors a WHERE a.id = ?`, f.ID).Scan(&out[0].FirstSeen, &out[0].LastSeen)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: actors: %w", err)
	}
	return out, nil
}

func (db *DB) Search(ctx context.Context, query string, limit int) ([]store.Hit, error) {
	hits, _, err := db.search(ctx, query, limit, 0, false)
	return hits, err
}

func (db *DB) SearchPage(ctx context.Context, query string, limit, offset int) ([]store.Hit, int, error) {
	return db.search(ctx, query, limit, offset, true)
}

// search finds a page of documents, best first, and when count is set
// how many match in all.
func (db *DB) search(ctx context.Context, query string, limit, offset int, count bool) ([]store.Hit, int, error) {
	terms, err := store.ParseQuery(query)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: search: %w", err)
	}
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	limit, offset = min(limit, store.MaxLimit), max(offset, 0)
	q, err := db.reader()
	if err != nil {
		return nil, 0, err
	}
	match := store.FTS5Query(terms)
	total := 0
	if count {
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?`, match).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: search: %w", err)
		}
	}
	var out []store.Hit
	err = each(ctx, q, `SELECT d.id, d.title, d.outlet, d.published, bm25(documents_fts),
		snippet(documents_fts, 1, '[', ']', '…', 16)
		FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
		WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts) LIMIT ? OFFSET ?`, []any{match, limit, offset},
		func(rows *sql.Rows) error {
			var h store.Hit
			if err := rows.Scan(&h.DocID, &h.Title, &h.Outlet, &h.Published, &h.Score, &h.Snippet); err != nil {
				return err
			}
			h.Score = -h.Score // bm25 is lower for better matches
			out = append(out, h)
			return nil
		})
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: search: %w", err)
	}
	return out, total, nil
}

// fewLanguageDocs is the number of a language's documents up to which a
// language filter collects their rows (IN); above it, each row walked in
// the list's order is probed (EXISTS), which ends with the page.
var fewLanguageDocs = 2000

// languageCond is the condition on table alias t (events e or claims c)
// for a language filter, and how many documents (up to fewLanguageDocs+1)
// are in that language.
func languageCond(ctx context.Context, q querier, t, lang string) (string, int, error) {
	var n int
	if err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM documents WHERE language = ? LIMIT ?)", lang, fewLanguageDocs+1).Scan(&n); err != nil {
		return "", 0, fmt.Errorf("language statistics: %w", err)
	}
	if n <= fewLanguageDocs {
		return t + ".doc_rowid IN (SELECT rowid FROM documents WHERE language = ?)", n, nil
	}
	return "EXISTS (SELECT 1 FROM documents dl WHERE dl.rowid = " + t + ".doc_rowid AND dl.language = ?)", n, nil
}
