package sqlite

import (
	"context"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// verify finds stored timeline counts that disagree with the incidents,
// and a count with no incident behind it; it finds nothing in a store the
// triggers kept.
func TestVerifyIncidentDays(t *testing.T) {
	ctx := context.Background()
	db := open(t, t.TempDir(), Options{})
	storetest.Load(t, db)
	problems := func() []store.IndexProblem {
		var out []store.IndexProblem
		if err := db.VerifyIndexes(ctx, func(p store.IndexProblem) {
			if p.Table == "incident_days" {
				out = append(out, p)
			}
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if ps := problems(); len(ps) != 0 {
		t.Fatalf("problems in a store the triggers kept: %v", ps)
	}
	for _, q := range []string{
		"UPDATE incident_days SET killed = killed + 1 WHERE place = 'quetta' AND type = 'bombing'",
		"INSERT INTO incident_days (place, day, type, incidents, killed) VALUES ('atlantis', '2025-01-01', 'protest', 1, 0)",
	} {
		if _, err := db.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	ps := problems()
	if len(ps) != 2 || ps[0].Row != `"quetta" 2025-09-02 bombing` || ps[0].Found != "1 incidents, 16 killed" || ps[1].Expected != "no row" {
		t.Errorf("problems: %+v", ps)
	}
}
