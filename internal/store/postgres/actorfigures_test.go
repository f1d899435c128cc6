package postgres

import (
	"context"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
	"sitrep/internal/views"
)

// TestActorFiguresMigration runs migration 6 over a database from before
// it, whose incident actor rows have no roles and which keeps no actor
// figures: it reads the roles from the incidents and counts them, as the
// triggers would have.
func TestActorFiguresMigration(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	storetest.Load(t, db)
	ids := []string{"islamic-state", "balochistan-national-party", "pakistan-army", "coastal-families-forum"}
	figures := func() []store.ActorFigures {
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
	want := figures()
	if want[0].Perpetrator == 0 || want[0].Made == 0 {
		t.Fatalf("the fixture's islamic-state has figures %+v", want[0])
	}
	files, err := migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	var sql string
	for _, m := range files {
		if m.version == 6 {
			sql = m.sql
		}
	}
	for _, q := range []string{"DROP TABLE actor_incident_figures, actor_claim_figures",
		"DROP TRIGGER actor_incident_figures ON incident_actors", "DROP TRIGGER actor_claim_figures ON claims",
		"DROP FUNCTION actor_incident_figures, actor_claim_figures",
		"DROP INDEX claims_speaker_published, claims_subject_published, claims_object_published",
		"ALTER TABLE incident_actors DROP COLUMN roles", sql} {
		if _, err := db.pool.Exec(ctx, q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	got := figures()
	for i := range ids {
		if got[i] != want[i] {
			t.Errorf("figures of %s after the migration %+v, want %+v", ids[i], got[i], want[i])
		}
	}
	if rep, err := views.Verify(ctx, db, 10); err != nil || len(rep.Problems) > 0 || rep.Actors == 0 {
		t.Errorf("verify after the migration: %+v, %v", rep, err)
	}
}
