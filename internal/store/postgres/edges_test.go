package postgres

import (
	"context"
	"encoding/json"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
	"sitrep/internal/views"
)

// TestEdgesMigration runs migration 5 on a store written before it, with
// no claim edges, actor dates or incident killed column: it sums them from
// the stored claims, documents and incidents as the writes that keep them
// would have. Then a filter column changed apart from the incident's row
// fails the views' verification.
func TestEdgesMigration(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	storetest.Load(t, db)
	edges := func() string {
		var out []store.ClaimEdge
		if err := db.ClaimEdges(ctx, nil, 0, func(e store.ClaimEdge) error { out = append(out, e); return nil }); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(out)
		return string(b)
	}
	want := edges()
	if want == "null" {
		t.Fatal("the fixture states no claim edge")
	}
	files, err := migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	var sql string
	for _, m := range files {
		if m.version == 5 {
			sql = m.sql
		}
	}
	for _, q := range []string{"DROP TABLE claim_edges, claim_edge_docs, claim_edge_speakers, actor_dates", "ALTER TABLE incidents DROP COLUMN killed", sql} {
		if _, err := db.pool.Exec(ctx, q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	if got := edges(); got != want {
		t.Errorf("claim edges after the migration:\n%s\nwant %s", got, want)
	}
	if got, err := db.Actors(ctx, store.ActorFilter{ID: "islamic-state"}); err != nil || len(got) != 1 || got[0].FirstSeen != "2025-09-01" || got[0].LastSeen != "2025-09-03" {
		t.Errorf("first and last seen after the migration: %+v, %v", got, err)
	}
	rep, err := views.Verify(ctx, db, 10)
	if err != nil || len(rep.Problems) > 0 || rep.Incidents == 0 || rep.Edges == 0 {
		t.Errorf("views after the migration: %+v, %v", rep, err)
	}
	if _, err := db.pool.Exec(ctx, "UPDATE incidents SET killed = 999 WHERE type = 'bombing'"); err != nil {
		t.Fatal(err)
	}
	if rep, err := views.Verify(ctx, db, 10); err != nil || len(rep.Problems) != 1 || rep.Problems[0].Table != "incident" {
		t.Errorf("a killed column changed: %+v, %v", rep.Problems, err)
	}
}
