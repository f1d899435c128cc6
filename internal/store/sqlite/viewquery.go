package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

// maxTextMatches bounds the events a text filter on incidents reads.
const maxTextMatches = 100_000

// incidentCount is how a filter's matches are counted: from the place
// key's incident_places rows ip when a place drives (placeRows), from one
// actor's incident_actors rows (actorRows), or from the incidents; conds
// are over ip or i accordingly, in the forms that the indexes alone can
// count (places collected, not probed).
type incidentCount struct {
	conds     []string
	args      []any
	placeRows bool
	actorRows string // set: count from the actor's incident_actors rows, these
	actorArgs []any
}

// incidentWhere turns a filter into conditions over incidents i, what
// drives the query (incidentDrive) and how to count. Of a place key's
// incident_places rows, one actor's incident_actors rows and the
// incidents of a circle's places (through the place index), the fewest
// drive the query, as those are walked in date order (or collected and
// sorted, for a circle) and the others probed for each: counted up to
// fewPlaceMatches, so that the cost of deciding is bounded. A circle of
// many incidents with nothing else to drive reads those from a recent
// start date (recentFrom), or walks every incident newest first.
func (db *DB) incidentWhere(ctx context.Context, q querier, f store.IncidentFilter) (conds []string, args []any, drive incidentDrive, cnt incidentCount, none bool, err error) {
	fail := func(what string, err error) ([]string, []any, incidentDrive, incidentCount, bool, error) {
		return nil, nil, drive, cnt, false, fmt.Errorf("%s: %w", what, err)
	}
	nothing := func() ([]string, []any, incidentDrive, incidentCount, bool, error) {
		return nil, nil, drive, cnt, true, nil
	}
	count := func(query string, args ...any) (int, error) {
		var n int
		err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT COUNT(*) FROM (%s LIMIT %d)", query, max(fewPlaceMatches, 1)), args...).Scan(&n)
		return n, err
	}
	text := strings.TrimSpace(f.Text) != ""
	// Index-only conditions of type and start date, for the circle's count.
	var keyConds []string
	var keyArgs, dates []any
	if f.Type != "" {
		keyConds, keyArgs = append(keyConds, "i.type = ?"), append(keyArgs, f.Type)
	}
	since := ""
	if f.Since != "" || f.Until != "" {
		lo, hi := "0", "9"
		if f.Since != "" {
			span, err := db.maxSpan(ctx, q)
			if err != nil {
				return nil, nil, drive, cnt, false, err
			}
			t, _ := time.Parse(time.DateOnly, f.Since)
			lo, since = t.AddDate(0, 0, -span).Format(time.DateOnly), f.Since
		}
		if f.Until != "" {
			hi = f.Until
		}
		dates = []any{lo, hi}
		keyConds, keyArgs = append(keyConds, "i.date_start BETWEEN ? AND ?"), append(keyArgs, lo, hi)
	}

	const (
		byNone = iota
		byPlace
		byActor
		byCircle
	)
	by, fewest := byNone, fewPlaceMatches+1
	placeKey := strings.ToLower(f.Place)
	if placeKey != "" {
		n, err := count("SELECT 1 FROM incident_places WHERE place = ?", placeKey)
		if err != nil {
			return fail("place statistics", err)
		}
		if n == 0 {
			return nothing()
		}
		by, fewest = byPlace, n
	}
	// The actors the value names: one (by id, or the only one a name
	// fits) can drive the query from its incident_actors rows (columns
	// unqualified: the incidents have none of these names).
	var actors int
	var one, actorN int64
	rows, rowArgs := "actor_rowid IN ("+actorMatch+")", []any{f.Actor, strings.ToLower(f.Actor)}
	if f.Actor != "" {
		named, namedArgs := "id = ? OR instr(search, ?) > 0", []any{f.Actor, strings.ToLower(f.Actor)}
		if f.Roles != 0 {
			rows, rowArgs = fmt.Sprintf("actor_rowid = (SELECT rowid FROM actors WHERE id = ?) AND roles & %d <> 0", f.Roles), []any{f.Actor}
			named, namedArgs = "id = ?", []any{f.Actor}
		}
		if err := q.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(MIN(rowid), 0) FROM (SELECT rowid FROM actors WHERE "+named+" LIMIT 2)",
			namedArgs...).Scan(&actors, &one); err != nil {
			return fail("actors named", err)
		}
		switch {
		case actors == 0:
			return nothing()
		case actors == 1:
			rows, rowArgs = "actor_rowid = ?", []any{one}
			if f.Roles != 0 {
				rows = fmt.Sprintf("actor_rowid = ? AND roles & %d <> 0", f.Roles)
			}
			if !text {
				n := 0
				if placeKey != "" || f.Near != nil {
					if n, err = count("SELECT 1 FROM incident_actors WHERE "+rows, rowArgs...); err != nil {
						return fail("actor statistics", err)
					}
				}
				if n < fewest {
					by, fewest = byActor, n
				}
			}
		default:
			if err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT COUNT(*) FROM (SELECT 1 FROM incident_actors WHERE %s LIMIT %d)",
				rows, probeAbove+1), rowArgs...).Scan(&actorN); err != nil {
				return fail("actor statistics", err)
			}
		}
	}
	var near []int64
	var nearMany bool
	if f.Near != nil {
		if near, nearMany, err = db.placesNear(ctx, q, *f.Near); err != nil {
			return nil, nil, drive, cnt, false, err
		}
		if !nearMany && near == nil {
			return nothing()
		}
		if !nearMany {
			list, _ := json.Marshal(near)
			n, err := count("SELECT 1 FROM incidents i INDEXED BY incidents_place_date WHERE "+
				strings.Join(numberParams(append(slices.Clone(keyConds), "i.place_rowid IN (SELECT value FROM json_each(?))")), " AND "),
				append(slices.Clone(keyArgs), string(list))...)
			if err != nil {
				return fail("place statistics", err)
			}
			if n < fewPlaceMatches && n < fewest {
				by, fewest = byCircle, n
			}
		}
	}

	drive.place, drive.actor = by == byPlace, by == byActor
	on := "i"
	if drive.place {
		on = "ip"
		cnt.placeRows = true
	}
	add := func(c string, a ...any) {
		conds, args = append(conds, c), append(args, a...)
		cnt.conds, cnt.args = append(cnt.conds, c), append(cnt.args, a...)
	}
	if drive.place {
		add("ip.place = ?", placeKey)
	}
	if f.Type != "" {
		add(on+".type = ?", f.Type)
	}
	if since != "" {
		add(on+".date_end >= ?", since)
	}
	if dates != nil {
		add(on+".date_start BETWEEN ? AND ?", dates...)
	}
	if placeKey != "" && !drive.place {
		// The incident's row under the place key, probed by its key.
		add("EXISTS (SELECT 1 FROM incident_places ip WHERE ip.place = ? AND ip.date_start = i.date_start AND ip.id = i.id)", placeKey)
	}
	if f.Near != nil {
		minLat, maxLat, minLon, maxLon := f.Near.BoundingBox()
		probe := []any{minLat, maxLat, minLon, maxLon, f.Near.Lat, f.Near.Lon, f.Near.KM}
		nearCond := strings.ReplaceAll(nearProbe, "e.place_rowid", "i.place_rowid")
		list, _ := json.Marshal(near)
		collect := "i.place_rowid IN (SELECT value FROM json_each(?))"
		switch {
		case by == byCircle:
			conds, args = append(conds, collect), append(args, string(list))
			drive.index = "incidents_place_date"
		case by == byNone && !nearMany && f.Actor == "" && !text && f.Limit > 0:
			// Many: the newest of them, from a start date back to
			// which a page's worth are found, collected by the place
			// index and sorted.
			cs, as := append(slices.Clone(conds), collect), append(slices.Clone(args), string(list))
			from, err := recentFrom(ctx, q, "incidents i INDEXED BY incidents_place_date", "i.date_start", cs, as, near, f.Limit+f.Offset, f.Until)
			if err != nil {
				return fail("recent incidents", err)
			}
			conds, args = cs, as
			drive.index = "incidents_place_date"
			if from != "" {
				conds, args = append(conds, "i.date_start >= ?"), append(args, from)
			}
		case by == byNone && !nearMany && f.Limit == 0:
			// Every match (a scan, the map's or the timeline's
			// counts): collected by the place index rather than
			// probed along every incident.
			conds, args = append(conds, collect), append(args, string(list))
			drive.index = "incidents_place_date"
		default:
			conds, args = append(conds, nearCond), append(args, probe...)
		}
		// Counting reads the place index when it can, whatever the
		// page walks: only the rows of the places are read.
		if nearMany {
			cnt.conds, cnt.args = append(cnt.conds, nearCond), append(cnt.args, probe...)
		} else {
			cnt.conds, cnt.args = append(cnt.conds, collect), append(cnt.args, string(list))
		}
	}
	if f.Actor != "" {
		var c string
		switch {
		case drive.actor:
			conds, args = append([]string{"ia.actor_rowid = ?"}, conds...), append([]any{one}, args...)
			if f.Roles != 0 {
				conds = append(conds, fmt.Sprintf("ia.roles & %d <> 0", f.Roles))
			}
			if dates != nil {
				conds, args = append(conds, "ia.date_start BETWEEN ? AND ?"), append(args, dates...)
			}
		case actors == 1:
			// The incident's row of the actor, probed by its key.
			c = "EXISTS (SELECT 1 FROM incident_actors ia WHERE ia.actor_rowid = ? AND ia.date_start = i.date_start AND ia.incident_rowid = i.rowid"
			if f.Roles != 0 {
				c += fmt.Sprintf(" AND ia.roles & %d <> 0", f.Roles)
			}
			c += ")"
		case actorN > probeAbove:
			c = "EXISTS (SELECT 1 FROM incident_actors ia WHERE ia.incident_rowid = i.rowid AND " + rows + ")"
		default:
			c = "i.rowid IN (SELECT incident_rowid FROM incident_actors WHERE " + rows + ")"
		}
		switch {
		case drive.place:
			add(c, rowArgs...)
		case c != "":
			conds, args = append(conds, c), append(args, rowArgs...)
			fallthrough
		default:
			cnt.actorRows, cnt.actorArgs = rows, rowArgs
		}
	}
	if text {
		terms, err := store.ParseQuery(f.Text)
		if err != nil {
			return nil, nil, drive, cnt, false, err
		}
		add(fmt.Sprintf(`i.rowid IN (SELECT m.incident_rowid FROM (SELECT rowid & %d AS ev FROM events_fts WHERE events_fts MATCH ? LIMIT %d) x
			JOIN events e ON e.rowid = x.ev JOIN documents d ON d.rowid = e.doc_rowid
			JOIN incident_members m ON m.event_key = d.id || '#' || e.event_id)`, ftsRowidMask, maxTextMatches), store.FTS5Query(terms))
	}
	return conds, args, drive, cnt, false, nil
}

// incidentDrive is what drives an incident query: a place key's
// incident_places rows ip or one actor's incident_actors rows ia, both in
// date order, or an index it must use (see placeIndex).
type incidentDrive struct {
	index string
	actor bool
	place bool
}

func (d incidentDrive) from() string {
	switch {
	case d.place:
		// CROSS JOIN keeps the driving rows the outer loop.
		return " FROM incident_places ip CROSS JOIN incidents i ON i.rowid = ip.incident_rowid"
	case d.actor:
		return " FROM incident_actors ia CROSS JOIN incidents i ON i.rowid = ia.incident_rowid"
	case d.index != "":
		return " FROM incidents i INDEXED BY " + d.index
	}
	return " FROM incidents i"
}

// incidentQuery assembles a query of cols over the incidents matching the
// conditions, newest first; limit < 0: no limit.
func incidentQuery(cols, joins string, conds []string, drive incidentDrive, limit, offset int) string {
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(numberParams(conds), " AND ")
	}
	page := ""
	if limit >= 0 || offset > 0 {
		page = fmt.Sprintf(" LIMIT %d OFFSET %d", limit, offset)
	}
	// The same order, read from the driving rows (their dates are the
	// incidents').
	order := " ORDER BY i.date_start DESC, i.id DESC"
	switch {
	case drive.place:
		order = " ORDER BY ip.date_start DESC, ip.id DESC"
	case drive.actor:
		order = " ORDER BY ia.date_start DESC, i.id DESC"
	}
	return "SELECT " + cols + drive.from() + joins + where + order + page
}

const incidentRowCols = `i.id, i.type, i.date_start, i.date_end, COALESCE(p.name, ''), COALESCE(p.admin1, ''), COALESCE(p.country, ''),
	i.precision, p.lat, p.lon, i.killed, i.reports`

const placeJoin = " LEFT JOIN places p ON p.rowid = i.place_rowid"

func scanIncidentRow(sc interface{ Scan(...any) error }, r *store.IncidentRow) error {
	var lat, lon sql.NullFloat64
	if err := sc.Scan(&r.ID, &r.Type, &r.Start, &r.End, &r.Place, &r.Admin1, &r.Country, &r.Precision, &lat, &lon, &r.Killed, &r.Reports); err != nil {
		return err
	}
	r.Located = lat.Valid && lon.Valid
	r.Lat, r.Lon = lat.Float64, lon.Float64
	return nil
}

// countIncidents counts the incidents matching a filter, up to
// store.CountCap+1.
func countIncidents(ctx context.Context, q querier, cnt incidentCount) (int, error) {
	query := "SELECT 1 FROM incidents i"
	conds, args := cnt.conds, cnt.args
	switch {
	case cnt.placeRows:
		// The place key's rows alone, unless a condition reads the
		// incidents.
		query = "SELECT 1 FROM incident_places ip"
		if slices.ContainsFunc(conds, func(c string) bool { return !strings.HasPrefix(c, "ip.") }) {
			query += " CROSS JOIN incidents i ON i.rowid = ip.incident_rowid"
		}
	case cnt.actorArgs != nil && len(conds) == 0:
		// The actor's rows alone.
		query = "SELECT DISTINCT incident_rowid FROM incident_actors"
		conds, args = []string{cnt.actorRows}, cnt.actorArgs
	case cnt.actorArgs != nil:
		query = "SELECT DISTINCT ia.incident_rowid FROM incident_actors ia JOIN incidents i ON i.rowid = ia.incident_rowid"
		conds = append([]string{cnt.actorRows}, conds...)
		args = append(slices.Clone(cnt.actorArgs), args...)
	}
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(numberParams(conds), " AND ")
	}
	var n int
	err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT COUNT(*) FROM (%s LIMIT %d)", query, store.CountCap+1), args...).Scan(&n)
	return n, err
}

func checkPage(limit, offset int) error {
	if limit < 0 || offset < 0 {
		return fmt.Errorf("negative limit or offset: %w", store.ErrInvalid)
	}
	return nil
}

func (db *DB) Incidents(ctx context.Context, f store.IncidentFilter) ([]store.Incident, int, error) {
	if err := checkPage(f.Limit, f.Offset); err != nil {
		return nil, 0, fmt.Errorf("sqlite: incidents: %w", err)
	}
	if f.Limit == 0 {
		f.Limit = store.DefaultLimit
	}
	q, err := db.reader()
	if err != nil {
		return nil, 0, err
	}
	conds, args, drive, cnt, none, err := db.incidentWhere(ctx, q, f)
	if err != nil || none {
		return nil, 0, wrapErr("incidents", err)
	}
	// The page's row ids from the indexes, then their data.
	var ids []int64
	err = each(ctx, q, incidentQuery("i.rowid", "", conds, drive, f.Limit, f.Offset), args, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	})
	if err != nil {
		return nil, 0, wrapErr("incidents", err)
	}
	total := f.Offset + len(ids)
	if len(ids) == f.Limit || f.Offset > 0 && len(ids) == 0 {
		n, err := countIncidents(ctx, q, cnt)
		if err != nil {
			return nil, 0, wrapErr("incidents", err)
		}
		total = max(total, n)
	}
	// The page's incidents in one query, not one each: a statement
	// costs more to prepare than an incident to read.
	idJSON, _ := json.Marshal(ids)
	byID := make(map[int64]store.Incident, len(ids))
	err = each(ctx, q, `SELECT i.rowid, i.version, x.data FROM json_each(?) j JOIN incidents i ON i.rowid = j.value
		JOIN incident_data x ON x.incident_rowid = i.rowid`, []any{string(idJSON)}, func(rows *sql.Rows) error {
		var rowid int64
		var inc store.Incident
		var data []byte
		if err := rows.Scan(&rowid, &inc.Version, &data); err != nil {
			return err
		}
		if err := json.Unmarshal(data, &inc.Incident); err != nil {
			return fmt.Errorf("incident data: %w", err)
		}
		byID[rowid] = inc
		return nil
	})
	if err != nil {
		return nil, 0, wrapErr("incidents", err)
	}
	out := make([]store.Incident, 0, len(ids))
	for _, id := range ids {
		if inc, ok := byID[id]; ok {
			out = append(out, inc)
		}
	}
	return out, total, nil
}

func wrapErr(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("sqlite: %s: %w", what, err)
}

// incidentAt reads one incident by a unique column.
func (db *DB) incidentAt(ctx context.Context, q querier, col string, v any) (store.Incident, error) {
	var inc store.Incident
	var data []byte
	err := q.QueryRowContext(ctx, "SELECT i.version, x.data FROM incidents i JOIN incident_data x ON x.incident_rowid = i.rowid WHERE i."+col+" = ?", v).Scan(&inc.Version, &data)
	if err != nil {
		return inc, err
	}
	if err := json.Unmarshal(data, &inc.Incident); err != nil {
		return inc, fmt.Errorf("incident data: %w", err)
	}
	return inc, nil
}

func (db *DB) ScanIncidents(ctx context.Context, f store.IncidentFilter, fn func(store.IncidentRow) error) (int, error) {
	if err := checkPage(f.Limit, f.Offset); err != nil {
		return 0, fmt.Errorf("sqlite: scan incidents: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return 0, err
	}
	conds, args, drive, cnt, none, err := db.incidentWhere(ctx, q, f)
	if err != nil || none {
		return 0, wrapErr("scan incidents", err)
	}
	limit := f.Limit
	if limit == 0 {
		limit = -1
	}
	// The rows are handed out as they are read, so that memory does not
	// follow the matches (a map of every incident); fn may still call the
	// store, which answers on its other connections.
	sent := 0
	var fnErr error
	err = each(ctx, q, incidentQuery(incidentRowCols, placeJoin, conds, drive, limit, f.Offset), args, func(r *sql.Rows) error {
		var row store.IncidentRow
		if err := scanIncidentRow(r, &row); err != nil {
			return err
		}
		sent++
		if fnErr = fn(row); fnErr != nil {
			return fnErr
		}
		return nil
	})
	if fnErr != nil {
		return 0, fnErr
	}
	if err != nil {
		return 0, wrapErr("scan incidents", err)
	}
	total := f.Offset + sent
	if limit > 0 && sent == limit || f.Offset > 0 && sent == 0 {
		n, err := countIncidents(ctx, q, cnt)
		if err != nil {
			return 0, wrapErr("scan incidents", err)
		}
		total = max(total, n)
	}
	return total, nil
}

func (db *DB) Incident(ctx context.Context, id string) (store.Incident, error) {
	q, err := db.reader()
	if err != nil {
		return store.Incident{}, err
	}
	got, err := store.ResolveRedirect(id, func(id string) (string, error) {
		var into string
		err := q.QueryRowContext(ctx, "SELECT into_id FROM incident_redirects WHERE id = ? AND NOT EXISTS (SELECT 1 FROM incidents WHERE id = ?1)", id).Scan(&into)
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil
		}
		return into, err
	})
	if err != nil {
		return store.Incident{}, fmt.Errorf("sqlite: incident %s: %w", id, err)
	}
	inc, err := db.incidentAt(ctx, q, "id", got)
	if errors.Is(err, sql.ErrNoRows) {
		return inc, fmt.Errorf("sqlite: incident %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return inc, fmt.Errorf("sqlite: incident %s: %w", id, err)
	}
	if got != id {
		inc.Requested = id
	}
	return inc, nil
}

func (db *DB) IncidentsOf(ctx context.Context, keys []string) (map[string]string, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	err = each(ctx, q, `SELECT m.event_key, i.id FROM json_each(?) j JOIN incident_members m ON m.event_key = j.value
		JOIN incidents i ON i.rowid = m.incident_rowid`, []any{string(b)}, func(rows *sql.Rows) error {
		var k, id string
		err := rows.Scan(&k, &id)
		out[k] = id
		return err
	})
	return out, wrapErr("incidents of events", err)
}

func (db *DB) Framing(ctx context.Context, actorID string) ([]consolidate.FramingCount, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	query := "SELECT source, actor_id, label, COUNT(*), SUM(uses) FROM framing"
	var args []any
	if actorID != "" {
		query += " WHERE actor_id = ?"
		args = append(args, actorID)
	}
	query += " GROUP BY source, actor_id, label ORDER BY source, actor_id, label"
	var out []consolidate.FramingCount
	err = each(ctx, q, query, args, func(rows *sql.Rows) error {
		var c consolidate.FramingCount
		err := rows.Scan(&c.Source, &c.ActorID, &c.Label, &c.Documents, &c.Uses)
		out = append(out, c)
		return err
	})
	return out, wrapErr("framing", err)
}

func (db *DB) Result(ctx context.Context, docID, hash string) (sitrep.Result, error) {
	var r sitrep.Result
	q, err := db.reader()
	if err != nil {
		return r, err
	}
	var data []byte
	err = q.QueryRowContext(ctx, `SELECT result FROM derived WHERE doc_rowid = (SELECT rowid FROM documents WHERE id = ?1) AND result_hash = ?2
		UNION ALL SELECT result FROM derived_history WHERE doc_rowid = (SELECT rowid FROM documents WHERE id = ?1) AND result_hash = ?2
		LIMIT 1`, docID, hash).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("sqlite: result %s of %s: %w", hash, docID, store.ErrNotFound)
	}
	if err != nil {
		return r, wrapErr("result", err)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("sqlite: result %s of %s: %w", hash, docID, err)
	}
	return r, nil
}

func (db *DB) ViewsState(ctx context.Context) (store.ViewsState, error) {
	q, err := db.reader()
	if err != nil {
		return store.ViewsState{}, err
	}
	var rules string
	err = q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'views_rules'").Scan(&rules)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return store.ViewsState{}, wrapErr("views state", err)
	}
	return store.ViewsState{Rules: rules, Current: rules == consolidate.Version}, nil
}

func (db *DB) RebuildViews(ctx context.Context, progress func(done, total int64)) error {
	err := views.Rebuild(ctx, db, db.maint, func(fn func(views.Tx) error) error {
		return db.write(ctx, "rebuild views", func(w *wtx) error { return fn(viewTx{w}) })
	}, progress)
	if err == nil {
		err = db.signDocuments(ctx)
	}
	if err == nil {
		err = db.sumEdges(ctx)
	}
	return wrapErr("rebuild views", err)
}

// sumEdges sums the claims of documents that have no share in the claim
// edges yet: those stored before the edges were kept.
func (db *DB) sumEdges(ctx context.Context) error {
	from := int64(0)
	for {
		q, err := db.reader()
		if err != nil {
			return err
		}
		type doc struct {
			rowid         int64
			id, published string
			claims        []sitrep.Claim
		}
		var docs []*doc
		err = each(ctx, q, `SELECT d.rowid, d.id, d.published, c.data FROM documents d JOIN claims c ON c.doc_rowid = d.rowid
			WHERE d.rowid IN (SELECT rowid FROM documents WHERE rowid > ? ORDER BY rowid LIMIT 500) AND c.relation <> ''
			AND NOT EXISTS (SELECT 1 FROM claim_edge_docs x WHERE x.doc_rowid = d.rowid)
			ORDER BY d.rowid, c.rowid`, []any{from}, func(rows *sql.Rows) error {
			var r int64
			var id, pub string
			var data []byte
			if err := rows.Scan(&r, &id, &pub, &data); err != nil {
				return err
			}
			var c sitrep.Claim
			if err := json.Unmarshal(data, &c); err != nil {
				return fmt.Errorf("claim of %s: %w", id, err)
			}
			if n := len(docs); n == 0 || docs[n-1].rowid != r {
				docs = append(docs, &doc{rowid: r, id: id, published: pub})
			}
			docs[len(docs)-1].claims = append(docs[len(docs)-1].claims, c)
			return nil
		})
		if err != nil {
			return err
		}
		var last int64
		if err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(rowid), 0) FROM (SELECT rowid FROM documents WHERE rowid > ? ORDER BY rowid LIMIT 500)", from).Scan(&last); err != nil {
			return err
		}
		if last == 0 {
			return nil
		}
		from = last
		if len(docs) == 0 {
			continue
		}
		err = db.write(ctx, "sum claim edges", func(w *wtx) error {
			for _, d := range docs {
				if err := w.addEdges(d.rowid, d.id, d.published, store.DocumentEdges(d.id, d.claims)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}

// signDocuments signs the documents stored before near-copy signatures
// were kept, so that later documents are compared with them.
func (db *DB) signDocuments(ctx context.Context) error {
	for {
		q, err := db.reader()
		if err != nil {
			return err
		}
		type doc struct{ id, text string }
		var docs []doc
		err = each(ctx, q, `SELECT id, text FROM documents d WHERE NOT EXISTS (SELECT 1 FROM near_copy_signatures s WHERE s.doc_rowid = d.rowid)
			AND rowid > COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'signed_up_to'), 0) ORDER BY rowid LIMIT 500`, nil,
			func(rows *sql.Rows) error {
				var d doc
				err := rows.Scan(&d.id, &d.text)
				docs = append(docs, d)
				return err
			})
		if err != nil || len(docs) == 0 {
			return err
		}
		err = db.write(ctx, "sign documents", func(w *wtx) error {
			t := viewTx{w}
			var sigs []views.NearCopy
			for _, d := range docs {
				if s := ingest.Sign(d.text); s.Valid() {
					b, _ := s.MarshalBinary()
					sigs = append(sigs, views.NearCopy{DocID: d.id, Signature: b, Bands: s.Bands()})
				}
			}
			if len(sigs) > 0 {
				if err := t.PutSignatures(sigs); err != nil {
					return err
				}
			}
			// Texts too short to sign are not read again.
			var last int64
			if _, err := w.row("SELECT rowid FROM documents WHERE id = ?", []any{docs[len(docs)-1].id}, &last); err != nil {
				return err
			}
			return t.setMeta("signed_up_to", fmt.Sprint(last))
		})
		if err != nil {
			return err
		}
	}
}

func (db *DB) ScanViews(ctx context.Context, fn func(store.ViewRecord) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	err = each(ctx, q, `SELECT i.seq, i.weak, i.version, (SELECT data FROM incident_data WHERE incident_rowid = i.rowid),
		(SELECT json_group_array(event_key) FROM (SELECT event_key FROM incident_members WHERE incident_rowid = i.rowid ORDER BY event_key)),
		(SELECT json_group_array(json_array(place, week_from, week_to)) FROM
			(SELECT place, week_from, week_to FROM incident_blocks WHERE incident_rowid = i.rowid ORDER BY place, week_from)),
		(SELECT json_group_array(id) FROM (SELECT a.id FROM incident_actors ia JOIN actors a ON a.rowid = ia.actor_rowid
			WHERE ia.incident_rowid = i.rowid ORDER BY a.id)),
		(SELECT json_group_array(roles) FROM (SELECT ia.roles FROM incident_actors ia JOIN actors a ON a.rowid = ia.actor_rowid
			WHERE ia.incident_rowid = i.rowid ORDER BY a.id)), `+incidentRowCols+`
		FROM incidents i`+placeJoin+` ORDER BY i.id`, nil, func(rows *sql.Rows) error {
		var si store.StoredIncident
		var weak, members, blocks, actors, roles string
		var data []byte
		var row store.IncidentRow
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&si.Seq, &weak, &si.Version, &data, &members, &blocks, &actors, &roles,
			&row.ID, &row.Type, &row.Start, &row.End, &row.Place, &row.Admin1, &row.Country, &row.Precision, &lat, &lon, &row.Killed, &row.Reports); err != nil {
			return err
		}
		row.Located, row.Lat, row.Lon = lat.Valid && lon.Valid, lat.Float64, lon.Float64
		si.Row = row
		var runs [][3]json.RawMessage
		for _, x := range []struct {
			what string
			b    string
			v    any
		}{{"data", string(data), &si.Incident}, {"weak", weak, &si.Weak}, {"members", members, &si.Members}, {"blocks", blocks, &runs}, {"actors", actors, &si.Actors}, {"roles", roles, &si.Roles}} {
			if err := json.Unmarshal([]byte(x.b), x.v); err != nil {
				return fmt.Errorf("incident %s %s: %w", row.ID, x.what, err)
			}
		}
		br := make([]blockRun, len(runs))
		for i, r := range runs {
			var from, to int32
			if json.Unmarshal(r[0], &br[i].place) != nil || json.Unmarshal(r[1], &from) != nil || json.Unmarshal(r[2], &to) != nil {
				return fmt.Errorf("incident %s blocks: %s", row.ID, blocks)
			}
			br[i].from, br[i].to = from, to
		}
		si.Blocks = expandRuns(br)
		// Empty lists read as none, as NewStoredIncident leaves them.
		for _, l := range []*[]string{&si.Weak, &si.Members, &si.Actors} {
			if len(*l) == 0 {
				*l = nil
			}
		}
		if len(si.Blocks) == 0 {
			si.Blocks = nil
		}
		if len(si.Roles) == 0 {
			si.Roles = nil
		}
		return fn(store.ViewRecord{Incident: &si})
	})
	if err != nil {
		return wrapErr("scan views", err)
	}
	err = each(ctx, q, "SELECT id, into_id FROM incident_redirects ORDER BY id", nil, func(rows *sql.Rows) error {
		var r store.Redirect
		if err := rows.Scan(&r.ID, &r.Into); err != nil {
			return err
		}
		return fn(store.ViewRecord{Redirect: &r})
	})
	if err != nil {
		return wrapErr("scan views", err)
	}
	var cur *store.DocFraming
	err = each(ctx, q, `SELECT d.id, f.source, f.actor_id, f.label, f.uses FROM framing f JOIN documents d ON d.rowid = f.doc_rowid
		ORDER BY d.id, f.actor_id, f.label`, nil, func(rows *sql.Rows) error {
		var id string
		c := consolidate.FramingCount{Documents: 1}
		if err := rows.Scan(&id, &c.Source, &c.ActorID, &c.Label, &c.Uses); err != nil {
			return err
		}
		if cur != nil && cur.DocID != id {
			if err := fn(store.ViewRecord{Framing: cur}); err != nil {
				return err
			}
			cur = nil
		}
		if cur == nil {
			cur = &store.DocFraming{DocID: id}
		}
		cur.Counts = append(cur.Counts, c)
		return nil
	})
	if err == nil && cur != nil {
		err = fn(store.ViewRecord{Framing: cur})
	}
	if err != nil {
		return wrapErr("scan views", err)
	}
	err = each(ctx, q, "SELECT "+edgeCols(-1)+" FROM claim_edges e ORDER BY e.subject, e.object, e.relation", nil, func(rows *sql.Rows) error {
		e, err := scanEdge(rows)
		if err != nil {
			return err
		}
		return fn(store.ViewRecord{Edge: &e})
	})
	return wrapErr("scan views", err)
}

func (db *DB) CountIncidentDays(ctx context.Context, f store.IncidentFilter, fn func(store.DayCount) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	f.Limit, f.Offset = 0, 0
	if f.Since == "" && f.Until == "" && f.Near == nil && f.Actor == "" && strings.TrimSpace(f.Text) == "" {
		// The stored counts of the place key (incident_days,
		// migration 12): '' for every incident. A day's types come in
		// one row ("type incidents killed ..."), as the rows of a
		// timeline over years are many.
		query := "SELECT day, group_concat(type || ' ' || incidents || ' ' || killed, ' ') FROM incident_days WHERE place = ?"
		args := []any{strings.ToLower(f.Place)}
		if f.Type != "" {
			query, args = query+" AND type = ?", append(args, f.Type)
		}
		var out []store.DayCount
		err := each(ctx, q, query+" GROUP BY day ORDER BY day", args, func(rows *sql.Rows) error {
			var day, counts string
			if err := rows.Scan(&day, &counts); err != nil {
				return err
			}
			from := len(out)
			f := strings.Fields(counts)
			for i := 0; i+2 < len(f); i += 3 {
				n, err1 := strconv.Atoi(f[i+1])
				k, err2 := strconv.Atoi(f[i+2])
				if err := cmp.Or(err1, err2); err != nil {
					return fmt.Errorf("day counts %q: %w", counts, err)
				}
				out = append(out, store.DayCount{Day: day, Type: f[i], Incidents: n, Killed: k})
			}
			slices.SortFunc(out[from:], func(a, b store.DayCount) int { return cmp.Compare(a.Type, b.Type) })
			return nil
		})
		if err != nil {
			return wrapErr("incident days", err)
		}
		return emitDays(out, fn)
	}
	conds, args, drive, _, none, err := db.incidentWhere(ctx, q, f)
	if err != nil || none {
		return wrapErr("incident days", err)
	}
	query := "SELECT i.date_start, i.type, COUNT(*), SUM(MAX(i.killed, 0))" + drive.from()
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(numberParams(conds), " AND ")
	}
	query += " GROUP BY i.date_start, i.type ORDER BY i.date_start, i.type"
	var out []store.DayCount
	err = each(ctx, q, query, args, func(rows *sql.Rows) error {
		var d store.DayCount
		err := rows.Scan(&d.Day, &d.Type, &d.Incidents, &d.Killed)
		out = append(out, d)
		return err
	})
	if err != nil {
		return wrapErr("incident days", err)
	}
	return emitDays(out, fn)
}

// emitDays hands the day counts read to fn, after the query's rows are
// closed.
func emitDays(out []store.DayCount, fn func(store.DayCount) error) error {
	for _, d := range out {
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}
