package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

var errReadOnlyFS error = syscall.EROFS

// wtx is one write transaction: the custody log appends and the row
// changes it makes commit or roll back together.
type wtx struct {
	db     *DB
	ctx    context.Context // for statements: never cancelled (see write)
	cancel context.Context // the caller's, checked before each statement
	tx     *sql.Tx
	now    time.Time

	logN     int64 // next log index; -1 until read
	logStart int64 // the log's size when the transaction began, once logN is read
	pending  map[int64]tlog.Hash
	added    map[string]int       // records appended, by kind
	local    map[string]*sql.Stmt // statements bound to this transaction
	rowids   map[string]int64     // last rowid handed out per table
	missed   []string             // queries not yet prepared on the connection

	actors    map[string]*actorRow
	newActors []*actorRow     // created in this transaction and not inserted yet, in order
	absent    map[string]bool // actor ids known not to be in the table before this transaction
	places    map[placeKey]int64
	maxSpan   int // longest event date range written, in days

	// Rows of tables nothing in the transaction reads back before commit
	// (custody log and hashes, blobs, full-text indexes, a document's
	// events, claims and actor links), kept to be inserted together by
	// flushLater: every statement run is a round through database/sql and
	// the driver, so a hundred documents in a dozen wide statements beat
	// thirty narrow ones per document. Anything that reads these tables
	// calls flushLater first.
	later      map[string][][]any
	laterOrder []string // insert prefixes in first-use order, parents first

	sess    *views.Session   // the views' part of the transaction, once started
	newDocs map[string]int64 // documents inserted in this transaction, by id
	stmtMu  sync.Mutex       // guards local and missed

	edgeDeltas map[store.EdgeKey]*edgeDelta // claim edges changed (edges.go)
	edgeKnown  map[store.EdgeKey]int64      // rowids of edges looked up in one go; 0: none

	// notStored holds the documents of the batch that were not in the
	// store when the transaction began (prefetchIncidents): their words
	// cannot have been counted. wordDocs caches the count of documents
	// whose words were, once read (-1 before). Both spare placement a
	// statement per document, which waits for the batch's inserts.
	notStored map[string]bool
	wordDocs  int

	// toPlace, when not nil, takes the documents whose results were
	// stored to a goroutine that places them into incidents while the
	// batch's rows are prepared and go in (placeWhile).
	toPlace chan<- placement
}

// placement is a document's result waiting to be placed
// (Session.Document), or a document to withdraw (Session.Withdraw).
type placement struct {
	docID, published, outlet string
	text                     string // the document's text, with its first result
	result                   sitrep.Result
	events                   []sitrep.Event
	isCopy, withdraw         bool
}

type actorRow struct {
	rowid                  int64
	id                     string
	desc                   store.ActorDesc
	dirty                  bool
	dMentions, dDocs, dEvs int
}

// aliasJSON is the actor's aliases column.
func (a *actorRow) aliasJSON() string {
	if a.desc.Aliases == nil {
		return "[]"
	}
	b, _ := json.Marshal(a.desc.Aliases)
	return string(b)
}

type placeKey struct {
	name, admin1, country string
	lat, lon              float64
	hasLL                 bool
}

// write runs fn in a write transaction and commits it.
func (db *DB) write(ctx context.Context, what string, fn func(*wtx) error) error {
	if db.isClosed() {
		return fmt.Errorf("sqlite: %s: %w", what, store.ErrClosed)
	}
	if db.readOnly {
		return fmt.Errorf("sqlite: %s: %w", what, store.ErrReadOnly)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: %s: begin: %w", what, classify(err))
	}
	// Statements run under a context that cannot be cancelled: with a
	// cancellable one the driver starts a goroutine per statement to
	// interrupt it, and a batch runs thousands of short statements (that
	// scheduling cost 20–30% of an ingest). A cancelled ingest stops at the
	// next statement (stmt checks), and the transaction, begun under ctx,
	// is rolled back.
	w := &wtx{db: db, ctx: context.WithoutCancel(ctx), cancel: ctx, tx: tx, now: db.now(), logN: -1, pending: map[int64]tlog.Hash{},
		actors: map[string]*actorRow{}, places: map[placeKey]int64{}, wordDocs: -1}
	fail := func(err error) error {
		tx.Rollback()
		if w.sess != nil {
			w.sess.Abort()
		}
		return fmt.Errorf("sqlite: %s: %w", what, classify(err))
	}
	if err := fn(w); err != nil {
		return fail(err)
	}
	if w.sess != nil {
		if err := w.sess.Finish(); err != nil {
			return fail(err)
		}
	}
	if err := w.flushLater(); err != nil {
		return fail(err)
	}
	if err := w.flushEdges(); err != nil {
		return fail(err)
	}
	if err := w.flush(); err != nil {
		return fail(err)
	}
	var head store.Head
	if len(w.added) > 0 {
		root, err := tlog.TreeHash(w.logN, tlog.HashReaderFunc(w.readHashes))
		if err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: %s: custody head: %w", what, classify(err))
		}
		head = store.Head{Size: w.logN, Hash: root, At: w.now.UTC().Truncate(time.Second), Added: w.added}
	}
	if err := tx.Commit(); err != nil {
		return fail(fmt.Errorf("commit: %w", err))
	}
	if db.ckpt != nil {
		db.ckpt.committed()
	}
	if w.sess != nil {
		w.sess.Commit(w.logN)
	}
	if head.Size > 0 {
		// After the commit, never before: the journal must not name
		// records the database may not have. A failure here loses only
		// the line (verify then notes the journal is behind the log),
		// and must not make a committed write look failed.
		_ = store.AppendHead(db.dir, head)
	}
	if len(w.missed) > 0 {
		db.cacheStatements(ctx, w.missed)
	}
	return nil
}

// stmt returns q as a statement of this transaction. Statements are
// prepared once on the writer connection and rebound to each transaction;
// one first seen inside a transaction is prepared on the transaction (the
// single writer connection is busy with it) and cached after commit.
func (w *wtx) stmt(q string) (*sql.Stmt, error) {
	if err := w.cancel.Err(); err != nil {
		return nil, err
	}
	// The views may place a batch's reports while its rows are inserted
	// (PutBatch): both ask for statements.
	w.stmtMu.Lock()
	defer w.stmtMu.Unlock()
	if s, ok := w.local[q]; ok {
		return s, nil
	}
	w.db.mu.Lock()
	s, ok := w.db.stmts[q]
	w.db.mu.Unlock()
	var err error
	if ok {
		s = w.tx.StmtContext(w.ctx, s)
	} else {
		if s, err = w.tx.PrepareContext(w.ctx, q); err != nil {
			return nil, fmt.Errorf("prepare %q: %w", firstLine(q), err)
		}
		w.missed = append(w.missed, q)
	}
	if w.local == nil {
		w.local = map[string]*sql.Stmt{}
	}
	w.local[q] = s
	return s, nil
}

// cacheStatements prepares on the writer connection the statements the
// last transaction had to prepare for itself.
func (db *DB) cacheStatements(ctx context.Context, qs []string) {
	for _, q := range qs {
		db.mu.Lock()
		_, ok := db.stmts[q]
		db.mu.Unlock()
		if ok {
			continue
		}
		s, err := db.w.PrepareContext(ctx, q)
		if err != nil {
			continue // it will be prepared per transaction again; no harm
		}
		db.mu.Lock()
		if _, ok := db.stmts[q]; ok || db.closed {
			s.Close()
		} else {
			db.stmts[q] = s
		}
		db.mu.Unlock()
	}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i > 0 {
		return s[:i]
	}
	return s
}

func (w *wtx) exec(q string, args ...any) (sql.Result, error) {
	s, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	r, err := s.ExecContext(w.ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", firstLine(q), err)
	}
	return r, nil
}

func (w *wtx) insert(q string, args ...any) (int64, error) {
	r, err := w.exec(q, args...)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// row scans one row; found is false for no row.
func (w *wtx) row(q string, args []any, dest ...any) (found bool, err error) {
	s, err := w.stmt(q)
	if err != nil {
		return false, err
	}
	err = s.QueryRowContext(w.ctx, args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("%s: %w", firstLine(q), err)
	}
	return true, nil
}

// insertRows inserts rows with one multi-row statement per chunk: fewer
// and wider statements are what makes ingest fast.
func (w *wtx) insertRows(prefix string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	// Each row count is a statement of its own, compiled once and kept
	// (stmt) with its program, which grows with its rows: full chunks of
	// a few hundred parameters, then the rest in powers of two, keep
	// their number to a few per table.
	chunk := max(1, 300/len(rows[0]))
	for len(rows) > 0 {
		n := chunk
		if len(rows) < chunk {
			n = 1 << (bits.Len(uint(len(rows))) - 1)
		}
		q, args := valuesStatement(prefix, rows[:n])
		if _, err := w.exec(q, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// insertLater queues rows for insertRows at flushLater.
func (w *wtx) insertLater(prefix string, rows ...[]any) {
	if len(rows) == 0 {
		return
	}
	if w.later == nil {
		w.later = map[string][][]any{}
	}
	if _, ok := w.later[prefix]; !ok {
		w.laterOrder = append(w.laterOrder, prefix)
	}
	w.later[prefix] = append(w.later[prefix], rows...)
}

// flushLater inserts the queued rows, each table's in one go, in the order
// their tables were first used, which puts parents before children.
func (w *wtx) flushLater() error {
	if err := w.insertNewActors(); err != nil {
		return err
	}
	figures := map[int64]*[5]int64{}
	for _, prefix := range w.laterOrder {
		insert := w.insertRows
		if ftsTable(prefix) {
			insert = w.insertAll
		}
		if err := insert(prefix, w.later[prefix]); err != nil {
			return err
		}
		figureDeltas(figures, prefix, w.later[prefix])
	}
	w.later, w.laterOrder = nil, nil
	return w.addFigures(figures)
}

// ftsTable reports whether an insert prefix writes a full-text index.
func ftsTable(prefix string) bool {
	table, _, _ := strings.Cut(strings.TrimPrefix(prefix, "INSERT INTO "), " ")
	return strings.HasSuffix(table, "_fts")
}

// maxParams is SQLite's limit on a statement's parameters.
const maxParams = 32766

// insertAll inserts full-text rows, their rowids first, in rowid order and
// with as few statements as the parameter limit allows, each prepared for
// this once. FTS5 writes the rows it holds to its index as a new segment,
// to be merged again later, when the next statement begins and when a row
// comes with a rowid below the last: inserted a few hundred at a time, a
// batch's claims made a dozen segments, and events, keyed by date
// (ftsKey), nearly one each.
func (w *wtx) insertAll(prefix string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	slices.SortStableFunc(rows, func(a, b []any) int { return cmp.Compare(a[0].(int64), b[0].(int64)) })
	chunk := maxParams / len(rows[0])
	for len(rows) > 0 {
		n := min(chunk, len(rows))
		q, args := valuesStatement(prefix, rows[:n])
		if err := w.cancel.Err(); err != nil {
			return err
		}
		if _, err := w.tx.ExecContext(w.ctx, q, args...); err != nil {
			return fmt.Errorf("%s: %w", prefix, err)
		}
		rows = rows[n:]
	}
	return nil
}

// valuesStatement is prefix with a VALUES list for rows, and its arguments.
func valuesStatement(prefix string, rows [][]any) (string, []any) {
	cols := len(rows[0])
	var b strings.Builder
	b.Grow(len(prefix) + 8 + len(rows)*(2*cols+2))
	b.WriteString(prefix)
	b.WriteString(" VALUES ")
	args := make([]any, 0, len(rows)*cols)
	for i, r := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := range r {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('?')
		}
		b.WriteByte(')')
		args = append(args, r...)
	}
	return b.String(), args
}

// insertNewActors inserts the actors created since the last call, with
// what the transaction noted of them so far; later changes reach them by
// flush, as for any other actor.
func (w *wtx) insertNewActors() error {
	if len(w.newActors) == 0 {
		return nil
	}
	rows := make([][]any, len(w.newActors))
	for i, a := range w.newActors {
		rows[i] = []any{a.rowid, a.id, a.desc.Name, a.desc.Type, a.desc.Country, a.aliasJSON(), store.ActorSearch(a.desc), a.dMentions, a.dDocs, a.dEvs}
		a.dirty, a.dMentions, a.dDocs, a.dEvs = false, 0, 0, 0
	}
	w.newActors = nil
	return w.insertRows("INSERT INTO actors (rowid, id, name, type, country, aliases, search, mentions, documents, events)", rows)
}

// nextRowid hands out rowids (events, claims, incidents, new actors), so
// that rows and their index entries go in as a few multi-row statements.
func (w *wtx) nextRowid(table string) (int64, error) {
	if w.rowids == nil {
		w.rowids = map[string]int64{}
	}
	id, ok := w.rowids[table]
	if !ok {
		if _, err := w.row("SELECT COALESCE(MAX(rowid), 0) FROM "+table, nil, &id); err != nil {
			return 0, err
		}
	}
	id++
	if table == "events" && id > ftsRowidMask {
		// events_fts keys hold an event's rowid in 32 bits (fts.go).
		return 0, fmt.Errorf("more than %d events: %w", int64(ftsRowidMask), store.ErrFull)
	}
	w.rowids[table] = id
	return id, nil
}

// appendLog adds a custody record and its tlog hashes.
func (w *wtx) appendLog(r store.Record) (int64, error) {
	if err := w.readLogSize(); err != nil {
		return 0, err
	}
	n := w.logN
	data := r.Encode()
	hs, err := tlog.StoredHashes(n, data, tlog.HashReaderFunc(w.readHashes))
	if err != nil {
		return 0, fmt.Errorf("custody hashes: %w", err)
	}
	w.insertLater("INSERT INTO custody_log (idx, data)", []any{n, data})
	base := tlog.StoredHashIndex(0, n)
	for i, h := range hs {
		// readHashes finds this transaction's hashes here, not in the table.
		w.pending[base+int64(i)] = h
		w.insertLater("INSERT INTO custody_hashes (idx, hash)", []any{base + int64(i), h[:]})
	}
	w.logN++
	if w.added == nil {
		w.added = map[string]int{}
	}
	w.added[r.Kind]++
	return n, nil
}

func (w *wtx) readHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		if h, ok := w.pending[x]; ok {
			out[i] = h
			continue
		}
		var b []byte
		found, err := w.row("SELECT hash FROM custody_hashes WHERE idx = ?", []any{x}, &b)
		if err != nil {
			return nil, err
		}
		if !found || len(b) != tlog.HashSize {
			return nil, fmt.Errorf("custody hash %d missing or malformed: %w", x, store.ErrNotFound)
		}
		copy(out[i][:], b)
	}
	return out, nil
}

// flush writes the actor rows and counters changed by this transaction.
func (w *wtx) flush() error {
	// One UPDATE for all of them: a batch touches hundreds of actors.
	var changes [][]any
	for _, a := range w.actors {
		if !a.dirty && a.dMentions == 0 && a.dDocs == 0 && a.dEvs == 0 {
			continue
		}
		changes = append(changes, []any{a.rowid, a.desc.Type, a.desc.Country, a.aliasJSON(), store.ActorSearch(a.desc), a.dMentions, a.dDocs, a.dEvs})
	}
	if len(changes) > 0 {
		list, err := json.Marshal(changes)
		if err != nil {
			return fmt.Errorf("actor changes: %w", err)
		}
		if _, err := w.exec(`UPDATE actors SET type = x.t, country = x.c, aliases = x.a, search = x.s,
			mentions = mentions + x.m, documents = documents + x.d, events = events + x.e
			FROM (SELECT value->>0 AS r, value->>1 AS t, value->>2 AS c, value->>3 AS a, value->>4 AS s,
				value->>5 AS m, value->>6 AS d, value->>7 AS e FROM json_each(?)) AS x
			WHERE actors.rowid = x.r`, string(list)); err != nil {
			return err
		}
	}
	if w.maxSpan > 0 {
		if _, err := w.exec(`INSERT INTO meta (key, value) VALUES ('max_span_days', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value
			WHERE CAST(excluded.value AS INTEGER) > CAST(meta.value AS INTEGER)`, fmt.Sprint(w.maxSpan)); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) PutOriginal(ctx context.Context, o store.Original, raw []byte) (store.Original, error) {
	err := db.write(ctx, "put original", func(w *wtx) error {
		var err error
		o, _, err = w.putOriginal(o, raw)
		return err
	})
	return o, err
}

// putOriginal stores an original unless it is there already; isNew says
// which.
func (w *wtx) putOriginal(o store.Original, raw []byte) (_ store.Original, isNew bool, err error) {
	o, err = store.PrepareOriginal(o, raw, w.now)
	if err != nil {
		return o, false, err
	}
	if have, found, err := w.db.original(w.ctx, w.tx, o.Hash); err != nil || found {
		return have, false, err
	}
	if o.LogIndex, err = w.appendLog(store.OriginalRec(o)); err != nil {
		return o, false, err
	}
	rowid, err := w.insert(`INSERT INTO originals (hash, size, source, url, captured_at, outlet, published, title, content_type, log_index)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.Hash, o.Size, o.Source, o.URL, timeText(o.CapturedAt), o.Outlet,
		o.Published, o.Title, o.ContentType, o.LogIndex)
	if err != nil {
		return o, false, err
	}
	if raw == nil {
		raw = []byte{}
	}
	w.insertLater("INSERT INTO blobs (original_rowid, data)", []any{rowid, raw})
	return o, true, nil
}

func (db *DB) PutDocument(ctx context.Context, d store.Document) (store.Document, error) {
	err := db.write(ctx, "put document", func(w *wtx) error {
		var err error
		d, _, _, err = w.putDocument(d, false)
		return err
	})
	return d, err
}

// putDocument stores a document and returns its rowid, and whether it is
// new. newOriginal says its original was stored in this transaction just
// now, so that it exists and has no document yet: the batch path knows
// and saves the look-ups.
func (w *wtx) putDocument(d store.Document, newOriginal bool) (_ store.Document, rowid int64, isNew bool, err error) {
	d, err = store.PrepareDocument(d, w.now)
	if err != nil {
		return d, 0, false, err
	}
	var have store.Document
	found := false
	if !newOriginal {
		var origRow int64
		if found, err := w.row("SELECT rowid FROM originals WHERE hash = ?", []any{d.ID}, &origRow); err != nil {
			return d, 0, false, err
		} else if !found {
			return d, 0, false, fmt.Errorf("document %s: no original with that hash: %w", d.ID, store.ErrNotFound)
		}
		if have, rowid, found, err = w.db.document(w.ctx, w.tx, d.ID, true); err != nil {
			return d, 0, false, err
		}
		if found && store.SameDocument(have, d) {
			return have, rowid, false, nil
		}
	}
	if d.LogIndex, err = w.appendLog(store.DocumentRec(d)); err != nil {
		return d, 0, false, err
	}
	if found {
		// The queued full-text rows must be in before 'delete' reads them.
		if err := w.flushLater(); err != nil {
			return d, 0, false, err
		}
		// External-content FTS needs the old values to remove them.
		if _, err := w.exec("INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
			rowid, store.SearchText(have.Title), store.SearchText(have.Text)); err != nil {
			return d, 0, false, err
		}
		if _, err := w.exec(`UPDATE documents SET text_hash = ?, text = ?, title = ?, outlet = ?, published = ?, url = ?,
			language = ?, stored_at = ?, log_index = ? WHERE rowid = ?`, d.TextHash, d.Text, d.Title, d.Outlet, d.Published,
			d.URL, d.Language, timeText(d.StoredAt), d.LogIndex, rowid); err != nil {
			return d, 0, false, err
		}
		if _, err := w.exec("UPDATE claims SET published = ? WHERE doc_rowid = ?", d.Published, rowid); err != nil {
			return d, 0, false, err
		}
		if err := w.redateEdges(rowid, d.Published); err != nil {
			return d, 0, false, err
		}
		if _, err := w.exec("UPDATE actor_dates SET published = ? WHERE doc_rowid = ?", d.Published, rowid); err != nil {
			return d, 0, false, err
		}
	} else {
		rowid, err = w.insert(`INSERT INTO documents (id, text_hash, text, title, outlet, published, url, language, stored_at, log_index)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.TextHash, d.Text, d.Title, d.Outlet, d.Published, d.URL,
			d.Language, timeText(d.StoredAt), d.LogIndex)
		if err != nil {
			return d, 0, false, err
		}
		if w.newDocs == nil {
			w.newDocs = map[string]int64{}
		}
		w.newDocs[d.ID] = rowid
	}
	w.insertLater("INSERT INTO documents_fts (rowid, title, text)", []any{rowid, store.SearchText(d.Title), store.SearchText(d.Text)})
	return d, rowid, !found, nil
}

func (db *DB) ReplaceDerived(ctx context.Context, docID string, r sitrep.Result, version string) error {
	return db.write(ctx, "replace derived", func(w *wtx) error { return w.replaceDerived(docID, r, version, nil) })
}

// newDoc is a document stored in this transaction just now: its rowid,
// publication date and outlet, whether it is a near copy, and the
// knowledge that nothing was derived from it yet.
type newDoc struct {
	rowid             int64
	published, outlet string
	isCopy            bool
	text              string
}

func (w *wtx) replaceDerived(docID string, r sitrep.Result, version string, fresh *newDoc) error {
	sess, err := w.session()
	if err != nil {
		return err
	}
	var docRow int64
	var published, outlet string
	isCopy := false
	if fresh != nil {
		docRow, published, outlet, isCopy = fresh.rowid, fresh.published, fresh.outlet, fresh.isCopy
	} else if found, err := w.row("SELECT rowid, published, outlet FROM documents WHERE id = ?", []any{docID}, &docRow, &published, &outlet); err != nil {
		return err
	} else if !found {
		return fmt.Errorf("document %s: %w", docID, store.ErrNotFound)
	} else if isCopy, err = w.isCopy(docRow); err != nil {
		return err
	}
	d, canon, err := store.PrepareDerived(docID, r, version, w.now)
	if err != nil {
		return err
	}
	var oldHash, oldVersion string
	had := false
	if fresh == nil {
		if had, err = w.row("SELECT result_hash, extractor_version FROM derived WHERE doc_rowid = ?", []any{docRow}, &oldHash, &oldVersion); err != nil {
			return err
		}
	}
	if had && oldHash == d.ResultHash && oldVersion == version {
		return nil
	}
	if d.LogIndex, err = w.appendLog(store.DerivedRec(d)); err != nil {
		return err
	}
	if had && oldHash != d.ResultHash {
		// Replaying the log, and verifying what it made, needs the
		// results it names.
		if _, err := w.exec(`INSERT OR IGNORE INTO derived_history (doc_rowid, result_hash, result)
			SELECT doc_rowid, result_hash, result FROM derived WHERE doc_rowid = ?`, docRow); err != nil {
			return err
		}
	}
	if _, err := w.exec(`INSERT INTO derived (doc_rowid, extractor_version, result, result_hash, stored_at, log_index)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (doc_rowid) DO UPDATE SET extractor_version = excluded.extractor_version,
		result = excluded.result, result_hash = excluded.result_hash, stored_at = excluded.stored_at, log_index = excluded.log_index`,
		docRow, version, canon, d.ResultHash, timeText(d.StoredAt), d.LogIndex); err != nil {
		return err
	}
	if had {
		if err := w.deleteDerived(docRow); err != nil {
			return err
		}
		if err := w.removeEdges(docRow); err != nil {
			return err
		}
	}
	byKey := map[string][]store.Edit{}
	if had {
		// Only a document extracted before can have edits to re-apply.
		edits, err := w.db.edits(w.ctx, w.tx, store.EditFilter{DocID: docID})
		if err != nil {
			return err
		}
		for _, e := range edits {
			byKey[e.EventKey] = append(byKey[e.EventKey], e)
		}
	}

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
		w.insertLater("INSERT INTO doc_actors (doc_rowid, actor_rowid, mentions)", []any{docRow, id, docActors[id]})
		w.insertLater("INSERT OR IGNORE INTO actor_dates (actor_rowid, published, doc_rowid)", []any{id, published, docRow})
	}
	var evRows, ftsRows, eaRows [][]any
	var placed []sitrep.Event
	for _, e := range r.Events {
		eff, review, _ := store.ApplyEdits(e, byKey[store.Key(docID, e.ID)])
		if review != store.ReviewRejected {
			placed = append(placed, eff)
		}
		start, end, place, data, err := w.eventColumns(eff)
		if err != nil {
			return err
		}
		rowid, err := w.nextRowid("events")
		if err != nil {
			return err
		}
		evRows = append(evRows, []any{rowid, docRow, e.ID, eff.Type, start, end, place, review, data})
		// Evidence is indexed as extracted: edits change values, not sources.
		ftsRows = append(ftsRows, []any{ftsKey(start, rowid), store.EvidenceText(e.Evidence)})
		ea, err := w.eventActorRows(rowid, start, eff, nil)
		if err != nil {
			return err
		}
		eaRows = append(eaRows, ea...)
	}
	w.insertLater("INSERT INTO events (rowid, doc_rowid, event_id, type, date_start, date_end, place_rowid, review, data)", evRows...)
	w.insertLater("INSERT INTO events_fts (rowid, evidence)", ftsRows...)
	w.insertLater("INSERT OR IGNORE INTO event_actors (actor_rowid, date_start, event_rowid, role)", eaRows...)
	var clRows, clFTS [][]any
	for _, c := range r.Claims {
		row, err := w.claimRow(docRow, published, c)
		if err != nil {
			return err
		}
		clRows = append(clRows, row)
		clFTS = append(clFTS, []any{row[0], store.SearchText(c.Text)})
	}
	w.insertLater(insertClaims, clRows...)
	w.insertLater("INSERT INTO claims_fts (rowid, text)", clFTS...)
	if err := w.addEdges(docRow, docID, published, store.DocumentEdges(docID, r.Claims)); err != nil {
		return err
	}
	// The text counts once, with the document's first result (views).
	var text string
	switch {
	case fresh != nil:
		text = fresh.text
	case !had:
		if _, err := w.row("SELECT text FROM documents WHERE rowid = ?", []any{docRow}, &text); err != nil {
			return err
		}
	}
	if w.toPlace != nil {
		w.toPlace <- placement{docID: docID, published: published, outlet: outlet, text: text, result: r, events: placed, isCopy: isCopy}
		return nil
	}
	return sess.Document(docID, published, outlet, text, r, placed, isCopy)
}

// deleteDerived removes a document's events, claims and actor links, and
// takes them off the actors' counters.
func (w *wtx) deleteDerived(docRow int64) error {
	// The document's rows may still be queued, if it was derived earlier
	// in this transaction.
	if err := w.flushLater(); err != nil {
		return err
	}
	steps := []string{
		`UPDATE actors SET mentions = actors.mentions - da.mentions, documents = actors.documents - 1
			FROM doc_actors da WHERE da.doc_rowid = ?1 AND actors.rowid = da.actor_rowid`,
		`UPDATE actors SET events = actors.events - x.n FROM (
			SELECT actor_rowid, COUNT(DISTINCT event_rowid) AS n FROM event_actors
			WHERE event_rowid IN (SELECT rowid FROM events WHERE doc_rowid = ?1) GROUP BY actor_rowid) AS x
			WHERE actors.rowid = x.actor_rowid`,
		`DELETE FROM event_actors WHERE event_rowid IN (SELECT rowid FROM events WHERE doc_rowid = ?1)`,
		`DELETE FROM events_fts WHERE rowid IN (SELECT ` + ftsKeySQL + ` FROM events e WHERE e.doc_rowid = ?1)`,
		`DELETE FROM events WHERE doc_rowid = ?1`,
		`DELETE FROM claims_fts WHERE rowid IN (SELECT rowid FROM claims WHERE doc_rowid = ?1)`,
		`DELETE FROM claims WHERE doc_rowid = ?1`,
		`DELETE FROM doc_actors WHERE doc_rowid = ?1`,
		`DELETE FROM actor_dates WHERE doc_rowid = ?1`,
	}
	for _, q := range steps {
		if _, err := w.exec(q, docRow); err != nil {
			return err
		}
	}
	// The counters changed in SQL: drop cached rows so flush does not
	// write stale ones back (it only adds deltas, but stay simple).
	return nil
}

// prefetchIncidents reads, in a few queries, the incidents placing the
// batch's events will look at.
func (w *wtx) prefetchIncidents(items []store.Item) error {
	var docs []consolidate.DocEvents
	var ids []string
	for _, it := range items {
		if it.Result != nil && it.Document != nil {
			id := store.HashBytes(it.Raw)
			docs = append(docs, consolidate.DocEvents{ID: id, Published: it.Document.Published, Events: it.Result.Events})
			ids = append(ids, id)
		}
	}
	if len(docs) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	stored := map[string]bool{}
	err = w.each("SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))", []any{string(list)}, func(rows *sql.Rows) error {
		var id string
		err := rows.Scan(&id)
		stored[id] = true
		return err
	})
	if err != nil {
		return err
	}
	w.notStored = map[string]bool{}
	for i := range docs {
		docs[i].New = !stored[docs[i].ID]
		if docs[i].New {
			w.notStored[docs[i].ID] = true
		}
	}
	sess, err := w.session()
	if err != nil {
		return err
	}
	var sigs []ingest.Signature
	for _, it := range items {
		if it.Signature.Valid() {
			sigs = append(sigs, it.Signature)
		}
	}
	if err := sess.PrefetchNearCopies(sigs); err != nil {
		return err
	}
	return sess.Prefetch(docs)
}

// prefetchActors reads, in one query, the actors a batch's results name,
// rather than one query per actor as they come up.
func (w *wtx) prefetchActors(items []store.Item) error {
	seen := map[string]bool{}
	var ids []string
	note := func(ref sitrep.ActorRef) {
		if ref.ID == "" && strings.TrimSpace(ref.Name) == "" {
			return
		}
		if k := store.ActorKey(ref); !seen[k] {
			seen[k] = true
			ids = append(ids, k)
		}
	}
	for _, it := range items {
		if it.Result == nil {
			continue
		}
		for _, a := range it.Result.Actors {
			note(sitrep.ActorRef{ID: a.ID, Name: a.Name})
		}
		for _, e := range it.Result.Events {
			for _, rr := range store.EventActors(e) {
				note(rr.Ref)
			}
		}
		for _, c := range it.Result.Claims {
			note(c.Speaker)
			if c.Relation != nil {
				note(c.Relation.Subject)
				note(c.Relation.Object)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("actor ids: %w", err)
	}
	if w.absent == nil {
		w.absent = map[string]bool{}
	}
	for _, id := range ids {
		w.absent[id] = true
	}
	return w.each("SELECT rowid, id, name, type, country, aliases FROM actors WHERE id IN (SELECT value FROM json_each(?))",
		[]any{string(list)}, func(rows *sql.Rows) error {
			a := &actorRow{}
			var aliasJSON string
			if err := rows.Scan(&a.rowid, &a.id, &a.desc.Name, &a.desc.Type, &a.desc.Country, &aliasJSON); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(aliasJSON), &a.desc.Aliases); err != nil {
				return fmt.Errorf("actor %s: aliases: %w", a.id, err)
			}
			if _, ok := w.actors[a.id]; !ok {
				w.actors[a.id] = a
			}
			delete(w.absent, a.id)
			return nil
		})
}

// actor finds or creates the actor a reference names, remembering new
// names and a type or country first given now. It returns nil for a
// reference with neither id nor name.
func (w *wtx) actor(ref sitrep.ActorRef, typ, country string, aliases []string) (*actorRow, error) {
	if !store.Named(ref) {
		return nil, nil
	}
	key := store.ActorKey(ref)
	a, ok := w.actors[key]
	if !ok {
		a = &actorRow{id: key}
		var aliasJSON string
		found := false
		if !w.absent[key] { // prefetchActors found it is not there
			var err error
			found, err = w.row("SELECT rowid, name, type, country, aliases FROM actors WHERE id = ?", []any{key},
				&a.rowid, &a.desc.Name, &a.desc.Type, &a.desc.Country, &aliasJSON)
			if err != nil {
				return nil, err
			}
		}
		var err error
		if found {
			if err := json.Unmarshal([]byte(aliasJSON), &a.desc.Aliases); err != nil {
				return nil, fmt.Errorf("actor %s: aliases: %w", key, err)
			}
		} else {
			// Inserted whole when the queued rows go in (flushLater), not
			// inserted bare now and updated at commit.
			a.desc = store.NewActorDesc(ref)
			if a.rowid, err = w.nextRowid("actors"); err != nil {
				return nil, err
			}
			a.dirty = true
			w.newActors = append(w.newActors, a)
		}
		w.actors[key] = a
	}
	if a.desc.Note(ref, typ, country, aliases) {
		a.dirty = true
	}
	return a, nil
}

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
	var lat, lon any
	if k.hasLL {
		lat, lon = k.lat, k.lon
	}
	var id int64
	found, err := w.row("SELECT rowid FROM places WHERE name = ? AND admin1 = ? AND country = ? AND lat IS ? AND lon IS ?",
		[]any{k.name, k.admin1, k.country, lat, lon}, &id)
	if err != nil {
		return nil, err
	}
	if !found {
		id, err = w.insert(`INSERT INTO places (name, admin1, country, lat, lon, name_l, admin1_l, country_l)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, k.name, k.admin1, k.country, lat, lon,
			strings.ToLower(k.name), strings.ToLower(k.admin1), strings.ToLower(k.country))
		if err != nil {
			return nil, err
		}
	}
	w.places[k] = id
	return id, nil
}

// eventColumns computes what the events row holds for an event's
// effective values.
func (w *wtx) eventColumns(eff sitrep.Event) (start, end string, place any, data []byte, err error) {
	start, end = store.DateRange(eff)
	if span := store.SpanDays(start, end); span > w.maxSpan {
		w.maxSpan = span
	}
	if place, err = w.place(eff.Place); err != nil {
		return
	}
	data, err = json.Marshal(eff)
	return
}

// eventActorRows returns the event's actor rows; seen carries actors whose
// event counter already includes this event (when re-linking after an edit).
func (w *wtx) eventActorRows(rowid int64, start string, eff sitrep.Event, seen map[int64]bool) ([][]any, error) {
	var rows [][]any
	counted := map[int64]bool{}
	for _, rr := range store.EventActors(eff) {
		a, err := w.actor(rr.Ref, "", "", nil)
		if err != nil {
			return nil, err
		}
		if a == nil {
			continue
		}
		rows = append(rows, []any{a.rowid, start, rowid, rr.Role})
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
				return nil, err
			}
			a.dEvs--
		}
	}
	return rows, nil
}

func (w *wtx) actorByRow(rowid int64) (*actorRow, error) {
	for _, a := range w.actors {
		if a.rowid == rowid {
			return a, nil
		}
	}
	var id string
	if _, err := w.row("SELECT id FROM actors WHERE rowid = ?", []any{rowid}, &id); err != nil {
		return nil, err
	}
	return w.actor(sitrep.ActorRef{ID: id}, "", "", nil)
}

// claimRow returns the claims row of c, its rowid first.
func (w *wtx) claimRow(docRow int64, published string, c sitrep.Claim) ([]any, error) {
	var rows [3]any
	refs := []sitrep.ActorRef{c.Speaker}
	relation := ""
	if c.Relation != nil {
		relation = c.Relation.Type
		refs = append(refs, c.Relation.Subject, c.Relation.Object)
	}
	for i, ref := range refs {
		a, err := w.actor(ref, "", "", nil)
		if err != nil {
			return nil, err
		}
		if a != nil {
			rows[i] = a.rowid
		}
	}
	data, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("claim %s: %w", c.ID, err)
	}
	rowid, err := w.nextRowid("claims")
	if err != nil {
		return nil, err
	}
	return []any{rowid, docRow, c.ID, rows[0], relation, rows[1], rows[2], published, data}, nil
}

func (db *DB) PutBatch(ctx context.Context, items []store.Item) error {
	return db.write(ctx, "put batch", func(w *wtx) error {
		if err := w.prefetchActors(items); err != nil {
			return err
		}
		if err := w.prefetchIncidents(items); err != nil {
			return err
		}
		if err := w.prefetchEdges(items); err != nil {
			return err
		}
		return w.placeWhile(len(items), func() error {
			for i := range items {
				created, err := w.putItem(&items[i])
				if err != nil {
					return fmt.Errorf("item %d: %w", i, err)
				}
				items[i].Created = created
			}
			return w.flushLater()
		})
	})
}

// placeWhile runs fn, which stores up to n documents, while a goroutine
// places each into incidents as soon as fn has stored it (w.toPlace):
// placement is mostly computation on incidents already read
// (prefetchIncidents), and storing mostly SQLite's, so the writer does both
// in the time of the longer. The documents are placed in the order they
// were stored, as ever; fn's own use of the views session (near copies)
// touches none of the state placement does.
func (w *wtx) placeWhile(n int, fn func() error) error {
	// Never full, so fn never waits on placement: an item sends at most a
	// withdrawal (it is a near copy) and its document.
	docs := make(chan placement, 2*n+1)
	done := make(chan error, 1)
	go func() {
		var err error
		for p := range docs {
			if err != nil {
				continue
			}
			// fn started the session before it sent the first document.
			if p.withdraw {
				err = w.sess.Withdraw(p.docID)
			} else {
				err = w.sess.Document(p.docID, p.published, p.outlet, p.text, p.result, p.events, p.isCopy)
			}
		}
		done <- err
	}()
	w.toPlace = docs
	ferr := fn()
	w.toPlace = nil
	close(docs)
	if perr := <-done; perr != nil {
		return perr
	}
	return ferr
}

// putItem stores one batch item and says whether its document (without
// one, its original) is new. A new document that is a near copy of one
// signed before is linked to it before its result is placed.
func (w *wtx) putItem(it *store.Item) (created bool, err error) {
	o, newOriginal, err := w.putOriginal(it.Original, it.Raw)
	if err != nil {
		return false, err
	}
	if it.Document == nil {
		if it.Result != nil {
			return false, fmt.Errorf("a result needs its document: %w", store.ErrInvalid)
		}
		return newOriginal, nil
	}
	d := *it.Document
	if d.ID == "" {
		d.ID = o.Hash
	}
	if d.ID != o.Hash {
		return false, fmt.Errorf("document %s is not original %s: %w", d.ID, o.Hash, store.ErrInvalid)
	}
	d, rowid, newDocument, err := w.putDocument(d, newOriginal)
	if err != nil {
		return false, err
	}
	isCopy := false
	if newDocument && it.Signature.Valid() {
		sess, err := w.session()
		if err != nil {
			return false, err
		}
		copyOf, sim, err := sess.NearCopy(d.ID, it.Signature)
		if err != nil {
			return false, err
		}
		if copyOf != "" {
			if err := w.putLink(store.Link{DocID: d.ID, CopyOf: copyOf, Similarity: sim, Method: "minhash"}); err != nil {
				return false, err
			}
			it.CopyOf, it.Similarity, isCopy = copyOf, sim, true
		}
	}
	if it.Result != nil {
		var fresh *newDoc
		if newDocument {
			fresh = &newDoc{rowid, d.Published, d.Outlet, isCopy, d.Text}
		}
		return newDocument, w.replaceDerived(d.ID, *it.Result, it.ExtractorVersion, fresh)
	}
	return newDocument, nil
}

func (db *DB) PutLink(ctx context.Context, l store.Link) error {
	return db.write(ctx, "put link", func(w *wtx) error { return w.putLink(l) })
}

// putLink stores a link, unless it is stored as it is, and takes the copy
// out of the incidents.
func (w *wtx) putLink(l store.Link) error {
	l, err := store.PrepareLink(l, w.now)
	if err != nil {
		return err
	}
	var rows [2]int64
	for i, id := range []string{l.DocID, l.CopyOf} {
		if found, err := w.row("SELECT rowid FROM documents WHERE id = ?", []any{id}, &rows[i]); err != nil {
			return err
		} else if !found {
			return fmt.Errorf("document %s: %w", id, store.ErrNotFound)
		}
	}
	var sim float64
	var method string
	found, err := w.row("SELECT similarity, method FROM links WHERE doc_rowid = ? AND copy_rowid = ?", []any{rows[0], rows[1]}, &sim, &method)
	if err != nil {
		return err
	}
	if found && sim == l.Similarity && method == l.Method {
		return nil
	}
	if l.LogIndex, err = w.appendLog(store.LinkRec(l)); err != nil {
		return err
	}
	if _, err := w.exec(`INSERT INTO links (doc_rowid, copy_rowid, similarity, method, at, log_index) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (doc_rowid, copy_rowid) DO UPDATE SET similarity = excluded.similarity, method = excluded.method,
		at = excluded.at, log_index = excluded.log_index`, rows[0], rows[1], l.Similarity, l.Method, timeText(l.At), l.LogIndex); err != nil {
		return err
	}
	sess, err := w.session()
	if err != nil {
		return err
	}
	if w.toPlace != nil {
		w.toPlace <- placement{docID: l.DocID, withdraw: true}
		return nil
	}
	return sess.Withdraw(l.DocID)
}

func (db *DB) AddEdit(ctx context.Context, e store.Edit) (store.Edit, error) {
	err := db.write(ctx, "add edit", func(w *wtx) error {
		var err error
		e, err = store.PrepareEdit(e, w.now)
		if err != nil {
			return err
		}
		docID, eventID, _ := store.SplitKey(e.EventKey)
		var rowid int64
		var data []byte
		found, err := w.row(`SELECT e.rowid, d.result FROM events e JOIN derived d ON d.doc_rowid = e.doc_rowid
			WHERE e.doc_rowid = (SELECT rowid FROM documents WHERE id = ?) AND e.event_id = ?`, []any{docID, eventID}, &rowid, &data)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("event %s: %w", e.EventKey, store.ErrNotFound)
		}
		// The edit's id is its row id, which the log record must contain:
		// take the next one explicitly.
		if _, err := w.row("SELECT COALESCE(MAX(id), 0) + 1 FROM edits", nil, &e.ID); err != nil {
			return err
		}
		if e.LogIndex, err = w.appendLog(store.EditRec(e)); err != nil {
			return err
		}
		if _, err := w.exec(`INSERT INTO edits (id, event_key, doc_id, status, field, value, who, at, note, log_index)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, e.EventKey, docID, e.Status, e.Field, e.Value, e.Who,
			timeText(e.At), e.Note, e.LogIndex); err != nil {
			return err
		}
		if err := w.refreshEvent(rowid, e.EventKey, eventID, data); err != nil {
			return err
		}
		// The event's incident shows its new values at once.
		var docRow int64
		var published string
		if _, err := w.row("SELECT rowid, published FROM documents WHERE id = ?", []any{docID}, &docRow, &published); err != nil {
			return err
		}
		return w.placeDocument(docID, docRow, published)
	})
	return e, err
}

func (db *DB) PutDecision(ctx context.Context, d store.Decision) (store.Decision, error) {
	err := db.write(ctx, "put decision", func(w *wtx) error {
		var err error
		if d, err = store.PrepareDecision(d, w.now); err != nil {
			return err
		}
		// Started before the decision is stored: the views take it up
		// when it is applied below, not when they read the decisions.
		sess, err := w.session()
		if err != nil {
			return err
		}
		keys, err := json.Marshal(d.Keys)
		if err != nil {
			return fmt.Errorf("decision keys: %w", err)
		}
		apart, err := json.Marshal(d.Apart)
		if err != nil {
			return fmt.Errorf("decision apart: %w", err)
		}
		if d.Apart == nil {
			apart = []byte("[]")
		}
		// The id is part of the log record: take the next one explicitly.
		if _, err := w.row("SELECT COALESCE(MAX(id), 0) + 1 FROM decisions", nil, &d.ID); err != nil {
			return err
		}
		if d.LogIndex, err = w.appendLog(store.DecisionRec(d)); err != nil {
			return err
		}
		if _, err = w.exec(`INSERT INTO decisions (id, kind, keys, apart, who, at, note, log_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, d.Kind, string(keys), string(apart), d.Who, timeText(d.At), d.Note, d.LogIndex); err != nil {
			return err
		}
		_, err = sess.Decide(d)
		return err
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
	edits, err := w.db.edits(w.ctx, w.tx, store.EditFilter{EventKey: key})
	if err != nil {
		return err
	}
	eff, review, _ := store.ApplyEdits(r.Events[i], edits)
	start, end, place, data, err := w.eventColumns(eff)
	if err != nil {
		return err
	}
	var oldStart string
	if _, err := w.row("SELECT date_start FROM events WHERE rowid = ?", []any{rowid}, &oldStart); err != nil {
		return err
	}
	if oldStart != start {
		// The full-text key follows the date (fts.go): move the evidence.
		if _, err := w.exec("DELETE FROM events_fts WHERE rowid = ?", ftsKey(oldStart, rowid)); err != nil {
			return err
		}
		if _, err := w.exec("INSERT INTO events_fts (rowid, evidence) VALUES (?, ?)", ftsKey(start, rowid), store.EvidenceText(r.Events[i].Evidence)); err != nil {
			return err
		}
	}
	if _, err := w.exec(`UPDATE events SET type = ?, date_start = ?, date_end = ?, place_rowid = ?, review = ?, data = ?
		WHERE rowid = ?`, eff.Type, start, end, place, review, data, rowid); err != nil {
		return err
	}
	// Re-link actors: the date or the actors may have changed.
	seen := map[int64]bool{}
	if err := w.each("SELECT DISTINCT actor_rowid FROM event_actors WHERE event_rowid = ?", []any{rowid}, func(rows *sql.Rows) error {
		var a int64
		if err := rows.Scan(&a); err != nil {
			return err
		}
		seen[a] = true
		return nil
	}); err != nil {
		return err
	}
	if _, err := w.exec("DELETE FROM event_actors WHERE event_rowid = ?", rowid); err != nil {
		return err
	}
	rows, err := w.eventActorRows(rowid, start, eff, seen)
	if err != nil {
		return err
	}
	return w.insertRows("INSERT OR IGNORE INTO event_actors (actor_rowid, date_start, event_rowid, role)", rows)
}

func (w *wtx) each(q string, args []any, fn func(*sql.Rows) error) error {
	s, err := w.stmt(q)
	if err != nil {
		return err
	}
	rows, err := s.QueryContext(w.ctx, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", firstLine(q), err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
