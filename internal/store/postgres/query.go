package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/store"
)

// conds collects the conditions of a query and their numbered arguments.
type conds struct {
	list []string
	args []any
	// actor, when set, is the placeholder of the one actor an event query
	// is driven by: the query walks that actor's events in event_actors,
	// newest first, within start and end (placeholders of the bounds on
	// date_start, when given).
	actor, start, end string
	// points, when set, is the condition on incident_points p of an
	// incident query's circle: its page is read point by point.
	points string
	// place, when set, is the placeholder of the one place key whose
	// incident_places rows pl drive an incident query.
	place string
	// countFrom, when set, is what an incident query's count reads: the
	// driving rows alone, as only they are filtered.
	countFrom string
	// walkCond, when set, replaces the condition list[walk] in the query
	// of an incident page, not in its count.
	walk     int
	walkCond string
}

// arg adds an argument and returns its placeholder.
func (c *conds) arg(v any) string {
	c.args = append(c.args, v)
	return "$" + strconv.Itoa(len(c.args))
}

func (c *conds) add(cond string) { c.list = append(c.list, cond) }

// pageWhere is where() for the query of an incident page.
func (c *conds) pageWhere() string {
	if c.walkCond == "" {
		return c.where()
	}
	list := slices.Clone(c.list)
	list[c.walk] = c.walkCond
	return " WHERE " + strings.Join(list, " AND ")
}

func (c *conds) where() string {
	if len(c.list) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.list, " AND ")
}

// actorMatch selects the actors a filter value names, by id or by a
// substring of any name used for them; a and b are the placeholders of
// the value and of its lower-cased form.
func actorMatch(a, b string) string {
	return "SELECT rowid FROM actors WHERE id = " + a + " OR strpos(search, " + b + ") > 0"
}

// eventWhere turns a filter into conditions over events e. Each is one the
// planner can drive from an index: type and date (events_type_date), a
// place or circle as a set of places (events_place_date), an actor through
// event_actors, words through the GIN index of the evidence. none reports
// a filter nothing can match.
func (db *DB) eventWhere(ctx context.Context, q querier, f store.EventFilter) (c conds, none bool, err error) {
	if f.Type != "" {
		c.add("e.type = " + c.arg(f.Type))
	}
	if f.Since != "" {
		// An event whose range starts up to max_span_days before Since
		// can still reach into it: that bounds date_start for the index.
		span, err := db.maxSpan(ctx, q)
		if err != nil {
			return c, false, err
		}
		since, _ := time.Parse(time.DateOnly, f.Since)
		c.add("e.date_end >= " + c.arg(since))
		c.start = c.arg(since.AddDate(0, 0, -span))
		c.add("e.date_start >= " + c.start)
	}
	if f.Until != "" {
		until, _ := time.Parse(time.DateOnly, f.Until)
		c.end = c.arg(until)
		c.add("e.date_start <= " + c.end)
	}
	// Places and actors are looked up first, so that the planner sees
	// their row ids and can tell a common place or actor (walk the date
	// index, probe each event) from a rare one (collect its events, sort
	// them) by the columns' statistics.
	if f.Place != "" {
		ids, err := rowids(ctx, q, "SELECT rowid FROM places WHERE name_l = $1 OR admin1_l = $1 OR country_l = $1", strings.ToLower(f.Place))
		if err != nil || len(ids) == 0 {
			return c, err == nil, err
		}
		c.add("e.place_rowid = ANY(" + c.arg(ids) + ")")
	}
	if f.Near != nil {
		ids, err := placesNear(ctx, q, *f.Near)
		if err != nil {
			return c, false, err
		}
		if len(ids) == 0 {
			return c, true, nil
		}
		c.add("e.place_rowid = ANY(" + c.arg(ids) + ")")
	}
	if f.Actor != "" {
		// The planner cannot tell how an actor's events lie in date
		// order; the actors' event counters decide. A common actor's
		// events are found by walking events newest first and probing
		// each (EXISTS), which a page ends early; the others' are
		// collected first (ARRAY) and sorted.
		var ids []int64
		var n int64
		err := each(ctx, q, strings.Replace(actorMatch("$1", "$2"), "rowid", "rowid, events", 1), []any{f.Actor, strings.ToLower(f.Actor)},
			func(rows pgx.Rows) error {
				var id, events int64
				err := rows.Scan(&id, &events)
				ids, n = append(ids, id), n+events
				return err
			})
		if err != nil || n == 0 {
			return c, err == nil, err
		}
		switch {
		case len(ids) == 1 && f.Place == "" && f.Near == nil && f.Text == "" && f.DocID == "":
			c.actor = c.arg(ids[0])
		case n > probeAbove:
			c.add("EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_rowid = e.rowid AND ea.actor_rowid = ANY(" + c.arg(ids) + "))")
		default:
			c.add("e.rowid = ANY(ARRAY(SELECT event_rowid FROM event_actors WHERE actor_rowid = ANY(" + c.arg(ids) + ")))")
		}
	}
	if f.Text != "" {
		terms, err := store.ParseQuery(f.Text)
		if err != nil {
			return c, false, err
		}
		c.add("e.evidence @@ " + c.arg(tsQuery(terms)) + "::tsquery")
	}
	if f.DocID != "" {
		c.add("e.doc_rowid = (SELECT rowid FROM documents WHERE id = " + c.arg(f.DocID) + ")")
	}
	if f.Language != "" {
		c.add("EXISTS (SELECT 1 FROM documents dl WHERE dl.rowid = e.doc_rowid AND dl.language = " + c.arg(f.Language) + ")")
	}
	if !f.IncludeRejected {
		c.add("e.review <> 'rejected'")
	}
	return c, false, nil
}

// probeAbove is the number of an actor's events above which the actor
// filter probes events in date order instead of collecting its events.
var probeAbove int64 = 20000

// rowids runs a query of row ids.
func rowids(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	var ids []int64
	err := each(ctx, q, query, args, func(rows pgx.Rows) error {
		var id int64
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	})
	return ids, err
}

func (db *DB) maxSpan(ctx context.Context, q querier) (int, error) {
	var v string
	err := q.QueryRow(ctx, "SELECT value FROM meta WHERE key = 'max_span_days'").Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("max span: %w", err)
	}
	n, _ := strconv.Atoi(v)
	return n, nil
}

// placesNear returns the places within the circle: a bounding box on the
// lat/lon index, then the exact distance as store.DistanceKM computes it.
func placesNear(ctx context.Context, q querier, n store.Near) ([]int64, error) {
	minLat, maxLat, minLon, maxLon := n.BoundingBox()
	var ids []int64
	err := each(ctx, q, "SELECT rowid, lat, lon FROM places WHERE lat BETWEEN $1 AND $2 AND lon BETWEEN $3 AND $4",
		[]any{minLat, maxLat, minLon, maxLon}, func(rows pgx.Rows) error {
			var id int64
			var lat, lon float64
			if err := rows.Scan(&id, &lat, &lon); err != nil {
				return err
			}
			if n.Contains(lat, lon) {
				ids = append(ids, id)
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("places near: %w", err)
	}
	return ids, nil
}

func orderBy(order string) string {
	if order == store.OldestFirst {
		return " ORDER BY e.date_start ASC NULLS FIRST, e.rowid ASC"
	}
	return " ORDER BY e.date_start DESC NULLS LAST, e.rowid DESC"
}

const eventCols = `e.event_id, e.review, e.data, d.id, d.outlet, d.title, d.published, d.url,
	EXISTS (SELECT 1 FROM edits x WHERE x.event_key = d.id || '#' || e.event_id AND x.status = 'edit')`

const eventFrom = " FROM events e JOIN documents d ON d.rowid = e.doc_rowid"

func scanEvent(rows pgx.Row) (store.Event, error) {
	var ev store.Event
	var eventID string
	var data []byte
	if err := rows.Scan(&eventID, &ev.Review, &data, &ev.DocID, &ev.Outlet, &ev.Title, &ev.Published, &ev.URL, &ev.Edited); err != nil {
		return ev, err
	}
	if err := json.Unmarshal(data, &ev.Event); err != nil {
		return ev, fmt.Errorf("event data: %w", err)
	}
	ev.Key = store.Key(ev.DocID, eventID)
	ev.Version = store.EventVersion(ev)
	return ev, nil
}

func (db *DB) Events(ctx context.Context, f store.EventFilter) ([]store.Event, error) {
	if err := f.Check(true); err != nil {
		return nil, fmt.Errorf("postgres: events: %w", err)
	}
	var out []store.Event
	err := db.events(ctx, f, func(e store.Event) error { out = append(out, e); return nil })
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (db *DB) ScanEvents(ctx context.Context, f store.EventFilter, fn func(store.Event) error) error {
	if err := f.Check(false); err != nil {
		return fmt.Errorf("postgres: events: %w", err)
	}
	return db.events(ctx, f, fn)
}

func (db *DB) events(ctx context.Context, f store.EventFilter, fn func(store.Event) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	c, none, err := db.eventWhere(ctx, q, f)
	if err != nil {
		return fmt.Errorf("postgres: events: %w", classify(err))
	}
	if none {
		return nil
	}
	query := "SELECT " + eventCols + eventFrom + c.where() + orderBy(f.Order)
	if c.actor != "" {
		c.add("ea.actor_rowid = " + c.actor)
		if c.start != "" {
			c.add("ea.date_start >= " + c.start)
		}
		if c.end != "" {
			c.add("ea.date_start <= " + c.end)
		}
		order := " ORDER BY ea.date_start DESC NULLS LAST, ea.event_rowid DESC"
		if f.Order == store.OldestFirst {
			order = " ORDER BY ea.date_start ASC NULLS FIRST, ea.event_rowid ASC"
		}
		query = "SELECT " + eventCols + " FROM event_actors ea JOIN events e ON e.rowid = ea.event_rowid JOIN documents d ON d.rowid = e.doc_rowid" +
			c.where() + order
	}
	if f.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	if f.Offset > 0 {
		query += fmt.Sprintf(" OFFSET %d", f.Offset)
	}
	return wrapScan("events", each(ctx, q, query, c.args, func(rows pgx.Rows) error {
		ev, err := scanEvent(rows)
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
		return d, fmt.Errorf("postgres: event: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return d, err
	}
	d.Event, err = scanEvent(q.QueryRow(ctx, "SELECT "+eventCols+eventFrom+
		" WHERE e.doc_rowid = (SELECT rowid FROM documents WHERE id = $1) AND e.event_id = $2", docID, eventID))
	if errors.Is(err, pgx.ErrNoRows) {
		return d, fmt.Errorf("postgres: event %s: %w", key, store.ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("postgres: event %s: %w", key, classify(err))
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
	err = each(ctx, q, claimSelect+" WHERE c.doc_rowid = (SELECT rowid FROM documents WHERE id = $1) ORDER BY c.rowid",
		[]any{docID}, func(rows pgx.Rows) error {
			c, err := scanClaim(rows)
			d.Claims = append(d.Claims, c)
			return err
		})
	if err != nil {
		return d, fmt.Errorf("postgres: event %s: claims: %w", key, classify(err))
	}
	if d.Edits, err = edits(ctx, q, store.EditFilter{EventKey: key}); err != nil {
		return d, fmt.Errorf("postgres: event %s: %w", key, err)
	}
	return d, nil
}

func (db *DB) source(ctx context.Context, q querier, docID, role string, sim float64) (store.Source, error) {
	src := store.Source{Role: role, Similarity: sim}
	doc, _, err := db.document(ctx, q, docID, false)
	if err != nil {
		return src, fmt.Errorf("postgres: %w", err)
	}
	o, err := scanOriginal(q.QueryRow(ctx, "SELECT "+originalCols+" FROM originals WHERE hash = $1", docID))
	if err != nil {
		return src, fmt.Errorf("postgres: original %s: %w", docID, classify(err))
	}
	src.Document, src.Original = doc, o
	return src, nil
}

const claimSelect = `SELECT c.claim_id, c.data, d.id, d.outlet, d.title, d.published
	FROM claims c JOIN documents d ON d.rowid = c.doc_rowid`

func scanClaim(rows pgx.Row) (store.Claim, error) {
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
		return fmt.Errorf("postgres: claims: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return err
	}
	var c conds
	if f.Speaker != "" {
		c.add("c.speaker_rowid IN (" + actorMatch(c.arg(f.Speaker), c.arg(strings.ToLower(f.Speaker))) + ")")
	}
	if f.Actor != "" {
		m := actorMatch(c.arg(f.Actor), c.arg(strings.ToLower(f.Actor)))
		c.add("(c.speaker_rowid IN (" + m + ") OR c.subject_rowid IN (" + m + ") OR c.object_rowid IN (" + m + "))")
	}
	if f.Relation != "" {
		c.add("c.relation = " + c.arg(f.Relation))
	}
	if f.Text != "" {
		terms, err := store.ParseQuery(f.Text)
		if err != nil {
			return fmt.Errorf("postgres: claims: %w", err)
		}
		c.add("c.fts @@ " + c.arg(tsQuery(terms)) + "::tsquery")
	}
	if f.DocID != "" {
		c.add("c.doc_rowid = (SELECT rowid FROM documents WHERE id = " + c.arg(f.DocID) + ")")
	}
	if f.Language != "" {
		c.add("EXISTS (SELECT 1 FROM documents dl WHERE dl.rowid = c.doc_rowid AND dl.language = " + c.arg(f.Language) + ")")
	}
	if f.Since != "" || f.Until != "" {
		lo, hi := f.Since, f.Until
		if lo == "" {
			lo = "0"
		}
		if hi == "" {
			hi = "9"
		}
		c.add("c.published BETWEEN " + c.arg(lo) + " AND " + c.arg(hi))
	}
	query := claimSelect + c.where() + " ORDER BY c.published DESC, c.rowid DESC"
	if f.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	if f.Offset > 0 {
		query += fmt.Sprintf(" OFFSET %d", f.Offset)
	}
	return wrapScan("claims", each(ctx, q, query, c.args, func(rows pgx.Rows) error {
		cl, err := scanClaim(rows)
		if err != nil {
			return err
		}
		return fn(cl)
	}))
}

func (db *DB) Actors(ctx context.Context, f store.ActorFilter) ([]store.Actor, error) {
	if err := f.Check(); err != nil {
		return nil, fmt.Errorf("postgres: actors: %w", err)
	}
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	var c conds
	if f.ID != "" {
		c.add("id = " + c.arg(f.ID))
	}
	if len(f.IDs) > 0 {
		c.add("id = ANY(" + c.arg(f.IDs) + ")")
	}
	if f.Name != "" {
		c.add("(id = " + c.arg(f.Name) + " OR strpos(search, " + c.arg(strings.ToLower(f.Name)) + ") > 0)")
	}
	if f.Type != "" {
		c.add("type = " + c.arg(f.Type))
	}
	query := "SELECT id, name, type, country, aliases, mentions, documents, events FROM actors" + c.where() +
		fmt.Sprintf(" ORDER BY mentions DESC, id LIMIT %d OFFSET %d", f.Limit, f.Offset)
	var out []store.Actor
	err = each(ctx, q, query, c.args, func(rows pgx.Rows) error {
		var a store.Actor
		var aliases string
		var m, d, e int64
		if err := rows.Scan(&a.ID, &a.Name, &a.Type, &a.Country, &aliases, &m, &d, &e); err != nil {
			return err
		}
		a.Mentions, a.Documents, a.Events = int(m), int(d), int(e)
		if err := json.Unmarshal([]byte(aliases), &a.Aliases); err != nil {
			return fmt.Errorf("actor %s aliases: %w", a.ID, err)
		}
		a.Name, a.Aliases = store.ShownNames(a.Name, a.Aliases)
		out = append(out, a)
		return nil
	})
	if err == nil && f.ID != "" && len(out) == 1 {
		// One actor: when the documents naming it were published, two
		// seeks on actor_dates.
		err = q.QueryRow(ctx, `WITH a AS (SELECT rowid FROM actors WHERE id = $1)
			SELECT COALESCE((SELECT MIN(published) FROM actor_dates WHERE actor_rowid = (SELECT rowid FROM a) AND published <> ''), ''),
				COALESCE((SELECT MAX(published) FROM actor_dates WHERE actor_rowid = (SELECT rowid FROM a)), '')`,
			f.ID).Scan(&out[0].FirstSeen, &out[0].LastSeen)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: actors: %w", classify(err))
	}
	return out, nil
}

// Search ranks documents by ts_rank over title and text; the snippet is
// made by store.Snippet, as the memory backend makes it.
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
		return nil, 0, fmt.Errorf("postgres: search: %w", err)
	}
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	limit, offset = min(limit, store.MaxLimit), max(offset, 0)
	q, err := db.reader()
	if err != nil {
		return nil, 0, err
	}
	total := 0
	if count {
		if err := q.QueryRow(ctx, `SELECT count(*) FROM documents d WHERE d.fts @@ CAST($1 AS tsquery)`, tsQuery(terms)).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("postgres: search: %w", classify(err))
		}
	}
	var out []store.Hit
	err = each(ctx, q, `SELECT d.id, d.title, d.outlet, d.published, ts_rank(d.fts, q) AS score, d.text
		FROM documents d, CAST($1 AS tsquery) q WHERE d.fts @@ q ORDER BY score DESC, d.rowid LIMIT $2 OFFSET $3`,
		[]any{tsQuery(terms), limit, offset}, func(rows pgx.Rows) error {
			var h store.Hit
			var score float32
			var text string
			if err := rows.Scan(&h.DocID, &h.Title, &h.Outlet, &h.Published, &score, &text); err != nil {
				return err
			}
			h.Score = float64(score)
			h.Snippet = store.Snippet(text, terms, 16)
			out = append(out, h)
			return nil
		})
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: search: %w", classify(err))
	}
	return out, total, nil
}
