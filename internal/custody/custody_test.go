package custody

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	_ "modernc.org/sqlite"

	"sitrep/internal/store"
	"sitrep/internal/store/memory"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/postgres/pgtest"
	"sitrep/internal/store/sqlite"
	"sitrep/internal/store/storetest"
)

func openSQLite(t *testing.T) (*sqlite.DB, string) {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dir
}

// tamper changes the database file behind the store's back, as someone
// with access to the disk could.
func tamper(t *testing.T, dir, query string, args ...any) {
	t.Helper()
	raw, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	res, err := raw.Exec(query, args...)
	if err != nil {
		t.Fatalf("tamper: %v", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatalf("tamper changed nothing: %s", query)
	}
}

// backends are the stores verify runs on: memory, SQLite and, when a test
// cluster is configured (pgtest), PostgreSQL.
func backends(t *testing.T) map[string]store.Store {
	out := map[string]store.Store{"memory": memory.New(), "sqlite": func() store.Store { db, _ := openSQLite(t); return db }()}
	if os.Getenv(pgtest.Env) != "" {
		db, err := postgres.Open(context.Background(), pgtest.URL(t), postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		out["postgres"] = db
	}
	return out
}

func TestVerifyClean(t *testing.T) {
	for name, st := range backends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			docs := storetest.Load(t, st)
			if _, err := st.AddEdit(ctx, store.Edit{EventKey: docs[0].Key("e1"), Status: store.EditValue, Field: store.FieldKilled, Value: "16", Who: "ana"}); err != nil {
				t.Fatal(err)
			}
			r := docs[1].Result
			r.Events = r.Events[:1]
			if err := st.ReplaceDerived(ctx, docs[1].ID(), r, "v2"); err != nil {
				t.Fatal(err)
			}
			rep, err := New(st, t.TempDir()).Verify(ctx)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if rep.Originals != 4 || rep.Documents != 4 || rep.Derived != 4 || rep.Links != 1 || rep.Edits != 1 || rep.Tree.Size != 15 || rep.Bytes == 0 {
				t.Errorf("report = %+v", rep)
			}
			if rep.Incidents == 0 || rep.Edges == 0 || rep.Violence == 0 {
				t.Errorf("views compared: %d incidents, %d documents' framing, %d claim edges, %d violence rows", rep.Incidents, rep.Framing, rep.Edges, rep.Violence)
			}
			head, _ := New(st, "").Head(ctx)
			if head != rep.Tree {
				t.Errorf("Head %v != verified tree %v", head, rep.Tree)
			}
		})
	}
}

// TestVerifyChangedIncident changes the figure an incident shows, as
// someone editing the database file could: verify fails and names it.
func TestVerifyChangedIncident(t *testing.T) {
	ctx := context.Background()
	db, dir := openSQLite(t)
	docs := storetest.Load(t, db)
	of, err := db.IncidentsOf(ctx, []string{docs[0].Key("e1")})
	if err != nil {
		t.Fatal(err)
	}
	id := of[docs[0].Key("e1")]
	tamper(t, dir, `UPDATE incident_data SET data = replace(data, '"best":15', '"best":250') WHERE incident_rowid = (SELECT rowid FROM incidents WHERE id = ?)`, id)
	_, err = New(db, dir).Verify(ctx)
	var m *Mismatch
	if !errors.As(err, &m) || m.Kind != "view" || m.Table != "incident" || m.Subject != id || !strings.Contains(m.Found, "250") {
		t.Fatalf("Verify after changing incident %s: %v", id, err)
	}
	if !strings.Contains(err.Error(), "incident row "+id) {
		t.Errorf("message %q does not name the row", err)
	}
}

func TestVerifyCorruptOriginal(t *testing.T) {
	ctx := context.Background()
	check := func(t *testing.T, st store.Store, victim storetest.Doc) {
		t.Helper()
		rep, err := New(st, t.TempDir()).Verify(ctx)
		var m *Mismatch
		if !errors.As(err, &m) || !errors.Is(err, ErrMismatch) {
			t.Fatalf("Verify = %v; want a Mismatch", err)
		}
		if m.Kind != store.RecordOriginal || m.Subject != victim.ID() || !strings.Contains(m.What, victim.Meta.Source) ||
			!strings.Contains(m.Expected, victim.ID()) || strings.Contains(m.Found, victim.ID()) {
			t.Errorf("mismatch = %+v; want the original, its source, expected and found hashes", m)
		}
		if len(rep.Problems) != 1 {
			t.Errorf("problems = %v; want just the one", rep.Problems)
		}
		if !strings.Contains(err.Error(), "record 3 (original "+victim.ID()) {
			t.Errorf("message %q does not name the record", err)
		}
	}
	t.Run("memory", func(t *testing.T) {
		st := memory.New()
		docs := storetest.Load(t, st)
		st.Corrupt(docs[1].ID(), []byte("TURBAT: Two students were forcibly disappeared from Turbat in July"))
		check(t, st, docs[1])
	})
	t.Run("sqlite", func(t *testing.T) {
		st, dir := openSQLite(t)
		docs := storetest.Load(t, st)
		tamper(t, dir, "UPDATE blobs SET data = CAST('flipped' AS BLOB) WHERE original_rowid = (SELECT rowid FROM originals WHERE hash = ?)", docs[1].ID())
		check(t, st, docs[1])
	})
}

func TestVerifyTamperedRows(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, query, what, kind string
		index                   int64
	}{
		{"derived result", "UPDATE derived SET result = replace(result, '\"best\":15', '\"best\":5')", "extraction result", store.RecordDerived, 2},
		{"document text", "UPDATE documents SET text = replace(text, 'BLA', 'TTP')", "document text", store.RecordDocument, 4},
		{"original metadata", "UPDATE originals SET outlet = 'Other' WHERE outlet = 'Wire'", "stored row differs from its record", store.RecordOriginal, 6},
		{"log record", "UPDATE custody_log SET data = replace(data, 'Le Monde', 'Le Temps')", "record hash", store.RecordOriginal, 9},
		{"removed row", "DELETE FROM links", "recorded object is missing from the store", store.RecordLink, 12},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, dir := openSQLite(t)
			storetest.Load(t, st)
			if _, err := New(st, dir).Verify(ctx); err != nil {
				t.Fatalf("before tampering: %v", err)
			}
			tamper(t, dir, tc.query)
			_, err := New(st, dir).Verify(ctx)
			var m *Mismatch
			if !errors.As(err, &m) {
				t.Fatalf("Verify = %v; want a Mismatch", err)
			}
			if m.Index != tc.index || m.Kind != tc.kind || !strings.Contains(m.What, tc.what) {
				t.Errorf("first mismatch = %+v; want record %d (%s), %q", m, tc.index, tc.kind, tc.what)
			}
		})
	}
}

func TestCheckpoint(t *testing.T) {
	ctx := context.Background()
	st, dir := openSQLite(t)
	docs := storetest.Load(t, st)
	l := New(st, dir)
	cp, err := l.Checkpoint(ctx)
	if err != nil {
		t.Fatalf("Checkpoint: %v", err)
	}
	if !bytes.HasPrefix(cp, []byte("sitrep custody log\n13\n")) || !bytes.Contains(cp, []byte("\n— "+KeyName+" ")) {
		t.Errorf("checkpoint =\n%s", cp)
	}
	fi, err := os.Stat(filepath.Join(dir, PrivateKeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("private key: %v, mode %v; want 0600", err, fi.Mode())
	}
	// The key is kept: a second checkpoint verifies with the same public key.
	pub, _ := l.PublicKey()
	if _, err := l.VerifyCheckpoint(ctx, cp); err != nil {
		t.Errorf("VerifyCheckpoint(now) = %v", err)
	}
	// The log grows: the old checkpoint is a prefix.
	if _, err := st.AddEdit(ctx, store.Edit{EventKey: docs[0].Key("e1"), Status: store.EditConfirm, Who: "ana"}); err != nil {
		t.Fatal(err)
	}
	cur, err := l.VerifyCheckpoint(ctx, cp)
	if err != nil || cur.Size != 14 {
		t.Errorf("VerifyCheckpoint after growth = %v, %v", cur, err)
	}
	cp2, _ := l.Checkpoint(ctx)
	if _, err := OpenCheckpoint(cp2, pub); err != nil {
		t.Errorf("second checkpoint with the first public key: %v", err)
	}
	// A forged checkpoint text fails its signature.
	forged := bytes.Replace(cp, []byte("\n13\n"), []byte("\n12\n"), 1)
	if _, err := l.VerifyCheckpoint(ctx, forged); !errors.Is(err, ErrBadSignature) {
		t.Errorf("forged checkpoint: err = %v; want ErrBadSignature", err)
	}
	// A rewritten history (same key, different records) is not an extension.
	other, odir := openSQLite(t)
	for _, f := range []string{PrivateKeyFile, PublicKeyFile} {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		os.WriteFile(filepath.Join(odir, f), b, 0o600)
	}
	d := storetest.Corpus()
	d[0].Meta.Outlet = "Rewritten"
	for i := range d {
		if err := other.PutBatch(ctx, []store.Item{d[i].Item()}); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		other.PutOriginal(ctx, store.Original{}, []byte(strings.Repeat("x", len(d))))
		d = append(d, d[0])
	}
	if _, err := New(other, odir).VerifyCheckpoint(ctx, cp); !errors.Is(err, ErrInconsistent) {
		t.Errorf("rewritten log: err = %v; want ErrInconsistent", err)
	}
	// A log shorter than the checkpoint lost records.
	short := memory.New()
	if _, err := New(short, dir).VerifyCheckpoint(ctx, cp); !errors.Is(err, ErrInconsistent) {
		t.Errorf("shorter log: err = %v; want ErrInconsistent", err)
	}
}

func TestCheckpointReadOnlyDir(t *testing.T) {
	st := memory.New()
	storetest.Load(t, st)
	defer func(old func(string, string) (*os.File, error)) { createTemp = old }(createTemp)
	createTemp = func(string, string) (*os.File, error) {
		return nil, &os.PathError{Op: "open", Path: "custody.pub.tmp", Err: syscall.EROFS}
	}
	dir := t.TempDir()
	_, err := New(st, dir).Checkpoint(context.Background())
	if !errors.Is(err, syscall.EROFS) || !strings.Contains(err.Error(), PublicKeyFile) {
		t.Errorf("Checkpoint on a read-only dir: err = %v; want EROFS naming the file", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("left %v behind", ents)
	}
}

func TestWriteFileAtomicDiskFull(t *testing.T) {
	defer func(old func(*os.File, []byte) error) { writeAll = old }(writeAll)
	writeAll = func(f *os.File, b []byte) error {
		f.Write(b[:len(b)/2])
		return &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "custody.key")
	os.WriteFile(path, []byte("old\n"), 0o600)
	err := WriteFileAtomic(path, []byte("new key material\n"), 0o600)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v; want ENOSPC", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("file = %q; want the old content untouched", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temporary file left behind: %v", ents)
	}
}

func TestPushRoot(t *testing.T) {
	// The streaming root must equal tlog's for every size.
	var stack []subtree
	var hashes []tlogHash
	for n := 1; n <= 70; n++ {
		data := []byte{byte(n)}
		stack, _ = push(stack, subtree{1, recordHash(data)})
		hashes = appendStored(t, hashes, int64(n-1), data)
		if got, want := rootOf(stack), treeHash(t, int64(n), hashes); got != want {
			t.Fatalf("n=%d: root %v, tlog %v", n, got, want)
		}
	}
}

// TestVerifyEmpty: a store with nothing in it verifies, whichever backend.
func TestVerifyEmpty(t *testing.T) {
	for name, st := range backends(t) {
		t.Run(name, func(t *testing.T) {
			rep, err := New(st, t.TempDir()).Verify(context.Background())
			if err != nil || rep.Tree.Size != 0 || len(rep.Problems) != 0 {
				t.Errorf("Verify of an empty store = %+v, %v", rep, err)
			}
		})
	}
}

// FuzzOpenCheckpoint: a checkpoint file, which a user hands to verify, is
// refused or names a tree that prints back as the same text.
func FuzzOpenCheckpoint(f *testing.F) {
	dir := f.TempDir()
	l := New(memory.New(), dir)
	cp, err := l.Checkpoint(context.Background())
	if err != nil {
		f.Fatal(err)
	}
	vkey, err := l.PublicKey()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(cp)
	f.Add([]byte("sitrep custody log\n13\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— sitrep-custody x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if tr, err := ParseTree(string(b)); err == nil {
			if again, err := ParseTree(FormatTree(tr)); err != nil || again != tr {
				t.Fatalf("%q parsed to %v, which does not survive printing: %v", b, tr, err)
			}
		}
		if _, err := OpenCheckpoint(b, vkey); err == nil && !bytes.HasPrefix(b, []byte(checkpointHead+"\n")) {
			t.Fatalf("a checkpoint without the head opened: %q", b)
		}
	})
}
