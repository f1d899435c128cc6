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
	for _, q := range []string{
		"DROP TRIGGER actor_figures_incident_in", "DROP TRIGGER actor_figures_incident_out",
		"DROP TRIGGER actor_figures_claim_in", "DROP TRIGGER actor_figures_claim_out",
		"DROP TABLE actor_figures", "ALTER TABLE incident_actors DROP COLUMN roles",
		"DELETE FROM schema_migrations WHERE version >= 11",
	} {
		if _, err := db.w.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
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
