package sqlite

import (
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// verify finds stored timeline counts that disagree with the incidents,
// and a count with no incident behind it; it finds nothing in a store the
// triggers kept.
func TestVerifyIncidentDays(t *testing.T) {
	db := open(t, t.TempDir(), Options{})
	storetest.Load(t, db)
	problems := func() []store.IndexProblem { return tableProblems(t, db, "incident_days") }
	if ps := problems(); len(ps) != 0 {
		t.Fatalf("problems in a store the triggers kept: %v", ps)
	}
	execAll(t, db,
		"UPDATE incident_days SET killed = killed + 1 WHERE place = 'quetta' AND type = 'bombing'",
		"INSERT INTO incident_days (place, day, type, incidents, killed) VALUES ('atlantis', '2025-01-01', 'protest', 1, 0)",
	)
	ps := problems()
	if len(ps) != 2 || ps[0].Row != `"quetta" 2025-09-02 bombing` || ps[0].Found != "1 incidents, 16 killed" || ps[1].Expected != "no row" {
		t.Errorf("problems: %+v", ps)
	}
}
