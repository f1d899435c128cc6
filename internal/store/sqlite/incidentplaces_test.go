package sqlite

import (
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// The triggers keep a row per incident and place key, replaced with the
// incident; verify finds a row missing, one out of date and one with no
// incident behind it.
func TestIncidentPlaces(t *testing.T) {
	db := open(t, t.TempDir(), Options{})
	storetest.Load(t, db)
	var want, got int
	if err := db.r.QueryRow("SELECT COUNT(*) FROM (" + incidentPlacesOf + ")").Scan(&want); err != nil {
		t.Fatal(err)
	}
	if err := db.r.QueryRow("SELECT COUNT(*) FROM incident_places").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want == 0 || got != want {
		t.Fatalf("%d rows, want %d", got, want)
	}
	problems := func() []store.IndexProblem { return tableProblems(t, db, "incident_places") }
	if ps := problems(); len(ps) != 0 {
		t.Fatalf("problems in a store the triggers kept: %v", ps)
	}
	execAll(t, db,
		"DELETE FROM incident_places WHERE (place, date_start, id) IN (SELECT place, date_start, id FROM incident_places WHERE place = 'pk' LIMIT 1)",
		"UPDATE incident_places SET type = 'visit' WHERE place = 'quetta' AND type = 'bombing'",
		"INSERT INTO incident_places (place, date_start, id, incident_rowid, date_end, type) VALUES ('atlantis', '2025-01-01', 'inc-x', 0, '2025-01-01', 'protest')",
	)
	var missing, extra int
	for _, p := range problems() {
		switch {
		case p.Expected == "a row":
			missing++
		case p.Found == "a row":
			extra++
		}
	}
	if missing != 2 || extra != 2 {
		t.Errorf("%d rows missing or out of date and %d not wanted, want 2 and 2 (a deleted row, an updated one, a made-up one)", missing, extra)
	}
}
