package sqlite

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/internal/custody"
	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

func open(t *testing.T, dir string, opts Options) *DB {
	t.Helper()
	db, err := Open(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// tableProblems is what verify finds in one derived table of db.
func tableProblems(t *testing.T, db *DB, table string) []store.IndexProblem {
	t.Helper()
	var out []store.IndexProblem
	if err := db.VerifyIndexes(context.Background(), func(p store.IndexProblem) {
		if p.Table == table {
			out = append(out, p)
		}
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// execAll runs statements on db's writer, each on its own.
func execAll(t *testing.T, db *DB, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if _, err := db.w.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// bigItems are documents whose originals are large, to fill a small disk.
func bigItems() []store.Item {
	var items []store.Item
	for _, d := range storetest.Corpus() {
		it := d.Item()
		it.Raw = append(bytes.Repeat([]byte("<!-- padding -->"), 8000), it.Raw...)
		items = append(items, it)
	}
	return items
}

func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, dir, Options{})
	storetest.Load(t, db) // something to keep
	var pages int
	if err := db.w.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	before, _ := db.Stats(ctx)
	db.Close()

	// The database may grow by a few pages only: the next batch cannot fit.
	full := open(t, dir, Options{maxPages: pages + 4})
	err := full.PutBatch(ctx, bigItems())
	if !errors.Is(err, store.ErrFull) {
		t.Fatalf("PutBatch on a full disk: err = %v; want ErrFull", err)
	}
	if !strings.Contains(err.Error(), "put batch") {
		t.Errorf("error %q does not say what failed", err)
	}
	after, err := full.Stats(ctx)
	if err != nil || after != before {
		t.Errorf("after the failed batch: %+v, %v; want unchanged %+v", after, err, before)
	}
	if _, err := custody.New(full, dir).Verify(ctx); err != nil {
		t.Errorf("Verify after a failed write: %v", err)
	}
	// Small writes that fit still work: the store is not wedged.
	if _, err := full.PutOriginal(ctx, store.Original{Source: "small"}, []byte("small")); err != nil {
		t.Errorf("small write after a failed one: %v", err)
	}
}

func TestReadOnlyOption(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, dir, Options{})
	docs := storetest.Load(t, db)
	db.Close()

	ro := open(t, dir, Options{ReadOnly: true})
	if _, err := ro.PutOriginal(ctx, store.Original{}, []byte("x")); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("write to a read-only store: err = %v; want ErrReadOnly", err)
	}
	if evs, err := ro.Events(ctx, store.EventFilter{}); err != nil || len(evs) != 6 {
		t.Errorf("read from a read-only store: %d events, %v", len(evs), err)
	}
	if _, err := ro.Event(ctx, docs[0].Key("e1")); err != nil {
		t.Errorf("dossier from a read-only store: %v", err)
	}
	if _, err := Open(ctx, filepath.Join(dir, "nothing-here"), Options{ReadOnly: true}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read-only open of a missing store: err = %v; want ErrNotExist", err)
	}
}

// TestReadOnlyFile opens a store whose database SQLite must treat as
// read-only (the read-only VFS mode), as on a read-only mount: every write
// fails with ErrReadOnly and leaves nothing behind.
func TestReadOnlyFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, dir, Options{})
	storetest.Load(t, db)
	before, _ := db.Stats(ctx)
	db.Close()

	ro := open(t, dir, Options{ReadOnly: true})
	ro.readOnly = false // let the write reach SQLite, as it would on a read-only mount
	err := ro.PutBatch(ctx, bigItems()[:1])
	if !errors.Is(err, store.ErrReadOnly) {
		t.Fatalf("write to a read-only file: err = %v; want ErrReadOnly", err)
	}
	if after, _ := ro.Stats(ctx); after != before {
		t.Errorf("after the refused write: %+v; want %+v", after, before)
	}
}

func TestReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	parent := t.TempDir()
	if err := os.Chmod(parent, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(parent, 0o700)
	_, err := Open(context.Background(), filepath.Join(parent, "data"), Options{})
	if !errors.Is(err, store.ErrReadOnly) || !errors.Is(err, os.ErrPermission) {
		t.Errorf("Open in a read-only directory: err = %v; want ErrReadOnly wrapping a permission error", err)
	}
	if ents, _ := os.ReadDir(parent); len(ents) != 0 {
		t.Errorf("left %v behind", ents)
	}
}

func TestOpenUnderFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, []byte("x"), 0o600)
	if _, err := Open(context.Background(), filepath.Join(f, "data"), Options{}); err == nil || !strings.Contains(err.Error(), "data directory") {
		t.Errorf("Open under a file: err = %v; want a clear error", err)
	}
}

// TestAbandoned leaves a store open, as a killed process does, and opens
// the directory again: committed writes are there, the cancelled one is
// not, and custody verifies.
func TestAbandoned(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Load(t, first)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := first.PutBatch(cancelled, bigItems()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled batch: err = %v", err)
	}
	// No Close: the WAL and shared-memory files stay as a crash leaves them.
	second := open(t, dir, Options{})
	st, err := second.Stats(ctx)
	if err != nil || st.Documents != 4 || st.LogRecords != 13 {
		t.Errorf("reopened: %+v, %v", st, err)
	}
	if _, err := custody.New(second, dir).Verify(ctx); err != nil {
		t.Errorf("Verify after reopening: %v", err)
	}
	first.Close()
}

func TestMigrationsOnce(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir, Options{})
	db.Close()
	db = open(t, dir, Options{})
	var n, v int
	if err := db.w.QueryRow("SELECT COUNT(*), MAX(version) FROM schema_migrations").Scan(&n, &v); err != nil {
		t.Fatal(err)
	}
	files, _ := migrationFiles()
	if n != len(files) || v != len(files) {
		t.Errorf("schema_migrations has %d rows, version %d; want %d", n, v, len(files))
	}
	var mode string
	db.w.QueryRow("PRAGMA journal_mode").Scan(&mode)
	var sync int
	db.w.QueryRow("PRAGMA synchronous").Scan(&sync)
	if mode != "wal" || sync != 2 {
		t.Errorf("journal_mode %s, synchronous %d; want wal, 2 (FULL)", mode, sync)
	}
}

// TestBatchRepeatsVerify checks custody after a batch that stores one
// document several times, which takes the write path's queued rows
// through their early flushes.
func TestBatchRepeatsVerify(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, dir, Options{})
	docs := storetest.Corpus()
	a := docs[0]
	again := a.Item()
	doc := *again.Document
	doc.Text += " Later the police named the victims."
	again.Document = &doc
	r := a.Result
	r.Events = r.Events[1:]
	again.Result, again.ExtractorVersion = &r, "test-2"
	if err := db.PutBatch(ctx, []store.Item{a.Item(), docs[1].Item(), again, docs[3].Item()}); err != nil {
		t.Fatal(err)
	}
	if _, err := custody.New(db, dir).Verify(ctx); err != nil {
		t.Errorf("Verify: %v", err)
	}
}
