package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

var _ store.ViewStore = (*DB)(nil)

// incidentWhere turns a filter into conditions over incidents i. none
// reports a filter nothing can match.
func (db *DB) incidentWhere(ctx context.Context, q querier, f store.IncidentFilter) (c conds, none bool, err error) {
	var dates []string // the bounds on date_start, on an actor's rows a
	// A place without an actor or a circle (which drive the query
	// themselves) drives it from its incident_places rows pl, newest
	// first (incidentsFrom), which carry the type and dates: the page
	// ends the walk, and the count reads the place's rows alone.
	t := "i"
	if f.Place != "" && f.Actor == "" && f.Near == nil {
		t = "pl"
		c.place = c.arg(strings.ToLower(f.Place))
		c.add("pl.place = " + c.place)
	}
	if f.Type != "" {
		c.add(t + ".type = " + c.arg(f.Type))
	}
	if f.Since != "" || f.Until != "" {
		c.add(t + ".date_start <> ''")
		dates = []string{"a.date_start <> ''"}
		if f.Since != "" {
			c.add(t + ".date_end >= " + c.arg(f.Since))
			// An incident starting up to max_span_days before Since can
			// still reach into it (as for events): that bounds
			// date_start for the indexes, so that a count stops there.
			span, err := db.maxSpan(ctx, q)
			if err != nil {
				return c, false, err
			}
			since, _ := time.Parse(time.DateOnly, f.Since)
			lo := c.arg(since.AddDate(0, 0, -span).Format(time.DateOnly))
			c.add(t + ".date_start >= " + lo)
			dates = append(dates, "a.date_start >= "+lo)
		}
		if f.Until != "" {
			hi := c.arg(f.Until)
			c.add(t + ".date_start <= " + hi)
			dates = append(dates, "a.date_start <= "+hi)
		}
	}
	if f.Place != "" && c.place == "" {
		l := c.arg(strings.ToLower(f.Place))
		c.add("(i.place_l = " + l + " OR i.admin1_l = " + l + " OR i.country_l = " + l + ")")
	}
	if f.Near != nil {
		if err := f.Near.Valid(); err != nil {
			return c, false, err
		}
		// A page of the circle's incidents is read either point by
		// point (incidents: each point's newest, from incidents_point)
		// or by walking every incident newest first, whichever reads
		// fewer rows by the points' counts: a sparse circle's walk
		// would read most incidents, a busy town's points many pages.
		var st conds
		var points, perPoint, inCircle int64
		var all float64
		if err := q.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(LEAST(incidents, `+st.arg(f.Limit+f.Offset)+`)), 0)::bigint, COALESCE(SUM(incidents), 0),
			(SELECT reltuples FROM pg_class WHERE oid = 'incidents'::regclass) FROM incident_points p WHERE `+within(&st, "p", *f.Near),
			st.args...).Scan(&points, &perPoint, &inCircle, &all); err != nil {
			return c, false, fmt.Errorf("incident points: %w", err)
		}
		all = max(all, float64(inCircle)) // reltuples is -1 until the table is first analysed
		switch {
		case points == 0:
			return c, true, nil
		case f.Limit == 0 || f.Actor != "":
			c.add(within(&c, "i", *f.Near))
		case float64(perPoint) <= pointsCost*float64(f.Limit+f.Offset)*all/float64(inCircle):
			c.add(within(&c, "i", *f.Near))
			c.points = within(&c, "p", *f.Near)
		default:
			// The page's walk hides the box from the planner (in a
			// CASE, which it takes to keep half the rows): seeing a
			// box of few incidents, it reads every incident in it, or
			// all of them, and sorts them. The count keeps the box, an
			// index-only range.
			box, dist := circle(&c, "i", *f.Near)
			c.add(box + " AND " + dist)
			c.walk = len(c.list) - 1
			c.walkCond = "CASE WHEN " + box + " THEN " + dist + " ELSE false END"
		}
	}
	if f.Actor != "" {
		// One actor (by key with roles, or the one a value names) drives
		// the query from its incident_actors rows, newest first
		// (incidentsFrom), which the page ends; several are probed.
		keys := []string{f.Actor}
		if f.Roles == 0 {
			if keys, err = actorKeys(ctx, q, f.Actor); err != nil || len(keys) == 0 {
				return c, err == nil, err
			}
		}
		if len(keys) == 1 {
			c.actor = c.arg(keys[0])
			c.add("a.actor = " + c.actor)
			if f.Roles != 0 {
				c.add(fmt.Sprintf("a.roles & %d <> 0", f.Roles))
			}
			c.list = append(c.list, dates...)
		} else {
			c.add("EXISTS (SELECT 1 FROM incident_actors a WHERE a.incident = i.id AND a.actor = ANY(" + c.arg(keys) + "))")
		}
	}
	if strings.TrimSpace(f.Text) != "" {
		terms, err := store.ParseQuery(f.Text)
		if err != nil {
			return c, false, err
		}
		c.add(`i.id IN (SELECT m.incident FROM events e JOIN documents d ON d.rowid = e.doc_rowid
			JOIN incident_members m ON m.doc_id = d.id AND m.event_id = e.event_id
			WHERE e.evidence @@ ` + c.arg(tsQuery(terms)) + "::tsquery)")
	}
	// Only the driving rows are filtered: they are counted alone.
	switch {
	case c.actor != "" && f.Type == "" && f.Place == "" && f.Near == nil && f.Since == "" && f.Until == "" && strings.TrimSpace(f.Text) == "":
		c.countFrom = " FROM incident_actors a" // an incident's actor rows go with it
	case c.place != "" && strings.TrimSpace(f.Text) == "":
		c.countFrom = " FROM incident_places pl"
	}
	return c, false, nil
}

// incidentsFrom is what an incident query of c reads: the incidents, or
// the incident_actors rows a of one actor or the incident_places rows pl
// of one place, and their incidents.
func (c conds) incidentsFrom() string {
	switch {
	case c.actor != "":
		return " FROM incident_actors a JOIN incidents i ON i.id = a.incident"
	case c.place != "":
		return " FROM incident_places pl JOIN incidents i ON i.id = pl.incident"
	}
	return " FROM incidents i"
}

// incidentsOrder is newest first, in the order of what c reads.
func (c conds) incidentsOrder() string {
	switch {
	case c.actor != "":
		return " ORDER BY a.date_start DESC, a.incident DESC"
	case c.place != "":
		return " ORDER BY pl.date_start DESC, pl.incident DESC"
	}
	return " ORDER BY i.date_start DESC, i.id DESC"
}

// actorKeys are the keys of the actors a filter value names: by key, or by
// a part of a name used for them.
func actorKeys(ctx context.Context, q querier, v string) ([]string, error) {
	var out []string
	err := each(ctx, q, "SELECT id FROM actors WHERE id = $1 OR strpos(search, $2) > 0", []any{v, strings.ToLower(v)}, func(rows pgx.Rows) error {
		var k string
		err := rows.Scan(&k)
		out = append(out, k)
		return err
	})
	return out, err
}

// incidents pages the incidents matching f, newest first, calling fn with
// each row's columns, and returns how many match: up to store.CountCap+1
// with a limit, all of them without.
func (db *DB) incidents(ctx context.Context, f store.IncidentFilter, cols string, fn func(pgx.Rows) error) (int, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return 0, fmt.Errorf("postgres: incidents: negative limit or offset: %w", store.ErrInvalid)
	}
	if err := checkIncidentDates(f); err != nil {
		return 0, fmt.Errorf("postgres: incidents: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return 0, err
	}
	c, none, err := db.incidentWhere(ctx, q, f)
	if err != nil {
		return 0, fmt.Errorf("postgres: incidents: %w", classify(err))
	}
	if none {
		return 0, nil
	}
	// Without a limit every match is read, and counted on the way.
	from := c.incidentsFrom()
	if c.countFrom != "" {
		from = c.countFrom
	}
	count := "SELECT COUNT(*)" + from + c.where()
	if f.Limit > 0 {
		count = fmt.Sprintf("SELECT COUNT(*) FROM (SELECT 1%s%s LIMIT %d) x", from, c.where(), store.CountCap+1)
	}
	page := ""
	if f.Limit > 0 {
		page += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	if f.Offset > 0 {
		page += fmt.Sprintf(" OFFSET %d", f.Offset)
	}
	query := "SELECT " + cols + c.incidentsFrom() + c.pageWhere() + c.incidentsOrder() + page
	if c.points != "" && c.actor == "" && f.Limit > 0 {
		// Each point's newest incidents (incidents_point), the page
		// taken from them, then the page's incidents read whole.
		count = fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT 1 FROM incident_points p, LATERAL (SELECT 1 FROM incidents i
			WHERE i.lat = p.lat AND i.lon = p.lon AND %s LIMIT %d) x WHERE %s LIMIT %[2]d) y`,
			strings.Join(c.list, " AND "), store.CountCap+1, c.points)
		query = fmt.Sprintf(`SELECT %s FROM incidents i WHERE i.id IN (SELECT x.id FROM incident_points p,
			LATERAL (SELECT i.date_start, i.id FROM incidents i WHERE i.lat = p.lat AND i.lon = p.lon AND %s
				ORDER BY i.date_start DESC, i.id DESC LIMIT %d) x
			WHERE %s ORDER BY x.date_start DESC, x.id DESC%s)%s`,
			cols, strings.Join(c.list, " AND "), f.Limit+f.Offset, c.points, page, c.incidentsOrder())
	}
	var total int
	if f.Limit > 0 || f.Offset > 0 {
		if err := q.QueryRow(ctx, count, c.args...).Scan(&total); err != nil {
			return 0, fmt.Errorf("postgres: incidents: %w", classify(err))
		}
	}
	n := 0
	err = each(ctx, q, query, c.args, func(rows pgx.Rows) error { n++; return fn(rows) })
	if err != nil {
		return total, fmt.Errorf("postgres: incidents: %w", classify(err))
	}
	if f.Limit == 0 && f.Offset == 0 {
		total = n
	}
	return total, nil
}

func checkIncidentDates(f store.IncidentFilter) error {
	for _, d := range []string{f.Since, f.Until} {
		if d != "" && !store.ValidDate(d) {
			return fmt.Errorf("date %q is not YYYY-MM-DD: %w", d, store.ErrInvalid)
		}
	}
	return nil
}

func scanIncident(rows pgx.Row) (store.Incident, error) {
	var state []byte
	var inc store.Incident
	if err := rows.Scan(&state, &inc.Version); err != nil {
		return inc, err
	}
	var s consolidate.Stored
	if err := json.Unmarshal(state, &s); err != nil {
		return inc, fmt.Errorf("incident state: %w", err)
	}
	inc.Incident = s.Incident
	return inc, nil
}

func (db *DB) Incidents(ctx context.Context, f store.IncidentFilter) ([]store.Incident, int, error) {
	if f.Limit <= 0 {
		f.Limit = store.DefaultLimit
	}
	var out []store.Incident
	total, err := db.incidents(ctx, f, "i.state, i.version", func(rows pgx.Rows) error {
		inc, err := scanIncident(rows)
		out = append(out, inc)
		return err
	})
	return out, total, err
}

func (db *DB) ScanIncidents(ctx context.Context, f store.IncidentFilter, fn func(store.IncidentRow) error) (int, error) {
	return db.incidents(ctx, f, "i.row", func(rows pgx.Rows) error {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return err
		}
		var r store.IncidentRow
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("incident row: %w", err)
		}
		return fn(r)
	})
}

func (db *DB) CountIncidentDays(ctx context.Context, f store.IncidentFilter, fn func(store.DayCount) error) error {
	if err := checkIncidentDates(f); err != nil {
		return fmt.Errorf("postgres: incident days: %w", err)
	}
	f.Limit, f.Offset = 0, 0 // every match is counted
	q, err := db.reader()
	if err != nil {
		return err
	}
	query := "SELECT day, type, incidents, killed FROM incident_days WHERE place = $1"
	args := []any{strings.ToLower(f.Place)}
	if f.Type != "" {
		query, args = query+" AND type = $2", append(args, f.Type)
	}
	query += " ORDER BY day, type"
	if f.Since != "" || f.Until != "" || f.Near != nil || f.Actor != "" || strings.TrimSpace(f.Text) != "" {
		// Only a place and a type are keys of the stored counts
		// (incident_days, migration 7): '' for every incident.
		c, none, err := db.incidentWhere(ctx, q, f)
		if err != nil {
			return fmt.Errorf("postgres: incident days: %w", classify(err))
		}
		if none {
			return nil
		}
		query, args = "SELECT i.date_start, i.type, COUNT(*), SUM(GREATEST(i.killed, 0))"+c.incidentsFrom()+c.where()+
			" GROUP BY i.date_start, i.type ORDER BY i.date_start, i.type", c.args
	}
	// A country's days are tens of thousands of rows: each goes to fn as
	// it is read.
	var fnErr error
	err = each(ctx, q, query, args, func(rows pgx.Rows) error {
		var d store.DayCount
		var n, k int64
		if err := rows.Scan(&d.Day, &d.Type, &n, &k); err != nil {
			return err
		}
		d.Incidents, d.Killed = int(n), int(k)
		fnErr = fn(d)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("postgres: incident days: %w", classify(err))
	}
	return nil
}

func (db *DB) CountIncidentPoints(ctx context.Context, f store.IncidentFilter, fn func(store.PointCount) error) error {
	if err := checkIncidentDates(f); err != nil {
		return fmt.Errorf("postgres: incident points: %w", err)
	}
	f.Limit, f.Offset = 0, 0 // every match is counted
	q, err := db.reader()
	if err != nil {
		return err
	}
	query := "SELECT located, lat, lon, approx, type, incidents, killed FROM incident_map WHERE place = $1"
	args := []any{strings.ToLower(f.Place)}
	if f.Type != "" {
		query, args = query+" AND type = $2", append(args, f.Type)
	}
	if f.Since != "" || f.Until != "" || f.Near != nil || f.Actor != "" || strings.TrimSpace(f.Text) != "" {
		// Only a place and a type are keys of the stored counts
		// (incident_map, migration 11): '' for every incident.
		c, none, err := db.incidentWhere(ctx, q, f)
		if err != nil {
			return fmt.Errorf("postgres: incident points: %w", classify(err))
		}
		if none {
			return nil
		}
		query, args = `SELECT i.lat IS NOT NULL AND i.lon IS NOT NULL AS located,
			CASE WHEN i.lat IS NOT NULL AND i.lon IS NOT NULL THEN i.lat ELSE 0 END AS lat,
			CASE WHEN i.lat IS NOT NULL AND i.lon IS NOT NULL THEN i.lon ELSE 0 END AS lon,
			i.approx, i.type, COUNT(*), SUM(GREATEST(i.killed, 0))`+c.incidentsFrom()+c.where()+" GROUP BY 1, 2, 3, 4, 5", c.args
	}
	var fnErr error
	err = each(ctx, q, query, args, func(rows pgx.Rows) error {
		var p store.PointCount
		var n, k int64
		if err := rows.Scan(&p.Located, &p.Lat, &p.Lon, &p.Approximate, &p.Type, &n, &k); err != nil {
			return err
		}
		p.Incidents, p.Killed = int(n), int(k)
		fnErr = fn(p)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("postgres: incident points: %w", classify(err))
	}
	return nil
}

func (db *DB) Incident(ctx context.Context, id string) (store.Incident, error) {
	q, err := db.reader()
	if err != nil {
		return store.Incident{}, err
	}
	got, err := store.ResolveRedirect(id, func(id string) (string, error) {
		var into string
		err := q.QueryRow(ctx, `SELECT COALESCE((SELECT '' FROM incidents WHERE id = $1),
			(SELECT into_id FROM incident_redirects WHERE id = $1), '')`, id).Scan(&into)
		return into, err
	})
	if err != nil {
		return store.Incident{}, fmt.Errorf("postgres: incident %s: %w", id, classify(err))
	}
	inc, err := scanIncident(q.QueryRow(ctx, "SELECT state, version FROM incidents WHERE id = $1", got))
	if errors.Is(err, pgx.ErrNoRows) {
		return inc, fmt.Errorf("postgres: incident %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return inc, fmt.Errorf("postgres: incident %s: %w", id, classify(err))
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
	out := map[string]string{}
	err = each(ctx, q, "SELECT event_key, incident FROM incident_members WHERE event_key = ANY($1)", []any{keys}, func(rows pgx.Rows) error {
		var k, id string
		err := rows.Scan(&k, &id)
		out[k] = id
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: incidents of events: %w", classify(err))
	}
	return out, nil
}

func (db *DB) Framing(ctx context.Context, actorID string) ([]consolidate.FramingCount, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	out := []consolidate.FramingCount{}
	err = each(ctx, q, `SELECT source, actor, label, SUM(documents), SUM(uses) FROM framing
		WHERE $1 = '' OR actor = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, []any{actorID}, func(rows pgx.Rows) error {
		var c consolidate.FramingCount
		var d, u int64
		err := rows.Scan(&c.Source, &c.ActorID, &c.Label, &d, &u)
		c.Documents, c.Uses = int(d), int(u)
		out = append(out, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: framing: %w", classify(err))
	}
	return out, nil
}

func (db *DB) Result(ctx context.Context, docID, hash string) (sitrep.Result, error) {
	q, err := db.reader()
	if err != nil {
		return sitrep.Result{}, err
	}
	var b []byte
	err = q.QueryRow(ctx, `SELECT result FROM derived d JOIN documents doc ON doc.rowid = d.doc_rowid
		WHERE doc.id = $1 AND d.result_hash = $2
		UNION ALL SELECT result FROM results_replaced WHERE doc_id = $1 AND result_hash = $2 LIMIT 1`, docID, hash).Scan(&b)
	var r sitrep.Result
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("postgres: result %s of %s: %w", hash, docID, store.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("postgres: result %s of %s: %w", hash, docID, classify(err))
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("postgres: result %s of %s: %w", hash, docID, err)
	}
	return r, nil
}

func (db *DB) ViewsState(ctx context.Context) (store.ViewsState, error) {
	q, err := db.reader()
	if err != nil {
		return store.ViewsState{}, err
	}
	var rules string
	if err := q.QueryRow(ctx, "SELECT COALESCE((SELECT value FROM meta WHERE key = 'view_rules'), '')").Scan(&rules); err != nil {
		return store.ViewsState{}, fmt.Errorf("postgres: views: %w", classify(err))
	}
	return store.ViewsState{Rules: rules, Current: rules == consolidate.Version}, nil
}

func (db *DB) RebuildViews(ctx context.Context, progress func(done, total int64)) error {
	err := views.Rebuild(ctx, db, db.maint, func(fn func(views.Tx) error) error {
		return db.write(ctx, "rebuild views", func(w *wtx) error {
			if err := w.loadIDs(); err != nil {
				return err
			}
			w.logStart = w.logN
			return fn(w)
		})
	}, progress)
	if err == nil {
		err = db.signDocuments(ctx)
	}
	if err != nil {
		return fmt.Errorf("postgres: rebuild views: %w", err)
	}
	return nil
}

// signDocuments signs the documents stored without a near-copy signature
// (copied by migrate, or stored before signatures were kept), so that
// later documents are compared with them; 500 per transaction.
func (db *DB) signDocuments(ctx context.Context) error {
	after := int64(0)
	for {
		type doc struct {
			rowid    int64
			id, text string
		}
		var docs []doc
		err := each(ctx, db.pool, `SELECT rowid, id, text FROM documents d WHERE rowid > $1
			AND NOT EXISTS (SELECT 1 FROM signatures s WHERE s.doc_id = d.id) ORDER BY rowid LIMIT 500`, []any{after},
			func(rows pgx.Rows) error {
				var d doc
				err := rows.Scan(&d.rowid, &d.id, &d.text)
				docs = append(docs, d)
				return err
			})
		if err != nil || len(docs) == 0 {
			return err
		}
		after = docs[len(docs)-1].rowid // texts too short to sign are not read again
		var sigs []views.NearCopy
		for _, d := range docs {
			if s := ingest.Sign(d.text); s.Valid() {
				b, _ := s.MarshalBinary()
				sigs = append(sigs, views.NearCopy{DocID: d.id, Signature: b, Bands: s.Bands()})
			}
		}
		if len(sigs) == 0 {
			continue
		}
		if err := db.write(ctx, "sign documents", func(w *wtx) error { return w.PutSignatures(sigs) }); err != nil {
			return err
		}
	}
}

func (db *DB) ScanViews(ctx context.Context, fn func(store.ViewRecord) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	// The row's filter columns are read as stored, so that a column
	// changed apart from the row's JSON differs from the row recomputed.
	err = each(ctx, q, `SELECT i.state, i.version, i.blocks, i.row, i.type, i.date_start, i.date_end, i.killed,
			ARRAY(SELECT event_key FROM incident_members m WHERE m.incident = i.id ORDER BY 1),
			ARRAY(SELECT actor FROM incident_actors a WHERE a.incident = i.id ORDER BY 1),
			ARRAY(SELECT roles::integer FROM incident_actors a WHERE a.incident = i.id ORDER BY actor)
		FROM incidents i ORDER BY i.id`, nil, func(rows pgx.Rows) error {
		var state, blocks, row []byte
		var si store.StoredIncident
		var typ, start, end string
		var killed int32
		var roles []int32
		if err := rows.Scan(&state, &si.Version, &blocks, &row, &typ, &start, &end, &killed, &si.Members, &si.Actors, &roles); err != nil {
			return err
		}
		for _, x := range []struct {
			b []byte
			v any
		}{{state, &si.Stored}, {blocks, &si.Blocks}, {row, &si.Row}} {
			if err := json.Unmarshal(x.b, x.v); err != nil {
				return fmt.Errorf("incident rows: %w", err)
			}
		}
		si.Row.Type, si.Row.Start, si.Row.End, si.Row.Killed = typ, start, end, int(killed)
		if len(si.Members) == 0 {
			si.Members = nil
		}
		if len(si.Actors) == 0 {
			si.Actors = nil
		}
		for _, r := range roles {
			si.Roles = append(si.Roles, int(r))
		}
		return fn(store.ViewRecord{Incident: &si})
	})
	if err == nil {
		err = each(ctx, q, "SELECT id, into_id FROM incident_redirects ORDER BY id", nil, func(rows pgx.Rows) error {
			var r store.Redirect
			if err := rows.Scan(&r.ID, &r.Into); err != nil {
				return err
			}
			return fn(store.ViewRecord{Redirect: &r})
		})
	}
	if err == nil {
		var cur *store.DocFraming
		err = each(ctx, q, "SELECT doc_id, source, actor, label, documents, uses FROM framing ORDER BY doc_id, ord", nil, func(rows pgx.Rows) error {
			var doc string
			var c consolidate.FramingCount
			var d, u int32
			if err := rows.Scan(&doc, &c.Source, &c.ActorID, &c.Label, &d, &u); err != nil {
				return err
			}
			c.Documents, c.Uses = int(d), int(u)
			if cur != nil && cur.DocID != doc {
				if err := fn(store.ViewRecord{Framing: cur}); err != nil {
					return err
				}
				cur = nil
			}
			if cur == nil {
				cur = &store.DocFraming{DocID: doc}
			}
			cur.Counts = append(cur.Counts, c)
			return nil
		})
		if err == nil && cur != nil {
			err = fn(store.ViewRecord{Framing: cur})
		}
	}
	if err == nil {
		err = db.ClaimEdges(ctx, nil, 0, func(e store.ClaimEdge) error { return fn(store.ViewRecord{Edge: &e}) })
	}
	return wrapScan("views", err)
}

// pointsCost is what a row of the walk newest first (an incident fetched
// whole) costs in entries of incidents_point, which a page read point by
// point reads instead.
var pointsCost = 2.0

// within is the condition that the point of t (incidents i or
// incident_points p) lies in the circle n, its arguments added to c.
func within(c *conds, t string, n store.Near) string {
	box, dist := circle(c, t, n)
	return box + " AND " + dist
}

// circle returns the conditions of within: a box on the (lat, lon)
// indexes, and the distance as store.DistanceKM computes it.
func circle(c *conds, t string, n store.Near) (box, dist string) {
	minLat, maxLat, minLon, maxLon := n.BoundingBox()
	box = fmt.Sprintf("%[1]s.lat BETWEEN %[2]s AND %[3]s AND %[1]s.lon BETWEEN %[4]s AND %[5]s",
		t, c.arg(minLat), c.arg(maxLat), c.arg(minLon), c.arg(maxLon))
	lat, lon := c.arg(n.Lat), c.arg(n.Lon)
	dist = fmt.Sprintf(`2 * %[2]v * asin(least(1, sqrt(power(sin(radians(%[1]s.lat - %[3]s) / 2), 2) +
		cos(radians(%[3]s)) * cos(radians(%[1]s.lat)) * power(sin(radians(%[1]s.lon - %[4]s) / 2), 2)))) <= %[5]s`,
		t, store.EarthRadiusKM, lat, lon, c.arg(n.KM))
	return box, dist
}
