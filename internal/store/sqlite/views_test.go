package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
	"sitrep/internal/views"
)

// TestViewsOfOtherProcesses writes through two handles on one data
// directory, as a command-line ingest and a running server do: each sees
// the other's incidents at once, and views kept in memory between writes
// are dropped when the other one wrote, so the views stay those of the log.
func TestViewsOfOtherProcesses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := open(t, dir, Options{})
	b := open(t, dir, Options{})
	docs := storetest.Corpus()
	if err := a.PutBatch(ctx, []store.Item{docs[0].Item()}); err != nil {
		t.Fatal(err)
	}
	if of, err := b.IncidentsOf(ctx, []string{docs[0].Key("e1")}); err != nil || of[docs[0].Key("e1")] == "" {
		t.Fatalf("the other handle does not see the incident: %v, %v", of, err)
	}
	// b merges what a placed; a, which has its incidents in memory, then
	// places a report of the same bombing: it must see b's merge.
	if _, err := b.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{docs[0].Key("e1"), docs[0].Key("e2")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	if err := a.PutBatch(ctx, []store.Item{docs[1].Item(), docs[3].Item()}); err != nil {
		t.Fatal(err)
	}
	inc, err := a.IncidentsOf(ctx, []string{docs[0].Key("e1"), docs[0].Key("e2")})
	if err != nil || inc[docs[0].Key("e1")] != inc[docs[0].Key("e2")] {
		t.Errorf("a does not see b's merge: %v, %v", inc, err)
	}
	for _, db := range []*DB{a, b} {
		if rep, err := views.Verify(ctx, db, 10); err != nil || len(rep.Problems) > 0 {
			t.Errorf("views differ from the log: %v, %v", rep.Problems, err)
		}
	}
}

// TestStaleViews opens a store whose views other rules built: changes
// that move incidents are refused until the views are rebuilt.
func TestStaleViews(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, dir, Options{})
	docs := storetest.Load(t, db)
	if _, err := db.w.Exec("UPDATE meta SET value = 'older rules' WHERE key = 'views_rules'"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = open(t, dir, Options{})
	if st, err := db.ViewsState(ctx); err != nil || st.Current || st.Rules != "older rules" {
		t.Fatalf("ViewsState = %+v, %v", st, err)
	}
	_, err := db.AddEdit(ctx, store.Edit{EventKey: docs[0].Key("e1"), Status: store.EditConfirm, Who: "vera"})
	if !errors.Is(err, store.ErrStaleViews) {
		t.Fatalf("edit on stale views: %v, want ErrStaleViews", err)
	}
	if rep, _ := views.Verify(ctx, db, 10); len(rep.Problems) != 1 || rep.Problems[0].Table != "views" {
		t.Errorf("verify on stale views: %v", rep.Problems)
	}
	if err := db.RebuildViews(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddEdit(ctx, store.Edit{EventKey: docs[0].Key("e1"), Status: store.EditConfirm, Who: "vera"}); err != nil {
		t.Fatalf("edit after the rebuild: %v", err)
	}
	if rep, err := views.Verify(ctx, db, 10); err != nil || len(rep.Problems) > 0 {
		t.Errorf("views after the rebuild: %v, %v", rep.Problems, err)
	}
}

// TestVerifyNamesChangedViewRows changes view rows behind the store's
// back, one at a time in a store of its own: verify names each.
func TestVerifyNamesChangedViewRows(t *testing.T) {
	ctx := context.Background()
	docs := storetest.Corpus()
	load := func(t *testing.T) (db *DB, bomb, arrest string) {
		db = open(t, t.TempDir(), Options{})
		storetest.Load(t, db)
		if _, err := db.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{docs[0].Key("e2"), docs[1].Key("e2")}, Who: "vera"}); err != nil {
			t.Fatal(err)
		}
		of, _ := db.IncidentsOf(ctx, []string{docs[0].Key("e1"), docs[0].Key("e2")})
		return db, of[docs[0].Key("e1")], of[docs[0].Key("e2")]
	}
	cases := []struct {
		name, sql, what string
		key             func(bomb, arrest string) string
	}{
		{"killed", `UPDATE incidents SET data = replace(data, '"best":15', '"best":250') WHERE id = ?1`, "killed", first},
		{"version", `UPDATE incidents SET version = 'x' WHERE id = ?1`, "version", first},
		{"type column", `UPDATE incidents SET type = 'protest' WHERE id = ?1`, "columns", first},
		{"member", `DELETE FROM incident_members WHERE incident_rowid = (SELECT rowid FROM incidents WHERE id = ?2)`, "member rows", second},
		{"block", `DELETE FROM incident_blocks WHERE incident_rowid = (SELECT rowid FROM incidents WHERE id = ?1)`, "blocks", first},
		{"actor", `DELETE FROM incident_actors WHERE incident_rowid = (SELECT rowid FROM incidents WHERE id = ?1)`, "actor rows", first},
		{"redirect", `UPDATE incident_redirects SET into_id = ?1`, "where the id leads", nil},
		{"framing", `UPDATE framing SET uses = 7`, "labels counted", func(string, string) string { return docs[1].ID() }},
		{"incident gone", `DELETE FROM incidents WHERE id = ?1`, "missing", first},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db, bomb, arrest := load(t)
			res, err := db.w.Exec(tc.sql, bomb, arrest)
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				t.Fatalf("%s changed nothing", tc.sql)
			}
			rep, err := views.Verify(ctx, db, 10)
			ps := rep.Problems
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) == 0 {
				t.Fatal("verify found nothing")
			}
			if tc.key != nil && ps[0].Key != tc.key(bomb, arrest) || !strings.Contains(ps[0].What, tc.what) {
				t.Errorf("first problem %s; want %s", ps[0], tc.what)
			}
		})
	}
}

func first(a, _ string) string  { return a }
func second(_, b string) string { return b }
