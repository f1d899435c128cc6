package sqlite

import (
	"context"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
	"sitrep/internal/views"
)

// TestActorFiguresMigration opens a store from before migration 11, whose
// incident actor rows have no roles and which keeps no actor figures: the
// migration reads the roles from the incidents and counts them, as the
// triggers would have.
func TestActorFiguresMigration(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, dir, Options{})
	storetest.Load(t, db)
	ids := []string{"islamic-state", "balochistan-national-party", "pakistan-army", "coastal-families-forum"}
	figures := func(db *DB) []store.ActorFigures {
		var out []store.ActorFigures
		for _, id := range ids {
			f, err := db.ActorFigures(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, f)
		}
		return out
	}
	want := figures(db)
	if want[0].Perpetrator == 0 || want[0].Made == 0 {
		t.Fatalf("the fixture's islamic-state has figures %+v", want[0])
	}
	execAll(t, db,
		"DROP TRIGGER IF EXISTS actor_figures_incident_in", "DROP TRIGGER IF EXISTS actor_figures_incident_out",
		"DROP TRIGGER IF EXISTS actor_figures_claim_in", "DROP TRIGGER actor_figures_claim_out",
		"DROP TABLE actor_figures", "ALTER TABLE incident_actors DROP COLUMN roles",
		"DELETE FROM schema_migrations WHERE version >= 11",
	)
	db.Close()
	db = open(t, dir, Options{})
	got := figures(db)
	for i := range ids {
		if got[i] != want[i] {
			t.Errorf("figures of %s after the migration %+v, want %+v", ids[i], got[i], want[i])
		}
	}
	if rep, err := views.Verify(ctx, db, 10); err != nil || len(rep.Problems) > 0 || rep.Actors == 0 {
		t.Errorf("verify after the migration: %+v, %v", rep, err)
	}
}

// TestFigureDeltas: the counts a batch of inserted rows adds are those the
// per-row triggers added: a speaker makes its claim, the subject and the
// object are named once each (once in all when they are one actor), a
// missing actor counts for no one, and an incident names its actor in each
// role it has, with an entry even for none.
func TestFigureDeltas(t *testing.T) {
	claim := func(speaker, subject, object any) []any {
		return []any{int64(100), int64(1), "c1", speaker, "accuses", subject, object, "2024-01-02", []byte("{}")}
	}
	incidentActor := func(actor int64, roles int) []any { return []any{actor, "2024-01-02", int64(7), roles} }
	d := map[int64]*[5]int64{}
	figureDeltas(d, insertClaims, [][]any{
		claim(int64(1), int64(2), int64(3)),
		claim(int64(1), int64(2), int64(2)),
		claim(nil, int64(3), nil),
		claim(int64(2), nil, int64(1)),
	})
	figureDeltas(d, insertIncidentActors, [][]any{
		incidentActor(1, store.IncidentPerpetrator|store.IncidentClaimant),
		incidentActor(4, store.IncidentTarget),
		incidentActor(5, 0),
	})
	figureDeltas(d, "INSERT INTO events_fts (rowid, evidence)", [][]any{{int64(1), "text"}})
	want := map[int64][5]int64{
		1: {1, 0, 1, 2, 1},
		2: {0, 0, 0, 1, 2},
		3: {0, 0, 0, 0, 2},
		4: {0, 1, 0, 0, 0},
		5: {},
	}
	if len(d) != len(want) {
		t.Errorf("deltas for %d actors, want %d", len(d), len(want))
	}
	for a, w := range want {
		if got := d[a]; got == nil || *got != w {
			t.Errorf("actor %d: deltas %v, want %v", a, got, w)
		}
	}
}
