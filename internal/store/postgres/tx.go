package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"golang.org/x/mod/sumdb/tlog"

	"sitrep/internal/store"
	"sitrep/internal/views"
)

// wtx is one write transaction. It holds the custody log's lock from its
// first statement, so that it alone appends to the log and hands out row
// ids; rows nothing in the transaction reads back are collected and
// inserted table by table with COPY when the transaction ends (flush).
type wtx struct {
	db  *DB
	ctx context.Context
	tx  pgx.Tx
	now time.Time

	logN    int64               // next log index; -1 until read
	pending map[int64]tlog.Hash // stored hashes known: read, or made by this transaction
	ids     map[string]int64    // last row id handed out, per table

	actors     map[string]*actorRow
	places     map[placeKey]int64
	placeNames map[string]bool    // names whose places prefetch read
	newPlaces  map[placeKey]int64 // added to the shared cache after commit
	maxSpan    int

	copies    map[string]*copyRows
	copyOrder []string

	// The views' part (views.go): the session, once begun, the log's size
	// when it began, settings and view rows written, signatures added.
	sess      *views.Session
	logStart  int64
	meta      map[string]string
	viewBatch *pgx.Batch
	copyDocs  map[string]bool   // documents known to be near copies (true) or not
	unplaced  map[string]bool   // documents known never to have been placed
	fresh     map[string]bool   // incident ids found free in this transaction, not yet written
	wordTally *wordTally        // word counts added in this transaction (words.go)
	texts     map[string]string // texts of documents stored in this transaction

	edges map[store.EdgeKey]*edgeDelta // claim edges changed (edges.go)
}

// copyRows are the rows queued for one table.
type copyRows struct {
	cols []string
	rows [][]any
}

// write runs fn in a write transaction and commits it.
func (db *DB) write(ctx context.Context, what string, fn func(*wtx) error) error {
	if err := db.check(); err != nil {
		return fmt.Errorf("postgres: %s: %w", what, err)
	}
	if db.readOnly {
		return fmt.Errorf("postgres: %s: %w", what, store.ErrReadOnly)
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: %s: begin: %w", what, classify(err))
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	w := &wtx{db: db, ctx: ctx, tx: tx, now: db.now(), logN: -1, pending: map[int64]tlog.Hash{},
		ids: map[string]int64{}, actors: map[string]*actorRow{}, places: map[placeKey]int64{}, placeNames: map[string]bool{}, newPlaces: map[placeKey]int64{}}
	if _, err := tx.Exec(ctx, "LOCK TABLE custody_log IN EXCLUSIVE MODE"); err != nil {
		return fmt.Errorf("postgres: %s: lock: %w", what, classify(err))
	}
	err = fn(w)
	if err == nil && w.sess != nil {
		err = w.sess.Finish()
	}
	if err == nil {
		err = w.flush()
	}
	if err == nil {
		if err = tx.Commit(ctx); err != nil {
			err = fmt.Errorf("commit: %w", err)
		}
	}
	if w.sess != nil {
		if err != nil {
			w.sess.Abort()
		} else {
			w.sess.Commit(w.logN)
		}
	}
	if err != nil {
		return fmt.Errorf("postgres: %s: %w", what, classify(err))
	}
	for k, id := range w.newPlaces {
		db.placeCache.Store(k, id)
	}
	return nil
}

func (w *wtx) exec(q string, args ...any) error {
	if _, err := w.tx.Exec(w.ctx, q, args...); err != nil {
		return fmt.Errorf("%s: %w", firstLine(q), err)
	}
	return nil
}

// row scans one row; found is false when there is none.
func (w *wtx) row(q string, args []any, dest ...any) (bool, error) {
	err := w.tx.QueryRow(w.ctx, q, args...).Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("%s: %w", firstLine(q), err)
	}
	return true, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i > 0 {
		return s[:i]
	}
	return s
}

// later queues a row for COPY into table at flush.
func (w *wtx) later(table string, cols []string, row ...any) {
	if w.copies == nil {
		w.copies = map[string]*copyRows{}
	}
	c, ok := w.copies[table]
	if !ok {
		c = &copyRows{cols: cols}
		w.copies[table] = c
		w.copyOrder = append(w.copyOrder, table)
	}
	c.rows = append(c.rows, row)
}

// Columns of the tables whose rows are inserted at flush, with their types.
var (
	colsOriginals  = []string{"rowid bigint", "hash text", "size bigint", "source text", "url text", "captured_at timestamptz", "outlet text", "published text", "title text", "content_type text", "log_index bigint"}
	colsBlobs      = []string{"original_rowid bigint", "data bytea"}
	colsDocuments  = []string{"rowid bigint", "id text", "text_hash text", "text text", "title text", "outlet text", "published text", "url text", "language text", "stored_at timestamptz", "log_index bigint", "fts tsvector"}
	colsDerived    = []string{"doc_rowid bigint", "extractor_version text", "result bytea", "result_hash text", "stored_at timestamptz", "log_index bigint"}
	colsPlaces     = []string{"rowid bigint", "name text", "admin1 text", "country text", "lat float8", "lon float8", "name_l text", "admin1_l text", "country_l text"}
	colsEvents     = []string{"rowid bigint", "doc_rowid bigint", "event_id text", "type text", "date_start date", "date_end date", "place_rowid bigint", "review text", "data bytea", "evidence tsvector"}
	colsEventActor = []string{"actor_rowid bigint", "date_start date", "event_rowid bigint", "roles smallint"}
	colsDocActors  = []string{"doc_rowid bigint", "actor_rowid bigint", "mentions bigint"}
	colsActorDates = []string{"actor_rowid bigint", "published text", "doc_rowid bigint"}
	colsClaims     = []string{"rowid bigint", "doc_rowid bigint", "claim_id text", "speaker_rowid bigint", "relation text", "subject_rowid bigint", "object_rowid bigint", "published text", "data bytea", "fts tsvector"}
	colsActors     = []string{"rowid bigint", "id text", "name text", "type text", "country text", "aliases text", "search text", "mentions bigint", "documents bigint", "events bigint"}
	colsLog        = []string{"idx bigint", "data bytea"}
	colsHashes     = []string{"idx bigint", "hash bytea"}
	colsLinks      = []string{"doc_rowid bigint", "copy_rowid bigint", "similarity float8", "method text", "at timestamptz", "log_index bigint"}
	colsSignatures = []string{"seq bigint", "doc_id text", "sig bytea"}
	colsBands      = []string{"band bigint", "sig_seq bigint"}
)

// insertStatement inserts a table's queued rows from one array per
// column: the statement's text is the same for any number of rows, so it
// is prepared once per connection.
func insertStatement(table string, cols []string) string {
	names := make([]string, len(cols))
	params := make([]string, len(cols))
	for i, c := range cols {
		name, typ, _ := strings.Cut(c, " ")
		names[i] = name
		params[i] = fmt.Sprintf("$%d::%s[]", i+1, typ)
	}
	return "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ") SELECT * FROM unnest(" + strings.Join(params, ", ") + ")"
}

// queueInserts adds the queued rows to b, one statement per table.
func (w *wtx) queueInserts(b *pgx.Batch) {
	for _, t := range w.copyOrder {
		c := w.copies[t]
		cols := make([]any, len(c.cols))
		for j := range c.cols {
			col := make([]any, len(c.rows))
			for i, r := range c.rows {
				col[i] = r[j]
			}
			cols[j] = col
		}
		b.Queue(insertStatement(t, c.cols), cols...)
	}
	w.copies, w.copyOrder = nil, nil
}

// flushCopies inserts the queued rows, all tables in one round trip.
func (w *wtx) flushCopies() error {
	b := &pgx.Batch{}
	w.queueInserts(b)
	return w.send(b)
}

// send runs a batch of statements in one round trip.
func (w *wtx) send(b *pgx.Batch) error {
	if b.Len() == 0 {
		return nil
	}
	if err := w.tx.SendBatch(w.ctx, b).Close(); err != nil {
		return fmt.Errorf("insert: %w", err)
	}
	return nil
}

// flush writes the queued rows and the actors and facts this transaction
// changed, in one round trip.
func (w *wtx) flush() error {
	for _, a := range w.actors {
		if a != nil && a.isNew {
			w.later("actors", colsActors, a.rowid, a.id, a.desc.Name, a.desc.Type, a.desc.Country, aliasJSON(a.desc.Aliases), store.ActorSearch(a.desc),
				a.dMentions, a.dDocs, a.dEvs)
		}
	}
	b := &pgx.Batch{}
	w.queueInserts(b)
	w.queueEdges(b)
	var ids, ms, ds, es []int64
	var typs, countries, aliases, searches []string
	for _, a := range w.actors {
		if a == nil || a.isNew || !a.dirty && a.dMentions == 0 && a.dDocs == 0 && a.dEvs == 0 {
			continue
		}
		ids, typs, countries = append(ids, a.rowid), append(typs, a.desc.Type), append(countries, a.desc.Country)
		aliases, searches = append(aliases, aliasJSON(a.desc.Aliases)), append(searches, store.ActorSearch(a.desc))
		ms, ds, es = append(ms, int64(a.dMentions)), append(ds, int64(a.dDocs)), append(es, int64(a.dEvs))
	}
	if len(ids) > 0 {
		b.Queue(`UPDATE actors SET type = x.t, country = x.c, aliases = x.a, search = x.s,
			mentions = mentions + x.m, documents = documents + x.d, events = events + x.e
			FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
				AS x(r, t, c, a, s, m, d, e)
			WHERE actors.rowid = x.r`, ids, typs, countries, aliases, searches, ms, ds, es)
	}
	for _, a := range w.actors {
		if a == nil {
			continue
		}
		a.isNew, a.dirty, a.dMentions, a.dDocs, a.dEvs = false, false, 0, 0, 0
	}
	if w.viewBatch != nil {
		for _, q := range w.viewBatch.QueuedQueries {
			b.Queue(q.SQL, q.Arguments...)
		}
		w.viewBatch = nil
	}
	if w.maxSpan > 0 {
		b.Queue(`INSERT INTO meta (key, value) VALUES ('max_span_days', $1)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value
			WHERE excluded.value::integer > meta.value::integer`, fmt.Sprint(w.maxSpan))
	}
	return w.send(b)
}

// idTables are the tables whose row ids a writer hands out.
var idTables = []string{"originals", "documents", "events", "claims", "actors", "places", "edits", "decisions", "signatures"}

// loadIDs reads, in one query, the last row id of every table and the
// size of the custody log, and then the stored hashes appending to the
// log will read.
func (w *wtx) loadIDs() error {
	q := "SELECT "
	dest := make([]any, len(idTables)+1)
	vals := make([]int64, len(idTables))
	for i, t := range idTables {
		col := "rowid"
		switch t {
		case "edits", "decisions":
			col = "id"
		case "signatures":
			col = "seq"
		}
		q += "(SELECT COALESCE(MAX(" + col + "), 0) FROM " + t + "), "
		dest[i] = &vals[i]
	}
	q += "(SELECT COALESCE(MAX(idx) + 1, 0) FROM custody_log)"
	dest[len(idTables)] = &w.logN
	if _, err := w.row(q, nil, dest...); err != nil {
		return err
	}
	for i, t := range idTables {
		w.ids[t] = vals[i]
	}
	// Appending records from logN on reads, at each level of the tree,
	// only the hash of the last complete subtree before logN.
	var idx []int64
	for l := 0; l < 63 && w.logN>>l > 0; l++ {
		idx = append(idx, tlog.StoredHashIndex(l, w.logN>>l-1))
	}
	if len(idx) == 0 {
		return nil
	}
	got, err := readHashes(w.ctx, w.tx, idx)
	if err != nil {
		return err
	}
	for i, h := range got {
		w.pending[i] = h
	}
	return nil
}

// nextID hands out the next row id of a table.
func (w *wtx) nextID(table string) (int64, error) {
	if w.logN < 0 {
		if err := w.loadIDs(); err != nil {
			return 0, err
		}
	}
	w.ids[table]++
	return w.ids[table], nil
}

// appendLog adds a custody record and its tlog hashes.
func (w *wtx) appendLog(r store.Record) (int64, error) {
	if w.logN < 0 {
		if err := w.loadIDs(); err != nil {
			return 0, err
		}
	}
	n := w.logN
	data := r.Encode()
	hs, err := tlog.StoredHashes(n, data, tlog.HashReaderFunc(w.readHashes))
	if err != nil {
		return 0, fmt.Errorf("custody hashes: %w", err)
	}
	w.later("custody_log", colsLog, n, data)
	base := tlog.StoredHashIndex(0, n)
	for i, h := range hs {
		w.pending[base+int64(i)] = h
		w.later("custody_hashes", colsHashes, base+int64(i), h[:])
	}
	w.logN++
	return n, nil
}

// readHashes reads stored hashes: this transaction's from memory, the
// others in one query.
func (w *wtx) readHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	var missing []int64
	for i, x := range idx {
		if h, ok := w.pending[x]; ok {
			out[i] = h
		} else {
			missing = append(missing, x)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	got, err := readHashes(w.ctx, w.tx, missing)
	if err != nil {
		return nil, err
	}
	for i, x := range idx {
		if _, ok := w.pending[x]; !ok {
			out[i] = got[x]
		}
	}
	return out, nil
}

// checkText refuses text PostgreSQL cannot store: invalid UTF-8 and NUL
// bytes, which a text column rejects.
func checkText(what string, vals ...string) error {
	for _, v := range vals {
		if !utf8.ValidString(v) {
			return fmt.Errorf("%s: %q is not valid UTF-8: %w", what, v, store.ErrInvalid)
		}
		if strings.IndexByte(v, 0) >= 0 {
			return fmt.Errorf("%s: %q contains a NUL byte, which PostgreSQL cannot store: %w", what, v, store.ErrInvalid)
		}
	}
	return nil
}
