package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"sitrep"
	"sitrep/internal/store"
)

// querier is what reads need: the reader pool, or a write transaction
// that must see its own changes.
type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func (db *DB) reader() (querier, error) {
	if db.isClosed() {
		return nil, store.ErrClosed
	}
	return db.r, nil
}

const originalCols = "hash, size, source, url, captured_at, outlet, published, title, content_type, log_index"

func scanOriginal(sc interface{ Scan(...any) error }) (store.Original, error) {
	var o store.Original
	var at string
	err := sc.Scan(&o.Hash, &o.Size, &o.Source, &o.URL, &at, &o.Outlet, &o.Published, &o.Title, &o.ContentType, &o.LogIndex)
	o.CapturedAt = parseTime(at)
	return o, err
}

func (db *DB) original(ctx context.Context, q querier, hash string) (store.Original, bool, error) {
	o, err := scanOriginal(q.QueryRowContext(ctx, "SELECT "+originalCols+" FROM originals WHERE hash = ?", hash))
	if errors.Is(err, sql.ErrNoRows) {
		return o, false, nil
	}
	if err != nil {
		return o, false, fmt.Errorf("original %s: %w", hash, err)
	}
	return o, true, nil
}

func (db *DB) Original(ctx context.Context, hash string) (store.Original, error) {
	q, err := db.reader()
	if err != nil {
		return store.Original{}, err
	}
	o, found, err := db.original(ctx, q, hash)
	if err != nil {
		return o, fmt.Errorf("sqlite: %w", err)
	}
	if !found {
		return o, fmt.Errorf("sqlite: original %s: %w", hash, store.ErrNotFound)
	}
	return o, nil
}

func (db *DB) Originals(ctx context.Context, hashes []string) (map[string]store.Original, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	list, err := json.Marshal(hashes)
	if err != nil {
		return nil, fmt.Errorf("sqlite: originals: %w", err)
	}
	rows, err := q.QueryContext(ctx, "SELECT "+originalCols+" FROM originals WHERE hash IN (SELECT value FROM json_each(?))", string(list))
	if err != nil {
		return nil, fmt.Errorf("sqlite: originals: %w", err)
	}
	defer rows.Close()
	out := make(map[string]store.Original, len(hashes))
	for rows.Next() {
		o, err := scanOriginal(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: originals: %w", err)
		}
		out[o.Hash] = o
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: originals: %w", err)
	}
	return out, nil
}

// OpenOriginal returns the original's bytes. They are read whole: an
// original is one article or page, small next to memory.
func (db *DB) OpenOriginal(ctx context.Context, hash string) (io.ReadCloser, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	var data []byte
	err = q.QueryRowContext(ctx, `SELECT b.data FROM blobs b JOIN originals o ON o.rowid = b.original_rowid
		WHERE o.hash = ?`, hash).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: original %s: %w", hash, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: original %s: %w", hash, err)
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

const documentCols = "rowid, id, text_hash, title, outlet, published, url, language, stored_at, log_index"

func scanDocument(sc interface{ Scan(...any) error }, withText bool) (store.Document, int64, error) {
	var d store.Document
	var rowid int64
	var at string
	dest := []any{&rowid, &d.ID, &d.TextHash, &d.Title, &d.Outlet, &d.Published, &d.URL, &d.Language, &at, &d.LogIndex}
	if withText {
		dest = append(dest, &d.Text)
	}
	err := sc.Scan(dest...)
	d.StoredAt = parseTime(at)
	return d, rowid, err
}

func (db *DB) document(ctx context.Context, q querier, id string, withText bool) (store.Document, int64, bool, error) {
	cols := documentCols
	if withText {
		cols += ", text"
	}
	d, rowid, err := scanDocument(q.QueryRowContext(ctx, "SELECT "+cols+" FROM documents WHERE id = ?", id), withText)
	if errors.Is(err, sql.ErrNoRows) {
		return d, 0, false, nil
	}
	if err != nil {
		return d, 0, false, fmt.Errorf("document %s: %w", id, err)
	}
	return d, rowid, true, nil
}

func (db *DB) Document(ctx context.Context, id string) (store.Document, error) {
	q, err := db.reader()
	if err != nil {
		return store.Document{}, err
	}
	d, _, found, err := db.document(ctx, q, id, true)
	if err != nil {
		return d, fmt.Errorf("sqlite: %w", err)
	}
	if !found {
		return d, fmt.Errorf("sqlite: document %s: %w", id, store.ErrNotFound)
	}
	return d, nil
}

func scanDerived(sc interface{ Scan(...any) error }) (store.Derived, error) {
	var d store.Derived
	var result []byte
	var at string
	if err := sc.Scan(&d.DocID, &d.ExtractorVersion, &result, &d.ResultHash, &at, &d.LogIndex); err != nil {
		return d, err
	}
	d.StoredAt = parseTime(at)
	if err := json.Unmarshal(result, &d.Result); err != nil {
		return d, fmt.Errorf("derived result of %s: %w", d.DocID, err)
	}
	return d, nil
}

const derivedSelect = `SELECT doc.id, d.extractor_version, d.result, d.result_hash, d.stored_at, d.log_index
	FROM derived d JOIN documents doc ON doc.rowid = d.doc_rowid`

func (db *DB) Derived(ctx context.Context, docID string) (store.Derived, error) {
	q, err := db.reader()
	if err != nil {
		return store.Derived{}, err
	}
	d, err := scanDerived(q.QueryRowContext(ctx, derivedSelect+" WHERE doc.id = ?", docID))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("sqlite: derived records of %s: %w", docID, store.ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("sqlite: %w", err)
	}
	return d, nil
}

func (db *DB) Links(ctx context.Context, docID string) ([]store.Link, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	var out []store.Link
	err = each(ctx, q, `SELECT a.id, b.id, l.similarity, l.method, l.at, l.log_index FROM links l
		JOIN documents a ON a.rowid = l.doc_rowid JOIN documents b ON b.rowid = l.copy_rowid
		WHERE a.id = ?1 OR b.id = ?1 ORDER BY l.similarity DESC`, []any{docID}, func(rows *sql.Rows) error {
		var l store.Link
		var at string
		if err := rows.Scan(&l.DocID, &l.CopyOf, &l.Similarity, &l.Method, &at, &l.LogIndex); err != nil {
			return err
		}
		l.At = parseTime(at)
		out = append(out, l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: links of %s: %w", docID, err)
	}
	return out, nil
}

func (db *DB) edits(ctx context.Context, q querier, f store.EditFilter) ([]store.Edit, error) {
	var conds []string
	var args []any
	if f.EventKey != "" {
		conds, args = append(conds, "event_key = ?"), append(args, f.EventKey)
	}
	if f.DocID != "" {
		conds, args = append(conds, "doc_id = ?"), append(args, f.DocID)
	}
	if f.Who != "" {
		conds, args = append(conds, "who = ?"), append(args, f.Who)
	}
	query := "SELECT id, event_key, status, field, value, who, at, note, log_index FROM edits"
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(conds, " AND ")
	}
	var out []store.Edit
	err := each(ctx, q, query+" ORDER BY id", args, func(rows *sql.Rows) error {
		var e store.Edit
		var at string
		if err := rows.Scan(&e.ID, &e.EventKey, &e.Status, &e.Field, &e.Value, &e.Who, &at, &e.Note, &e.LogIndex); err != nil {
			return err
		}
		e.At = parseTime(at)
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("edits: %w", err)
	}
	return out, nil
}

func (db *DB) Edits(ctx context.Context, f store.EditFilter) ([]store.Edit, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	out, err := db.edits(ctx, q, f)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	return out, nil
}

func (db *DB) Decisions(ctx context.Context) ([]store.Decision, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	out, err := db.decisions(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("sqlite: decisions: %w", err)
	}
	return out, nil
}

func (db *DB) decisions(ctx context.Context, q querier) ([]store.Decision, error) {
	var out []store.Decision
	err := each(ctx, q, "SELECT id, kind, keys, apart, who, at, note, log_index FROM decisions ORDER BY id", nil, func(rows *sql.Rows) error {
		var d store.Decision
		var keys, apart, at string
		if err := rows.Scan(&d.ID, &d.Kind, &keys, &apart, &d.Who, &at, &d.Note, &d.LogIndex); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(keys), &d.Keys); err != nil {
			return fmt.Errorf("decision %d keys: %w", d.ID, err)
		}
		if err := json.Unmarshal([]byte(apart), &d.Apart); err != nil {
			return fmt.Errorf("decision %d apart: %w", d.ID, err)
		}
		if len(d.Apart) == 0 {
			d.Apart = nil // as PrepareDecision leaves it, so records compare equal
		}
		d.At = parseTime(at)
		out = append(out, d)
		return nil
	})
	return out, err
}

// each runs a query and calls fn for every row.
func each(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (db *DB) ScanOriginals(ctx context.Context, fn func(store.Original) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	err = each(ctx, q, "SELECT "+originalCols+" FROM originals ORDER BY log_index", nil, func(rows *sql.Rows) error {
		o, err := scanOriginal(rows)
		if err != nil {
			return err
		}
		return fn(o)
	})
	return wrapScan("originals", err)
}

func (db *DB) ScanDocuments(ctx context.Context, fn func(store.Document) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	err = each(ctx, q, "SELECT "+documentCols+", text FROM documents ORDER BY rowid", nil, func(rows *sql.Rows) error {
		d, _, err := scanDocument(rows, true)
		if err != nil {
			return err
		}
		return fn(d)
	})
	return wrapScan("documents", err)
}

func (db *DB) ScanDerived(ctx context.Context, fn func(store.Derived) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	err = each(ctx, q, derivedSelect+" ORDER BY d.log_index", nil, func(rows *sql.Rows) error {
		d, err := scanDerived(rows)
		if err != nil {
			return err
		}
		return fn(d)
	})
	return wrapScan("derived", err)
}

// HistorySince is the log index from which on every replaced result is
// kept (derived_history): stores created before results were kept lack
// the older ones.
func (db *DB) HistorySince(ctx context.Context) (int64, error) {
	q, err := db.reader()
	if err != nil {
		return 0, err
	}
	var v string
	err = q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'history_since'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: history since: %w", err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("sqlite: history since %q: %w", v, err)
	}
	return n, nil
}

// wrapScan wraps a scan's error, leaving the callback's own errors
// recognisable with errors.Is.
func wrapScan(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("sqlite: scan %s: %w", what, err)
}

func (db *DB) LogSize(ctx context.Context) (int64, error) {
	q, err := db.reader()
	if err != nil {
		return 0, err
	}
	var n int64
	if err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(idx)+1, 0) FROM custody_log").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: log size: %w", err)
	}
	return n, nil
}

func (db *DB) LogRecords(ctx context.Context, start int64, fn func(int64, []byte) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	err = each(ctx, q, "SELECT idx, data FROM custody_log WHERE idx >= ? ORDER BY idx", []any{start}, func(rows *sql.Rows) error {
		var i int64
		var data []byte
		if err := rows.Scan(&i, &data); err != nil {
			return err
		}
		return fn(i, data)
	})
	return wrapScan("custody log", err)
}

func (db *DB) ReadHashes(ctx context.Context, idx []int64) ([]tlog.Hash, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	out := make([]tlog.Hash, len(idx))
	// Runs of consecutive indexes (verify reads the hashes of a stretch of
	// records at once) are one range query; tlog's scattered reads one
	// query each.
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && idx[j] == idx[j-1]+1 {
			j++
		}
		n := i
		err := each(ctx, q, "SELECT idx, hash FROM custody_hashes WHERE idx BETWEEN ? AND ? ORDER BY idx", []any{idx[i], idx[j-1]},
			func(rows *sql.Rows) error {
				var x int64
				var b []byte
				if err := rows.Scan(&x, &b); err != nil {
					return err
				}
				if x != idx[n] || len(b) != tlog.HashSize {
					return fmt.Errorf("custody hash %d missing or malformed: %w", idx[n], store.ErrNotFound)
				}
				copy(out[n][:], b)
				n++
				return nil
			})
		if err == nil && n < j {
			err = fmt.Errorf("custody hash %d missing: %w", idx[n], store.ErrNotFound)
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
		i = j
	}
	return out, nil
}

func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	q, err := db.reader()
	if err != nil {
		return store.Stats{}, err
	}
	var s store.Stats
	err = q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM originals), (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events),
		(SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM links),
		(SELECT COUNT(*) FROM edits), (SELECT COUNT(*) FROM decisions), (SELECT COALESCE(MAX(idx)+1, 0) FROM custody_log)`).Scan(
		&s.Originals, &s.Documents, &s.Events, &s.Claims, &s.Actors, &s.Links, &s.Edits, &s.Decisions, &s.LogRecords)
	if err != nil {
		return s, fmt.Errorf("sqlite: stats: %w", err)
	}
	return s, nil
}

// docMeta is what event and claim rows show of their document.
type docMeta struct {
	id, outlet, title, published, url string
}

func unmarshalEvent(data []byte) (sitrep.Event, error) {
	var e sitrep.Event
	if err := json.Unmarshal(data, &e); err != nil {
		return e, fmt.Errorf("event data: %w", err)
	}
	return e, nil
}
