package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// TestFTSKeySQL checks that the SQL form of the full-text key, which
// deletes and the migration use, is the Go form that inserts use.
func TestFTSKeySQL(t *testing.T) {
	db := open(t, t.TempDir(), Options{})
	for _, start := range []string{"", "0001-01-01", "1969-12-31", "1970-01-01", "2000-02-29", "2025-09-02", "9999-12-31"} {
		for _, rowid := range []int64{1, 77, ftsRowidMask} {
			var got int64
			if err := db.w.QueryRow("SELECT "+ftsKeySQL+" FROM (SELECT ? AS date_start, ? AS rowid) e", start, rowid).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if want := ftsKey(start, rowid); got != want || got&ftsRowidMask != rowid {
				t.Errorf("key of %q, %d: SQL %d, Go %d", start, rowid, got, want)
			}
		}
	}
	if ftsKey("2025-09-02", 1) <= ftsKey("2025-09-01", ftsRowidMask) || ftsKey("0001-01-01", 1) <= ftsKey("", ftsRowidMask) {
		t.Errorf("keys do not follow dates")
	}
}

// TestFTSKeyMigration opens a store whose events_fts is keyed by event
// rowid, as before migration 4: the migration re-keys it by date.
func TestFTSKeyMigration(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, dir, Options{})
	docs := storetest.Load(t, db)
	execAll(t, db,
		"DELETE FROM events_fts",
		`INSERT INTO events_fts (rowid, evidence) SELECT e.rowid,
			(SELECT group_concat(json_extract(j.value, '$.text'), char(10)) FROM json_each(e.data, '$.evidence') j) FROM events e`,
		// Later migrations run again too; they must not mind.
		"DELETE FROM schema_migrations WHERE version >= 4",
	)
	db.Close()
	db = open(t, dir, Options{})
	evs, err := db.Events(ctx, store.EventFilter{Text: "said"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, e.Key)
	}
	if want := []string{docs[2].Key("e1"), docs[1].Key("e1")}; !slices.Equal(got, want) {
		t.Errorf("text filter after migration = %v; want %v", got, want)
	}
	var old int
	db.w.QueryRow("SELECT COUNT(*) FROM events_fts WHERE events_fts MATCH 'said' AND rowid <= ?", ftsRowidMask).Scan(&old)
	if old != 0 {
		t.Errorf("%d dated events still under their old full-text key", old)
	}
	var n int
	db.w.QueryRow("SELECT COUNT(*) FROM events_fts_vocab WHERE term = 'checkpost'").Scan(&n)
	if n != 1 {
		t.Errorf("vocabulary after migration: checkpost in %d events; want 1", n)
	}
}

// FuzzSearchQuery: whatever a user types as a search, the query it
// becomes is valid FTS5 (the words are quoted, so none of FTS5's own
// syntax gets through), and the snippet of a match is cut on the text.
func FuzzSearchQuery(f *testing.F) {
	for _, q := range []string{`"enforced disappearance" Turbat`, "bomb*", `NEAR(a b) OR c`, `a AND -b`, `"unterminated`, `col:word`, `^start`, `a"b"c`, "ç* ß ﬁ", "\x00*"} {
		f.Add(q)
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	defer db.Close()
	for _, q := range []string{
		"CREATE VIRTUAL TABLE t USING fts5(title, text)",
		"INSERT INTO t (title, text) VALUES ('Students disappeared', 'Two students were forcibly disappeared from Turbat in August, their families said.')",
	} {
		if _, err := db.Exec(q); err != nil {
			f.Fatal(err)
		}
	}
	match, err := db.Prepare("SELECT COUNT(*) FROM t WHERE t MATCH ?")
	if err != nil {
		f.Fatal(err)
	}
	const text = "Two students were forcibly disappeared from Turbat in August, their families said."
	f.Fuzz(func(t *testing.T, q string) {
		terms, err := store.ParseQuery(q)
		if err != nil {
			return
		}
		var n int
		if err := match.QueryRow(store.FTS5Query(terms)).Scan(&n); err != nil {
			t.Fatalf("query %q became %q, which FTS5 refuses: %v", q, store.FTS5Query(terms), err)
		}
		if s := store.Snippet(text, terms, 16); !utf8.ValidString(s) {
			t.Fatalf("snippet %q is not UTF-8", s)
		}
	})
}

// TestSoftHyphenMigration opens a store whose full-text indexes hold the
// halves of words broken by soft hyphens, as before migration 17: the
// migration indexes them whole, and verify finds the indexes sound.
func TestSoftHyphenMigration(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, dir, Options{})
	d := storetest.SoftHyphenDoc()
	if err := db.PutBatch(ctx, []store.Item{d.Item()}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"DROP TABLE documents_fts",
		"DROP VIEW documents_search",
		"CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid')",
		"INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')",
		"DELETE FROM events_fts",
		"INSERT INTO events_fts (rowid, evidence) SELECT " + ftsKeySQL + ", ? FROM events e",
		"DELETE FROM claims_fts",
		"INSERT INTO claims_fts (rowid, text) SELECT rowid, ? FROM claims",
		"DELETE FROM schema_migrations WHERE version >= 17",
	} {
		var args []any
		if strings.Contains(q, "?") {
			args = append(args, d.Text)
		}
		if _, err := db.w.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if hits, _ := db.Search(ctx, "myanmar", 10); len(hits) != 0 {
		t.Fatalf("the old index finds the broken word: the test does not set up the old state")
	}
	db.Close()
	db = open(t, dir, Options{})
	if hits, err := db.Search(ctx, "myanmar", 10); err != nil || len(hits) != 1 || !strings.Contains(hits[0].Snippet, "[Myanmar]") {
		t.Errorf("Search(myanmar) after migration = %+v, %v", hits, err)
	}
	if evs, err := db.Events(ctx, store.EventFilter{Text: "myanmar"}); err != nil || len(evs) != 1 {
		t.Errorf("Events(text myanmar) after migration = %d, %v", len(evs), err)
	}
	if cls, err := db.Claims(ctx, store.ClaimFilter{Text: "spokesperson"}); err != nil || len(cls) != 1 {
		t.Errorf("Claims(text spokesperson) after migration = %d, %v", len(cls), err)
	}
	var problems []store.IndexProblem
	if err := db.VerifyIndexes(ctx, func(p store.IndexProblem) { problems = append(problems, p) }); err != nil || len(problems) != 0 {
		t.Errorf("VerifyIndexes after migration: %v, %+v", err, problems)
	}
}
