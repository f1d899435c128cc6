package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// TestSoftHyphenMigration gives a stored document, event and claim the
// vectors made before migration 10, which split words at soft hyphens;
// the migration's step makes them whole again.
func TestSoftHyphenMigration(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	d := storetest.SoftHyphenDoc()
	if err := db.PutBatch(ctx, []store.Item{d.Item()}); err != nil {
		t.Fatal(err)
	}
	split := tsVector(strings.ReplaceAll(d.Text, "\u00ad", " "))
	for _, q := range []string{"UPDATE documents SET fts = $1", "UPDATE events SET evidence = $1", "UPDATE claims SET fts = $1"} {
		if _, err := db.pool.Exec(ctx, q, split); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	found := func() (docs, events, claims int) {
		hits, err := db.Search(ctx, "myanmar", 10)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := db.Events(ctx, store.EventFilter{Text: "myanmar"})
		if err != nil {
			t.Fatal(err)
		}
		cls, err := db.Claims(ctx, store.ClaimFilter{Text: "spokesperson"})
		if err != nil {
			t.Fatal(err)
		}
		return len(hits), len(evs), len(cls)
	}
	if d, e, c := found(); d+e+c != 0 {
		t.Fatalf("the split vectors find the word (%d, %d, %d): the test does not set up the old state", d, e, c)
	}
	if err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error { return revectorSoftHyphens(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	if d, e, c := found(); d != 1 || e != 1 || c != 1 {
		t.Errorf("after the migration: %d documents, %d events, %d claims found; want one each", d, e, c)
	}
}
