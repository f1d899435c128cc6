package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"golang.org/x/mod/sumdb/tlog"

	"sitrep"
	"sitrep/internal/store"
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
}

// copyRows are the rows queued for one table.
type copyRows struct {
	cols []string
	rows [][]any
}

type actorRow struct {
	rowid                  int64
	id                     string
	desc                   store.ActorDesc
	isNew, dirty           bool
	dMentions, dDocs, dEvs int
}

type placeKey struct {
	name, admin1, country string
	lat, lon              float64
	hasLL                 bool
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
	if err := fn(w); err != nil {
		return fmt.Errorf("postgres: %s: %w", what, classify(err))
	}
	if err := w.flush(); err != nil {
		return fmt.Errorf("postgres: %s: %w", what, classify(err))
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: %s: commit: %w", what, classify(err))
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
	colsEventActor = []string{"actor_rowid bigint", "date_start date", "event_rowid bigint", "role smallint"}
	colsDocActors  = []string{"doc_rowid bigint", "actor_rowid bigint", "mentions bigint"}
	colsClaims     = []string{"rowid bigint", "doc_rowid bigint", "claim_id text", "speaker_rowid bigint", "relation text", "subject_rowid bigint", "object_rowid bigint", "published text", "data bytea", "fts tsvector"}
	colsActors     = []string{"rowid bigint", "id text", "name text", "type text", "country text", "aliases text", "search text", "mentions bigint", "documents bigint", "events bigint"}
	colsLog        = []string{"idx bigint", "data bytea"}
	colsHashes     = []string{"idx bigint", "hash bytea"}
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
	if w.maxSpan > 0 {
		b.Queue(`INSERT INTO meta (key, value) VALUES ('max_span_days', $1)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value
			WHERE excluded.value::integer > meta.value::integer`, fmt.Sprint(w.maxSpan))
	}
	return w.send(b)
}

func aliasJSON(a []string) string {
	if a == nil {
		return "[]"
	}
	b, _ := json.Marshal(a)
	return string(b)
}

// idTables are the tables whose row ids a writer hands out.
var idTables = []string{"originals", "documents", "events", "claims", "actors", "places", "edits", "decisions"}

// loadIDs reads, in one query, the last row id of every table and the
// size of the custody log, and then the stored hashes appending to the
// log will read.
func (w *wtx) loadIDs() error {
	q := "SELECT "
	dest := make([]any, len(idTables)+1)
	vals := make([]int64, len(idTables))
	for i, t := range idTables {
		col := "rowid"
		if t == "edits" || t == "decisions" {
			col = "id"
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

func checkOriginal(o store.Original) error {
	return checkText("original "+o.Hash, o.Source, o.URL, o.Outlet, o.Published, o.Title, o.ContentType)
}

func checkDocument(d store.Document) error {
	return checkText("document "+d.ID, d.Text, d.Title, d.Outlet, d.Published, d.URL, d.Language)
}

// origState and docState are what a transaction knows of a stored original
// or document before it writes them.
type origState struct {
	o     store.Original
	rowid int64
}

type docState struct {
	d          store.Document // without text
	rowid      int64
	hasDerived bool
	resultHash string
	version    string
}

// lookupOriginals reads the stored originals among hashes.
func (w *wtx) lookupOriginals(hashes []string) (map[string]origState, error) {
	out := map[string]origState{}
	rows, err := w.tx.Query(w.ctx, "SELECT rowid, "+originalCols+" FROM originals WHERE hash = ANY($1)", hashes)
	if err != nil {
		return nil, fmt.Errorf("originals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s origState
		o, err := scanOriginal(rows, &s.rowid)
		if err != nil {
			return nil, err
		}
		s.o = o
		out[o.Hash] = s
	}
	return out, rows.Err()
}

// lookupDocuments reads the stored documents among ids, with what was
// derived from them.
func (w *wtx) lookupDocuments(ids []string) (map[string]docState, error) {
	out := map[string]docState{}
	rows, err := w.tx.Query(w.ctx, "SELECT "+documentCols+`, d.result_hash, d.extractor_version
		FROM documents LEFT JOIN derived d ON d.doc_rowid = documents.rowid WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s docState
		var hash, version *string
		d, err := scanDocument(rows, &s.rowid, false, &hash, &version)
		if err != nil {
			return nil, err
		}
		s.d = d
		if hash != nil {
			s.hasDerived, s.resultHash, s.version = true, *hash, *version
		}
		out[d.ID] = s
	}
	return out, rows.Err()
}

func (db *DB) PutOriginal(ctx context.Context, o store.Original, raw []byte) (store.Original, error) {
	err := db.write(ctx, "put original", func(w *wtx) error {
		var err error
		o, err = store.PrepareOriginal(o, raw, w.now)
		if err != nil {
			return err
		}
		have, err := w.lookupOriginals([]string{o.Hash})
		if err != nil {
			return err
		}
		o, _, err = w.putOriginal(o, raw, have)
		return err
	})
	return o, err
}

// putOriginal stores a prepared original unless have holds it already.
func (w *wtx) putOriginal(o store.Original, raw []byte, have map[string]origState) (store.Original, int64, error) {
	if s, ok := have[o.Hash]; ok {
		return s.o, s.rowid, nil
	}
	if err := checkOriginal(o); err != nil {
		return o, 0, err
	}
	var err error
	if o.LogIndex, err = w.appendLog(store.OriginalRec(o)); err != nil {
		return o, 0, err
	}
	rowid, err := w.nextID("originals")
	if err != nil {
		return o, 0, err
	}
	w.later("originals", colsOriginals, rowid, o.Hash, o.Size, o.Source, o.URL, o.CapturedAt, o.Outlet, o.Published, o.Title, o.ContentType, o.LogIndex)
	if raw == nil {
		raw = []byte{}
	}
	w.later("blobs", colsBlobs, rowid, raw)
	have[o.Hash] = origState{o, rowid}
	return o, rowid, nil
}

func (db *DB) PutDocument(ctx context.Context, d store.Document) (store.Document, error) {
	err := db.write(ctx, "put document", func(w *wtx) error {
		var err error
		if d, err = store.PrepareDocument(d, w.now); err != nil {
			return err
		}
		origs, err := w.lookupOriginals([]string{d.ID})
		if err != nil {
			return err
		}
		if _, ok := origs[d.ID]; !ok {
			return fmt.Errorf("document %s: no original with that hash: %w", d.ID, store.ErrNotFound)
		}
		docs, err := w.lookupDocuments([]string{d.ID})
		if err != nil {
			return err
		}
		d, err = w.putDocument(d, docs)
		return err
	})
	return d, err
}

// putDocument stores a prepared document, whose original exists, unless
// docs shows it stored unchanged.
func (w *wtx) putDocument(d store.Document, docs map[string]docState) (store.Document, error) {
	s, found := docs[d.ID]
	if found && store.SameDocument(s.d, d) {
		return s.d, nil
	}
	if err := checkDocument(d); err != nil {
		return d, err
	}
	var err error
	if d.LogIndex, err = w.appendLog(store.DocumentRec(d)); err != nil {
		return d, err
	}
	fts := tsVector(d.Title, d.Text)
	if found {
		if err := w.exec(`UPDATE documents SET text_hash = $1, text = $2, title = $3, outlet = $4, published = $5, url = $6,
			language = $7, stored_at = $8, log_index = $9, fts = $10 WHERE rowid = $11`, d.TextHash, d.Text, d.Title, d.Outlet,
			d.Published, d.URL, d.Language, d.StoredAt, d.LogIndex, fts, s.rowid); err != nil {
			return d, err
		}
		if err := w.exec("UPDATE claims SET published = $1 WHERE doc_rowid = $2", d.Published, s.rowid); err != nil {
			return d, err
		}
	} else {
		if s.rowid, err = w.nextID("documents"); err != nil {
			return d, err
		}
		w.later("documents", colsDocuments, s.rowid, d.ID, d.TextHash, d.Text, d.Title, d.Outlet, d.Published, d.URL,
			d.Language, d.StoredAt, d.LogIndex, fts)
	}
	s.d = d
	s.d.Text = ""
	docs[d.ID] = s
	return d, nil
}

func (db *DB) ReplaceDerived(ctx context.Context, docID string, r sitrep.Result, version string) error {
	return db.write(ctx, "replace derived", func(w *wtx) error {
		docs, err := w.lookupDocuments([]string{docID})
		if err != nil {
			return err
		}
		s, ok := docs[docID]
		if !ok {
			return fmt.Errorf("document %s: %w", docID, store.ErrNotFound)
		}
		if err := w.prefetch([]*sitrep.Result{&r}); err != nil {
			return err
		}
		return w.replaceDerived(s, r, version)
	})
}

// replaceDerived stores what was extracted from the document s, unless it
// is stored already, and the event, claim and actor rows made from it.
func (w *wtx) replaceDerived(s docState, r sitrep.Result, version string) error {
	d, canon, err := store.PrepareDerived(s.d.ID, r, version, w.now)
	if err != nil {
		return err
	}
	if s.hasDerived && s.resultHash == d.ResultHash && s.version == version {
		return nil
	}
	if d.LogIndex, err = w.appendLog(store.DerivedRec(d)); err != nil {
		return err
	}
	return w.deriveRows(s, d, canon)
}

// deriveRows writes the derived row d, logged already, and the rows made
// from it, replacing those of an earlier result.
func (w *wtx) deriveRows(s docState, d store.Derived, canon []byte) error {
	docID, docRow := s.d.ID, s.rowid
	var byKey map[string][]store.Edit
	if s.hasDerived {
		if err := w.exec(`INSERT INTO derived_history (doc_rowid, result_hash, result)
			SELECT doc_rowid, result_hash, result FROM derived WHERE doc_rowid = $1 ON CONFLICT DO NOTHING`, docRow); err != nil {
			return err
		}
		if err := w.exec(`UPDATE derived SET extractor_version = $1, result = $2, result_hash = $3, stored_at = $4, log_index = $5
			WHERE doc_rowid = $6`, d.ExtractorVersion, canon, d.ResultHash, d.StoredAt, d.LogIndex, docRow); err != nil {
			return err
		}
		if err := w.deleteDerived(docRow); err != nil {
			return err
		}
		// Only a document extracted before can have edits to apply again.
		eds, err := edits(w.ctx, w.tx, store.EditFilter{DocID: docID})
		if err != nil {
			return err
		}
		byKey = editsByKey(eds)
	} else {
		w.later("derived", colsDerived, docRow, d.ExtractorVersion, canon, d.ResultHash, d.StoredAt, d.LogIndex)
	}
	return w.resultRows(s, d.Result, byKey)
}

func editsByKey(eds []store.Edit) map[string][]store.Edit {
	byKey := map[string][]store.Edit{}
	for _, e := range eds {
		byKey[e.EventKey] = append(byKey[e.EventKey], e)
	}
	return byKey
}

// resultRows queues the actor, event and claim rows of a document's
// result, with the edits of its events applied.
func (w *wtx) resultRows(s docState, r sitrep.Result, byKey map[string][]store.Edit) error {
	docID, docRow := s.d.ID, s.rowid
	// Actors first, so that their list's names and types win over the
	// names events and claims happen to use.
	docActors := map[int64]int{}
	var order []int64
	for _, a := range r.Actors {
		row, err := w.actor(sitrep.ActorRef{ID: a.ID, Name: a.Name}, a.Type, a.Country, a.Aliases)
		if err != nil {
			return err
		}
		if row == nil {
			continue
		}
		if _, ok := docActors[row.rowid]; !ok {
			row.dDocs++
			order = append(order, row.rowid)
		}
		docActors[row.rowid] += a.Mentions
		row.dMentions += a.Mentions
	}
	for _, id := range order {
		w.later("doc_actors", colsDocActors, docRow, id, docActors[id])
	}
	for _, e := range r.Events {
		eff, review, _ := store.ApplyEdits(e, byKey[store.Key(docID, e.ID)])
		start, end, place, data, err := w.eventColumns(eff)
		if err != nil {
			return err
		}
		rowid, err := w.nextID("events")
		if err != nil {
			return err
		}
		// Evidence is indexed as extracted: edits change values, not sources.
		w.later("events", colsEvents, rowid, docRow, e.ID, eff.Type, start, end, place, review, data, tsVector(store.EvidenceText(e.Evidence)))
		if err := w.eventActorRows(rowid, start, eff, nil); err != nil {
			return err
		}
	}
	for _, c := range r.Claims {
		if err := w.claimRow(docRow, s.d.Published, c); err != nil {
			return err
		}
	}
	return nil
}

// deleteDerived removes a document's events, claims and actor links, and
// takes them off the actors' counters.
func (w *wtx) deleteDerived(docRow int64) error {
	steps := []string{
		`UPDATE actors SET mentions = actors.mentions - da.mentions, documents = actors.documents - 1
			FROM doc_actors da WHERE da.doc_rowid = $1 AND actors.rowid = da.actor_rowid`,
		`UPDATE actors SET events = actors.events - x.n FROM (
			SELECT actor_rowid, COUNT(DISTINCT event_rowid) AS n FROM event_actors
			WHERE event_rowid IN (SELECT rowid FROM events WHERE doc_rowid = $1) GROUP BY actor_rowid) AS x
			WHERE actors.rowid = x.actor_rowid`,
		`DELETE FROM event_actors WHERE event_rowid IN (SELECT rowid FROM events WHERE doc_rowid = $1)`,
		`DELETE FROM events WHERE doc_rowid = $1`,
		`DELETE FROM claims WHERE doc_rowid = $1`,
		`DELETE FROM doc_actors WHERE doc_rowid = $1`,
	}
	for _, q := range steps {
		if err := w.exec(q, docRow); err != nil {
			return err
		}
	}
	return nil
}

// prefetch reads, in one query each, the actors and places the results
// name, rather than one query per actor or place as they come up.
func (w *wtx) prefetch(results []*sitrep.Result) error {
	seen := map[string]bool{}
	var ids []string
	note := func(ref sitrep.ActorRef) {
		if ref.ID == "" && strings.TrimSpace(ref.Name) == "" {
			return
		}
		if k := store.ActorKey(ref); !seen[k] {
			seen[k] = true
			if _, ok := w.actors[k]; !ok {
				ids = append(ids, k)
			}
		}
	}
	var placeNames []string
	for _, r := range results {
		for _, a := range r.Actors {
			note(sitrep.ActorRef{ID: a.ID, Name: a.Name})
		}
		for _, e := range r.Events {
			for _, rr := range store.EventActors(e) {
				note(rr.Ref)
			}
			if e.Place != nil {
				placeNames = append(placeNames, e.Place.Name)
			}
		}
		for _, c := range r.Claims {
			note(c.Speaker)
			if c.Relation != nil {
				note(c.Relation.Subject)
				note(c.Relation.Object)
			}
		}
	}
	if len(ids) > 0 {
		rows, err := w.tx.Query(w.ctx, "SELECT rowid, id, name, type, country, aliases FROM actors WHERE id = ANY($1)", ids)
		if err != nil {
			return fmt.Errorf("actors: %w", err)
		}
		for rows.Next() {
			a := &actorRow{}
			var aliases string
			if err := rows.Scan(&a.rowid, &a.id, &a.desc.Name, &a.desc.Type, &a.desc.Country, &aliases); err != nil {
				rows.Close()
				return fmt.Errorf("actors: %w", err)
			}
			if err := json.Unmarshal([]byte(aliases), &a.desc.Aliases); err != nil {
				rows.Close()
				return fmt.Errorf("actor %s: aliases: %w", a.id, err)
			}
			w.actors[a.id] = a
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("actors: %w", err)
		}
		// The rest are new.
		for _, id := range ids {
			if _, ok := w.actors[id]; !ok {
				w.actors[id] = nil
			}
		}
	}
	return w.prefetchPlaces(placeNames)
}

// prefetchPlaces reads the stored places with these names.
func (w *wtx) prefetchPlaces(names []string) error {
	var want []string
	for _, n := range names {
		if !w.placeNames[n] && !slices.Contains(want, n) {
			want = append(want, n)
		}
	}
	if len(want) == 0 {
		return nil
	}
	rows, err := w.tx.Query(w.ctx, "SELECT rowid, name, admin1, country, lat, lon FROM places WHERE name = ANY($1)", want)
	if err != nil {
		return fmt.Errorf("places: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var k placeKey
		var lat, lon *float64
		if err := rows.Scan(&id, &k.name, &k.admin1, &k.country, &lat, &lon); err != nil {
			return fmt.Errorf("places: %w", err)
		}
		if lat != nil && lon != nil {
			k.lat, k.lon, k.hasLL = *lat, *lon, true
		}
		w.places[k] = id
	}
	for _, n := range want {
		w.placeNames[n] = true
	}
	return rows.Err()
}

// actor finds or creates the actor a reference names, remembering new
// names and a type or country first given now. It returns nil for a
// reference with neither id nor name.
func (w *wtx) actor(ref sitrep.ActorRef, typ, country string, aliases []string) (*actorRow, error) {
	if !store.Named(ref) {
		return nil, nil
	}
	key := store.ActorKey(ref)
	a, known := w.actors[key]
	if a == nil {
		found := false
		if !known { // prefetch did not look for it
			a = &actorRow{}
			var aliasJSON string
			var err error
			found, err = w.row("SELECT rowid, id, name, type, country, aliases FROM actors WHERE id = $1", []any{key},
				&a.rowid, &a.id, &a.desc.Name, &a.desc.Type, &a.desc.Country, &aliasJSON)
			if err != nil {
				return nil, err
			}
			if found {
				if err := json.Unmarshal([]byte(aliasJSON), &a.desc.Aliases); err != nil {
					return nil, fmt.Errorf("actor %s: aliases: %w", key, err)
				}
			}
		}
		if !found {
			if err := checkText("actor "+key, key, ref.Name); err != nil {
				return nil, err
			}
			id, err := w.nextID("actors")
			if err != nil {
				return nil, err
			}
			a = &actorRow{rowid: id, id: key, desc: store.NewActorDesc(ref), isNew: true}
		}
		w.actors[key] = a
	}
	if err := checkText("actor "+key, append([]string{ref.Name, typ, country}, aliases...)...); err != nil {
		return nil, err
	}
	if a.desc.Note(ref, typ, country, aliases) {
		a.dirty = true
	}
	return a, nil
}

// place returns the row id of a place, adding it when new; nil for none.
func (w *wtx) place(p *sitrep.Place) (any, error) {
	if p == nil {
		return nil, nil
	}
	k := placeKey{name: p.Name, admin1: p.Admin1, country: p.Country}
	if p.Lat != nil && p.Lon != nil {
		k.lat, k.lon, k.hasLL = *p.Lat, *p.Lon, true
	}
	if id, ok := w.places[k]; ok {
		return id, nil
	}
	if id, ok := w.db.placeCache.Load(k); ok {
		return id.(int64), nil
	}
	var lat, lon any
	if k.hasLL {
		lat, lon = k.lat, k.lon
	}
	var id int64
	if !w.placeNames[k.name] {
		found, err := w.row(`SELECT rowid FROM places WHERE name = $1 AND admin1 = $2 AND country = $3
			AND lat IS NOT DISTINCT FROM $4 AND lon IS NOT DISTINCT FROM $5`, []any{k.name, k.admin1, k.country, lat, lon}, &id)
		if err != nil {
			return nil, err
		}
		if found {
			w.places[k] = id
			return id, nil
		}
	}
	if err := checkText("place", k.name, k.admin1, k.country); err != nil {
		return nil, err
	}
	id, err := w.nextID("places")
	if err != nil {
		return nil, err
	}
	w.later("places", colsPlaces, id, k.name, k.admin1, k.country, lat, lon,
		strings.ToLower(k.name), strings.ToLower(k.admin1), strings.ToLower(k.country))
	w.places[k] = id
	w.newPlaces[k] = id
	return id, nil
}

// eventColumns computes the events row's columns for an event's
// effective values.
func (w *wtx) eventColumns(eff sitrep.Event) (start, end, place any, data []byte, err error) {
	s, e := store.DateRange(eff)
	if span := store.SpanDays(s, e); span > w.maxSpan {
		w.maxSpan = span
	}
	start, end = dateValue(s), dateValue(e)
	if place, err = w.place(eff.Place); err != nil {
		return
	}
	data, err = json.Marshal(eff)
	return
}

// dateValue is a YYYY-MM-DD date as a date column's value; nil for none.
func dateValue(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return t
}

// eventActorRows queues the event's actor rows; seen holds actors whose
// event counter already includes this event (when re-linking after an
// edit).
func (w *wtx) eventActorRows(rowid int64, start any, eff sitrep.Event, seen map[int64]bool) error {
	counted := map[int64]bool{}
	type link struct {
		actor int64
		role  int
	}
	done := map[link]bool{}
	for _, rr := range store.EventActors(eff) {
		a, err := w.actor(rr.Ref, "", "", nil)
		if err != nil {
			return err
		}
		if a == nil || done[link{a.rowid, rr.Role}] {
			continue
		}
		done[link{a.rowid, rr.Role}] = true
		w.later("event_actors", colsEventActor, a.rowid, start, rowid, rr.Role)
		if !counted[a.rowid] {
			counted[a.rowid] = true
			if !seen[a.rowid] {
				a.dEvs++
			}
		}
	}
	for r := range seen {
		if !counted[r] {
			a, err := w.actorByRow(r)
			if err != nil {
				return err
			}
			a.dEvs--
		}
	}
	return nil
}

func (w *wtx) actorByRow(rowid int64) (*actorRow, error) {
	for _, a := range w.actors {
		if a != nil && a.rowid == rowid {
			return a, nil
		}
	}
	var id string
	if _, err := w.row("SELECT id FROM actors WHERE rowid = $1", []any{rowid}, &id); err != nil {
		return nil, err
	}
	return w.actor(sitrep.ActorRef{ID: id}, "", "", nil)
}

// claimRow queues the claims row of c.
func (w *wtx) claimRow(docRow int64, published string, c sitrep.Claim) error {
	var refs [3]any
	list := []sitrep.ActorRef{c.Speaker}
	relation := ""
	if c.Relation != nil {
		relation = c.Relation.Type
		list = append(list, c.Relation.Subject, c.Relation.Object)
	}
	for i, ref := range list {
		a, err := w.actor(ref, "", "", nil)
		if err != nil {
			return err
		}
		if a != nil {
			refs[i] = a.rowid
		}
	}
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("claim %s: %w", c.ID, err)
	}
	rowid, err := w.nextID("claims")
	if err != nil {
		return err
	}
	w.later("claims", colsClaims, rowid, docRow, c.ID, refs[0], relation, refs[1], refs[2], published, data, tsVector(c.Text))
	return nil
}

func (db *DB) PutBatch(ctx context.Context, items []store.Item) error {
	return db.write(ctx, "put batch", func(w *wtx) error { return w.putBatch(items) })
}

// putBatch stores items. A document stored twice in one batch is stored
// in two steps, so that each step reads what the one before wrote.
func (w *wtx) putBatch(items []store.Item) error {
	start := 0
	seen := map[string]bool{}
	for i, it := range items {
		h := store.HashBytes(it.Raw)
		if seen[h] {
			if err := w.putItems(items[start:i], start); err != nil {
				return err
			}
			if err := w.flushCopies(); err != nil {
				return err
			}
			start, seen = i, map[string]bool{}
		}
		seen[h] = true
	}
	return w.putItems(items[start:], start)
}

// putItems stores items whose originals are all different.
func (w *wtx) putItems(items []store.Item, first int) error {
	origs := make([]store.Original, len(items))
	var hashes []string
	var results []*sitrep.Result
	for i, it := range items {
		o, err := store.PrepareOriginal(it.Original, it.Raw, w.now)
		if err != nil {
			return fmt.Errorf("item %d: %w", first+i, err)
		}
		origs[i] = o
		hashes = append(hashes, o.Hash)
		if it.Result != nil {
			results = append(results, it.Result)
		}
	}
	have, err := w.lookupOriginals(hashes)
	if err != nil {
		return err
	}
	docs, err := w.lookupDocuments(hashes)
	if err != nil {
		return err
	}
	if err := w.prefetch(results); err != nil {
		return err
	}
	for i := range items {
		created, err := w.putItem(items[i], origs[i], have, docs)
		if err != nil {
			return fmt.Errorf("item %d: %w", first+i, err)
		}
		items[i].Created = created
	}
	return nil
}

// putItem stores one item and says whether its document (without one,
// its original) is new.
func (w *wtx) putItem(it store.Item, o store.Original, have map[string]origState, docs map[string]docState) (created bool, err error) {
	_, hadOriginal := have[o.Hash]
	o, _, err = w.putOriginal(o, it.Raw, have)
	if err != nil {
		return false, err
	}
	if it.Document == nil {
		if it.Result != nil {
			return false, fmt.Errorf("a result needs its document: %w", store.ErrInvalid)
		}
		return !hadOriginal, nil
	}
	d := *it.Document
	if d.ID == "" {
		d.ID = o.Hash
	}
	if d.ID != o.Hash {
		return false, fmt.Errorf("document %s is not original %s: %w", d.ID, o.Hash, store.ErrInvalid)
	}
	if d, err = store.PrepareDocument(d, w.now); err != nil {
		return false, err
	}
	_, hadDocument := docs[d.ID]
	if _, err = w.putDocument(d, docs); err != nil {
		return false, err
	}
	if it.Result == nil {
		return !hadDocument, nil
	}
	return !hadDocument, w.replaceDerived(docs[d.ID], *it.Result, it.ExtractorVersion)
}

func (db *DB) PutLink(ctx context.Context, l store.Link) error {
	return db.write(ctx, "put link", func(w *wtx) error {
		l, err := store.PrepareLink(l, w.now)
		if err != nil {
			return err
		}
		if err := checkText("link", l.Method); err != nil {
			return err
		}
		var rows [2]int64
		for i, id := range []string{l.DocID, l.CopyOf} {
			if found, err := w.row("SELECT rowid FROM documents WHERE id = $1", []any{id}, &rows[i]); err != nil {
				return err
			} else if !found {
				return fmt.Errorf("document %s: %w", id, store.ErrNotFound)
			}
		}
		var sim float64
		var method string
		found, err := w.row("SELECT similarity, method FROM links WHERE doc_rowid = $1 AND copy_rowid = $2", []any{rows[0], rows[1]}, &sim, &method)
		if err != nil {
			return err
		}
		if found && sim == l.Similarity && method == l.Method {
			return nil
		}
		if l.LogIndex, err = w.appendLog(store.LinkRec(l)); err != nil {
			return err
		}
		return w.exec(`INSERT INTO links (doc_rowid, copy_rowid, similarity, method, at, log_index) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (doc_rowid, copy_rowid) DO UPDATE SET similarity = excluded.similarity, method = excluded.method,
			at = excluded.at, log_index = excluded.log_index`, rows[0], rows[1], l.Similarity, l.Method, l.At, l.LogIndex)
	})
}

func (db *DB) AddEdit(ctx context.Context, e store.Edit) (store.Edit, error) {
	err := db.write(ctx, "add edit", func(w *wtx) error {
		var err error
		if e, err = store.PrepareEdit(e, w.now); err != nil {
			return err
		}
		if err := checkText("edit of "+e.EventKey, e.EventKey, e.Value, e.Who, e.Note); err != nil {
			return err
		}
		docID, eventID, _ := store.SplitKey(e.EventKey)
		var rowid int64
		var data []byte
		found, err := w.row(`SELECT e.rowid, d.result FROM events e JOIN derived d ON d.doc_rowid = e.doc_rowid
			WHERE e.doc_rowid = (SELECT rowid FROM documents WHERE id = $1) AND e.event_id = $2`, []any{docID, eventID}, &rowid, &data)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("event %s: %w", e.EventKey, store.ErrNotFound)
		}
		// The edit's id is part of its log record: take it explicitly.
		if e.ID, err = w.nextID("edits"); err != nil {
			return err
		}
		if e.LogIndex, err = w.appendLog(store.EditRec(e)); err != nil {
			return err
		}
		if err := w.exec(`INSERT INTO edits (id, event_key, doc_id, status, field, value, who, at, note, log_index)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, e.ID, e.EventKey, docID, e.Status, e.Field, e.Value, e.Who,
			e.At, e.Note, e.LogIndex); err != nil {
			return err
		}
		return w.refreshEvent(rowid, e.EventKey, eventID, data)
	})
	return e, err
}

func (db *DB) PutDecision(ctx context.Context, d store.Decision) (store.Decision, error) {
	err := db.write(ctx, "put decision", func(w *wtx) error {
		var err error
		if d, err = store.PrepareDecision(d, w.now); err != nil {
			return err
		}
		if err := checkText("decision", append(append([]string{d.Who, d.Note}, d.Keys...), d.Apart...)...); err != nil {
			return err
		}
		keys, _ := json.Marshal(d.Keys)
		apart := []byte("[]")
		if d.Apart != nil {
			apart, _ = json.Marshal(d.Apart)
		}
		if d.ID, err = w.nextID("decisions"); err != nil {
			return err
		}
		if d.LogIndex, err = w.appendLog(store.DecisionRec(d)); err != nil {
			return err
		}
		return w.exec(`INSERT INTO decisions (id, kind, keys, apart, who, at, note, log_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			d.ID, d.Kind, string(keys), string(apart), d.Who, d.At, d.Note, d.LogIndex)
	})
	if err != nil {
		return store.Decision{}, err
	}
	return d, nil
}

// refreshEvent recomputes an event's row from its extraction and all its
// edits, after a new edit.
func (w *wtx) refreshEvent(rowid int64, key, eventID string, result []byte) error {
	var r sitrep.Result
	if err := json.Unmarshal(result, &r); err != nil {
		return fmt.Errorf("derived result: %w", err)
	}
	i := slices.IndexFunc(r.Events, func(e sitrep.Event) bool { return e.ID == eventID })
	if i < 0 {
		return fmt.Errorf("event %s not in its derived result: %w", key, store.ErrNotFound)
	}
	eds, err := edits(w.ctx, w.tx, store.EditFilter{EventKey: key})
	if err != nil {
		return err
	}
	eff, review, _ := store.ApplyEdits(r.Events[i], eds)
	start, end, place, data, err := w.eventColumns(eff)
	if err != nil {
		return err
	}
	if err := w.exec(`UPDATE events SET type = $1, date_start = $2, date_end = $3, place_rowid = $4, review = $5, data = $6
		WHERE rowid = $7`, eff.Type, start, end, place, review, data, rowid); err != nil {
		return err
	}
	// Re-link actors: the date or the actors may have changed.
	seen := map[int64]bool{}
	rows, err := w.tx.Query(w.ctx, "SELECT DISTINCT actor_rowid FROM event_actors WHERE event_rowid = $1", rowid)
	if err != nil {
		return fmt.Errorf("event actors: %w", err)
	}
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return err
		}
		seen[a] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := w.exec("DELETE FROM event_actors WHERE event_rowid = $1", rowid); err != nil {
		return err
	}
	return w.eventActorRows(rowid, start, eff, seen)
}
