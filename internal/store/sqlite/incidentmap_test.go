package sqlite

import (
	"context"
	"slices"
	"strings"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// verify finds stored map counts that disagree with the incidents, and a
// count with no incident behind it; it finds nothing in a store the
// triggers kept, nor after the migration's step counted the incidents
// again.
func TestVerifyIncidentMap(t *testing.T) {
	ctx := context.Background()
	db := open(t, t.TempDir(), Options{})
	storetest.Load(t, db)
	problems := func() []store.IndexProblem { return tableProblems(t, db, "incident_map") }
	if ps := problems(); len(ps) != 0 {
		t.Fatalf("problems in a store the triggers kept: %v", ps)
	}
	execAll(t, db,
		"UPDATE incident_map SET killed = killed + 1 WHERE place = '' AND type = 'bombing'",
		"INSERT INTO incident_map (place, located, lat, lon, approx, type, incidents, killed) VALUES ('', 1, 1, 2, 0, 'protest', 1, 0)",
	)
	var got []string
	for _, p := range problems() {
		got = append(got, p.Row+": "+p.Expected+", found "+p.Found)
	}
	slices.Sort(got)
	want := []string{
		`"" bombing at 30.18,67 (centre of a province or country: false): none, found these counts`,
		`"" bombing at 30.18,67 (centre of a province or country: false): these counts, found none, or others`,
		`"" protest at 1,2 (centre of a province or country: false): none, found these counts`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("DELETE FROM incident_map"); err != nil {
		t.Fatal(err)
	}
	if err := fillIncidentMap(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if ps := problems(); len(ps) != 0 {
		t.Errorf("problems after the migration's step: %v", ps)
	}
}
