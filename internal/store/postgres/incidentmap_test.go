package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// TestIncidentMapMigration runs migration 11 over a database from before
// it: it marks the incidents placed at a province's centre and counts the
// incidents by point, as the trigger would have.
func TestIncidentMapMigration(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	storetest.Load(t, db)
	if err := db.PutBatch(ctx, []store.Item{storetest.ProvinceDoc().Item()}); err != nil {
		t.Fatal(err)
	}
	counts := func(f store.IncidentFilter) string {
		var out []string
		if err := db.CountIncidentPoints(ctx, f, func(c store.PointCount) error {
			out = append(out, fmt.Sprintf("%+v", c))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return strings.Join(out, "\n")
	}
	filters := []store.IncidentFilter{{}, {Place: "balochistan"}, {Type: "protest"}}
	var want []string
	for _, f := range filters {
		want = append(want, counts(f))
	}
	if !strings.Contains(want[0], "Approximate:true") {
		t.Fatalf("no count at a province's centre:\n%s", want[0])
	}
	files, err := migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	var sql string
	for _, m := range files {
		if m.version == 11 {
			sql = m.sql
		}
	}
	for _, q := range []string{"DROP TRIGGER incident_map ON incidents", "DROP FUNCTION incident_map", "DROP TABLE incident_map",
		"ALTER TABLE incidents DROP COLUMN approx", sql} {
		if _, err := db.pool.Exec(ctx, q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	for i, f := range filters {
		if got := counts(f); got != want[i] {
			t.Errorf("counts of %+v after the migration:\n%s\nwant\n%s", f, got, want[i])
		}
	}
}
