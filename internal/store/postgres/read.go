package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/mod/sumdb/tlog"

	"sitrep/internal/store"
)

// querier is what reads need: the pool, or a write transaction that must
// see its own changes.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func (db *DB) reader() (querier, error) {
	if err := db.check(); err != nil {
		return nil, err
	}
	return db.pool, nil
}

// each runs a query and calls fn for every row.
func each(ctx context.Context, q querier, query string, args []any, fn func(pgx.Rows) error) error {
	rows, err := q.Query(ctx, query, args...)
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

// utc gives times read back the form store.Timestamp gives them.
func utc(t time.Time) time.Time { return t.UTC() }

const originalCols = "hash, size, source, url, captured_at, outlet, published, title, content_type, log_index"

// scanOriginal scans originalCols, after the extra destinations.
func scanOriginal(sc pgx.Row, extra ...any) (store.Original, error) {
	var o store.Original
	dest := append(extra, &o.Hash, &o.Size, &o.Source, &o.URL, &o.CapturedAt, &o.Outlet, &o.Published, &o.Title, &o.ContentType, &o.LogIndex)
	err := sc.Scan(dest...)
	o.CapturedAt = utc(o.CapturedAt)
	return o, err
}

func (db *DB) Original(ctx context.Context, hash string) (store.Original, error) {
	q, err := db.reader()
	if err != nil {
		return store.Original{}, err
	}
	o, err := scanOriginal(q.QueryRow(ctx, "SELECT "+originalCols+" FROM originals WHERE hash = $1", hash))
	if errors.Is(err, pgx.ErrNoRows) {
		return o, fmt.Errorf("postgres: original %s: %w", hash, store.ErrNotFound)
	}
	if err != nil {
		return o, fmt.Errorf("postgres: original %s: %w", hash, classify(err))
	}
	return o, nil
}

func (db *DB) Originals(ctx context.Context, hashes []string) (map[string]store.Original, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	out := make(map[string]store.Original, len(hashes))
	err = each(ctx, q, "SELECT "+originalCols+" FROM originals WHERE hash = ANY($1)", []any{hashes}, func(rows pgx.Rows) error {
		o, err := scanOriginal(rows)
		out[o.Hash] = o
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: originals: %w", classify(err))
	}
	return out, nil
}

// OpenOriginal returns the original's bytes, read whole: an original is
// one article or page, small next to memory.
func (db *DB) OpenOriginal(ctx context.Context, hash string) (io.ReadCloser, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	var data []byte
	err = q.QueryRow(ctx, `SELECT b.data FROM blobs b JOIN originals o ON o.rowid = b.original_rowid
		WHERE o.hash = $1`, hash).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: original %s: %w", hash, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: original %s: %w", hash, classify(err))
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

const documentCols = `documents.rowid, documents.id, documents.text_hash, documents.title, documents.outlet,
	documents.published, documents.url, documents.language, documents.stored_at, documents.log_index`

// scanDocument scans documentCols, then the text when withText, then the
// extra destinations.
func scanDocument(sc pgx.Row, rowid *int64, withText bool, extra ...any) (store.Document, error) {
	var d store.Document
	dest := []any{rowid, &d.ID, &d.TextHash, &d.Title, &d.Outlet, &d.Published, &d.URL, &d.Language, &d.StoredAt, &d.LogIndex}
	if withText {
		dest = append(dest, &d.Text)
	}
	err := sc.Scan(append(dest, extra...)...)
	d.StoredAt = utc(d.StoredAt)
	return d, err
}

func (db *DB) document(ctx context.Context, q querier, id string, withText bool) (store.Document, bool, error) {
	cols := documentCols
	if withText {
		cols += ", documents.text"
	}
	var rowid int64
	d, err := scanDocument(q.QueryRow(ctx, "SELECT "+cols+" FROM documents WHERE id = $1", id), &rowid, withText)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, false, nil
	}
	if err != nil {
		return d, false, fmt.Errorf("document %s: %w", id, classify(err))
	}
	return d, true, nil
}

func (db *DB) Document(ctx context.Context, id string) (store.Document, error) {
	q, err := db.reader()
	if err != nil {
		return store.Document{}, err
	}
	d, found, err := db.document(ctx, q, id, true)
	if err != nil {
		return d, fmt.Errorf("postgres: %w", err)
	}
	if !found {
		return d, fmt.Errorf("postgres: document %s: %w", id, store.ErrNotFound)
	}
	return d, nil
}

const derivedSelect = `SELECT doc.id, d.extractor_version, d.result, d.result_hash, d.stored_at, d.log_index
	FROM derived d JOIN documents doc ON doc.rowid = d.doc_rowid`

func scanDerived(sc pgx.Row) (store.Derived, error) {
	var d store.Derived
	var result []byte
	if err := sc.Scan(&d.DocID, &d.ExtractorVersion, &result, &d.ResultHash, &d.StoredAt, &d.LogIndex); err != nil {
		return d, err
	}
	d.StoredAt = utc(d.StoredAt)
	if err := json.Unmarshal(result, &d.Result); err != nil {
		return d, fmt.Errorf("derived result of %s: %w", d.DocID, err)
	}
	return d, nil
}

func (db *DB) Derived(ctx context.Context, docID string) (store.Derived, error) {
	q, err := db.reader()
	if err != nil {
		return store.Derived{}, err
	}
	d, err := scanDerived(q.QueryRow(ctx, derivedSelect+" WHERE doc.id = $1", docID))
	if errors.Is(err, pgx.ErrNoRows) {
		return d, fmt.Errorf("postgres: derived records of %s: %w", docID, store.ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("postgres: %w", classify(err))
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
		WHERE a.id = $1 OR b.id = $1 ORDER BY l.similarity DESC`, []any{docID}, func(rows pgx.Rows) error {
		var l store.Link
		if err := rows.Scan(&l.DocID, &l.CopyOf, &l.Similarity, &l.Method, &l.At, &l.LogIndex); err != nil {
			return err
		}
		l.At = utc(l.At)
		out = append(out, l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: links of %s: %w", docID, classify(err))
	}
	return out, nil
}

// ScanLinks calls fn for every link, in log order (for migrate).
func (db *DB) ScanLinks(ctx context.Context, fn func(store.Link) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	return wrapScan("links", each(ctx, q, `SELECT a.id, b.id, l.similarity, l.method, l.at, l.log_index FROM links l
		JOIN documents a ON a.rowid = l.doc_rowid JOIN documents b ON b.rowid = l.copy_rowid ORDER BY l.log_index`, nil,
		func(rows pgx.Rows) error {
			var l store.Link
			if err := rows.Scan(&l.DocID, &l.CopyOf, &l.Similarity, &l.Method, &l.At, &l.LogIndex); err != nil {
				return err
			}
			l.At = utc(l.At)
			return fn(l)
		}))
}

func edits(ctx context.Context, q querier, f store.EditFilter) ([]store.Edit, error) {
	var conds []string
	var args []any
	if f.EventKey != "" {
		args = append(args, f.EventKey)
		conds = append(conds, fmt.Sprintf("event_key = $%d", len(args)))
	}
	if f.DocID != "" {
		args = append(args, f.DocID)
		conds = append(conds, fmt.Sprintf("doc_id = $%d", len(args)))
	}
	if f.Who != "" {
		args = append(args, f.Who)
		conds = append(conds, fmt.Sprintf("who = $%d", len(args)))
	}
	query := "SELECT id, event_key, status, field, value, who, at, note, log_index FROM edits"
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(conds, " AND ")
	}
	var out []store.Edit
	err := each(ctx, q, query+" ORDER BY id", args, func(rows pgx.Rows) error {
		var e store.Edit
		if err := rows.Scan(&e.ID, &e.EventKey, &e.Status, &e.Field, &e.Value, &e.Who, &e.At, &e.Note, &e.LogIndex); err != nil {
			return err
		}
		e.At = utc(e.At)
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("edits: %w", classify(err))
	}
	return out, nil
}

func (db *DB) Edits(ctx context.Context, f store.EditFilter) ([]store.Edit, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	out, err := edits(ctx, q, f)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return out, nil
}

func (db *DB) Decisions(ctx context.Context) ([]store.Decision, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	out, err := decisions(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("postgres: decisions: %w", classify(err))
	}
	return out, nil
}

func decisions(ctx context.Context, q querier) ([]store.Decision, error) {
	var out []store.Decision
	err := each(ctx, q, "SELECT id, kind, keys, apart, who, at, note, log_index FROM decisions ORDER BY id", nil, func(rows pgx.Rows) error {
		var d store.Decision
		var keys, apart string
		if err := rows.Scan(&d.ID, &d.Kind, &keys, &apart, &d.Who, &d.At, &d.Note, &d.LogIndex); err != nil {
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
		d.At = utc(d.At)
		out = append(out, d)
		return nil
	})
	return out, err
}

func (db *DB) ScanOriginals(ctx context.Context, fn func(store.Original) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	return wrapScan("originals", each(ctx, q, "SELECT "+originalCols+" FROM originals ORDER BY log_index", nil, func(rows pgx.Rows) error {
		o, err := scanOriginal(rows)
		if err != nil {
			return err
		}
		return fn(o)
	}))
}

func (db *DB) ScanDocuments(ctx context.Context, fn func(store.Document) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	return wrapScan("documents", each(ctx, q, "SELECT "+documentCols+", documents.text FROM documents ORDER BY rowid", nil, func(rows pgx.Rows) error {
		var rowid int64
		d, err := scanDocument(rows, &rowid, true)
		if err != nil {
			return err
		}
		return fn(d)
	}))
}

func (db *DB) ScanDerived(ctx context.Context, fn func(store.Derived) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	return wrapScan("derived", each(ctx, q, derivedSelect+" ORDER BY d.log_index", nil, func(rows pgx.Rows) error {
		d, err := scanDerived(rows)
		if err != nil {
			return err
		}
		return fn(d)
	}))
}

// wrapScan wraps a scan's error, leaving the callback's own errors
// recognisable with errors.Is.
func wrapScan(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("postgres: scan %s: %w", what, classify(err))
}

func (db *DB) LogSize(ctx context.Context) (int64, error) {
	q, err := db.reader()
	if err != nil {
		return 0, err
	}
	var n int64
	if err := q.QueryRow(ctx, "SELECT COALESCE(MAX(idx) + 1, 0) FROM custody_log").Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: log size: %w", classify(err))
	}
	return n, nil
}

func (db *DB) LogRecords(ctx context.Context, start int64, fn func(int64, []byte) error) error {
	q, err := db.reader()
	if err != nil {
		return err
	}
	return wrapScan("custody log", each(ctx, q, "SELECT idx, data FROM custody_log WHERE idx >= $1 ORDER BY idx", []any{start},
		func(rows pgx.Rows) error {
			var i int64
			var data []byte
			if err := rows.Scan(&i, &data); err != nil {
				return err
			}
			return fn(i, data)
		}))
}

// readHashes reads stored hashes by index in one query.
func readHashes(ctx context.Context, q querier, idx []int64) (map[int64]tlog.Hash, error) {
	out := make(map[int64]tlog.Hash, len(idx))
	err := each(ctx, q, "SELECT idx, hash FROM custody_hashes WHERE idx = ANY($1)", []any{idx}, func(rows pgx.Rows) error {
		var i int64
		var b []byte
		if err := rows.Scan(&i, &b); err != nil {
			return err
		}
		if len(b) != tlog.HashSize {
			return fmt.Errorf("custody hash %d malformed: %w", i, store.ErrNotFound)
		}
		out[i] = tlog.Hash(b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, x := range idx {
		if _, ok := out[x]; !ok {
			return nil, fmt.Errorf("custody hash %d missing: %w", x, store.ErrNotFound)
		}
	}
	return out, nil
}

func (db *DB) ReadHashes(ctx context.Context, idx []int64) ([]tlog.Hash, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	got, err := readHashes(ctx, q, idx)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", classify(err))
	}
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		out[i] = got[x]
	}
	return out, nil
}

func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	q, err := db.reader()
	if err != nil {
		return store.Stats{}, err
	}
	var s store.Stats
	err = q.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM originals), (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events),
		(SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM links),
		(SELECT COUNT(*) FROM edits), (SELECT COUNT(*) FROM decisions), (SELECT COALESCE(MAX(idx) + 1, 0) FROM custody_log)`).Scan(
		&s.Originals, &s.Documents, &s.Events, &s.Claims, &s.Actors, &s.Links, &s.Edits, &s.Decisions, &s.LogRecords)
	if err != nil {
		return s, fmt.Errorf("postgres: stats: %w", classify(err))
	}
	return s, nil
}
