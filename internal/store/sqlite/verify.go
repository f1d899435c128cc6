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

	"sitrep"
	"sitrep/internal/store"
)

var _ store.IndexVerifier = (*DB)(nil)

// VerifyIndexes checks everything this backend derives from the rows its
// read methods return, which custody.Verify checks against the custody
// log: the filter columns of events and claims, the places events point
// to, the actors of each event (the actor filter), the documents' actor
// counts, the actors' search text, the three full-text indexes and the
// longest event date range the date filters rely on. It reads one
// snapshot, through a connection of its own that may build temporary
// tables but cannot write the store.
func (db *DB) VerifyIndexes(ctx context.Context, report func(store.IndexProblem)) error {
	if db.isClosed() {
		return store.ErrClosed
	}
	pool, err := sql.Open("sqlite", db.scratchDSN)
	if err != nil {
		return fmt.Errorf("sqlite: verify indexes: %w", err)
	}
	defer pool.Close()
	conn, err := pool.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: verify indexes: %w", err)
	}
	defer conn.Close()
	// One snapshot for every check; the temporary tables are this
	// connection's own.
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return fmt.Errorf("sqlite: verify indexes: %w", err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	iv := &indexVerifier{ctx: ctx, c: conn, report: report, shown: map[string]int{}}
	for _, step := range []func() error{iv.actors, iv.places, iv.events, iv.eventActorOrphans, iv.claims, iv.docActors,
		iv.maxSpan, iv.documentsFTS, iv.eventsFTS, iv.claimsFTS, iv.actorFigures, iv.incidentDays, iv.incidentPlaces, iv.incidentMap,
		iv.violenceEdges} {
		if err := step(); err != nil {
			return fmt.Errorf("sqlite: verify indexes: %w", err)
		}
	}
	return nil
}

type indexVerifier struct {
	ctx    context.Context
	c      *sql.Conn
	report func(store.IndexProblem)
	shown  map[string]int // problems reported per table

	actorID   map[int64]string // actors.rowid → id
	actorRow  map[string]int64
	placeRows map[int64]placeRow
	longest   int
}

type placeRow struct {
	name, admin1, country    string
	lat, lon                 sql.NullFloat64
	nameL, admin1L, countryL string
}

// maxPerTable bounds the problems reported per table; the count of the
// rest is reported once.
const maxPerTable = 20

func (iv *indexVerifier) problem(table, row, what, expected, found string) {
	iv.shown[table]++
	if n := iv.shown[table]; n <= maxPerTable {
		iv.report(store.IndexProblem{Table: table, Row: row, What: what, Expected: expected, Found: found})
	}
}

// more reports how many problems of a table were not listed.
func (iv *indexVerifier) more(table string) {
	if n := iv.shown[table]; n > maxPerTable {
		iv.report(store.IndexProblem{Table: table, Row: "(more)", What: "further rows that disagree", Expected: "0", Found: strconv.Itoa(n - maxPerTable)})
	}
}

func (iv *indexVerifier) each(query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := iv.c.QueryContext(iv.ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", firstLine(query), err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (iv *indexVerifier) actors() error {
	iv.actorID, iv.actorRow = map[int64]string{}, map[string]int64{}
	err := iv.each("SELECT rowid, id, name, aliases, search FROM actors", nil, func(rows *sql.Rows) error {
		var rowid int64
		var id, aliases, search string
		var d store.ActorDesc
		if err := rows.Scan(&rowid, &id, &d.Name, &aliases, &search); err != nil {
			return err
		}
		iv.actorID[rowid], iv.actorRow[id] = id, rowid
		if err := json.Unmarshal([]byte(aliases), &d.Aliases); err != nil {
			iv.problem("actors", id, "aliases", "a JSON list", aliases)
			return nil
		}
		if want := store.ActorSearch(d); search != want {
			iv.problem("actors", id, "search text of the name filter", strconv.Quote(want), strconv.Quote(search))
		}
		return nil
	})
	iv.more("actors")
	return err
}

func (iv *indexVerifier) places() error {
	iv.placeRows = map[int64]placeRow{}
	return iv.each("SELECT rowid, name, admin1, country, lat, lon, name_l, admin1_l, country_l FROM places", nil, func(rows *sql.Rows) error {
		var id int64
		var p placeRow
		if err := rows.Scan(&id, &p.name, &p.admin1, &p.country, &p.lat, &p.lon, &p.nameL, &p.admin1L, &p.countryL); err != nil {
			return err
		}
		iv.placeRows[id] = p
		return nil
	})
}

// actorRows is the sorted text form of a set of actor rows, for comparing
// what a row's data implies with what the table holds.
func actorRows(rows []string) string {
	slices.Sort(rows)
	return strings.Join(slices.Compact(rows), ",")
}

func (iv *indexVerifier) events() error {
	err := iv.each(`SELECT e.rowid, COALESCE(d.id, ''), e.event_id, e.type, e.date_start, e.date_end, e.place_rowid, e.data,
		COALESCE((SELECT group_concat(actor_rowid || ':' || date_start || ':' || role, ',') FROM event_actors WHERE event_rowid = e.rowid), '')
		FROM events e LEFT JOIN documents d ON d.rowid = e.doc_rowid ORDER BY e.rowid`, nil, func(rows *sql.Rows) error {
		var rowid int64
		var docID, eventID, typ, start, end, linked string
		var place sql.NullInt64
		var data []byte
		if err := rows.Scan(&rowid, &docID, &eventID, &typ, &start, &end, &place, &data, &linked); err != nil {
			return err
		}
		key := store.Key(docID, eventID)
		var ev sitrep.Event
		if err := json.Unmarshal(data, &ev); err != nil {
			iv.problem("events", key, "data", "an event", err.Error())
			return nil
		}
		if typ != ev.Type {
			iv.problem("events", key, "type column of the type filter", ev.Type, typ)
		}
		wantStart, wantEnd := store.DateRange(ev)
		if start != wantStart || end != wantEnd {
			iv.problem("events", key, "date columns of the date filters and the order", wantStart+"/"+wantEnd, start+"/"+end)
		}
		iv.longest = max(iv.longest, store.SpanDays(wantStart, wantEnd))
		iv.checkPlace(key, ev.Place, place)
		var want []string
		for _, rr := range store.EventActors(ev) {
			if !store.Named(rr.Ref) {
				continue
			}
			a, ok := iv.actorRow[store.ActorKey(rr.Ref)]
			if !ok {
				iv.problem("event_actors", key, "actor of the event", store.ActorKey(rr.Ref), "no actors row")
				continue
			}
			want = append(want, fmt.Sprintf("%d:%s:%d", a, wantStart, rr.Role))
		}
		got := []string{}
		if linked != "" {
			got = strings.Split(linked, ",")
		}
		if w, g := actorRows(want), actorRows(got); w != g {
			iv.problem("event_actors", key, "actors of the actor filter (actor:date:role)", iv.actorNames(w), iv.actorNames(g))
		}
		return nil
	})
	iv.more("events")
	iv.more("event_actors")
	return err
}

// actorNames shows "rowid:date:role" lists with actor ids for rowids.
func (iv *indexVerifier) actorNames(rows string) string {
	if rows == "" {
		return "none"
	}
	parts := strings.Split(rows, ",")
	for i, p := range parts {
		id, rest, _ := strings.Cut(p, ":")
		if n, err := strconv.ParseInt(id, 10, 64); err == nil && iv.actorID[n] != "" {
			parts[i] = iv.actorID[n] + ":" + rest
		}
	}
	return strings.Join(parts, ",")
}

func (iv *indexVerifier) checkPlace(key string, want *sitrep.Place, rowid sql.NullInt64) {
	if want == nil {
		if rowid.Valid {
			iv.problem("events", key, "place of the place filters and the map", "none", fmt.Sprintf("places row %d", rowid.Int64))
		}
		return
	}
	p, ok := iv.placeRows[rowid.Int64]
	if !rowid.Valid || !ok {
		iv.problem("events", key, "place of the place filters and the map", want.Name, "no places row")
		return
	}
	hasLL := want.Lat != nil && want.Lon != nil
	same := p.name == want.Name && p.admin1 == want.Admin1 && p.country == want.Country && p.lat.Valid == hasLL && p.lon.Valid == hasLL &&
		(!hasLL || p.lat.Float64 == *want.Lat && p.lon.Float64 == *want.Lon)
	if !same {
		// Either the event points to the wrong row, or the row changed:
		// when a row holds the event's place, the event is at fault.
		table := "places"
		for _, q := range iv.placeRows {
			if q.name == want.Name && q.admin1 == want.Admin1 && q.country == want.Country && q.lat.Valid == hasLL && q.lon.Valid == hasLL &&
				(!hasLL || q.lat.Float64 == *want.Lat && q.lon.Float64 == *want.Lon) {
				table = "events"
				break
			}
		}
		iv.problem(table, key, "place of the place filters and the map", placeText(want.Name, want.Admin1, want.Country, want.Lat, want.Lon),
			placeText(p.name, p.admin1, p.country, nullPtr(p.lat), nullPtr(p.lon)))
		return
	}
	if p.nameL != strings.ToLower(p.name) || p.admin1L != strings.ToLower(p.admin1) || p.countryL != strings.ToLower(p.country) {
		iv.problem("places", key, "lower-cased names of the place filter", strings.ToLower(p.name+", "+p.admin1+", "+p.country), p.nameL+", "+p.admin1L+", "+p.countryL)
	}
}

func nullPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}

func placeText(name, admin1, country string, lat, lon *float64) string {
	s := name + ", " + admin1 + ", " + country
	if lat != nil && lon != nil {
		s += fmt.Sprintf(" (%v, %v)", *lat, *lon)
	}
	return s
}

// eventActorOrphans finds actor links of events that do not exist; they
// show nowhere today, but would once the row id is used again.
func (iv *indexVerifier) eventActorOrphans() error {
	var n int
	if err := iv.c.QueryRowContext(iv.ctx, "SELECT COUNT(*) FROM event_actors WHERE event_rowid NOT IN (SELECT rowid FROM events)").Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		iv.problem("event_actors", "(orphans)", "rows of events that do not exist", "0", strconv.Itoa(n))
	}
	return nil
}

func (iv *indexVerifier) claims() error {
	err := iv.each(`SELECT COALESCE(d.id, ''), c.claim_id, c.speaker_rowid, c.relation, c.subject_rowid, c.object_rowid, c.published,
		COALESCE(d.published, ''), c.data FROM claims c LEFT JOIN documents d ON d.rowid = c.doc_rowid ORDER BY c.rowid`, nil, func(rows *sql.Rows) error {
		var docID, claimID, relation, published, docPublished string
		var speaker, subject, object sql.NullInt64
		var data []byte
		if err := rows.Scan(&docID, &claimID, &speaker, &relation, &subject, &object, &published, &docPublished, &data); err != nil {
			return err
		}
		key := store.Key(docID, claimID)
		var c sitrep.Claim
		if err := json.Unmarshal(data, &c); err != nil {
			iv.problem("claims", key, "data", "a claim", err.Error())
			return nil
		}
		wantRel := ""
		var subj, obj sitrep.ActorRef
		if c.Relation != nil {
			wantRel, subj, obj = c.Relation.Type, c.Relation.Subject, c.Relation.Object
		}
		if relation != wantRel {
			iv.problem("claims", key, "relation column of the relation filter", wantRel, relation)
		}
		if published != docPublished {
			iv.problem("claims", key, "publication date of the date filters", docPublished, published)
		}
		for _, col := range []struct {
			name string
			ref  sitrep.ActorRef
			row  sql.NullInt64
		}{{"speaker", c.Speaker, speaker}, {"subject", subj, subject}, {"object", obj, object}} {
			want := ""
			if store.Named(col.ref) {
				want = store.ActorKey(col.ref)
			}
			got := ""
			if col.row.Valid {
				got = iv.actorID[col.row.Int64]
				if got == "" {
					got = fmt.Sprintf("actors row %d, which does not exist", col.row.Int64)
				}
			}
			if want != got {
				iv.problem("claims", key, col.name+" of the speaker and actor filters", cmpOr(want, "none"), cmpOr(got, "none"))
			}
		}
		return nil
	})
	iv.more("claims")
	return err
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// docActors checks each document's actor links, from which re-extraction
// takes its actors' counts back, against its stored result.
func (iv *indexVerifier) docActors() error {
	err := iv.each(`SELECT doc.id, d.result,
		COALESCE((SELECT group_concat(actor_rowid || ':' || mentions, ',') FROM doc_actors WHERE doc_rowid = d.doc_rowid), '')
		FROM derived d JOIN documents doc ON doc.rowid = d.doc_rowid ORDER BY d.doc_rowid`, nil, func(rows *sql.Rows) error {
		var docID, linked string
		var result []byte
		if err := rows.Scan(&docID, &result, &linked); err != nil {
			return err
		}
		var r struct{ Actors []sitrep.Actor }
		if err := json.Unmarshal(result, &r); err != nil {
			return nil // the custody check reports a result that does not parse
		}
		mentions := map[int64]int{}
		for _, a := range r.Actors {
			ref := sitrep.ActorRef{ID: a.ID, Name: a.Name}
			if !store.Named(ref) {
				continue
			}
			row, ok := iv.actorRow[store.ActorKey(ref)]
			if !ok {
				iv.problem("doc_actors", docID, "actor of the document", store.ActorKey(ref), "no actors row")
				continue
			}
			mentions[row] += a.Mentions
		}
		var want []string
		for row, n := range mentions {
			want = append(want, fmt.Sprintf("%d:%d", row, n))
		}
		got := []string{}
		if linked != "" {
			got = strings.Split(linked, ",")
		}
		if w, g := actorRows(want), actorRows(got); w != g {
			iv.problem("doc_actors", docID, "actors of the document (actor:mentions)", iv.actorNames(w), iv.actorNames(g))
		}
		return nil
	})
	if err != nil {
		return err
	}
	var n int
	if err := iv.c.QueryRowContext(iv.ctx, "SELECT COUNT(*) FROM doc_actors WHERE doc_rowid NOT IN (SELECT doc_rowid FROM derived)").Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		iv.problem("doc_actors", "(orphans)", "rows of documents with no extraction result", "0", strconv.Itoa(n))
	}
	iv.more("doc_actors")
	return nil
}

// maxSpan checks the longest date range the date filters widen their
// index range by: a smaller value would hide long events from them.
func (iv *indexVerifier) maxSpan() error {
	var v string
	err := iv.c.QueryRowContext(iv.ctx, "SELECT value FROM meta WHERE key = 'max_span_days'").Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if n, _ := strconv.Atoi(v); n < iv.longest {
		iv.problem("meta", "max_span_days", "longest event date range, in days, at least", strconv.Itoa(iv.longest), cmpOr(v, "none"))
	}
	return nil
}

// documentsFTS asks FTS5 to check the documents' index against the
// documents it indexes; when they differ, the documents are indexed again
// in a scratch table to find which.
func (iv *indexVerifier) documentsFTS() error {
	_, err := iv.c.ExecContext(iv.ctx, "INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")
	if err == nil {
		return nil
	}
	return iv.compareFTS("documents_fts", "SELECT rowid, title, text FROM documents_search", func(rowid int64) string {
		var id string
		iv.c.QueryRowContext(iv.ctx, "SELECT id FROM documents WHERE rowid = ?", rowid).Scan(&id)
		return cmpOr(id, fmt.Sprintf("documents row %d", rowid))
	})
}

// eventsFTS compares the evidence index of the text filter with the
// evidence of the events' data, indexed afresh.
func (iv *indexVerifier) eventsFTS() error {
	return iv.compareFTSRows("events_fts", func(emit func(rowid int64, cols ...any) error) error {
		return iv.each("SELECT rowid, data FROM events", nil, func(rows *sql.Rows) error {
			var rowid int64
			var data []byte
			if err := rows.Scan(&rowid, &data); err != nil {
				return err
			}
			var ev sitrep.Event
			if json.Unmarshal(data, &ev) != nil {
				return nil // reported by events
			}
			start, _ := store.DateRange(ev)
			return emit(ftsKey(start, rowid), store.EvidenceText(ev.Evidence))
		})
	}, func(key int64) string {
		var k string
		iv.c.QueryRowContext(iv.ctx, "SELECT d.id || '#' || e.event_id FROM events e JOIN documents d ON d.rowid = e.doc_rowid WHERE e.rowid = ?",
			key&ftsRowidMask).Scan(&k)
		return cmpOr(k, fmt.Sprintf("full-text row %d (event row %d)", key, key&ftsRowidMask))
	})
}

// claimsFTS compares the claims' text index with the claims' data.
func (iv *indexVerifier) claimsFTS() error {
	return iv.compareFTSRows("claims_fts", func(emit func(rowid int64, cols ...any) error) error {
		return iv.each("SELECT rowid, data FROM claims", nil, func(rows *sql.Rows) error {
			var rowid int64
			var data []byte
			if err := rows.Scan(&rowid, &data); err != nil {
				return err
			}
			text, ok := store.ClaimDataSearchText(data)
			if !ok {
				return nil // reported by claims
			}
			return emit(rowid, text)
		})
	}, func(rowid int64) string {
		var k string
		iv.c.QueryRowContext(iv.ctx, "SELECT d.id || '#' || c.claim_id FROM claims c JOIN documents d ON d.rowid = c.doc_rowid WHERE c.rowid = ?", rowid).Scan(&k)
		return cmpOr(k, fmt.Sprintf("claims row %d", rowid))
	})
}

// compareFTS indexes the rows of query (rowid, then the indexed columns)
// in a scratch copy of table and compares the two indexes.
func (iv *indexVerifier) compareFTS(table, query string, name func(int64) string) error {
	return iv.compareFTSRows(table, func(emit func(rowid int64, cols ...any) error) error {
		return iv.each(query, nil, func(rows *sql.Rows) error {
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			return emit(vals[0].(int64), vals[1:]...)
		})
	}, name)
}

// compareFTSRows builds a scratch full-text table defined as table, fills
// it with the rows rows emits, and compares the two indexes term by term
// (every token's term, column and position, per row) through fts5vocab.
func (iv *indexVerifier) compareFTSRows(table string, rows func(emit func(rowid int64, cols ...any) error) error, name func(int64) string) error {
	var def string
	if err := iv.c.QueryRowContext(iv.ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&def); err != nil {
		return fmt.Errorf("definition of %s: %w", table, err)
	}
	// External content cannot be copied; the scratch table keeps its own.
	def = strings.Replace(def, "content='documents_search', content_rowid='rowid'", "", 1)
	head := "CREATE VIRTUAL TABLE " + table
	if !strings.HasPrefix(def, head) {
		return fmt.Errorf("definition of %s: %q", table, def)
	}
	scratch := "verify_" + table
	for _, q := range []string{
		"DROP TABLE IF EXISTS temp." + scratch,
		"CREATE VIRTUAL TABLE temp." + scratch + def[len(head):],
		"DROP TABLE IF EXISTS temp." + scratch + "_terms",
		"DROP TABLE IF EXISTS temp." + table + "_terms",
		fmt.Sprintf("CREATE VIRTUAL TABLE temp.%s_terms USING fts5vocab(temp, %s, 'instance')", scratch, scratch),
		fmt.Sprintf("CREATE VIRTUAL TABLE temp.%s_terms USING fts5vocab(main, %s, 'instance')", table, table),
	} {
		if _, err := iv.c.ExecContext(iv.ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	var insert *sql.Stmt
	err := rows(func(rowid int64, vals ...any) error {
		if insert == nil {
			q := fmt.Sprintf("INSERT INTO temp.%s (rowid, %s) VALUES (?%s)", scratch, iv.columnList(scratch), strings.Repeat(", ?", len(vals)))
			var err error
			if insert, err = iv.c.PrepareContext(iv.ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		_, err := insert.ExecContext(iv.ctx, append([]any{rowid}, vals...)...)
		return err
	})
	if insert != nil {
		insert.Close()
	}
	if err != nil {
		return err
	}
	// Both indexes, one row per indexed row: its tokens in order.
	perRow := func(terms string) string {
		return fmt.Sprintf(`SELECT doc, group_concat(term || ' ' || col || ' ' || offset, ',' ORDER BY col, offset, term)
			FROM temp.%s GROUP BY doc ORDER BY doc`, terms)
	}
	want, err := iv.c.QueryContext(iv.ctx, perRow(scratch+"_terms"))
	if err != nil {
		return err
	}
	defer want.Close()
	got, err := iv.c.QueryContext(iv.ctx, perRow(table+"_terms"))
	if err != nil {
		return err
	}
	defer got.Close()
	next := func(r *sql.Rows) (int64, string, bool, error) {
		if !r.Next() {
			return 0, "", false, r.Err()
		}
		var doc int64
		var toks string
		err := r.Scan(&doc, &toks)
		return doc, toks, true, err
	}
	wDoc, wToks, wOK, err := next(want)
	if err != nil {
		return err
	}
	gDoc, gToks, gOK, err := next(got)
	if err != nil {
		return err
	}
	for wOK || gOK {
		switch {
		case wOK && (!gOK || wDoc < gDoc):
			iv.problem(table, name(wDoc), "indexed words", clip(wToks), "none")
			wDoc, wToks, wOK, err = next(want)
		case gOK && (!wOK || gDoc < wDoc):
			iv.problem(table, name(gDoc), "indexed words", "none", clip(gToks))
			gDoc, gToks, gOK, err = next(got)
		default:
			if wToks != gToks {
				iv.problem(table, name(wDoc), "indexed words (term column position)", clip(firstDifference(wToks, gToks)), clip(firstDifference(gToks, wToks)))
			}
			if wDoc, wToks, wOK, err = next(want); err == nil {
				gDoc, gToks, gOK, err = next(got)
			}
		}
		if err != nil {
			return err
		}
	}
	iv.more(table)
	return nil
}

// columnList is the comma-separated column names of a full-text table.
func (iv *indexVerifier) columnList(table string) string {
	var cols []string
	iv.each("SELECT name FROM pragma_table_info(?, 'temp')", []any{table}, func(rows *sql.Rows) error {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		cols = append(cols, n)
		return nil
	})
	return strings.Join(cols, ", ")
}

// firstDifference is a from the first token where it differs from b.
func firstDifference(a, b string) string {
	as, bs := strings.Split(a, ","), strings.Split(b, ",")
	for i := range as {
		if i >= len(bs) || as[i] != bs[i] {
			return strings.Join(as[i:], ",")
		}
	}
	return "(nothing more)"
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
